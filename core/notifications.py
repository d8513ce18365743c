"""In-desk notifications (the bell): what happened to orders that concerns the signed-in user.

A notification is not a record of its own: it *is* a timeline event (``event`` table) seen from
one user's side, so every notification is also in the order's timeline. What concerns whom:

=================== ============================================================ ===========
user                events                                                        scope
=================== ============================================================ ===========
department staff    派单 (``dispatched``) to one of their departments;                their
                    临期/超期 warnings and 催办/督办 (``notice_issued``, any kind);     departments'
                    退单/延期 decisions (``return_``/``extension_approved``/          assignments
                    ``rejected``); a reply sent back (``reply_rejected``)
supervisor          new return and extension requests; 超期 (red) warnings and      centre-wide
                    督办 (``notice_issued`` with notice kind red or supervision);
                    an unsatisfied callback (``callback_recorded``, 不满意)
operator            an order whose replies are all in and wait for review            centre-wide
                    (``replied`` with to-state ``replied``)
administrator       nothing
=================== ============================================================ ===========

A user with several roles gets the union. Nobody is told about their own actions (the event's
actor is the user). Only events of the last :data:`WINDOW` count, and a feed holds the newest
``limit`` of them (the badge says "99+" beyond); the 临期/超期 list stays the full picture.

Read state is kept per user in the database, so it survives restarts and follows the user to
another workstation: a high-water mark (every notification up to an event id is read, set by
"mark all read") plus single marks above it (set when the user opens one).

Cost: a first load scans the window's events newest first (primary-key range, found through
the index on ``event.at``) until ``limit`` match; each later refresh passes the previous feed
and reads only the events after it (plus the last :data:`RESCAN` ids again, because PostgreSQL
hands out ids before a transaction commits) and the user's read marks. Functions here open the
store themselves and may run on any thread; everything they return is immutable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from core.model import Actor, CallbackOutcome, EventKind, NoticeKind, OrderState, Role

WINDOW = timedelta(days=14)
DEFAULT_LIMIT = 100
RESCAN = 500


class NotificationKind(StrEnum):
    NEW_ORDER = "new_order"  # 新工单派至本单位
    DUE_SOON = "due_soon"  # 临期预警
    OVERDUE = "overdue"  # 超期
    REMINDER = "reminder"  # 催办
    SUPERVISION = "supervision"  # 督办
    RETURN_APPROVED = "return_approved"  # 退单申请已批准
    RETURN_REJECTED = "return_rejected"  # 退单申请已驳回
    EXTENSION_APPROVED = "extension_approved"  # 延期申请已批准
    EXTENSION_REJECTED = "extension_rejected"  # 延期申请已驳回
    REPLY_REJECTED = "reply_rejected"  # 回复被驳回
    RETURN_REQUESTED = "return_requested"  # 退单申请待审核
    EXTENSION_REQUESTED = "extension_requested"  # 延期申请待审核
    REPLY_READY = "reply_ready"  # 回复待审核
    CALLBACK_UNSATISFIED = "callback_unsatisfied"  # 回访不满意


class Severity(StrEnum):
    NONE = "none"
    YELLOW = "yellow"
    RED = "red"


_SEVERITY = {
    NotificationKind.DUE_SOON: Severity.YELLOW,
    NotificationKind.REMINDER: Severity.YELLOW,
    NotificationKind.OVERDUE: Severity.RED,
    NotificationKind.SUPERVISION: Severity.RED,
}
_BY_EVENT = {
    EventKind.DISPATCHED: NotificationKind.NEW_ORDER,
    EventKind.RETURN_APPROVED: NotificationKind.RETURN_APPROVED,
    EventKind.RETURN_REJECTED: NotificationKind.RETURN_REJECTED,
    EventKind.EXTENSION_APPROVED: NotificationKind.EXTENSION_APPROVED,
    EventKind.EXTENSION_REJECTED: NotificationKind.EXTENSION_REJECTED,
    EventKind.REPLY_REJECTED: NotificationKind.REPLY_REJECTED,
    EventKind.RETURN_REQUESTED: NotificationKind.RETURN_REQUESTED,
    EventKind.EXTENSION_REQUESTED: NotificationKind.EXTENSION_REQUESTED,
    EventKind.REPLIED: NotificationKind.REPLY_READY,
    EventKind.CALLBACK_RECORDED: NotificationKind.CALLBACK_UNSATISFIED,
}
_BY_NOTICE = {
    NoticeKind.YELLOW: NotificationKind.DUE_SOON,
    NoticeKind.RED: NotificationKind.OVERDUE,
    NoticeKind.REMINDER: NotificationKind.REMINDER,
    NoticeKind.SUPERVISION: NotificationKind.SUPERVISION,
}
# the payload field that says why, per event kind (see core/lifecycle.py)
_DETAIL_FIELD = {
    EventKind.NOTICE_ISSUED: "text",
    EventKind.RETURN_REQUESTED: "reason",
    EventKind.EXTENSION_REQUESTED: "reason",
    EventKind.RETURN_APPROVED: "note",
    EventKind.RETURN_REJECTED: "note",
    EventKind.EXTENSION_APPROVED: "note",
    EventKind.EXTENSION_REJECTED: "note",
    EventKind.REPLY_REJECTED: "reason",
    EventKind.CALLBACK_RECORDED: "note",
    EventKind.DISPATCHED: "note",
}


@dataclass(frozen=True)
class Rule:
    """Events of ``kinds`` concern a user, narrowed by each condition that is set: the event's
    assignment belongs to one of ``department_ids``; a notice's kind (payload ``notice_kind``)
    is one of ``notice_kinds``; a callback's outcome (payload ``outcome``); the order state
    the event led to."""

    kinds: frozenset[EventKind]
    department_ids: frozenset[int] | None = None
    notice_kinds: frozenset[NoticeKind] | None = None
    outcome: CallbackOutcome | None = None
    to_state: OrderState | None = None


def rules_for(actor: Actor) -> tuple[Rule, ...]:
    """What concerns ``actor`` (the table in the module docstring)."""
    if actor.user_id is None:
        return ()
    rules: list[Rule] = []
    if actor.has(Role.DEPARTMENT_STAFF) and actor.department_ids:
        rules.append(Rule(
            frozenset({EventKind.DISPATCHED, EventKind.NOTICE_ISSUED,
                       EventKind.RETURN_APPROVED, EventKind.RETURN_REJECTED,
                       EventKind.EXTENSION_APPROVED, EventKind.EXTENSION_REJECTED,
                       EventKind.REPLY_REJECTED}),
            department_ids=frozenset(actor.department_ids)))
    if actor.has(Role.SUPERVISOR):
        rules += [
            Rule(frozenset({EventKind.RETURN_REQUESTED, EventKind.EXTENSION_REQUESTED})),
            Rule(frozenset({EventKind.NOTICE_ISSUED}),
                 notice_kinds=frozenset({NoticeKind.RED, NoticeKind.SUPERVISION})),
            Rule(frozenset({EventKind.CALLBACK_RECORDED}), outcome=CallbackOutcome.UNSATISFIED),
        ]
    if actor.has(Role.OPERATOR):
        rules.append(Rule(frozenset({EventKind.REPLIED}), to_state=OrderState.REPLIED))
    return tuple(rules)


@dataclass(frozen=True)
class EventNotice:
    """A timeline event as storage hands it over: ``department`` is the name of the department
    of the event's assignment ("" when it has none)."""

    event_id: int
    order_id: int
    ticket_no: str
    at: datetime
    kind: EventKind
    to_state: OrderState
    department: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class Notification:
    """One line of the bell's list. ``at`` is UTC; ``detail`` is the reason, note or notice
    text the event carries ("" when none); ``automatic`` for the sweep's notices."""

    event_id: int
    order_id: int
    ticket_no: str
    at: datetime
    kind: NotificationKind
    department: str
    detail: str
    automatic: bool
    lead: bool
    read: bool

    @property
    def severity(self) -> Severity:
        return _SEVERITY.get(self.kind, Severity.NONE)


