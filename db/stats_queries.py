"""The SQL behind the weekly satisfaction statistics (``core/stats.py``, DOMAIN.md section 6).

Each family of figures is one aggregate query (GROUP BY / SUM(CASE ...)) over the table whose
timestamp defines it; rows are grouped by period bucket, department, leaf category and
channel, and the few grouped rows are folded into the totals and the three groupings here.
Instants are bound through the columns' ``UTCDateTime`` type, so a period's aware bounds are
compared as naive UTC on SQLite and PostgreSQL alike.

Only ``overdue_open`` is not counted here: it is a snapshot whose due-in-force rule lives in
``core.stats``; :meth:`SqlStatsReader.open_assignments` supplies its (small) candidate set.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Integer,
    Select,
    SQLColumnExpression,
    and_,
    case,
    cast,
    func,
    literal_column,
    null,
    or_,
    select,
    union,
)
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from core.model import (
    AssignmentState,
    CallbackOutcome,
    CloseKind,
    EventKind,
    OpinionRisk,
    RequestStatus,
)
from core.opinion_stats import OpinionRecord
from core.stats import GroupedFigures, Names, OpenAssignment, UnsatisfiedCallback
from core.stats_model import Figures, Period
from db import models as r
from db.setup import Database

log = logging.getLogger(__name__)

# bucket (index of the period), department, leaf category, channel
_Key = tuple[int, int | None, int | None, int]
_Tally = dict[_Key, dict[str, int]]

_ONE: ColumnElement[Any] = literal_column("1")
_ZERO: ColumnElement[Any] = literal_column("0")


def _flag(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return case((condition, _ONE), else_=_ZERO)


def _bucket(
    at: SQLColumnExpression[datetime | None], periods: Sequence[Period]
) -> ColumnElement[Any]:
    if len(periods) == 1:
        return _ZERO
    return case(
        *[(and_(at >= p.start, at < p.end), literal_column(str(i)))
          for i, p in enumerate(periods)],
        else_=null(),
    )


def _check_periods(periods: Sequence[Period]) -> None:
    if not periods:
        raise ValueError("no period given")
    spans = sorted((p.start, p.end) for p in periods)
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        if start < end:
            raise ValueError("the periods overlap; ask for them one at a time")


def _tally(
    session: Session,
    periods: Sequence[Period],
    base: Select[Any],
    at: SQLColumnExpression[datetime | None],
    department: SQLColumnExpression[Any],
    measures: dict[str, ColumnElement[Any]],
    into: _Tally,
) -> None:
    """Run one family's aggregate. ``base`` selects from a source joined to ``work_order``
    (its own WHERE included); each measure is 1 or 0 per source row and is summed."""
    o = r.WorkOrder
    inner = base.add_columns(
        _bucket(at, periods).label("bucket"),
        department.label("department"),
        o.category_id.label("category"),
        o.channel_id.label("channel"),
        *[m.label(name) for name, m in measures.items()],
    ).where(at >= min(p.start for p in periods), at < max(p.end for p in periods)).subquery()
    keys = (inner.c.bucket, inner.c.department, inner.c.category, inner.c.channel)
    stmt = select(*keys, *[func.sum(inner.c[name]).label(name) for name in measures]) \
        .group_by(*keys)
    names = list(measures)
    for bucket, dept, category, channel, *sums in session.execute(stmt):
        if bucket is None:  # between periods that do not touch
            continue
        slot = into.setdefault((int(bucket), dept, category, channel), {})
        for name, n in zip(names, sums, strict=True):
            if n:  # a zero is a missing figure already
                slot[name] = slot.get(name, 0) + int(n)


def tally(session: Session, periods: Sequence[Period]) -> _Tally:
    """Every figure but ``overdue_open``, grouped by (bucket, department, leaf category,
    channel); ``bucket`` is the index in ``periods``."""
    _check_periods(periods)
    o, a = r.WorkOrder, r.Assignment
    out: _Tally = {}
    no_department = cast(null(), Integer)
    # received, direct: orders by registration (no department: not dispatched yet)
    _tally(session, periods, select().select_from(o), o.registered_at, no_department,
           {"received": _ONE, "direct": _flag(o.close_kind == CloseKind.DIRECT)}, out)
    # dispatched, signed, replied: assignments by their own timestamps
    on_order = select().select_from(a).join(o, o.id == a.order_id)
    _tally(session, periods, on_order, a.dispatched_at, a.department_id,
           {"dispatched": _ONE}, out)
    _tally(session, periods, on_order, a.signed_at, a.department_id,
           {"signed": _ONE, "signed_on_time": _flag(a.signed_at <= a.sign_due)}, out)
    _tally(session, periods, on_order, a.replied_at, a.department_id,
           {"replied": _ONE, "replied_on_time": _flag(a.replied_at <= a.reply_due)}, out)
    # returns and extensions approved, by decision time
    for req, name in ((r.ReturnRequest, "returns_approved"),
                      (r.ExtensionRequest, "extensions_approved")):
        decided = select().select_from(req).join(a, a.id == req.assignment_id) \
            .join(o, o.id == req.order_id).where(req.status == RequestStatus.APPROVED)
        _tally(session, periods, decided, req.decided_at, a.department_id, {name: _ONE}, out)
    # callbacks, by the time recorded, to the department they were attributed to
    ca = r.CallbackAttempt
    _tally(session, periods, select().select_from(ca).join(o, o.id == ca.order_id), ca.at,
           ca.department_id,
           {x.value: _flag(ca.outcome == x) for x in CallbackOutcome}, out)
    # reopened: to the department of the order's latest unsatisfied callback before it
    e = r.Event
    last = aliased(r.CallbackAttempt)
    blamed = (select(last.department_id)
              .where(last.order_id == e.order_id,
                     last.outcome == CallbackOutcome.UNSATISFIED, last.at <= e.at)
              .order_by(last.at.desc(), last.id.desc()).limit(1)
              .correlate(e).scalar_subquery())
    reopens = select().select_from(e).join(o, o.id == e.order_id) \
        .where(e.kind == EventKind.REOPENED)
    _tally(session, periods, reopens, e.at, blamed, {"reopened": _ONE}, out)
    return out


def _figures(counts: dict[str, int]) -> Figures:
    return Figures(**counts)


def top_categories(session: Session) -> dict[int, int]:
    """Each category's top-level (level 1) ancestor."""
    parent = {cid: up for cid, up in session.execute(select(r.Category.id, r.Category.parent_id))}
    top: dict[int, int] = {}
    for cid in parent:
        node = cid
        for _ in range(10):  # the tree has three levels; never loop on bad data
            up = parent.get(node)
            if up is None:
                break
            node = up
        top[cid] = node
    return top


