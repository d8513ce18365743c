"""The work-order use cases: one function per user action, one unit of work each.

Every function has the shape ``(uow, actor, clock, ...arguments) -> OrderSummary``: it checks
the actor's role (and department), validates the input, applies the lifecycle step, stores
the order with its events and commits. On any error it raises a typed ``DeskError`` and the
unit of work rolls back, so nothing is changed. The returned records are immutable and hold
no database objects; they are safe to hand to another thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from core import labels, lifecycle
from core.calendar import SHANGHAI
from core.clock import Clock
from core.errors import (
    IllegalTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
    WrongDepartment,
    invalid,
)
from core.lifecycle import Ctx
from core.model import (
    Actor,
    Assignment,
    AssignmentState,
    CallbackOutcome,
    ChannelKind,
    Event,
    EventKind,
    NoticeKind,
    OrderState,
    RequestStatus,
    RequestType,
    Role,
    Urgency,
    WorkOrder,
)
from core.permissions import permit as _permit
from core.ports import UnitOfWork
from core.validation import (
    MAX_ADDRESS,
    MAX_CONTENT,
    MAX_EXTERNAL_REF,
    MAX_NAME,
    MAX_REASON,
    MAX_TITLE,
    future_instant,
    normalise_phone,
    positive_days,
    text_field,
    title_from_content,
)

OPERATIONAL = (Role.OPERATOR, Role.SUPERVISOR)
T = TypeVar("T")


@dataclass(frozen=True)
class AssignmentSummary:
    id: int
    department_id: int
    lead: bool
    hop: int
    state: AssignmentState
    sign_due: datetime
    reply_due: datetime
    extension_days: int


@dataclass(frozen=True)
class OrderSummary:
    """What a screen or the command line needs after an action."""

    id: int
    ticket_no: str
    state: OrderState
    version: int
    assignments: tuple[AssignmentSummary, ...]
    pending_returns: tuple[int, ...]
    pending_extensions: tuple[int, ...]
    callback_due: datetime | None

    def lead(self) -> AssignmentSummary | None:
        active = [a for a in self.assignments if a.lead and a.state in
                  (AssignmentState.AWAITING_SIGN, AssignmentState.IN_PROGRESS,
                   AssignmentState.REPLIED)]
        return active[-1] if active else None


def summarize(order: WorkOrder) -> OrderSummary:
    assert order.id is not None
    return OrderSummary(
        id=order.id,
        ticket_no=order.ticket_no,
        state=order.state,
        version=order.version,
        assignments=tuple(
            AssignmentSummary(a.id or 0, a.department_id, a.lead, a.hop, a.state, a.sign_due,
                              a.reply_due, a.extension_days)
            for a in order.assignments
        ),
        pending_returns=tuple(r.id or 0 for r in order.return_requests
                              if r.status is RequestStatus.PENDING),
        pending_extensions=tuple(x.id or 0 for x in order.extension_requests
                                 if x.status is RequestStatus.PENDING),
        callback_due=order.callback_due,
    )


@dataclass(frozen=True)
class Registration:
    """What an operator types for one call or message."""

    channel_id: int
    content: str
    request_type: RequestType = RequestType.CONSULTATION
    urgency: Urgency = Urgency.NORMAL
    caller_phone: str = ""
    caller_name: str = ""
    anonymous: bool = False
    address: str = ""
    category_id: int | None = None
    title: str = ""
    external_ref: str | None = None


# --- plumbing -------------------------------------------------------------------------------


def _own_department(actor: Actor, a: Assignment) -> None:
    if a.department_id not in actor.department_ids:
        raise WrongDepartment(user=actor.username, assignment=a.id)


def _ctx(uow: UnitOfWork, actor: Actor, clock: Clock) -> Ctx:
    return Ctx(actor, clock.now(), uow.reference.calendar(), uow.reference.rules())


def _reason(text: str | None, en: str = "reason", zh: str = "理由") -> str:
    return text_field(text, en, zh, max_len=MAX_REASON)


def _note(text: str | None) -> str:
    return text_field(text, "note", "说明", max_len=MAX_REASON, required=False)


def _store(uow: UnitOfWork, order: WorkOrder) -> OrderSummary:
    uow.orders.save(order)
    uow.commit()
    return summarize(order)


def _on_assignment(
    uow: UnitOfWork,
    actor: Actor,
    clock: Clock,
    assignment_id: int,
    action: str,
    step: Callable[[WorkOrder, Assignment, Ctx], object],
) -> OrderSummary:
    """Shared shape of the department's own actions on one assignment."""
    _permit(actor, action, Role.DEPARTMENT_STAFF)
    with uow:
        order = uow.orders.get_by_assignment(assignment_id)
        a = order.assignment(assignment_id)
        assert a is not None
        _own_department(actor, a)
        step(order, a, _ctx(uow, actor, clock))
        return _store(uow, order)


