"""The work-order state machine of DOMAIN.md section 3.

Each function checks that the order is in a state that allows the step, changes the
aggregate in memory and appends the step's event; it raises a typed error and changes
nothing otherwise. Permissions and loading/saving are the services' business
(``core/services.py``); these functions are pure apart from mutating the aggregate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core import labels, levels
from core.calendar import WorkCalendar
from core.errors import IllegalTransition, rule
from core.model import (
    Actor,
    Assignment,
    AssignmentState,
    CallbackAttempt,
    CallbackOutcome,
    CloseKind,
    EscalationNotice,
    Event,
    EventKind,
    ExtensionRequest,
    NoticeKind,
    OrderState,
    Reply,
    RequestStatus,
    ReturnRequest,
    WorkOrder,
)
from core.policy import DeskRules, TimeLimitPolicy

AS = AssignmentState
OS = OrderState

_ACTIONS: dict[str, tuple[str, str]] = {
    "close_directly": ("closed directly", "直接办结"),
    "dispatch": ("dispatched", "派单"),
    "sign_for": ("signed for", "签收"),
    "request_return": ("returned", "申请退单"),
    "decide_return": ("decided on a return", "审核退单"),
    "request_extension": ("extended", "申请延期"),
    "decide_extension": ("decided on an extension", "审核延期"),
    "reply": ("replied to", "回复"),
    "accept_reply": ("accepted as replied", "审核通过回复"),
    "reject_reply": ("sent back for a new reply", "驳回回复"),
    "record_callback": ("called back", "回访"),
    "reopen": ("reopened", "重办"),
    "close": ("closed", "办结"),
    "link_duplicate": ("linked as a duplicate", "关联为重复件"),
    "issue_notice": ("reminded or supervised", "催办或督办"),
}


@dataclass(frozen=True)
class Ctx:
    """Who acts, when, and by which calendar and rules."""

    actor: Actor
    now: datetime
    calendar: WorkCalendar
    rules: DeskRules


def action_names(action: str) -> tuple[str, str]:
    return _ACTIONS[action]


def _illegal(order: WorkOrder, action: str, what: str | None = None) -> IllegalTransition:
    action_en, action_zh = _ACTIONS[action]
    state_zh, state_en = labels.label(order.state)
    if what is not None:
        state_en, state_zh = what, what
    return IllegalTransition(
        ticket=order.ticket_no,
        state_en=state_en,
        state_zh=state_zh,
        action_en=action_en,
        action_zh=action_zh,
    )


def _require(order: WorkOrder, action: str, *states: OrderState) -> None:
    if order.state not in states:
        raise _illegal(order, action)


def _require_assignment(order: WorkOrder, a: Assignment, action: str, *states: AS) -> None:
    if a.state not in states:
        action_en, action_zh = _ACTIONS[action]
        zh_state, en_state = labels.label(a.state)
        raise IllegalTransition(
            ticket=order.ticket_no,
            state_en=f"{en_state} at this department",
            state_zh=f"该承办单位{zh_state}",
            action_en=action_en,
            action_zh=action_zh,
        )


def _emit(
    order: WorkOrder,
    kind: EventKind,
    ctx: Ctx,
    to_state: OrderState,
    assignment: Assignment | None = None,
    **payload: Any,
) -> Event:
    event = Event(
        id=None,
        order_id=order.id,
        assignment_id=assignment.id if assignment else None,
        at=ctx.now,
        actor_id=ctx.actor.user_id,
        kind=kind,
        from_state=order.state,
        to_state=to_state,
        payload=payload,
        assignment=assignment,
    )
    order.state = to_state
    order.updated_at = ctx.now
    order.new_events.append(event)
    return event


def derive_state(assignments: Iterable[tuple[bool, AssignmentState]]) -> OrderState:
    """The order's state while it is with departments, from its (lead, state) pairs.

    Replied when the lead and every assisting department replied; awaiting sign-for while
    the lead has not signed; in progress otherwise; back to dispatch with none active.
    """
    active = [(lead, s) for lead, s in assignments if s in (AS.AWAITING_SIGN, AS.IN_PROGRESS,
                                                              AS.REPLIED)]
    if not active:
        return OS.TO_DISPATCH
    if all(s is AS.REPLIED for _, s in active):
        return OS.REPLIED
    if any(lead and s is AS.AWAITING_SIGN for lead, s in active):
        return OS.AWAITING_SIGN
    return OS.IN_PROGRESS


def _derived(order: WorkOrder) -> OrderState:
    return derive_state((a.lead, a.state) for a in order.assignments
                        if a.hop == order.current_hop)


def _iso(t: datetime) -> str:
    return t.isoformat()


def _pending_request(order: WorkOrder, a: Assignment) -> str | None:
    for r in order.return_requests:
        if r.assignment_id == a.id and r.status is RequestStatus.PENDING:
            return "return"
    for x in order.extension_requests:
        if x.assignment_id == a.id and x.status is RequestStatus.PENDING:
            return "extension"
    return None


# --- intake -------------------------------------------------------------------------------


def record_registration(order: WorkOrder, ctx: Ctx) -> None:
    """Append the registration event to a new order (state ``registered``)."""
    order.state = OS.REGISTERED
    _emit(order, EventKind.REGISTERED, ctx, OS.REGISTERED, channel_id=order.channel_id)
    order.new_events[-1].from_state = None


def close_directly(order: WorkOrder, answer: str, ctx: Ctx) -> None:
    _require(order, "close_directly", OS.REGISTERED, OS.TO_DISPATCH)
    if order.active_assignments():
        raise _illegal(order, "close_directly")
    order.direct_answer = answer
    order.closed_at = ctx.now
    order.close_kind = CloseKind.DIRECT
    _emit(order, EventKind.CLOSED_DIRECTLY, ctx, OS.CLOSED, answer=answer)


def dispatch(
    order: WorkOrder,
    lead_department_id: int,
    assisting_department_ids: Iterable[int],
    policy: TimeLimitPolicy,
    ctx: Ctx,
    *,
    reply_due: datetime | None = None,
    note: str = "",
) -> list[Assignment]:
    """Create one lead and any assisting assignments, each with its own two clocks."""
    _require(order, "dispatch", OS.REGISTERED, OS.TO_DISPATCH)
    assisting = list(dict.fromkeys(assisting_department_ids))
    if lead_department_id in assisting:
        raise rule(
            "The lead department cannot also be an assisting department.",
            "主办单位不能同时作为协办单位。",
        )
    cal = ctx.calendar
    sign = cal.due(ctx.now, policy.sign)
    reply = cal.due(ctx.now, policy.reply)
    window = cal.due(ctx.now, policy.return_window)
    reply_at = reply_due or reply.at
    hop = max((a.hop for a in order.assignments), default=0) + 1
    fallback = sorted(sign.fallback_years | reply.fallback_years)
    order.current_hop = hop
    created = []
    for dept, lead in [(lead_department_id, True)] + [(d, False) for d in assisting]:
        a = Assignment(
            id=None,
            order_id=order.id,
            department_id=dept,
            lead=lead,
            hop=hop,
            state=AS.AWAITING_SIGN,
            dispatched_at=ctx.now,
            dispatched_by=ctx.actor.user_id,
            sign_due=sign.at,
            reply_due=reply_at,
            return_until=window.at,
        )
        a.next_check_at = levels.next_check_at(a, set(), cal)
        order.assignments.append(a)
        created.append(a)
        _emit(
            order,
            EventKind.DISPATCHED,
            ctx,
            _derived(order),
            a,
            department_id=dept,
            lead=lead,
            hop=hop,
            sign_due=_iso(a.sign_due),
            reply_due=_iso(a.reply_due),
            reply_due_set_by_hand=reply_due is not None,
            calendar_fallback_years=fallback,
            note=note,
        )
    return created


# --- department --------------------------------------------------------------------------


def sign_for(order: WorkOrder, a: Assignment, ctx: Ctx) -> None:
    _require(order, "sign_for", OS.AWAITING_SIGN, OS.IN_PROGRESS)
    _require_assignment(order, a, "sign_for", AS.AWAITING_SIGN)
    if _pending_request(order, a) == "return":
        raise rule(
            "A return request for this assignment is waiting for a decision.",
            "该承办记录的退单申请尚待审核。",
        )
    a.state = AS.IN_PROGRESS
    a.signed_at = ctx.now
    a.signed_by = ctx.actor.user_id
    _emit(order, EventKind.SIGNED, ctx, _derived(order), a,
          on_time=ctx.now <= a.sign_due)


def request_return(order: WorkOrder, a: Assignment, reason: str, ctx: Ctx) -> ReturnRequest:
    _require(order, "request_return", OS.AWAITING_SIGN, OS.IN_PROGRESS)
    _require_assignment(order, a, "request_return", AS.AWAITING_SIGN, AS.IN_PROGRESS)
    if _pending_request(order, a):
        raise rule(
            "Another request for this assignment is waiting for a decision.",
            "该承办记录已有待审核的申请。",
        )
    if ctx.now > a.return_until:
        local = ctx.calendar.tz
        raise rule(
            "The time for asking to return this order ended at "
            f"{a.return_until.astimezone(local):%Y-%m-%d %H:%M}.",
            f"退单申请时限已于 {a.return_until.astimezone(local):%Y-%m-%d %H:%M} 截止。",
        )
    req = ReturnRequest(
        id=None,
        order_id=order.id,
        assignment_id=a.id,
        requested_at=ctx.now,
        requested_by=ctx.actor.user_id,
        reason=reason,
    )
    order.return_requests.append(req)
    _emit(order, EventKind.RETURN_REQUESTED, ctx, order.state, a, reason=reason)
    return req


def decide_return(
    order: WorkOrder, req: ReturnRequest, approve: bool, note: str, ctx: Ctx
) -> None:
    """Approve: the assignment ends, charged to nobody; a lead's return sends the whole order
    back to dispatch (its assisting assignments are cancelled). Reject: clocks unchanged."""
    a = _request_assignment(order, req.assignment_id)
    if req.status is not RequestStatus.PENDING:
        raise _illegal(order, "decide_return", f"return request {req.status.value}")
    req.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
    req.decided_at = ctx.now
    req.decided_by = ctx.actor.user_id
    req.decision_note = note
    if not approve:
        _emit(order, EventKind.RETURN_REJECTED, ctx, order.state, a, note=note)
        return
    a.state = AS.RETURNED
    a.ended_at = ctx.now
    a.next_check_at = None
    cancelled = []
    if a.lead:
        for other in order.active_assignments():
            other.state = AS.CANCELLED
            other.ended_at = ctx.now
            other.next_check_at = None
            cancelled.append(other.id)
            _withdraw_requests(order, other, ctx)
        order.current_hop = 0
    _emit(order, EventKind.RETURN_APPROVED, ctx, _derived(order), a,
          note=note, lead=a.lead, cancelled=cancelled)


def _request_assignment(order: WorkOrder, assignment_id: int | None) -> Assignment:
    a = order.assignment(assignment_id) if assignment_id is not None else None
    if a is None:
        raise LookupError(f"assignment {assignment_id} is not part of order {order.ticket_no}")
    return a


def _withdraw_requests(order: WorkOrder, a: Assignment, ctx: Ctx) -> None:
    for x in order.extension_requests:
        if x.assignment_id == a.id and x.status is RequestStatus.PENDING:
            x.status = RequestStatus.WITHDRAWN
            x.decided_at = ctx.now
    for r in order.return_requests:
        if r.assignment_id == a.id and r.status is RequestStatus.PENDING:
            r.status = RequestStatus.WITHDRAWN
            r.decided_at = ctx.now


def request_extension(
    order: WorkOrder, a: Assignment, days: int, reason: str, ctx: Ctx
) -> ExtensionRequest:
    _require(order, "request_extension", OS.AWAITING_SIGN, OS.IN_PROGRESS)
    _require_assignment(order, a, "request_extension", AS.IN_PROGRESS)
    if _pending_request(order, a):
        raise rule(
            "Another request for this assignment is waiting for a decision.",
            "该承办记录已有待审核的申请。",
        )
    _check_extension_cap(a, days, ctx)
    if ctx.now > a.reply_due:
        raise rule(
            "An extension must be asked for before the reply is due; this one is already overdue.",
            "延期须在办理时限届满前申请，该工单已超期。",
        )
    req = ExtensionRequest(
        id=None,
        order_id=order.id,
        assignment_id=a.id,
        requested_at=ctx.now,
        requested_by=ctx.actor.user_id,
        days=days,
        reason=reason,
    )
    order.extension_requests.append(req)
    _emit(order, EventKind.EXTENSION_REQUESTED, ctx, order.state, a, days=days, reason=reason)
    return req


def _check_extension_cap(a: Assignment, days: int, ctx: Ctx) -> None:
    cap = ctx.rules.extension_cap_days
    if a.extension_days + days > cap:
        left = cap - a.extension_days
        raise rule(
            f"Extensions are capped at {cap} working days per assignment; "
            f"{a.extension_days} already granted, at most {left} more.",
            f"每个承办记录累计延期不得超过{cap}个工作日，已延期{a.extension_days}个工作日，"
            f"最多还可申请{left}个工作日。",
        )


def decide_extension(
    order: WorkOrder, req: ExtensionRequest, approve: bool, note: str, ctx: Ctx
) -> None:
    """Approve: the reply due moves by the requested working days from the due in force."""
    a = _request_assignment(order, req.assignment_id)
    if req.status is not RequestStatus.PENDING:
        raise _illegal(order, "decide_extension", f"extension request {req.status.value}")
    if approve:
        _require_assignment(order, a, "decide_extension", AS.IN_PROGRESS)
        _check_extension_cap(a, req.days, ctx)
    req.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
    req.decided_at = ctx.now
    req.decided_by = ctx.actor.user_id
    req.decision_note = note
    if not approve:
        _emit(order, EventKind.EXTENSION_REJECTED, ctx, order.state, a, note=note)
        return
    old_due = a.reply_due
    new_due = ctx.calendar.add_working_days(old_due, req.days)
    a.reply_due = new_due.at
    a.extension_days += req.days
    a.warning_level = levels.display_level(a, ctx.now).value
    levels.refresh(order, a, ctx.calendar)
    req.new_reply_due = new_due.at
    _emit(order, EventKind.EXTENSION_APPROVED, ctx, order.state, a, days=req.days,
          old_reply_due=_iso(old_due), new_reply_due=_iso(new_due.at), note=note,
          calendar_fallback_years=sorted(new_due.fallback_years))


def reply(order: WorkOrder, a: Assignment, text: str, ctx: Ctx) -> Reply:
    _require(order, "reply", OS.IN_PROGRESS, OS.AWAITING_SIGN)
    _require_assignment(order, a, "reply", AS.IN_PROGRESS)
    if _pending_request(order, a) == "return":
        raise rule(
            "A return request for this assignment is waiting for a decision.",
            "该承办记录的退单申请尚待审核。",
        )
    if a.lead:
        waiting = [x for x in order.active_assignments()
                   if not x.lead and x.state in (AS.AWAITING_SIGN, AS.IN_PROGRESS)]
        if waiting:
            raise rule(
                f"The lead department replies last: {len(waiting)} assisting department(s) "
                "have not replied yet.",
                f"主办单位须在协办单位全部回复后回复：尚有 {len(waiting)} 个协办单位未回复。",
            )
    _withdraw_requests(order, a, ctx)
    a.state = AS.REPLIED
    a.replied_at = ctx.now
    a.next_check_at = None
    a.warning_level = "none"
    r = Reply(id=None, order_id=order.id, assignment_id=a.id, at=ctx.now,
              by=ctx.actor.user_id, text=text, assignment=a)
    order.replies.append(r)
    _emit(order, EventKind.REPLIED, ctx, _derived(order), a, text=text,
          on_time=ctx.now <= a.reply_due)
    return r


# --- hotline review, callback and closing ----------------------------------------------------


def accept_reply(order: WorkOrder, policy: TimeLimitPolicy, ctx: Ctx) -> None:
    """The hotline accepts the departments' replies; the callback clock starts."""
    _require(order, "accept_reply", OS.REPLIED)
    last_reply = max(a.replied_at for a in order.active_assignments() if a.replied_at)
    due = ctx.calendar.due(last_reply, policy.callback)
    order.callback_due = due.at
    order.callback_attempts = 0
    order.callback_outcome = None
    _emit(order, EventKind.REPLY_ACCEPTED, ctx, OS.AWAITING_CALLBACK,
          callback_due=_iso(due.at))


