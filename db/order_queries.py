"""The SQL behind the desk's lists (``core/queries.py``): queue conditions, filters, rows.

Ids are selected with one statement per list (filters and sort in SQL, indexes on state,
registered_at and the assignment's department/state/reply_due); rows for a batch of ids take
three small statements (orders with names, their assignments, pending request counts). Each
call runs in its own read-only transaction (see :func:`order_queries`).

Queues that assignments define are ``work_order.id IN (SELECT order_id FROM assignment WHERE
…)``: a range over an assignment index, where a correlated EXISTS made SQLite visit every order
(PostgreSQL plans both as a semi-join). No navigation count scans: each is a range over an index
or, for 全部工单, the counters the database keeps (``db/order_counters.py``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    Select,
    and_,
    case,
    distinct,
    exists,
    func,
    or_,
    select,
    union,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from core.calendar import SHANGHAI, warning_level
from core.model import AssignmentState, OrderState, RequestStatus, RequestType, Urgency
from core.queries import (
    OPEN_ORDER_STATES,
    ListFilter,
    ListQuery,
    OrderRow,
    Queue,
    Scope,
    SortKey,
)
from db import models as r
from db import text_search
from db.order_counters import CENTRE
from db.setup import Database

_OPEN_ASSIGNMENT = (AssignmentState.AWAITING_SIGN, AssignmentState.IN_PROGRESS)
_URGENCY_RANK = {Urgency.NORMAL: 0, Urgency.URGENT: 1, Urgency.CRITICAL: 2}
_REQUEST_TYPE_RANK = {t: i for i, t in enumerate(RequestType)}
_IN_BATCH = 500

W = r.WorkOrder
A = r.Assignment


def _assignment_orders(scope: Scope, *conditions: ColumnElement[bool]) -> Select[Any]:
    """Ids of the orders with an assignment meeting ``conditions`` (of one of the scope's
    departments): a range over an assignment index (department, state, reply due), where a
    correlated EXISTS would make SQLite visit every order."""
    where = list(conditions)
    if scope.department_ids is not None:
        where.insert(0, A.department_id.in_(sorted(scope.department_ids)))
    return select(A.order_id).where(*where)


def _seen_by(department_ids: frozenset[int]) -> ColumnElement[bool]:
    """The order had an assignment of one of ``department_ids``: probed per order through the
    assignment's order index, for a page of ids (a range over the department's assignments
    would read its whole history)."""
    return exists(select(A.id).where(A.order_id == W.id,
                                     A.department_id.in_(sorted(department_ids))))


def _pending_request_orders(scope: Scope) -> Select[Any]:
    """Ids of the orders with a pending return or extension request (of the scope's
    departments' assignments)."""
    parts = []
    for table in (r.ReturnRequest, r.ExtensionRequest):
        where = [table.status == RequestStatus.PENDING]
        if scope.department_ids is not None:
            where.append(table.assignment_id.in_(
                select(A.id).where(A.department_id.in_(sorted(scope.department_ids)))))
        parts.append(select(table.order_id.label("order_id")).where(*where))
    return select(union(*parts).subquery().c.order_id)


def _queue_orders(queue: Queue, scope: Scope) -> Select[Any] | None:
    """The order ids of ``queue`` under ``scope`` when assignments or requests define it (they
    imply the department scope); None for the queues defined by the order's state."""
    if queue is Queue.MY_WORK and scope.department_ids is not None:
        return _assignment_orders(scope, A.state.in_(_OPEN_ASSIGNMENT))
    if queue is Queue.TO_SIGN:
        return _assignment_orders(scope, A.state == AssignmentState.AWAITING_SIGN)
    if queue is Queue.IN_PROGRESS:
        return _assignment_orders(scope, A.state == AssignmentState.IN_PROGRESS)
    if queue is Queue.TO_DECIDE:
        return _pending_request_orders(scope)
    if queue is Queue.WARNINGS:
        return _assignment_orders(scope, A.state.in_(_OPEN_ASSIGNMENT),
                                  or_(A.warning_level != "none", A.reply_due <= scope.now))
    if queue is Queue.ALL and scope.department_ids is not None:
        return _assignment_orders(scope)
    return None


def _state_condition(queue: Queue) -> ColumnElement[bool] | None:
    if queue is Queue.MY_WORK:
        return W.state.in_((OrderState.REGISTERED, OrderState.TO_DISPATCH, OrderState.REPLIED))
    if queue is Queue.CALLBACKS:
        return W.state == OrderState.AWAITING_CALLBACK
    return None


def queue_condition(queue: Queue, scope: Scope) -> ColumnElement[bool] | None:
    """The WHERE clause of ``queue`` under ``scope``, the department scope included (None:
    every order of the centre)."""
    orders = _queue_orders(queue, scope)
    if orders is not None:
        return W.id.in_(orders)
    condition = _state_condition(queue)
    if scope.department_ids is None:
        return condition
    in_scope = W.id.in_(_assignment_orders(scope))
    return in_scope if condition is None else and_(condition, in_scope)


def _local_midnight(d: Any) -> datetime:
    return datetime.combine(d, time(0, 0), tzinfo=SHANGHAI)


def _filter_conditions(s: Session, f: ListFilter,
                       personal: bool = True) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.states:
        out.append(W.state.in_(sorted(f.states)))
    if f.department_id is not None:
        out.append(W.id.in_(select(A.order_id).where(A.department_id == f.department_id)))
    if f.category_id is not None:
        out.append(W.category_id.in_(_category_and_below(s, f.category_id)))
    if f.channel_id is not None:
        out.append(W.channel_id == f.channel_id)
    if f.urgency is not None:
        out.append(W.urgency == f.urgency)
    if f.request_type is not None:
        out.append(W.request_type == f.request_type)
    if f.date_from is not None:
        out.append(W.registered_at >= _local_midnight(f.date_from))
    if f.date_to is not None:
        out.append(W.registered_at < _local_midnight(f.date_to) + timedelta(days=1))
    text = f.text.strip()
    if text:  # callers' phone and name only for users who may see them (core.queries.Scope)
        out.append(text_search.contains(W, text, personal, s.get_bind().dialect.name))
    return out


def _category_and_below(s: Session, category_id: int) -> list[int]:
    children: dict[int | None, list[int]] = defaultdict(list)
    for cid, parent in s.execute(select(r.Category.id, r.Category.parent_id)):
        children[parent].append(cid)
    found, todo = [], [category_id]
    while todo:
        cid = todo.pop()
        found.append(cid)
        todo.extend(children.get(cid, ()))
    return found


def _open_dues(scope: Scope) -> Any:
    """Each order's earliest reply due of its open assignments (of the scope's departments),
    grouped off the assignment index (department, state, reply due) instead of looked up once
    per order, so a department's queue by due starts from its assignments."""
    where = [A.state.in_(_OPEN_ASSIGNMENT)]
    if scope.department_ids is not None:
        where.insert(0, A.department_id.in_(sorted(scope.department_ids)))
    return (select(A.order_id, func.min(A.reply_due).label("due")).where(*where)
            .group_by(A.order_id).subquery("due"))


def _channel_name() -> Any:
    return (select(r.Channel.name).where(r.Channel.id == W.channel_id)
            .correlate(W).scalar_subquery())


def _category_code() -> Any:
    return (select(r.Category.code).where(r.Category.id == W.category_id)
            .correlate(W).scalar_subquery())


def _lead_department_name() -> Any:
    """The current round's lead department (none while the order is not with departments)."""
    return (select(func.min(r.Department.name))
            .join(A, A.department_id == r.Department.id)
            .where(A.order_id == W.id, A.lead.is_(True), A.hop == W.current_hop)
            .correlate(W).scalar_subquery())


def _sort_key(sort: SortKey) -> Any:
    """The ORDER BY expression of the sorts that need no join (all but the due)."""
    return {
        SortKey.REGISTERED_AT: lambda: W.registered_at,
        SortKey.TICKET: lambda: W.ticket_no,
        SortKey.STATE: lambda: W.state,
        SortKey.URGENCY: lambda: case(_URGENCY_RANK, value=W.urgency, else_=0),
        SortKey.CHANNEL: _channel_name,
        SortKey.TITLE: lambda: W.title,
        SortKey.CATEGORY: _category_code,
        SortKey.REQUEST_TYPE: lambda: case(_REQUEST_TYPE_RANK, value=W.request_type, else_=0),
        SortKey.DEPARTMENT: _lead_department_name,
    }[sort]()


def _pending_requests() -> Any:
    """The order's pending return and extension requests (two counts on the requests'
    ``order_id`` indexes, in the rows' own statement)."""
    counts = [select(func.count()).where(t.order_id == W.id, t.status == RequestStatus.PENDING)
              .correlate(W).scalar_subquery() for t in (r.ReturnRequest, r.ExtensionRequest)]
    return counts[0] + counts[1]


class SqlOrderQueries:
    """:class:`core.queries.OrderQueries` on one session; see :func:`order_queries`."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def _select(self, query: ListQuery, scope: Scope) -> Select[Any]:
        stmt = select(W.id)
        condition = queue_condition(query.queue, scope)
        if condition is not None:
            stmt = stmt.where(condition)
        for c in _filter_conditions(self._s, query.filter, scope.personal_search):
            stmt = stmt.where(c)
        return stmt

    def ids(self, query: ListQuery, scope: Scope, limit: int | None = None) -> list[int]:
        stmt = self._select(query, scope)
        key: Any
        if query.sort is SortKey.DUE:
            dues = _open_dues(scope)
            stmt, key = stmt.outerjoin(dues, dues.c.order_id == W.id), dues.c.due
        else:
            key = _sort_key(query.sort)
        if query.descending:
            stmt = stmt.order_by(key.desc().nulls_last(), W.id.desc())
        else:
            stmt = stmt.order_by(key.asc().nulls_last(), W.id.asc())
        if limit is not None:
            stmt = stmt.limit(limit)
        return list(self._s.scalars(stmt))

    def count(self, queue: Queue, scope: Scope) -> int:
        """Without scanning: 全部工单 from the counters the database keeps (``order_count``),
        the other queues as a range over an index (distinct orders of the assignments or
        requests, or the orders in a state)."""
        if queue is Queue.ALL:
            counted = self._counted_orders(scope)
            if counted is not None:
                return counted
        orders = _queue_orders(queue, scope)
        if orders is not None:
            ids = orders.subquery()
            stmt = select(func.count(distinct(ids.c.order_id)))
        else:
            stmt = select(func.count()).select_from(W)
            condition = queue_condition(queue, scope)
            if condition is not None:
                stmt = stmt.where(condition)
        return int(self._s.scalar(stmt) or 0)

    def _counted_orders(self, scope: Scope) -> int | None:
        """Every order, or the orders of the user's one department; None for staff of several
        departments (an order both had counts once: counted from the assignments)."""
        if scope.department_ids is None:
            key = CENTRE
        elif len(scope.department_ids) == 1:
            [key] = scope.department_ids
        else:
            return None
        return int(self._s.scalar(select(func.coalesce(func.sum(r.OrderCount.orders), 0))
                                  .where(r.OrderCount.department_id == key)) or 0)

    def rows(self, ids: Sequence[int], now: datetime,
             departments: frozenset[int] | None = None) -> list[OrderRow]:
        """The rows of ``ids``. The due and warning shown are the lead's open assignment (else
        the earliest open one); with ``departments`` (department staff), their own open
        assignment's when they have one: an assisting department sees its own clock."""
        out: list[OrderRow] = []
        for start in range(0, len(ids), _IN_BATCH):
            out += self._rows(list(ids[start:start + _IN_BATCH]), now, departments)
        return out

    def _rows(self, ids: list[int], now: datetime,
              departments: frozenset[int] | None = None) -> list[OrderRow]:
        if not ids:
            return []
        orders = self._s.execute(
            select(W, r.Channel.name, r.Category.name, _pending_requests())
            .join(r.Channel, r.Channel.id == W.channel_id)
            .outerjoin(r.Category, r.Category.id == W.category_id)
            .where(W.id.in_(ids))
        ).all()
        hops: dict[int, list[tuple[str, bool, AssignmentState, datetime, datetime, int, int]]] = (
            defaultdict(list))
        for order_id, name, lead, state, start, due, hop, dept in self._s.execute(
            select(A.order_id, r.Department.name, A.lead, A.state, A.dispatched_at, A.reply_due,
                   A.hop, A.department_id)
            .join(r.Department, r.Department.id == A.department_id)
            .where(A.order_id.in_(ids)).order_by(A.order_id, A.id)
        ):
            hops[order_id].append((name, lead, state, start, due, hop, dept))
        rows = []
        for w, channel, category, pending in orders:
            current = [h for h in hops.get(w.id, []) if h[5] == w.current_hop and w.current_hop]
            open_ = [h for h in current if h[2] in _OPEN_ASSIGNMENT]
            if departments is not None and any(h[6] in departments for h in open_):
                open_ = [h for h in open_ if h[6] in departments]  # the department's own clock
            lead_open = [h for h in open_ if h[1]]
            ranked = lead_open or sorted(open_, key=lambda h: h[4])
            chosen = ranked[0] if ranked else None
            names = [h[0] + ("（主办）" if h[1] and len(current) > 1 else "")
                     for h in sorted(current, key=lambda h: not h[1])]
            row_due = chosen[4] if chosen else None
            level = warning_level(chosen[3], chosen[4], now).value if chosen else "none"
            rows.append(OrderRow(
                id=w.id, ticket_no=w.ticket_no, registered_at=w.registered_at, channel=channel,
                caller_name=w.caller_name, caller_phone=w.caller_phone, anonymous=w.anonymous,
                address=w.address, title=w.title, category=category or "",
                request_type=w.request_type, urgency=w.urgency, state=w.state,
                departments="、".join(names), due=row_due, warning=level,
                callback_due=w.callback_due, pending_requests=pending))
        return rows

    def in_scope(self, ids: Sequence[int], scope: Scope) -> list[int]:
        """``ids`` (in their order) that ``scope`` may see: for department staff, orders that
        have or had an assignment of one of their departments."""
        if scope.department_ids is None:
            return list(ids)
        found: set[int] = set()
        for start in range(0, len(ids), _IN_BATCH):
            batch = list(ids[start:start + _IN_BATCH])
            found.update(self._s.scalars(select(W.id).where(W.id.in_(batch),
                                                            _seen_by(scope.department_ids))))
        return [i for i in ids if i in found]

    def caller_orders(self, phone: str, limit: int) -> tuple[list[int], int]:
        """The ``limit`` newest orders of ``phone`` (off ``ix_work_order_caller_phone_registered``)
        and how many there are in all, in one statement (a window count before the limit)."""
        found = self._s.execute(
            select(W.id, func.count().over())
            .where(W.caller_phone == phone)
            .order_by(W.registered_at.desc(), W.id.desc()).limit(limit)).all()
        return [i for i, _ in found], (found[0][1] if found else 0)

    def open_candidates(
        self, category_id: int | None, address: str, phone: str, since: datetime, limit: int
    ) -> list[tuple[int, str, int | None, str, str]]:
        matches: list[ColumnElement[bool]] = []
        if category_id is not None:
            matches.append(W.category_id == category_id)
        if address:
            matches.append(W.address == address)
        if phone:
            matches.append(W.caller_phone == phone)
        if not matches:
            return []
        stmt = (select(W.id, W.title, W.content, W.category_id, W.address, W.caller_phone)
                .where(and_(W.registered_at >= since, W.state.in_(OPEN_ORDER_STATES),
                            or_(*matches)))
                .order_by(W.registered_at.desc()).limit(limit))
        return [(i, f"{t}\n{c}", cat, a or "", p or "")
                for i, t, c, cat, a, p in self._s.execute(stmt)]


@contextmanager
def order_queries(db: Database) -> Iterator[SqlOrderQueries]:
    """One read-only transaction (never takes SQLite's write lock); rolled back on exit."""
    with db.sessions() as session:
        try:
            yield SqlOrderQueries(session)
        finally:
            session.rollback()


def queries_factory(db: Database) -> Any:
    """A :data:`core.queries.QueriesFactory` over ``db``."""
    return lambda: order_queries(db)