def _close_followers(uow: UnitOfWork, order: WorkOrder, ctx: Ctx) -> None:
    """A closed original takes its duplicates with it, in the same transaction."""
    if order.state is not OrderState.CLOSED or order.id is None:
        return
    for dup in uow.orders.duplicates_of(order.id):
        if dup.state is OrderState.DUPLICATE:
            lifecycle.follow_original(dup, order, ctx)
            uow.orders.save(dup)
            _close_followers(uow, dup, ctx)  # its own duplicates, linked before it was one


# --- intake -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Checked:
    """A registration's fields after validation and normalisation."""

    content: str
    title: str
    phone: str
    name: str
    address: str
    external_ref: str | None


def _validate_registration(uow: UnitOfWork, reg: Registration) -> _Checked:
    channel = uow.reference.channel(reg.channel_id)
    if channel is None or not channel.active:
        raise NotFound(what_en="Channel", what_zh="来源渠道", key=reg.channel_id)
    content = text_field(reg.content, "content", "诉求内容", max_len=MAX_CONTENT)
    title = text_field(reg.title, "title", "标题", max_len=MAX_TITLE, required=False,
                       multiline=False)
    phone = normalise_phone(reg.caller_phone)
    name = text_field(reg.caller_name, "caller name", "来电人姓名", max_len=MAX_NAME,
                      required=False, multiline=False)
    address = text_field(reg.address, "address", "地址", max_len=MAX_ADDRESS, required=False,
                         multiline=False)
    if not isinstance(reg.request_type, RequestType):
        raise invalid("request type", "诉求类型", "unknown request type", "诉求类型无效")
    if not isinstance(reg.urgency, Urgency):
        raise invalid("urgency", "紧急程度", "unknown urgency", "紧急程度无效")
    if reg.anonymous and reg.request_type is not RequestType.REPORT:
        raise invalid("anonymous", "匿名", "only a report (举报) may be anonymous",
                      "只有举报类诉求可以匿名")
    if channel.kind is ChannelKind.HOTLINE and not reg.anonymous and not phone:
        raise invalid("caller phone", "来电号码", "is required for a hotline call",
                      "热线来电必须登记来电号码")
    if reg.category_id is not None:
        _leaf_category(uow, reg.category_id)
    external = None
    if reg.external_ref is not None:
        external = text_field(reg.external_ref, "external reference", "外部编号",
                              max_len=MAX_EXTERNAL_REF, multiline=False)
    return _Checked(content=content, title=title or title_from_content(content), phone=phone,
                    name="" if reg.anonymous else name, address=address,
                    external_ref=external or None)


def _leaf_category(uow: UnitOfWork, category_id: int) -> None:
    cat = uow.reference.category(category_id)
    if cat is None or not cat.active:
        raise NotFound(what_en="Category", what_zh="事项分类", key=category_id)
    if not cat.is_leaf:
        raise invalid("category", "事项分类", f"'{cat.name}' is not a leaf of the tree",
                      f"“{cat.name}”不是末级分类，请选择第三级事项")