def fold(tallied: _Tally, n_periods: int, top: dict[int, int]) -> list[GroupedFigures]:
    """The grouped rows into each period's total and its three groupings."""
    totals: list[dict[str, int]] = [{} for _ in range(n_periods)]
    depts: list[dict[Any, dict[str, int]]] = [{} for _ in range(n_periods)]
    cats: list[dict[Any, dict[str, int]]] = [{} for _ in range(n_periods)]
    chans: list[dict[Any, dict[str, int]]] = [{} for _ in range(n_periods)]
    for (bucket, dept, cat, chan), counts in tallied.items():
        targets = [totals[bucket],
                   cats[bucket].setdefault(None if cat is None else top.get(cat, cat), {}),
                   chans[bucket].setdefault(chan, {})]
        if dept is not None:
            targets.append(depts[bucket].setdefault(dept, {}))
        for name, n in counts.items():
            for slot in targets:
                slot[name] = slot.get(name, 0) + n
    return [
        GroupedFigures(
            total=_figures(totals[i]),
            departments={k: _figures(v) for k, v in depts[i].items()},
            categories={k: _figures(v) for k, v in cats[i].items()},
            channels={k: _figures(v) for k, v in chans[i].items()},
        )
        for i in range(n_periods)
    ]


# Open now: neither replied nor ended. Only a reply sets replied_at (a rejected reply clears it
# and puts the assignment back in progress) and only a return or a cancellation sets ended_at,
# so these two states are exactly the assignments whose replied_at and ended_at are both NULL.
_OPEN_NOW = (AssignmentState.AWAITING_SIGN, AssignmentState.IN_PROGRESS)


