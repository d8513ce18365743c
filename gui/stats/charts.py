"""The statistics screen's two charts (Qt Charts): satisfaction by department, and the trend.

Both are redrawn from a finished report's records on the GUI thread; neither computes a
figure. Rates are drawn in percent, rounded to one decimal as the tables show them. A
department with no callbacks in the period has no satisfaction rate and gets no bar (a bar
of 0 % would claim something false); the chart lists such departments under it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Slot
from PySide6.QtGui import QColor, QCursor, QFont, QPainter, QPen
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QToolTip, QVBoxLayout, QWidget

from core.calendar import SHANGHAI
from core.stats_model import Row, TrendPoint
from gui.stats.figures import figure_def, percent

BAR_HEIGHT = 24  # pixels per department
SATISFACTION_COLOUR = QColor("#2f6fb0")
ON_TIME_COLOUR = QColor("#d9822b")
RECEIVED_COLOUR = QColor("#c8d3e0")


def _in_percent(rate: float) -> float:
    return round(rate * 100, 1)


def _clear(chart: QChart) -> None:
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
        axis.deleteLater()


def _new_chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setBold(True)
    font.setPointSizeF(max(font.pointSizeF(), 10.5))
    chart.setTitleFont(font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 12, 4))
    return chart


def _percent_axis() -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, 100)
    axis.setTickCount(6)
    axis.setLabelFormat("%d%%")
    return axis


def _rate_floor(points: Sequence[TrendPoint]) -> float:
    """Where the rate axis starts: a step of 10 % below the lowest rate, so that a change of a
    few points shows (as on the weekly sheet's trend chart)."""
    rates = [r for p in points for r in (p.figures.satisfaction_rate,
                                          p.figures.on_time_reply_rate) if r is not None]
    lowest = min(rates, default=0.0) * 100
    return max(0.0, math.floor(lowest / 10) * 10 - 10)


class SatisfactionChart(QWidget):
    """满意率 by department as horizontal bars, best at the top (the report's ranking)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._chart = _new_chart(self.tr("Satisfaction rate by department"))
        self._chart.legend().hide()
        self._view = QChartView(self._chart)
        self._view.setObjectName("satisfactionChart")
        self._view.setRenderHint(QPainter.RenderHint.Antialiasing)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._view)
        self._unrated = QLabel()
        self._unrated.setObjectName("unratedDepartments")
        self._unrated.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(self._unrated)
        self.set_rows([])

    def chart(self) -> QChart:
        return self._chart

    def departments(self) -> list[str]:
        """The departments that have a bar, top to bottom."""
        return list(reversed([r.name for r in self._rows]))

    def set_rows(self, rows: Sequence[Row]) -> None:
        """``rows`` as the report ranks them."""
        _clear(self._chart)
        rated = [r for r in rows if r.figures.satisfaction_rate is not None]
        self._rows = list(reversed(rated))  # a horizontal bar chart draws its first at the bottom
        bars = QBarSet(self.tr("Satisfaction rate"))
        bars.setColor(SATISFACTION_COLOUR)
        bars.setBorderColor(SATISFACTION_COLOUR)
        for r in self._rows:
            bars.append(_in_percent(r.figures.satisfaction_rate or 0.0))
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setBarWidth(0.7)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%")
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsInsideEnd)
        bars.setLabelColor(QColor("white"))
        series.hovered.connect(self._hovered)
        self._chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([r.name for r in self._rows] or [""])
        names.setGridLineVisible(False)
        values = _percent_axis()
        self._chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        self._chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(values)
        series.attachAxis(names)
        self._view.setMinimumHeight(110 + BAR_HEIGHT * max(len(self._rows), 3))
        unrated = [r.name for r in rows if r.figures.satisfaction_rate is None]
        self._unrated.setVisible(bool(unrated) or not rated)
        if not rated:
            self._unrated.setText(self.tr("No callback with an outcome in this period."))
        else:
            self._unrated.setText(self.tr("%n department(s) had no callback with an outcome "
                                          "and have no bar (hover to see which).", "",
                                          len(unrated)))
        self._unrated.setToolTip(self.tr(", ").join(unrated))

    @Slot(bool, int, QBarSet)
    def _hovered(self, status: bool, index: int, _bars: QBarSet) -> None:
        if not status or not 0 <= index < len(self._rows):
            QToolTip.hideText()
            return
        row = self._rows[index]
        rate = figure_def("satisfaction_rate")
        QToolTip.showText(QCursor.pos(), f"{row.name}\n{rate.name} {rate.text(row.figures)}"
                                         f" ({rate.detail(row.figures)})\n{rate.formula}")


class TrendChart(QChartView):
    """The last weeks: received as bars (right axis), satisfaction and on-time reply rates as
    lines (left axis, percent). A week without a rate has no point on that line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trendChart")
        self._chart = _new_chart(self.tr("Trend of the last 8 weeks"))
        self._chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setChart(self._chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self._weeks: list[str] = []

    def weeks(self) -> list[str]:
        return list(self._weeks)

    def set_trend(self, points: Sequence[TrendPoint]) -> None:
        _clear(self._chart)
        self._weeks = [p.period.start.astimezone(SHANGHAI).strftime("%m-%d") for p in points]
        weeks = QBarCategoryAxis()
        weeks.append(self._weeks or [""])
        weeks.setTitleText(self.tr("Week beginning"))
        rates = _percent_axis()
        floor = _rate_floor(points)
        rates.setMin(floor)
        rates.setTickCount(6 if floor == 0 else int((100 - floor) // 10) + 1)
        volumes = QValueAxis()
        volumes.setLabelFormat("%d")
        self._chart.addAxis(weeks, Qt.AlignmentFlag.AlignBottom)
        self._chart.addAxis(rates, Qt.AlignmentFlag.AlignLeft)
        self._chart.addAxis(volumes, Qt.AlignmentFlag.AlignRight)

        received = QBarSet(figure_def("received").name)
        received.setColor(RECEIVED_COLOUR)
        received.setBorderColor(RECEIVED_COLOUR)
        for p in points:
            received.append(p.figures.received)
        bars = QBarSeries()
        bars.append(received)
        bars.setBarWidth(0.5)
        self._chart.addSeries(bars)
        bars.attachAxis(weeks)
        bars.attachAxis(volumes)
        top = max((p.figures.received for p in points), default=0)
        volumes.setRange(0, max(top * 1.15, 10))
        volumes.applyNiceNumbers()

        for attr, colour in (("satisfaction_rate", SATISFACTION_COLOUR),
                             ("on_time_reply_rate", ON_TIME_COLOUR)):
            line = QLineSeries()
            line.setName(figure_def(attr).name)
            pen = QPen(colour)
            pen.setWidthF(2.5)
            line.setPen(pen)
            line.setPointsVisible(True)
            # Only the satisfaction line is labelled: two close lines' labels would collide.
            line.setPointLabelsVisible(attr == "satisfaction_rate")
            line.setPointLabelsFormat("@yPoint%")
            line.setPointLabelsColor(colour)
            line.setPointLabelsClipping(False)
            for i, p in enumerate(points):
                rate = getattr(p.figures, attr)
                if rate is not None:
                    line.append(i, _in_percent(rate))
            self._chart.addSeries(line)
            line.attachAxis(weeks)
            line.attachAxis(rates)
        self.setToolTip("\n".join(self._week_text(p) for p in points))

    def _week_text(self, p: TrendPoint) -> str:
        f = p.figures
        return self.tr("{week}: received {received}, satisfaction {satisfaction}, on-time "
                       "reply {on_time}").format(
            week=p.period.label, received=f.received, satisfaction=percent(f.satisfaction_rate),
            on_time=percent(f.on_time_reply_rate))
