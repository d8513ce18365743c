"""The demo centre: Dalian-like departments, a category tree, one user per role, and work
orders over the last eight weeks in every state.

Every order is driven through the real services, step by step on its own fake clock, so its
timeline, clocks and states are exactly what the desk would have produced. An order's story
stops at "now": recent orders are naturally still open, some of them overdue.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TypeVar

from core import admin, demo_data, services
from core.calendar import SHANGHAI
from core.clock import FakeClock, SystemClock
from core.errors import DeskError
from core.model import (
    Actor,
    AssignmentState,
    CallbackOutcome,
    NoticeKind,
    OrderState,
    RequestType,
    Role,
    Urgency,
)
from core.ports import UnitOfWork

DEMO_PASSWORD = "demo8890"
WEEKS = 8

_TYPES = [(RequestType.CONSULTATION, 30), (RequestType.HELP, 25), (RequestType.COMPLAINT, 28),
          (RequestType.REPORT, 5), (RequestType.SUGGESTION, 7), (RequestType.PRAISE, 3),
          (RequestType.OTHER, 2)]
_URGENCY = [(Urgency.NORMAL, 92), (Urgency.URGENT, 6), (Urgency.CRITICAL, 2)]
_CHANNELS = [("hotline", 70), ("portal", 9), ("people", 3), ("minxin", 5), ("wechat", 5),
             ("weibo", 2), ("opinion", 2), ("leader", 1), ("letter", 3)]
_OUTCOMES = [(CallbackOutcome.SATISFIED, 68), (CallbackOutcome.BASICALLY_SATISFIED, 13),
             (CallbackOutcome.UNSATISFIED, 8), (CallbackOutcome.NOT_REACHED, 8),
             (CallbackOutcome.DECLINED, 3)]


@dataclass
class DemoResult:
    departments: int = 0
    categories: int = 0
    users: list[tuple[str, str, str]] = field(default_factory=list)  # name, role, password
    orders: int = 0
    by_state: dict[str, int] = field(default_factory=dict)


def centre_is_empty(uow: UnitOfWork) -> bool:
    with uow:
        return not uow.reference.departments()


P = TypeVar("P")


def _pick(rng: random.Random, weighted: Sequence[tuple[P, int]]) -> P:
    items, weights = zip(*weighted, strict=True)
    return rng.choices(items, weights)[0]


class _Centre:
    """What the generator needs to act: ids, actors and a random source."""

    def __init__(self, uow_factory: Callable[[], UnitOfWork], rng: random.Random) -> None:
        self.uow = uow_factory
        self.rng = rng
        self.dept_ids: dict[str, int] = {}
        self.leaves: list[tuple[int, str, int]] = []  # category id, code, default dept id
        self.staff: dict[int, Actor] = {}
        self.operators: list[Actor] = []
        self.supervisor: Actor | None = None
        self.channels: dict[str, int] = {}
        self.phones: list[str] = []
        self.open_orders: list[tuple[int, datetime]] = []
        self.states: dict[int, OrderState] = {}


def build_demo_centre(
    uow_factory: Callable[[], UnitOfWork],
    *,
    orders: int = 1000,
    seed: int = 8890,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoResult:
    """Fill an empty database. ``now`` (default: the real time) is where the stories stop."""
    rng = random.Random(seed)
    c = _Centre(uow_factory, rng)
    result = DemoResult()
    end = now or SystemClock().now()
    setup_clock = FakeClock(end - timedelta(weeks=WEEKS, days=1))
    root = _reference_data(c, setup_clock, result)
    _users(c, root, setup_clock, result)
    start = end - timedelta(weeks=WEEKS)
    times = sorted(_registration_time(rng, start, end) for _ in range(orders))
    for i, t in enumerate(times, 1):
        _story(c, t, end)
        if progress:
            progress(i, orders)
    result.orders = len(c.states)
    for state in OrderState:
        result.by_state[state.value] = sum(1 for x in c.states.values() if x is state)
    return result


def _reference_data(c: _Centre, clock: FakeClock, result: DemoResult) -> Actor:
    with c.uow() as uow:
        has_users = uow.users.count() > 0
    if not has_users:
        admin.create_first_administrator(c.uow(), clock, "admin", "系统管理员", DEMO_PASSWORD)
        result.users.append(("admin", "系统管理员 administrator", DEMO_PASSWORD))
    root = Actor(None, "demo", frozenset({Role.ADMINISTRATOR}))
    for d in demo_data.DEPARTMENTS:
        c.dept_ids[d.code] = admin.add_department(c.uow(), root, d.code, d.name, d.parent)
    result.departments = len(demo_data.DEPARTMENTS)

    def walk(spec: demo_data.CategorySpec, parent: str | None) -> None:
        cid = admin.add_category(c.uow(), root, spec.code, spec.name, parent, spec.department)
        result.categories += 1
        if spec.department and not spec.children:
            c.leaves.append((cid, spec.code, c.dept_ids[spec.department]))
        for child in spec.children:
            walk(child, spec.code)

    for top in demo_data.CATEGORIES:
        walk(top, None)
    with c.uow() as uow:
        c.channels = {ch.code: ch.id for ch in uow.reference.channels()}
    return root


def _users(c: _Centre, root: Actor, clock: FakeClock, result: DemoResult) -> None:
    def add(name: str, display: str, roles: list[Role], depts: list[int], label: str) -> Actor:
        uid = admin.add_user(c.uow(), root, clock, name, display, DEMO_PASSWORD, roles, depts)
        result.users.append((name, label, DEMO_PASSWORD))
        return Actor(uid, name, frozenset(roles), frozenset(depts))

    c.operators = [add("op01", "话务员王丽", [Role.OPERATOR], [], "话务员 operator"),
                   add("op02", "话务员李娜", [Role.OPERATOR], [], "话务员 operator")]
    c.supervisor = add("sup01", "班长赵敏", [Role.SUPERVISOR], [], "班长 supervisor")
    for code, dept_id in c.dept_ids.items():
        name = f"staff_{code.lower().replace('-', '_')}"
        c.staff[dept_id] = add(name, f"{code}联络员", [Role.DEPARTMENT_STAFF], [dept_id],
                               f"承办单位联络员 department staff ({code})")


def _registration_time(rng: random.Random, start: datetime, end: datetime) -> datetime:
    """Mostly daytime calls, fewer at night, across the whole period."""
    day = start + timedelta(days=rng.uniform(0, (end - start).total_seconds() / 86400))
    local = day.astimezone(SHANGHAI)
    hour = rng.choices(range(24), [1, 1, 1, 1, 1, 2, 4, 8, 14, 16, 15, 12, 9, 11, 14, 14, 12,
                                   9, 7, 6, 5, 4, 3, 2])[0]
    local = local.replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60))
    t = local.astimezone(end.tzinfo)
    return min(max(t, start), end - timedelta(minutes=1))


def _content(c: _Centre, code: str) -> tuple[str, str]:
    """A call's content and the address it names."""
    rng = c.rng
    templates = demo_data.TEMPLATES.get(code) or demo_data.TEMPLATES["*"]
    district = rng.choice(demo_data.DISTRICTS)
    streets = demo_data.STREETS.get(district) or ("人民路",)
    street = rng.choice(streets)
    address = f"{district}{street}{rng.randint(1, 300)}号"
    text = rng.choice(templates).format(address=address, street=street, district=district,
                                        days=rng.randint(2, 15),
                                        name=rng.choice(demo_data.SURNAMES)
                                        + rng.choice(demo_data.GIVEN_NAMES))
    return text, address


