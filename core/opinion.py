"""政务舆情 (DOMAIN.md section 5): monitoring items, their assessment (研判) and their clocks.

An item is a work order in a 舆情监测 channel plus its :class:`OpinionItem`: platform, link,
posting time, reach; at assessment a risk level and the responsible department; and the
published responses (time, channel, link) against natural-hour clocks:

=========================== ===================================== ===================
risk level                  clocks                                 State Council 2016
=========================== ===================================== ===================
特别重大, 重大                 authoritative information (权威信息)    5 h
                            press conference (新闻发布会)            24 h
较大, 一般, not yet assessed   response (回应)                        48 h
=========================== ===================================== ===================

Every clock runs in natural hours from the posting time when it is known, else from the
registration: the due is exactly ``start + N hours``. A new item gets the 48-hour response
clock at once (an item is "any other item" until an assessment says it is serious); the
assessment sets the clocks of its level. An administrator may tighten the hours (never loosen
them); the hours in force when a clock is set fix its due. A response is on time when its
recorded publication time is on or before the due. Warnings (yellow: less than 25 % of the
window left; red: past due) are the scheduler's, see ``core/opinion_sweep.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from core import labels
from core.calendar import WarningLevel, warning_level
from core.clock import Clock
from core.errors import IllegalTransition, NotFound, PermissionDenied, invalid
from core.model import (
    Actor,
    ChannelKind,
    Event,
    EventKind,
    OpinionClock,
    OpinionRisk,
    OrderState,
    Role,
    WorkOrder,
)
from core.ports import UnitOfWork
from core.services import OrderSummary, Registration, build_order, summarize
from core.validation import text_field

MAX_PLATFORM = 50
MAX_LINK = 500
MAX_RESPONSE_CHANNEL = 50
MAX_REACH = 2_000_000_000  # the column is a 32-bit integer
SERIOUS_LEVELS = frozenset({OpinionRisk.VERY_SERIOUS, OpinionRisk.SERIOUS})
OPERATIONAL = (Role.OPERATOR, Role.SUPERVISOR)
CLOSED_STATES = (OrderState.CLOSED, OrderState.DUPLICATE)
_DUE = {OpinionClock.INFO: "info_due", OpinionClock.CONFERENCE: "conference_due",
        OpinionClock.RESPONSE: "response_due"}
_DONE = {OpinionClock.INFO: "info_at", OpinionClock.CONFERENCE: "conference_at",
         OpinionClock.RESPONSE: "responded_at"}
_RANK = {WarningLevel.NONE: 0, WarningLevel.YELLOW: 1, WarningLevel.RED: 2}


@dataclass(frozen=True)
class OpinionHours:
    """The natural-hour limits in force. The State Council's are the loosest allowed."""

    info: int = 5
    conference: int = 24
    response: int = 48

    def of(self, clock: OpinionClock) -> int:
        return {OpinionClock.INFO: self.info, OpinionClock.CONFERENCE: self.conference,
                OpinionClock.RESPONSE: self.response}[clock]


STATE_COUNCIL_HOURS = OpinionHours()
SETTING_KEYS = {OpinionClock.INFO: "opinion_info_hours",
                OpinionClock.CONFERENCE: "opinion_conference_hours",
                OpinionClock.RESPONSE: "opinion_response_hours"}


@dataclass
class OpinionItem:
    """The 舆情 details of one order (``order_id``). Times are aware UTC."""

    order_id: int
    platform: str = ""
    link: str = ""
    posted_at: datetime | None = None
    reach: int = 0
    risk_level: OpinionRisk | None = None
    assessed_at: datetime | None = None
    assessed_by: int | None = None
    department_id: int | None = None
    info_due: datetime | None = None
    conference_due: datetime | None = None
    response_due: datetime | None = None
    info_at: datetime | None = None
    conference_at: datetime | None = None
    responded_at: datetime | None = None
    response_channel: str = ""
    response_link: str = ""
    warning_level: str = WarningLevel.NONE.value

    def due(self, clock: OpinionClock) -> datetime | None:
        value: datetime | None = getattr(self, _DUE[clock])
        return value

    def done_at(self, clock: OpinionClock) -> datetime | None:
        value: datetime | None = getattr(self, _DONE[clock])
        return value

    def clocks(self) -> list[OpinionClock]:
        """The clocks that apply to the item (those with a due)."""
        return [c for c in OpinionClock if self.due(c) is not None]


