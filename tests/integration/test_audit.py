"""The tamper-evident audit trail and the sign-in lockout, on both backends.

Events and administrative records are chained by hash and cannot be changed through the
database (triggers); someone who drops the triggers first is caught by the verifier, which
names the order and the event. Five wrong passwords lock an account for fifteen minutes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from core import admin, audit, services
from core.admin import AccountLocked
from core.calendar import Limit, LimitUnit
from core.errors import ConcurrencyConflict, PermissionDenied
from core.model import CallbackOutcome, NoticeKind, RequestType, Role, Urgency
from core.ports import LoginState
from db import models as r
from db.audit_repository import (
    SqlChainReader,
    create_append_only_triggers,
    drop_append_only_triggers,
)
from db.migrate import downgrade, upgrade
from db.setup import Database
from tests.support.centre import PASSWORD, Centre

ROOT = Path(__file__).resolve().parents[2]


def _verify(db: Database) -> audit.AuditReport:
    return audit.verify(SqlChainReader(db.sessions))


def _closed_order(c: Centre) -> services.OrderSummary:
    o = c.dispatched()
    aid = o.assignments[0].id
    c.clock.advance(hours=1)
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, aid)
    c.clock.advance(hours=20)
    services.reply(c.db.uow(), c.housing_staff, c.clock, aid, "电梯已修复，已回复来电人。")
    services.accept_reply(c.db.uow(), c.operator, c.clock, o.id)
    return services.record_callback(c.db.uow(), c.operator, c.clock, o.id,
                                    CallbackOutcome.SATISFIED)


def _event_ids(db: Database, order_id: int) -> list[int]:
    with db.engine.connect() as conn:
        return list(conn.execute(select(r.Event.id).where(r.Event.order_id == order_id)
                                 .order_by(r.Event.id)).scalars())


def test_every_event_of_a_lifecycle_is_chained_and_the_chains_are_intact(
    centre: Centre,
) -> None:
    c = centre
    first = _closed_order(c)
    second = c.dispatched(content="路边占道经营，影响通行。", category=c.stalls)
    with c.db.engine.connect() as conn:
        hashes = conn.execute(select(r.Event.order_id, r.Event.chain_hash)).all()
    assert {o for o, _ in hashes} == {first.id, second.id}
    assert all(h is not None and len(h) == 64 for _, h in hashes)
    report = _verify(c.db)
    assert report.intact, report.broken
    assert report.orders == 2 and report.events == len(hashes) >= 7
    assert report.legacy_events == 0
    assert report.admin_records >= 12  # the centre's departments and categories


@pytest.mark.parametrize("table", ["event", "admin_audit"])
def test_the_database_refuses_to_update_or_delete_a_row(centre: Centre, table: str) -> None:
    c = centre
    c.dispatched()
    with c.db.engine.connect() as conn:
        row_id, before = conn.execute(text(f"SELECT id, chain_hash FROM {table} "
                                           "ORDER BY id LIMIT 1")).one()
    for sql in (f"UPDATE {table} SET chain_hash = 'x' WHERE id = :id",
                f"DELETE FROM {table} WHERE id = :id"):
        with pytest.raises(DBAPIError) as refused, c.db.engine.begin() as conn:
            conn.execute(text(sql), {"id": row_id})
        assert "append-only" in str(refused.value)
    if c.db.backend == "postgresql":
        with pytest.raises(DBAPIError), c.db.engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {table} CASCADE"))
    with c.db.engine.connect() as conn:
        assert conn.execute(text(f"SELECT chain_hash FROM {table} WHERE id = :id"),
                            {"id": row_id}).scalar_one() == before


def test_an_edited_event_is_named_by_the_verifier(centre: Centre) -> None:
    """An attacker with DDL rights drops the triggers and rewrites a reply's payload."""
    c = centre
    o = _closed_order(c)
    other = c.dispatched(content="小区停水两天，无人通知。", category=c.outage)
    ids = _event_ids(c.db, o.id)
    edited = ids[3]
    with c.db.engine.begin() as conn:
        drop_append_only_triggers(conn)
        payload = conn.execute(select(r.Event.payload).where(r.Event.id == edited)).scalar_one()
        conn.execute(r.Event.__table__.update().where(r.Event.id == edited)
                     .values(payload={**payload, "note": "改写"}))
        create_append_only_triggers(conn)
    broken = audit.verify_chains(SqlChainReader(c.db.sessions))
    assert len(broken) == 1
    link = broken[0]
    assert (link.chain, link.order_id, link.ticket_no, link.record_id) == (
        "order", o.id, o.ticket_no, edited)
    assert link.problem is audit.Problem.CHANGED
    assert o.ticket_no in link.describe_en() and str(edited) in link.describe_zh()
    assert other.id not in {b.order_id for b in broken}


