"""The read side the desk's lists and side panels need: queues, filters, rows, caller history.

Lists are "ids first, rows on demand": :func:`list_ids` returns the ordered ids of a queue under
a filter, and :func:`rows_for` turns a batch of ids into :class:`OrderRow` records. Both check
who is asking: department staff see only orders that have (or had) an assignment of one of
their departments. Rows show callers de-identified (``core.privacy.masked``; blank for an
anonymous report) to everybody: the full caller is an explicit, logged request of the order
view (``core.privacy.reveal_caller``). Every record here is immutable and holds no database
objects, so a worker thread may build it and the GUI thread read it.

The storage behind it is the :class:`OrderQueries` protocol (``db/order_queries.py``), opened
per call by a :data:`QueriesFactory` (a context manager: one read-only transaction per call).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Protocol

from core.model import (
    Actor,
    AssignmentState,
    OrderState,
    RequestType,
    Role,
    Urgency,
)
from core.permissions import Permission, allowed
from core.ports import UnitOfWork
from core.privacy import masked

OPEN_ORDER_STATES = (
    OrderState.REGISTERED,
    OrderState.TO_DISPATCH,
    OrderState.AWAITING_SIGN,
    OrderState.IN_PROGRESS,
    OrderState.REPLIED,
    OrderState.AWAITING_CALLBACK,
)
SIMILAR_WINDOW = timedelta(days=30)
SIMILAR_MIN_SCORE = 0.25
REPEAT_CALLER_AFTER = 1  # a caller with more than this many earlier orders is a repeat caller


class Queue(StrEnum):
    """The lists in the desk's navigation (DOMAIN.md section 1: what each role works on)."""

    MY_WORK = "my_work"  # 我的待办
    TO_SIGN = "to_sign"  # 待签收
    IN_PROGRESS = "in_progress"  # 办理中
    TO_DECIDE = "to_decide"  # 待审核：退单与延期申请
    CALLBACKS = "callbacks"  # 待回访
    WARNINGS = "warnings"  # 临期/超期
    ALL = "all"  # 全部工单


class SortKey(StrEnum):
    REGISTERED_AT = "registered_at"
    TICKET = "ticket_no"
    STATE = "state"
    URGENCY = "urgency"
    DUE = "due"
    CHANNEL = "channel"  # by channel name
    TITLE = "title"
    CATEGORY = "category"  # by category code, so the tree's branches stay together
    REQUEST_TYPE = "request_type"  # in the vocabulary's order (咨询, 求助, 投诉 ...)
    DEPARTMENT = "department"  # by the name of the current round's lead department


@dataclass(frozen=True)
class ListFilter:
    """What narrows a list. Empty/None fields do not filter. Dates are Shanghai calendar dates,
    inclusive; ``text`` matches ticket number, title, content, caller phone, name or address
    (phone and name only for users who may see them: see ``Scope``)."""

    states: frozenset[OrderState] = frozenset()
    department_id: int | None = None
    category_id: int | None = None  # any node: the leaves below it match
    channel_id: int | None = None
    urgency: Urgency | None = None
    request_type: RequestType | None = None
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""


@dataclass(frozen=True)
class ListQuery:
    """A queue, a filter and an order: everything a list needs to ask for its ids."""

    queue: Queue = Queue.ALL
    filter: ListFilter = field(default_factory=ListFilter)
    sort: SortKey = SortKey.REGISTERED_AT
    descending: bool = True

    def with_filter(self, f: ListFilter) -> ListQuery:
        return replace(self, filter=f)


@dataclass(frozen=True)
class Scope:
    """Whose view: ``department_ids`` is None for the centre (operators, supervisors), else the
    departments of a department-staff user. ``now`` decides what is due and overdue.
    ``personal_search``: a filter's text may match callers' phone numbers and names (only for
    users who may see them, else a search would tell a de-identified caller by guessing)."""

    department_ids: frozenset[int] | None
    now: datetime
    personal_search: bool = True


@dataclass(frozen=True)
class OrderRow:
    """One line of a list. ``due`` is the reply due of the assignment that matters most for the
    row (the lead's open one, else the earliest open one); ``warning`` is "none", "yellow" or
    "red" computed at query time from ``now``."""

    id: int
    ticket_no: str
    registered_at: datetime
    channel: str
    caller_name: str
    caller_phone: str
    anonymous: bool
    address: str
    title: str
    category: str
    request_type: RequestType
    urgency: Urgency
    state: OrderState
    departments: str
    due: datetime | None
    warning: str
    callback_due: datetime | None
    pending_requests: int


@dataclass(frozen=True)
class SimilarOrder:
    """An open order that may be the same problem, with why it was found."""

    row: OrderRow
    score: float
    same_category: bool
    same_address: bool
    same_caller: bool


