"""Deadlines that act by themselves: the sweep walks an assignment through 临期, 超期, 催办 and
督办 across National Day and a weekend, with two sweeps at once, one notice per level."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime

import pytest

from core import deadlines, services
from core.calendar import SHANGHAI
from core.clock import FakeClock
from core.model import NoticeKind, OrderState, RequestType
from core.replay import replay
from db.setup import Database, open_database
from tests.support.centre import Centre
from tests.support.together import in_processes, in_threads

L = SHANGHAI


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=L)  # type: ignore[misc]


def _sweep(start: Callable[[], object], url: str, now: datetime) -> tuple[int, list[str]]:
    db = open_database(url)
    start()
    report = deadlines.sweep(db.uow, FakeClock(now))
    db.dispose()
    return report.total_issued, report.errors


def sweep_twice_at_once(db: Database, now: datetime) -> int:
    """Two sweeps started together: threads on SQLite, processes on PostgreSQL."""
    run = in_threads if db.backend == "sqlite" else in_processes
    got = run(_sweep, db.url, now)
    assert all(not errors for _, errors in got), got
    return sum(n for n, _ in got)


def notices(db: Database, order_id: int) -> Counter[NoticeKind]:
    with db.uow() as uow:
        order = uow.orders.get(order_id)
    return Counter(n.kind for n in order.notices if n.automatic)


def dispatched_on_30_september(c: Centre) -> services.OrderSummary:
    c.clock.set(at(2026, 9, 30, 16, 0))
    o = c.register(request_type=RequestType.HELP)
    o = services.dispatch(c.db.uow(), c.operator, c.clock, o.id, c.housing)
    # 求助, normal: 5 working days, across National Day and the make-up Saturday
    assert o.assignments[0].reply_due.astimezone(L) == at(2026, 10, 13, 23, 59, 59)
    return o


def test_an_assignment_walks_through_every_level_once(centre: Centre) -> None:
    c = centre
    o = dispatched_on_30_september(c)
    steps = [
        (at(2026, 10, 8, 10, 0), {}),  # after the holiday: three quarters of the time left
        # the limit is 13d 8h; a quarter remains after Saturday 10 Oct 15:59:59.25
        (at(2026, 10, 10, 15, 59, 59), {}),
        (at(2026, 10, 10, 16, 0), {NoticeKind.YELLOW: 1}),
        (at(2026, 10, 13, 23, 59, 59), {NoticeKind.YELLOW: 1}),  # due, not yet past
        # Wednesday 00:00 is both past due and the first working day after it
        (at(2026, 10, 14, 0, 0), {NoticeKind.YELLOW: 1, NoticeKind.RED: 1,
                                  NoticeKind.REMINDER: 1}),
        (at(2026, 10, 18, 12, 0), {NoticeKind.YELLOW: 1, NoticeKind.RED: 1,
                                   NoticeKind.REMINDER: 1}),  # a Sunday: nothing new
        # 5 working days after 13 Oct: 14, 15, 16, (weekend), 19, 20 -> end of 20 Oct
        (at(2026, 10, 20, 23, 59, 58), {NoticeKind.YELLOW: 1, NoticeKind.RED: 1,
                                        NoticeKind.REMINDER: 1}),
        (at(2026, 10, 20, 23, 59, 59), {NoticeKind.YELLOW: 1, NoticeKind.RED: 1,
                                        NoticeKind.REMINDER: 1, NoticeKind.SUPERVISION: 1}),
        (at(2026, 11, 30, 9, 0), {NoticeKind.YELLOW: 1, NoticeKind.RED: 1,
                                  NoticeKind.REMINDER: 1, NoticeKind.SUPERVISION: 1}),
    ]
    for now, expected in steps:
        sweep_twice_at_once(c.db, now.astimezone(L))
        assert notices(c.db, o.id) == Counter(expected), now
    with c.db.uow() as uow:
        order = uow.orders.get(o.id)
        events = uow.orders.events(o.id)
    a = order.assignments[0]
    assert a.warning_level == "red" and a.next_check_at is None
    assert sum(1 for e in events if e.kind == "notice_issued") == 4
    assert replay(events).state is OrderState.AWAITING_SIGN


def test_a_desk_closed_over_the_weekend_catches_up_once(centre: Centre) -> None:
    c = centre
    o = dispatched_on_30_september(c)
    issued = sweep_twice_at_once(c.db, at(2026, 10, 26, 8, 0))
    assert issued == 4
    assert notices(c.db, o.id) == Counter(
        {NoticeKind.YELLOW: 1, NoticeKind.RED: 1, NoticeKind.REMINDER: 1,
         NoticeKind.SUPERVISION: 1})
    assert sweep_twice_at_once(c.db, at(2026, 10, 27, 8, 0)) == 0


def test_a_sweep_with_nothing_due_reads_nothing(centre: Centre) -> None:
    c = centre
    for _ in range(3):
        c.dispatched()
    report = deadlines.sweep(c.db.uow, c.clock)  # right after dispatch
    assert report.checked == 0 and report.total_issued == 0


def test_a_reply_stops_the_clock_and_an_extension_moves_it(centre: Centre) -> None:
    c = centre
    first = c.dispatched()  # Monday 2 Nov 09:00, due Monday 9 Nov 23:59:59
    second = c.dispatched()
    a1, a2 = first.assignments[0].id, second.assignments[0].id
    c.clock.set(at(2026, 11, 3, 10, 0))
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, a1)
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, a2)
    services.reply(c.db.uow(), c.housing_staff, c.clock, a1, "已处理")
    services.request_extension(c.db.uow(), c.housing_staff, c.clock, a2, 3, "需要协调物业")
    req = services.get_order(c.db.uow(), c.supervisor, second.id).pending_extensions[0]
    o2 = services.decide_extension(c.db.uow(), c.supervisor, c.clock, req, True)
    assert o2.assignments[0].reply_due.astimezone(L) == at(2026, 11, 12, 23, 59, 59)
    deadlines.sweep(c.db.uow, FakeClock(at(2026, 11, 10, 9, 0)))
    assert notices(c.db, first.id) == Counter()  # replied: no warnings at all
    assert notices(c.db, second.id) == Counter({NoticeKind.YELLOW: 1})  # not yet overdue
    deadlines.sweep(c.db.uow, FakeClock(at(2026, 11, 13, 0, 0)))
    assert notices(c.db, second.id) == Counter(
        {NoticeKind.YELLOW: 1, NoticeKind.RED: 1, NoticeKind.REMINDER: 1})


def test_a_supervisor_cannot_issue_a_warning_level_by_hand(centre: Centre) -> None:
    from core.errors import ValidationError

    c = centre
    o = c.dispatched()
    with pytest.raises(ValidationError):
        services.issue_notice(c.db.uow(), c.supervisor, c.clock, o.assignments[0].id,
                              NoticeKind.RED, "超期")
