"""The weekly satisfaction workbook (DOMAIN.md section 6) that supervisors hand upward.

``write_weekly_sheet`` turns a finished :class:`~core.stats_model.WeeklyReport` into an .xlsx
file with seven sheets (汇总, 承办单位, 事项分类, 来源渠道, 超期清单, 不满意清单, 趋势). It only
formats: every figure and rate comes from the report's records, nothing is recomputed or looked
up, and nothing here touches Qt or a database, so it may run on a worker thread.

Times in the report are aware instants; the workbook shows them as naive Asia/Shanghai local
times (Excel has no time zones). A naive datetime is taken to be UTC, the project's storage
convention. Rates are real numbers formatted ``0.0%``; a rate whose denominator is zero is left
blank (the sheet says so), so that the charts show a gap rather than a false 0%.
"""

from __future__ import annotations

import math
import os
import secrets
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from operator import attrgetter
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from core import labels
from core.calendar import SHANGHAI
from core.errors import invalid
from core.opinion_stats import OPINION_FORMULAS_ZH
from core.stats_model import FORMULAS_ZH, Figures, Period, Row, WeeklyReport

TITLE = "8890热线工单满意度统计周报"
SHEET_NAMES = ("汇总", "承办单位", "事项分类", "来源渠道", "超期清单", "不满意清单", "趋势")
OPINION_SHEET = "舆情"

PERCENT = "0.0%"
COUNT = "#,##0"
DATETIME = "yyyy-mm-dd hh:mm"
DAYS = "0.0"
_EXCEL_MAX_TEXT = 32767

Value = int | float | str | datetime | None


@dataclass(frozen=True)
class _Figure:
    name: str
    value: Callable[[Figures], int | float | None]
    is_rate: bool = False
    per_department: bool = True


def _figure(name: str, attr: str, *, rate: bool = False, dept: bool = True) -> _Figure:
    return _Figure(name, attrgetter(attr), rate, dept)


FIGURES: tuple[_Figure, ...] = (
    _figure("受理量", "received", dept=False),
    _figure("直接办结量", "direct", dept=False),
    _figure("直办率", "direct_rate", rate=True, dept=False),
    _figure("派单量", "dispatched"),
    _figure("签收量", "signed"),
    _figure("按时签收量", "signed_on_time"),
    _figure("按时签收率", "on_time_sign_rate", rate=True),
    _figure("办结量(回复)", "replied"),
    _figure("按时办结量", "replied_on_time"),
    _figure("按时办结率", "on_time_reply_rate", rate=True),
    _figure("超期未办", "overdue_open"),
    _figure("退单量", "returns_approved"),
    _figure("延期量", "extensions_approved"),
    _figure("回访量", "callbacks"),
    _figure("满意", "satisfied"),
    _figure("基本满意", "basically_satisfied"),
    _figure("不满意", "unsatisfied"),
    _figure("未接通", "not_reached"),
    _figure("拒绝评价", "declined"),
    _figure("满意率", "satisfaction_rate", rate=True),
    _figure("重办量", "reopened"),
)
FIGURE_NAMES = tuple(f.name for f in FIGURES)

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")
_BODY_FONT = Font(name="宋体", size=10.5)
_BOLD_FONT = Font(name="宋体", size=10.5, bold=True)
_TITLE_FONT = Font(name="黑体", size=16, bold=True)
_SUBTITLE_FONT = Font(name="宋体", size=10.5, color="404040")
_LINE_HEIGHT = 14.5  # points per line of 10.5pt text


# --------------------------------------------------------------------------- entry point