def test_a_removed_event_and_a_removed_hash_are_reported(centre: Centre) -> None:
    c = centre
    o = _closed_order(c)
    ids = _event_ids(c.db, o.id)
    with c.db.engine.begin() as conn:
        drop_append_only_triggers(conn)
        conn.execute(text("DELETE FROM event WHERE id = :id"), {"id": ids[1]})
        conn.execute(text("UPDATE event SET chain_hash = NULL WHERE id = :id"), {"id": ids[4]})
    broken = _verify(c.db).broken
    assert [(b.record_id, b.problem) for b in broken] == [
        (ids[2], audit.Problem.CHANGED), (ids[4], audit.Problem.MISSING)]


def test_administrative_changes_form_their_own_chain(centre: Centre) -> None:
    c = centre
    users = {u.username: u for u in admin.users(c.db.uow(), c.admin)}
    operator = users["operator"].id
    admin.update_user(c.db.uow(), c.admin, operator, "王话务", [Role.OPERATOR, Role.SUPERVISOR],
                      clock=c.clock)
    admin.reset_password(c.db.uow(), c.admin, operator, "a-new-secret-9")
    policy = admin.policies(c.db.uow())[0]
    admin.set_policy(c.db.uow(), c.admin, policy.__class__(
        policy.request_type, policy.urgency, sign=policy.sign,
        reply=Limit(LimitUnit.WORKING_DAYS, 4), return_window=policy.return_window,
        callback=policy.callback))
    admin.set_category_department(c.db.uow(), c.admin, c.lift, c.urban)
    admin.set_calendar_day(c.db.uow(), c.admin, c.clock, c.clock.now().date(), False, "停电")
    with c.db.sessions() as s:
        rows = list(s.scalars(select(r.AdminAudit).order_by(r.AdminAudit.id)))
    assert [row.action for row in rows[-5:]] == [
        "user.update", "user.password_reset", "policy.set", "category.route",
        "calendar.set_day"]
    update, reset = rows[-5], rows[-4]
    assert update.actor_id == c.admin.user_id and update.target == "user:operator"
    assert update.at == c.clock.now()
    assert update.detail["roles"] == ["operator", "supervisor"]
    assert update.detail["before"]["roles"] == ["operator"]
    assert "a-new-secret-9" not in json.dumps(reset.detail)
    assert rows[-2].detail == {"by": "admin", "department": "CGJ", "before": "ZJJ"}
    assert _verify(c.db).intact

    with c.db.engine.begin() as conn:
        drop_append_only_triggers(conn)
        conn.execute(r.AdminAudit.__table__.update().where(r.AdminAudit.id == update.id)
                     .values(target="user:someone-else"))
    broken = _verify(c.db).broken
    assert [(b.chain, b.record_id) for b in broken] == [("admin", update.id)]
    assert f"administrative record {update.id}" in broken[0].describe_en()


def test_old_events_are_hashed_by_the_migration(centre: Centre) -> None:
    """Events written before 0006 (no hash) are chained on upgrade; rows written later by a
    bulk loader that does not hash are reported as legacy, not as broken."""
    c = centre
    o = _closed_order(c)
    c.db.dispose()
    downgrade(c.db.engine, "0005")
    with c.db.engine.begin() as conn:
        conn.execute(text("UPDATE event SET chain_hash = NULL"))
        conn.execute(text("UPDATE admin_audit SET chain_hash = NULL"))
    upgrade(c.db.engine)
    report = _verify(c.db)
    assert report.intact and report.legacy_events == 0 and report.events >= 5
    assert report.admin_records >= 12 and report.legacy_admin_records == 0

    bulk = c.register()
    with c.db.engine.begin() as conn:
        drop_append_only_triggers(conn)
        conn.execute(text("UPDATE event SET chain_hash = NULL WHERE order_id = :o"),
                     {"o": bulk.id})
        create_append_only_triggers(conn)
    services.dispatch(c.db.uow(), c.operator, c.clock, bulk.id, c.housing)
    report = _verify(c.db)
    assert report.intact, report.broken
    assert (report.legacy_orders, report.legacy_events) == (1, 1)
    with c.db.uow() as uow:
        assert len(uow.orders.events(o.id)) >= 5


