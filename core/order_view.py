"""Everything the order view shows about one order, and which buttons the user gets.

:func:`order_detail` reads an order with its assignments, replies, requests, callbacks, notices
and timeline into one immutable :class:`OrderDetail` with names resolved (departments,
categories, users). :func:`available_actions` lists exactly the actions ``actor`` may take on
it now: the role check of ``core.permissions`` plus the state the lifecycle requires, so the
view never offers a button whose service would refuse.

The caller's name and phone number come de-identified (``core.privacy.masked``; blank for an
anonymous report) whoever asks: the full caller is the separate, logged
``core.privacy.reveal_caller``, offered where ``core.privacy.may_reveal`` says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from core.calendar import WorkCalendar
from core.errors import NotFound
from core.model import (
    Actor,
    Assignment,
    AssignmentState,
    CallbackOutcome,
    CloseKind,
    EventKind,
    NoticeKind,
    OrderState,
    RequestStatus,
    RequestType,
    Role,
    Urgency,
    WorkOrder,
)
from core.ports import UnitOfWork
from core.privacy import masked
from core.stats_model import deidentify_name


class Action(StrEnum):
    DISPATCH = "dispatch"
    CLOSE_DIRECTLY = "close_directly"
    LINK_DUPLICATE = "link_duplicate"
    SIGN_FOR = "sign_for"
    REPLY = "reply"
    REQUEST_RETURN = "request_return"
    REQUEST_EXTENSION = "request_extension"
    DECIDE_RETURN = "decide_return"
    DECIDE_EXTENSION = "decide_extension"
    ISSUE_NOTICE = "issue_notice"
    ACCEPT_REPLY = "accept_reply"
    REJECT_REPLY = "reject_reply"
    RECORD_CALLBACK = "record_callback"
    REOPEN = "reopen"
    CLOSE = "close"
    REVISE = "revise"  # 修改/补充 before dispatch (services.revise)


@dataclass(frozen=True)
class AssignmentView:
    id: int
    department_id: int
    department: str
    lead: bool
    hop: int
    state: AssignmentState
    dispatched_at: datetime
    sign_due: datetime
    reply_due: datetime
    return_until: datetime
    signed_at: datetime | None
    replied_at: datetime | None
    ended_at: datetime | None
    extension_days: int
    current: bool  # of the order's current dispatch round

    def dwell_end(self, now: datetime) -> datetime:
        """Until when the department held it: its reply or end, else now."""
        return self.replied_at or self.ended_at or now


@dataclass(frozen=True)
class ReplyView:
    id: int
    assignment_id: int
    department: str
    at: datetime
    by: str
    text: str
    rejected: bool
    rejected_reason: str | None


@dataclass(frozen=True)
class RequestView:
    """A return (``days`` is None) or extension request."""

    id: int
    assignment_id: int
    department: str
    requested_at: datetime
    requested_by: str
    reason: str
    status: RequestStatus
    days: int | None
    decided_at: datetime | None
    decided_by: str
    decision_note: str | None


@dataclass(frozen=True)
class CallbackView:
    at: datetime
    by: str
    outcome: CallbackOutcome
    note: str
    department: str


@dataclass(frozen=True)
class NoticeView:
    at: datetime
    kind: NoticeKind
    department: str
    automatic: bool
    by: str
    text: str


@dataclass(frozen=True)
class EventView:
    at: datetime
    actor: str  # "" for the system
    kind: EventKind
    from_state: OrderState | None
    to_state: OrderState
    department: str
    payload: dict[str, object]
    assignment_id: int | None = None


@dataclass(frozen=True)
class OrderDetail:
    id: int
    ticket_no: str
    version: int
    state: OrderState
    channel: str
    caller_name: str
    caller_phone: str
    anonymous: bool
    address: str
    category_id: int | None
    category: str  # the path, "城乡建设 / 物业管理 / 电梯故障"
    request_type: RequestType
    urgency: Urgency
    title: str
    content: str
    registered_at: datetime
    registered_by: str
    closed_at: datetime | None
    close_kind: CloseKind | None
    close_note: str | None
    direct_answer: str | None
    duplicate_of: str | None  # the original's ticket number
    duplicates: tuple[str, ...]
    callback_due: datetime | None
    callback_attempts: int
    callback_outcome: CallbackOutcome | None
    reopen_count: int
    assignments: tuple[AssignmentView, ...]
    replies: tuple[ReplyView, ...]
    returns: tuple[RequestView, ...]
    extensions: tuple[RequestView, ...]
    callbacks: tuple[CallbackView, ...]
    notices: tuple[NoticeView, ...]
    events: tuple[EventView, ...]

    def current_assignments(self) -> tuple[AssignmentView, ...]:
        return tuple(a for a in self.assignments if a.current)

    def pending_returns(self) -> tuple[RequestView, ...]:
        return tuple(r for r in self.returns if r.status is RequestStatus.PENDING)

    def pending_extensions(self) -> tuple[RequestView, ...]:
        return tuple(r for r in self.extensions if r.status is RequestStatus.PENDING)


class _Names:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._users: dict[int | None, str] = {None: ""}
        self._depts: dict[int | None, str] = {None: ""}

    def user(self, user_id: int | None) -> str:
        if user_id not in self._users:
            rec = self._uow.users.get(user_id) if user_id is not None else None
            self._users[user_id] = rec.display_name if rec else f"#{user_id}"
        return self._users[user_id]

    def dept(self, dept_id: int | None) -> str:
        if dept_id not in self._depts:
            d = self._uow.reference.department(dept_id) if dept_id is not None else None
            self._depts[dept_id] = d.name if d else f"#{dept_id}"
        return self._depts[dept_id]

    def category_path(self, category_id: int | None) -> str:
        parts: list[str] = []
        while category_id is not None and len(parts) < 5:
            c = self._uow.reference.category(category_id)
            if c is None:
                break
            parts.append(c.name)
            category_id = c.parent_id
        return " / ".join(reversed(parts))


def _visible(order: WorkOrder, actor: Actor) -> bool:
    if actor.has(Role.OPERATOR, Role.SUPERVISOR, Role.ADMINISTRATOR):
        return True
    return any(a.department_id in actor.department_ids for a in order.assignments)


def _deidentified(payload: dict[str, object]) -> dict[str, object]:
    """An event's payload with a revised caller name de-identified like the order's."""
    changes = payload.get("changes")
    if not isinstance(changes, dict) or not isinstance(changes.get("caller_name"), dict):
        return dict(payload)
    name = {k: deidentify_name(v) if k in ("old", "new") and isinstance(v, str) else v
            for k, v in changes["caller_name"].items()}
    return {**payload, "changes": {**changes, "caller_name": name}}


def _assignment_view(order: WorkOrder, a: Assignment, names: _Names) -> AssignmentView:
    return AssignmentView(
        a.id or 0, a.department_id, names.dept(a.department_id), a.lead, a.hop, a.state,
        a.dispatched_at, a.sign_due, a.reply_due, a.return_until, a.signed_at, a.replied_at,
        a.ended_at, a.extension_days, a.hop == order.current_hop)


def order_detail(uow: UnitOfWork, actor: Actor, order_id: int) -> OrderDetail:
    """The whole order as ``actor`` may see it; NotFound if it is not theirs to see."""
    with uow:
        order = uow.orders.get(order_id)
        if not _visible(order, actor):
            raise NotFound(what_en="Work order", what_zh="工单", key=order_id)
        names = _Names(uow)
        dept_of = {a.id: a.department_id for a in order.assignments}
        channel = uow.reference.channel(order.channel_id)
        original = (uow.orders.get(order.duplicate_of_id).ticket_no
                    if order.duplicate_of_id is not None else None)
        duplicates = tuple(d.ticket_no for d in uow.orders.duplicates_of(order_id))
        caller_name, caller_phone = masked(order.caller_name, order.caller_phone,
                                           order.anonymous)
        events = tuple(
            EventView(e.at, names.user(e.actor_id), e.kind, e.from_state, e.to_state,
                      names.dept(dept_of.get(e.assignment_id)), _deidentified(e.payload),
                      e.assignment_id)
            for e in uow.orders.events(order_id))

        def request(r: object, days: int | None) -> RequestView:
            return RequestView(
                r.id or 0, r.assignment_id or 0,  # type: ignore[attr-defined]
                names.dept(dept_of.get(r.assignment_id)),  # type: ignore[attr-defined]
                r.requested_at, names.user(r.requested_by),  # type: ignore[attr-defined]
                r.reason, r.status, days, r.decided_at,  # type: ignore[attr-defined]
                names.user(r.decided_by), r.decision_note)  # type: ignore[attr-defined]

        return OrderDetail(
            id=order_id, ticket_no=order.ticket_no, version=order.version, state=order.state,
            channel=channel.name if channel else "", caller_name=caller_name,
            caller_phone=caller_phone, anonymous=order.anonymous, address=order.address,
            category_id=order.category_id, category=names.category_path(order.category_id),
            request_type=order.request_type, urgency=order.urgency, title=order.title,
            content=order.content, registered_at=order.registered_at,
            registered_by=names.user(order.registered_by), closed_at=order.closed_at,
            close_kind=order.close_kind, close_note=order.close_note,
            direct_answer=order.direct_answer, duplicate_of=original, duplicates=duplicates,
            callback_due=order.callback_due, callback_attempts=order.callback_attempts,
            callback_outcome=order.callback_outcome, reopen_count=order.reopen_count,
            assignments=tuple(_assignment_view(order, a, names) for a in order.assignments),
            replies=tuple(
                ReplyView(p.id or 0, p.assignment_id or 0, names.dept(dept_of.get(p.assignment_id)),
                          p.at, names.user(p.by), p.text, p.rejected, p.rejected_reason)
                for p in order.replies),
            returns=tuple(request(r, None) for r in order.return_requests),
            extensions=tuple(request(x, x.days) for x in order.extension_requests),
            callbacks=tuple(
                CallbackView(c.at, names.user(c.by), c.outcome, c.note, names.dept(c.department_id))
                for c in order.callbacks),
            notices=tuple(
                NoticeView(n.at, n.kind, names.dept(dept_of.get(n.assignment_id)), n.automatic,
                           names.user(n.by), n.text)
                for n in order.notices),
            events=events,
        )


@dataclass(frozen=True)
class Offer:
    """One button: the action and, for actions on an assignment or request, which one."""

    action: Action
    target_id: int | None = None  # assignment id, or request id for the decide actions


def _own(actor: Actor, a: AssignmentView) -> bool:
    return a.department_id in actor.department_ids


def available_actions(detail: OrderDetail, actor: Actor,
                      now: datetime | None = None) -> list[Offer]:
    """The actions ``actor`` may take on the order now (see the module docstring). With
    ``now``, a return is not offered after its window nor an extension after the reply due
    (the lifecycle would refuse them)."""
    offers: list[Offer] = []
    state = detail.state
    operational = actor.has(Role.OPERATOR, Role.SUPERVISOR)
    if operational and state in (OrderState.REGISTERED, OrderState.TO_DISPATCH):
        offers += [Offer(Action.DISPATCH), Offer(Action.CLOSE_DIRECTLY),
                   Offer(Action.LINK_DUPLICATE), Offer(Action.REVISE)]
    open_here = [a for a in detail.current_assignments()
                 if a.state in (AssignmentState.AWAITING_SIGN, AssignmentState.IN_PROGRESS)]
    returning = {r.assignment_id for r in detail.pending_returns()}
    pending = returning | {x.assignment_id for x in detail.pending_extensions()}
    if actor.has(Role.DEPARTMENT_STAFF):
        for a in open_here:
            if not _own(actor, a):
                continue
            if a.state is AssignmentState.AWAITING_SIGN:
                if a.id not in returning:  # signing waits for the return's decision
                    offers.append(Offer(Action.SIGN_FOR, a.id))
            elif a.id not in pending:
                offers.append(Offer(Action.REPLY, a.id))
            if a.id not in pending:
                if now is None or now <= a.return_until:
                    offers.append(Offer(Action.REQUEST_RETURN, a.id))
                if a.state is AssignmentState.IN_PROGRESS and (now is None or now <= a.reply_due):
                    offers.append(Offer(Action.REQUEST_EXTENSION, a.id))
    if actor.has(Role.SUPERVISOR):
        offers += [Offer(Action.DECIDE_RETURN, r.id) for r in detail.pending_returns()]
        offers += [Offer(Action.DECIDE_EXTENSION, x.id) for x in detail.pending_extensions()]
        offers += [Offer(Action.ISSUE_NOTICE, a.id) for a in open_here]
    if operational and state is OrderState.REPLIED:
        offers += [Offer(Action.ACCEPT_REPLY), Offer(Action.REJECT_REPLY)]
    unsatisfied = detail.callback_outcome is CallbackOutcome.UNSATISFIED
    if operational and state is OrderState.AWAITING_CALLBACK and not unsatisfied:
        offers.append(Offer(Action.RECORD_CALLBACK))
    if actor.has(Role.SUPERVISOR) and state is OrderState.AWAITING_CALLBACK and unsatisfied:
        offers += [Offer(Action.REOPEN), Offer(Action.CLOSE)]
    return offers


def sign_target(detail: OrderDetail, actor: Actor) -> int | None:
    """The assignment ``actor`` would sign for on this order (a list's "sign the selected
    row"), or None when there is nothing for them to sign."""
    for offer in available_actions(detail, actor):
        if offer.action is Action.SIGN_FOR:
            return offer.target_id
    return None


def dwell_times(detail: OrderDetail, now: datetime) -> tuple[tuple[str, timedelta], ...]:
    """How long each department held the order, summed over its assignments (from dispatch to
    its reply or end, or to ``now`` while still open), in order of first dispatch."""
    totals: dict[str, timedelta] = {}
    for a in sorted(detail.assignments, key=lambda a: (a.dispatched_at, a.id)):
        held = max(a.dwell_end(now) - a.dispatched_at, timedelta(0))
        totals[a.department] = totals.get(a.department, timedelta(0)) + held
    return tuple(totals.items())


def extended_reply_due(calendar: WorkCalendar, reply_due: datetime, days: int) -> datetime:
    """The reply due an extension of ``days`` working days would give: the same rule as
    ``core.lifecycle.decide_extension`` (end of the N-th working day after the due in force)."""
    return calendar.add_working_days(reply_due, days).at


@dataclass(frozen=True)
class ExtensionOutlook:
    """What the extension dialog needs to preview the new due: the calendar, the assignment's
    reply due in force and how many of the capped working days are left."""

    calendar: WorkCalendar
    reply_due: datetime
    extension_days: int
    cap_days: int

    @property
    def days_left(self) -> int:
        return max(self.cap_days - self.extension_days, 0)

    def new_reply_due(self, days: int) -> datetime:
        return extended_reply_due(self.calendar, self.reply_due, days)


def extension_outlook(uow: UnitOfWork, actor: Actor, assignment_id: int) -> ExtensionOutlook:
    """Load the calendar, rules and clock of one assignment ``actor`` may see."""
    with uow:
        order = uow.orders.get_by_assignment(assignment_id)
        if not _visible(order, actor):
            raise NotFound(what_en="Work order", what_zh="工单", key=order.id)
        a = order.assignment(assignment_id)
        if a is None:
            raise NotFound(what_en="Assignment", what_zh="承办记录", key=assignment_id)
        return ExtensionOutlook(uow.reference.calendar(), a.reply_due, a.extension_days,
                                uow.reference.rules().extension_cap_days)
