"""The weekly satisfaction statistics (DOMAIN.md section 6): definitions and the use case.

The counting is SQL's business (``db/stats_queries.py`` implements :class:`StatsReader`); this
module holds what is a definition rather than a query: who may make the report, the overdue
snapshot (which needs the reply due *in force* at an instant, reconstructed from the approved
extensions), the ranking and ordering of the rows, the de-identification of callers, and the
assembly of the :class:`~core.stats_model.WeeklyReport`.

All instants are timezone-aware; weeks are Asia/Shanghai weeks (see ``Period``).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Protocol, TypeVar

from core.clock import Clock
from core.model import Actor, Role
from core.opinion_stats import opinion_figures
from core.permissions import Permission, permit, require
from core.ports import UnitOfWork
from core.privacy import record_export
from core.stats_model import (
    Figures,
    OverdueItem,
    Period,
    Row,
    TrendPoint,
    UnsatisfiedItem,
    WeeklyReport,
    deidentify_name,
    deidentify_phone,
)

log = logging.getLogger(__name__)

TREND_WEEKS = 8
UNCATEGORISED_KEY = 0  # Row.key of the "未分类" row (orders without a category)
UNCATEGORISED_NAME = "未分类"
ANONYMOUS_CALLER = "匿名"
REPORT_ROLES = (Role.SUPERVISOR, Role.ADMINISTRATOR)
K = TypeVar("K")


@dataclass(frozen=True)
class GroupedFigures:
    """One period's figures in total and per department, top-level category and channel.

    Readers fill every figure except ``overdue_open`` (0 here): the snapshot is computed by
    :func:`weekly_report` from :meth:`StatsReader.open_assignments`. Department figures hold
    what is attributed to a department (received and direct are 0 there); the category key is
    the id of the top-level category, ``None`` for orders without a category. Keys whose
    figures are all zero may be missing.
    """

    total: Figures
    departments: Mapping[int, Figures]
    categories: Mapping[int | None, Figures]
    channels: Mapping[int, Figures]


@dataclass(frozen=True)
class OpenAssignment:
    """An assignment that may be open and overdue at some instant the reader was asked about.

    ``approvals`` are the approved extensions as ``(decided_at, new_reply_due)``, oldest
    first; ``original_reply_due`` is the due set at dispatch (equal to ``reply_due`` when no
    extension was approved). :func:`is_overdue_open` decides; readers only pre-select.
    """

    assignment_id: int
    ticket_no: str
    title: str
    department_id: int
    department: str
    lead: bool
    top_category_id: int | None
    channel_id: int
    dispatched_at: datetime
    replied_at: datetime | None
    ended_at: datetime | None
    reply_due: datetime
    original_reply_due: datetime
    approvals: tuple[tuple[datetime, datetime], ...]
    caller_name: str
    caller_phone: str
    anonymous: bool


@dataclass(frozen=True)
class UnsatisfiedCallback:
    """A 不满意 callback attempt with what the sheet shows of its order (not de-identified)."""

    callback_id: int
    ticket_no: str
    title: str
    department: str  # the department the callback is attributed to ("" if none)
    category: str  # the order's (leaf) category name ("" if none)
    at: datetime
    note: str
    caller_name: str
    caller_phone: str
    anonymous: bool


@dataclass(frozen=True)
class Names:
    """Names for the rows: active departments only; every category; every channel."""

    departments: Mapping[int, str]
    categories: Mapping[int, str]
    channels: Mapping[int, str]


class StatsReader(Protocol):
    """The read side the statistics need. One reader serves one report, in one transaction."""

    def figures(self, periods: Sequence[Period]) -> list[GroupedFigures]:
        """Figures for each of ``periods`` (which must not overlap), in the same order."""
        ...

    def open_assignments(self, first: datetime, last: datetime) -> list[OpenAssignment]:
        """Every assignment that may be open and overdue at some instant in [first, last]:
        a superset, which :func:`is_overdue_open` narrows for each instant."""
        ...

    def unsatisfied_callbacks(self, period: Period) -> list[UnsatisfiedCallback]:
        """The 不满意 callback attempts recorded in ``period``, by time."""
        ...

    def names(self) -> Names: ...


ReaderFactory = Callable[[], AbstractContextManager[StatsReader]]


# --- definitions ----------------------------------------------------------------------------


def due_in_force(a: OpenAssignment, at: datetime) -> datetime:
    """The reply due in force at instant ``at``: the new due of the last extension approved
    before ``at``, else the due set at dispatch. (Only dispatch and an approved extension ever
    set an assignment's reply due, so this is exact.)"""
    due = a.original_reply_due
    for decided_at, new_due in a.approvals:
        if decided_at >= at:
            break
        due = new_due
    return due


def is_overdue_open(a: OpenAssignment, at: datetime) -> bool:
    """超期未办 at ``at``: dispatched before it, neither replied nor ended by it, and the reply
    due in force at ``at`` lies before it. "Replied" is the assignment's current reply: a reply
    that was later rejected no longer counts."""
    return (
        a.dispatched_at < at
        and (a.replied_at is None or a.replied_at >= at)
        and (a.ended_at is None or a.ended_at >= at)
        and due_in_force(a, at) < at
    )


def snapshot_instant(period: Period, now: datetime) -> datetime | None:
    """When the overdue snapshot of ``period`` is taken: its end, or now for a period still
    running (a due that has not passed yet is not overdue); ``None`` for a future period."""
    at = min(period.end, now)
    return at if at > period.start else None


def has_figures(f: Figures) -> bool:
    return any(getattr(f, x.name) for x in fields(f))


def caller_label(name: str, phone: str, anonymous: bool, deidentified: bool) -> str:
    """``张* 138****5678`` (or ``张三 13812345678`` when not de-identified); ``匿名`` for an
    anonymous report, whatever was asked."""
    if anonymous:
        return ANONYMOUS_CALLER
    if deidentified:
        name, phone = deidentify_name(name), deidentify_phone(phone)
    return " ".join(x for x in (name, phone) if x)


def rank_departments(rows: Iterable[Row]) -> list[Row]:
    """By satisfaction rate, then on-time reply rate (both descending, no rate last), then
    name."""

    def key(row: Row) -> tuple[bool, float, bool, float, str]:
        s, r = row.figures.satisfaction_rate, row.figures.on_time_reply_rate
        return (s is None, -(s or 0.0), r is None, -(r or 0.0), row.name)

    return sorted(rows, key=key)


def order_by_received(rows: Iterable[Row]) -> list[Row]:
    return sorted(rows, key=lambda row: (-row.figures.received, row.name))


# --- the use case -------------------------------------------------------------------------


def weekly_report(
    reader_factory: ReaderFactory,
    actor: Actor,
    clock: Clock,
    period: Period,
    *,
    deidentified: bool = True,
    access_log: UnitOfWork | None = None,
) -> WeeklyReport:
    """满意度统计周报 for ``period`` (a week, a month or any range), with the 8-week trend.

    Only supervisors and administrators may make it (PermissionDenied otherwise). Callers are
    de-identified unless ``deidentified`` is False, which needs ``EXPORT_UNDISGUISED``
    (PermissionDenied) and a unit of work ``access_log`` in which the request is recorded
    before anything is read (``core.privacy.record_export``). Reads in one transaction of one
    reader; returns immutable records.
    """
    permit(actor, "make_statistics", *REPORT_ROLES)
    if not deidentified:
        require(actor, Permission.EXPORT_UNDISGUISED)
        if access_log is None:
            raise ValueError("an undisguised report must be recorded: pass access_log")
        record_export(access_log, actor, clock, "weekly_report", {"period": period.label})
    now = clock.now()
    weeks = period.previous_weeks(TREND_WEEKS)
    at = snapshot_instant(period, now)
    week_ats = [snapshot_instant(w, now) for w in weeks]
    instants = [x for x in (at, *week_ats) if x is not None]
    with reader_factory() as reader:
        if period.start == weeks[-1].start and period.end == weeks[-1].end:
            per_week = reader.figures(weeks)
            current = per_week[-1]
        else:
            current = reader.figures([period])[0]
            per_week = reader.figures(weeks)
        candidates = (reader.open_assignments(min(instants), max(instants))
                      if instants else [])
        unsatisfied = reader.unsatisfied_callbacks(period)
        names = reader.names()
        # the 舆情 section, from readers that know the items (an optional method)
        opinion_items = getattr(reader, "opinion_items", None)
        opinion_records = opinion_items(period) if opinion_items is not None else None
    if not deidentified:
        log.info("%s made the statistics for %s with identified callers", actor.username,
                 period.label)
    overdue = [a for a in candidates if at is not None and is_overdue_open(a, at)]
    current = _with_overdue(current, overdue)
    trend = tuple(
        TrendPoint(w, _with_overdue(g, [a for a in candidates
                                        if wat is not None and is_overdue_open(a, wat)]).total)
        for w, g, wat in zip(weeks, per_week, week_ats, strict=True)
    )
    departments, categories, channels = _rows(current, names)
    return WeeklyReport(
        period=period,
        made_at=now,
        made_by=actor.username,
        total=current.total,
        departments=departments,
        categories=categories,
        channels=channels,
        overdue=tuple(_overdue_items(overdue, at, deidentified) if at is not None else ()),
        unsatisfied=tuple(
            UnsatisfiedItem(u.ticket_no, u.title, u.department,
                            u.category or UNCATEGORISED_NAME, u.at, u.note,
                            caller_label(u.caller_name, u.caller_phone, u.anonymous,
                                         deidentified))
            for u in sorted(unsatisfied, key=lambda u: (u.at, u.callback_id))),
        trend=trend,
        deidentified=deidentified,
        opinion=(opinion_figures(opinion_records, at or period.start)
                 if opinion_records is not None else None),
    )


def _rows(g: GroupedFigures, names: Names
          ) -> tuple[tuple[Row, ...], tuple[Row, ...], tuple[Row, ...]]:
    """Department, category and channel rows with a non-zero figure, ranked and ordered."""
    departments = rank_departments(
        Row(k, names.departments[k], f) for k, f in g.departments.items()
        if k in names.departments and has_figures(f))
    categories = order_by_received(
        Row(UNCATEGORISED_KEY if k is None else k,
            UNCATEGORISED_NAME if k is None else names.categories.get(k, f"#{k}"), f)
        for k, f in g.categories.items() if has_figures(f))
    channels = order_by_received(
        Row(k, names.channels.get(k, f"#{k}"), f)
        for k, f in g.channels.items() if has_figures(f))
    return tuple(departments), tuple(categories), tuple(channels)


def _with_overdue(g: GroupedFigures, overdue: Sequence[OpenAssignment]) -> GroupedFigures:
    """``g`` with ``overdue_open`` set from the assignments overdue at the snapshot."""

    return GroupedFigures(
        total=replace(g.total, overdue_open=len(overdue)),
        departments=_merge(g.departments, Counter(a.department_id for a in overdue)),
        categories=_merge(g.categories, Counter(a.top_category_id for a in overdue)),
        channels=_merge(g.channels, Counter(a.channel_id for a in overdue)),
    )


def _merge(base: Mapping[K, Figures], overdue: Counter[K]) -> dict[K, Figures]:
    out = dict(base)
    for k, n in overdue.items():
        out[k] = replace(out.get(k, Figures()), overdue_open=n)
    return out


def _overdue_items(overdue: Sequence[OpenAssignment], at: datetime,
                   deidentified: bool) -> list[OverdueItem]:
    items = [
        OverdueItem(a.ticket_no, a.title, a.department, a.lead, a.dispatched_at,
                    due_in_force(a, at),
                    caller_label(a.caller_name, a.caller_phone, a.anonymous, deidentified))
        for a in overdue
    ]
    return sorted(items, key=lambda i: (i.reply_due, i.ticket_no, not i.lead, i.department))