def reject_reply(
    order: WorkOrder, assignments: list[Assignment], reason: str, ctx: Ctx
) -> None:
    """Send replies back: the named assignments are in progress again, clocks unchanged."""
    _require(order, "reject_reply", OS.REPLIED, OS.AWAITING_CALLBACK)
    if order.callback_outcome is not None:
        raise _illegal(order, "reject_reply", "called back already")
    for a in assignments:
        _require_assignment(order, a, "reject_reply", AS.REPLIED)
        if a.hop != order.current_hop:
            raise rule(
                f"Assignment {a.id} belongs to an earlier round of this order; only the "
                "current round's replies can be sent back.",
                f"承办记录 {a.id} 属于此前的办理轮次，只能驳回本轮的回复。",
            )
    order.callback_due = None
    for a in assignments:
        a.state = AS.IN_PROGRESS
        a.replied_at = None
        levels.refresh(order, a, ctx.calendar)
        for r in reversed(order.replies):
            if r.assignment_id == a.id and not r.rejected:
                r.rejected = True
                r.rejected_reason = reason
                break
        _emit(order, EventKind.REPLY_REJECTED, ctx, OS.IN_PROGRESS, a, reason=reason)


def _attributed_assignment(order: WorkOrder) -> Assignment | None:
    """The lead of the latest replied hop: callbacks are charged to it (DOMAIN.md s.6)."""
    replied = [a for a in order.assignments if a.state is AS.REPLIED and a.replied_at]
    if not replied:
        return None
    latest_hop = max(a.hop for a in replied)
    leads = [a for a in replied if a.hop == latest_hop and a.lead]
    return leads[0] if leads else max(replied, key=lambda a: a.replied_at or a.dispatched_at)


