"""The demo centre: built through the real services, consistent, in many states."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from core import demo
from core.calendar import SHANGHAI
from core.model import OrderState
from core.replay import replay
from db import models as r
from db.setup import open_database

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=SHANGHAI)


def test_the_demo_centre_reads_like_a_real_one(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'demo.db'}")
    assert demo.centre_is_empty(db.uow())
    result = demo.build_demo_centre(db.uow, orders=250, seed=7, now=NOW)
    assert not demo.centre_is_empty(db.uow())
    assert result.orders == 250
    assert result.departments >= 30
    with db.sessions() as s:
        leaves = s.scalar(select(func.count()).select_from(r.Category).where(r.Category.level == 3))
        assert leaves is not None and leaves >= 60
        states = dict(s.execute(select(r.WorkOrder.state, func.count()).group_by(
            r.WorkOrder.state)).all())
        first, last = s.execute(select(func.min(r.WorkOrder.registered_at),
                                       func.max(r.WorkOrder.registered_at))).one()
        ids = s.scalars(select(r.WorkOrder.id)).all()
    # history spreads over the last eight weeks, and stops at "now"
    assert (NOW - first).days >= 50 and last <= NOW
    for state in (OrderState.CLOSED, OrderState.IN_PROGRESS, OrderState.REGISTERED,
                  OrderState.AWAITING_CALLBACK):
        assert states.get(state, 0) > 0, state
    assert sum(states.values()) == 250
    assert {name for name, _, _ in result.users} >= {"admin", "op01", "sup01"}
    # every order's timeline replays to its stored state
    with db.uow() as uow:
        for oid in ids:
            order = uow.orders.get(oid)
            assert replay(uow.orders.events(oid)).state is order.state
    text = demo.describe(result)
    assert demo.DEMO_PASSWORD in text and "op01" in text
    db.dispose()
