"""The columns of the statistics screen's tables: figures per department, category and
channel; the 8-week trend; the overdue and the unsatisfied lists (callers de-identified by the
report). Build them after the translator is installed.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from core.calendar import SHANGHAI
from core.stats_model import OverdueItem, Row, TrendPoint, UnsatisfiedItem, WeeklyReport
from core.weekly_sheet import overdue_days
from gui import fmt
from gui.stats.figures import FigureDef, figure_def, figure_defs
from gui.stats.table_model import Column, text_column


@dataclass(frozen=True)
class RankedRow:
    """A row of a figures table with its place in the report (departments: their rank)."""

    rank: int
    row: Row


def ranked(rows: tuple[Row, ...]) -> list[RankedRow]:
    return [RankedRow(i, r) for i, r in enumerate(rows, start=1)]


def _figure_column(d: FigureDef) -> Column[RankedRow]:
    return Column(
        d.name,
        d.tooltip(),
        lambda r: d.text(r.row.figures),
        lambda r: d.sort_key(r.row.figures),
        numeric=True,
        detail=(lambda r: d.detail(r.row.figures)) if d.is_rate else None,
    )


RANKED_BY = ("satisfaction_rate", "on_time_reply_rate")


def department_columns() -> list[Column[RankedRow]]:
    """Rank, department, the two rates departments are ranked by, then every other figure
    that is attributed to a department (in the weekly sheet's order)."""
    defs = [d for d in figure_defs() if d.per_department]
    first = [d for attr in RANKED_BY for d in defs if d.attr == attr]
    return [
        Column(
            QCoreApplication.translate("StatsColumns", "Rank"),
            QCoreApplication.translate(
                "StatsColumns", "By satisfaction rate, then by on-time reply rate"
            ),
            lambda r: str(r.rank),
            lambda r: r.rank,
            numeric=True,
        ),
        text_column(
            QCoreApplication.translate("StatsColumns", "Department"), "", lambda r: r.row.name
        ),
        *(_figure_column(d) for d in first),
        *(_figure_column(d) for d in defs if d not in first),
    ]


def group_columns(what: str) -> list[Column[RankedRow]]:
    """``what`` (a category, a channel) and every figure."""
    return [
        text_column(what, "", lambda r: r.row.name),
        *(_figure_column(d) for d in figure_defs()),
    ]


def trend_columns() -> list[Column[TrendPoint]]:
    shown = [
        figure_def(a)
        for a in (
            "received",
            "replied",
            "on_time_reply_rate",
            "callbacks",
            "satisfaction_rate",
            "overdue_open",
        )
    ]

    def figure(d: FigureDef) -> Column[TrendPoint]:
        return Column(
            d.name,
            d.tooltip(),
            lambda p: d.text(p.figures),
            lambda p: d.sort_key(p.figures),
            numeric=True,
            detail=(lambda p: d.detail(p.figures)) if d.is_rate else None,
        )

    return [
        Column(
            QCoreApplication.translate("StatsColumns", "Week"),
            "",
            lambda p: week_text(p),
            lambda p: p.period.start.timestamp(),
        ),
        *(figure(d) for d in shown),
    ]


def week_text(p: TrendPoint) -> str:
    first = p.period.start.astimezone(SHANGHAI).date()
    return QCoreApplication.translate("StatsColumns", "{week} (from {first:%m-%d})").format(
        week=p.period.label, first=first
    )


@dataclass(frozen=True)
class OverdueRow:
    """An overdue assignment with its days overdue at the end of the shown period."""

    item: OverdueItem
    days: float


def overdue_rows(report: WeeklyReport) -> list[OverdueRow]:
    """Days are counted to the end of the period, or to when the report was made for a period
    still running (the snapshot's instant)."""
    at = min(report.period.end, report.made_at)
    return [OverdueRow(o, overdue_days(o.reply_due, at)) for o in report.overdue]


def overdue_columns() -> list[Column[OverdueRow]]:
    return [
        text_column(
            QCoreApplication.translate("StatsColumns", "Ticket"), "", lambda o: o.item.ticket_no
        ),
        text_column(
            QCoreApplication.translate("StatsColumns", "Title"), "", lambda o: o.item.title
        ),
        text_column(
            QCoreApplication.translate("StatsColumns", "Department"),
            "",
            lambda o: o.item.department,
        ),
        text_column(
            QCoreApplication.translate("StatsColumns", "Lead / assisting"),
            "",
            lambda o: (
                QCoreApplication.translate("StatsColumns", "Lead")
                if o.item.lead
                else QCoreApplication.translate("StatsColumns", "Assisting")
            ),
        ),
        Column(
            QCoreApplication.translate("StatsColumns", "Dispatched"),
            "",
            lambda o: fmt.local(o.item.dispatched_at),
            lambda o: o.item.dispatched_at.timestamp(),
        ),
        Column(
            QCoreApplication.translate("StatsColumns", "Reply due"),
            QCoreApplication.translate(
                "StatsColumns", "The reply due in force at the end of the period"
            ),
            lambda o: fmt.local(o.item.reply_due),
            lambda o: o.item.reply_due.timestamp(),
        ),
        Column(
            QCoreApplication.translate("StatsColumns", "Days overdue"),
            QCoreApplication.translate(
                "StatsColumns",
                "Natural days from the reply due to the end of the period "
                "(or to now, for a period still running)",
            ),
            lambda o: f"{o.days:.1f}",
            lambda o: o.days,
            numeric=True,
        ),
        text_column(
            QCoreApplication.translate("StatsColumns", "Caller"),
            QCoreApplication.translate("StatsColumns", "Partly hidden"),
            lambda o: o.item.caller,
        ),
    ]


def unsatisfied_columns() -> list[Column[UnsatisfiedItem]]:
    return [
        text_column(
            QCoreApplication.translate("StatsColumns", "Ticket"), "", lambda u: u.ticket_no
        ),
        text_column(QCoreApplication.translate("StatsColumns", "Title"), "", lambda u: u.title),
        text_column(
            QCoreApplication.translate("StatsColumns", "Department"),
            QCoreApplication.translate(
                "StatsColumns", "The lead department of the order's latest replied assignment"
            ),
            lambda u: u.department,
        ),
        text_column(
            QCoreApplication.translate("StatsColumns", "Category"), "", lambda u: u.category
        ),
        Column(
            QCoreApplication.translate("StatsColumns", "Callback time"),
            "",
            lambda u: fmt.local(u.at),
            lambda u: u.at.timestamp(),
        ),
        text_column(
            QCoreApplication.translate("StatsColumns", "Callback note"), "", lambda u: u.note
        ),
        text_column(
            QCoreApplication.translate("StatsColumns", "Caller"),
            QCoreApplication.translate("StatsColumns", "Partly hidden"),
            lambda u: u.caller,
        ),
    ]
