"""Deadlines that act by themselves: warning levels and automatic 催办/督办 (DOMAIN.md s.4).

The levels of an open assignment, all on its reply clock (dispatch to reply due, extensions
included):

* ``yellow`` (临期) once less than 25 % of the limit remains;
* ``red`` (超期) once the reply due has passed;
* ``reminder`` (自动催办) from 00:00 local on the first working day after the due date;
* ``supervision`` (自动督办) when the assignment is still open at the end of the 5th working
  day after the due date.

Each level is issued once per assignment as an automatic notice (and its timeline event); the
store's unique ``auto_key`` makes that hold however many sweeps run at once. A sweep that
finds several levels due (the desk was closed over a weekend) issues each missing one once.
The sweep sees only assignments whose ``next_check_at`` has come, so a sweep with nothing due
reads nothing but an index.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from core import lifecycle
from core.calendar import CalendarError
from core.clock import Clock
from core.errors import ConcurrencyConflict, DeskError
from core.levels import (
    LEVELS,
    OPEN,
    display_level,
    issued_levels,
    levels_reached,
    next_check_at,
)
from core.lifecycle import Ctx
from core.model import SYSTEM, Assignment, NoticeKind, WorkOrder
from core.ports import UnitOfWork

_TEXTS = {
    NoticeKind.YELLOW: "临期预警：距办理时限 {due} 已不足四分之一。"
                       " / Due soon: less than a quarter of the time to {due} remains.",
    NoticeKind.RED: "超期提醒：办理时限 {due} 已过。 / Overdue: the reply was due {due}.",
    NoticeKind.REMINDER: "系统自动催办：办理时限 {due} 已过，请尽快办理并回复。"
                         " / Automatic reminder: the reply was due {due}; reply without delay.",
    NoticeKind.SUPERVISION: "系统自动督办：超过办理时限 {due} 已满5个工作日仍未办结。"
                            " / Automatic supervision notice: still open 5 working days after"
                            " the reply was due {due}.",
}


def escalate(order: WorkOrder, a: Assignment, ctx: Ctx) -> list[NoticeKind]:
    """Issue every level that applies and has not been issued; returns what was issued."""
    cal = ctx.calendar
    issued = issued_levels(order, a)
    new = []
    for kind in levels_reached(a, ctx.now, cal):
        if kind in issued:
            continue
        due = a.reply_due.astimezone(cal.tz).strftime("%Y-%m-%d %H:%M")
        lifecycle.issue_notice(order, a, kind, _TEXTS[kind].format(due=due), ctx,
                               automatic=True)
        issued.add(kind)
        new.append(kind)
    a.warning_level = display_level(a, ctx.now).value
    a.next_check_at = next_check_at(a, issued, cal)
    return new


@dataclass
class SweepReport:
    checked: int = 0
    issued: dict[str, int] = field(default_factory=lambda: {k.value: 0 for k in LEVELS})
    conflicts: int = 0
    errors: list[str] = field(default_factory=list)
    callbacks_due: int = 0

    @property
    def total_issued(self) -> int:
        return sum(self.issued.values())


def sweep(uow_factory: Callable[[], UnitOfWork], clock: Clock, *, batch: int = 1000
          ) -> SweepReport:
    """One pass of the deadline sweep. Each assignment is handled in its own unit of work, so
    one failure does not hold back the others; a unique-key clash with a concurrent sweep is
    retried once (the retry finds the notice already there)."""
    now = clock.now()
    report = SweepReport()
    with uow_factory() as uow:
        ids = uow.orders.assignments_to_check(now, batch)
        report.callbacks_due = uow.orders.callbacks_due(now)
        # one calendar and one set of rules for the whole pass, not one per assignment
        ctx = Ctx(SYSTEM, now, uow.reference.calendar(), uow.reference.rules())
    for aid in ids:
        for attempt in (1, 2):
            try:
                issued = _check_one(uow_factory(), aid, ctx)
            except ConcurrencyConflict:
                report.conflicts += 1
                if attempt == 2:
                    report.errors.append(f"assignment {aid}: changed concurrently twice")
                continue
            except (DeskError, CalendarError) as exc:
                report.errors.append(f"assignment {aid}: {exc}")
                break
            report.checked += 1
            for kind in issued:
                report.issued[kind.value] += 1
            break
    return report


def _check_one(uow: UnitOfWork, assignment_id: int, ctx: Ctx) -> list[NoticeKind]:
    with uow:
        order = uow.orders.get_by_assignment(assignment_id)
        a = order.assignment(assignment_id)
        assert a is not None
        if a.state not in OPEN or not order.active_assignments():
            a.next_check_at = None
            issued: list[NoticeKind] = []
        else:
            issued = escalate(order, a, ctx)
        uow.orders.save(order)
        uow.commit()
        return issued