class OrderQueries(Protocol):
    """Storage behind the lists; implemented in ``db/order_queries.py``."""

    def ids(self, query: ListQuery, scope: Scope, limit: int | None = None) -> list[int]: ...
    def rows(self, ids: Sequence[int], now: datetime,
             departments: frozenset[int] | None = None) -> list[OrderRow]: ...
    def in_scope(self, ids: Sequence[int], scope: Scope) -> list[int]: ...
    def count(self, queue: Queue, scope: Scope) -> int: ...
    def caller_orders(self, phone: str, limit: int) -> tuple[list[int], int]: ...
    def open_candidates(
        self, category_id: int | None, address: str, phone: str, since: datetime, limit: int
    ) -> list[tuple[int, str, int | None, str, str]]: ...


QueriesFactory = Callable[[], AbstractContextManager[OrderQueries]]


def scope_for(actor: Actor, now: datetime) -> Scope:
    """Centre-wide for operators, supervisors and administrators; departmental otherwise."""
    personal = allowed(actor, Permission.SEE_PERSONAL_DATA)
    if actor.has(Role.OPERATOR, Role.SUPERVISOR, Role.ADMINISTRATOR):
        return Scope(None, now, personal)
    return Scope(frozenset(actor.department_ids), now, personal)


def queues_for(actor: Actor) -> tuple[Queue, ...]:
    """The lists the navigation shows this user, in navigation order."""
    shown: list[Queue] = []
    if actor.has(Role.OPERATOR, Role.SUPERVISOR, Role.DEPARTMENT_STAFF):
        shown.append(Queue.MY_WORK)
    if actor.has(Role.DEPARTMENT_STAFF, Role.SUPERVISOR):
        shown += [Queue.TO_SIGN, Queue.IN_PROGRESS]
    if actor.has(Role.SUPERVISOR):
        shown.append(Queue.TO_DECIDE)
    if actor.has(Role.OPERATOR, Role.SUPERVISOR):
        shown.append(Queue.CALLBACKS)
    if actor.has(Role.SUPERVISOR, Role.DEPARTMENT_STAFF):
        shown.append(Queue.WARNINGS)
    shown.append(Queue.ALL)
    return tuple(shown)


def list_ids(
    queries: QueriesFactory, actor: Actor, now: datetime, query: ListQuery,
    limit: int | None = None,
) -> list[int]:
    with queries() as q:
        return q.ids(query, scope_for(actor, now), limit)


def list_page(queries: QueriesFactory, actor: Actor, now: datetime, query: ListQuery,
              first: int) -> tuple[list[int], list[OrderRow]]:
    """What a fresh list shows, in one read: all its ids (:func:`list_ids`) and the rows of the
    first ``first`` (callers de-identified; the ids come from ``actor``'s scope already)."""
    scope = scope_for(actor, now)
    with queries() as q:
        ids = q.ids(query, scope)
        page = ids[:first]
        by_id = {r.id: _masked(r) for r in q.rows(page, now, scope.department_ids)}
    return ids, [by_id[i] for i in page if i in by_id]


def rows_for(queries: QueriesFactory, ids: Sequence[int], now: datetime,
             actor: Actor | None = None) -> list[OrderRow]:
    """Rows for ``ids`` in the order given, callers de-identified. Ids that vanished are left
    out, and so are ids outside ``actor``'s scope (another department's orders), so a list can
    only show what :func:`list_ids` would give the same actor. ``actor=None`` is for tools
    outside the desk (the benchmark): unscoped, still de-identified."""
    scope = scope_for(actor, now) if actor is not None else None
    departments = scope.department_ids if scope is not None else None
    with queries() as q:
        if scope is not None and departments is not None:
            ids = q.in_scope(ids, scope)
        by_id = {r.id: _masked(r) for r in q.rows(ids, now, departments)}
    return [by_id[i] for i in ids if i in by_id]


def _masked(row: OrderRow) -> OrderRow:
    name, phone = masked(row.caller_name, row.caller_phone, row.anonymous)
    return replace(row, caller_name=name, caller_phone=phone)


def queue_counts(queries: QueriesFactory, actor: Actor, now: datetime) -> dict[Queue, int]:
    """The live count behind each navigation entry of ``actor``."""
    scope = scope_for(actor, now)
    with queries() as q:
        return {queue: q.count(queue, scope) for queue in queues_for(actor)}


@dataclass(frozen=True)
class CallerHistory:
    """A caller's earlier orders (newest first, at most ``limit``) and how many there are."""

    phone: str
    total: int
    orders: tuple[OrderRow, ...]

    @property
    def repeat_caller(self) -> bool:
        return self.total > REPEAT_CALLER_AFTER