def classify(e: EventNotice) -> NotificationKind | None:
    """The notification an event makes, or None when it makes none."""
    if e.kind is EventKind.NOTICE_ISSUED:
        try:
            return _BY_NOTICE[NoticeKind(str(e.payload.get("notice_kind")))]
        except ValueError:
            return None
    if e.kind is EventKind.CALLBACK_RECORDED and e.payload.get("outcome") != "unsatisfied":
        return None
    if e.kind is EventKind.REPLIED and e.to_state is not OrderState.REPLIED:
        return None
    return _BY_EVENT.get(e.kind)


@dataclass(frozen=True)
class ReadState:
    """Every event id up to ``read_through`` is read, and so is each id in ``marked``."""

    read_through: int = 0
    marked: frozenset[int] = frozenset()

    def is_read(self, event_id: int) -> bool:
        return event_id <= self.read_through or event_id in self.marked


@dataclass(frozen=True)
class NotificationFeed:
    """A user's notifications at ``now``: newest first, at most ``limit``, none older than
    ``since``. ``top_event_id`` is the newest event id looked at (the next refresh starts
    there). Pass a feed back to :func:`notifications_for` to refresh it cheaply."""

    user_id: int | None
    now: datetime
    since: datetime
    items: tuple[Notification, ...]
    top_event_id: int
    limit: int

    @property
    def unread(self) -> int:
        return sum(1 for n in self.items if not n.read)

    def with_read(self, event_ids: Iterable[int]) -> NotificationFeed:
        """This feed with ``event_ids`` shown as read (before the store confirms it)."""
        ids = set(event_ids)
        return replace(self, items=tuple(replace(n, read=True) if n.event_id in ids else n
                                         for n in self.items))

    def newest_id(self) -> int:
        return self.items[0].event_id if self.items else 0


