"""The data set a benchmark runs on: a cached SQLite file per size and seed, or a given database.

The cache lives in ``$HOTLINE_BENCH_DIR`` or the ``bench`` folder of the user cache folder,
one file per (generator version, orders, seed). A file is built under a temporary name and
renamed when complete, so an interrupted build never passes for a data set. A given database
(``--db``) is filled when empty and reused when it holds exactly the asked number of orders.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from platformdirs import user_cache_dir

from db import synth
from db.setup import Database, open_database

FOLDER_ENV = "HOTLINE_BENCH_DIR"


class DataSetMismatch(Exception):
    """The given database holds another data set than the one asked for."""


def folder() -> Path:
    raw = os.environ.get(FOLDER_ENV)
    return Path(raw).expanduser() if raw else Path(user_cache_dir("hotline8890",
                                                                  appauthor=False)) / "bench"


def cached_path(orders: int, seed: int, where: Path | None = None) -> Path:
    return (where or folder()) / f"synth-g{synth.GENERATOR}-{orders}-s{seed}.db"


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def prepare(orders: int, seed: int, url: str | None = None, *, where: Path | None = None,
            progress: Callable[[str], None] = print) -> Database:
    """Open the data set, building it first when needed."""
    if url is not None:
        db = open_database(url)
        if synth.is_empty(db):
            progress(f"generating {orders} orders into {db.label} …")
            progress(synth.synthesize(db, orders, seed=seed).describe())
            return db
        with db.uow(write=False) as uow:
            have = uow.orders.count()
        if have != orders:
            db.dispose()
            raise DataSetMismatch(f"{db.label} holds {have} orders, not {orders}; give an empty "
                                  "database or the matching --orders")
        return db
    path = cached_path(orders, seed, where)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _build_lock(path):  # two harnesses asking for the same data set build it once
        if not path.exists():
            partial = path.with_name(path.name + ".partial")
            _remove(partial)
            progress(f"generating {orders} orders into {path} …")
            db = open_database(f"sqlite:///{partial}")
            try:
                progress(synth.synthesize(
                    db, orders, seed=seed,
                    progress=lambda done, total: progress(f"  {done}/{total}")).describe())
            finally:
                db.dispose()
            _remove(path)
            partial.rename(path)
    return open_database(f"sqlite:///{path}")


@contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on ``<path>.lock`` (POSIX; elsewhere no lock: one harness at a time)."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    with open(f"{path}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