def record_callback(
    order: WorkOrder, outcome: CallbackOutcome, note: str, ctx: Ctx
) -> CallbackAttempt:
    _require(order, "record_callback", OS.AWAITING_CALLBACK)
    if order.callback_outcome is CallbackOutcome.UNSATISFIED:
        raise _illegal(order, "record_callback", "unsatisfied, waiting for reopen or close")
    attributed = _attributed_assignment(order)
    attempt = CallbackAttempt(
        id=None,
        order_id=order.id,
        assignment_id=attributed.id if attributed else None,
        department_id=attributed.department_id if attributed else None,
        at=ctx.now,
        by=ctx.actor.user_id,
        outcome=outcome,
        note=note,
    )
    order.callbacks.append(attempt)
    order.callback_outcome = outcome
    to_state = OS.AWAITING_CALLBACK
    if outcome is CallbackOutcome.NOT_REACHED:
        order.callback_attempts += 1
        if order.callback_attempts >= ctx.rules.callback_max_attempts:
            to_state = OS.CLOSED
            order.close_kind = CloseKind.NOT_REACHED
    elif outcome in (CallbackOutcome.SATISFIED, CallbackOutcome.BASICALLY_SATISFIED):
        to_state = OS.CLOSED
        order.close_kind = CloseKind.SATISFIED
    elif outcome is CallbackOutcome.DECLINED:
        to_state = OS.CLOSED
        order.close_kind = CloseKind.DECLINED
    if to_state is OS.CLOSED:
        order.closed_at = ctx.now
    _emit(order, EventKind.CALLBACK_RECORDED, ctx, to_state, attributed,
          outcome=outcome.value, attempt=order.callback_attempts,
          max_attempts=ctx.rules.callback_max_attempts, note=note)
    return attempt


