"""The holiday calendar: a year at a glance, where its data comes from, edits and imports.

A day clicked in the year view opens :class:`DayDialog` (working / not working with a note, or
clear the administrator's entry); "Import holiday file…" reads a CSV or JSON file in the
background, asks for confirmation with a summary and stores it. A year without holiday data
(neither the chinese-calendar package nor an import) shows a warning banner.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QRect, Qt, Signal, Slot
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core import admin
from core.admin import CalendarDayView, CalendarYearView, DayKind, DayOrigin
from core.calendar import SHANGHAI
from core.calendar_import import CalendarImport
from gui.admin.common import WARNING_STYLE, FormDialog, button, hint, write
from gui.admin.year_view import FILL, INK, YearView, paint_override_mark
from gui.context import DeskContext
from gui.fmt import local


def kind_text(kind: DayKind) -> str:
    return {
        DayKind.WORKDAY: QCoreApplication.translate("CalendarTab", "Working day"),
        DayKind.WEEKEND: QCoreApplication.translate("CalendarTab", "Weekend"),
        DayKind.HOLIDAY: QCoreApplication.translate("CalendarTab", "Holiday"),
        DayKind.MAKEUP: QCoreApplication.translate("CalendarTab", "Make-up working day"),
    }[kind]


def origin_text(day: CalendarDayView, year: CalendarYearView) -> str:
    if day.origin is DayOrigin.PACKAGE:
        return QCoreApplication.translate(
            "CalendarTab", "chinese-calendar package ({first}–{last})").format(
            first=year.package_first, last=year.package_last)
    if day.origin is DayOrigin.IMPORT:
        if year.imported is not None and year.imported.source:
            return QCoreApplication.translate("CalendarTab", "imported from {file}").format(
                file=year.imported.source)
        return QCoreApplication.translate("CalendarTab", "entered by an administrator")
    if day.origin is DayOrigin.OVERRIDE:
        return QCoreApplication.translate("CalendarTab", "set by hand by an administrator")
    return QCoreApplication.translate("CalendarTab",
                                      "no holiday data: Monday to Friday assumed")


def day_summary(day: CalendarDayView, year: CalendarYearView, language: str) -> str:
    """Several lines about one date: what it is, why, and where that comes from."""
    locale = QLocale(QLocale.Language.English) if language == "en" else QLocale(
        QLocale.Language.Chinese, QLocale.Country.China)
    lines = [f"{day.day.isoformat()} "
             f"{locale.dayName(day.day.isoweekday(), QLocale.FormatType.LongFormat)}"]
    occasion = day.occasion_en if language == "en" else day.occasion_zh
    what = kind_text(day.kind)
    lines.append(f"{what} · {occasion}" if occasion else what)
    if day.note:
        lines.append(QCoreApplication.translate("CalendarTab", "Note: {note}").format(
            note=day.note))
    lines.append(QCoreApplication.translate("CalendarTab", "Source: {origin}").format(
        origin=origin_text(day, year)))
    if day.updated_at is not None and day.origin is DayOrigin.OVERRIDE:
        lines.append(QCoreApplication.translate("CalendarTab", "Set on {time}").format(
            time=local(day.updated_at)))
    if day.base_working != day.working:
        base = (QCoreApplication.translate("CalendarTab", "a working day") if day.base_working
                else QCoreApplication.translate("CalendarTab", "a day off"))
        lines.append(QCoreApplication.translate(
            "CalendarTab", "Without the administrator's entry it would be {base}.").format(
            base=base))
    return "\n".join(lines)


class DayDialog(FormDialog):
    """Set one date working or not working, with a note; or clear the administrator's entry."""

    clear_requested = Signal()

    def __init__(self, day: CalendarDayView, year: CalendarYearView, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Working day or day off"), "dayDialog", parent)
        self.day = day
        about = QLabel(day_summary(day, year, language))
        about.setObjectName("dayAbout")
        self.working_radio = QRadioButton(self.tr("Working day (staff at work)"))
        self.working_radio.setObjectName("workingRadio")
        self.off_radio = QRadioButton(self.tr("Day off (holiday)"))
        self.off_radio.setObjectName("offRadio")
        group = QButtonGroup(self)
        group.addButton(self.working_radio)
        group.addButton(self.off_radio)
        (self.working_radio if day.working else self.off_radio).setChecked(True)
        self.note_edit = QLineEdit(day.note)
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setMaxLength(admin.NOTE_LENGTH)
        self.note_edit.setPlaceholderText(self.tr("e.g. the State Council's notice"))
        choice = QVBoxLayout()
        choice.addWidget(self.working_radio)
        choice.addWidget(self.off_radio)
        self.form.addRow(self.tr("Date:"), about)
        self.form.addRow(self.tr("Set as:"), choice)
        self.form.addRow(self.tr("Note:"), self.note_edit)
        self.clear_button = QPushButton(self.tr("Clear this day's entry"))
        self.clear_button.setObjectName("clearDayButton")
        self.clear_button.setEnabled(day.updated_at is not None)
        self.clear_button.setToolTip(self.tr(
            "Remove the administrator's entry: the package data or the Monday-to-Friday rule "
            "decides again."))
        self.clear_button.clicked.connect(self.clear_requested)
        self.buttons.addButton(self.clear_button, self.buttons.ButtonRole.ResetRole)
        self.add_below(hint(self.tr(
            "Deadlines computed from now on follow this date; deadlines already set stay.")))

    def values(self) -> tuple[bool, str]:
        return self.working_radio.isChecked(), self.note_edit.text()


def _swatch(kind: DayKind, override: bool = False) -> QPixmap:
    pixmap = QPixmap(18, 14)
    pixmap.fill(FILL[kind])
    painter = QPainter(pixmap)
    painter.setPen(INK[kind] if not override else Qt.GlobalColor.transparent)
    painter.drawRect(QRect(0, 0, 17, 13))
    if override:
        paint_override_mark(painter, QRect(0, 0, 18, 14))
    painter.end()
    return pixmap


def legend() -> QWidget:
    box = QWidget()
    box.setObjectName("calendarLegend")
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    entries = [
        (_swatch(DayKind.HOLIDAY), QCoreApplication.translate("CalendarTab", "Holiday (H)")),
        (_swatch(DayKind.MAKEUP),
         QCoreApplication.translate("CalendarTab", "Make-up working day (W)")),
        (_swatch(DayKind.WEEKEND), QCoreApplication.translate("CalendarTab", "Weekend")),
        (_swatch(DayKind.WORKDAY), QCoreApplication.translate("CalendarTab", "Working day")),
        (_swatch(DayKind.WORKDAY, override=True),
         QCoreApplication.translate("CalendarTab", "Set by hand by an administrator")),
    ]
    for pixmap, text in entries:
        icon = QLabel()
        icon.setPixmap(pixmap)
        row.addWidget(icon)
        row.addWidget(QLabel(text))
        row.addSpacing(12)
    row.addStretch(1)
    return box


class CalendarTab(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarTab")
        self._ctx = ctx
        self.dialog: DayDialog | None = None
        self.year: CalendarYearView | None = None

        self.year_spin = QSpinBox()
        self.year_spin.setObjectName("yearSpin")
        self.year_spin.setRange(admin.FIRST_YEAR, admin.LAST_YEAR)
        self.year_spin.setValue(self._today().year)
        self.year_spin.setAccessibleName(self.tr("Year"))
        self.year_spin.valueChanged.connect(lambda _year: self.reload())
        previous = button(self.tr("◀ Previous year"), "previousYearButton",
                          lambda: self.year_spin.stepBy(-1))
        following = button(self.tr("Next year ▶"), "nextYearButton",
                           lambda: self.year_spin.stepBy(1))
        this_year = button(self.tr("This year"), "thisYearButton",
                           lambda: self.year_spin.setValue(self._today().year))
        self.import_button = button(self.tr("Import holiday file…"), "importCalendarButton",
                                    self.choose_import_file)
        top = QHBoxLayout()
        top.addWidget(previous)
        top.addWidget(self.year_spin)
        top.addWidget(following)
        top.addWidget(this_year)
        top.addStretch(1)
        top.addWidget(self.import_button)

        self.banner = QLabel()
        self.banner.setObjectName("noDataBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(WARNING_STYLE)
        self.mark_year_button = button(self.tr("All holidays of this year are entered"),
                                       "markYearButton", self.mark_year_entered)
        self.mark_year_button.setToolTip(self.tr(
            "After setting every holiday and make-up working day of the year by hand: the "
            "year then counts as entered and the warning goes away."))
        warning = QHBoxLayout()
        warning.addWidget(self.banner, 1)
        warning.addWidget(self.mark_year_button)
        self.banner.hide()
        self.mark_year_button.hide()
        self.source_label = QLabel()
        self.source_label.setObjectName("calendarSourceLabel")
        self.source_label.setWordWrap(True)
        self.year_view = YearView(ctx.language)
        self.year_view.describe = self._describe
        self.year_view.day_activated.connect(self.open_day)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.year_view)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(warning)
        layout.addWidget(self.source_label)
        layout.addWidget(scroll, 1)
        layout.addWidget(legend())
        layout.addWidget(hint(self.tr(
            "Click a day (or select it with the arrow keys and press Enter) to make it a "
            "working day or a day off. Holiday files are CSV (date,kind,note; kind 休 or 班) "
            "or JSON ({\"year\": 2027, \"holidays\": [...], \"workdays\": [...]}).")))

    def _today(self) -> date:
        return self._ctx.clock.now().astimezone(SHANGHAI).date()

    # --- loading ------------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        ctx = self._ctx
        year = self.year_spin.value()
        ctx.read(lambda: admin.calendar_year(ctx.uow(write=False), year), self._show,
                 parent=self)

    def _show(self, year: CalendarYearView) -> None:
        if year.year != self.year_spin.value():
            return  # an older answer; the newer one is on its way
        self.year = year
        self.year_view.set_year(year, self._today())
        self.banner.setVisible(not year.has_data)
        self.mark_year_button.setVisible(not year.has_data)
        self.banner.setText(self.tr(
            "{year} has no holiday data: working days are counted Monday to Friday, so "
            "deadlines may be wrong. When the State Council publishes the holidays (usually in "
            "November), import them or set the days here.").format(year=year.year))
        self.source_label.setText(self._source_text(year))

    def _source_text(self, year: CalendarYearView) -> str:
        parts = []
        if year.in_package:
            parts.append(self.tr("Data: chinese-calendar package (covers {first}–{last})")
                         .format(first=year.package_first, last=year.package_last))
        if year.imported is not None and year.imported.source:
            parts.append(self.tr("imported from {file} on {time}").format(
                file=year.imported.source, time=local(year.imported.imported_at)))
        elif year.imported is not None:
            parts.append(self.tr("entered by an administrator on {time}").format(
                time=local(year.imported.imported_at)))
        if not year.has_data:
            parts.append(self.tr("Data: none (Monday to Friday)"))
        parts.append(self.tr("%n holiday(s)", "", year.holidays))
        parts.append(self.tr("%n make-up working day(s)", "", year.makeup_days))
        if year.overrides:
            parts.append(self.tr("%n day(s) set by hand", "", year.overrides))
        return self.tr("; ").join(parts)

    def _describe(self, d: date) -> str:
        if self.year is None or d.year != self.year.year:
            return ""
        return day_summary(self.year.day(d), self.year, self._ctx.language)

    # --- editing a day ------------------------------------------------------------------------

    @Slot(object)
    def open_day(self, d: date) -> None:
        if self.year is None or d.year != self.year.year:
            return
        dialog = DayDialog(self.year.day(d), self.year, self._ctx.language, self)
        dialog.submitted.connect(lambda: self._save_day(dialog))
        dialog.clear_requested.connect(lambda: self._clear_day(dialog))
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _save_day(self, dialog: DayDialog) -> None:
        ctx = self._ctx
        working, note = dialog.values()
        day = dialog.day.day
        write(ctx, dialog,
              lambda: admin.set_calendar_day(ctx.uow(), ctx.actor, ctx.clock, day, working,
                                             note),
              lambda _none: dialog.accept())

    def _clear_day(self, dialog: DayDialog) -> None:
        ctx = self._ctx
        day = dialog.day.day
        write(ctx, dialog, lambda: admin.clear_calendar_day(ctx.uow(), ctx.actor, day),
              lambda _removed: dialog.accept())

    @Slot()
    def mark_year_entered(self) -> None:
        ctx = self._ctx
        year = self.year_spin.value()
        if not ctx.prompts.confirm(self, self.tr("Year entered"), self.tr(
                "Have all holidays and make-up working days of {year} been set? Its other days "
                "will count Monday to Friday without a warning.").format(year=year)):
            return
        write(ctx, self,
              lambda: admin.mark_calendar_year_entered(ctx.uow(), ctx.actor, ctx.clock, year))

    # --- import -------------------------------------------------------------------------------

    @Slot()
    def choose_import_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import holiday file"), "",
            self.tr("Holiday files (*.csv *.json);;All files (*)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str | Path) -> None:
        """Read ``path`` in the background; a bad file is refused with every problem listed,
        a good one is summarised and stored once the administrator confirms."""
        ctx = self._ctx
        file = Path(path)
        ctx.read(lambda: admin.read_calendar_file(file),
                 lambda data: self._confirm_import(file, data), parent=self)

    def _confirm_import(self, file: Path, data: CalendarImport) -> None:
        ctx = self._ctx
        holidays = sum(1 for d in data.days if not d.working)
        makeup = len(data.days) - holidays
        years = ", ".join(str(y) for y in sorted(data.years))
        text = self.tr(
            "Import {file}: {holidays} holiday(s) and {makeup} make-up working day(s) for "
            "{years}? Entries already stored for these dates are replaced, and the years "
            "count as entered in full.").format(file=file.name, holidays=holidays,
                                                makeup=makeup, years=years)
        if not ctx.prompts.confirm(self, self.tr("Import holiday file"), text):
            return
        first = min(data.years)

        def done(count: int) -> None:
            ctx.prompts.info(self, self.tr("Holiday file imported"),
                             self.tr("%n day(s) imported from {file}.", "", count)
                             .format(file=file.name))
            self.year_spin.setValue(first)

        write(ctx, self,
              lambda: admin.import_calendar(ctx.uow(), ctx.actor, ctx.clock, data,
                                            source=file.name), done)