def _phone(c: _Centre) -> str:
    rng = c.rng
    if c.phones and rng.random() < 0.15:
        return rng.choice(c.phones)  # a repeat caller
    prefix = rng.choice([p for p in demo_data.PHONE_PREFIXES if p != "0411"] or ["138"])
    phone = prefix + "".join(str(rng.randrange(10)) for _ in range(8))
    c.phones.append(phone)
    return phone


class _Stop(Exception):
    """The story reached the present."""


class _Story:
    """One order's life on its own clock; each step first moves the clock and stops at now."""

    def __init__(self, c: _Centre, start: datetime, end: datetime) -> None:
        self.c = c
        self.rng = c.rng
        self.clock = FakeClock(start)
        self.end = end
        self.op = self.rng.choice(c.operators)
        assert c.supervisor is not None
        self.sup = c.supervisor

    def wait(self, hours: float) -> None:
        self.clock.advance(hours=max(hours, 0.01))
        if self.clock.now() >= self.end:
            raise _Stop

    def call(self, fn: Callable[..., services.OrderSummary], *args: object
             ) -> services.OrderSummary:
        summary = fn(self.c.uow(), *args)
        self.c.states[summary.id] = summary.state
        return summary


def _story(c: _Centre, t: datetime, end: datetime) -> None:
    s = _Story(c, t, end)
    try:
        _run_story(s)
    except _Stop:
        pass
    except DeskError:
        # A branch the rules refuse (a window passed, ...) simply ends the story there.
        pass