def _require_unsatisfied(order: WorkOrder, action: str) -> None:
    _require(order, action, OS.AWAITING_CALLBACK)
    if order.callback_outcome is not CallbackOutcome.UNSATISFIED:
        raise _illegal(order, action, "awaiting callback (not recorded as unsatisfied)")


def reopen(order: WorkOrder, reason: str, ctx: Ctx) -> None:
    """重办 after an unsatisfied callback: back to dispatch for a new hop."""
    _require_unsatisfied(order, "reopen")
    order.reopen_count += 1
    order.current_hop = 0
    order.callback_due = None
    order.callback_outcome = None
    order.callback_attempts = 0
    _emit(order, EventKind.REOPENED, ctx, OS.TO_DISPATCH, reason=reason,
          reopen_count=order.reopen_count)


def close_unsatisfied(order: WorkOrder, reason: str, ctx: Ctx) -> None:
    """Close after an unsatisfied callback, giving the reason it is not reopened."""
    _require_unsatisfied(order, "close")
    order.closed_at = ctx.now
    order.close_kind = CloseKind.UNSATISFIED
    order.close_note = reason
    _emit(order, EventKind.CLOSED, ctx, OS.CLOSED, reason=reason)


def link_duplicate(order: WorkOrder, original: WorkOrder, ctx: Ctx) -> None:
    """Make ``order`` a 重复件 of an earlier open order; it will follow the original's outcome."""
    _require(order, "link_duplicate", OS.REGISTERED, OS.TO_DISPATCH)
    if order.active_assignments():
        raise _illegal(order, "link_duplicate")
    if original.id == order.id:
        raise rule("An order cannot be a duplicate of itself.", "工单不能与自身重复。")
    if original.state not in (OS.REGISTERED, OS.TO_DISPATCH, OS.AWAITING_SIGN, OS.IN_PROGRESS,
                              OS.REPLIED, OS.AWAITING_CALLBACK):
        raise rule(
            f"Order {original.ticket_no} is not open; only an open order can be the original.",
            f"工单 {original.ticket_no} 已不在办理中，只能关联到未办结的原件。",
        )
    if original.registered_at > order.registered_at:
        raise rule(
            f"Order {original.ticket_no} was registered later; link the later order to the "
            "earlier one.",
            f"工单 {original.ticket_no} 登记时间较晚，应将较晚的工单关联到较早的原件。",
        )
    order.duplicate_of_id = original.id
    _emit(order, EventKind.LINKED_DUPLICATE, ctx, OS.DUPLICATE,
          original_id=original.id, original_ticket=original.ticket_no)


