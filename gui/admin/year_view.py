"""The holiday calendar's year view: twelve month grids painted in one widget.

Statutory holidays are red with a 休 mark, make-up working days (调休上班) blue with a 班 mark,
weekends grey; a day the administrator set by hand carries an orange corner and frame. Click a
day (or move with the arrow keys and press Enter) to emit :attr:`YearView.day_activated`.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QEvent, QLocale, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygon,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from core.admin import CalendarDayView, CalendarYearView, DayKind

MONTH_COLUMNS = 4
MONTH_GAP = QSize(16, 10)  # between two month grids
FILL = {
    DayKind.WORKDAY: QColor("#ffffff"),
    DayKind.WEEKEND: QColor("#f0f0f0"),
    DayKind.HOLIDAY: QColor("#ffe1e1"),
    DayKind.MAKEUP: QColor("#dde9ff"),
}
INK = {
    DayKind.WORKDAY: QColor("#262626"),
    DayKind.WEEKEND: QColor("#8c8c8c"),
    DayKind.HOLIDAY: QColor("#cf1322"),
    DayKind.MAKEUP: QColor("#1d4ed8"),
}
OVERRIDE_COLOUR = QColor("#d46b08")
SELECTION_COLOUR = QColor("#1677ff")
GRID_COLOUR = QColor("#d9d9d9")


class YearView(QWidget):
    """Show a :class:`CalendarYearView`; ``language`` picks month and weekday names."""

    day_activated = Signal(object)  # datetime.date

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("yearView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._locale = QLocale(QLocale.Language.English if language == "en"
                               else QLocale.Language.Chinese,
                               QLocale.Country.UnitedStates if language == "en"
                               else QLocale.Country.China)
        self._view: CalendarYearView | None = None
        self._today: date | None = None
        self.selected: date | None = None
        self.describe = lambda day: ""  # the tooltip text of a day; the owner replaces it

    # --- data ---------------------------------------------------------------------------------

    def set_year(self, view: CalendarYearView, today: date | None = None) -> None:
        self._view = view
        self._today = today
        if self.selected is None or self.selected.year != view.year:
            self.selected = today if today and today.year == view.year else date(view.year, 1, 1)
        self.update()

    def year_view(self) -> CalendarYearView | None:
        return self._view

    def day(self, d: date) -> CalendarDayView | None:
        if self._view is None or d.year != self._view.year:
            return None
        return self._view.day(d)

    def marks(self, d: date) -> set[str]:
        """What the cell of ``d`` shows besides its colour: "holiday", "makeup", "override",
        "today", "selected" (also what the tests look for)."""
        view = self.day(d)
        if view is None:
            return set()
        found = {view.kind.value} & {"holiday", "makeup"}
        if view.overridden:
            found.add("override")
        if d == self._today:
            found.add("today")
        if d == self.selected:
            found.add("selected")
        return found

    # --- geometry -----------------------------------------------------------------------------

    def _smallest_cell(self) -> QSize:
        fm = QFontMetrics(self.font())
        return QSize(max(fm.horizontalAdvance("00") + 14, 28), fm.height() + 6)

    def _cell(self) -> QSize:
        """A day's cell: at least the smallest readable size, growing (up to half as large
        again) with the widget."""
        least = self._smallest_cell()
        rows = 12 // MONTH_COLUMNS
        width = (self.width() // MONTH_COLUMNS - MONTH_GAP.width()) // 7
        height = (self.height() // rows - MONTH_GAP.height()) // 8
        return QSize(min(max(width, least.width()), least.width() * 3 // 2),
                     min(max(height, least.height()), least.height() * 3 // 2))

    def _month_size(self) -> QSize:
        cell = self._cell()
        return QSize(cell.width() * 7 + MONTH_GAP.width(), cell.height() * 8 + MONTH_GAP.height())

    def sizeHint(self) -> QSize:  # noqa: N802
        least = self._smallest_cell()
        return QSize((least.width() * 7 + MONTH_GAP.width()) * MONTH_COLUMNS,
                     (least.height() * 8 + MONTH_GAP.height()) * (12 // MONTH_COLUMNS))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()

    def _month_origin(self, month: int) -> QPoint:
        size = self._month_size()
        left = max(self.width() - size.width() * MONTH_COLUMNS, 0) // 2
        col, row = (month - 1) % MONTH_COLUMNS, (month - 1) // MONTH_COLUMNS
        return QPoint(left + col * size.width() + MONTH_GAP.width() // 2,
                      row * size.height() + MONTH_GAP.height() // 2)

    def cell_rect(self, d: date) -> QRect:
        """Where the day ``d`` is painted, in this widget's coordinates."""
        cell = self._cell()
        origin = self._month_origin(d.month)
        first = d.replace(day=1)
        week = (first.weekday() + d.day - 1) // 7
        return QRect(origin.x() + d.weekday() * cell.width(),
                     origin.y() + (week + 2) * cell.height(), cell.width(), cell.height())

    def day_at(self, pos: QPoint) -> date | None:
        if self._view is None:
            return None
        for month in range(1, 13):
            first = date(self._view.year, month, 1)
            d = first
            while d.month == month:
                if self.cell_rect(d).contains(pos):
                    return d
                d += timedelta(days=1)
        return None

    # --- painting -----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        if self._view is not None:
            for month in range(1, 13):
                self._paint_month(painter, month)
        painter.end()

    def _paint_month(self, painter: QPainter, month: int) -> None:
        assert self._view is not None
        cell = self._cell()
        origin = self._month_origin(month)
        title_font = QFont(self.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(QColor("#262626"))
        painter.drawText(QRect(origin.x(), origin.y(), cell.width() * 7, cell.height()),
                         Qt.AlignmentFlag.AlignCenter,
                         self._locale.standaloneMonthName(month, QLocale.FormatType.LongFormat))
        painter.setFont(self.font())
        for weekday in range(7):
            painter.setPen(INK[DayKind.WEEKEND if weekday >= 5 else DayKind.WORKDAY])
            painter.drawText(
                QRect(origin.x() + weekday * cell.width(), origin.y() + cell.height(),
                      cell.width(), cell.height()), Qt.AlignmentFlag.AlignCenter,
                self._locale.standaloneDayName(weekday + 1, QLocale.FormatType.NarrowFormat))
        d = date(self._view.year, month, 1)
        while d.month == month:
            self._paint_day(painter, d)
            d += timedelta(days=1)

    def _paint_day(self, painter: QPainter, d: date) -> None:
        view = self.day(d)
        if view is None:
            return
        rect = self.cell_rect(d).adjusted(1, 1, -1, -1)
        painter.fillRect(rect, FILL[view.kind])
        painter.setPen(QPen(GRID_COLOUR, 1))
        painter.drawRect(rect)
        font = QFont(self.font())
        font.setBold(view.kind in (DayKind.HOLIDAY, DayKind.MAKEUP) or d == self._today)
        font.setUnderline(d == self._today)
        painter.setFont(font)
        painter.setPen(INK[view.kind])
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(d.day))
        badge = {DayKind.HOLIDAY: self.tr("H", "mark of a holiday in a day cell"),
                 DayKind.MAKEUP: self.tr("W", "mark of a make-up working day in a day cell")
                 }.get(view.kind)
        if badge:
            small = QFont(self.font())
            small.setPointSizeF(max(self.font().pointSizeF() * 0.6, 6.0))
            painter.setFont(small)
            painter.drawText(rect.adjusted(0, 0, -2, 0),
                             Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight, badge)
        if view.overridden:
            paint_override_mark(painter, rect)
        if d == self.selected and self.hasFocus():
            painter.setPen(QPen(SELECTION_COLOUR, 2, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(2, 2, -2, -2))

    # --- interaction --------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        d = self.day_at(event.position().toPoint())
        if d is None or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.selected = d
        self.update()
        self.day_activated.emit(d)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self._view is None or self.selected is None:
            super().keyPressEvent(event)
            return
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7,
                 Qt.Key.Key_Down: 7}
        key = Qt.Key(event.key())
        if key in steps:
            moved = self.selected + timedelta(days=steps[key])
            if moved.year == self._view.year:
                self.selected = moved
                self.update()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.day_activated.emit(self.selected)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.update()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            d = self.day_at(event.pos())
            if d is not None:
                QToolTip.showText(event.globalPos(), self.describe(d), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


def paint_override_mark(painter: QPainter, rect: QRect) -> None:
    """The administrator's mark: an orange frame with a filled top-left corner."""
    painter.setPen(QPen(OVERRIDE_COLOUR, 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect.adjusted(1, 1, -1, -1))
    size = max(rect.height() // 2, 8)
    corner = QPolygon([rect.topLeft(), rect.topLeft() + QPoint(size, 0),
                       rect.topLeft() + QPoint(0, size)])
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(OVERRIDE_COLOUR)
    painter.drawPolygon(corner)
    painter.setBrush(Qt.BrushStyle.NoBrush)
