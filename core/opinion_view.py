"""What the order window's 舆情 pane shows of one item: its details, its clocks with their
warning colours, and the responses recorded (from the timeline, so corrections show too).

:func:`opinion_view` returns ``None`` for an order that is no 舆情 item. Records are immutable
and hold names, not ids only; times are aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.calendar import WarningLevel
from core.errors import NotFound
from core.model import (
    Actor,
    ChannelKind,
    EventKind,
    OpinionClock,
    OpinionRisk,
    Role,
    WorkOrder,
)
from core.opinion import (
    CLOSED_STATES,
    OpinionHours,
    OpinionItem,
    OpinionUnitOfWork,
    clock_level,
    clock_start,
    item_level,
    set_clocks,
)


@dataclass(frozen=True)
class ClockView:
    clock: OpinionClock
    due: datetime
    done_at: datetime | None
    level: WarningLevel  # of an open clock now; NONE once met
    on_time: bool | None  # None while open


@dataclass(frozen=True)
class ResponseView:
    clock: OpinionClock
    at: datetime  # when it was published
    channel: str
    link: str
    on_time: bool
    recorded_at: datetime
    recorded_by: str
    corrects: datetime | None  # the time this record replaced


@dataclass(frozen=True)
class OpinionView:
    order_id: int
    ticket_no: str
    order_open: bool
    platform: str
    link: str
    posted_at: datetime | None
    registered_at: datetime
    reach: int
    risk_level: OpinionRisk | None  # None: not assessed yet
    assessed_at: datetime | None
    assessed_by: str
    department_id: int | None
    department: str
    start: datetime  # where the clocks run from
    clocks: tuple[ClockView, ...]
    responses: tuple[ResponseView, ...]
    level: WarningLevel  # the worst open clock now
    hours: OpinionHours  # the hours an assessment would use now

    @property
    def assessed(self) -> bool:
        return self.risk_level is not None


def _parse(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _visible(order: WorkOrder, item: OpinionItem | None, actor: Actor) -> bool:
    if actor.has(Role.OPERATOR, Role.SUPERVISOR, Role.ADMINISTRATOR):
        return True
    mine = actor.department_ids
    return (item is not None and item.department_id in mine) or any(
        a.department_id in mine for a in order.assignments)


def opinion_view(uow: OpinionUnitOfWork, actor: Actor, order_id: int,
                 now: datetime) -> OpinionView | None:
    """The item of ``order_id`` as ``actor`` may see it at ``now``; ``None`` when the order is
    no 舆情 item (no record and not in a 舆情监测 channel)."""
    with uow:
        order = uow.orders.get(order_id)
        item = uow.opinions.get(order_id)
        if not _visible(order, item, actor):
            raise NotFound(what_en="Work order", what_zh="工单", key=order_id)
        hours = uow.opinions.hours()
        if item is None:
            channel = uow.reference.channel(order.channel_id)
            if channel is None or channel.kind is not ChannelKind.OPINION:
                return None
            item = OpinionItem(order_id)  # registered by hand without its record
            set_clocks(item, order.registered_at, hours)
        dept = (uow.reference.department(item.department_id)
                if item.department_id is not None else None)
        assessor = uow.users.get(item.assessed_by) if item.assessed_by is not None else None
        events = [e for e in uow.orders.events(order_id)
                  if e.kind is EventKind.OPINION_RESPONDED]
        names: dict[int | None, str] = {None: ""}
        for e in events:
            if e.actor_id not in names:
                user = uow.users.get(e.actor_id) if e.actor_id is not None else None
                names[e.actor_id] = user.display_name if user else f"#{e.actor_id}"
    start = clock_start(item.posted_at, order.registered_at)
    clocks = []
    for c in item.clocks():
        due, done = item.due(c), item.done_at(c)
        assert due is not None
        clocks.append(ClockView(c, due, done, clock_level(item, c, start, now),
                                None if done is None else done <= due))
    responses = []
    for e in events:
        p = e.payload
        at = _parse(p.get("at"))
        try:
            kind = OpinionClock(str(p.get("clock")))
        except ValueError:
            continue
        if at is not None:
            responses.append(ResponseView(kind, at, str(p.get("channel", "")),
                                          str(p.get("link", "")), bool(p.get("on_time")),
                                          e.at, names.get(e.actor_id, ""),
                                          _parse(p.get("previous_at"))))
    return OpinionView(
        order_id=order_id, ticket_no=order.ticket_no,
        order_open=order.state not in CLOSED_STATES, platform=item.platform, link=item.link,
        posted_at=item.posted_at, registered_at=order.registered_at, reach=item.reach,
        risk_level=item.risk_level, assessed_at=item.assessed_at,
        assessed_by=assessor.display_name if assessor else "",
        department_id=item.department_id, department=dept.name if dept else "",
        start=start, clocks=tuple(clocks), responses=tuple(responses),
        level=item_level(item, start, now), hours=hours)
