"""The bell's notifications on both backends: what concerns whom, read marks per user that
survive a new session, cheap refreshes, and the window."""

from __future__ import annotations

from datetime import datetime, timedelta

from core import deadlines, services
from core.calendar import SHANGHAI
from core.clock import FakeClock
from core.model import Actor, CallbackOutcome, NoticeKind
from core.notifications import (
    RESCAN,
    WINDOW,
    NotificationFeed,
    NotificationKind,
    Severity,
    mark_all_read,
    mark_read,
    notifications_for,
    unread_count,
)
from core.notifications import NotificationKind as K
from db.notification_queries import notifications_factory
from tests.support.centre import Centre


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)  # type: ignore[misc]


def feed(c: Centre, who: Actor, previous: NotificationFeed | None = None,
         limit: int = 100) -> NotificationFeed:
    return notifications_for(notifications_factory(c.db), who, c.clock.now(), limit, previous)


def kinds(f: NotificationFeed) -> list[NotificationKind]:
    return [n.kind for n in f.items]


def sweep(c: Centre, when: datetime) -> None:
    c.clock.set(when)
    deadlines.sweep(c.db.uow, FakeClock(when))


def overdue_at_housing(c: Centre) -> services.OrderSummary:
    """Dispatched Monday 2 Nov 09:00 (求助, due Monday 9 Nov 23:59:59), swept through 临期 on
    Sunday and 超期 + 催办 on Tuesday."""
    o = c.dispatched()
    sweep(c, at(2026, 11, 8, 12, 0))
    sweep(c, at(2026, 11, 10, 9, 0))
    return o


def test_housing_staff_are_told_of_their_dispatch_and_every_warning(centre: Centre) -> None:
    c = centre
    o = overdue_at_housing(c)
    f = feed(c, c.housing_staff)
    assert kinds(f) == [K.REMINDER, K.OVERDUE, K.DUE_SOON, K.NEW_ORDER]
    assert f.unread == 4
    assert {n.ticket_no for n in f.items} == {o.ticket_no}
    assert {n.order_id for n in f.items} == {o.id}
    assert {n.department for n in f.items} == {"市住房和城乡建设局"}
    assert [n.severity for n in f.items] == [Severity.YELLOW, Severity.RED, Severity.YELLOW,
                                             Severity.NONE]
    assert all(n.automatic for n in f.items[:3])
    assert "超期提醒" in f.items[1].detail
    # the same events are in the order's timeline
    with c.db.uow(write=False) as uow:
        timeline = {e.id for e in uow.orders.events(o.id)}
    assert {n.event_id for n in f.items} <= timeline
    assert unread_count(notifications_factory(c.db), c.housing_staff, c.clock.now()) == 4


def test_other_departments_and_operators_see_none_of_it(centre: Centre) -> None:
    c = centre
    overdue_at_housing(c)
    assert feed(c, c.urban_staff).items == ()
    assert feed(c, c.operator).items == ()
    assert feed(c, c.admin).items == ()


def test_supervisors_get_red_and_supervision_centre_wide_but_not_yellow(centre: Centre) -> None:
    c = centre
    overdue_at_housing(c)
    assert kinds(feed(c, c.supervisor)) == [K.OVERDUE]
    sweep(c, at(2026, 11, 17, 9, 0))  # 5 working days after the due date: 督办
    assert kinds(feed(c, c.supervisor)) == [K.SUPERVISION, K.OVERDUE]
    assert kinds(feed(c, c.housing_staff))[0] is K.SUPERVISION


def test_marks_are_per_user_and_survive_a_new_session(centre: Centre) -> None:
    c = centre
    overdue_at_housing(c)
    store = notifications_factory(c.db)
    f = feed(c, c.housing_staff)
    overdue = f.items[1]
    mark_read(store, c.housing_staff, [overdue.event_id], c.clock.now())
    again = feed(c, c.housing_staff)
    assert again.unread == 3 and again.items[1].read and not again.items[0].read
    assert feed(c, c.supervisor).unread == 1  # the supervisor's mark is their own
    mark_all_read(store, c.housing_staff, again.newest_id(), c.clock.now())
    assert feed(c, c.housing_staff).unread == 0
    assert feed(c, c.supervisor).unread == 1
    # a later notice is unread again; marking twice changes nothing
    sweep(c, at(2026, 11, 17, 9, 0))
    later = feed(c, c.housing_staff)
    assert later.unread == 1 and kinds(later)[0] is K.SUPERVISION
    mark_read(store, c.housing_staff, [later.items[0].event_id], c.clock.now())
    mark_read(store, c.housing_staff, [later.items[0].event_id], c.clock.now())
    mark_all_read(store, c.housing_staff, 1, c.clock.now())  # an older mark does not undo
    assert feed(c, c.housing_staff).unread == 0


