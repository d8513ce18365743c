"""Escalation levels of an assignment's reply clock: pure arithmetic on the calendar.

Shared by the lifecycle (which keeps ``next_check_at`` current when clocks change) and the
deadline sweep (``core/deadlines.py``), whose docstring states the rules.
"""

from __future__ import annotations

from datetime import datetime, time

from core.calendar import WarningLevel, WorkCalendar, warning_level
from core.model import Assignment, AssignmentState, NoticeKind, WorkOrder

LEVELS = (NoticeKind.YELLOW, NoticeKind.RED, NoticeKind.REMINDER, NoticeKind.SUPERVISION)
OPEN = (AssignmentState.AWAITING_SIGN, AssignmentState.IN_PROGRESS)
SUPERVISION_AFTER_WORKING_DAYS = 5


def level_thresholds(a: Assignment, cal: WorkCalendar) -> dict[NoticeKind, datetime]:
    """The instant from which each level applies (a level applies strictly after yellow's and
    red's instants, and from the reminder's and supervision's instants on)."""
    start, due = a.dispatched_at, a.reply_due
    yellow = due - (due - start) / 4
    reminder_day = cal.local_date(cal.add_working_days(due, 1).at)
    reminder = datetime.combine(reminder_day, time(0, 0), tzinfo=cal.tz)
    supervision = cal.add_working_days(due, SUPERVISION_AFTER_WORKING_DAYS).at
    return {NoticeKind.YELLOW: yellow, NoticeKind.RED: due,
            NoticeKind.REMINDER: reminder, NoticeKind.SUPERVISION: supervision}


def levels_reached(a: Assignment, now: datetime, cal: WorkCalendar) -> list[NoticeKind]:
    """The levels that apply to an open assignment at ``now``, in escalation order."""
    if a.state not in OPEN:
        return []
    t = level_thresholds(a, cal)
    reached = []
    if now > t[NoticeKind.YELLOW]:
        reached.append(NoticeKind.YELLOW)
    if now > t[NoticeKind.RED]:
        reached.append(NoticeKind.RED)
    if now >= t[NoticeKind.REMINDER]:
        reached.append(NoticeKind.REMINDER)
    if now >= t[NoticeKind.SUPERVISION]:
        reached.append(NoticeKind.SUPERVISION)
    return reached


def issued_levels(order: WorkOrder, a: Assignment) -> set[NoticeKind]:
    return {n.kind for n in order.notices if n.assignment_id == a.id and n.automatic}


def next_check_at(a: Assignment, issued: set[NoticeKind], cal: WorkCalendar) -> datetime | None:
    """When the sweep must look at this assignment again: the earliest threshold of a level not
    yet issued (possibly in the past), or ``None`` when it is closed or fully escalated."""
    if a.state not in OPEN:
        return None
    pending = [t for kind, t in level_thresholds(a, cal).items() if kind not in issued]
    return min(pending) if pending else None


def display_level(a: Assignment, now: datetime) -> WarningLevel:
    """The colour a list shows for the assignment's reply clock."""
    if a.state not in OPEN:
        return WarningLevel.NONE
    return warning_level(a.dispatched_at, a.reply_due, now)


def refresh(order: WorkOrder, a: Assignment, cal: WorkCalendar) -> None:
    """Recompute ``next_check_at`` after the assignment's clock or state changed."""
    a.next_check_at = next_check_at(a, issued_levels(order, a), cal)