def register(uow: UnitOfWork, actor: Actor, clock: Clock, reg: Registration) -> OrderSummary:
    """Register a call or message as a new work order (state ``registered``)."""
    _permit(actor, "register", *OPERATIONAL)
    with uow:
        order = build_order(uow, actor, clock, reg)
        uow.orders.add(order)
        uow.commit()
        return summarize(order)


def build_order(uow: UnitOfWork, actor: Actor, clock: Clock, reg: Registration) -> WorkOrder:
    """The validated new order with its registration event, not yet added to ``uow.orders``
    (inside an entered unit of work; for services that store more with it, e.g. 舆情)."""
    v = _validate_registration(uow, reg)
    now = clock.now()
    contact_id = None
    if v.phone:
        contact_id = uow.reference.contact_id_for(v.phone, v.name, now)
    order = WorkOrder(
        id=None,
        ticket_no=uow.orders.next_ticket_no(now.astimezone(SHANGHAI).date()),
        channel_id=reg.channel_id,
        contact_id=contact_id,
        caller_name=v.name,
        caller_phone=v.phone,
        anonymous=reg.anonymous,
        address=v.address,
        category_id=reg.category_id,
        request_type=reg.request_type,
        urgency=reg.urgency,
        title=v.title,
        content=v.content,
        state=OrderState.REGISTERED,
        registered_at=now,
        registered_by=actor.user_id,
        external_ref=v.external_ref,
    )
    lifecycle.record_registration(order, _ctx(uow, actor, clock))
    return order


def close_directly(
    uow: UnitOfWork, actor: Actor, clock: Clock, order_id: int, answer: str
) -> OrderSummary:
    """直接办结: the operator answered at once (from the knowledge base)."""
    _permit(actor, "close_directly", *OPERATIONAL)
    text = text_field(answer, "answer", "答复内容", max_len=MAX_CONTENT)
    with uow:
        order = uow.orders.get(order_id)
        if order.category_id is None:
            raise invalid("category", "事项分类", "choose a category before closing",
                          "办结前请选择事项分类")
        ctx = _ctx(uow, actor, clock)
        lifecycle.close_directly(order, text, ctx)
        _close_followers(uow, order, ctx)
        return _store(uow, order)


def dispatch(
    uow: UnitOfWork,
    actor: Actor,
    clock: Clock,
    order_id: int,
    lead_department_id: int,
    assisting_department_ids: Sequence[int] = (),
    *,
    reply_due: datetime | None = None,
    note: str = "",
) -> OrderSummary:
    """派单 to one lead and any assisting departments, with the policy's clocks.

    ``reply_due`` overrides the policy's reply due (it must lie in the future).
    """
    _permit(actor, "dispatch", *OPERATIONAL)
    note = _note(note)
    with uow:
        order = uow.orders.get(order_id)
        for dept_id in [lead_department_id, *assisting_department_ids]:
            dept = uow.reference.department(dept_id)
            if dept is None or not dept.active:
                raise NotFound(what_en="Department", what_zh="承办单位", key=dept_id)
        if order.category_id is None:
            raise invalid("category", "事项分类", "choose a category before dispatching",
                          "派单前请选择事项分类")
        ctx = _ctx(uow, actor, clock)
        if reply_due is not None:
            future_instant(reply_due, ctx.now, "reply due", "办理时限")
        policy = uow.reference.policy(order.request_type, order.urgency)
        lifecycle.dispatch(order, lead_department_id, assisting_department_ids, policy, ctx,
                           reply_due=reply_due, note=note)
        return _store(uow, order)


def link_duplicate(
    uow: UnitOfWork, actor: Actor, clock: Clock, order_id: int, original_id: int
) -> OrderSummary:
    _permit(actor, "link_duplicate", *OPERATIONAL)
    with uow:
        order = uow.orders.get(order_id)
        original = uow.orders.get(original_id)
        lifecycle.link_duplicate(order, original, _ctx(uow, actor, clock))
        return _store(uow, order)