class OpinionRepository(Protocol):
    def get(self, order_id: int) -> OpinionItem | None: ...
    def add(self, item: OpinionItem) -> None: ...
    def save(self, item: OpinionItem) -> None: ...
    def hours(self) -> OpinionHours: ...
    def save_hours(self, hours: OpinionHours) -> None: ...

    def open_items(self, limit: int) -> list[tuple[OpinionItem, datetime]]:
        """Items with a clock neither met nor cleared, on open orders, each with its order's
        registration time."""
        ...

    def issued_warnings(self, order_ids: list[int]) -> dict[int, set[tuple[str, str]]]:
        """(clock, level) pairs of the ``opinion_warning`` events of each order."""
        ...


class OpinionUnitOfWork(UnitOfWork, Protocol):
    opinions: OpinionRepository


# --- the rules ---------------------------------------------------------------------------


def clock_start(posted_at: datetime | None, registered_at: datetime) -> datetime:
    """Where the clocks start: the posting time if known, else the registration."""
    return posted_at if posted_at is not None else registered_at


def clocks_for(risk: OpinionRisk | None) -> tuple[OpinionClock, ...]:
    if risk in SERIOUS_LEVELS:
        return (OpinionClock.INFO, OpinionClock.CONFERENCE)
    return (OpinionClock.RESPONSE,)


def dues_for(risk: OpinionRisk | None, start: datetime, hours: OpinionHours
             ) -> dict[OpinionClock, datetime]:
    """Each clock of ``risk``'s rule: exactly ``start`` + its hours (natural hours)."""
    return {c: start + timedelta(hours=hours.of(c)) for c in clocks_for(risk)}


def set_clocks(item: OpinionItem, start: datetime, hours: OpinionHours) -> None:
    """Set the item's dues for its risk level; the clocks of other levels are cleared."""
    dues = dues_for(item.risk_level, start, hours)
    for c in OpinionClock:
        setattr(item, _DUE[c], dues.get(c))


def clock_level(item: OpinionItem, clock: OpinionClock, start: datetime, now: datetime
                ) -> WarningLevel:
    """Yellow with less than 25 % of the window left, red past due; none once met."""
    due = item.due(clock)
    if due is None or item.done_at(clock) is not None:
        return WarningLevel.NONE
    return warning_level(start, due, now)


def item_level(item: OpinionItem, start: datetime, now: datetime) -> WarningLevel:
    """The worst level of the item's open clocks."""
    levels = [clock_level(item, c, start, now) for c in item.clocks()]
    return max(levels, key=_RANK.__getitem__, default=WarningLevel.NONE)


def due_warnings(item: OpinionItem, start: datetime, now: datetime,
                 issued: set[tuple[str, str]]) -> list[tuple[OpinionClock, WarningLevel]]:
    """The warnings to issue now: each (clock, level) once; no yellow after a red."""
    out: list[tuple[OpinionClock, WarningLevel]] = []
    for c in item.clocks():
        level = clock_level(item, c, start, now)
        red = (c.value, WarningLevel.RED.value) in issued
        if level is WarningLevel.RED and not red:
            out.append((c, level))
        elif (level is WarningLevel.YELLOW and not red
              and (c.value, WarningLevel.YELLOW.value) not in issued):
            out.append((c, level))
    return out


def check_hours(hours: OpinionHours) -> OpinionHours:
    """An administrator may tighten the State Council's hours, never loosen them."""
    for c in OpinionClock:
        value, limit = hours.of(c), STATE_COUNCIL_HOURS.of(c)
        zh, en = labels.label(c)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= limit:
            raise invalid(f"{en} hours", f"{zh}时限", f"must be a whole number of hours from 1 "
                          f"to {limit}", f"须为1至{limit}小时之间的整数（不得宽于国务院规定）")
    return hours


# --- input -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpinionDetails:
    """What monitoring records of an item, checked."""

    platform: str
    link: str
    posted_at: datetime | None
    reach: int