def follow_original(order: WorkOrder, original: WorkOrder, ctx: Ctx) -> None:
    """Close a duplicate because its original closed (called in the original's transaction)."""
    _require(order, "close", OS.DUPLICATE)
    order.closed_at = ctx.now
    order.close_kind = CloseKind.DUPLICATE
    _emit(order, EventKind.DUPLICATE_CLOSED, ctx, OS.CLOSED,
          original_ticket=original.ticket_no,
          original_close_kind=original.close_kind.value if original.close_kind else None)


def issue_notice(
    order: WorkOrder,
    a: Assignment,
    kind: NoticeKind,
    text: str,
    ctx: Ctx,
    *,
    automatic: bool = False,
) -> EscalationNotice:
    """A 催办 or 督办 to the department of an open assignment. An event, not a state."""
    _require(order, "issue_notice", OS.AWAITING_SIGN, OS.IN_PROGRESS, OS.REPLIED)
    _require_assignment(order, a, "issue_notice", AS.AWAITING_SIGN, AS.IN_PROGRESS)
    notice = EscalationNotice(
        id=None,
        order_id=order.id,
        assignment_id=a.id,
        kind=kind,
        at=ctx.now,
        by=ctx.actor.user_id,
        automatic=automatic,
        text=text,
        auto_key=f"{a.id}:{kind.value}" if automatic else None,
    )
    order.notices.append(notice)
    _emit(order, EventKind.NOTICE_ISSUED, ctx, order.state, a, notice_kind=kind.value,
          automatic=automatic, text=text)
    return notice
