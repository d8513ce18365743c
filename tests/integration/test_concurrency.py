"""Two people on one order at the same moment: one wins, the other is told, nothing is
overwritten. Threads on SQLite, processes on PostgreSQL (each a workstation of its own)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from sqlalchemy import update

from core import services
from core.calendar import SHANGHAI
from core.clock import FakeClock
from core.concurrency import expecting
from core.errors import ConcurrencyConflict, IllegalTransition
from core.model import Actor, AssignmentState, EventKind, OrderState
from db import models as r
from db.setup import Database, open_database
from tests.support.centre import Centre
from tests.support.together import in_processes, in_threads

NOW = datetime(2026, 11, 2, 10, 0, tzinfo=SHANGHAI)


def _together(db: Database) -> Callable[..., list[object]]:
    return in_threads if db.backend == "sqlite" else in_processes


def _outcome(call: Callable[[], object]) -> str:
    try:
        call()
    except ConcurrencyConflict:
        return "conflict"
    except IllegalTransition:
        return "illegal"
    return "ok"


def _sign_as_seen(start: Callable[[], object], url: str, staff: Actor, order_id: int,
                  version: int, assignment_id: int) -> str:
    """A desk that showed the order at ``version`` and whose user pressed 签收."""
    db = open_database(url, migrate=False)
    start()
    try:
        return _outcome(lambda: expecting(order_id, version, services.sign_for)(
            db.uow(), staff, FakeClock(NOW), assignment_id))
    finally:
        db.dispose()


def _sign_plain(start: Callable[[], object], url: str, staff: Actor,
                assignment_id: int) -> str:
    db = open_database(url, migrate=False)
    start()
    try:
        return _outcome(lambda: services.sign_for(db.uow(), staff, FakeClock(NOW),
                                                  assignment_id))
    finally:
        db.dispose()


def _signed_events(db: Database, order_id: int) -> int:
    with db.uow(write=False) as uow:
        return sum(1 for e in uow.orders.events(order_id) if e.kind is EventKind.SIGNED)


def test_of_two_staff_pressing_sign_for_at_once_exactly_one_signs(centre: Centre) -> None:
    c = centre
    o = c.dispatched()
    aid = o.assignments[0].id
    outcomes = _together(c.db)(_sign_as_seen, c.db.url, c.housing_staff, o.id, o.version, aid)
    assert sorted(outcomes) == ["conflict", "ok"]  # type: ignore[type-var]
    assert _signed_events(c.db, o.id) == 1
    with c.db.uow(write=False) as uow:
        order = uow.orders.get(o.id)
    assert order.state is OrderState.IN_PROGRESS
    assert order.assignments[0].state is AssignmentState.IN_PROGRESS


def test_without_a_seen_version_the_second_signature_is_refused_too(centre: Centre) -> None:
    c = centre
    o = c.dispatched()
    aid = o.assignments[0].id
    outcomes = _together(c.db)(_sign_plain, c.db.url, c.housing_staff, aid)
    assert sorted(outcomes) == ["illegal", "ok"]  # type: ignore[type-var]
    assert _signed_events(c.db, o.id) == 1


def _act_as_seen(start: Callable[[], object], url: str, actor: Actor, order_id: int,
                 version: int, what: str, dept: int) -> str:
    db = open_database(url, migrate=False)
    start()
    clock = FakeClock(NOW)
    try:
        if what == "dispatch":
            return _outcome(lambda: expecting(order_id, version, services.dispatch)(
                db.uow(), actor, clock, order_id, dept))
        return _outcome(lambda: expecting(order_id, version, services.close_directly)(
            db.uow(), actor, clock, order_id, "已按知识库答复来电人。"))
    finally:
        db.dispose()


def test_dispatch_and_direct_close_at_once_one_wins_and_the_other_is_told(
        centre: Centre) -> None:
    c = centre
    o = c.register()
    db = c.db
    which = ["close", "dispatch"]
    outcomes = in_threads(lambda start: _act_as_seen(start, db.url, c.operator, o.id,
                                                     o.version, which.pop(), c.housing))
    assert sorted(outcomes) == ["conflict", "ok"]  # type: ignore[type-var]
    with db.uow(write=False) as uow:
        order = uow.orders.get(o.id)
        events = [e.kind for e in uow.orders.events(o.id)]
    assert order.state in (OrderState.AWAITING_SIGN, OrderState.CLOSED)
    assert len(events) == 2  # registered + exactly one of the two actions


def test_an_order_saved_from_a_stale_copy_is_refused_not_overwritten(centre: Centre) -> None:
    c = centre
    o = c.register()
    with c.db.uow() as uow:
        stale = uow.orders.get(o.id)  # what a desk loaded a while ago
    services.dispatch(c.db.uow(), c.operator, c.clock, o.id, c.housing)
    stale.title = "过时的标题"
    with pytest.raises(ConcurrencyConflict) as raised, c.db.uow() as uow:
        uow.orders.save(stale)
        uow.commit()
    assert o.ticket_no in raised.value.message_zh
    assert "他人修改" in raised.value.message_zh and "reloaded" in raised.value.message_en
    with c.db.uow(write=False) as uow:
        fresh = uow.orders.get(o.id)
    assert fresh.state is OrderState.AWAITING_SIGN and fresh.title != "过时的标题"


def test_a_stale_row_at_flush_becomes_a_conflict(centre: Centre) -> None:
    """SQLAlchemy's StaleDataError (the UPDATE found no row at the loaded version) reaches the
    caller as ConcurrencyConflict."""
    c = centre
    o = c.register()
    with pytest.raises(ConcurrencyConflict), c.db.uow() as uow:
        order = uow.orders.get(o.id)
        uow.session.execute(update(r.WorkOrder).where(r.WorkOrder.id == o.id)
                            .values(version=r.WorkOrder.version + 1)
                            .execution_options(synchronize_session=False))
        order.title = "新标题"
        uow.orders.save(order)
        uow.commit()


def _lock_two(start: Callable[[], object], url: str, first: int, second: int) -> str:
    """Lock ``first`` then ``second`` (as linking one order to another does)."""
    db = open_database(url, migrate=False)
    try:
        with db.uow() as uow:
            uow.orders.get(first)
            start()
            uow.orders.get(second)
            uow.commit()
        return "ok"
    except ConcurrencyConflict:
        return "conflict"
    finally:
        db.dispose()


@pytest.mark.postgres
def test_a_deadlock_on_postgresql_becomes_a_conflict(pg_url: str, clock: FakeClock) -> None:
    from tests.support.centre import build_centre

    db = open_database(pg_url)
    try:
        c = build_centre(db, clock)
        a, b = c.register().id, c.register().id
        pairs = [(a, b), (b, a)]
        outcomes = in_threads(lambda start: _lock_two(start, db.url, *pairs.pop()))
        assert sorted(outcomes) == ["conflict", "ok"]
    finally:
        db.dispose()