def _run_story(s: _Story) -> None:
    c, rng = s.c, s.rng
    cat_id, code, dept = rng.choice(c.leaves)
    rtype = _pick(rng, _TYPES)
    channel = str(_pick(rng, _CHANNELS))
    anonymous = rtype is RequestType.REPORT and rng.random() < 0.3
    content, address = _content(c, code)
    reg = services.Registration(
        channel_id=c.channels[channel], content=content,
        request_type=rtype, urgency=_pick(rng, _URGENCY),
        caller_phone="" if anonymous else _phone(c),
        caller_name="" if anonymous else rng.choice(demo_data.SURNAMES) + rng.choice(
            ["先生", "女士"]),
        anonymous=anonymous, category_id=cat_id, address=address,
    )
    order = s.call(services.register, s.op, s.clock, reg)
    if c.open_orders and rng.random() < 0.03:
        original = rng.choice(c.open_orders)[0]
        s.wait(rng.uniform(0.05, 0.3))
        s.call(services.link_duplicate, s.op, s.clock, order.id, original)
        return
    direct = 0.6 if rtype is RequestType.CONSULTATION else 0.08
    if rng.random() < direct:
        s.wait(rng.uniform(0.03, 0.2))
        s.call(services.close_directly, s.op, s.clock, order.id,
               rng.choice(demo_data.DIRECT_ANSWERS))
        return
    if len(c.open_orders) > 50:
        c.open_orders = [x for x in c.open_orders if c.states.get(x[0]) not in
                         (OrderState.CLOSED, OrderState.DUPLICATE)][-50:]
    c.open_orders.append((order.id, s.clock.now()))
    _dispatch_and_work(s, order.id, dept)


def _dispatch_and_work(s: _Story, order_id: int, lead: int, rounds: int = 0) -> None:
    c, rng = s.c, s.rng
    s.wait(rng.uniform(0.1, 1.5))
    assisting = []
    if rng.random() < 0.1:
        other = rng.choice([d for d in c.staff if d != lead])
        assisting.append(other)
    o = s.call(services.dispatch, s.op, s.clock, order_id, lead, assisting)
    slow = rng.random() < 0.12  # this department will be late
    for a in [x for x in o.assignments if x.state is AssignmentState.AWAITING_SIGN]:
        _department_works(s, order_id, a.id, a.department_id, slow)
    o = services.get_order(c.uow(), s.sup, order_id)
    if o.state is OrderState.TO_DISPATCH:  # the lead's return was approved
        new_lead = rng.choice([d for d in c.staff if d != lead])
        if rounds < 2:
            _dispatch_and_work(s, order_id, new_lead, rounds + 1)
        return
    if o.state is not OrderState.REPLIED:
        return
    s.wait(rng.uniform(0.5, 8))
    if rng.random() < 0.03:
        s.call(services.reject_reply, s.op, s.clock, order_id, "回复内容未说明处理结果，请补充。")
        lead_a = o.lead()
        if lead_a is None:
            return
        s.wait(rng.uniform(4, 30))
        s.call(services.reply, c.staff[lead_a.department_id], s.clock, lead_a.id,
               rng.choice(demo_data.REPLY_TEMPLATES))
        s.wait(rng.uniform(0.5, 8))
    s.call(services.accept_reply, s.op, s.clock, order_id)
    _callbacks(s, order_id, lead, rounds)


