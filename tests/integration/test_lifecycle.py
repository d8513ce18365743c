"""The work-order lifecycle of DOMAIN.md sections 3 and 4, through the services, on a real
database (SQLite and PostgreSQL). Each test asserts what a user would see: states, exact
deadlines in Shanghai time, counts and typed errors; every refused action leaves every table
exactly as it was; and every order that ends somewhere replays from its timeline to the state
that is stored.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pytest
import sqlalchemy as sa

from core import services as S
from core.calendar import SHANGHAI
from core.errors import (
    IllegalTransition,
    NotFound,
    PermissionDenied,
    RuleViolation,
    ValidationError,
    WrongDepartment,
)
from core.model import (
    Actor,
    AssignmentState,
    CallbackOutcome,
    CloseKind,
    EventKind,
    NoticeKind,
    OrderState,
    RequestStatus,
    RequestType,
    Urgency,
    WorkOrder,
)
from core.replay import replay
from tests.support.assertions import refused
from tests.support.centre import Centre

AS = AssignmentState
OS = OrderState
Summary = S.OrderSummary


# --- helpers ------------------------------------------------------------------------------


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    """A Shanghai wall-clock instant."""
    return datetime(y, mo, d, h, mi, s, tzinfo=SHANGHAI)


def end_of(y: int, mo: int, d: int) -> datetime:
    """23:59:59 Shanghai time on that date (the end of a working day)."""
    return at(y, mo, d, 23, 59, 59)


def local(t: datetime | None) -> datetime | None:
    return None if t is None else t.astimezone(SHANGHAI)




def load(c: Centre, order_id: int) -> WorkOrder:
    with c.db.uow() as u:
        return u.orders.get(order_id)


def event_kinds(c: Centre, order_id: int) -> list[EventKind]:
    with c.db.uow() as u:
        return [e.kind for e in u.orders.events(order_id)]


def assert_replays(c: Centre, order_id: int) -> None:
    """The timeline alone gives the stored order state and every assignment's state."""
    with c.db.uow() as u:
        order = u.orders.get(order_id)
        r = replay(u.orders.events(order_id))
    assert r.state is order.state
    assert r.assignments == {a.id: a.state for a in order.assignments}


def assert_every_order_replays(c: Centre) -> None:
    with c.db.engine.connect() as conn:
        ids = [row[0] for row in conn.execute(sa.text("SELECT id FROM work_order ORDER BY id"))]
    assert ids
    for order_id in ids:
        assert_replays(c, order_id)


def states(o: Summary) -> dict[tuple[int, int], AssignmentState]:
    """(hop, department) -> assignment state."""
    return {(a.hop, a.department_id): a.state for a in o.assignments}


def by_dept(o: Summary, department_id: int, hop: int = 1) -> S.AssignmentSummary:
    return next(a for a in o.assignments if a.department_id == department_id and a.hop == hop)


def dispatch(c: Centre, order_id: int, lead: int, assisting: tuple[int, ...] = (),
             **kw: Any) -> Summary:
    return S.dispatch(c.db.uow(), c.operator, c.clock, order_id, lead, assisting, **kw)


def sign(c: Centre, staff: Actor, assignment_id: int) -> Summary:
    return S.sign_for(c.db.uow(), staff, c.clock, assignment_id)


def answer(c: Centre, staff: Actor, assignment_id: int,
           text: str = "经核实，已处理完毕。") -> Summary:
    return S.reply(c.db.uow(), staff, c.clock, assignment_id, text)


def callback(c: Centre, order_id: int, outcome: CallbackOutcome) -> Summary:
    return S.record_callback(c.db.uow(), c.operator, c.clock, order_id, outcome)


def replied_by_housing(c: Centre, **kw: Any) -> Summary:
    """A 求助 dispatched to housing at 09:00 Monday, signed at 10:00, replied Tuesday 10:00."""
    o = c.dispatched(**kw)
    aid = o.assignments[0].id
    c.clock.advance(hours=1)
    sign(c, c.housing_staff, aid)
    c.clock.advance(days=1)
    return answer(c, c.housing_staff, aid)


def awaiting_callback(c: Centre, **kw: Any) -> Summary:
    o = replied_by_housing(c, **kw)
    return S.accept_reply(c.db.uow(), c.operator, c.clock, o.id)


def unregistered_category_order(c: Centre) -> Summary:
    reg = S.Registration(channel_id=c.portal, content="网民留言咨询政策。", category_id=None)
    return S.register(c.db.uow(), c.operator, c.clock, reg)


# --- dispatch: the clocks -----------------------------------------------------------------


def test_dispatch_of_a_normal_request_for_help_sets_both_clocks_and_the_return_window(
    centre: Centre,
) -> None:
    c = centre
    o = c.dispatched()  # Monday 2 Nov 09:00
    assert o.state is OS.AWAITING_SIGN
    assert len(o.assignments) == 1
    a = o.assignments[0]
    assert (a.department_id, a.lead, a.hop, a.state) == (c.housing, True, 1, AS.AWAITING_SIGN)
    assert local(a.sign_due) == end_of(2026, 11, 3)  # end of the next working day
    assert local(a.reply_due) == end_of(2026, 11, 9)  # 5 working days
    stored = load(c, o.id).assignments[0]
    assert local(stored.return_until) == end_of(2026, 11, 4)  # 2 working days
    assert local(stored.dispatched_at) == at(2026, 11, 2, 9)
    assert event_kinds(c, o.id) == [EventKind.REGISTERED, EventKind.DISPATCHED]
    assert_replays(c, o.id)


def test_the_normal_reply_due_follows_the_request_type(centre: Centre) -> None:
    c = centre
    expected = {
        RequestType.CONSULTATION: end_of(2026, 11, 5),  # 3 working days
        RequestType.PRAISE: end_of(2026, 11, 5),
        RequestType.HELP: end_of(2026, 11, 9),  # 5 working days
        RequestType.COMPLAINT: end_of(2026, 11, 16),  # 10 working days
        RequestType.REPORT: end_of(2026, 11, 16),
    }
    got = {}
    for rt in expected:
        o = c.dispatched(request_type=rt)
        got[rt] = local(o.assignments[0].reply_due)
        assert local(o.assignments[0].sign_due) == end_of(2026, 11, 3)
    assert got == expected
    assert_every_order_replays(c)


