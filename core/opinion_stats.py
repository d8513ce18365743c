"""The 舆情 section of the weekly sheet: items by risk level, and each clock met on time.

Definitions (printed on the sheet, :data:`OPINION_FORMULAS_ZH`):

- the items counted are those **registered in the period** (their orders' registration time);
- at the snapshot (the period's end, or now for a period still running) each clock of an item
  is *on time* when its response was published on or before its due, *late* when it was
  published after the due or is still unanswered past the due, *pending* otherwise;
- on-time rate = on time ÷ (on time + late); pending clocks are not in it.

Pure functions of the records a stats reader supplies (``db/stats_queries.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from core.model import OpinionClock, OpinionRisk
from core.opinion import clocks_for

LEVELS: tuple[OpinionRisk | None, ...] = (*OpinionRisk, None)  # None: not assessed (未研判)

OPINION_FORMULAS_ZH = (
    ("统计范围", "本期登记的舆情工单（舆情监测渠道）"),
    ("处置要求", "特别重大、重大：发布权威信息、召开新闻发布会；较大、一般及未研判：回应"),
    ("按时", "发布时间不晚于该项时限"),
    ("超时", "发布时间晚于时限，或期末仍未发布且已过时限"),
    ("未到期", "期末仍未发布、尚未到时限"),
    ("按时率", "按时 ÷（按时＋超时）；未到期不计入"),
)


@dataclass(frozen=True)
class OpinionRecord:
    """One item registered in the period, as the reader finds it. Times are aware UTC."""

    ticket_no: str
    risk_level: OpinionRisk | None
    registered_at: datetime
    info_due: datetime | None
    info_at: datetime | None
    conference_due: datetime | None
    conference_at: datetime | None
    response_due: datetime | None
    responded_at: datetime | None

    def clock(self, clock: OpinionClock) -> tuple[datetime | None, datetime | None]:
        """(due, published at) of ``clock``."""
        return {OpinionClock.INFO: (self.info_due, self.info_at),
                OpinionClock.CONFERENCE: (self.conference_due, self.conference_at),
                OpinionClock.RESPONSE: (self.response_due, self.responded_at)}[clock]


@dataclass(frozen=True)
class ClockFigures:
    due: int = 0  # items with this clock (应办)
    on_time: int = 0
    late: int = 0
    pending: int = 0

    @property
    def on_time_rate(self) -> float | None:
        judged = self.on_time + self.late
        return self.on_time / judged if judged else None

    def __add__(self, other: ClockFigures) -> ClockFigures:
        return ClockFigures(self.due + other.due, self.on_time + other.on_time,
                            self.late + other.late, self.pending + other.pending)


@dataclass(frozen=True)
class OpinionLevelRow:
    """One risk level (``None``: not assessed) and the figures of its clocks."""

    level: OpinionRisk | None
    items: int
    clocks: tuple[tuple[OpinionClock, ClockFigures], ...]


@dataclass(frozen=True)
class OpinionFigures:
    at: datetime  # the snapshot
    levels: tuple[OpinionLevelRow, ...]  # every level, in LEVELS order
    items: int
    clocks: tuple[tuple[OpinionClock, ClockFigures], ...]  # totals per clock


def judge(due: datetime, done: datetime | None, at: datetime) -> ClockFigures:
    """One clock at the snapshot ``at`` (a publication after ``at`` is not known yet)."""
    if done is not None and done <= at:
        return ClockFigures(1, on_time=int(done <= due), late=int(done > due))
    return ClockFigures(1, late=1) if due < at else ClockFigures(1, pending=1)


def opinion_figures(records: Iterable[OpinionRecord], at: datetime) -> OpinionFigures:
    by_level: dict[OpinionRisk | None, list[OpinionRecord]] = {level: [] for level in LEVELS}
    for rec in records:
        by_level.setdefault(rec.risk_level, []).append(rec)
    rows = []
    totals: dict[OpinionClock, ClockFigures] = {}
    for level in LEVELS:
        items = by_level[level]
        figures: dict[OpinionClock, ClockFigures] = {c: ClockFigures() for c in clocks_for(level)}
        for rec in items:
            for c in figures:
                due, done = rec.clock(c)
                if due is not None:
                    figures[c] = figures[c] + judge(due, done, at)
        for c, f in figures.items():
            totals[c] = totals.get(c, ClockFigures()) + f
        rows.append(OpinionLevelRow(level, len(items), tuple(figures.items())))
    ordered = tuple((c, totals.get(c, ClockFigures())) for c in OpinionClock)
    return OpinionFigures(at, tuple(rows), sum(r.items for r in rows), ordered)