class NotificationStore(Protocol):
    """Storage behind the bell; implemented in ``db/notification_queries.py``."""

    def latest_event_id(self) -> int: ...
    def first_event_id_since(self, since: datetime) -> int | None: ...
    def events(self, rules: tuple[Rule, ...], user_id: int, after_id: int, limit: int
               ) -> list[EventNotice]: ...
    def read_state(self, user_id: int, after_id: int) -> ReadState: ...
    def mark(self, user_id: int, event_ids: Iterable[int], at: datetime) -> None: ...
    def mark_through(self, user_id: int, event_id: int, at: datetime) -> None: ...
    def commit(self) -> None: ...


StoreFactory = Callable[..., AbstractContextManager[NotificationStore]]
"""``factory()`` opens a read-only store, ``factory(write=True)`` one that may commit."""


def _empty(actor: Actor, now: datetime, limit: int) -> NotificationFeed:
    return NotificationFeed(actor.user_id, now, now - WINDOW, (), 0, limit)


def notifications_for(
    store: StoreFactory, actor: Actor, now: datetime, limit: int = DEFAULT_LIMIT,
    previous: NotificationFeed | None = None,
) -> NotificationFeed:
    """``actor``'s notifications at ``now``. With ``previous`` (an earlier feed of the same
    user) only the events since it are read; without, the window is scanned."""
    rules = rules_for(actor)
    if not rules or actor.user_id is None:
        return _empty(actor, now, limit)
    user_id = actor.user_id
    since = now - WINDOW
    incremental = (previous is not None and previous.user_id == user_id
                   and previous.limit == limit)
    with store() as s:
        top = s.latest_event_id()
        if incremental:
            assert previous is not None
            after = max(previous.top_event_id - RESCAN, 0)
            merged = {n.event_id: n for n in previous.items}
        else:
            first = s.first_event_id_since(since)
            after = top if first is None else first - 1
            merged = {}
        for e in s.events(rules, user_id, after, limit):
            n = _notification(e)
            if n is not None:
                merged[n.event_id] = n
        newest = sorted((n for n in merged.values() if n.at >= since),
                        key=lambda n: n.event_id, reverse=True)[:limit]
        state = s.read_state(user_id, newest[-1].event_id - 1 if newest else top)
    items = tuple(replace(n, read=state.is_read(n.event_id)) for n in newest)
    return NotificationFeed(user_id, now, since, items, max(top, after), limit)


def unread_count(store: StoreFactory, actor: Actor, now: datetime,
                 limit: int = DEFAULT_LIMIT) -> int:
    """How many of ``actor``'s notifications are unread (at most ``limit``)."""
    return notifications_for(store, actor, now, limit).unread


def mark_read(store: StoreFactory, actor: Actor, event_ids: Iterable[int], now: datetime
              ) -> None:
    """Mark single notifications read for ``actor`` (opening one does this)."""
    ids = sorted(set(event_ids))
    if actor.user_id is None or not ids:
        return
    with store(write=True) as s:
        s.mark(actor.user_id, ids, now)
        s.commit()


def mark_all_read(store: StoreFactory, actor: Actor, through_event_id: int, now: datetime
                  ) -> None:
    """Mark every notification up to ``through_event_id`` read for ``actor`` (pass the newest
    id of the feed the user saw, :meth:`NotificationFeed.newest_id`)."""
    if actor.user_id is None or through_event_id <= 0:
        return
    with store(write=True) as s:
        s.mark_through(actor.user_id, through_event_id, now)
        s.commit()


def _notification(e: EventNotice) -> Notification | None:
    kind = classify(e)
    if kind is None:
        return None
    field = _DETAIL_FIELD.get(e.kind, "")
    detail = e.payload.get(field) if field else None
    return Notification(
        event_id=e.event_id, order_id=e.order_id, ticket_no=e.ticket_no, at=e.at, kind=kind,
        department=e.department, detail=str(detail or ""),
        automatic=bool(e.payload.get("automatic", False)),
        lead=bool(e.payload.get("lead", True)), read=False)