@pytest.mark.parametrize(
    ("urgency", "sign_due", "reply_due", "return_until"),
    [
        (Urgency.URGENT, at(2026, 11, 2, 10), at(2026, 11, 3, 9), at(2026, 11, 2, 10)),
        (Urgency.CRITICAL, at(2026, 11, 2, 9, 30), at(2026, 11, 2, 11), at(2026, 11, 2, 9, 30)),
    ],
)
def test_urgent_and_critical_orders_run_on_natural_hours(
    centre: Centre, urgency: Urgency, sign_due: datetime, reply_due: datetime,
    return_until: datetime,
) -> None:
    c = centre
    o = c.dispatched(urgency=urgency, request_type=RequestType.COMPLAINT)
    a = o.assignments[0]
    assert (local(a.sign_due), local(a.reply_due)) == (sign_due, reply_due)
    assert local(load(c, o.id).assignments[0].return_until) == return_until
    assert_replays(c, o.id)


def test_hour_limits_do_not_stop_for_the_weekend(centre: Centre) -> None:
    c = centre
    c.clock.set(at(2026, 10, 30, 20))  # Friday evening
    o = c.dispatched(urgency=Urgency.URGENT)
    a = o.assignments[0]
    assert local(a.sign_due) == at(2026, 10, 30, 21)
    assert local(a.reply_due) == at(2026, 10, 31, 20)  # Saturday
    assert_every_order_replays(c)


@pytest.mark.parametrize("when", [at(2026, 10, 30, 9), at(2026, 10, 30, 23, 50),
                                  at(2026, 10, 31, 11)])
def test_dispatch_on_friday_or_saturday_counts_from_monday(centre: Centre, when: datetime) -> None:
    c = centre
    c.clock.set(when)
    o = c.dispatched()
    a = o.assignments[0]
    assert local(a.sign_due) == end_of(2026, 11, 2)  # Monday
    assert local(a.reply_due) == end_of(2026, 11, 6)  # Friday: 2, 3, 4, 5, 6 Nov
    assert local(load(c, o.id).assignments[0].return_until) == end_of(2026, 11, 3)
    assert_every_order_replays(c)


def test_dispatch_before_national_day_skips_the_holiday_and_counts_the_make_up_saturday(
    centre: Centre,
) -> None:
    c = centre
    c.clock.set(at(2026, 9, 30, 16))  # Wednesday before 1-7 October
    o = c.dispatched()
    a = o.assignments[0]
    assert local(a.sign_due) == end_of(2026, 10, 8)
    # 8 (Thu), 9 (Fri), 10 (Sat, make-up working day), 12 (Mon), 13 (Tue)
    assert local(a.reply_due) == end_of(2026, 10, 13)
    assert o.ticket_no.startswith("8890-20260930-")
    assert_every_order_replays(c)


def test_a_lead_and_two_assisting_departments_get_three_assignments_with_own_clocks(
    centre: Centre,
) -> None:
    c = centre
    o = c.register()
    o = dispatch(c, o.id, c.housing, (c.urban, c.water))
    assert o.state is OS.AWAITING_SIGN
    assert sorted((a.department_id, a.lead, a.hop) for a in o.assignments) == sorted(
        [(c.housing, True, 1), (c.urban, False, 1), (c.water, False, 1)])
    assert len({a.id for a in o.assignments}) == 3
    for a in o.assignments:
        assert a.state is AS.AWAITING_SIGN
        assert local(a.sign_due) == end_of(2026, 11, 3)
        assert local(a.reply_due) == end_of(2026, 11, 9)
    # the clocks are per assignment: extending the water company's moves only its own
    water = by_dept(o, c.water).id
    sign(c, c.water_staff, water)
    o = S.request_extension(c.db.uow(), c.water_staff, c.clock, water, 2, "需协调施工队。")
    o = S.decide_extension(c.db.uow(), c.supervisor, c.clock, o.pending_extensions[0], True)
    assert local(by_dept(o, c.water).reply_due) == end_of(2026, 11, 11)
    assert local(by_dept(o, c.housing).reply_due) == end_of(2026, 11, 9)
    assert local(by_dept(o, c.urban).reply_due) == end_of(2026, 11, 9)
    assert (by_dept(o, c.water).extension_days, by_dept(o, c.housing).extension_days) == (2, 0)
    assert_replays(c, o.id)


@pytest.mark.parametrize("assisting", ["lead", "lead and other", "lead twice"])
def test_the_lead_cannot_also_be_an_assisting_department(centre: Centre, assisting: str) -> None:
    c = centre
    o = c.register()
    ids = {"lead": (c.housing,), "lead and other": (c.urban, c.housing),
           "lead twice": (c.housing, c.housing)}[assisting]
    refused(c, RuleViolation, S.dispatch, c.operator, c.clock, o.id, c.housing, ids)
    assert_replays(c, o.id)


def test_an_assisting_department_named_twice_gets_one_assignment(centre: Centre) -> None:
    c = centre
    o = dispatch(c, c.register().id, c.housing, (c.urban, c.urban))
    assert sorted(a.department_id for a in o.assignments) == sorted([c.housing, c.urban])
    assert_every_order_replays(c)


def test_a_reply_due_set_by_hand_must_lie_in_the_future(centre: Centre) -> None:
    c = centre
    o = c.register()
    refused(c, ValidationError, S.dispatch, c.operator, c.clock, o.id, c.housing,
            reply_due=at(2026, 11, 1, 12))
    refused(c, ValidationError, S.dispatch, c.operator, c.clock, o.id, c.housing,
            reply_due=at(2026, 11, 2, 9))  # exactly now is not the future
    o = dispatch(c, o.id, c.housing, reply_due=at(2026, 11, 4, 18))
    assert local(o.assignments[0].reply_due) == at(2026, 11, 4, 18)
    assert local(o.assignments[0].sign_due) == end_of(2026, 11, 3)
    assert_replays(c, o.id)


def test_dispatch_to_an_unknown_department_is_not_found(centre: Centre) -> None:
    c = centre
    o = c.register()
    refused(c, NotFound, S.dispatch, c.operator, c.clock, o.id, 9999)
    refused(c, NotFound, S.dispatch, c.operator, c.clock, o.id, c.housing, (c.urban, 9999))
    assert load(c, o.id).state is OS.REGISTERED
    assert_every_order_replays(c)


