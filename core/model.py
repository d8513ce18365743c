"""The work-order domain: vocabularies and entities.

Entities are plain mutable dataclasses. They know nothing about the database: the
repositories in ``db/`` load them, and write back what the lifecycle changed. An entity
whose ``id`` is ``None`` has not been stored yet. Every datetime is timezone-aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class OrderState(StrEnum):
    REGISTERED = "registered"  # 已登记
    TO_DISPATCH = "to_dispatch"  # 待派单
    AWAITING_SIGN = "awaiting_sign"  # 待签收
    IN_PROGRESS = "in_progress"  # 办理中
    REPLIED = "replied"  # 已回复（待审核）
    AWAITING_CALLBACK = "awaiting_callback"  # 待回访
    CLOSED = "closed"  # 已办结
    DUPLICATE = "duplicate"  # 重复件：随原件办理


OPEN_STATES = frozenset(OrderState) - {OrderState.CLOSED, OrderState.DUPLICATE}


class CloseKind(StrEnum):
    DIRECT = "direct"  # 直接办结
    SATISFIED = "satisfied"  # 回访满意/基本满意
    UNSATISFIED = "unsatisfied"  # 不满意，说明理由后办结
    NOT_REACHED = "not_reached"  # 未回访（多次未接通）
    DECLINED = "declined"  # 拒绝评价
    DUPLICATE = "duplicate"  # 重复件随原件办结


class AssignmentState(StrEnum):
    AWAITING_SIGN = "awaiting_sign"  # 待签收
    IN_PROGRESS = "in_progress"  # 办理中
    REPLIED = "replied"  # 已回复
    RETURNED = "returned"  # 退单已批准
    CANCELLED = "cancelled"  # 主办退回后协办随之撤销


ACTIVE_ASSIGNMENT_STATES = frozenset(
    {AssignmentState.AWAITING_SIGN, AssignmentState.IN_PROGRESS, AssignmentState.REPLIED}
)


class RequestType(StrEnum):
    CONSULTATION = "consultation"  # 咨询
    HELP = "help"  # 求助
    COMPLAINT = "complaint"  # 投诉
    REPORT = "report"  # 举报
    SUGGESTION = "suggestion"  # 建议
    PRAISE = "praise"  # 表扬
    OTHER = "other"  # 其他


class Urgency(StrEnum):
    NORMAL = "normal"  # 一般
    URGENT = "urgent"  # 紧急
    CRITICAL = "critical"  # 特急


class CallbackOutcome(StrEnum):
    SATISFIED = "satisfied"  # 满意
    BASICALLY_SATISFIED = "basically_satisfied"  # 基本满意
    UNSATISFIED = "unsatisfied"  # 不满意
    NOT_REACHED = "not_reached"  # 未接通
    DECLINED = "declined"  # 拒绝评价


class RequestStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"  # made moot, e.g. an extension request when the reply came first


class NoticeKind(StrEnum):
    YELLOW = "yellow"  # 临期预警 (automatic only)
    RED = "red"  # 超期提醒 (automatic only)
    REMINDER = "reminder"  # 催办
    SUPERVISION = "supervision"  # 督办


class Role(StrEnum):
    OPERATOR = "operator"  # 话务员
    DEPARTMENT_STAFF = "department_staff"  # 承办单位联络员
    SUPERVISOR = "supervisor"  # 班长/督办员
    ADMINISTRATOR = "administrator"  # 系统管理员


class ChannelKind(StrEnum):
    HOTLINE = "hotline"  # 热线来电
    ONLINE = "online"  # 网络留言
    OPINION = "opinion"  # 舆情监测
    LEADER = "leader"  # 领导交办
    LETTER = "letter"  # 来信来访


class EventKind(StrEnum):
    REGISTERED = "registered"
    CLOSED_DIRECTLY = "closed_directly"
    DISPATCHED = "dispatched"
    SIGNED = "signed"
    RETURN_REQUESTED = "return_requested"
    RETURN_APPROVED = "return_approved"
    RETURN_REJECTED = "return_rejected"
    EXTENSION_REQUESTED = "extension_requested"
    EXTENSION_APPROVED = "extension_approved"
    EXTENSION_REJECTED = "extension_rejected"
    REPLIED = "replied"
    REPLY_ACCEPTED = "reply_accepted"
    REPLY_REJECTED = "reply_rejected"
    CALLBACK_RECORDED = "callback_recorded"
    REOPENED = "reopened"
    CLOSED = "closed"
    LINKED_DUPLICATE = "linked_duplicate"
    DUPLICATE_CLOSED = "duplicate_closed"
    NOTICE_ISSUED = "notice_issued"
    EXTERNAL_UPDATE = "external_update"  # the source (an Open311 feed) changed the message
    REVISED = "revised"  # 修改/补充: category, type, urgency, title ... before dispatch
    OPINION_ASSESSED = "opinion_assessed"  # 舆情研判: risk level, department, clocks
    OPINION_RESPONDED = "opinion_responded"  # 舆情回应 recorded (information, conference ...)
    OPINION_WARNING = "opinion_warning"  # a 舆情 clock is due soon (yellow) or overdue (red)


class OpinionRisk(StrEnum):
    """The risk level set at assessment (研判) of a public-opinion item (DOMAIN.md s.5)."""

    VERY_SERIOUS = "very_serious"  # 特别重大
    SERIOUS = "serious"  # 重大
    MAJOR = "major"  # 较大
    GENERAL = "general"  # 一般


class OpinionClock(StrEnum):
    """The three clocks of a public-opinion item, in natural hours."""

    INFO = "info"  # 发布权威信息 (particularly serious / serious: 5 h)
    CONFERENCE = "conference"  # 召开新闻发布会 (particularly serious / serious: 24 h)
    RESPONSE = "response"  # 回应 (any other item: 48 h)


@dataclass
class Assignment:
    """One department's hop on an order (承办记录): lead (主办) or assisting (协办)."""

    id: int | None
    order_id: int | None
    department_id: int
    lead: bool
    hop: int
    state: AssignmentState
    dispatched_at: datetime
    dispatched_by: int | None
    sign_due: datetime
    reply_due: datetime
    return_until: datetime
    signed_at: datetime | None = None
    signed_by: int | None = None
    replied_at: datetime | None = None
    ended_at: datetime | None = None
    extension_days: int = 0
    warning_level: str = "none"
    next_check_at: datetime | None = None  # when the deadline sweep must look again
    version: int = 1

    @property
    def active(self) -> bool:
        return self.state in ACTIVE_ASSIGNMENT_STATES