def write_weekly_sheet(
    report: WeeklyReport,
    path: Path | str,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Write ``report`` to ``path`` (.xlsx) and return the path.

    The file is written to a hidden temporary file in the same folder and moved into place, so an
    existing file is replaced whole or not at all. ``progress(done, total)`` is called once per
    sheet, on the calling thread; if it raises (to cancel), nothing is written. Raises
    :class:`core.errors.ValidationError` (field ``file``) when the path does not end in .xlsx,
    is a folder, lies in a missing folder, or cannot be written (including a file held open by
    Excel on Windows).
    """
    target = _checked_target(Path(path))
    workbook = build_workbook(report, progress=progress)
    _save_atomically(workbook, target)
    return target


def build_workbook(
    report: WeeklyReport, *, progress: Callable[[int, int], None] | None = None
) -> Workbook:
    """The workbook in memory, not yet saved (for callers that stream it elsewhere)."""
    wb = Workbook()
    for blank in list(wb.worksheets):
        wb.remove(blank)
    writers: Sequence[Callable[[Worksheet, WeeklyReport], None]] = (
        _write_summary,
        _write_departments,
        lambda ws, r: _write_figure_table(ws, r, "事项分类", r.categories),
        lambda ws, r: _write_figure_table(ws, r, "来源渠道", r.channels),
        _write_overdue,
        _write_unsatisfied,
        _write_trend,
    )
    names = list(SHEET_NAMES)
    if report.opinion is not None:  # the 舆情 section, when the report has one
        names.append(OPINION_SHEET)
        writers = (*writers, _write_opinion)
    for done, (name, write) in enumerate(zip(names, writers, strict=True), start=1):
        ws = wb.create_sheet(name)
        write(ws, report)
        _set_page(ws, report)
        if progress is not None:
            progress(done, len(names))
    wb.properties.title = f"{TITLE} {report.period.label}"
    wb.properties.subject = _period_text(report.period)
    wb.properties.creator = report.made_by
    wb.properties.lastModifiedBy = report.made_by
    wb.properties.created = _utc_naive(report.made_at)
    wb.properties.modified = _utc_naive(report.made_at)
    return wb


# --------------------------------------------------------------------------- sheets


def _write_summary(ws: Worksheet, report: WeeklyReport) -> None:
    widths = {"A": 18, "B": 16, "C": 18, "D": 18, "E": 18, "F": 18}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    last_col = len(widths)
    _title(ws, TITLE, last_col)
    deid = (
        "已脱敏：来电人姓名、电话号码已部分隐去"
        if report.deidentified
        else "未脱敏：含来电人完整姓名和电话，仅限内部使用，注意保密"
    )
    meta: list[tuple[str, Value, str | None]] = [
        ("统计周期", _period_text(report.period), None),
        ("制表时间", local_naive(report.made_at), DATETIME),
        ("制表人", report.made_by, None),
        ("个人信息", deid, None),
    ]
    row = 2
    for label, value, fmt in meta:
        _label_value(ws, row, label, value, fmt, last_col)
        row += 1
    if not report.deidentified:
        ws.cell(row - 1, 2).font = Font(name="宋体", size=10.5, bold=True, color="C00000")

    row += 1
    _header(ws, row, ["指标", "数值"])
    for figure in FIGURES:
        row += 1
        _body(ws.cell(row, 1), figure.name)
        ws.cell(row, 1).fill = _LABEL_FILL
        _figure_cell(ws.cell(row, 2), figure, report.total)

    row += 1
    ws.row_breaks.append(Break(id=row))  # the formulas start a page of their own
    row += 1
    ws.cell(row, 1, "统计口径").font = Font(name="黑体", size=12, bold=True)
    row += 1
    _header(ws, row, ["指标", "计算方法"])
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=last_col)
    notes = (
        *FORMULAS_ZH,
        ("周期起止", "周一 00:00 至下周一 00:00（北京时间）；表中时间均为北京时间"),
        ("比率为空", "分母为零（本期无相应记录）时比率留空，不计为 0%"),
        ("回访归属", "回访计入该工单最近一次已回复承办记录的主办单位"),
        ("单位排名", "按满意率从高到低，满意率相同时按按时办结率"),
    )
    merged_width = sum(widths.values()) - widths["A"]
    for name, formula in notes:
        row += 1
        _body(ws.cell(row, 1), name)
        ws.cell(row, 1).fill = _LABEL_FILL
        _body(ws.cell(row, 2), formula, wrap=True)
        for col in range(3, last_col + 1):
            ws.cell(row, col).border = _BORDER
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=last_col)
        ws.row_dimensions[row].height = _LINE_HEIGHT * _lines(formula, merged_width - 3) + 2
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"


def _write_departments(ws: Worksheet, report: WeeklyReport) -> None:
    figures = [f for f in FIGURES if f.per_department]
    headers = ["排名", "承办单位", *(f.name for f in figures)]
    rows = [
        [rank, dept.name, *(f.value(dept.figures) for f in figures)]
        for rank, dept in enumerate(report.departments, start=1)
    ]
    formats = [None, None, *(PERCENT if f.is_rate else COUNT for f in figures)]
    last = _table(ws, report, "各承办单位满意度统计", headers, rows, formats, freeze_cols=2)
    if report.departments:
        rate_col = headers.index("满意率") + 1
        chart = BarChart()
        chart.type = "col"
        chart.title = "各承办单位满意率"
        chart.legend = None
        data = Reference(ws, min_col=rate_col, min_row=_HEADER_ROW, max_row=last)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=2, min_row=_HEADER_ROW + 1, max_row=last))
        _rate_axes(chart)
        chart.width = max(16.0, 1.6 * len(report.departments) + 4)
        chart.height = 8.0
        ws.add_chart(chart, f"B{last + 3}")


def _write_figure_table(
    ws: Worksheet, report: WeeklyReport, what: str, rows: Sequence[Row]
) -> None:
    headers = [what, *FIGURE_NAMES]
    values = [[r.name, *(f.value(r.figures) for f in FIGURES)] for r in rows]
    formats = [None, *(PERCENT if f.is_rate else COUNT for f in FIGURES)]
    _table(ws, report, f"按{what}统计", headers, values, formats, freeze_cols=1)


def _write_overdue(ws: Worksheet, report: WeeklyReport) -> None:
    # the list is the snapshot at the period's end, or when the report was made if the period
    # was still running then (core.stats.snapshot_instant): days overdue count to that instant
    snapshot = min(report.period.end, report.made_at)
    headers = ["工单编号", "标题", "承办单位", "主办/协办", "派单时间", "办理时限", "超期天数",
               "来电人"]
    rows: list[list[Value]] = [
        [
            o.ticket_no,
            o.title,
            o.department,
            "主办" if o.lead else "协办",
            local_naive(o.dispatched_at),
            local_naive(o.reply_due),
            overdue_days(o.reply_due, snapshot),
            o.caller,
        ]
        for o in report.overdue
    ]
    formats = [None, None, None, None, DATETIME, DATETIME, DAYS, None]
    _table(ws, report, "超期未办工单清单（期末快照）", headers, rows, formats, freeze_cols=1,
           empty="本期期末无超期未办工单")


def _write_unsatisfied(ws: Worksheet, report: WeeklyReport) -> None:
    headers = ["工单编号", "标题", "承办单位", "事项分类", "回访时间", "回访记录", "来电人"]
    rows: list[list[Value]] = [
        [u.ticket_no, u.title, u.department, u.category, local_naive(u.at), u.note, u.caller]
        for u in report.unsatisfied
    ]
    formats = [None, None, None, None, DATETIME, None, None]
    _table(ws, report, "回访不满意工单清单", headers, rows, formats, freeze_cols=1,
           empty="本期无回访不满意工单")


def _write_trend(ws: Worksheet, report: WeeklyReport) -> None:
    headers = ["周", "受理量", "办结量", "按时办结率", "回访量", "满意率"]
    rows: list[list[Value]] = [
        [
            p.period.label,
            p.figures.received,
            p.figures.replied,
            p.figures.on_time_reply_rate,
            p.figures.callbacks,
            p.figures.satisfaction_rate,
        ]
        for p in report.trend
    ]
    formats = [None, COUNT, COUNT, PERCENT, COUNT, PERCENT]
    last = _table(ws, report, f"近{len(report.trend)}周趋势", headers, rows, formats,
                  freeze_cols=1, empty="无趋势数据")
    if report.trend:
        chart = LineChart()
        chart.title = "满意率与按时办结率趋势"
        for col in (headers.index("满意率") + 1, headers.index("按时办结率") + 1):
            chart.add_data(Reference(ws, min_col=col, min_row=_HEADER_ROW, max_row=last),
                           titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=_HEADER_ROW + 1, max_row=last))
        for series in chart.series:
            series.smooth = False
            series.marker.symbol = "circle"
        _rate_axes(chart)
        rates = [r for p in report.trend for r in (p.figures.satisfaction_rate,
                                                    p.figures.on_time_reply_rate) if r is not None]
        # Start the axis just below the lowest rate so that a change of a few points shows.
        chart.y_axis.scaling.min = max(0.0, math.floor(min(rates, default=0) * 10) / 10 - 0.1)
        chart.legend.position = "b"
        chart.width = 18.0
        chart.height = 8.0
        ws.add_chart(chart, f"A{last + 3}")


def _write_opinion(ws: Worksheet, report: WeeklyReport) -> None:
    """舆情: per risk level and clock, how many items had the clock and met it on time."""
    figures = report.opinion
    assert figures is not None
    headers = ["风险等级", "舆情量", "处置要求", "应办", "按时", "超时", "未到期", "按时率"]
    rows: list[list[Value]] = []
    for level in figures.levels:
        name = labels.zh(level.level) if level.level is not None else "未研判"
        for clock, f in level.clocks:
            rows.append([name, level.items, labels.zh(clock), f.due, f.on_time, f.late,
                         f.pending, f.on_time_rate])
    for clock, f in figures.clocks:
        rows.append(["合计", figures.items, labels.zh(clock), f.due, f.on_time, f.late,
                     f.pending, f.on_time_rate])
    formats = [None, COUNT, None, COUNT, COUNT, COUNT, COUNT, PERCENT]
    last = _table(ws, report, "舆情处置按时情况", headers, rows, formats, freeze_cols=1)
    for r in range(last - len(figures.clocks) + 1, last + 1):
        for c in range(1, len(headers) + 1):
            ws.cell(r, c).font = _BOLD_FONT
    row = last + 2
    ws.cell(row, 1, "统计口径").font = Font(name="黑体", size=12, bold=True)
    row += 1
    _header(ws, row, ["项目", "说明"])
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(headers))
    for name, text in (*OPINION_FORMULAS_ZH,
                       ("快照时间", f"{local_naive(figures.at):%Y-%m-%d %H:%M}（北京时间）")):
        row += 1
        _body(ws.cell(row, 1), name)
        ws.cell(row, 1).fill = _LABEL_FILL
        _body(ws.cell(row, 2), text)
        for col in range(3, len(headers) + 1):
            ws.cell(row, col).border = _BORDER
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(headers))


# --------------------------------------------------------------------------- tables

_HEADER_ROW = 3


def _table(
    ws: Worksheet,
    report: WeeklyReport,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Value]],
    formats: Sequence[str | None],
    *,
    freeze_cols: int,
    empty: str = "无数据",
) -> int:
    """A titled table with its header on row 3; returns the last row written."""
    ncols = len(headers)
    title = f"{TITLE} · {title}"
    _title(ws, title, ncols)
    notes = [f"统计周期：{_period_text(report.period)}", "时间为北京时间"]
    if PERCENT in formats:
        notes.append("比率为空表示分母为零")
    if "来电人" in headers:
        notes.append("来电人信息已脱敏" if report.deidentified else "来电人信息未脱敏，注意保密")
    subtitle = "　　".join(notes)
    ws.cell(2, 1, subtitle).font = _SUBTITLE_FONT
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncols)
    _header(ws, _HEADER_ROW, headers)
    row = _HEADER_ROW
    for values in rows:
        row += 1
        for col, (value, fmt) in enumerate(zip(values, formats, strict=True), start=1):
            _body(ws.cell(row, col), value, fmt)
    if not rows:
        row += 1
        _body(ws.cell(row, 1), empty)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    # The merged title (16 pt, bold) and subtitle must fit across the table.
    span = max(text_width(title) * 1.6, text_width(subtitle) + 2.0)
    widths = _fit_columns(ws, headers, rows, formats, span)
    _fit_row_heights(ws, rows, widths)
    ws.freeze_panes = ws.cell(_HEADER_ROW + 1, freeze_cols + 1).coordinate
    ws.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW}"
    return row


def _fit_columns(
    ws: Worksheet,
    headers: Sequence[str],
    rows: Sequence[Sequence[Value]],
    formats: Sequence[str | None],
    span: float,
) -> list[float]:
    """Set and return column widths in characters (East Asian wide characters count 2).

    Headers may wrap onto two lines; long text is capped at 40 and wraps. Columns of figures
    share one width, and all columns widen evenly when together narrower than ``span``."""
    widths: list[float] = []
    for col, header in enumerate(headers):
        need = math.ceil(text_width(header) / 2) + 5.0
        for values in rows:
            need = max(need, _shown_width(values[col], formats[col]) + 3.0)
        widths.append(min(need, 40.0))
    figure_cols = [i for i, fmt in enumerate(formats) if fmt in (COUNT, PERCENT)]
    if len(figure_cols) > 2:
        uniform = max(widths[i] for i in figure_cols)
        for i in figure_cols:
            widths[i] = uniform
    if sum(widths) < span:
        extra = math.ceil((span - sum(widths)) / len(widths))
        widths = [w + extra for w in widths]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[_HEADER_ROW].height = _LINE_HEIGHT * 2 + 4
    return widths


def _fit_row_heights(ws: Worksheet, rows: Sequence[Sequence[Value]], widths: list[float]) -> None:
    for offset, values in enumerate(rows, start=1):
        lines = max(
            (_lines(v, w - 3) for v, w in zip(values, widths, strict=True) if isinstance(v, str)),
            default=1,
        )
        if lines > 1:
            ws.row_dimensions[_HEADER_ROW + offset].height = _LINE_HEIGHT * lines + 2


def _shown_width(value: Value, fmt: str | None) -> float:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, bool | int) and fmt == COUNT:
        return len(f"{value:,}")
    if isinstance(value, float) and fmt == PERCENT:
        return len(f"{value:.1%}")
    if isinstance(value, float) and fmt == DAYS:
        return len(f"{value:.1f}")
    return text_width(str(value))


def text_width(text: str) -> int:
    """Display width: East Asian wide and full-width characters count 2, the others 1."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _lines(value: str, width: float) -> int:
    return max(1, math.ceil(text_width(value) / max(width, 1)))


# --------------------------------------------------------------------------- cells


def _title(ws: Worksheet, text: str, ncols: int) -> None:
    cell = ws.cell(1, 1, text)
    cell.font = _TITLE_FONT
    cell.alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(ncols, 1))
    ws.row_dimensions[1].height = 32


