"""The two rows of the table that need the desk's window: cold start and list memory.

Each run is a process of its own under ``QT_QPA_PLATFORM=offscreen``, so Qt never loads into
the harness and every start is cold (as cold as the operating system's file cache lets it be).
Both sides return ``(measurement, answer)`` (:attr:`bench.operations.Operation.own_measure`).

- **cold_start**: ``python main.py --db COPY --bench-ready-file F`` with the supervisor's
  credentials typed into the real login dialog (``gui.app.BenchStart``: the password is checked
  as always); seconds from just before the process is started to the moment the main window is
  shown with its navigation counts and its first screen loaded (the time the desk writes into
  ``F``). The desk runs as in production, its scheduler included, so it runs on a copy of the
  data set (its jobs and its login write into the database), in a temporary folder that also
  holds its logs, backups and exports. One untimed start first lets the copy's jobs catch up
  (the data set's "now" lies behind the wall clock: the first sweep has days to do); the timed
  starts then find the jobs' leases held, as a desk does when the service runs them. SQLite
  data sets only. Baseline: the floor of any Qt application, ``QApplication`` and an empty
  ``QMainWindow`` shown, timed the same way. Answer: the 全部工单 count the window shows, and
  the number of orders by SQL on the other side.
- **list_memory**: ``python -m bench.desk_child`` scrolls the supervisor's 全部工单 page
  through its first SCROLLED_ROWS rows (100,000); the peak resident set size in MB. Baseline:
  the peak of a process that imports Qt and shows an empty ``QTableView`` of the same size.
  Answer: the list's row count and the rows it fetched, against the number of orders by SQL
  and the number of rows scrolled through.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text

from db.backup import sqlite_file
from db.setup import Database

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 900  # a child that takes longer has hung
ALL_ORDERS = "全部工单"
SCROLLED_ROWS = 100_000  # the target's length: "scrolling through 100,000 rows of a list"

QT_FLOOR_START = (
    "import time\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "w = QMainWindow()\n"
    "w.resize(1280, 800)\n"
    "w.show()\n"
    "app.processEvents()\n"
    "print(time.time())\n")
QT_FLOOR_MEMORY = (
    "import resource\n"
    "from PySide6.QtWidgets import QApplication, QTableView\n"
    "app = QApplication([])\n"
    "v = QTableView()\n"
    "v.resize(1070, 740)\n"
    "v.show()\n"
    "app.processEvents()\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n")

Measured = Callable[[], tuple[float, Any]]


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", **extra}


def _run(args: list[str], env: dict[str, str]) -> str:
    """Run a child to its end; its standard output, or an error with its standard error."""
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=TIMEOUT_S, stdin=subprocess.DEVNULL, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:3])} … exited {done.returncode}: "
                           f"{done.stderr.strip()[-2000:]}")
    return done.stdout


def order_count(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(text("SELECT COUNT(*) FROM work_order")).scalar_one())


# --- cold start -----------------------------------------------------------------------------


class _DeskCopy:
    """The data set's copy the timed desks run on, made (and warmed) at the first start."""

    def __init__(self, source: Path, user: str, password: str) -> None:
        self._source, self._user, self._password = source, user, password
        self._folder: tempfile.TemporaryDirectory[str] | None = None

    def _make(self) -> Path:
        self._folder = tempfile.TemporaryDirectory(prefix="hotline-cold-start-")
        where = Path(self._folder.name)
        source, copy = sqlite3.connect(self._source), sqlite3.connect(where / "desk.db")
        try:
            source.backup(copy)  # a consistent copy even while another harness writes
        finally:
            copy.close()
            source.close()
        self.start()  # untimed: the copy's jobs catch up
        return where

    @property
    def folder(self) -> Path:
        return Path(self._folder.name) if self._folder is not None else self._make()

    def start(self) -> tuple[float, dict[str, int]]:
        """Start the desk on the copy; seconds until it was ready, and its counts."""
        where = self.folder
        ready = where / "ready.json"
        ready.unlink(missing_ok=True)
        env = _env(HOTLINE_BENCH_SIGN_IN=f"{self._user}:{self._password}",
                   XDG_DATA_HOME=str(where / "data"), XDG_STATE_HOME=str(where / "state"),
                   XDG_CONFIG_HOME=str(where / "config"),
                   HOTLINE_BACKUP_DIR=str(where / "backups"),
                   HOTLINE_EXPORT_DIR=str(where / "weekly"), HOTLINE_LANG="zh_CN")
        args = [sys.executable, str(ROOT / "main.py"), "--db", f"sqlite:///{where / 'desk.db'}",
                "--bench-ready-file", str(ready)]
        started = time.time()
        _run(args, env)
        shown = json.loads(ready.read_text(encoding="utf-8"))
        return shown["at"] - started, shown["counts"]


def cold_start(db: Database, user: str, password: str) -> tuple[Measured | None, Measured]:
    """The desk's side (None when the data set is not a SQLite file) and the Qt floor."""
    source = sqlite_file(db.url)
    copy = _DeskCopy(source, user, password) if source is not None else None

    def desk() -> tuple[float, Any]:
        assert copy is not None
        seconds, counts = copy.start()
        return seconds, (ALL_ORDERS, counts["all"])

    def floor() -> tuple[float, Any]:
        started = time.time()
        shown = float(_run([sys.executable, "-c", QT_FLOOR_START], _env()))
        return shown - started, (ALL_ORDERS, order_count(db))

    return (desk if copy is not None else None), floor


# --- list memory ----------------------------------------------------------------------------


def list_memory(db: Database, user: str, now: datetime) -> tuple[Measured, Measured]:
    """The desk's list scrolled to its end, and the Qt floor (peak resident MB)."""

    def desk() -> tuple[float, Any]:
        out = json.loads(_run([sys.executable, "-m", "bench.desk_child", db.url, user,
                               now.isoformat()], _env()))
        # every row up to SCROLLED_ROWS arrived (the last screen's batch may reach past it)
        return out["peak_mb"], (out["rows"], min(out["fetched"], SCROLLED_ROWS))

    def floor() -> tuple[float, Any]:
        mb = float(_run([sys.executable, "-c", QT_FLOOR_MEMORY], _env()))
        total = order_count(db)
        return mb, (total, min(total, SCROLLED_ROWS))

    return desk, floor