@dataclass
class Reply:
    id: int | None
    order_id: int | None
    assignment_id: int | None
    at: datetime
    by: int | None
    text: str
    rejected: bool = False
    rejected_reason: str | None = None
    assignment: Assignment | None = field(default=None, repr=False, compare=False)


@dataclass
class ReturnRequest:
    id: int | None
    order_id: int | None
    assignment_id: int | None
    requested_at: datetime
    requested_by: int | None
    reason: str
    status: RequestStatus = RequestStatus.PENDING
    decided_at: datetime | None = None
    decided_by: int | None = None
    decision_note: str | None = None


@dataclass
class ExtensionRequest:
    id: int | None
    order_id: int | None
    assignment_id: int | None
    requested_at: datetime
    requested_by: int | None
    days: int
    reason: str
    status: RequestStatus = RequestStatus.PENDING
    decided_at: datetime | None = None
    decided_by: int | None = None
    decision_note: str | None = None
    new_reply_due: datetime | None = None


@dataclass
class CallbackAttempt:
    id: int | None
    order_id: int | None
    assignment_id: int | None
    department_id: int | None
    at: datetime
    by: int | None
    outcome: CallbackOutcome
    note: str = ""


@dataclass
class EscalationNotice:
    """A 催办 or 督办. ``auto_key`` is set for automatic notices and is unique in the store,
    so that each level is issued once per assignment however many sweeps run."""

    id: int | None
    order_id: int | None
    assignment_id: int | None
    kind: NoticeKind
    at: datetime
    by: int | None
    automatic: bool
    text: str
    auto_key: str | None = None


@dataclass
class Event:
    """An append-only timeline entry. ``from_state``/``to_state`` are order states."""

    id: int | None
    order_id: int | None
    assignment_id: int | None
    at: datetime
    actor_id: int | None
    kind: EventKind
    from_state: OrderState | None
    to_state: OrderState
    payload: dict[str, Any] = field(default_factory=dict)
    assignment: Assignment | None = field(default=None, repr=False, compare=False)


@dataclass
class WorkOrder:
    """The aggregate: an order with its assignments, requests, replies and callbacks.

    ``new_events`` holds the events the lifecycle appended since loading; the repository
    stores them in the same transaction as the rest and then clears the list.
    """

    id: int | None
    ticket_no: str
    channel_id: int
    contact_id: int | None
    caller_name: str
    caller_phone: str
    anonymous: bool
    address: str
    category_id: int | None
    request_type: RequestType
    urgency: Urgency
    title: str
    content: str
    state: OrderState
    registered_at: datetime
    registered_by: int | None
    external_ref: str | None = None
    closed_at: datetime | None = None
    close_kind: CloseKind | None = None
    close_note: str | None = None
    direct_answer: str | None = None
    duplicate_of_id: int | None = None
    callback_due: datetime | None = None
    callback_attempts: int = 0
    callback_outcome: CallbackOutcome | None = None
    reopen_count: int = 0
    current_hop: int = 0  # the dispatch round now with departments; 0 while none is
    updated_at: datetime | None = None
    version: int = 1
    assignments: list[Assignment] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)
    return_requests: list[ReturnRequest] = field(default_factory=list)
    extension_requests: list[ExtensionRequest] = field(default_factory=list)
    callbacks: list[CallbackAttempt] = field(default_factory=list)
    notices: list[EscalationNotice] = field(default_factory=list)
    new_events: list[Event] = field(default_factory=list)

    def active_assignments(self) -> list[Assignment]:
        """The current round's assignments that have not ended (earlier rounds are history,
        even where they replied: a reopen or an approved lead return closes a round)."""
        return [a for a in self.assignments if a.active and a.hop == self.current_hop]

    def lead_assignment(self) -> Assignment | None:
        for a in self.active_assignments():
            if a.lead:
                return a
        return None

    def assignment(self, assignment_id: int) -> Assignment | None:
        for a in self.assignments:
            if a.id == assignment_id:
                return a
        return None


@dataclass(frozen=True)
class Department:
    id: int
    code: str
    name: str
    parent_id: int | None
    active: bool = True


@dataclass(frozen=True)
class Category:
    id: int
    code: str
    name: str
    parent_id: int | None
    level: int
    default_department_id: int | None
    active: bool = True

    @property
    def is_leaf(self) -> bool:
        return self.level == 3


@dataclass(frozen=True)
class Channel:
    id: int
    code: str
    name: str
    kind: ChannelKind
    active: bool = True


@dataclass(frozen=True)
class Actor:
    """Who acts. ``user_id`` is ``None`` for the system (scheduler jobs)."""

    user_id: int | None
    username: str
    roles: frozenset[Role]
    department_ids: frozenset[int] = frozenset()

    def has(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_system(self) -> bool:
        return self.user_id is None


SYSTEM = Actor(None, "system", frozenset(Role))
