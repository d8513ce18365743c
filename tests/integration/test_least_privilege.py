"""The desk works as the least-privileged login role of docs/deployment.md, and that role
cannot change the schema, rewrite the timeline or delete orders.

The grants are read from the documentation itself (the ``sql`` block after the ``grants``
marker), so the page and the privileges the desk needs cannot drift apart."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from core import admin, deadlines, notifications, services
from core.clock import FakeClock
from core.errors import DeskError
from core.model import CallbackOutcome, ChannelKind, Role
from core.take_next import take_next
from db.change_listener import libpq_conninfo
from db.notification_queries import notifications_factory
from db.setup import open_database
from tests.support.centre import Centre
from tests.support.pg import PgServer

DOC = Path(__file__).resolve().parents[2] / "docs" / "deployment.md"
on_postgres = pytest.mark.parametrize(
    "db", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)


def documented_grants(role: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    after = text[text.index("<!-- grants"):]
    block = re.search(r"```sql\n(.*?)```", after, re.S)
    assert block is not None, "the grants block of docs/deployment.md is missing"
    return block.group(1).replace("hotline_desk", role)


@pytest.fixture
def desk_url(centre: Centre, pg_server: PgServer) -> Iterator[str]:
    """The centre's database, reached as a new role with exactly the documented grants."""
    role = f"hotline_desk_{uuid.uuid4().hex[:8]}"
    owner_info = libpq_conninfo(centre.db.url)
    with psycopg.connect(owner_info, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
        database = make_url(centre.db.url).database
        conn.execute(f'GRANT CONNECT ON DATABASE "{database}" TO "{role}"')
        conn.execute(documented_grants(f'"{role}"'))
    try:
        yield make_url(centre.db.url).set(username=role).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(owner_info, autocommit=True) as conn:
            conn.execute(f'DROP OWNED BY "{role}"')
        with psycopg.connect(libpq_conninfo(pg_server.admin_url), autocommit=True) as conn:
            conn.execute(f'DROP ROLE IF EXISTS "{role}"')


@on_postgres
def test_the_desk_does_its_work_as_the_least_privileged_role(centre: Centre,
                                                             desk_url: str) -> None:
    c = centre
    db = open_database(desk_url)  # at head already: no DDL, seeding finds everything there
    clock = FakeClock(c.clock.now())
    try:
        with db.uow() as uow:
            portal = next(ch for ch in uow.reference.channels() if ch.kind is ChannelKind.ONLINE)
        o = services.register(db.uow(), c.operator, clock, services.Registration(
            channel_id=c.hotline, content="电梯困人，请尽快处理。", caller_phone="13800001111",
            category_id=c.lift))
        msg = services.register(db.uow(), c.operator, clock, services.Registration(
            channel_id=portal.id, content="网络留言：路灯不亮。", category_id=c.lift))
        assert take_next(db.uow(), c.operator, clock).id == msg.id  # type: ignore[union-attr]
        o = services.dispatch(db.uow(), c.operator, clock, o.id, c.housing)
        aid = o.assignments[0].id
        services.sign_for(db.uow(), c.housing_staff, clock, aid)
        asked = services.request_extension(db.uow(), c.housing_staff, clock, aid, 2, "需协调。")
        services.decide_extension(db.uow(), c.supervisor, clock, asked.pending_extensions[0],
                                  True)
        services.reply(db.uow(), c.housing_staff, clock, aid, "已修复。")
        services.accept_reply(db.uow(), c.operator, clock, o.id)
        services.record_callback(db.uow(), c.operator, clock, o.id, CallbackOutcome.SATISFIED)
        services.dispatch(db.uow(), c.operator, clock, msg.id, c.housing)
        clock.advance(days=20)
        report = deadlines.sweep(db.uow, clock)  # leases, automatic notices
        assert report.errors == [] and report.total_issued > 0
        # administration: users (roles are replaced: delete), calendar days (delete)
        uid = admin.add_user(db.uow(), c.admin, clock, "clerk2", "职员二", "long-password-1",
                             [Role.OPERATOR], [])
        admin.update_user(db.uow(), c.admin, uid, "职员二", [Role.SUPERVISOR], [])
        # signing in: attempts go to the access log, failures count on the user
        with pytest.raises(DeskError):
            admin.authenticate(db.uow(), clock, "clerk2", "wrong-password")
        assert admin.authenticate(db.uow(), clock, "clerk2", "long-password-1").user_id == uid
        admin.set_calendar_day(db.uow(), c.admin, clock, date(2026, 12, 28), False, "测试")
        assert admin.clear_calendar_day(db.uow(), c.admin, date(2026, 12, 28))
        # notifications: read marks are inserted, then folded into the cursor (delete)
        store = notifications_factory(db)
        feed = notifications.notifications_for(store, c.housing_staff, clock.now())
        assert feed.items
        notifications.mark_read(store, c.housing_staff, [feed.items[-1].event_id], clock.now())
        notifications.mark_all_read(store, c.housing_staff, feed.newest_id(), clock.now())
    finally:
        db.dispose()


@on_postgres
def test_the_role_cannot_change_the_schema_the_timeline_or_delete_orders(
        centre: Centre, desk_url: str) -> None:
    centre.register()
    refused = [
        "CREATE TABLE sneaky (x int)",
        "DROP TABLE work_order",
        "UPDATE event SET payload = '{}'",
        "DELETE FROM event",
        "DELETE FROM work_order",
        "TRUNCATE access_log",
        "UPDATE alembic_version SET version_num = 'x'",
    ]
    with psycopg.connect(libpq_conninfo(desk_url), autocommit=True) as conn:
        for statement in refused:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