def _department_works(s: _Story, order_id: int, aid: int, dept: int, slow: bool) -> None:
    c, rng = s.c, s.rng
    staff = c.staff[dept]
    s.wait(rng.uniform(0.2, 20 if not slow else 60))
    if rng.random() < 0.05:
        s.call(services.request_return, staff, s.clock, aid, rng.choice(demo_data.RETURN_REASONS))
        s.wait(rng.uniform(0.5, 6))
        approve = rng.random() < 0.7
        req = services.get_order(c.uow(), s.sup, order_id).pending_returns[-1]
        s.call(services.decide_return, s.sup, s.clock, req, approve,
               "同意退回，重新派单。" if approve else "经研判属于贵单位职责，请继续办理。")
        if approve:
            return
    s.call(services.sign_for, staff, s.clock, aid)
    o = services.get_order(c.uow(), s.sup, order_id)
    a = next(x for x in o.assignments if x.id == aid)
    span = (a.reply_due - s.clock.now()).total_seconds() / 3600
    if rng.random() < 0.06:
        s.wait(rng.uniform(0.1, 0.5) * span)
        s.call(services.request_extension, staff, s.clock, aid, rng.randint(2, 5),
               rng.choice(demo_data.EXTENSION_REASONS))
        s.wait(rng.uniform(1, 8))
        req = services.get_order(c.uow(), s.sup, order_id).pending_extensions[-1]
        approve = rng.random() < 0.8
        s.call(services.decide_extension, s.sup, s.clock, req, approve,
               "" if approve else "理由不充分，请按期办结。")
        o = services.get_order(c.uow(), s.sup, order_id)
        a = next(x for x in o.assignments if x.id == aid)
        span = (a.reply_due - s.clock.now()).total_seconds() / 3600
    factor = rng.uniform(0.9, 1.6) if slow else rng.uniform(0.1, 0.85)
    reply_at = s.clock.now() + timedelta(hours=max(span, 0.2) * factor)
    if slow and reply_at > a.reply_due and a.reply_due + timedelta(hours=12) < s.end:
        s.clock.set(a.reply_due + timedelta(hours=rng.uniform(1, 12)))
        s.call(services.issue_notice, s.sup, s.clock, aid, NoticeKind.REMINDER,
               "该工单已超期，请抓紧办理并及时回复。")
    if reply_at <= s.clock.now():
        reply_at = s.clock.now() + timedelta(hours=1)
    s.wait((reply_at - s.clock.now()).total_seconds() / 3600)
    s.call(services.reply, staff, s.clock, aid, rng.choice(demo_data.REPLY_TEMPLATES))


def _callbacks(s: _Story, order_id: int, lead: int, rounds: int) -> None:
    rng = s.rng
    for _attempt in range(3):
        s.wait(rng.uniform(2, 26))
        outcome = _pick(rng, _OUTCOMES)
        notes = demo_data.CALLBACK_NOTES.get(outcome.value) or ("",)
        o = s.call(services.record_callback, s.op, s.clock, order_id, outcome,
                   rng.choice(notes))
        if outcome is CallbackOutcome.UNSATISFIED:
            s.wait(rng.uniform(1, 24))
            if rng.random() < 0.6 and rounds < 2:
                s.call(services.reopen, s.sup, s.clock, order_id,
                       "市民对处理结果不满意，要求重新办理。")
                _dispatch_and_work(s, order_id, lead, rounds + 1)
            else:
                s.call(services.close, s.sup, s.clock, order_id,
                       "经核实承办单位已按政策答复，诉求超出政策范围，予以办结。")
            return
        if o.state is OrderState.CLOSED:
            return


def describe(result: DemoResult) -> str:
    """What the command line prints: the centre's size and the demo accounts."""
    lines = [
        f"演示数据已生成 / demo centre ready: {result.departments} 个承办单位 departments, "
        f"{result.categories} 个分类节点 category nodes, {result.orders} 个工单 work orders",
        "工单状态 / orders by state: " + ", ".join(
            f"{k} {v}" for k, v in result.by_state.items() if v),
        f"演示账号（密码均为 {DEMO_PASSWORD}）/ demo accounts (password {DEMO_PASSWORD}):",
    ]
    shown = [u for u in result.users if not u[0].startswith("staff_")]
    staff = [u for u in result.users if u[0].startswith("staff_")]
    for name, role, _ in shown:
        lines.append(f"  {name:<14} {role}")
    if staff:
        lines.append(f"  {staff[0][0]:<14} {staff[0][1]}")
        lines.append(f"  … 以及其余 {len(staff) - 1} 个承办单位联络员 / and {len(staff) - 1} "
                     "more department staff accounts, staff_<department code>")
    return "\n".join(lines)