def test_department_staff_may_not_dispatch(centre: Centre) -> None:
    c = centre
    o = c.register()
    refused(c, PermissionDenied, S.dispatch, c.housing_staff, c.clock, o.id, c.housing)
    assert_every_order_replays(c)


# --- the order's state from its assignments --------------------------------------------


def test_the_lead_replies_after_every_assisting_department_and_then_the_order_is_replied(
    centre: Centre,
) -> None:
    c = centre
    o = dispatch(c, c.register().id, c.housing, (c.urban, c.water))
    lead, urban, water = (by_dept(o, d).id for d in (c.housing, c.urban, c.water))
    for staff, aid in ((c.housing_staff, lead), (c.urban_staff, urban), (c.water_staff, water)):
        o = sign(c, staff, aid)
    assert o.state is OS.IN_PROGRESS
    c.clock.advance(hours=3)
    assert answer(c, c.urban_staff, urban).state is OS.IN_PROGRESS
    err = refused(c, RuleViolation, S.reply, c.housing_staff, c.clock, lead, "已处理")
    assert "1 个协办单位未回复" in err.message_zh  # water still working: the lead replies last
    assert answer(c, c.water_staff, water).state is OS.IN_PROGRESS
    o = answer(c, c.housing_staff, lead)
    assert o.state is OS.REPLIED
    assert set(states(o).values()) == {AS.REPLIED}
    assert_replays(c, o.id)


def test_the_order_awaits_sign_for_while_the_lead_has_not_signed(centre: Centre) -> None:
    c = centre
    o = dispatch(c, c.register().id, c.housing, (c.urban,))
    urban = by_dept(o, c.urban).id
    assert sign(c, c.urban_staff, urban).state is OS.AWAITING_SIGN
    o = answer(c, c.urban_staff, urban)
    assert o.state is OS.AWAITING_SIGN
    assert states(o) == {(1, c.housing): AS.AWAITING_SIGN, (1, c.urban): AS.REPLIED}
    o = sign(c, c.housing_staff, by_dept(o, c.housing).id)
    assert o.state is OS.IN_PROGRESS
    assert_replays(c, o.id)


# --- sign for -------------------------------------------------------------------------------


def test_sign_for_belongs_to_the_assignments_own_department_and_happens_once(
    centre: Centre,
) -> None:
    c = centre
    o = c.dispatched()
    aid = o.assignments[0].id
    refused(c, WrongDepartment, S.sign_for, c.urban_staff, c.clock, aid)
    refused(c, PermissionDenied, S.sign_for, c.operator, c.clock, aid)
    refused(c, PermissionDenied, S.sign_for, c.supervisor, c.clock, aid)
    refused(c, NotFound, S.sign_for, c.housing_staff, c.clock, 987654)
    c.clock.advance(minutes=20)
    o = sign(c, c.housing_staff, aid)
    assert o.state is OS.IN_PROGRESS
    stored = load(c, o.id).assignments[0]
    assert stored.state is AS.IN_PROGRESS
    assert local(stored.signed_at) == at(2026, 11, 2, 9, 20)
    assert stored.signed_by == c.housing_staff.user_id
    refused(c, IllegalTransition, S.sign_for, c.housing_staff, c.clock, aid)
    assert_replays(c, o.id)


# --- returns ----------------------------------------------------------------------------


def test_a_return_may_be_asked_for_until_the_end_of_the_second_working_day(
    centre: Centre,
) -> None:
    c = centre
    early, late = c.dispatched(), c.dispatched()
    c.clock.set(at(2026, 11, 4, 23, 59))  # Wednesday, last minute of the window
    o = S.request_return(c.db.uow(), c.housing_staff, c.clock, early.assignments[0].id,
                         "该事项属于物业公司职责，非本单位职能。")
    assert o.state is OS.AWAITING_SIGN
    assert len(o.pending_returns) == 1
    c.clock.set(at(2026, 11, 5, 0, 0, 1))  # Thursday: too late
    err = refused(c, RuleViolation, S.request_return, c.housing_staff, c.clock,
                  late.assignments[0].id, "非本单位职能。")
    assert "2026-11-04 23:59" in err.message_en
    assert_replays(c, early.id)
    assert_replays(c, late.id)


def test_an_urgent_order_may_be_returned_within_one_hour_only(centre: Centre) -> None:
    c = centre
    first, second = (c.dispatched(urgency=Urgency.URGENT) for _ in range(2))
    c.clock.advance(minutes=59)
    S.request_return(c.db.uow(), c.housing_staff, c.clock, first.assignments[0].id, "非本单位职能")
    c.clock.advance(minutes=2)
    refused(c, RuleViolation, S.request_return, c.housing_staff, c.clock,
            second.assignments[0].id, "非本单位职能")
    assert_every_order_replays(c)


@pytest.mark.parametrize("reason", ["", "   \n\t"])
def test_a_return_needs_a_reason(centre: Centre, reason: str) -> None:
    c = centre
    o = c.dispatched()
    refused(c, ValidationError, S.request_return, c.housing_staff, c.clock,
            o.assignments[0].id, reason)
    assert_every_order_replays(c)


def test_an_approved_lead_return_sends_the_order_back_to_dispatch(centre: Centre) -> None:
    c = centre
    o = dispatch(c, c.register().id, c.housing, (c.urban, c.water))
    lead = by_dept(o, c.housing).id
    sign(c, c.urban_staff, by_dept(o, c.urban).id)
    c.clock.advance(hours=2)
    o = S.request_return(c.db.uow(), c.housing_staff, c.clock, lead,
                         "电梯属物业公司维保，非本局职能。")
    refused(c, PermissionDenied, S.decide_return, c.operator, c.clock, o.pending_returns[0], True)
    refused(c, PermissionDenied, S.decide_return, c.housing_staff, c.clock,
            o.pending_returns[0], True)
    request_id = o.pending_returns[0]
    o = S.decide_return(c.db.uow(), c.supervisor, c.clock, request_id, True)
    assert o.state is OS.TO_DISPATCH
    assert o.pending_returns == ()
    assert states(o) == {(1, c.housing): AS.RETURNED, (1, c.urban): AS.CANCELLED,
                         (1, c.water): AS.CANCELLED}
    stored = load(c, o.id)
    assert stored.return_requests[0].status is RequestStatus.APPROVED
    assert all(local(a.ended_at) == at(2026, 11, 2, 11) for a in stored.assignments)
    refused(c, IllegalTransition, S.decide_return, c.supervisor, c.clock, request_id, True)

    c.clock.set(at(2026, 11, 3, 14))  # re-dispatch on Tuesday afternoon
    o = dispatch(c, o.id, c.urban)
    assert o.state is OS.AWAITING_SIGN
    new = by_dept(o, c.urban, hop=2)
    assert (new.lead, new.state) == (True, AS.AWAITING_SIGN)
    assert local(new.sign_due) == end_of(2026, 11, 4)
    assert local(new.reply_due) == end_of(2026, 11, 10)
    assert len(o.assignments) == 4
    assert_replays(c, o.id)


