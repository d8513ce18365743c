"""The 舆情 clocks' warnings, issued by the scheduler like any other deadline's.

For every item with an open clock on an open order, a sweep issues an ``opinion_warning``
event (in the order's timeline) when a clock turns yellow (less than 25 % of its window left)
and again when it turns red (past due): each (clock, level) once per item, however many sweeps
run, also at the same time; a clock first seen red gets no yellow afterwards. The item's
``warning_level`` is kept at the worst level of its open clocks, for lists and the pane.

Each item is handled in its own unit of work: it locks the order (``SELECT ... FOR UPDATE`` on
PostgreSQL, the write lock on SQLite) and only then reads which warnings were issued, so a
concurrent sweep waits and then finds them. A sweep with nothing due writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from core.calendar import SHANGHAI
from core.clock import Clock
from core.errors import ConcurrencyConflict, DeskError
from core.labels import zh
from core.model import Event, EventKind
from core.opinion import (
    CLOSED_STATES,
    OpinionItem,
    OpinionUnitOfWork,
    clock_start,
    due_warnings,
    item_level,
)

_TEXTS = {
    "yellow": "舆情临期：“{clock}”时限 {due} 前剩余不足四分之一。"
              " / Due soon: less than a quarter of the time to {due} remains.",
    "red": "舆情超期：“{clock}”时限 {due} 已过。 / Overdue: it was due {due}.",
}


@dataclass
class OpinionSweepReport:
    checked: int = 0
    issued: dict[str, int] = field(default_factory=lambda: {"yellow": 0, "red": 0})
    conflicts: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def total_issued(self) -> int:
        return sum(self.issued.values())


def issued_in(events: list[Event]) -> set[tuple[str, str]]:
    return {(str(e.payload.get("clock")), str(e.payload.get("level")))
            for e in events if e.kind is EventKind.OPINION_WARNING}


def _needs_work(item: OpinionItem, registered_at: datetime, now: datetime,
                issued: set[tuple[str, str]]) -> bool:
    start = clock_start(item.posted_at, registered_at)
    return bool(due_warnings(item, start, now, issued)) or (
        item_level(item, start, now).value != item.warning_level)


def sweep_opinion(uow_factory: Callable[[], OpinionUnitOfWork], clock: Clock, *,
                  batch: int = 1000) -> OpinionSweepReport:
    """One pass over the open 舆情 items (see the module docstring)."""
    now = clock.now()
    report = OpinionSweepReport()
    with uow_factory() as uow:
        candidates = uow.opinions.open_items(batch)
        issued = uow.opinions.issued_warnings([item.order_id for item, _ in candidates])
    due = [item.order_id for item, registered_at in candidates
           if _needs_work(item, registered_at, now, issued.get(item.order_id, set()))]
    for order_id in due:
        for attempt in (1, 2):
            try:
                new = _check_one(uow_factory(), order_id, now)
            except ConcurrencyConflict:
                report.conflicts += 1
                if attempt == 2:
                    report.errors.append(f"opinion item {order_id}: changed concurrently twice")
                continue
            except DeskError as exc:
                report.errors.append(f"opinion item {order_id}: {exc}")
                break
            report.checked += 1
            for level in new:
                report.issued[level] += 1
            break
    return report


def _check_one(uow: OpinionUnitOfWork, order_id: int, now: datetime) -> list[str]:
    with uow:
        order = uow.orders.get(order_id)  # the lock comes first: then read what was issued
        item = uow.opinions.get(order_id)
        if item is None or order.state in CLOSED_STATES:
            return []
        start = clock_start(item.posted_at, order.registered_at)
        warnings = due_warnings(item, start, now, issued_in(uow.orders.events(order_id)))
        level = item_level(item, start, now).value
        if not warnings and level == item.warning_level:
            return []
        for c, lvl in warnings:
            due = item.due(c)
            assert due is not None
            order.new_events.append(Event(
                id=None, order_id=order.id, assignment_id=None, at=now, actor_id=None,
                kind=EventKind.OPINION_WARNING, from_state=order.state, to_state=order.state,
                payload={"clock": c.value, "level": lvl.value, "due": due.isoformat(),
                         "automatic": True,
                         "text": _TEXTS[lvl.value].format(
                             clock=zh(c),
                             due=due.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M"))}))
        item.warning_level = level
        uow.orders.save(order)
        uow.opinions.save(item)
        uow.commit()
        return [lvl.value for _, lvl in warnings]

