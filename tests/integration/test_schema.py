"""The schema: Alembic migrations equal the mappings, old databases upgrade, newer ones are
refused, and SQLite connections get the pragmas the desk relies on."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from core.errors import DatabaseTooNew
from db import text_search
from db.engine import make_engine
from db.migrate import (
    current_revision,
    head_revision,
    newest_file_revision,
    stamped_revision,
    upgrade,
)
from db.models import Base
from db.setup import open_database
from tests.support.centre import Centre

ROOT = Path(__file__).resolve().parents[2]


def test_migrations_produce_exactly_the_mapped_schema(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    with engine.connect() as conn:
        # the free-text index's tables/indexes exist on one backend only (db/text_search.py)
        ctx = MigrationContext.configure(conn, opts={"compare_type": True,
                                                     "include_name": text_search.include_name})
        diff = compare_metadata(ctx, Base.metadata)
    engine.dispose()
    assert diff == []


def test_a_new_database_is_created_at_the_newest_revision(db_url: str) -> None:
    db = open_database(db_url)
    assert current_revision(db.engine) == head_revision()
    tables = set(inspect(db.engine).get_table_names())
    assert {"work_order", "assignment", "event", "contact", "category", "department",
            "reply", "return_request", "extension_request", "callback_attempt",
            "escalation_notice", "time_limit_policy", "calendar_day", "app_user",
            "app_role", "notification_cursor", "notification_read"} <= tables
    db.dispose()


def test_the_indexes_the_queues_need_exist(db_url: str) -> None:
    db = open_database(db_url)
    insp = inspect(db.engine)
    names = {ix["name"] for t in ("work_order", "assignment") for ix in insp.get_indexes(t)}
    assert {"ix_assignment_state_reply_due", "ix_assignment_department_state",
            "ix_work_order_registered_at", "ix_work_order_caller_phone_registered",
            "ix_work_order_contact_registered"} <= names
    contact_unique = {tuple(u["column_names"]) for u in insp.get_unique_constraints("contact")}
    assert ("phone",) in contact_unique
    db.dispose()


def test_an_older_database_is_upgraded_on_open(db_url: str) -> None:
    """A database left at the empty revision (an old build) is migrated when opened."""
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
    engine.dispose()
    db = open_database(db_url)
    assert current_revision(db.engine) == head_revision()
    with db.uow() as uow:
        assert uow.reference.channel_by_code("hotline") is not None
    db.dispose()


def test_a_database_at_the_newest_revision_opens_without_loading_alembic(db_url: str) -> None:
    """Every start of the desk checks the revision; when nothing is to do, Alembic (a third
    of a second of imports) is not loaded. The newest file's name is the head revision."""
    assert newest_file_revision() == head_revision()
    db = open_database(db_url)
    assert stamped_revision(db.engine) == head_revision()
    assert upgrade(db.engine) is False
    db.dispose()
    probe = ("import sys\nfrom db.setup import open_database\n"
             f"open_database({db_url!r}).dispose()\nprint('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "False"


def test_a_database_from_a_newer_desk_is_refused_and_left_alone(db_url: str) -> None:
    db = open_database(db_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.dispose()
    with pytest.raises(DatabaseTooNew) as err:
        open_database(db_url)
    assert "9999_future" in err.value.message_en
    assert "升级" in err.value.message_zh
    engine = make_engine(db_url)
    assert current_revision(engine) == "9999_future"
    engine.dispose()


def test_the_command_line_says_so_in_both_languages(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    db = open_database(url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.dispose()
    done = subprocess.run([sys.executable, "main.py", "--db", url, "init", "--password",
                           "whatever-123"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 1
    assert "9999_future" in done.stderr and "无法识别" in done.stderr


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    db.dispose()


def test_an_unreachable_server_gives_a_clear_error() -> None:
    from core.errors import DatabaseUnavailable

    with pytest.raises(DatabaseUnavailable) as err:
        open_database("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")
    assert "127.0.0.1:1/none" in err.value.message_en
    assert "无法打开数据库" in err.value.message_zh


def test_upgrading_from_the_first_release_keeps_the_orders_and_arms_their_clocks(
    centre: Centre,
) -> None:
    """An order dispatched by a 0001 build gets its clock armed by 0002, and the first sweep
    after the upgrade catches up on it."""
    from core import deadlines
    from core.clock import FakeClock
    from db.migrate import downgrade

    c = centre
    o = c.dispatched()
    c.db.dispose()
    downgrade(c.db.engine, "0001")
    assert current_revision(c.db.engine) == "0001"
    c.db.engine.dispose()
    db = open_database(c.db.url)
    assert current_revision(db.engine) == head_revision()
    with db.uow() as uow:
        order = uow.orders.get(o.id)
    assert order.ticket_no == o.ticket_no and len(order.assignments) == 1
    assert order.assignments[0].next_check_at == order.assignments[0].dispatched_at
    report = deadlines.sweep(db.uow, FakeClock(c.clock.now() + timedelta(days=30)))
    assert report.total_issued == 4
    db.dispose()


def test_a_reading_unit_of_work_does_not_block_a_writer(sqlite_url: str) -> None:
    """On SQLite a reader holds no write lock, so a writer can commit meanwhile (WAL)."""
    db = open_database(sqlite_url)
    with db.uow(write=False) as reader:
        assert reader.reference.channel_by_code("hotline") is not None
        with db.uow() as writer:
            writer.reference.add_department("T1", "测试单位", None)
            writer.commit()
        # the reader's snapshot started before the writer's commit
        assert reader.reference.department_by_code("T1") is None
    with db.uow(write=False) as later:
        assert later.reference.department_by_code("T1") is not None
    db.dispose()