def test_an_approved_assisting_return_ends_only_that_assignment(centre: Centre) -> None:
    c = centre
    o = dispatch(c, c.register().id, c.housing, (c.urban,))
    lead, urban = by_dept(o, c.housing).id, by_dept(o, c.urban).id
    sign(c, c.housing_staff, lead)
    o = S.request_return(c.db.uow(), c.urban_staff, c.clock, urban, "不涉及城管职责。")
    refused(c, RuleViolation, S.reply, c.housing_staff, c.clock, lead, "已处理")  # waits
    o = S.decide_return(c.db.uow(), c.supervisor, c.clock, o.pending_returns[0], True,
                        "同意退回")
    assert states(o) == {(1, c.housing): AS.IN_PROGRESS, (1, c.urban): AS.RETURNED}
    o = answer(c, c.housing_staff, lead)
    assert o.state is OS.REPLIED  # nothing else outstanding
    assert local(by_dept(o, c.housing).reply_due) == end_of(2026, 11, 9)
    assert_replays(c, o.id)


def test_a_rejected_return_lets_the_assignment_go_on_with_its_clocks_unchanged(
    centre: Centre,
) -> None:
    c = centre
    o = c.dispatched()
    aid = o.assignments[0].id
    before = o.assignments[0]
    c.clock.advance(hours=1)
    o = S.request_return(c.db.uow(), c.housing_staff, c.clock, aid, "非本单位职能。")
    request_id = o.pending_returns[0]
    # the department cannot act on it while the return waits, nor ask again
    refused(c, RuleViolation, S.sign_for, c.housing_staff, c.clock, aid)
    refused(c, RuleViolation, S.request_return, c.housing_staff, c.clock, aid, "再次申请。")
    # rejecting needs a reason
    refused(c, ValidationError, S.decide_return, c.supervisor, c.clock, request_id, False)
    refused(c, ValidationError, S.decide_return, c.supervisor, c.clock, request_id, False, "  ")
    c.clock.advance(days=1)
    o = S.decide_return(c.db.uow(), c.supervisor, c.clock, request_id, False,
                        "电梯安全监管属住建局职责。")
    after = o.assignments[0]
    assert o.state is OS.AWAITING_SIGN
    assert (after.state, after.sign_due, after.reply_due) == (AS.AWAITING_SIGN, before.sign_due,
                                                             before.reply_due)
    assert o.pending_returns == ()
    stored = load(c, o.id).return_requests[0]
    assert (stored.status, stored.decision_note) == (RequestStatus.REJECTED,
                                                     "电梯安全监管属住建局职责。")
    assert sign(c, c.housing_staff, aid).state is OS.IN_PROGRESS
    assert_replays(c, o.id)


# --- extensions -------------------------------------------------------------------------


def test_an_extension_can_only_be_asked_for_after_signing(centre: Centre) -> None:
    c = centre
    o = c.dispatched()
    refused(c, IllegalTransition, S.request_extension, c.housing_staff, c.clock,
            o.assignments[0].id, 3, "需要现场勘查。")
    assert_every_order_replays(c)


def test_extensions_are_capped_at_ten_working_days_per_assignment(centre: Centre) -> None:
    c = centre
    o = c.dispatched()  # reply due Mon 9 Nov
    aid = o.assignments[0].id
    sign(c, c.housing_staff, aid)
    o = S.request_extension(c.db.uow(), c.housing_staff, c.clock, aid, 7, "需更换主板。")
    o = S.decide_extension(c.db.uow(), c.supervisor, c.clock, o.pending_extensions[0], True)
    a = o.assignments[0]
    # 10, 11, 12, 13, 16, 17, 18 November
    assert (local(a.reply_due), a.extension_days) == (end_of(2026, 11, 18), 7)
    err = refused(c, RuleViolation, S.request_extension, c.housing_staff, c.clock, aid, 4,
                  "配件未到。")
    assert "10" in err.message_en and "3" in err.message_en
    o = S.request_extension(c.db.uow(), c.housing_staff, c.clock, aid, 3, "配件未到。")
    o = S.decide_extension(c.db.uow(), c.supervisor, c.clock, o.pending_extensions[0], True)
    a = o.assignments[0]
    assert (local(a.reply_due), a.extension_days) == (end_of(2026, 11, 23), 10)
    refused(c, RuleViolation, S.request_extension, c.housing_staff, c.clock, aid, 1, "再延一天。")
    assert_replays(c, o.id)


def test_an_approved_extension_moves_the_due_in_force_across_the_weekend(
    centre: Centre,
) -> None:
    c = centre
    c.clock.set(at(2026, 11, 3, 9))  # Tuesday
    o = c.dispatched(request_type=RequestType.CONSULTATION)
    aid = o.assignments[0].id
    assert local(o.assignments[0].reply_due) == end_of(2026, 11, 6)  # Friday
    sign(c, c.housing_staff, aid)
    o = S.request_extension(c.db.uow(), c.housing_staff, c.clock, aid, 2, "需向上级请示。")
    assert o.state is OS.IN_PROGRESS
    assert local(o.assignments[0].reply_due) == end_of(2026, 11, 6)  # not moved by asking
    c.clock.set(at(2026, 11, 5, 15))
    o = S.decide_extension(c.db.uow(), c.supervisor, c.clock, o.pending_extensions[0], True,
                           "同意")
    assert local(o.assignments[0].reply_due) == end_of(2026, 11, 10)  # Mon 9, Tue 10
    req = load(c, o.id).extension_requests[0]
    assert req.status is RequestStatus.APPROVED
    assert local(req.new_reply_due) == end_of(2026, 11, 10)
    assert_replays(c, o.id)


