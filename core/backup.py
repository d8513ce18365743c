"""Backups of the desk's SQLite database: names, rotation, the nightly job (``docs/backup.md``).

A backup is one self-contained SQLite file ``desk-YYYYMMDD-HHMMSS.db`` (Asia/Shanghai time of
the backup) in a folder. It is written under a temporary name, checked (``PRAGMA
integrity_check``, a desk schema whose revision this build knows) and only then given its
name, so a file with a backup's name is always a good copy. The folder keeps the newest
:data:`KEEP` of them.

The copying and checking is SQLite's business (``db/backup.py`` implements
:class:`BackupStore`); this module holds the policy. The nightly job runs at desk start and
every hour, lease-protected like the other jobs (``core/jobs.py``), and makes a backup when
the folder has none since the last 02:00 Asia/Shanghai: a workstation that is switched off
at night is backed up when it starts in the morning.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Protocol

from core.calendar import SHANGHAI
from core.clock import Clock
from core.errors import DeskError

log = logging.getLogger(__name__)

KEEP = 14
RUN_AT = time(2, 0)  # Asia/Shanghai
PREFIX = "desk-"
SUFFIX = ".db"
PARTIAL = ".partial"
_NAME = re.compile(r"^desk-(\d{8})-(\d{6})(?:-\d+)?\.db$")


class BackupFailed(DeskError):
    code = "backup_failed"
    en = "The backup {path} failed: {reason_en}"
    zh = "备份 {path} 失败：{reason_zh}"


class RestoreRefused(DeskError):
    code = "restore_refused"
    en = "Nothing was restored: {reason_en}"
    zh = "未执行恢复：{reason_zh}"


@dataclass(frozen=True)
class FileCheck:
    """What checking a database file found. ``problem_en``/``problem_zh`` are empty when it is
    a sound desk database; ``revision`` is its schema revision, ``orders`` its work orders."""

    problem_en: str = ""
    problem_zh: str = ""
    revision: str | None = None
    orders: int = 0

    @property
    def ok(self) -> bool:
        return not self.problem_en


class BackupStore(Protocol):
    """The live database as the backup sees it (``db/backup.py``)."""

    def copy_to(self, target: Path) -> None:
        """An online copy of the live database into the new file ``target`` (the desk may go
        on writing meanwhile)."""
        ...

    def check(self, path: Path) -> FileCheck:
        """Integrity and schema of the database file ``path``."""
        ...


@dataclass(frozen=True)
class BackupReport:
    path: Path
    size: int
    orders: int
    pruned: tuple[Path, ...]


def backup_name(now: datetime) -> str:
    return f"{PREFIX}{now.astimezone(SHANGHAI):%Y%m%d-%H%M%S}{SUFFIX}"


def taken_at(path: Path) -> datetime | None:
    """When the backup ``path`` was made (from its name), or None if it is not a backup."""
    m = _NAME.match(path.name)
    if not m:
        return None
    try:
        return datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S").replace(
            tzinfo=SHANGHAI)
    except ValueError:
        return None


def backups(folder: Path) -> list[Path]:
    """The backups in ``folder``, oldest first."""
    if not folder.is_dir():
        return []
    found = [(at, p.name, p) for p in folder.iterdir()
             if p.is_file() and (at := taken_at(p)) is not None]
    return [p for _, _, p in sorted(found)]


def prune(folder: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` backups (``keep`` 0 or less: delete none)."""
    if keep <= 0:
        return []
    old = backups(folder)[:-keep]
    for p in old:
        p.unlink(missing_ok=True)
    return old


def last_run_point(now: datetime) -> datetime:
    """The latest 02:00 Asia/Shanghai at or before ``now``."""
    local = now.astimezone(SHANGHAI)
    point = datetime.combine(local.date(), RUN_AT, tzinfo=SHANGHAI)
    return point if point <= local else point - timedelta(days=1)


def due(folder: Path, now: datetime) -> bool:
    """True when ``folder`` holds no backup made since the last 02:00."""
    point = last_run_point(now)
    return not any((at := taken_at(p)) is not None and at >= point for p in backups(folder))


def make_backup(store: BackupStore, clock: Clock, folder: Path, *, keep: int = KEEP
                ) -> BackupReport:
    """Copy, check, name, prune. On any failure no file with a backup's name is left behind
    and BackupFailed says why."""
    now = clock.now()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupFailed(path=str(folder), reason_en=str(exc), reason_zh=str(exc)) from exc
    final = _free_name(folder, backup_name(now))
    partial = final.with_name(final.name + PARTIAL)
    try:
        partial.unlink(missing_ok=True)
        store.copy_to(partial)
        check = store.check(partial)
        if not check.ok:
            raise BackupFailed(path=str(final), reason_en=check.problem_en,
                               reason_zh=check.problem_zh)
        os.replace(partial, final)
        sync_folder(folder)
    except BackupFailed:
        partial.unlink(missing_ok=True)
        raise
    except Exception as exc:  # sqlite3 and OS errors: say what, keep nothing half-written
        partial.unlink(missing_ok=True)
        raise BackupFailed(path=str(final), reason_en=f"{type(exc).__name__}: {exc}",
                           reason_zh=f"{type(exc).__name__}：{exc}") from exc
    pruned = prune(folder, keep)
    log.info("backup written to %s (%d orders); pruned %d", final, check.orders, len(pruned))
    return BackupReport(final, final.stat().st_size, check.orders, tuple(pruned))


def nightly_backup(store: BackupStore, clock: Clock, folder: Path, *, keep: int = KEEP
                   ) -> BackupReport | None:
    """The scheduler job: a backup when :func:`due`, else nothing (None)."""
    if not due(folder, clock.now()):
        return None
    return make_backup(store, clock, folder, keep=keep)


def _free_name(folder: Path, name: str) -> Path:
    """``name`` in ``folder``, or with ``-2``, ``-3`` ... when a backup of that second exists."""
    path = folder / name
    n = 2
    while path.exists():
        path = folder / name.replace(SUFFIX, f"-{n}{SUFFIX}")
        n += 1
    return path


def sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

