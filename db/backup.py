"""SQLite backups and restores with the ``sqlite3`` online backup API.

The policy (names, rotation, when) is ``core/backup.py``; this module copies and checks files.
:class:`SqliteBackupStore` copies the live database with ``Connection.backup`` (a consistent
snapshot while the desk goes on writing: in WAL mode readers never block writers) into a
self-contained file (journal mode DELETE, no ``-wal`` beside it). :func:`check_file` is the
test every copy and every file offered to :func:`restore` must pass: a SQLite file, ``PRAGMA
integrity_check`` ok, the desk's tables, an Alembic revision this build knows.

:func:`restore` checks a copy of the offered file *before* touching the live database, refuses
while a desk or the job service holds the database (its job leases are current, or a writer
holds the lock), keeps the replaced database as ``desk.db.before-restore-<timestamp>`` and
only then moves the checked copy into place. The desk must be closed meanwhile
(``docs/backup.md``).
"""

from __future__ import annotations

import logging
import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from core.backup import FileCheck, RestoreRefused, sync_folder
from core.calendar import SHANGHAI
from db.engine import normalise_url
from db.migrate import alembic_config

log = logging.getLogger(__name__)

DESK_TABLES = frozenset({"alembic_version", "work_order", "event", "assignment", "app_user"})
_HEADER = b"SQLite format 3\x00"
_LOCK_WAIT_S = 0.5


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (or bare path); None for another backend or ``:memory:``."""
    u = make_url(normalise_url(url))
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def known_revisions() -> frozenset[str]:
    from alembic.script import ScriptDirectory  # only when a backup is checked

    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(rev.revision for rev in script.walk_revisions())


def _open_read_only(path: Path) -> sqlite3.Connection:
    """Read ``path`` without changing it: ``mode=ro``, else (a WAL file whose ``-shm`` cannot
    be made) ``immutable=1``."""
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        return sqlite3.connect(f"{uri}?immutable=1", uri=True)


def _problem(en: str, zh: str, revision: str | None = None) -> FileCheck:
    return FileCheck(problem_en=en, problem_zh=zh, revision=revision)


def check_file(path: Path, shown: str | None = None) -> FileCheck:
    """Whether ``path`` is a sound desk database this build can open (see the module);
    messages name it ``shown`` (default: its file name)."""
    name = shown or path.name
    try:
        with open(path, "rb") as f:
            header = f.read(len(_HEADER))
    except OSError as exc:
        return _problem(f"cannot read {path}: {exc.strerror or exc}",
                        f"无法读取 {path}：{exc.strerror or exc}")
    if header != _HEADER:
        return _problem(f"{name} is not a SQLite database", f"{name} 不是 SQLite 数据库文件")
    try:
        with closing(_open_read_only(path)) as conn:
            return _check_open(conn, name)
    except sqlite3.DatabaseError as exc:
        return _problem(f"{name} cannot be read as a database: {exc}",
                        f"{name} 无法作为数据库读取：{exc}")


def _check_open(conn: sqlite3.Connection, name: str) -> FileCheck:
    result = [row[0] for row in conn.execute("PRAGMA integrity_check(20)")]
    if result != ["ok"]:
        first = "; ".join(str(r) for r in result[:3])
        return _problem(f"PRAGMA integrity_check finds {name} damaged: {first}",
                        f"完整性检查（integrity_check）发现 {name} 已损坏：{first}")
    tables = {row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = sorted(DESK_TABLES - tables)
    if missing:
        names = ", ".join(missing)
        return _problem(f"{name} is not a database of this desk (no tables {names})",
                        f"{name} 不是本系统的数据库（缺少数据表 {names}）")
    revisions = [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]
    revision = revisions[0] if len(revisions) == 1 else None
    if revision is None:
        return _problem(f"{name} has no single schema revision ({revisions})",
                        f"{name} 的结构版本记录异常（{revisions}）")
    if revision not in known_revisions():
        return _problem(
            f"{name} is at schema revision {revision}, which this version of the desk does "
            "not know (made by a newer version?); update the desk first",
            f"{name} 的结构版本为 {revision}，本版本软件无法识别（可能由更新的版本生成），"
            "请先升级软件", revision)
    orders = int(conn.execute("SELECT count(*) FROM work_order").fetchone()[0])
    return FileCheck(revision=revision, orders=orders)


class SqliteBackupStore:
    """:class:`core.backup.BackupStore` for the SQLite file ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def copy_to(self, target: Path) -> None:
        if not self.path.is_file():
            raise FileNotFoundError(f"no database at {self.path}")
        with closing(sqlite3.connect(self.path, timeout=30)) as src, \
                closing(sqlite3.connect(target)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one file, nothing beside it
            dst.commit()
        _fsync(target)

    def check(self, path: Path) -> FileCheck:
        return check_file(path)


@dataclass(frozen=True)
class RestoreReport:
    target: Path
    kept: Path | None  # the replaced database, if there was one
    check: FileCheck


def _refuse(en: str, zh: str) -> RestoreRefused:
    return RestoreRefused(reason_en=en, reason_zh=zh)


def restore(candidate: Path, target: Path, now: datetime) -> RestoreReport:
    """Replace the database file ``target`` by a checked copy of ``candidate`` (see the
    module). RestoreRefused, with nothing changed, when the file fails a check or the
    database is in use. ``now`` names the kept file and dates the job leases."""
    if not candidate.is_file():
        raise _refuse(f"the file {candidate} does not exist", f"文件 {candidate} 不存在")
    if target.exists() and candidate.resolve() == target.resolve():
        raise _refuse("the file is the desk's database itself", "该文件就是当前使用的数据库")
    staging = target.with_name(target.name + ".restore-tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging.unlink(missing_ok=True)
        _copy_file_database(candidate, staging)
        check = check_file(staging, candidate.name)
        if not check.ok:
            raise _refuse(check.problem_en, check.problem_zh)
        kept = None
        if target.exists():
            user = in_use(target, now)
            if user is not None:
                raise _refuse(
                    f"the database is in use ({user[0]}); close the desk and the job service, "
                    "then try again",
                    f"数据库正在使用中（{user[1]}），请先关闭工单系统和后台服务后再试")
            kept = _set_aside(target, now)
        os.replace(staging, target)
        sync_folder(target.parent)
    finally:
        staging.unlink(missing_ok=True)
    log.info("restored %s from %s (kept %s)", target, candidate, kept)
    return RestoreReport(target, kept, check)


def _copy_file_database(candidate: Path, staging: Path) -> None:
    """The candidate as one self-contained file, through SQLite (not a byte copy: a WAL file
    is read with what SQLite would see). A file that is not a database is copied as it is,
    for :func:`check_file` to name the problem."""
    try:
        with closing(_open_read_only(candidate)) as src, \
                closing(sqlite3.connect(staging)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            dst.commit()
    except sqlite3.DatabaseError:
        staging.unlink(missing_ok=True)
        staging.write_bytes(candidate.read_bytes())
    _fsync(staging)


def in_use(target: Path, now: datetime) -> tuple[str, str] | None:
    """Who uses the database ``target`` now (English, Chinese), or None. A job lease still
    current at ``now`` means a desk or the job service runs on it; a lock that cannot be
    taken within half a second means another program is writing. A file SQLite cannot read
    at all is in nobody's use."""
    try:
        with closing(sqlite3.connect(target, timeout=_LOCK_WAIT_S, isolation_level=None)) as c:
            lease = _current_lease(c, now)
            if lease is not None:
                return lease
            try:
                c.execute("BEGIN IMMEDIATE")
                c.execute("ROLLBACK")
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    return ("another program is writing to it", "有其他程序正在写入")
                raise
    except sqlite3.DatabaseError:
        log.warning("the database %s cannot be read; restoring over it", target)
    return None


def _current_lease(conn: sqlite3.Connection, now: datetime) -> tuple[str, str] | None:
    try:
        rows = conn.execute("SELECT name, holder, expires_at FROM job_lease").fetchall()
    except sqlite3.OperationalError:  # no such table: an old or foreign schema
        return None
    for name, holder, expires in rows:
        try:
            until = datetime.fromisoformat(str(expires)).replace(tzinfo=UTC)
        except ValueError:
            continue
        if until > now:
            local = until.astimezone(SHANGHAI).strftime("%H:%M:%S")
            return (f"{holder} runs the job {name}, lease until {local}",
                    f"{holder} 正在运行定时任务 {name}，租约到 {local}")
    return None


def _set_aside(target: Path, now: datetime) -> Path:
    """Fold the WAL into ``target`` and rename it (with any ``-wal``/``-shm`` left) to
    ``<name>.before-restore-<timestamp>``."""
    try:
        with closing(sqlite3.connect(target, timeout=_LOCK_WAIT_S)) as c:
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.DatabaseError:
        log.warning("could not checkpoint %s before setting it aside", target)
    stamp = now.astimezone(SHANGHAI).strftime("%Y%m%d-%H%M%S")
    kept = target.with_name(f"{target.name}.before-restore-{stamp}")
    n = 2
    while kept.exists():
        kept = target.with_name(f"{target.name}.before-restore-{stamp}-{n}")
        n += 1
    os.replace(target, kept)
    for side in ("-wal", "-shm"):
        extra = target.with_name(target.name + side)
        if extra.exists():
            os.replace(extra, kept.with_name(kept.name + side))
    return kept


def _fsync(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())

