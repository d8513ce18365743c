"""The statistics screen (DOMAIN.md section 6): the weekly satisfaction figures for a chosen
period, per department, category and channel, the 8-week trend, and the Excel export.

Everything is counted by ``core.stats.weekly_report`` on the database worker, through the
reader factory in ``ctx.extras["stats_reader"]``; this screen only shows the report's records.
The lists on screen are de-identified; an export is too unless a user with
``Permission.EXPORT_UNDISGUISED`` unticks "De-identify callers" and confirms (``weekly_report``
records that in the access log; for anyone else the box stays ticked and disabled). The
export runs on the worker with a progress dialog (cancel leaves no file); the window stays
responsive.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.calendar import SHANGHAI
from core.errors import DeskError, PermissionDenied
from core.permissions import Permission, allowed
from core.stats import ReaderFactory, weekly_report
from core.stats_model import Period, WeeklyReport
from core.weekly_export import sheet_path
from core.weekly_sheet import write_weekly_sheet
from gui import fmt
from gui.context import DeskContext
from gui.ops import Cancelled
from gui.stats import columns
from gui.stats.charts import SatisfactionChart, TrendChart
from gui.stats.figures import figure_defs, notes
from gui.stats.period import PeriodChooser
from gui.stats.table_model import ColumnsModel, sorted_view
from gui.stats.totals import TotalsStrip

RELOAD_DELAY_MS = 300  # after the period changes, so that typing a date counts once
TEXT_COLUMN_MAX = 320
SheetWriter = Callable[..., Path]  # write_weekly_sheet(report, path, progress=...) -> path


class StatsPage(QWidget):
    """Build on the GUI thread for a supervisor or an administrator (anyone else is refused
    by ``weekly_report`` and told so)."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statsPage")
        self._ctx = ctx
        self._report: WeeklyReport | None = None
        self._load_seq = 0
        self._stale = False
        self._exporting = False
        self._export_dir: Path | None = None
        self._write_sheet: SheetWriter = write_weekly_sheet  # tests may replace it

        self._period = PeriodChooser(ctx.clock.now())
        self._refresh = QPushButton(self.tr("&Refresh"))
        self._refresh.setObjectName("refreshStats")
        self._refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        self._refresh.setToolTip(self.tr("Count the figures again (F5)"))
        self._deidentify = QCheckBox(self.tr("De-identify callers"))
        self._deidentify.setObjectName("deidentifyExport")
        self._deidentify.setChecked(True)
        self._deidentify.setToolTip(self.tr(
            "Callers' names and phone numbers in the exported lists are partly hidden. "
            "Exporting them in full needs a confirmation and is logged."))
        if not allowed(ctx.actor, Permission.EXPORT_UNDISGUISED):
            self._deidentify.setEnabled(False)
            self._deidentify.setToolTip(self.tr(
                "Callers' names and phone numbers in the exported lists are partly hidden. "
                "Only a supervisor may export them in full."))
        self._export = QPushButton(self.tr("&Export to Excel…"))
        self._export.setObjectName("exportStats")
        self._status = QLabel()
        self._status.setObjectName("statsStatus")
        self._status.setWordWrap(True)
        self._totals = TotalsStrip()

        self._departments = ColumnsModel(columns.department_columns(), self)
        self._categories = ColumnsModel(columns.group_columns(self.tr("Category")), self)
        self._channels = ColumnsModel(columns.group_columns(self.tr("Channel")), self)
        self._trend = ColumnsModel(columns.trend_columns(), self)
        self._overdue = ColumnsModel(columns.overdue_columns(), self)
        self._unsatisfied = ColumnsModel(columns.unsatisfied_columns(), self)
        self._satisfaction_chart = SatisfactionChart()
        self._trend_chart = TrendChart()
        self._tabs = QTabWidget()
        self._tabs.setObjectName("statsTabs")
        self._build_tabs()

        bar = QHBoxLayout()
        bar.addWidget(self._period)
        bar.addWidget(self._refresh)
        bar.addStretch(1)
        bar.addWidget(self._deidentify)
        bar.addWidget(self._export)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self._status)
        layout.addWidget(self._totals)
        layout.addWidget(self._tabs, 1)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self._period_chosen)
        self._period.changed.connect(self._reload_timer.start)
        self._refresh.clicked.connect(self.reload)
        self._export.clicked.connect(self._export_clicked)
        ctx.bus.orders_changed.connect(self._mark_stale)
        ctx.bus.reference_changed.connect(self._mark_stale)
        self.reload()

    # --- layout -------------------------------------------------------------------------------

    def _build_tabs(self) -> None:
        trend = QSplitter(Qt.Orientation.Vertical)
        trend.addWidget(self._trend_chart)
        trend.addWidget(self._table(self._trend, "trendTable"))
        trend.setStretchFactor(0, 3)
        trend.setStretchFactor(1, 2)
        definitions = QTextBrowser()
        definitions.setObjectName("definitions")
        definitions.setHtml(self._definitions_html())
        tabs = self._tabs
        tabs.addTab(self._table(self._departments, "departmentTable"), self.tr("Departments"))
        tabs.addTab(self._satisfaction_chart, self.tr("Satisfaction chart"))
        tabs.addTab(trend, self.tr("Trend"))
        tabs.addTab(self._table(self._categories, "categoryTable"), self.tr("Categories"))
        tabs.addTab(self._table(self._channels, "channelTable"), self.tr("Channels"))
        self._overdue_tab = tabs.addTab(self._table(self._overdue, "overdueTable"), "")
        self._unsatisfied_tab = tabs.addTab(self._table(self._unsatisfied, "unsatisfiedTable"),
                                            "")
        tabs.addTab(definitions, self.tr("Definitions"))
        self._name_list_tabs(0, 0)

    def _table(self, model: ColumnsModel[Any], name: str) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(sorted_view(model, view))
        view.verticalHeader().hide()
        view.setAlternatingRowColors(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)  # the report's order until a header is clicked
        return view

    def _name_list_tabs(self, overdue: int, unsatisfied: int) -> None:
        self._tabs.setTabText(self._overdue_tab, self.tr("Overdue open (%n)", "", overdue))
        self._tabs.setTabText(self._unsatisfied_tab,
                              self.tr("Unsatisfied callbacks (%n)", "", unsatisfied))

    def _definitions_html(self) -> str:
        def rows(items: list[tuple[str, str]]) -> str:
            return "".join(f"<tr><td style='padding:3px 12px 3px 0'><b>{html.escape(a)}</b>"
                           f"</td><td style='padding:3px 0'>{html.escape(b)}</td></tr>"
                           for a, b in items)

        figures = [(d.name, d.formula) for d in figure_defs()]
        counted = html.escape(self.tr("How each figure is counted"))
        rules = html.escape(self.tr("Rules"))
        return (f"<h3>{counted}</h3><table>{rows(figures)}</table>"
                f"<h3>{rules}</h3><table>{rows(list(notes()))}</table>")

    # --- loading ------------------------------------------------------------------------------

    def activate(self) -> None:
        """Shown again: a new day may offer a new week; count again if orders changed."""
        self._period.set_now(self._ctx.clock.now())
        if self._stale:
            self.reload()

    def report(self) -> WeeklyReport | None:
        """The report on screen (None until the first one has been counted)."""
        return self._report

    def period_chooser(self) -> PeriodChooser:
        return self._period

    @Slot()
    def reload(self, *, quiet: bool = False) -> None:
        """Count the chosen period's figures on the worker; the newest request wins. A period
        that cannot be counted (a range ending before it starts) is refused with a message,
        ``quiet``ly (in the status line only) while the user is still choosing."""
        self._reload_timer.stop()
        factory = self._reader_factory()
        if factory is None:
            return
        try:
            period = self._period.period()
        except DeskError as exc:
            self._status.setText(self._ctx.tr_error(exc))
            if not quiet:
                self._ctx.prompts.error(self, exc)
            return
        self._stale = False
        self._load_seq += 1
        seq = self._load_seq
        actor, clock = self._ctx.actor, self._ctx.clock
        self._status.setText(self.tr("Counting the figures for {period}…")
                             .format(period=self._period_text(period)))
        self._ctx.read(lambda: weekly_report(factory, actor, clock, period),
                       lambda report: self._loaded(seq, report), parent=self,
                       progress=self.tr("Counting the figures…"),
                       on_error=lambda exc: self._failed(seq, exc))

    @Slot()
    def _period_chosen(self) -> None:
        self.reload(quiet=True)

    def _reader_factory(self) -> ReaderFactory | None:
        """The desk's statistics reader; None (and the screen says so) if it has none."""
        factory: ReaderFactory | None = self._ctx.extras.get("stats_reader")
        if factory is None:
            self._status.setText(self.tr("The statistics are not available in this desk: no "
                                         "statistics reader is set up."))
            self._refresh.setEnabled(False)
            self._export.setEnabled(False)
        return factory

    def _loaded(self, seq: int, report: WeeklyReport) -> None:
        if seq != self._load_seq:
            return  # a newer request is on its way
        self._report = report
        self._status.setText(self.tr("{period}, counted at {made}. Hover a figure or a column "
                                     "header for its definition.").format(
            period=self._period_text(report.period), made=fmt.local(report.made_at)))
        self._totals.show_figures(report.total)
        self._departments.set_rows(columns.ranked(report.departments))
        self._categories.set_rows(columns.ranked(report.categories))
        self._channels.set_rows(columns.ranked(report.channels))
        self._trend.set_rows(list(reversed(report.trend)))
        self._overdue.set_rows(columns.overdue_rows(report))
        self._unsatisfied.set_rows(list(report.unsatisfied))
        self._satisfaction_chart.set_rows(report.departments)
        self._trend_chart.set_trend(report.trend)
        self._name_list_tabs(len(report.overdue), len(report.unsatisfied))
        for view in self.findChildren(QTableView):
            _fit_columns(view)

    def _failed(self, seq: int, exc: BaseException) -> None:
        if seq != self._load_seq:
            return
        self._status.setText(self._ctx.tr_error(exc))
        if isinstance(exc, PermissionDenied):
            self._export.setEnabled(False)
        self._ctx.prompts.error(self, exc)

    def _period_text(self, period: Period) -> str:
        first = period.start.astimezone(SHANGHAI).date()
        last = (period.end - timedelta(seconds=1)).astimezone(SHANGHAI).date()
        dates = self.tr("{first} to {last}").format(first=first.isoformat(),
                                                    last=last.isoformat())
        text = dates if period.label == f"{first}..{last}" else self.tr(
            "{label} ({dates})").format(label=period.label, dates=dates)
        if period.end > self._ctx.clock.now():
            text += self.tr(", so far")
        return text

    @Slot(object)
    def _mark_stale(self, _changed: object = None) -> None:
        self._stale = True

    # --- export -------------------------------------------------------------------------------

    def _ask_export_path(self, suggested: Path) -> Path | None:
        """Where to save the sheet (a Save-as dialog); None if the user cancelled. Tests
        replace this method on the instance."""
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the weekly sheet"), str(suggested),
            self.tr("Excel workbook (*.xlsx)"))
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")

    def _default_export_dir(self) -> Path:
        if self._export_dir is not None:
            return self._export_dir
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents else Path.home()

    @Slot()
    def _export_clicked(self) -> None:
        if self._exporting:
            return
        factory = self._reader_factory()
        if factory is None:
            return
        try:
            period = self._period.period()
        except DeskError as exc:
            self._ctx.prompts.error(self, exc)
            return
        path = self._ask_export_path(sheet_path(self._default_export_dir(), period))
        if path is None:
            return
        deidentified = self._deidentify.isChecked()
        if not deidentified and not self._ctx.prompts.confirm(
                self, self.tr("Export callers in full?"),
                self.tr("The sheet will show callers' full names and phone numbers. Keep it "
                        "inside the centre. Your name is recorded in the log. Go on?")):
            return
        self._set_exporting(True)
        self._status.setText(self.tr("Exporting {period} to {path}…").format(
            period=self._period_text(period), path=str(path)))
        work = _export_job(factory, self._ctx, period, path, deidentified, self._write_sheet)
        self._ctx.ops.run(work, lambda saved: self._exported(period, saved),
                          self._export_failed, progress=self.tr("Exporting the weekly sheet…"),
                          parent=self, with_report=True)

    def is_exporting(self) -> bool:
        return self._exporting

    def _set_exporting(self, on: bool) -> None:
        self._exporting = on
        self._export.setEnabled(not on)
        self._export.setText(self.tr("Exporting…") if on else self.tr("&Export to Excel…"))

    def _exported(self, period: Period, saved: Path | None) -> None:
        self._set_exporting(False)
        if saved is None:
            self._status.setText(self.tr("The export was cancelled; no file was written."))
            return
        self._export_dir = saved.parent
        text = self.tr("The weekly sheet for {period} was saved to {path}").format(
            period=self._period_text(period), path=str(saved))
        self._status.setText(text)
        self._ctx.prompts.info(self, self.tr("Export finished"), text)

    def _export_failed(self, exc: BaseException) -> None:
        self._set_exporting(False)
        self._status.setText(self._ctx.tr_error(exc))
        self._ctx.prompts.error(self, exc)


def _export_job(factory: ReaderFactory, ctx: DeskContext, period: Period, path: Path,
                deidentified: bool, write: SheetWriter) -> Callable[[Callable[[int, int], None]],
                                                                    Path | None]:
    """The export as worker work: count, then write sheet by sheet; None if cancelled."""
    actor, clock = ctx.actor, ctx.clock

    def work(report: Callable[[int, int], None]) -> Path | None:
        try:
            report(0, 8)
            made = weekly_report(factory, actor, clock, period, deidentified=deidentified,
                                 access_log=None if deidentified else ctx.uow())
            report(1, 8)
            return write(made, path, progress=lambda done, total: report(1 + done, 1 + total))
        except Cancelled:
            return None

    return work


def _fit_columns(view: QTableView) -> None:
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for column in range(header.count()):
        if header.sectionSize(column) > TEXT_COLUMN_MAX:
            header.resizeSection(column, TEXT_COLUMN_MAX)