def revise(
    uow: UnitOfWork,
    actor: Actor,
    clock: Clock,
    order_id: int,
    *,
    category_id: int | None = None,
    request_type: RequestType | None = None,
    urgency: Urgency | None = None,
    title: str | None = None,
    address: str | None = None,
    caller_name: str | None = None,
) -> OrderSummary:
    """修改/补充 an order that is not yet with a department (registered or to dispatch).

    Only the fields given (not ``None``) are looked at, validated as at registration; those
    that differ are changed and recorded old → new in one ``revised`` event (with the
    category paths, for the timeline). Refused when nothing would change.
    """
    if not actor.has(*OPERATIONAL):
        raise PermissionDenied(user=actor.username, action_en="revise work orders",
                               action_zh="修改工单")
    with uow:
        order = uow.orders.get(order_id)
        if order.state not in (OrderState.REGISTERED, OrderState.TO_DISPATCH):
            state_zh, state_en = labels.label(order.state)
            raise IllegalTransition(ticket=order.ticket_no, state_en=state_en,
                                    state_zh=state_zh, action_en="revised", action_zh="修改")
        changes = _revisions(uow, order, category_id, request_type, urgency, title, address,
                             caller_name)
        if not changes:
            raise invalid("changes", "修改内容", "nothing was changed", "没有任何修改")
        now = clock.now()
        order.new_events.append(Event(
            id=None, order_id=order.id, assignment_id=None, at=now, actor_id=actor.user_id,
            kind=EventKind.REVISED, from_state=order.state, to_state=order.state,
            payload={"changes": changes}))
        order.updated_at = now
        return _store(uow, order)


def _revisions(
    uow: UnitOfWork, order: WorkOrder, category_id: int | None,
    request_type: RequestType | None, urgency: Urgency | None, title: str | None,
    address: str | None, caller_name: str | None,
) -> dict[str, dict[str, object]]:
    """Apply the differing fields to ``order``; what changed, as {field: {old, new}}."""
    changes: dict[str, dict[str, object]] = {}

    def change(name: str, old: object, new: object, **extra: object) -> None:
        if old != new:
            changes[name] = {"old": old, "new": new, **extra}
            setattr(order, name, new)

    if category_id is not None and category_id != order.category_id:
        _leaf_category(uow, category_id)
        change("category_id", order.category_id, category_id,
               old_name=_category_path(uow, order.category_id),
               new_name=_category_path(uow, category_id))
    new_type = order.request_type
    if request_type is not None:
        if not isinstance(request_type, RequestType):
            raise invalid("request type", "诉求类型", "unknown request type", "诉求类型无效")
        new_type = request_type
    if order.anonymous and new_type is not RequestType.REPORT:
        raise invalid("request type", "诉求类型", "only a report (举报) may be anonymous",
                      "匿名登记的诉求只能是举报")
    if new_type is not order.request_type:
        changes["request_type"] = {"old": order.request_type.value, "new": new_type.value}
        order.request_type = new_type
    if urgency is not None:
        if not isinstance(urgency, Urgency):
            raise invalid("urgency", "紧急程度", "unknown urgency", "紧急程度无效")
        if urgency is not order.urgency:
            changes["urgency"] = {"old": order.urgency.value, "new": urgency.value}
            order.urgency = urgency
    if title is not None:
        change("title", order.title, text_field(title, "title", "标题", max_len=MAX_TITLE,
                                                multiline=False))
    if address is not None:
        change("address", order.address, text_field(address, "address", "地址",
                                                    max_len=MAX_ADDRESS, required=False,
                                                    multiline=False))
    if caller_name is not None:
        name = text_field(caller_name, "caller name", "来电人姓名", max_len=MAX_NAME,
                          required=False, multiline=False)
        if order.anonymous and name:
            raise invalid("caller name", "来电人姓名", "an anonymous report keeps no name",
                          "匿名举报不登记姓名")
        change("caller_name", order.caller_name, name)
    return changes