def test_an_extension_of_an_hour_limited_due_ends_at_the_end_of_a_working_day(
    centre: Centre,
) -> None:
    c = centre
    o = c.dispatched(urgency=Urgency.URGENT)  # reply due Tue 3 Nov 09:00
    aid = o.assignments[0].id
    sign(c, c.housing_staff, aid)
    o = S.request_extension(c.db.uow(), c.housing_staff, c.clock, aid, 1, "需夜间停梯检修。")
    o = S.decide_extension(c.db.uow(), c.supervisor, c.clock, o.pending_extensions[0], True)
    assert local(o.assignments[0].reply_due) == end_of(2026, 11, 4)
    assert_every_order_replays(c)


def test_a_rejected_extension_leaves_the_reply_due(centre: Centre) -> None:
    c = centre
    o = c.dispatched()
    aid = o.assignments[0].id
    sign(c, c.housing_staff, aid)
    o = S.request_extension(c.db.uow(), c.housing_staff, c.clock, aid, 5, "需招标。")
    xid = o.pending_extensions[0]
    refused(c, PermissionDenied, S.decide_extension, c.operator, c.clock, xid, True)
    refused(c, PermissionDenied, S.decide_extension, c.housing_staff, c.clock, xid, True)
    refused(c, ValidationError, S.decide_extension, c.supervisor, c.clock, xid, False)
    o = S.decide_extension(c.db.uow(), c.supervisor, c.clock, xid, False, "可先行应急处置。")
    a = o.assignments[0]
    assert (local(a.reply_due), a.extension_days) == (end_of(2026, 11, 9), 0)
    assert o.pending_extensions == ()
    assert load(c, o.id).extension_requests[0].status is RequestStatus.REJECTED
    refused(c, IllegalTransition, S.decide_extension, c.supervisor, c.clock, xid, True)
    assert_replays(c, o.id)


def test_an_extension_cannot_be_asked_for_once_the_reply_is_overdue(centre: Centre) -> None:
    c = centre
    in_time, overdue = c.dispatched(), c.dispatched()  # both due Mon 9 Nov 23:59:59
    sign(c, c.housing_staff, in_time.assignments[0].id)
    sign(c, c.housing_staff, overdue.assignments[0].id)
    c.clock.set(at(2026, 11, 9, 23, 59))
    o = S.request_extension(c.db.uow(), c.housing_staff, c.clock, in_time.assignments[0].id,
                            1, "最后一刻申请。")
    assert len(o.pending_extensions) == 1
    c.clock.set(at(2026, 11, 10, 0, 0, 1))
    refused(c, RuleViolation, S.request_extension, c.housing_staff, c.clock,
            overdue.assignments[0].id, 2, "超期后申请。")
    assert_replays(c, in_time.id)
    assert_replays(c, overdue.id)


def test_a_pending_extension_is_withdrawn_when_the_department_replies(centre: Centre) -> None:
    c = centre
    o = c.dispatched()
    aid = o.assignments[0].id
    sign(c, c.housing_staff, aid)
    o = S.request_extension(c.db.uow(), c.housing_staff, c.clock, aid, 3, "需协调。")
    xid = o.pending_extensions[0]
    refused(c, RuleViolation, S.request_return, c.housing_staff, c.clock, aid, "申请退单。")
    c.clock.advance(hours=4)
    o = answer(c, c.housing_staff, aid)
    assert o.state is OS.REPLIED
    assert o.pending_extensions == ()
    req = load(c, o.id).extension_requests[0]
    assert req.status is RequestStatus.WITHDRAWN
    assert local(req.decided_at) == at(2026, 11, 2, 13)
    assert local(o.assignments[0].reply_due) == end_of(2026, 11, 9)
    refused(c, IllegalTransition, S.decide_extension, c.supervisor, c.clock, xid, True)
    assert_replays(c, o.id)


# --- reviewing the reply ----------------------------------------------------------------


def test_a_rejected_reply_goes_back_to_the_department(centre: Centre) -> None:
    c = centre
    o = replied_by_housing(c)
    aid = o.assignments[0].id
    refused(c, ValidationError, S.reject_reply, c.operator, c.clock, o.id, "")
    o = S.reject_reply(c.db.uow(), c.operator, c.clock, o.id, "答复未说明维修时间。")
    assert o.state is OS.IN_PROGRESS
    assert o.assignments[0].state is AS.IN_PROGRESS
    assert local(o.assignments[0].reply_due) == end_of(2026, 11, 9)
    rep = load(c, o.id).replies
    assert [(r.rejected, r.rejected_reason) for r in rep] == [(True, "答复未说明维修时间。")]
    o = answer(c, c.housing_staff, aid, "已于11月3日完成维修并复检合格。")
    assert o.state is OS.REPLIED
    assert [r.rejected for r in load(c, o.id).replies] == [True, False]
    assert_replays(c, o.id)


def test_a_reply_can_be_rejected_after_acceptance_before_any_callback(centre: Centre) -> None:
    c = centre
    o = awaiting_callback(c)
    assert o.callback_due is not None
    o = S.reject_reply(c.db.uow(), c.operator, c.clock, o.id, "回访前复核发现答复不实。")
    assert o.state is OS.IN_PROGRESS
    assert o.callback_due is None
    o = answer(c, c.housing_staff, o.assignments[0].id, "重新核实后答复。")
    assert o.state is OS.REPLIED
    assert_replays(c, o.id)


def test_a_reply_cannot_be_rejected_once_a_callback_was_recorded(centre: Centre) -> None:
    c = centre
    o = awaiting_callback(c)
    callback(c, o.id, CallbackOutcome.NOT_REACHED)
    refused(c, IllegalTransition, S.reject_reply, c.operator, c.clock, o.id, "答复不实。")
    assert_replays(c, o.id)


def test_rejecting_one_assisting_reply_leaves_the_lead_replied(centre: Centre) -> None:
    c = centre
    o = dispatch(c, c.register().id, c.housing, (c.urban,))
    lead, urban = by_dept(o, c.housing).id, by_dept(o, c.urban).id
    for staff, aid in ((c.urban_staff, urban), (c.housing_staff, lead)):
        sign(c, staff, aid)
        o = answer(c, staff, aid)
    assert o.state is OS.REPLIED
    o = S.reject_reply(c.db.uow(), c.operator, c.clock, o.id, "城管答复不完整。", [urban])
    assert o.state is OS.IN_PROGRESS
    assert states(o) == {(1, c.housing): AS.REPLIED, (1, c.urban): AS.IN_PROGRESS}
    assert answer(c, c.urban_staff, urban).state is OS.REPLIED
    assert_replays(c, o.id)


