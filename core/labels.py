"""Chinese and English names of the domain's vocabularies, for messages and the command line.

The desk translates its own strings through Qt; these tables serve code that runs without Qt
(error messages, the command line, exports) and are the single source of the Chinese terms.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from core.model import (
    AssignmentState,
    CallbackOutcome,
    ChannelKind,
    CloseKind,
    EventKind,
    NoticeKind,
    OpinionClock,
    OpinionRisk,
    OrderState,
    RequestType,
    Role,
    Urgency,
)

_TABLE: list[tuple[StrEnum, tuple[str, str]]] = [
    (OrderState.REGISTERED, ("已登记", "registered")),
    (OrderState.TO_DISPATCH, ("待派单", "to dispatch")),
    (OrderState.AWAITING_SIGN, ("待签收", "awaiting sign-for")),
    (OrderState.IN_PROGRESS, ("办理中", "in progress")),
    (OrderState.REPLIED, ("已回复待审核", "replied")),
    (OrderState.AWAITING_CALLBACK, ("待回访", "awaiting callback")),
    (OrderState.CLOSED, ("已办结", "closed")),
    (OrderState.DUPLICATE, ("重复件", "duplicate")),
    (AssignmentState.AWAITING_SIGN, ("待签收", "awaiting sign-for")),
    (AssignmentState.IN_PROGRESS, ("办理中", "in progress")),
    (AssignmentState.REPLIED, ("已回复", "replied")),
    (AssignmentState.RETURNED, ("已退回", "returned")),
    (AssignmentState.CANCELLED, ("已撤销", "cancelled")),
    (CloseKind.DIRECT, ("直接办结", "closed directly")),
    (CloseKind.SATISFIED, ("回访满意办结", "closed satisfied")),
    (CloseKind.UNSATISFIED, ("不满意办结", "closed unsatisfied")),
    (CloseKind.NOT_REACHED, ("未回访", "callback not reached")),
    (CloseKind.DECLINED, ("拒绝评价", "evaluation declined")),
    (CloseKind.DUPLICATE, ("重复件随原件办结", "closed with its original")),
    (RequestType.CONSULTATION, ("咨询", "consultation")),
    (RequestType.HELP, ("求助", "request for help")),
    (RequestType.COMPLAINT, ("投诉", "complaint")),
    (RequestType.REPORT, ("举报", "report")),
    (RequestType.SUGGESTION, ("建议", "suggestion")),
    (RequestType.PRAISE, ("表扬", "praise")),
    (RequestType.OTHER, ("其他", "other")),
    (Urgency.NORMAL, ("一般", "normal")),
    (Urgency.URGENT, ("紧急", "urgent")),
    (Urgency.CRITICAL, ("特急", "critical")),
    (CallbackOutcome.SATISFIED, ("满意", "satisfied")),
    (CallbackOutcome.BASICALLY_SATISFIED, ("基本满意", "basically satisfied")),
    (CallbackOutcome.UNSATISFIED, ("不满意", "unsatisfied")),
    (CallbackOutcome.NOT_REACHED, ("未接通", "not reached")),
    (CallbackOutcome.DECLINED, ("拒绝评价", "declined")),
    (NoticeKind.YELLOW, ("临期预警", "due-soon warning")),
    (NoticeKind.RED, ("超期提醒", "overdue warning")),
    (NoticeKind.REMINDER, ("催办", "reminder")),
    (NoticeKind.SUPERVISION, ("督办", "supervision notice")),
    (Role.OPERATOR, ("话务员", "operator")),
    (Role.DEPARTMENT_STAFF, ("承办单位联络员", "department staff")),
    (Role.SUPERVISOR, ("班长/督办员", "supervisor")),
    (Role.ADMINISTRATOR, ("系统管理员", "administrator")),
    (ChannelKind.HOTLINE, ("热线来电", "hotline call")),
    (ChannelKind.ONLINE, ("网络留言", "online message")),
    (ChannelKind.OPINION, ("舆情监测", "public-opinion monitoring")),
    (ChannelKind.LEADER, ("领导交办", "leader's instruction")),
    (ChannelKind.LETTER, ("来信来访", "letter or visit")),
    (EventKind.REGISTERED, ("登记", "registered")),
    (EventKind.CLOSED_DIRECTLY, ("直接办结", "closed directly")),
    (EventKind.DISPATCHED, ("派单", "dispatched")),
    (EventKind.SIGNED, ("签收", "signed for")),
    (EventKind.RETURN_REQUESTED, ("申请退单", "return requested")),
    (EventKind.RETURN_APPROVED, ("退单通过", "return approved")),
    (EventKind.RETURN_REJECTED, ("退单驳回", "return rejected")),
    (EventKind.EXTENSION_REQUESTED, ("申请延期", "extension requested")),
    (EventKind.EXTENSION_APPROVED, ("延期通过", "extension approved")),
    (EventKind.EXTENSION_REJECTED, ("延期驳回", "extension rejected")),
    (EventKind.REPLIED, ("回复", "replied")),
    (EventKind.REPLY_ACCEPTED, ("回复审核通过", "reply accepted")),
    (EventKind.REPLY_REJECTED, ("回复驳回", "reply rejected")),
    (EventKind.CALLBACK_RECORDED, ("回访", "callback recorded")),
    (EventKind.REOPENED, ("重办", "reopened")),
    (EventKind.CLOSED, ("办结", "closed")),
    (EventKind.LINKED_DUPLICATE, ("关联为重复件", "linked as duplicate")),
    (EventKind.DUPLICATE_CLOSED, ("重复件随原件办结", "closed with its original")),
    (EventKind.NOTICE_ISSUED, ("催办/督办", "notice issued")),
    (EventKind.EXTERNAL_UPDATE, ("来源更新", "updated at the source")),
    (EventKind.REVISED, ("修改补充", "revised")),
    (EventKind.OPINION_ASSESSED, ("舆情研判", "public opinion assessed")),
    (EventKind.OPINION_RESPONDED, ("舆情回应", "public opinion response")),
    (EventKind.OPINION_WARNING, ("舆情预警", "public opinion warning")),
    (OpinionRisk.VERY_SERIOUS, ("特别重大", "particularly serious")),
    (OpinionRisk.SERIOUS, ("重大", "serious")),
    (OpinionRisk.MAJOR, ("较大", "major")),
    (OpinionRisk.GENERAL, ("一般", "general")),
    (OpinionClock.INFO, ("发布权威信息", "authoritative information")),
    (OpinionClock.CONFERENCE, ("召开新闻发布会", "press conference")),
    (OpinionClock.RESPONSE, ("回应", "response")),
]


# StrEnum members of different vocabularies that share a value compare (and hash) equal, e.g.
# OrderState.CLOSED == EventKind.CLOSED == "closed"; the table is keyed by (type, value).
LABELS: dict[tuple[type, str], tuple[str, str]] = {}


for _member, _names in _TABLE:
    LABELS[(type(_member), _member.value)] = _names


def label(value: StrEnum) -> tuple[str, str]:
    """(Chinese, English) for a member of one of the domain's vocabularies."""
    return LABELS[(type(value), value.value)]


def zh(value: StrEnum) -> str:
    return label(value)[0]


def en(value: StrEnum) -> str:
    return label(value)[1]


E = TypeVar("E", bound=StrEnum)


def parse_choice(enum: type[E], text: str) -> E | None:
    """Accept a member by its value, its English name or its Chinese name; ``None`` if unknown."""
    t = text.strip()
    for member in enum:
        zh_name, en_name = LABELS.get((enum, member.value), ("", ""))
        if t.lower() in (member.value, en_name.lower()) or t == zh_name:
            return member
    return None