def check_details(platform: str | None, link: str | None, posted_at: datetime | None,
                  reach: int | None, now: datetime, *, platform_required: bool = True
                  ) -> OpinionDetails:
    name = text_field(platform, "platform", "发布平台", max_len=MAX_PLATFORM,
                      required=platform_required)
    url = text_field(link, "link", "原文链接", max_len=MAX_LINK, required=False)
    if posted_at is not None:
        if posted_at.tzinfo is None:
            raise invalid("posted at", "发布时间", "needs a time zone", "缺少时区")
        if posted_at > now:
            raise invalid("posted at", "发布时间", "lies in the future", "不能晚于当前时间")
    count = 0 if reach is None else reach
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_REACH:
        raise invalid("reach", "转发评论量", f"must be a whole number from 0 to {MAX_REACH}",
                      f"须为0至{MAX_REACH}之间的整数")
    return OpinionDetails(name, url, posted_at, count)


def new_item(order: WorkOrder, details: OpinionDetails, hours: OpinionHours) -> OpinionItem:
    """The item of a just registered order, with the provisional 48-hour response clock."""
    assert order.id is not None
    item = OpinionItem(order.id, details.platform, details.link, details.posted_at,
                       details.reach)
    set_clocks(item, clock_start(details.posted_at, order.registered_at), hours)
    return item


def details_payload(details: OpinionDetails) -> dict[str, object]:
    return {"platform": details.platform, "link": details.link, "reach": details.reach,
            "posted_at": details.posted_at.isoformat() if details.posted_at else None}


# --- services ----------------------------------------------------------------------------


def _operational(actor: Actor, action_en: str, action_zh: str) -> None:
    if not actor.has(*OPERATIONAL):
        raise PermissionDenied(user=actor.username, action_en=action_en, action_zh=action_zh)


def register_opinion(
    uow: OpinionUnitOfWork,
    actor: Actor,
    clock: Clock,
    reg: Registration,
    *,
    platform: str,
    link: str = "",
    posted_at: datetime | None = None,
    reach: int = 0,
) -> OrderSummary:
    """Register a monitored item: a work order in a 舆情监测 channel and its 舆情 record."""
    _operational(actor, "register work orders", "登记工单")
    now = clock.now()
    details = check_details(platform, link, posted_at, reach, now)
    with uow:
        channel = uow.reference.channel(reg.channel_id)
        if channel is not None and channel.kind is not ChannelKind.OPINION:
            raise invalid("channel", "来源渠道", f"'{channel.name}' is not a public-opinion "
                          "channel", f"“{channel.name}”不是舆情监测渠道")
        order = build_order(uow, actor, clock, reg)
        order.new_events[-1].payload["opinion"] = details_payload(details)
        uow.orders.add(order)
        uow.opinions.add(new_item(order, details, uow.opinions.hours()))
        uow.commit()
        return summarize(order)


def _item_of(uow: OpinionUnitOfWork, order: WorkOrder) -> OpinionItem:
    """The order's item; an order of a 舆情 channel registered without one gets an empty one."""
    assert order.id is not None
    item = uow.opinions.get(order.id)
    if item is not None:
        return item
    channel = uow.reference.channel(order.channel_id)
    if channel is None or channel.kind is not ChannelKind.OPINION:
        raise invalid("order", "工单", f"{order.ticket_no} is not a public-opinion item",
                      f"{order.ticket_no} 不是舆情工单")
    item = OpinionItem(order.id)
    set_clocks(item, order.registered_at, uow.opinions.hours())
    uow.opinions.add(item)
    return item


def _open(order: WorkOrder, action_en: str, action_zh: str) -> None:
    if order.state in CLOSED_STATES:
        state_zh, state_en = labels.label(order.state)
        raise IllegalTransition(ticket=order.ticket_no, state_en=state_en, state_zh=state_zh,
                                action_en=action_en, action_zh=action_zh)


def _event(order: WorkOrder, actor: Actor, now: datetime, kind: EventKind,
           payload: dict[str, object]) -> None:
    order.new_events.append(Event(
        id=None, order_id=order.id, assignment_id=None, at=now, actor_id=actor.user_id,
        kind=kind, from_state=order.state, to_state=order.state, payload=payload))


def _iso(t: datetime | None) -> str | None:
    return t.isoformat() if t is not None else None