def _category_path(uow: UnitOfWork, category_id: int | None) -> str:
    parts: list[str] = []
    while category_id is not None and len(parts) < 5:
        cat = uow.reference.category(category_id)
        if cat is None:
            break
        parts.append(cat.name)
        category_id = cat.parent_id
    return " / ".join(reversed(parts))


# --- department --------------------------------------------------------------------------


def sign_for(uow: UnitOfWork, actor: Actor, clock: Clock, assignment_id: int) -> OrderSummary:
    return _on_assignment(uow, actor, clock, assignment_id, "sign_for", lifecycle.sign_for)


def reply(
    uow: UnitOfWork, actor: Actor, clock: Clock, assignment_id: int, text: str
) -> OrderSummary:
    _permit(actor, "reply", Role.DEPARTMENT_STAFF)
    body = text_field(text, "reply", "回复内容", max_len=MAX_CONTENT)
    return _on_assignment(uow, actor, clock, assignment_id, "reply",
                          lambda o, a, c: lifecycle.reply(o, a, body, c))


def request_return(
    uow: UnitOfWork, actor: Actor, clock: Clock, assignment_id: int, reason: str
) -> OrderSummary:
    _permit(actor, "request_return", Role.DEPARTMENT_STAFF)
    why = _reason(reason, "return reason", "退单理由")
    return _on_assignment(uow, actor, clock, assignment_id, "request_return",
                          lambda o, a, c: lifecycle.request_return(o, a, why, c))


def request_extension(
    uow: UnitOfWork, actor: Actor, clock: Clock, assignment_id: int, days: int, reason: str
) -> OrderSummary:
    _permit(actor, "request_extension", Role.DEPARTMENT_STAFF)
    why = _reason(reason, "extension reason", "延期理由")
    positive_days(days, "extension", "延期天数", 366)
    return _on_assignment(uow, actor, clock, assignment_id, "request_extension",
                          lambda o, a, c: lifecycle.request_extension(o, a, days, why, c))


# --- supervisor ----------------------------------------------------------------------------


def decide_return(
    uow: UnitOfWork, actor: Actor, clock: Clock, request_id: int, approve: bool, note: str = ""
) -> OrderSummary:
    _permit(actor, "decide_return", Role.SUPERVISOR)
    text = _note(note) if approve else _reason(note, "reason for rejecting", "驳回理由")
    with uow:
        order = uow.orders.get_by_return_request(request_id)
        req = next(r for r in order.return_requests if r.id == request_id)
        lifecycle.decide_return(order, req, approve, text, _ctx(uow, actor, clock))
        return _store(uow, order)


def decide_extension(
    uow: UnitOfWork, actor: Actor, clock: Clock, request_id: int, approve: bool, note: str = ""
) -> OrderSummary:
    _permit(actor, "decide_extension", Role.SUPERVISOR)
    text = _note(note) if approve else _reason(note, "reason for rejecting", "驳回理由")
    with uow:
        order = uow.orders.get_by_extension_request(request_id)
        req = next(x for x in order.extension_requests if x.id == request_id)
        lifecycle.decide_extension(order, req, approve, text, _ctx(uow, actor, clock))
        return _store(uow, order)


def issue_notice(
    uow: UnitOfWork,
    actor: Actor,
    clock: Clock,
    assignment_id: int,
    kind: NoticeKind,
    text: str,
) -> OrderSummary:
    """A supervisor's 催办 or 督办 to the department of an open assignment."""
    _permit(actor, "issue_notice", Role.SUPERVISOR)
    if kind not in (NoticeKind.REMINDER, NoticeKind.SUPERVISION):
        raise invalid("notice kind", "催督办类型", "choose a reminder (催办) or a supervision "
                      "notice (督办)", "请选择催办或督办")
    body = text_field(text, "notice text", "催督办内容", max_len=MAX_REASON)
    with uow:
        order = uow.orders.get_by_assignment(assignment_id)
        a = order.assignment(assignment_id)
        assert a is not None
        lifecycle.issue_notice(order, a, kind, body, _ctx(uow, actor, clock))
        return _store(uow, order)


