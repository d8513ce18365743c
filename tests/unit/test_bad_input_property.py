"""Bad input, property-based (issue 9): whatever text reaches a service, it is either stored
clean (no control characters, within its limit, stripped) or refused with a ValidationError
in Chinese and English, and then nothing at all was written. Valid text is never refused.

Every service that takes text is driven on the in-memory unit of work (``tests/support/fakes``),
whose store is compared whole before and after a refusal.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from core import services
from core.calendar import SHANGHAI
from core.clock import FakeClock
from core.errors import DeskError, NotFound, RuleViolation, ValidationError
from core.model import (
    Actor,
    CallbackOutcome,
    NoticeKind,
    RequestType,
    Role,
    Urgency,
    WorkOrder,
)
from core.validation import (
    MAX_ADDRESS,
    MAX_CONTENT,
    MAX_NAME,
    MAX_REASON,
    MAX_TITLE,
    OTHER_PHONE_PREFIX,
    normalise_phone,
)
from tests.support.fakes import FakeStore, FakeUnitOfWork

SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class Desk:
    """A small centre in memory: one department with a leaf category, one user per role."""

    def __init__(self) -> None:
        self.store = FakeStore()
        with self.uow() as uow:
            self.housing = uow.reference.add_department("ZJJ", "市住建局", None)
            top = uow.reference.add_category("01", "城乡建设", None, 1, None)
            mid = uow.reference.add_category("0101", "物业管理", top, 2, None)
            self.lift = uow.reference.add_category("010101", "电梯故障", mid, 3, self.housing)
            uow.commit()
        self.clock = FakeClock(datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI))
        self.op = Actor(1, "op", frozenset({Role.OPERATOR}))
        self.sup = Actor(2, "sup", frozenset({Role.SUPERVISOR}))
        self.staff = Actor(3, "staff", frozenset({Role.DEPARTMENT_STAFF}),
                           frozenset({self.housing}))

    def uow(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.store)

    def registration(self, **kw: Any) -> services.Registration:
        values: dict[str, Any] = {"channel_id": 1, "content": "电梯困人，请尽快维修。",
                                  "caller_phone": "13800001111", "category_id": self.lift, **kw}
        return services.Registration(**values)

    def registered(self) -> int:
        return services.register(self.uow(), self.op, self.clock, self.registration()).id

    def dispatched(self) -> tuple[int, int]:
        o = services.dispatch(self.uow(), self.op, self.clock, self.registered(), self.housing)
        return o.id, o.assignments[0].id

    def signed(self) -> tuple[int, int]:
        oid, aid = self.dispatched()
        services.sign_for(self.uow(), self.staff, self.clock, aid)
        return oid, aid

    def replied(self) -> int:
        oid, aid = self.signed()
        services.reply(self.uow(), self.staff, self.clock, aid, "已修复。")
        return oid

    def accepted(self) -> int:
        oid = self.replied()
        services.accept_reply(self.uow(), self.op, self.clock, oid)
        return oid

    def unsatisfied(self) -> int:
        oid = self.accepted()
        services.record_callback(self.uow(), self.op, self.clock, oid,
                                 CallbackOutcome.UNSATISFIED)
        return oid

    def return_requested(self) -> tuple[int, int]:
        oid, aid = self.dispatched()
        o = services.request_return(self.uow(), self.staff, self.clock, aid, "不属于本单位。")
        return oid, o.pending_returns[0]

    def extension_requested(self) -> tuple[int, int]:
        oid, aid = self.signed()
        o = services.request_extension(self.uow(), self.staff, self.clock, aid, 2, "需要配件。")
        return oid, o.pending_extensions[0]

    def order(self, order_id: int) -> WorkOrder:
        return self.store.orders[order_id]


@dataclass(frozen=True)
class TextInput:
    """One text a service takes: ``prepare`` builds the state the service needs (committed),
    ``call`` calls the service with the text and returns the texts it stored."""

    name: str
    limit: int
    multiline: bool
    prepare: Callable[[Desk], Any]
    call: Callable[[Desk, Any, str], Any]


def _reg(field: str) -> TextInput:
    def call(d: Desk, _p: Any, text: str) -> Any:
        o = services.register(d.uow(), d.op, d.clock, d.registration(**{field: text}))
        return getattr(d.order(o.id), field)
    return TextInput(f"register {field}", _LIMITS[field], field == "content",
                     lambda d: None, call)


_LIMITS = {"content": MAX_CONTENT, "title": MAX_TITLE, "caller_name": MAX_NAME,
           "address": MAX_ADDRESS}


def _texts(d: Desk, order_id: int) -> list[str]:
    """Every free text of the order (replies, requests, decisions, notices, callbacks, and
    what its events carry)."""
    order = d.order(order_id)
    texts = [v for e in d.store.events[order_id] for v in e.payload.values()
             if isinstance(v, str)]
    texts += [r.text for r in order.replies] + [r.reason for r in order.return_requests]
    texts += [r.rejected_reason or "" for r in order.replies]
    texts += [x.reason for x in order.extension_requests]
    texts += [r.decision_note or "" for r in [*order.return_requests, *order.extension_requests]]
    texts += [n.text for n in order.notices] + [c.note for c in order.callbacks]
    return texts + [order.close_note or "", order.direct_answer or ""]


def _on_assignment(service: str, prepare: str, limit: int, *extra: Any) -> TextInput:
    def call(d: Desk, p: tuple[int, int], text: str) -> Any:
        actor = d.sup if service == "issue_notice" else d.staff
        getattr(services, service)(d.uow(), actor, d.clock, p[1], *extra, text)
        return _texts(d, p[0])
    return TextInput(service, limit, True, lambda d: getattr(d, prepare)(), call)


def _on_order(service: str, prepare: str, actor: str, limit: int, *extra: Any) -> TextInput:
    def call(d: Desk, oid: int, text: str) -> Any:
        getattr(services, service)(d.uow(), getattr(d, actor), d.clock, oid, *extra, text)
        return _texts(d, oid)
    return TextInput(service, limit, True, lambda d: getattr(d, prepare)(), call)


def _decide_return(d: Desk, p: tuple[int, int], text: str) -> Any:
    services.decide_return(d.uow(), d.sup, d.clock, p[1], False, text)
    return _texts(d, p[0])


def _decide_extension(d: Desk, p: tuple[int, int], text: str) -> Any:
    services.decide_extension(d.uow(), d.sup, d.clock, p[1], False, text)
    return _texts(d, p[0])


def _dispatch_note(d: Desk, oid: int, text: str) -> Any:
    services.dispatch(d.uow(), d.op, d.clock, oid, d.housing, note=text)
    return d.store.events[oid][-1].payload.get("note")


def _revise(field: str, limit: int) -> TextInput:
    def call(d: Desk, oid: int, text: str) -> Any:
        before = getattr(d.order(oid), field)
        try:
            services.revise(d.uow(), d.op, d.clock, oid, **{field: text})
        except ValidationError as exc:
            if exc.params.get("field") == "changes" and text.strip() == before:
                return before  # the same text again: "nothing was changed" is right
            raise
        return getattr(d.order(oid), field)
    return TextInput(f"revise {field}", limit, False, Desk.registered, call)


INPUTS = [
    _reg("content"), _reg("title"), _reg("caller_name"), _reg("address"),
    _on_order("close_directly", "registered", "op", MAX_CONTENT),
    TextInput("dispatch note", MAX_REASON, True, Desk.registered, _dispatch_note),
    _on_assignment("reply", "signed", MAX_CONTENT),
    _on_assignment("request_return", "dispatched", MAX_REASON),
    _on_assignment("request_extension", "signed", MAX_REASON, 2),
    _on_assignment("issue_notice", "dispatched", MAX_REASON, NoticeKind.REMINDER),
    TextInput("decide_return", MAX_REASON, True, Desk.return_requested, _decide_return),
    TextInput("decide_extension", MAX_REASON, True, Desk.extension_requested,
              _decide_extension),
    _on_order("reject_reply", "replied", "op", MAX_REASON),
    _on_order("record_callback", "accepted", "op", MAX_REASON, CallbackOutcome.SATISFIED),
    _on_order("reopen", "unsatisfied", "sup", MAX_REASON),
    _on_order("close", "unsatisfied", "sup", MAX_REASON),
    _revise("title", MAX_TITLE), _revise("address", MAX_ADDRESS),
]

# Any text at all: control characters, lone surrogates, bidi overrides, odd spaces, and the
# lengths around every limit.
any_char = st.characters(codec=None, categories=None)
bad_chars = st.sampled_from(["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u202e", "\u2066",
                             "\ud800", "\r", "\n", "\t", "\u3000", " "])
texts = st.one_of(
    st.text(any_char, max_size=60),
    st.lists(st.one_of(any_char, bad_chars), max_size=40).map("".join),
    st.builds(lambda ch, n: ch * n, st.sampled_from(["电", "a", " ", "\n"]),
              st.sampled_from([49, 50, 51, 99, 100, 101, 199, 200, 201, 1_999, 2_000, 2_001,
                               9_999, 10_000, 10_001])),
)
# Text people really type: Chinese, letters, digits, punctuation; one or more lines.
valid_chars = st.sampled_from(list("电梯困人小区物业维修市民反映ABCxyz0123456789，。！？、（）-：")
                              + [" "])
valid_line = st.text(valid_chars, min_size=1, max_size=30).filter(lambda t: t.strip())


def _clean(text: str, limit: int, multiline: bool) -> bool:
    allowed = "\n\t" if multiline else ""
    return (len(text) <= limit and text == text.strip()
            and all(ch in allowed or (unicodedata.category(ch) not in ("Cc", "Cs")
                                      and ch not in _BIDI) for ch in text))


def _check(inp: TextInput, text: str) -> None:
    d = Desk()
    prepared = inp.prepare(d)
    before = copy.deepcopy(d.store)
    try:
        stored = inp.call(d, prepared, text)
    except DeskError as exc:
        assert type(exc) is ValidationError, f"{inp.name}: {exc!r}"
        assert exc.message_zh.strip() and exc.message_en.strip()
        assert exc.message_zh != exc.message_en
        assert d.store == before, f"{inp.name}: a refused input wrote something"
        return
    for value in stored if isinstance(stored, list) else [stored]:
        if value is not None:
            assert _clean(value, inp.limit, inp.multiline), (inp.name, value)


@pytest.mark.parametrize("inp", INPUTS, ids=lambda i: i.name)
@SETTINGS
@given(text=texts)
@example(text="电梯困人\x00请速派人")
@example(text="\u202e人困梯电")
@example(text="\ud800")
@example(text="   \n\t\u3000 ")
def test_any_text_is_stored_clean_or_refused_without_a_trace(inp: TextInput, text: str) -> None:
    _check(inp, text)


@pytest.mark.parametrize("inp", INPUTS, ids=lambda i: i.name)
@SETTINGS
@given(lines=st.lists(valid_line, min_size=1, max_size=4))
def test_text_people_type_is_never_refused(inp: TextInput, lines: list[str]) -> None:
    text = ("\n" if inp.multiline else " ").join(lines)
    assume(len(text) <= inp.limit)
    d = Desk()
    stored = inp.call(d, inp.prepare(d), text)  # no error
    if isinstance(stored, str):
        assert stored == text.strip()
    else:
        assert text.strip() in stored


def test_over_long_content_is_refused_with_its_length_in_both_languages() -> None:
    d = Desk()
    with pytest.raises(ValidationError) as info:
        services.register(d.uow(), d.op, d.clock, d.registration(content="电" * 10_001))
    assert "10001" in info.value.message_zh and "10,000" in info.value.message_en
    assert d.store.orders == {}


# --- numbers, choices and ids -------------------------------------------------------------


def _refused_cleanly(d: Desk, before: FakeStore, exc: DeskError,
                     *kinds: type[DeskError]) -> None:
    assert isinstance(exc, kinds), repr(exc)
    assert exc.message_zh.strip() and exc.message_en.strip()
    assert d.store == before


@SETTINGS
@given(days=st.one_of(st.integers(-10**9, 10**9), st.booleans(), st.none(),
                      st.floats(allow_nan=True), st.text(max_size=3)))
def test_extension_days_are_whole_working_days_or_refused(days: Any) -> None:
    d = Desk()
    _, aid = d.signed()
    before = copy.deepcopy(d.store)
    try:
        services.request_extension(d.uow(), d.staff, d.clock, aid, days, "需要采购配件。")
    except DeskError as exc:
        _refused_cleanly(d, before, exc, ValidationError, RuleViolation)
        return
    assert type(days) is int and 1 <= days <= d.store.rules.extension_cap_days


@SETTINGS
@given(request_type=st.one_of(st.sampled_from(list(RequestType)), st.text(max_size=12),
                              st.none()),
       urgency=st.one_of(st.sampled_from(list(Urgency)), st.text(max_size=8), st.integers()),
       category=st.one_of(st.none(), st.integers(-5, 10)),
       channel=st.integers(-3, 5), anonymous=st.booleans())
def test_any_registration_choice_is_valid_or_refused_cleanly(
        request_type: Any, urgency: Any, category: Any, channel: int, anonymous: bool) -> None:
    d = Desk()
    before = copy.deepcopy(d.store)
    reg = d.registration(request_type=request_type, urgency=urgency, category_id=category,
                         channel_id=channel, anonymous=anonymous)
    try:
        services.register(d.uow(), d.op, d.clock, reg)
    except DeskError as exc:
        _refused_cleanly(d, before, exc, ValidationError, NotFound)
        return
    assert isinstance(request_type, RequestType) and isinstance(urgency, Urgency)
    assert not anonymous or request_type is RequestType.REPORT


@SETTINGS
@given(key=st.integers(-10, 10**12))
def test_unknown_ids_are_not_found_and_change_nothing(key: int) -> None:
    d = Desk()
    oid, aid = d.dispatched()
    fresh = d.registered()
    assume(key not in (oid, aid, fresh, d.housing))
    for call in (
        lambda: services.sign_for(d.uow(), d.staff, d.clock, key),
        lambda: services.close_directly(d.uow(), d.op, d.clock, key, "已解答。"),
        lambda: services.dispatch(d.uow(), d.op, d.clock, fresh, key),
        lambda: services.decide_return(d.uow(), d.sup, d.clock, key, True),
    ):
        before = copy.deepcopy(d.store)
        with pytest.raises(NotFound) as info:
            call()
        _refused_cleanly(d, before, info.value, NotFound)


# --- phone numbers ------------------------------------------------------------------------

separators = st.sampled_from(["", " ", "-", "\u3000"])


@st.composite
def mainland_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """(as typed, as stored): mobiles, landlines with area codes, either with +86."""
    kind = draw(st.sampled_from(["mobile", "landline", "plus86"]))
    if kind == "landline":
        area = draw(st.sampled_from(["010", "021", "0411", "0755", "0898"]))
        local = draw(st.from_regex(r"[2-9][0-9]{7}", fullmatch=True))
        return f"{area}{draw(separators)}{local[:4]}{draw(separators)}{local[4:]}", area + local
    mobile = draw(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
    typed = f"{mobile[:3]}{draw(separators)}{mobile[3:7]}{draw(separators)}{mobile[7:]}"
    if draw(st.booleans()):  # as a Chinese input method types it
        typed = typed.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    return ("+86 " + typed if kind == "plus86" else typed), mobile


@settings(max_examples=200, deadline=None)
@given(number=mainland_numbers())
def test_mainland_numbers_are_accepted_in_the_forms_people_type(number: tuple[str, str]) -> None:
    typed, stored = number
    assert normalise_phone(typed) == stored
    assert normalise_phone(stored) == stored


_STORED = re.compile(r"^(1[3-9][0-9]{9}|0[0-9]{9,11}(转[0-9]{1,6})?|[2-9][0-9]{6,7}|"
                     r"1[0-2][0-9]([0-9]{2})?|9[56][0-9]{3,6}|[48]00[0-9]{7}|"
                     + re.escape(OTHER_PHONE_PREFIX) + r"\+?[0-9]{3,20})$")


@settings(max_examples=300, deadline=None)
@given(raw=st.one_of(st.text(max_size=30),
                     st.text(st.sampled_from(list("0123456789+-() 转#x其他:")), max_size=25)))
def test_any_phone_text_is_a_stored_form_or_a_clear_refusal(raw: str) -> None:
    try:
        stored = normalise_phone(raw)
    except ValidationError as exc:
        assert "来电号码" in exc.message_zh and "caller phone" in exc.message_en
        return
    assert stored == "" or _STORED.match(stored), stored
    assert len(stored) <= 24  # the column's width
    assert normalise_phone(stored) == stored


@pytest.mark.parametrize(("typed", "stored"), [
    ("其他：+1 415 555 0100", "其他:+14155550100"),
    ("other: 852 2345 6789", "其他:85223456789"),
    ("0411-8888 1234 转 123", "041188881234转123"),
    ("12345", "12345"),
])
def test_the_other_escape_and_extensions(typed: str, stored: str) -> None:
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize("typed", ["+1 415 555 0100", "1380013", "13800", "12", "其他:abc"])
def test_numbers_outside_the_mainland_formats_are_refused_naming_the_escape(typed: str) -> None:
    with pytest.raises(ValidationError) as info:
        normalise_phone(typed)
    assert "其他:" in info.value.message_zh and "其他:" in info.value.message_en


def test_an_extension_belongs_to_a_landline() -> None:
    with pytest.raises(ValidationError) as info:
        normalise_phone("138-0013-8000 转 12")
    assert "分机" in info.value.message_zh and "extension" in info.value.message_en