def _batches(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    """``ids`` in lists short enough to bind as one IN (...) on every backend."""
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def candidate_ids(first: datetime, last: datetime) -> CompoundSelect[Any]:
    """Ids of the assignments that may be open and overdue at some instant t in [first, last].

    Open at t >= first means neither replied nor ended before t: open now, or replied at or
    after ``first``, or ended at or after ``first``. Each branch is one index range
    (``ix_assignment_state_sign_due``, ``ix_assignment_replied_at``,
    ``ix_assignment_ended_at``), never a range over the whole history such as
    ``dispatched_at < last``; the rest of the condition filters the rows found.

    The due: extensions only move a due later, and only dispatch and an approved extension set
    it, so without an extension approved at or after ``first`` the due in force at every such
    t is the current ``reply_due``, and overdue at t needs ``reply_due < t <= last`` and, for
    an assignment replied or ended since, ``reply_due < t <= replied_at`` (or ``ended_at``):
    one replied or ended on time is never a candidate. With such an extension, the candidate
    is kept whatever its dues (:func:`core.stats.is_overdue_open` decides).
    """
    a, x = r.Assignment, r.ExtensionRequest
    # not a correlated EXISTS: SQLite would range over ix_extension_request_status_decided
    # for every row; the list is read once from that index and probed.
    approved_late = a.id.in_(select(x.assignment_id).where(
        x.status == RequestStatus.APPROVED, x.decided_at >= first))

    def overdue_before(closed: SQLColumnExpression[datetime | None]) -> ColumnElement[bool]:
        return or_(and_(a.reply_due < last, a.reply_due < closed), approved_late)

    return union(
        select(a.id).where(a.state.in_(_OPEN_NOW), a.dispatched_at < last,
                           or_(a.reply_due < last, approved_late)),
        select(a.id).where(a.replied_at >= first, a.dispatched_at < last,
                           or_(a.ended_at.is_(None), a.ended_at >= first),
                           overdue_before(a.replied_at)),
        select(a.id).where(a.ended_at >= first, a.dispatched_at < last,
                           or_(a.replied_at.is_(None), a.replied_at >= first),
                           overdue_before(a.ended_at)),
    )


class SqlStatsReader:
    """:class:`core.stats.StatsReader` on one session (not shared between threads)."""

    def __init__(self, session: Session) -> None:
        self._s = session
        self._top: dict[int, int] | None = None

    def _top_categories(self) -> dict[int, int]:
        if self._top is None:
            self._top = top_categories(self._s)
        return self._top

    def figures(self, periods: Sequence[Period]) -> list[GroupedFigures]:
        return fold(tally(self._s, periods), len(periods), self._top_categories())

    def open_assignments(self, first: datetime, last: datetime) -> list[OpenAssignment]:
        a, o, d = r.Assignment, r.WorkOrder, r.Department
        # the ids first, then their rows by primary key: given the whole union as a subquery,
        # PostgreSQL expects thousands of rows and hash-joins every order and assignment
        ids = sorted(self._s.scalars(candidate_ids(first, last)))
        rows = [row for chunk in _batches(ids) for row in self._s.execute(
            select(a.id, o.ticket_no, o.title, a.department_id, d.name, a.lead, o.category_id,
                   o.channel_id, a.dispatched_at, a.replied_at, a.ended_at, a.reply_due,
                   o.caller_name, o.caller_phone, o.anonymous)
            .join(o, o.id == a.order_id).join(d, d.id == a.department_id)
            .where(a.id.in_(chunk)).order_by(a.id))]
        approvals = self._approvals(ids)
        original = self._dispatched_dues(list(approvals))
        top = self._top_categories()
        return [OpenAssignment(
            assignment_id=row.id, ticket_no=row.ticket_no, title=row.title,
            department_id=row.department_id, department=row.name, lead=row.lead,
            top_category_id=None if row.category_id is None
            else top.get(row.category_id, row.category_id),
            channel_id=row.channel_id, dispatched_at=row.dispatched_at,
            replied_at=row.replied_at, ended_at=row.ended_at, reply_due=row.reply_due,
            original_reply_due=original.get(row.id, row.reply_due),
            approvals=tuple(approvals.get(row.id, ())),
            caller_name=row.caller_name, caller_phone=row.caller_phone,
            anonymous=row.anonymous,
        ) for row in rows]

    def _approvals(self, assignment_ids: list[int]
                   ) -> dict[int, list[tuple[datetime, datetime]]]:
        """Each assignment's approved extensions as (decided_at, new due), oldest first; read by
        ``ix_extension_request_assignment_id`` in batches. The status is checked here, not in
        SQL: given ``status = ?`` SQLite ranges over every approved extension of the centre
        (``ix_extension_request_status_decided``) once per batch instead."""
        x = r.ExtensionRequest
        out: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
        for chunk in _batches(assignment_ids):
            for aid, status, decided_at, new_due in self._s.execute(
                select(x.assignment_id, x.status, x.decided_at, x.new_reply_due)
                .where(x.assignment_id.in_(chunk))
                .order_by(x.assignment_id, x.decided_at, x.id)
            ):
                if status is RequestStatus.APPROVED and decided_at is not None \
                        and new_due is not None:
                    out[aid].append((decided_at, new_due))
        return out

    def _dispatched_dues(self, assignment_ids: list[int]) -> dict[int, datetime]:
        """The reply due set at dispatch, from each assignment's ``dispatched`` event; asked
        only for those with an approved extension (the others' due never moved), each one
        probe of ``ix_event_assignment_kind`` (assignment_id, kind)."""
        out: dict[int, datetime] = {}
        e = r.Event
        for chunk in _batches(assignment_ids):
            for aid, payload in self._s.execute(
                select(e.assignment_id, e.payload)
                .where(e.assignment_id.in_(chunk), e.kind == EventKind.DISPATCHED)
            ):
                text = (payload or {}).get("reply_due")
                if text:
                    due = datetime.fromisoformat(text)
                    out[aid] = (due if due.tzinfo else due.replace(tzinfo=UTC)).astimezone(UTC)
        for aid in set(assignment_ids) - out.keys():
            log.warning("assignment %s has no dispatch due on record; using its current due",
                        aid)
        return out

    def unsatisfied_callbacks(self, period: Period) -> list[UnsatisfiedCallback]:
        ca, o, d, c = r.CallbackAttempt, r.WorkOrder, r.Department, r.Category
        rows = self._s.execute(
            select(ca.id, o.ticket_no, o.title, d.name.label("department"),
                   c.name.label("category"), ca.at, ca.note, o.caller_name, o.caller_phone,
                   o.anonymous)
            .join(o, o.id == ca.order_id)
            .outerjoin(d, d.id == ca.department_id)
            .outerjoin(c, c.id == o.category_id)
            .where(ca.outcome == CallbackOutcome.UNSATISFIED, ca.at >= period.start,
                   ca.at < period.end)
            .order_by(ca.at, ca.id)
        ).all()
        return [UnsatisfiedCallback(
            callback_id=x.id, ticket_no=x.ticket_no, title=x.title,
            department=x.department or "", category=x.category or "", at=x.at,
            note=x.note or "", caller_name=x.caller_name, caller_phone=x.caller_phone,
            anonymous=x.anonymous) for x in rows]

    def opinion_items(self, period: Period) -> list[OpinionRecord]:
        """The 舆情 items whose orders were registered in ``period``, by registration."""
        oi, o = r.OpinionItem, r.WorkOrder
        rows = self._s.execute(
            select(o.ticket_no, oi.risk_level, o.registered_at, oi.info_due, oi.info_at,
                   oi.conference_due, oi.conference_at, oi.response_due, oi.responded_at)
            .join(o, o.id == oi.order_id)
            .where(o.registered_at >= period.start, o.registered_at < period.end)
            .order_by(o.registered_at, o.id)
        ).all()
        return [OpinionRecord(x.ticket_no, OpinionRisk(x.risk_level) if x.risk_level else None,
                              *x[2:]) for x in rows]

    def names(self) -> Names:
        s = self._s
        d, c, ch = r.Department, r.Category, r.Channel
        return Names(
            departments={k: v for k, v in s.execute(
                select(d.id, d.name).where(d.active.is_(True)))},
            categories={k: v for k, v in s.execute(select(c.id, c.name))},
            channels={k: v for k, v in s.execute(select(ch.id, ch.name))},
        )


@contextmanager
def stats_reader(db: Database) -> Iterator[SqlStatsReader]:
    """A reader on a read-only session: one consistent snapshot for the whole report
    (REPEATABLE READ, READ ONLY on PostgreSQL; a deferred read transaction on SQLite in WAL).
    Nothing is written; the transaction is rolled back and the session closed on exit."""
    with db.sessions() as session:
        if db.backend == "postgresql":
            session.connection(execution_options={"isolation_level": "REPEATABLE READ",
                                                  "postgresql_readonly": True})
        try:
            yield SqlStatsReader(session)
        finally:
            session.rollback()
