"""Choosing the statistics period: a week (default: the last complete one), this week so far,
or a range of dates. Weeks run Monday 00:00 to the next Monday 00:00, Asia/Shanghai."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import IntEnum

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from core.calendar import SHANGHAI
from core.stats_model import Period

WEEKS_OFFERED = 52


class Mode(IntEnum):
    WEEK = 0
    WEEK_SO_FAR = 1
    RANGE = 2


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _key(year: int, week: int) -> str:
    return f"{year:04d}-W{week:02d}"  # as Period.parse reads it


def _date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class PeriodChooser(QWidget):
    """Says which period to count; :meth:`period` builds it (ValidationError for a range whose
    end is before its start). ``now`` fixes "today" and the list of weeks."""

    changed = Signal()

    def __init__(self, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = now.astimezone(SHANGHAI).date()
        self._mode = QComboBox()
        self._mode.setObjectName("periodMode")
        self._mode.addItem(self.tr("Week"), Mode.WEEK)
        self._mode.addItem(self.tr("This week so far"), Mode.WEEK_SO_FAR)
        self._mode.addItem(self.tr("Date range"), Mode.RANGE)
        self._mode.setToolTip(self.tr("A week runs from Monday 00:00 to the next Monday 00:00, "
                                      "Beijing time"))
        self._week = QComboBox()
        self._week.setObjectName("periodWeek")
        self._from = self._date_edit("periodFrom")
        self._to = self._date_edit("periodTo")
        self._to_label = QLabel(self.tr("to"))
        self._fill_weeks()
        last_monday = _monday(self._today) - timedelta(days=7)
        self._from.setDate(_qdate(last_monday))
        self._to.setDate(_qdate(last_monday + timedelta(days=6)))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("&Period:"))
        label.setBuddy(self._mode)
        for w in (label, self._mode, self._week, self._from, self._to_label, self._to):
            layout.addWidget(w)
        self._mode.currentIndexChanged.connect(self._mode_changed)
        self._week.currentIndexChanged.connect(self.changed)
        self._from.dateChanged.connect(self.changed)
        self._to.dateChanged.connect(self.changed)
        self._mode_changed()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMaximumDate(_qdate(self._today))
        return edit

    def _fill_weeks(self) -> None:
        self._week.clear()
        monday = _monday(self._today)
        for i in range(1, WEEKS_OFFERED + 1):
            first = monday - timedelta(weeks=i)
            year, week, _ = first.isocalendar()
            self._week.addItem(self._week_text(year, week, first), _key(year, week))

    def _week_text(self, year: int, week: int, first: date) -> str:
        last = first + timedelta(days=6)
        return self.tr("{year}-W{week:02d} ({first} to {last})").format(
            year=year, week=week, first=f"{first:%m-%d}", last=f"{last:%m-%d}")

    # --- what the page asks -------------------------------------------------------------------

    def mode(self) -> Mode:
        return Mode(self._mode.currentData())

    def period(self) -> Period:
        mode = self.mode()
        if mode == Mode.WEEK:
            return Period.parse(self._week.currentData())
        if mode == Mode.WEEK_SO_FAR:
            return Period.dates(_monday(self._today), self._today)
        return Period.dates(_date(self._from.date()), _date(self._to.date()))

    def set_mode(self, mode: Mode) -> None:
        self._mode.setCurrentIndex(self._mode.findData(mode))

    def select_week(self, year: int, week: int) -> None:
        """Choose week ``year``-W``week`` (added to the list when it is older than offered)."""
        index = self._week.findData(_key(year, week))
        if index < 0:
            first = Period.week(year, week).start.date()
            self._week.addItem(self._week_text(year, week, first), _key(year, week))
            index = self._week.count() - 1
        self.set_mode(Mode.WEEK)
        self._week.setCurrentIndex(index)

    def set_range(self, first: date, last: date) -> None:
        self.set_mode(Mode.RANGE)
        self._from.setDate(_qdate(first))
        self._to.setDate(_qdate(last))

    def set_now(self, now: datetime) -> None:
        """A new day: offer the weeks up to the last complete one, keeping the choice."""
        today = now.astimezone(SHANGHAI).date()
        if today == self._today:
            return
        chosen = self._week.currentData()
        self._today = today
        self._week.blockSignals(True)
        self._fill_weeks()
        self._week.blockSignals(False)
        for edit in (self._from, self._to):
            edit.setMaximumDate(_qdate(today))
        if chosen is not None:
            index = self._week.findData(chosen)
            self._week.setCurrentIndex(max(index, 0))

    @Slot()
    def _mode_changed(self) -> None:
        mode = self.mode()
        self._week.setVisible(mode == Mode.WEEK)
        for w in (self._from, self._to_label, self._to):
            w.setVisible(mode == Mode.RANGE)
        self.changed.emit()