def _header(ws: Worksheet, row: int, headers: Sequence[str]) -> None:
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row, col, text)
        cell.font = _BOLD_FONT
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _label_value(
    ws: Worksheet, row: int, label: str, value: Value, fmt: str | None, last_col: int
) -> None:
    _body(ws.cell(row, 1), label)
    ws.cell(row, 1).font = _BOLD_FONT
    ws.cell(row, 1).fill = _LABEL_FILL
    _body(ws.cell(row, 2), value, fmt)
    ws.cell(row, 2).alignment = Alignment(horizontal="left", vertical="center")
    for col in range(3, last_col + 1):
        ws.cell(row, col).border = _BORDER
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=last_col)


def _figure_cell(cell: Any, figure: _Figure, figures: Figures) -> None:
    _body(cell, figure.value(figures), PERCENT if figure.is_rate else COUNT)


def _body(cell: Any, value: Value, fmt: str | None = None, *, wrap: bool | None = None) -> None:
    """Write one bordered body cell. Text is never taken as a formula and loses characters
    that XML cannot hold."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:_EXCEL_MAX_TEXT]
        cell.value = value
        cell.data_type = "s"  # a citizen's "=HYPERLINK(...)" stays text
        if wrap is None:
            wrap = True
        horizontal = "left"
    else:
        cell.value = value
        # Ranks and times centred, amounts right-aligned.
        horizontal = "right" if fmt in (COUNT, PERCENT, DAYS) else "center"
        if fmt is not None:
            cell.number_format = fmt
    cell.font = _BODY_FONT
    cell.border = _BORDER
    cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=bool(wrap),
                               indent=0 if horizontal == "center" else 1)


def _rate_axes(chart: BarChart | LineChart) -> None:
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    # openpyxl 3.1 marks axes as deleted unless told otherwise; Excel then hides them.
    chart.x_axis.delete = False
    chart.y_axis.delete = False


# --------------------------------------------------------------------------- page set-up


def _set_page(ws: Worksheet, report: WeeklyReport) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    header = f"{TITLE}　{_period_text(report.period)}".replace("&", "&&")
    ws.oddHeader.center.text = header
    ws.oddHeader.center.size = 9
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.size = 9


# --------------------------------------------------------------------------- time


def local_naive(instant: datetime) -> datetime:
    """``instant`` as a naive Asia/Shanghai wall-clock time (naive input is taken as UTC)."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(SHANGHAI).replace(tzinfo=None)