def test_desks_appending_to_one_order_at_once_keep_its_chain_whole(centre: Centre) -> None:
    c = centre
    o = c.dispatched()
    aid = o.assignments[0].id
    problems: list[BaseException] = []

    def remind(n: int) -> None:
        for i in range(5):
            for _attempt in range(20):
                try:
                    services.issue_notice(c.db.uow(), c.supervisor, c.clock, aid,
                                          NoticeKind.REMINDER, f"请尽快签收（{n}-{i}）")
                    break
                except ConcurrencyConflict:
                    continue
                except BaseException as exc:  # noqa: BLE001 - reported below
                    problems.append(exc)
                    return

    threads = [threading.Thread(target=remind, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not problems
    report = _verify(c.db)
    assert report.intact, report.broken
    assert len(_event_ids(c.db, o.id)) == 2 + 10


# --- sign-in lockout -------------------------------------------------------------------------


def _logins(db: Database) -> list[r.AccessLog]:
    with db.sessions() as s:
        return list(s.scalars(select(r.AccessLog).where(r.AccessLog.kind == "login")
                              .order_by(r.AccessLog.id)))


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(centre: Centre) -> None:
    c = centre
    for n in range(4):
        with pytest.raises(PermissionDenied):
            admin.authenticate(c.db.uow(), c.clock, "operator", f"wrong-{n}")
    with pytest.raises(AccountLocked) as locked:
        admin.authenticate(c.db.uow(), c.clock, "operator", "wrong-4")
    assert "2026-11-02 09:15" in locked.value.message_zh  # Beijing time
    assert "锁定" in locked.value.message_zh and "locked" in locked.value.message_en

    c.clock.advance(minutes=14, seconds=59)
    with pytest.raises(AccountLocked):  # the right password does not help meanwhile
        admin.authenticate(c.db.uow(), c.clock, "operator", PASSWORD)
    c.clock.advance(seconds=1)
    assert admin.authenticate(c.db.uow(), c.clock, "operator", PASSWORD).username == "operator"
    with c.db.uow() as uow:
        assert uow.audit.login_state(c.operator.user_id or 0) == LoginState(0, None)

    logins = _logins(c.db)
    assert [x.success for x in logins] == [False] * 6 + [True]
    assert {x.username for x in logins} == {"operator"}
    assert logins[4].detail["failures"] == 5
    assert logins[4].detail["locked_until"].startswith("2026-11-02T01:15")
    assert logins[5].detail["reason"] == "locked"
    everything = json.dumps([x.detail for x in logins], ensure_ascii=False)
    assert PASSWORD not in everything and "wrong-" not in everything


def test_a_success_clears_the_count_and_unknown_names_are_logged_too(centre: Centre) -> None:
    c = centre
    for _ in range(4):
        with pytest.raises(PermissionDenied):
            admin.authenticate(c.db.uow(), c.clock, "supervisor", "not-it-at-all")
    admin.authenticate(c.db.uow(), c.clock, "supervisor", PASSWORD)
    for _ in range(4):
        with pytest.raises(PermissionDenied):
            admin.authenticate(c.db.uow(), c.clock, "supervisor", "not-it-at-all")
    assert admin.authenticate(c.db.uow(), c.clock, "supervisor", PASSWORD).user_id

    with pytest.raises(PermissionDenied) as unknown:
        admin.authenticate(c.db.uow(), c.clock, "nobody", PASSWORD)
    assert type(unknown.value) is PermissionDenied
    last = _logins(c.db)[-1]
    assert (last.user_id, last.username, last.success) == (None, "nobody", False)


def test_the_limits_come_from_the_settings_and_a_reset_unlocks(centre: Centre) -> None:
    c = centre
    with c.db.uow() as uow:
        uow.session.add(r.Setting(key="login_max_failures", value=3))
        uow.session.add(r.Setting(key="login_lock_minutes", value=60))
        uow.commit()
    for n in range(2):
        with pytest.raises(PermissionDenied):
            admin.authenticate(c.db.uow(), c.clock, "housing", f"bad-{n}")
    with pytest.raises(AccountLocked) as locked:
        admin.authenticate(c.db.uow(), c.clock, "housing", "bad-2")
    assert "10:00" in locked.value.message_zh and "3" in locked.value.message_en
    admin.reset_password(c.db.uow(), c.admin, c.housing_staff.user_id or 0, "fresh-start-1")
    assert admin.authenticate(c.db.uow(), c.clock, "housing", "fresh-start-1").username


# --- the command line ------------------------------------------------------------------------


def _verify_cli(url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "main.py", "verify-audit", "--db", url], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, env=env,
                          stdin=subprocess.DEVNULL)


def test_verify_audit_exits_0_when_intact_and_1_naming_the_first_broken_link(
    centre: Centre,
) -> None:
    c = centre
    o = c.dispatched(urgency=Urgency.URGENT, request_type=RequestType.COMPLAINT)
    done = _verify_cli(c.db.url)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "审计链完整" in done.stdout and "intact" in done.stdout

    edited = _event_ids(c.db, o.id)[0]
    with c.db.engine.begin() as conn:
        drop_append_only_triggers(conn)
        conn.execute(r.Event.__table__.update().where(r.Event.id == edited)
                     .values(actor_id=c.supervisor.user_id))
    done = _verify_cli(c.db.url)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "首个断链" in done.stdout and "first broken link" in done.stdout
    assert o.ticket_no in done.stdout and f"event {edited}" in done.stdout