def reopen(
    uow: UnitOfWork, actor: Actor, clock: Clock, order_id: int, reason: str
) -> OrderSummary:
    _permit(actor, "reopen", Role.SUPERVISOR)
    why = _reason(reason, "reopen reason", "重办理由")
    with uow:
        order = uow.orders.get(order_id)
        lifecycle.reopen(order, why, _ctx(uow, actor, clock))
        return _store(uow, order)


def close(uow: UnitOfWork, actor: Actor, clock: Clock, order_id: int, reason: str) -> OrderSummary:
    """Close an order whose callback was unsatisfied, giving the reason it is not reopened."""
    _permit(actor, "close", Role.SUPERVISOR)
    why = _reason(reason, "closing reason", "办结理由")
    with uow:
        order = uow.orders.get(order_id)
        ctx = _ctx(uow, actor, clock)
        lifecycle.close_unsatisfied(order, why, ctx)
        _close_followers(uow, order, ctx)
        return _store(uow, order)


# --- hotline review and callback ----------------------------------------------------------


def accept_reply(uow: UnitOfWork, actor: Actor, clock: Clock, order_id: int) -> OrderSummary:
    _permit(actor, "accept_reply", *OPERATIONAL)
    with uow:
        order = uow.orders.get(order_id)
        policy = uow.reference.policy(order.request_type, order.urgency)
        lifecycle.accept_reply(order, policy, _ctx(uow, actor, clock))
        return _store(uow, order)


def reject_reply(
    uow: UnitOfWork,
    actor: Actor,
    clock: Clock,
    order_id: int,
    reason: str,
    assignment_ids: Sequence[int] | None = None,
) -> OrderSummary:
    """Send replies back to the departments (default: every replied active assignment)."""
    _permit(actor, "reject_reply", *OPERATIONAL)
    why = _reason(reason, "reason for rejecting", "驳回理由")
    with uow:
        order = uow.orders.get(order_id)
        if assignment_ids is None:
            chosen = [a for a in order.active_assignments()
                      if a.state is AssignmentState.REPLIED]
        else:
            chosen = []
            for aid in assignment_ids:
                a = order.assignment(aid)
                if a is None:
                    raise NotFound(what_en="Assignment", what_zh="承办记录", key=aid)
                chosen.append(a)
        if not chosen:
            raise ValidationError(field="assignments", field_en="assignments",
                                  field_zh="承办记录", problem_en="no reply to reject",
                                  problem_zh="没有可驳回的回复")
        lifecycle.reject_reply(order, chosen, why, _ctx(uow, actor, clock))
        return _store(uow, order)


def record_callback(
    uow: UnitOfWork,
    actor: Actor,
    clock: Clock,
    order_id: int,
    outcome: CallbackOutcome,
    note: str = "",
) -> OrderSummary:
    """回访: record one callback attempt and its outcome."""
    _permit(actor, "record_callback", *OPERATIONAL)
    if not isinstance(outcome, CallbackOutcome):
        raise invalid("callback outcome", "回访结果", "unknown outcome", "回访结果无效")
    text = _note(note)
    with uow:
        order = uow.orders.get(order_id)
        ctx = _ctx(uow, actor, clock)
        lifecycle.record_callback(order, outcome, text, ctx)
        _close_followers(uow, order, ctx)
        return _store(uow, order)


# --- reading ------------------------------------------------------------------------------


def get_order(uow: UnitOfWork, actor: Actor, order_id: int) -> OrderSummary:
    with uow:
        order = uow.orders.get(order_id)
        if actor.roles == frozenset({Role.DEPARTMENT_STAFF}) and not any(
            a.department_id in actor.department_ids for a in order.assignments
        ):
            raise NotFound(what_en="Work order", what_zh="工单", key=order_id)
        return summarize(order)


def count_orders(uow: UnitOfWork) -> int:
    with uow:
        return uow.orders.count()


def find_by_ticket(uow: UnitOfWork, ticket_no: str) -> int:
    with uow:
        return uow.orders.get_by_ticket(ticket_no).id or 0