def test_requests_go_to_supervisors_and_decisions_back_to_the_department(
    centre: Centre,
) -> None:
    c = centre
    o = c.dispatched()
    aid = o.assignments[0].id
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, aid)
    c.clock.advance(hours=1)
    services.request_extension(c.db.uow(), c.housing_staff, c.clock, aid, 3, "需要协调物业")
    sup = feed(c, c.supervisor)
    assert kinds(sup) == [K.EXTENSION_REQUESTED]
    assert sup.items[0].detail == "需要协调物业"
    assert kinds(feed(c, c.housing_staff)) == [K.NEW_ORDER]  # not told of their own request
    req = services.get_order(c.db.uow(), c.supervisor, o.id).pending_extensions[0]
    services.decide_extension(c.db.uow(), c.supervisor, c.clock, req, False, "理由不充分")
    f = feed(c, c.housing_staff)
    assert kinds(f) == [K.EXTENSION_REJECTED, K.NEW_ORDER]
    assert f.items[0].detail == "理由不充分"
    assert kinds(feed(c, c.supervisor)) == [K.EXTENSION_REQUESTED]  # not their own decision

    second = c.dispatched()
    services.request_return(c.db.uow(), c.housing_staff, c.clock, second.assignments[0].id,
                            "不属于本单位职责")
    assert kinds(feed(c, c.supervisor))[0] is K.RETURN_REQUESTED
    req = services.get_order(c.db.uow(), c.supervisor, second.id).pending_returns[0]
    services.decide_return(c.db.uow(), c.supervisor, c.clock, req, True)
    assert kinds(feed(c, c.housing_staff))[0] is K.RETURN_APPROVED


def test_replies_for_review_rejections_and_unsatisfied_callbacks(centre: Centre) -> None:
    c = centre
    o = c.dispatched()
    aid = o.assignments[0].id
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, aid)
    services.reply(c.db.uow(), c.housing_staff, c.clock, aid, "已联系物业维修")
    assert kinds(feed(c, c.operator)) == [K.REPLY_READY]
    services.reject_reply(c.db.uow(), c.operator, c.clock, o.id, "回复过于简单")
    assert kinds(feed(c, c.housing_staff))[0] is K.REPLY_REJECTED
    services.reply(c.db.uow(), c.housing_staff, c.clock, aid, "电梯已修复，物业已回访")
    services.accept_reply(c.db.uow(), c.operator, c.clock, o.id)
    services.record_callback(c.db.uow(), c.operator, c.clock, o.id,
                             CallbackOutcome.UNSATISFIED, "仍然经常停运")
    sup = feed(c, c.supervisor)
    assert kinds(sup) == [K.CALLBACK_UNSATISFIED]
    assert sup.items[0].detail == "仍然经常停运"
    assert kinds(feed(c, c.operator)) == [K.REPLY_READY, K.REPLY_READY]


def test_a_supervisors_own_notice_goes_to_the_department_only(centre: Centre) -> None:
    c = centre
    o = c.dispatched()
    services.issue_notice(c.db.uow(), c.supervisor, c.clock, o.assignments[0].id,
                          NoticeKind.SUPERVISION, "请今日内联系来电人")
    f = feed(c, c.housing_staff)
    assert kinds(f)[0] is K.SUPERVISION and not f.items[0].automatic
    assert f.items[0].detail == "请今日内联系来电人"
    assert feed(c, c.supervisor).items == ()


def test_a_refresh_reads_only_what_is_new_and_keeps_the_marks(centre: Centre) -> None:
    c = centre
    first = c.dispatched()
    f1 = feed(c, c.housing_staff)
    assert f1.unread == 1
    mark_read(notifications_factory(c.db), c.housing_staff, [f1.items[0].event_id],
              c.clock.now())
    c.clock.advance(minutes=5)
    second = c.dispatched()
    f2 = feed(c, c.housing_staff, previous=f1)
    assert [n.order_id for n in f2.items] == [second.id, first.id]
    assert [n.read for n in f2.items] == [False, True]
    assert f2.top_event_id > f1.top_event_id
    # the same as a full load
    assert feed(c, c.housing_staff).items == f2.items


def test_a_late_commit_below_the_last_refresh_is_still_found(centre: Centre) -> None:
    """PostgreSQL hands out ids before commit: a refresh looks again at the last ids."""
    c = centre
    c.dispatched()
    f1 = feed(c, c.housing_staff)
    late = f1.items[0]
    hidden = NotificationFeed(f1.user_id, f1.now, f1.since, (), f1.top_event_id, f1.limit)
    assert RESCAN > 10
    assert feed(c, c.housing_staff, previous=hidden).items[0].event_id == late.event_id


def test_the_window_and_the_limit(centre: Centre) -> None:
    c = centre
    for _ in range(3):
        c.dispatched()
    f = feed(c, c.housing_staff, limit=2)
    assert len(f.items) == 2 and f.unread == 2
    c.clock.advance(days=WINDOW.days, hours=1)
    assert feed(c, c.housing_staff).items == ()
    assert feed(c, c.housing_staff, previous=f, limit=2).items == ()


def test_a_system_actor_has_no_feed_and_marks_nothing(centre: Centre) -> None:
    from core.model import SYSTEM

    c = centre
    c.dispatched()
    store = notifications_factory(c.db)
    assert feed(c, SYSTEM).items == ()
    mark_all_read(store, SYSTEM, 10, c.clock.now())
    mark_read(store, SYSTEM, [1], c.clock.now())
    assert feed(c, c.housing_staff).unread == 1


def test_window_constant_is_two_weeks() -> None:
    assert WINDOW == timedelta(days=14)
