"""Backups and restores of the SQLite database (issue 9): the online backup with rotation, the
nightly job, ``main.py backup`` and ``main.py restore`` that checks a file before replacing
anything."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import main
from core.backup import (
    KEEP,
    BackupFailed,
    FileCheck,
    RestoreRefused,
    backups,
    make_backup,
    nightly_backup,
)
from core.calendar import SHANGHAI
from core.clock import FakeClock
from core.jobs import BACKUP
from db.backup import SqliteBackupStore, check_file, restore
from db.setup import Database, open_database
from tests.support.centre import Centre, build_centre


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[tuple[Centre, Path]]:
    path = tmp_path / "desk.db"
    db = open_database(f"sqlite:///{path}")
    clock = FakeClock(datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI))
    try:
        yield build_centre(db, clock), path
    finally:
        db.dispose()


def orders_in(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT count(*) FROM work_order").fetchone()[0])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_online_backup_is_a_checked_self_contained_copy(desk: tuple[Centre, Path],
                                                            tmp_path: Path) -> None:
    c, path = desk
    for _ in range(3):
        c.dispatched()
    with c.db.uow(write=False) as uow:  # the desk is reading meanwhile
        uow.orders.count()
        report = make_backup(SqliteBackupStore(path), c.clock, tmp_path / "backups")
    assert report.path.name == "desk-20261102-090000.db"
    assert report.orders == 3 and report.size > 0
    assert check_file(report.path).ok
    assert sorted(p.name for p in report.path.parent.iterdir()) == [report.path.name]
    with closing(sqlite3.connect(report.path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_the_folder_keeps_the_newest_fourteen(desk: tuple[Centre, Path], tmp_path: Path) -> None:
    c, path = desk
    folder = tmp_path / "backups"
    (folder / "notes").mkdir(parents=True)
    (folder / "mine.db").write_text("not a backup")
    made = []
    for _ in range(KEEP + 2):
        made.append(make_backup(SqliteBackupStore(path), c.clock, folder).path)
        c.clock.advance(days=1)
    assert backups(folder) == made[2:]
    assert (folder / "mine.db").exists() and (folder / "notes").is_dir()


def test_two_backups_in_one_second_both_stay(desk: tuple[Centre, Path], tmp_path: Path) -> None:
    c, path = desk
    first = make_backup(SqliteBackupStore(path), c.clock, tmp_path / "b").path
    second = make_backup(SqliteBackupStore(path), c.clock, tmp_path / "b").path
    assert (first.name, second.name) == ("desk-20261102-090000.db", "desk-20261102-090000-2.db")


def test_the_nightly_job_backs_up_once_after_each_two_oclock(desk: tuple[Centre, Path],
                                                             tmp_path: Path) -> None:
    c, path = desk
    store, folder = SqliteBackupStore(path), tmp_path / "backups"
    assert nightly_backup(store, c.clock, folder) is not None  # started in the morning: catch up
    assert nightly_backup(store, c.clock, folder) is None
    c.clock.set(datetime(2026, 11, 3, 1, 59, tzinfo=SHANGHAI))
    assert nightly_backup(store, c.clock, folder) is None
    c.clock.set(datetime(2026, 11, 3, 2, 0, tzinfo=SHANGHAI))
    assert nightly_backup(store, c.clock, folder).path.name == "desk-20261103-020000.db"
    assert len(backups(folder)) == 2


class _BrokenCopy:
    def copy_to(self, target: Path) -> None:
        target.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)

    def check(self, path: Path) -> FileCheck:
        return check_file(path)


def test_a_copy_that_fails_its_check_leaves_no_backup(desk: tuple[Centre, Path],
                                                      tmp_path: Path) -> None:
    c, _ = desk
    folder = tmp_path / "backups"
    with pytest.raises(BackupFailed) as info:
        make_backup(_BrokenCopy(), c.clock, folder)
    assert "备份" in info.value.message_zh and "backup" in info.value.message_en
    assert list(folder.iterdir()) == []


def test_restore_replaces_the_database_and_keeps_the_old_one(desk: tuple[Centre, Path],
                                                             tmp_path: Path) -> None:
    c, path = desk
    c.dispatched()
    backup = make_backup(SqliteBackupStore(path), c.clock, tmp_path / "backups").path
    c.dispatched()  # made after the backup: lost by the restore, kept in the old file
    c.db.dispose()  # the desk is closed
    now = datetime(2026, 11, 2, 10, 0, tzinfo=SHANGHAI)
    report = restore(backup, path, now)
    assert orders_in(path) == 1 and check_file(path).ok
    assert report.kept == path.with_name("desk.db.before-restore-20261102-100000")
    assert orders_in(report.kept) == 2
    assert not path.with_name("desk.db-wal").exists()
    reopened = open_database(f"sqlite:///{path}")  # the desk opens it again
    try:
        with reopened.uow(write=False) as uow:
            assert uow.orders.count() == 1
    finally:
        reopened.dispose()


def _other_sqlite(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
        conn.commit()
    return path


def _newer_revision(backup: Path) -> Path:
    with closing(sqlite3.connect(backup)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
        conn.commit()
    return backup


def _damaged(backup: Path) -> Path:
    data = bytearray(backup.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, 3 * page):  # every third page after page 2
        data[start + 8:start + page] = b"\xa5" * (page - 8)
    backup.write_bytes(bytes(data))
    return backup


@pytest.mark.parametrize(("spoil", "zh", "en"), [
    (lambda b, tmp: tmp / "missing.db", "不存在", "does not exist"),
    (lambda b, tmp: (tmp / "text.db").write_text("hello") and tmp / "text.db",
     "不是 SQLite 数据库", "is not a SQLite database"),
    (lambda b, tmp: _other_sqlite(tmp / "other.db"), "不是本系统的数据库",
     "not a database of this desk"),
    (lambda b, tmp: _newer_revision(b), "请先升级软件", "update the desk first"),
    (lambda b, tmp: _damaged(b), "损坏", "damaged"),
], ids=["missing", "not sqlite", "another schema", "newer revision", "damaged"])
def test_restore_checks_the_file_before_replacing_anything(
        desk: tuple[Centre, Path], tmp_path: Path, spoil, zh: str, en: str) -> None:  # noqa: ANN001
    c, path = desk
    for _ in range(40):
        c.dispatched(content="电梯困人。" * 40)  # enough pages to damage some
    backup = make_backup(SqliteBackupStore(path), c.clock, tmp_path / "backups").path
    c.db.dispose()
    before = digest(path)
    offered = spoil(backup, tmp_path)
    with pytest.raises(RestoreRefused) as info:
        restore(offered, path, datetime.now(UTC))
    err = info.value
    if "damaged" not in en:  # a damaged file may also be unreadable as a database
        assert zh in err.message_zh and en in err.message_en
    else:
        assert "损坏" in err.message_zh or "无法作为数据库读取" in err.message_zh
    assert err.message_zh.startswith("未执行恢复") and err.message_en.startswith("Nothing was")
    assert digest(path) == before
    assert sorted(p.name for p in path.parent.glob("desk.db*")) == ["desk.db"]


def test_restore_refuses_while_a_desk_holds_the_database(desk: tuple[Centre, Path],
                                                         tmp_path: Path) -> None:
    c, path = desk
    backup = make_backup(SqliteBackupStore(path), c.clock, tmp_path / "backups").path
    now = datetime.now(UTC)
    with c.db.uow() as uow:  # a running desk renews its job leases every minute
        uow.leases.acquire("deadline_sweep", "desk-pc:4242:abcd", now, timedelta(minutes=3))
        uow.commit()
    c.db.dispose()
    before = digest(path)
    with pytest.raises(RestoreRefused) as info:
        restore(backup, path, now)
    assert "desk-pc:4242:abcd" in info.value.message_en and "请先关闭" in info.value.message_zh
    assert digest(path) == before
    # once the lease has run out (the desk was closed), the restore goes ahead
    assert restore(backup, path, now + timedelta(minutes=4)).kept is not None


def test_restore_refuses_while_another_program_writes(desk: tuple[Centre, Path],
                                                      tmp_path: Path) -> None:
    c, path = desk
    backup = make_backup(SqliteBackupStore(path), c.clock, tmp_path / "backups").path
    c.db.dispose()
    with closing(sqlite3.connect(path, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        with pytest.raises(RestoreRefused) as info:
            restore(backup, path, datetime.now(UTC))
        writer.execute("ROLLBACK")
    assert "writing" in info.value.message_en


def test_the_command_line(desk: tuple[Centre, Path], tmp_path: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    c, path = desk
    c.dispatched()
    c.db.dispose()
    folder = tmp_path / "cli-backups"
    assert main.main(["--db", str(path), "backup", "--to", str(folder)]) == main.EXIT_OK
    out = capsys.readouterr().out
    [made] = backups(folder)
    assert str(made) in out and "完整性检查通过" in out and "integrity check ok" in out
    assert main.main(["restore", str(made), "--db", str(path)]) == main.EXIT_OK
    assert "before-restore" in capsys.readouterr().out
    junk = tmp_path / "junk.db"
    junk.write_text("junk")
    assert main.main(["restore", str(junk), "--db", str(path)]) == main.EXIT_ERROR
    err = capsys.readouterr().err
    assert "错误：未执行恢复" in err and "error: Nothing was restored" in err
    assert main.main(["restore", str(tmp_path / "nope.db"), "--db", str(path)]) == \
        main.EXIT_USAGE
    assert main.main(["restore", str(made), "--db", "postgresql://u@localhost/h"]) == \
        main.EXIT_USAGE
    assert "pg_restore" in capsys.readouterr().err


def test_the_desk_schedules_the_nightly_backup_for_sqlite_only(
        desk: tuple[Centre, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    c, _ = desk
    monkeypatch.setenv("HOTLINE_BACKUP_DIR", str(tmp_path / "nightly"))
    scheduler = main.scheduler_for(c.db, c.clock, folder=tmp_path / "weekly")
    job = scheduler._scheduler.get_job(BACKUP)  # noqa: SLF001 - the wiring is the point
    assert job is not None
    report = job.func()  # what the scheduler runs: lease, then the job
    assert report is None and len(backups(tmp_path / "nightly")) == 1
    pg_like = Database(c.db.url, c.db.engine, c.db.sessions)
    monkeypatch.setattr(Database, "backend", property(lambda self: "postgresql"))
    assert main.scheduler_for(pg_like, c.clock)._scheduler.get_job(BACKUP) is None  # noqa: SLF001
