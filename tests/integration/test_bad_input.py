"""Bad input through the services, on SQLite and PostgreSQL: each gives its typed error with a
Chinese and an English message, and leaves every table of the database exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from core import services as S
from core.calendar import SHANGHAI
from core.errors import (
    DeskError,
    IllegalTransition,
    NotFound,
    RuleViolation,
    ValidationError,
)
from core.model import CallbackOutcome, OrderState, RequestType, WorkOrder
from core.validation import MAX_CONTENT
from tests.support.assertions import refused, snapshot
from tests.support.centre import Centre

Action = tuple[Callable[..., Any], tuple[Any, ...]]


# --- helpers ------------------------------------------------------------------------------




def load(c: Centre, order_id: int) -> WorkOrder:
    with c.db.uow() as u:
        return u.orders.get(order_id)


def registration(c: Centre, **overrides: Any) -> S.Registration:
    """A valid hotline call, with some fields replaced; a callable value is given the centre."""
    fields: dict[str, Any] = {
        "channel_id": c.hotline,
        "content": "来电人反映小区电梯近三天多次困人，要求维修。",
        "request_type": RequestType.HELP,
        "caller_phone": "13800001111",
        "category_id": c.lift,
    }
    fields.update({k: v(c) if callable(v) else v for k, v in overrides.items()})
    return S.Registration(**fields)


def register(c: Centre, **overrides: Any) -> S.OrderSummary:
    return S.register(c.db.uow(), c.operator, c.clock, registration(c, **overrides))


def signed(c: Centre) -> tuple[S.OrderSummary, int]:
    o = c.dispatched()
    aid = o.assignments[0].id
    return S.sign_for(c.db.uow(), c.housing_staff, c.clock, aid), aid


def replied(c: Centre) -> tuple[S.OrderSummary, int]:
    _, aid = signed(c)
    return S.reply(c.db.uow(), c.housing_staff, c.clock, aid, "已维修完毕。"), aid


# --- registration -------------------------------------------------------------------------


BAD_REGISTRATIONS = [
    pytest.param({"content": ""}, ValidationError, id="empty content"),
    pytest.param({"content": "   \n\t\u3000 "}, ValidationError, id="whitespace-only content"),
    pytest.param({"content": "电" * 100_000}, ValidationError, id="100000-character content"),
    pytest.param({"content": "电梯困人\x00请速派人"}, ValidationError, id="NUL in content"),
    pytest.param({"content": "电" * 10_001}, ValidationError, id="10001-character content"),
    pytest.param({"content": "电梯困人\x1b[2J"}, ValidationError, id="escape in content"),
    pytest.param({"caller_name": "张\u202e三"}, ValidationError, id="bidi override in name"),
    pytest.param({"caller_phone": "+1 415 555 0100"}, ValidationError,
                 id="foreign phone without the other prefix"),
    pytest.param({"caller_phone": "1380013800a"}, ValidationError, id="phone with a letter"),
    pytest.param({"caller_phone": "abc"}, ValidationError, id="phone of letters"),
    pytest.param({"caller_phone": "12"}, ValidationError, id="phone too short"),
    pytest.param({"caller_phone": ""}, ValidationError, id="hotline call without phone"),
    pytest.param({"caller_phone": "   "}, ValidationError, id="hotline call with blank phone"),
    pytest.param({"anonymous": True, "request_type": RequestType.COMPLAINT}, ValidationError,
                 id="anonymous complaint"),
    pytest.param({"anonymous": True, "request_type": RequestType.HELP, "caller_phone": ""},
                 ValidationError, id="anonymous request for help without phone"),
    pytest.param({"category_id": lambda c: c.branch}, ValidationError, id="non-leaf category"),
    pytest.param({"category_id": 987654}, NotFound, id="unknown category"),
    pytest.param({"channel_id": 987654}, NotFound, id="unknown channel"),
    pytest.param({"title": "标" * 101}, ValidationError, id="title too long"),
    pytest.param({"caller_name": "名" * 51}, ValidationError, id="caller name too long"),
    pytest.param({"address": "址" * 201}, ValidationError, id="address too long"),
    pytest.param({"request_type": "help"}, ValidationError, id="request type not a member"),
]


@pytest.mark.parametrize(("fields", "error"), BAD_REGISTRATIONS)
def test_a_bad_registration_is_refused_and_stores_nothing(
    centre: Centre, fields: dict[str, Any], error: type[DeskError],
) -> None:
    c = centre
    first = register(c)
    refused(c, error, S.register, c.operator, c.clock, registration(c, **fields))
    # the refused call did not use up a ticket number either
    assert register(c).ticket_no == first.ticket_no[:-6] + "000002"


def test_a_validation_error_names_the_field_in_both_languages(centre: Centre) -> None:
    c = centre
    err = refused(c, ValidationError, S.register, c.operator, c.clock,
                  registration(c, content="  "))
    assert "诉求内容" in err.message_zh and "content" in err.message_en
    err = refused(c, ValidationError, S.register, c.operator, c.clock,
                  registration(c, caller_phone="abc"))
    assert "来电号码" in err.message_zh and "phone" in err.message_en
    err = refused(c, NotFound, S.register, c.operator, c.clock,
                  registration(c, channel_id=987654))
    assert "987654" in err.message_zh and "987654" in err.message_en


def test_department_staff_may_not_register(centre: Centre) -> None:
    from core.errors import PermissionDenied

    c = centre
    refused(c, PermissionDenied, S.register, c.housing_staff, c.clock, registration(c))


def test_an_anonymous_report_needs_no_phone(centre: Centre) -> None:
    c = centre
    o = register(c, anonymous=True, request_type=RequestType.REPORT, caller_phone="",
                 caller_name="张三", content="举报某小区物业挪用维修基金。")
    assert o.state is OrderState.REGISTERED
    stored = load(c, o.id)
    assert (stored.anonymous, stored.caller_phone, stored.caller_name, stored.contact_id) == (
        True, "", "", None)


def test_an_online_message_needs_no_phone(centre: Centre) -> None:
    c = centre
    o = register(c, channel_id=lambda c: c.portal, caller_phone="")
    assert o.state is OrderState.REGISTERED


def test_content_of_exactly_the_maximum_length_is_accepted(centre: Centre) -> None:
    c = centre
    o = register(c, content="电" * MAX_CONTENT)
    assert MAX_CONTENT == 10_000
    assert len(load(c, o.id).content) == MAX_CONTENT


def test_phone_separators_are_removed(centre: Centre) -> None:
    c = centre
    o = register(c, caller_phone=" (0411) 8888-1234 ")
    assert load(c, o.id).caller_phone == "041188881234"


def test_a_full_width_phone_number_is_stored_as_ascii_digits(centre: Centre) -> None:
    c = centre
    o = register(c, caller_phone="１３８００００１１１１")
    assert load(c, o.id).caller_phone == "13800001111"


def test_an_anonymous_reporters_name_is_stored_nowhere(centre: Centre) -> None:
    c = centre
    register(c, anonymous=True, request_type=RequestType.REPORT, caller_phone="13900000000",
             caller_name="张三丰", content="举报某单位违规收费。")
    assert "张三丰" not in repr(snapshot(c.db))


@pytest.mark.parametrize("ref", ["OPEN311-\x00-17", "R" * 201], ids=["NUL", "201 characters"])
def test_a_bad_external_reference_is_a_validation_error(centre: Centre, ref: str) -> None:
    c = centre
    refused(c, ValidationError, S.register, c.operator, c.clock,
            registration(c, channel_id=lambda c: c.portal, external_ref=ref))


def test_content_with_a_lone_surrogate_is_a_validation_error(centre: Centre) -> None:
    c = centre
    refused(c, ValidationError, S.register, c.operator, c.clock,
            registration(c, content="网友留言\ud83d"))


# --- dispatch -------------------------------------------------------------------------------


BAD_DISPATCHES = [
    pytest.param({"lead": 987654}, NotFound, id="unknown lead department"),
    pytest.param({"assisting": (987654,)}, NotFound, id="unknown assisting department"),
    pytest.param({"reply_due": datetime(2026, 11, 1, 18, tzinfo=SHANGHAI)}, ValidationError,
                 id="reply due in the past"),
    pytest.param({"reply_due": datetime(2026, 11, 10, 18)}, ValidationError,
                 id="reply due without time zone"),
    pytest.param({"order": 987654}, NotFound, id="unknown order"),
    pytest.param({"note": "备注\x00"}, ValidationError, id="NUL in note"),
]


@pytest.mark.parametrize(("bad", "error"), BAD_DISPATCHES)
def test_a_bad_dispatch_is_refused_and_changes_nothing(
    centre: Centre, bad: dict[str, Any], error: type[DeskError],
) -> None:
    c = centre
    o = c.register()
    kw = {k: bad[k] for k in ("reply_due", "note") if k in bad}
    refused(c, error, S.dispatch, c.operator, c.clock, bad.get("order", o.id),
            bad.get("lead", c.housing), bad.get("assisting", ()), **kw)
    assert load(c, o.id).state is OrderState.REGISTERED


def test_an_order_without_category_cannot_be_dispatched(centre: Centre) -> None:
    c = centre
    o = register(c, channel_id=lambda c: c.portal, category_id=None)
    refused(c, ValidationError, S.dispatch, c.operator, c.clock, o.id, c.housing)


# --- transitions from the wrong state -------------------------------------------------------


def _reply_before_sign(c: Centre) -> Action:
    o = c.dispatched()
    return S.reply, (c.housing_staff, c.clock, o.assignments[0].id, "已处理。")


def _accept_before_replied(c: Centre) -> Action:
    o, _ = signed(c)
    return S.accept_reply, (c.operator, c.clock, o.id)


def _accept_registered(c: Centre) -> Action:
    return S.accept_reply, (c.operator, c.clock, c.register().id)


def _dispatch_twice(c: Centre) -> Action:
    o = c.dispatched()
    return S.dispatch, (c.operator, c.clock, o.id, c.urban)


def _callback_before_accept(c: Centre) -> Action:
    o, _ = replied(c)
    return S.record_callback, (c.operator, c.clock, o.id, CallbackOutcome.SATISFIED)


def _reopen_in_progress(c: Centre) -> Action:
    o, _ = signed(c)
    return S.reopen, (c.supervisor, c.clock, o.id, "重办")


def _sign_after_reply(c: Centre) -> Action:
    _, aid = replied(c)
    return S.sign_for, (c.housing_staff, c.clock, aid)


def _reply_twice(c: Centre) -> Action:
    _, aid = replied(c)
    return S.reply, (c.housing_staff, c.clock, aid, "再次回复。")


def _return_after_reply(c: Centre) -> Action:
    _, aid = replied(c)
    return S.request_return, (c.housing_staff, c.clock, aid, "非本单位职能。")


def _extension_after_reply(c: Centre) -> Action:
    _, aid = replied(c)
    return S.request_extension, (c.housing_staff, c.clock, aid, 2, "需要更多时间。")


def _close_directly_in_progress(c: Centre) -> Action:
    o, _ = signed(c)
    return S.close_directly, (c.operator, c.clock, o.id, "已解答。")


def _reject_reply_in_progress(c: Centre) -> Action:
    o, _ = signed(c)
    return S.reject_reply, (c.operator, c.clock, o.id, "答复不实。", [o.assignments[0].id])


WRONG_STATE = [
    pytest.param(_reply_before_sign, id="reply before sign-for"),
    pytest.param(_accept_before_replied, id="accept reply while in progress"),
    pytest.param(_accept_registered, id="accept reply of a registered order"),
    pytest.param(_dispatch_twice, id="dispatch twice"),
    pytest.param(_callback_before_accept, id="callback before the reply is accepted"),
    pytest.param(_reopen_in_progress, id="reopen while in progress"),
    pytest.param(_sign_after_reply, id="sign for after replying"),
    pytest.param(_reply_twice, id="reply twice"),
    pytest.param(_return_after_reply, id="return after replying"),
    pytest.param(_extension_after_reply, id="extension after replying"),
    pytest.param(_close_directly_in_progress, id="close directly while in progress"),
    pytest.param(_reject_reply_in_progress, id="reject a reply not given"),
]


@pytest.mark.parametrize("setup", WRONG_STATE)
def test_a_step_from_the_wrong_state_is_an_illegal_transition(
    centre: Centre, setup: Callable[[Centre], Action],
) -> None:
    c = centre
    action, args = setup(c)
    err = refused(c, IllegalTransition, action, *args)
    assert "8890-" in err.message_en and "8890-" in err.message_zh


# --- department requests ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "error"),
    [
        pytest.param(0, ValidationError, id="0"),
        pytest.param(-1, ValidationError, id="-1"),
        pytest.param(11, RuleViolation, id="11 over the cap"),
        pytest.param(True, ValidationError, id="True"),
        pytest.param(False, ValidationError, id="False"),
        pytest.param(2.5, ValidationError, id="2.5"),
        pytest.param("3", ValidationError, id="'3'"),
    ],
)
def test_bad_extension_days_are_refused(centre: Centre, days: Any,
                                        error: type[DeskError]) -> None:
    c = centre
    _, aid = signed(c)
    refused(c, error, S.request_extension, c.housing_staff, c.clock, aid, days, "需要协调。")


def test_ten_days_is_the_longest_single_extension(centre: Centre) -> None:
    c = centre
    _, aid = signed(c)
    o = S.request_extension(c.db.uow(), c.housing_staff, c.clock, aid, 10, "需要招标采购。")
    assert len(o.pending_extensions) == 1


@pytest.mark.parametrize(
    "reason",
    [pytest.param("理" * 3_000, id="3000 characters"), pytest.param("", id="empty"),
     pytest.param("非本单位\x00职能", id="NUL")],
)
def test_a_bad_return_reason_is_refused(centre: Centre, reason: str) -> None:
    c = centre
    o = c.dispatched()
    refused(c, ValidationError, S.request_return, c.housing_staff, c.clock,
            o.assignments[0].id, reason)


def test_a_return_reason_of_the_maximum_length_is_accepted(centre: Centre) -> None:
    c = centre
    o = c.dispatched()
    o = S.request_return(c.db.uow(), c.housing_staff, c.clock, o.assignments[0].id, "理" * 2_000)
    assert len(o.pending_returns) == 1


@pytest.mark.parametrize("text", [pytest.param("", id="empty"), pytest.param(" \n", id="blank"),
                                  pytest.param("已\x00处理", id="NUL"),
                                  pytest.param("答" * 20_001, id="too long")])
def test_a_bad_reply_text_is_refused(centre: Centre, text: str) -> None:
    c = centre
    _, aid = signed(c)
    refused(c, ValidationError, S.reply, c.housing_staff, c.clock, aid, text)


def test_unknown_ids_are_not_found(centre: Centre) -> None:
    c = centre
    c.dispatched()
    refused(c, NotFound, S.sign_for, c.housing_staff, c.clock, 987654)
    refused(c, NotFound, S.reply, c.housing_staff, c.clock, 987654, "已处理。")
    refused(c, NotFound, S.decide_return, c.supervisor, c.clock, 987654, True)
    refused(c, NotFound, S.decide_extension, c.supervisor, c.clock, 987654, True)
    refused(c, NotFound, S.accept_reply, c.operator, c.clock, 987654)
    refused(c, NotFound, S.record_callback, c.operator, c.clock, 987654,
            CallbackOutcome.SATISFIED)


def test_a_callback_outcome_must_be_one_of_the_five(centre: Centre) -> None:
    c = centre
    o, _ = replied(c)
    o = S.accept_reply(c.db.uow(), c.operator, c.clock, o.id)
    refused(c, ValidationError, S.record_callback, c.operator, c.clock, o.id, "satisfied")
    refused(c, ValidationError, S.record_callback, c.operator, c.clock, o.id,
            CallbackOutcome.SATISFIED, "备注\x00")