def caller_history(
    queries: QueriesFactory, actor: Actor, now: datetime, phone: str, limit: int = 20
) -> CallerHistory:
    """For the registration side panel (operators and supervisors only)."""
    phone = phone.strip()
    if not phone or not actor.has(Role.OPERATOR, Role.SUPERVISOR):
        return CallerHistory(phone, 0, ())
    with queries() as q:
        ids, total = q.caller_orders(phone, limit)
        rows = {r.id: _masked(r) for r in q.rows(ids, now)}
    return CallerHistory(phone, total, tuple(rows[i] for i in ids if i in rows))


_IGNORED = str.maketrans("", "", "，。！？、,.!?;；:：\"'“”（）()")


def _bigrams(text: str) -> set[str]:
    chars = "".join(text.split()).translate(_IGNORED)
    if len(chars) < 2:
        return set(chars)
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


def _jaccard(x: set[str], y: set[str]) -> float:
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


def text_similarity(a: str, b: str) -> float:
    """Character-bigram Jaccard similarity (0..1): works for Chinese without a word splitter."""
    return _jaccard(_bigrams(a), _bigrams(b))


def similar_open_orders(
    queries: QueriesFactory,
    actor: Actor,
    now: datetime,
    *,
    category_id: int | None,
    address: str,
    phone: str,
    content: str,
    exclude_id: int | None = None,
    limit: int = 10,
) -> list[SimilarOrder]:
    """Open orders of the last 30 days that look like the same problem: same category, same
    address or same caller, ranked by how similar the text is (plus a bonus for each match).
    Same category alone with unrelated text is not enough (score below SIMILAR_MIN_SCORE)."""
    if not actor.has(Role.OPERATOR, Role.SUPERVISOR):
        return []
    address, phone = address.strip(), phone.strip()
    if category_id is None and not address and not phone:
        return []
    with queries() as q:
        found = q.open_candidates(category_id, address, phone, now - SIMILAR_WINDOW, 200)
        scored: list[tuple[float, int, bool, bool, bool]] = []
        mine = _bigrams(content)  # once, not once per candidate
        for oid, text, cat, addr, ph in found:
            if oid == exclude_id:
                continue
            same_cat = category_id is not None and cat == category_id
            same_addr = bool(address) and addr.strip() == address
            same_caller = bool(phone) and ph == phone
            score = _jaccard(mine, _bigrams(text)) + 0.2 * same_addr + 0.1 * same_caller
            score += 0.05 * same_cat
            if score >= SIMILAR_MIN_SCORE or same_addr:
                scored.append((min(score, 1.0), oid, same_cat, same_addr, same_caller))
        scored.sort(key=lambda s: (-s[0], -s[1]))
        scored = scored[:limit]
        rows = {r.id: _masked(r) for r in q.rows([s[1] for s in scored], now)}
    return [SimilarOrder(rows[oid], score, c, a, p)
            for score, oid, c, a, p in scored if oid in rows]


ACTIVE_ASSIGNMENT = (AssignmentState.AWAITING_SIGN, AssignmentState.IN_PROGRESS)


@dataclass(frozen=True)
class Choice:
    """One entry of a filter or dispatch choice: a department, category or channel.
    ``level`` is the category's depth (1..3, 0 otherwise); ``default_department_id`` is the
    category's routing rule."""

    id: int
    name: str
    level: int = 0
    parent_id: int | None = None
    default_department_id: int | None = None


@dataclass(frozen=True)
class ListChoices:
    """The active departments, categories (tree order: each parent before its children) and
    channels, for filter bars and the dispatch dialog."""

    departments: tuple[Choice, ...]
    categories: tuple[Choice, ...]
    channels: tuple[Choice, ...]


def list_choices(uow: UnitOfWork) -> ListChoices:
    """Read the reference data the lists offer as choices (one read-only unit of work)."""
    with uow:
        departments = [d for d in uow.reference.departments() if d.active]
        categories = [c for c in uow.reference.categories() if c.active]
        channels = [c for c in uow.reference.channels() if c.active]
    children: dict[int | None, list[Choice]] = {}
    for c in sorted(categories, key=lambda c: c.code):
        children.setdefault(c.parent_id, []).append(
            Choice(c.id, c.name, c.level, c.parent_id, c.default_department_id))
    known = {c.id for c in categories}
    ordered: list[Choice] = []

    def walk(parent: int | None) -> None:
        for child in children.get(parent, []):
            ordered.append(child)
            walk(child.id)

    walk(None)
    for parent, orphans in children.items():  # a parent that is inactive: show them at the end
        if parent is not None and parent not in known:
            for orphan in orphans:
                ordered.append(orphan)
                walk(orphan.id)
    return ListChoices(
        departments=tuple(Choice(d.id, d.name) for d in sorted(departments, key=lambda d: d.code)),
        categories=tuple(ordered),
        channels=tuple(Choice(c.id, c.name) for c in sorted(channels, key=lambda c: c.id)),
    )