def test_accepting_starts_the_callback_clock_from_the_last_reply(centre: Centre) -> None:
    c = centre
    o = dispatch(c, c.register().id, c.housing, (c.urban,))
    lead, urban = by_dept(o, c.housing).id, by_dept(o, c.urban).id
    sign(c, c.housing_staff, lead)
    sign(c, c.urban_staff, urban)
    c.clock.set(at(2026, 11, 3, 10))
    answer(c, c.urban_staff, urban)
    refused(c, IllegalTransition, S.accept_reply, c.operator, c.clock, o.id)
    c.clock.set(at(2026, 11, 6, 16))  # Friday
    answer(c, c.housing_staff, lead)
    c.clock.set(at(2026, 11, 9, 9))  # accepted on Monday
    o = S.accept_reply(c.db.uow(), c.operator, c.clock, o.id)
    assert o.state is OS.AWAITING_CALLBACK
    assert local(o.callback_due) == end_of(2026, 11, 9)  # next working day after Friday
    refused(c, PermissionDenied, S.accept_reply, c.housing_staff, c.clock, o.id)
    assert_replays(c, o.id)


# --- callbacks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "close_kind"),
    [
        (CallbackOutcome.SATISFIED, CloseKind.SATISFIED),
        (CallbackOutcome.BASICALLY_SATISFIED, CloseKind.SATISFIED),
        (CallbackOutcome.DECLINED, CloseKind.DECLINED),
    ],
)
def test_a_callback_that_settles_the_order_closes_it(
    centre: Centre, outcome: CallbackOutcome, close_kind: CloseKind,
) -> None:
    c = centre
    o = awaiting_callback(c)
    c.clock.advance(hours=2)
    o = callback(c, o.id, outcome)
    assert o.state is OS.CLOSED
    stored = load(c, o.id)
    assert (stored.close_kind, stored.callback_outcome) == (close_kind, outcome)
    assert local(stored.closed_at) == at(2026, 11, 3, 12)
    assert len(stored.callbacks) == 1
    refused(c, IllegalTransition, S.record_callback, c.operator, c.clock, o.id,
            CallbackOutcome.SATISFIED)
    assert_replays(c, o.id)


def test_three_unreached_callbacks_close_the_order_as_not_reached(centre: Centre) -> None:
    c = centre
    o = awaiting_callback(c)
    for attempt in (1, 2):
        o = callback(c, o.id, CallbackOutcome.NOT_REACHED)
        assert o.state is OS.AWAITING_CALLBACK
        assert load(c, o.id).callback_attempts == attempt
        c.clock.advance(hours=3)
    o = callback(c, o.id, CallbackOutcome.NOT_REACHED)
    assert o.state is OS.CLOSED
    stored = load(c, o.id)
    assert (stored.close_kind, stored.callback_attempts, len(stored.callbacks)) == (
        CloseKind.NOT_REACHED, 3, 3)
    assert_replays(c, o.id)


def test_unreached_twice_then_satisfied_closes_satisfied(centre: Centre) -> None:
    c = centre
    o = awaiting_callback(c)
    callback(c, o.id, CallbackOutcome.NOT_REACHED)
    callback(c, o.id, CallbackOutcome.NOT_REACHED)
    o = callback(c, o.id, CallbackOutcome.SATISFIED)
    assert o.state is OS.CLOSED
    assert load(c, o.id).close_kind is CloseKind.SATISFIED
    assert_replays(c, o.id)


def test_an_unsatisfied_callback_can_be_reopened_and_dispatched_again(centre: Centre) -> None:
    c = centre
    o = awaiting_callback(c)
    o = callback(c, o.id, CallbackOutcome.UNSATISFIED)
    assert o.state is OS.AWAITING_CALLBACK
    refused(c, IllegalTransition, S.record_callback, c.operator, c.clock, o.id,
            CallbackOutcome.SATISFIED)
    refused(c, PermissionDenied, S.reopen, c.operator, c.clock, o.id, "市民不满意")
    refused(c, ValidationError, S.reopen, c.supervisor, c.clock, o.id, " ")
    o = S.reopen(c.db.uow(), c.supervisor, c.clock, o.id, "市民反映电梯仍有故障。")
    assert o.state is OS.TO_DISPATCH
    assert o.callback_due is None
    stored = load(c, o.id)
    assert (stored.reopen_count, stored.callback_attempts, stored.callback_outcome) == (1, 0, None)
    c.clock.set(at(2026, 11, 4, 10))
    o = dispatch(c, o.id, c.housing)
    assert o.state is OS.AWAITING_SIGN
    new = by_dept(o, c.housing, hop=2)
    assert (new.lead, new.state) == (True, AS.AWAITING_SIGN)
    assert local(new.sign_due) == end_of(2026, 11, 5)
    assert local(new.reply_due) == end_of(2026, 11, 11)
    sign(c, c.housing_staff, new.id)
    o = answer(c, c.housing_staff, new.id)
    assert o.state is OS.REPLIED
    o = S.accept_reply(c.db.uow(), c.operator, c.clock, o.id)
    assert local(o.callback_due) == end_of(2026, 11, 5)
    o = callback(c, o.id, CallbackOutcome.SATISFIED)
    assert o.state is OS.CLOSED
    assert_replays(c, o.id)


def test_an_unsatisfied_callback_can_be_closed_with_a_reason(centre: Centre) -> None:
    c = centre
    o = awaiting_callback(c)
    refused(c, IllegalTransition, S.close, c.supervisor, c.clock, o.id, "诉求不合理。")
    refused(c, IllegalTransition, S.reopen, c.supervisor, c.clock, o.id, "诉求不合理。")
    o = callback(c, o.id, CallbackOutcome.UNSATISFIED)
    refused(c, PermissionDenied, S.close, c.operator, c.clock, o.id, "诉求超出政策范围。")
    refused(c, ValidationError, S.close, c.supervisor, c.clock, o.id, "")
    o = S.close(c.db.uow(), c.supervisor, c.clock, o.id, "诉求超出政策范围，已解释。")
    assert o.state is OS.CLOSED
    stored = load(c, o.id)
    assert (stored.close_kind, stored.close_note) == (CloseKind.UNSATISFIED,
                                                     "诉求超出政策范围，已解释。")
    refused(c, IllegalTransition, S.record_callback, c.operator, c.clock, o.id,
            CallbackOutcome.SATISFIED)
    assert_replays(c, o.id)