def _utc_naive(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        return instant
    return instant.astimezone(UTC).replace(tzinfo=None)


def overdue_days(reply_due: datetime, snapshot: datetime) -> float:
    """Calendar days from the reply due to the snapshot instant, to one decimal."""
    if reply_due.tzinfo is None:
        reply_due = reply_due.replace(tzinfo=UTC)
    return round((snapshot - reply_due) / timedelta(days=1), 1)


def _period_dates(period: Period) -> str:
    first = period.start.astimezone(SHANGHAI).date()
    last = (period.end - timedelta(microseconds=1)).astimezone(SHANGHAI).date()
    return f"{first:%Y-%m-%d} 至 {last:%Y-%m-%d}"


def _period_text(period: Period) -> str:
    return f"{period.label}（{_period_dates(period)}）"


# --------------------------------------------------------------------------- files


def _checked_target(path: Path) -> Path:
    if path.suffix.lower() != ".xlsx":
        raise invalid("file", "文件", f"{path} does not end in .xlsx",
                      f"{path} 不是 .xlsx 文件，请以 .xlsx 结尾")
    if path.is_dir():
        raise invalid("file", "文件", f"{path} is a folder, not a file",
                      f"{path} 是文件夹，不是文件")
    folder = path.parent
    if not folder.is_dir():
        raise invalid("file", "文件", f"the folder {folder} does not exist",
                      f"文件夹 {folder} 不存在")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _unwritable(folder, "permission denied")
    return path


def _unwritable(where: Path, detail: str) -> Exception:
    return invalid("file", "文件",
                   f"cannot write to {where} ({detail}); check the folder's permissions, or "
                   "whether the file is open in Excel/WPS",
                   f"无法写入 {where}（{detail}）；请检查文件夹权限，或文件是否正被 Excel/WPS 打开")


def _save_atomically(workbook: Workbook, target: Path) -> None:
    temp = target.with_name(f".{target.stem}.{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(temp, flags, 0o666)  # the umask applies, as for any new file
    except OSError as exc:
        raise _unwritable(target.parent, exc.strerror or str(exc)) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            workbook.save(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise _unwritable(target, exc.strerror or str(exc)) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
