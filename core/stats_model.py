"""The weekly satisfaction statistics (DOMAIN.md section 6): periods, figures and the report.

These are the records shared by the definitions (``core/stats.py``), the SQL that feeds them
(``db/stats_queries.py``), the Excel workbook (``core/weekly_sheet.py``), the command line and
the statistics screen. Rates are ``None`` when their denominator is zero (shown as "—").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from core.calendar import SHANGHAI
from core.errors import invalid

if TYPE_CHECKING:
    from core.opinion_stats import OpinionFigures

_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")

FORMULAS_ZH = (
    ("受理量", "本期登记的工单数"),
    ("直办率", "直接办结量 ÷ 受理量"),
    ("派单量", "本期生成的承办记录数"),
    ("按时签收率", "本期签收且不晚于签收时限的承办记录数 ÷ 本期签收的承办记录数"),
    ("按时办结率", "本期回复且不晚于当时有效办理时限（含延期）的承办记录数 ÷ 本期回复的承办记录数"),
    ("超期未办", "期末仍未办结且办理时限已过的承办记录数（期末快照）"),
    ("退单量、延期量", "本期审核通过的退单、延期申请数"),
    ("回访量", "本期回访结果为满意、基本满意、不满意的次数"),
    ("满意率", "（满意＋基本满意）÷（满意＋基本满意＋不满意）；未接通、拒绝评价不计入，单独列示"),
    ("重办量", "本期因回访不满意而重办的工单数"),
)


@dataclass(frozen=True)
class Period:
    """A half-open span [start, end) of instants; local days are Asia/Shanghai."""

    start: datetime
    end: datetime
    label: str

    @classmethod
    def week(cls, year: int, week: int) -> Period:
        """ISO week: Monday 00:00 to the next Monday 00:00, Asia/Shanghai."""
        try:
            monday = date.fromisocalendar(year, week, 1)
        except ValueError:
            raise invalid("week", "周", f"{year}-W{week:02d} does not exist",
                          f"{year}年没有第{week}周") from None
        return cls.dates(monday, monday + timedelta(days=6), f"{year}-W{week:02d}")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        if not 1 <= month <= 12:
            raise invalid("month", "月份", f"{year}-{month} is not a month",
                          f"{year}-{month} 不是有效的月份")
        first = date(year, month, 1)
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        return cls.dates(first, nxt - timedelta(days=1), f"{year}-{month:02d}")

    @classmethod
    def dates(cls, first: date, last: date, label: str | None = None) -> Period:
        """From 00:00 on ``first`` to 24:00 on ``last`` (both local dates, inclusive)."""
        if last < first:
            raise invalid("period", "统计区间", "the end date is before the start date",
                          "结束日期早于开始日期")
        start = datetime.combine(first, time(0), tzinfo=SHANGHAI)
        end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=SHANGHAI)
        return cls(start, end, label or f"{first:%Y-%m-%d}..{last:%Y-%m-%d}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """``2026-W47``, ``2026-11`` or ``2026-11-01..2026-11-15``."""
        t = text.strip()
        if m := _WEEK.match(t):
            return cls.week(int(m.group(1)), int(m.group(2)))
        if m := _MONTH.match(t):
            return cls.month(int(m.group(1)), int(m.group(2)))
        if ".." in t:
            a, b = t.split("..", 1)
            try:
                return cls.dates(date.fromisoformat(a.strip()), date.fromisoformat(b.strip()))
            except ValueError:
                pass
        raise invalid("period", "统计区间",
                      f"'{text}' is not a week (2026-W47), a month (2026-11) or a range "
                      "(2026-11-01..2026-11-15)",
                      f"“{text}”不是有效的周（2026-W47）、月（2026-11）或日期区间"
                      "（2026-11-01..2026-11-15）")

    def previous_weeks(self, n: int) -> list[Period]:
        """The ``n`` ISO weeks ending with the one that contains the last day of this period,
        oldest first (for the trend)."""
        last_day = (self.end - timedelta(seconds=1)).astimezone(SHANGHAI).date()
        year, week, _ = last_day.isocalendar()
        monday = date.fromisocalendar(year, week, 1)
        out = []
        for i in range(n - 1, -1, -1):
            d = monday - timedelta(weeks=i)
            y, w, _ = d.isocalendar()
            out.append(Period.week(y, w))
        return out


def _rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass(frozen=True)
class Figures:
    """One row of figures, exactly as DOMAIN.md section 6 defines them."""

    received: int = 0
    direct: int = 0
    dispatched: int = 0
    signed: int = 0
    signed_on_time: int = 0
    replied: int = 0
    replied_on_time: int = 0
    overdue_open: int = 0
    returns_approved: int = 0
    extensions_approved: int = 0
    satisfied: int = 0
    basically_satisfied: int = 0
    unsatisfied: int = 0
    not_reached: int = 0
    declined: int = 0
    reopened: int = 0

    @property
    def direct_rate(self) -> float | None:
        return _rate(self.direct, self.received)

    @property
    def on_time_sign_rate(self) -> float | None:
        return _rate(self.signed_on_time, self.signed)

    @property
    def on_time_reply_rate(self) -> float | None:
        return _rate(self.replied_on_time, self.replied)

    @property
    def callbacks(self) -> int:
        """回访量: outcomes 满意, 基本满意 or 不满意."""
        return self.satisfied + self.basically_satisfied + self.unsatisfied

    @property
    def satisfaction_rate(self) -> float | None:
        return _rate(self.satisfied + self.basically_satisfied, self.callbacks)


@dataclass(frozen=True)
class Row:
    """Figures for one department, top-level category or channel."""

    key: int
    name: str
    figures: Figures


@dataclass(frozen=True)
class OverdueItem:
    ticket_no: str
    title: str
    department: str
    lead: bool
    dispatched_at: datetime
    reply_due: datetime
    caller: str  # de-identified unless the report says otherwise


@dataclass(frozen=True)
class UnsatisfiedItem:
    ticket_no: str
    title: str
    department: str
    category: str
    at: datetime
    note: str
    caller: str  # de-identified unless the report says otherwise


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    figures: Figures


@dataclass(frozen=True)
class WeeklyReport:
    period: Period
    made_at: datetime
    made_by: str
    total: Figures
    departments: tuple[Row, ...]  # ranked: satisfaction, then on-time reply rate
    categories: tuple[Row, ...]  # top-level categories
    channels: tuple[Row, ...]
    overdue: tuple[OverdueItem, ...]
    unsatisfied: tuple[UnsatisfiedItem, ...]
    trend: tuple[TrendPoint, ...] = field(default=())  # the last 8 weeks, oldest first
    deidentified: bool = True
    opinion: OpinionFigures | None = None  # the 舆情 section (core/opinion_stats.py)


def deidentify_phone(phone: str) -> str:
    """``13812345678`` -> ``138****5678``; short numbers keep only their last two digits."""
    if not phone:
        return ""
    if len(phone) >= 8:
        return phone[:3] + "****" + phone[-4:]
    return "*" * max(len(phone) - 2, 1) + phone[-2:]


def deidentify_name(name: str) -> str:
    """``张三`` -> ``张*``, ``欧阳娜娜`` -> ``欧***``; empty stays empty."""
    if not name:
        return ""
    return name[0] + "*" * max(len(name) - 1, 1)