def test_callbacks_are_charged_to_the_lead_of_the_latest_replied_hop(centre: Centre) -> None:
    c = centre
    o = dispatch(c, c.register().id, c.housing, (c.urban,))
    lead, urban = by_dept(o, c.housing).id, by_dept(o, c.urban).id
    sign(c, c.housing_staff, lead)
    sign(c, c.urban_staff, urban)
    answer(c, c.urban_staff, urban)
    c.clock.advance(hours=5)
    answer(c, c.housing_staff, lead)  # the lead replies last
    S.accept_reply(c.db.uow(), c.operator, c.clock, o.id)
    callback(c, o.id, CallbackOutcome.UNSATISFIED)
    S.reopen(c.db.uow(), c.supervisor, c.clock, o.id, "问题未解决。")
    o = dispatch(c, o.id, c.water)
    second = by_dept(o, c.water, hop=2).id
    sign(c, c.water_staff, second)
    answer(c, c.water_staff, second)
    S.accept_reply(c.db.uow(), c.operator, c.clock, o.id)
    o = callback(c, o.id, CallbackOutcome.SATISFIED)
    assert o.state is OS.CLOSED
    with c.db.uow() as u:
        attempts = u.orders.get(o.id).callbacks
    assert [(a.outcome, a.department_id, a.assignment_id) for a in attempts] == [
        (CallbackOutcome.UNSATISFIED, c.housing, lead),
        (CallbackOutcome.SATISFIED, c.water, second),
    ]
    assert_replays(c, o.id)


def _reopened_and_redispatched_to_urban(c: Centre) -> tuple[Summary, int, int]:
    o = awaiting_callback(c)
    first = o.assignments[0].id
    callback(c, o.id, CallbackOutcome.UNSATISFIED)
    S.reopen(c.db.uow(), c.supervisor, c.clock, o.id, "市民反映占道问题仍在。")
    o = dispatch(c, o.id, c.urban)
    return o, first, by_dept(o, c.urban, hop=2).id


def test_rejecting_the_reply_after_a_reopen_sends_back_only_the_new_hop(centre: Centre) -> None:
    c = centre
    o, first, second = _reopened_and_redispatched_to_urban(c)
    sign(c, c.urban_staff, second)
    o = answer(c, c.urban_staff, second)
    hop1_before = states(o)[(1, c.housing)]
    o = S.reject_reply(c.db.uow(), c.operator, c.clock, o.id, "城管答复不完整。")
    assert states(o)[(2, c.urban)] is AS.IN_PROGRESS
    assert states(o)[(1, c.housing)] is hop1_before
    assert answer(c, c.urban_staff, second).state is OS.REPLIED
    assert_every_order_replays(c)


def test_approving_a_return_after_a_reopen_leaves_the_earlier_hop_alone(
    centre: Centre,
) -> None:
    c = centre
    o, first, second = _reopened_and_redispatched_to_urban(c)
    hop1_before = states(o)[(1, c.housing)]
    o = S.request_return(c.db.uow(), c.urban_staff, c.clock, second, "不属城管职责。")
    o = S.decide_return(c.db.uow(), c.supervisor, c.clock, o.pending_returns[0], True)
    assert o.state is OS.TO_DISPATCH
    assert states(o)[(2, c.urban)] is AS.RETURNED
    assert states(o)[(1, c.housing)] is hop1_before
    assert_every_order_replays(c)


# --- duplicates ---------------------------------------------------------------------------


def _close_original(c: Centre, how: str, original: int) -> None:
    if how == "directly":
        S.close_directly(c.db.uow(), c.operator, c.clock, original, "已按知识库解答。")
        return
    o = dispatch(c, original, c.housing)
    aid = o.assignments[0].id
    sign(c, c.housing_staff, aid)
    answer(c, c.housing_staff, aid)
    S.accept_reply(c.db.uow(), c.operator, c.clock, original)
    if how == "satisfied callback":
        callback(c, original, CallbackOutcome.SATISFIED)
    elif how == "not reached":
        for _ in range(3):
            callback(c, original, CallbackOutcome.NOT_REACHED)
    else:
        callback(c, original, CallbackOutcome.UNSATISFIED)
        S.close(c.db.uow(), c.supervisor, c.clock, original, "已解释政策。")


@pytest.mark.parametrize("how", ["directly", "satisfied callback", "not reached",
                                 "unsatisfied close"])
def test_a_duplicate_closes_with_its_original_in_the_same_action(centre: Centre,
                                                                 how: str) -> None:
    c = centre
    original = c.register()
    c.clock.advance(minutes=10)
    dup = c.register("同一小区电梯困人，再次来电。")
    o = S.link_duplicate(c.db.uow(), c.operator, c.clock, dup.id, original.id)
    assert o.state is OS.DUPLICATE
    assert load(c, dup.id).duplicate_of_id == original.id
    refused(c, IllegalTransition, S.dispatch, c.operator, c.clock, dup.id, c.housing)
    c.clock.advance(hours=1)
    _close_original(c, how, original.id)
    first, second = load(c, original.id), load(c, dup.id)
    assert (first.state, second.state) == (OS.CLOSED, OS.CLOSED)
    assert second.close_kind is CloseKind.DUPLICATE
    assert second.closed_at == first.closed_at
    assert event_kinds(c, dup.id) == [EventKind.REGISTERED, EventKind.LINKED_DUPLICATE,
                                      EventKind.DUPLICATE_CLOSED]
    assert_replays(c, original.id)
    assert_replays(c, dup.id)