def assess_opinion(
    uow: OpinionUnitOfWork,
    actor: Actor,
    clock: Clock,
    order_id: int,
    risk_level: OpinionRisk,
    department_id: int,
    note: str = "",
) -> OrderSummary:
    """研判: set the risk level and the responsible department; the clocks of the level start
    (again) from the item's start with the hours now in force. May be repeated."""
    _operational(actor, "assess public opinion", "研判舆情")
    if not isinstance(risk_level, OpinionRisk):
        raise invalid("risk level", "风险等级", "choose a risk level", "请选择风险等级")
    text = text_field(note, "note", "研判意见", max_len=2000, required=False)
    now = clock.now()
    with uow:
        order = uow.orders.get(order_id)
        _open(order, "assessed", "研判")
        dept = uow.reference.department(department_id)
        if dept is None or not dept.active:
            raise NotFound(what_en="Department", what_zh="承办单位", key=department_id)
        item = _item_of(uow, order)
        previous = item.risk_level
        item.risk_level, item.department_id = risk_level, department_id
        item.assessed_at, item.assessed_by = now, actor.user_id
        start = clock_start(item.posted_at, order.registered_at)
        hours = uow.opinions.hours()
        set_clocks(item, start, hours)
        item.warning_level = item_level(item, start, now).value
        _event(order, actor, now, EventKind.OPINION_ASSESSED, {
            "risk_level": risk_level.value,
            "previous_risk_level": previous.value if previous else None,
            "department_id": department_id, "department": dept.name, "note": text,
            "start": start.isoformat(),
            "dues": {c.value: _iso(item.due(c)) for c in item.clocks()},
            "hours": {c.value: hours.of(c) for c in item.clocks()},
        })
        order.updated_at = now
        uow.orders.save(order)
        uow.opinions.save(item)
        uow.commit()
        return summarize(order)


def record_opinion_response(
    uow: OpinionUnitOfWork,
    actor: Actor,
    clock: Clock,
    order_id: int,
    kind: OpinionClock,
    at: datetime,
    channel: str,
    link: str = "",
) -> OrderSummary:
    """登记回应: the response of ``kind`` was published at ``at`` through ``channel``. It must
    be one of the item's clocks; recording it again corrects the time (the event keeps the
    previous one)."""
    _operational(actor, "record public-opinion responses", "登记舆情回应")
    if not isinstance(kind, OpinionClock):
        raise invalid("response kind", "回应类型", "choose what was published", "请选择回应类型")
    where = text_field(channel, "response channel", "发布渠道", max_len=MAX_RESPONSE_CHANNEL)
    url = text_field(link, "response link", "回应链接", max_len=MAX_LINK, required=False)
    now = clock.now()
    if at.tzinfo is None:
        raise invalid("published at", "发布时间", "needs a time zone", "缺少时区")
    if at > now:
        raise invalid("published at", "发布时间", "lies in the future", "不能晚于当前时间")
    with uow:
        order = uow.orders.get(order_id)
        _open(order, "answered", "登记回应")
        item = _item_of(uow, order)
        due = item.due(kind)
        kind_zh, kind_en = labels.label(kind)
        if due is None:
            raise invalid("response kind", "回应类型",
                          f"'{kind_en}' is not among this item's clocks",
                          f"该舆情的处置要求中没有“{kind_zh}”")
        start = clock_start(item.posted_at, order.registered_at)
        if at < start:
            raise invalid("published at", "发布时间", "lies before the item was posted",
                          "不能早于舆情发布（或登记）时间")
        previous = item.done_at(kind)
        setattr(item, _DONE[kind], at)
        item.response_channel, item.response_link = where, url
        item.warning_level = item_level(item, start, now).value
        _event(order, actor, now, EventKind.OPINION_RESPONDED, {
            "clock": kind.value, "at": at.isoformat(), "due": due.isoformat(),
            "on_time": at <= due, "channel": where, "link": url,
            "previous_at": _iso(previous),
        })
        order.updated_at = now
        uow.orders.save(order)
        uow.opinions.save(item)
        uow.commit()
        return summarize(order)


def opinion_hours(uow: OpinionUnitOfWork) -> OpinionHours:
    with uow:
        return uow.opinions.hours()


def set_opinion_hours(uow: OpinionUnitOfWork, actor: Actor, hours: OpinionHours) -> None:
    """Tighten the 舆情 hours (administrators); applies to clocks set from now on."""
    if not actor.has(Role.ADMINISTRATOR):
        raise PermissionDenied(user=actor.username, action_en="change the desk's settings",
                               action_zh="修改系统设置")
    check_hours(hours)
    with uow:
        uow.opinions.save_hours(hours)
        uow.commit()