def test_only_a_later_order_can_be_linked_to_an_earlier_open_one(centre: Centre) -> None:
    c = centre
    closed = c.register("已解答的咨询。")
    S.close_directly(c.db.uow(), c.operator, c.clock, closed.id, "已解答。")
    c.clock.advance(minutes=5)
    earlier = c.register()
    c.clock.advance(minutes=5)
    later = c.register()
    c.clock.advance(minutes=5)
    dispatched = c.dispatched()
    refused(c, RuleViolation, S.link_duplicate, c.operator, c.clock, later.id, closed.id)
    refused(c, RuleViolation, S.link_duplicate, c.operator, c.clock, earlier.id, later.id)
    refused(c, RuleViolation, S.link_duplicate, c.operator, c.clock, earlier.id, earlier.id)
    refused(c, IllegalTransition, S.link_duplicate, c.operator, c.clock, dispatched.id,
            earlier.id)
    refused(c, PermissionDenied, S.link_duplicate, c.housing_staff, c.clock, later.id,
            earlier.id)
    refused(c, NotFound, S.link_duplicate, c.operator, c.clock, later.id, 424242)
    S.link_duplicate(c.db.uow(), c.operator, c.clock, later.id, earlier.id)
    c.clock.advance(minutes=5)
    fourth = c.register()
    # a duplicate is not open: it cannot be an original itself
    refused(c, RuleViolation, S.link_duplicate, c.operator, c.clock, fourth.id, later.id)
    # the original may be dispatched already
    assert S.link_duplicate(c.db.uow(), c.operator, c.clock, fourth.id,
                            dispatched.id).state is OS.DUPLICATE
    for oid in (closed.id, earlier.id, later.id, dispatched.id, fourth.id):
        assert_replays(c, oid)


# --- closing directly ---------------------------------------------------------------------


def test_closing_directly_needs_a_category_and_a_fresh_order(centre: Centre) -> None:
    c = centre
    bare = unregistered_category_order(c)
    refused(c, ValidationError, S.close_directly, c.operator, c.clock, bare.id, "已解答。")
    o = c.register(request_type=RequestType.CONSULTATION)
    refused(c, ValidationError, S.close_directly, c.operator, c.clock, o.id, "  ")
    refused(c, PermissionDenied, S.close_directly, c.housing_staff, c.clock, o.id, "已解答。")
    c.clock.advance(minutes=3)
    o = S.close_directly(c.db.uow(), c.operator, c.clock, o.id, "电梯维保电话为12345。")
    assert o.state is OS.CLOSED
    stored = load(c, o.id)
    assert (stored.close_kind, stored.direct_answer) == (CloseKind.DIRECT, "电梯维保电话为12345。")
    assert local(stored.closed_at) == at(2026, 11, 2, 9, 3)
    refused(c, IllegalTransition, S.close_directly, c.operator, c.clock, o.id, "再次办结。")
    sent = c.dispatched()
    refused(c, IllegalTransition, S.close_directly, c.operator, c.clock, sent.id, "已解答。")
    assert_replays(c, o.id)
    assert_replays(c, sent.id)


def test_an_order_returned_to_dispatch_can_be_closed_directly(centre: Centre) -> None:
    c = centre
    o = c.dispatched()
    o = S.request_return(c.db.uow(), c.housing_staff, c.clock, o.assignments[0].id,
                         "非本单位职能。")
    S.decide_return(c.db.uow(), c.supervisor, c.clock, o.pending_returns[0], True)
    o = S.close_directly(c.db.uow(), c.operator, c.clock, o.id, "已告知市民联系物业。")
    assert o.state is OS.CLOSED
    assert_replays(c, o.id)


# --- reminders and supervision notices ----------------------------------------------------


def test_reminders_and_supervision_notices_are_events_not_states(centre: Centre) -> None:
    c = centre
    o = dispatch(c, c.register().id, c.housing, (c.urban,))
    lead, urban = by_dept(o, c.housing).id, by_dept(o, c.urban).id
    sign(c, c.housing_staff, lead)
    sign(c, c.urban_staff, urban)
    answer(c, c.urban_staff, urban)
    c.clock.advance(hours=1)
    o = S.issue_notice(c.db.uow(), c.supervisor, c.clock, lead, NoticeKind.REMINDER,
                       "请尽快办理。")
    assert o.state is OS.IN_PROGRESS
    c.clock.advance(hours=1)
    o = S.issue_notice(c.db.uow(), c.supervisor, c.clock, lead, NoticeKind.SUPERVISION,
                       "该件已列入督办。")
    assert o.state is OS.IN_PROGRESS
    assert states(o) == {(1, c.housing): AS.IN_PROGRESS, (1, c.urban): AS.REPLIED}
    refused(c, PermissionDenied, S.issue_notice, c.operator, c.clock, lead,
            NoticeKind.REMINDER, "催办")
    refused(c, PermissionDenied, S.issue_notice, c.urban_staff, c.clock, lead,
            NoticeKind.REMINDER, "催办")
    refused(c, IllegalTransition, S.issue_notice, c.supervisor, c.clock, urban,
            NoticeKind.REMINDER, "催办")
    refused(c, ValidationError, S.issue_notice, c.supervisor, c.clock, lead,
            NoticeKind.REMINDER, "")
    stored = load(c, o.id)
    assert [(n.kind, n.assignment_id, n.automatic, n.by, local(n.at)) for n in stored.notices] == [
        (NoticeKind.REMINDER, lead, False, c.supervisor.user_id, at(2026, 11, 2, 10)),
        (NoticeKind.SUPERVISION, lead, False, c.supervisor.user_id, at(2026, 11, 2, 11)),
    ]
    with c.db.uow() as u:
        notices = [e for e in u.orders.events(o.id) if e.kind is EventKind.NOTICE_ISSUED]
    assert [(e.payload["notice_kind"], e.from_state, e.to_state) for e in notices] == [
        ("reminder", OS.IN_PROGRESS, OS.IN_PROGRESS),
        ("supervision", OS.IN_PROGRESS, OS.IN_PROGRESS),
    ]
    assert_replays(c, o.id)


# --- ticket numbers -------------------------------------------------------------------------


def test_ticket_numbers_use_the_shanghai_date_and_restart_each_day(centre: Centre) -> None:
    c = centre
    first = c.register()
    assert re.fullmatch(r"8890-\d{8}-\d{6}", first.ticket_no)
    assert first.ticket_no == "8890-20261102-000001"
    c.clock.set(at(2026, 11, 2, 23, 30))  # 15:30 UTC
    assert c.register().ticket_no == "8890-20261102-000002"
    c.clock.set(at(2026, 11, 3, 0, 30))  # still 2 November in UTC (16:30)
    assert c.clock.now().date().isoformat() == "2026-11-02"
    assert c.register().ticket_no == "8890-20261103-000001"
    assert c.register().ticket_no == "8890-20261103-000002"
    assert S.find_by_ticket(c.db.uow(), "8890-20261103-000002") > 0
    assert_replays(c, first.id)
