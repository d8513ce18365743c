"""The order window's 舆情 pane: for an order that is a public-opinion item, what monitoring
recorded (platform, link, posting time, reach), the assessment (risk level, department), the
clocks coloured by warning (yellow: less than a quarter left; red: past due or met late) and the
responses recorded; with the buttons 研判 and 登记回应 for operators and supervisors.

The pane reads :func:`core.opinion_view.opinion_view` in the background when it is built and
whenever the change bus reports its order changed; it stays hidden for other orders, and when
the desk has no 舆情 store (``ctx.extras["opinion_uow"]``).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.calendar import WarningLevel
from core.model import Role
from core.opinion_view import ClockView, OpinionView, opinion_view
from gui import fmt
from gui.context import Changed, DeskContext
from gui.orders.columns import RED, YELLOW
from gui.orders.dialogs.opinion_dialogs import OPINION_UOW, AssessDialog, ResponseDialog
from gui.orders.guard import alive

log = logging.getLogger(__name__)
GREEN = QColor("#d9f7be")
_LEVEL_STYLE = {
    WarningLevel.NONE: "QLabel { color: #389e0d; font-weight: bold; }",
    WarningLevel.YELLOW: "QLabel { background: #ffe58f; font-weight: bold; padding: 1px 6px; }",
    WarningLevel.RED: "QLabel { background: #ffa39e; font-weight: bold; padding: 1px 6px; }",
}


def _table(name: str, headers: list[str], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)  # long links are elided; the tooltip has them whole
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[list[tuple[str, QColor | None]]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, (text, colour) in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text if len(text) > 30 else "")
            if colour is not None:
                item.setBackground(colour)
            table.setItem(r, c, item)
    table.resizeRowsToContents()
    height = table.horizontalHeader().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(table.rowCount())) or 24
    table.setFixedHeight(min(height, 150))


class OpinionPane(QGroupBox):
    """Build on the GUI thread; it loads itself."""

    def __init__(self, ctx: DeskContext, order_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("opinionPane")
        self.setTitle(self.tr("Public opinion"))
        self._ctx = ctx
        self._order_id = order_id
        self._view: OpinionView | None = None
        self._loading = False
        self._again = False
        self._runner = getattr(parent, "actions_runner", None)
        self.dialog: AssessDialog | ResponseDialog | None = None

        self._values: dict[str, QLabel] = {}
        form = self._form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key, title in self._field_titles():
            value = QLabel()
            value.setObjectName(f"opinion_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            value.setOpenExternalLinks(True)
            self._values[key] = value
            form.addRow(title, value)

        self.level_label = QLabel()
        self.level_label.setObjectName("opinionLevel")
        self.assess_button = QPushButton(self.tr("Assess…"))
        self.assess_button.setObjectName("assessButton")
        self.assess_button.clicked.connect(self.assess)
        self.respond_button = QPushButton(self.tr("Record response…"))
        self.respond_button.setObjectName("respondButton")
        self.respond_button.clicked.connect(self.respond)
        bar = QHBoxLayout()
        bar.addWidget(self.level_label)
        bar.addStretch(1)
        bar.addWidget(self.assess_button)
        bar.addWidget(self.respond_button)

        self.clocks = _table("opinionClocks", [
            self.tr("Required"), self.tr("Due"), self.tr("Published"), self.tr("Status")], 3)
        self.responses = _table("opinionResponses", [
            self.tr("Response"), self.tr("Published"), self.tr("Channel"), self.tr("Link"),
            self.tr("On time"), self.tr("Recorded")], 3)
        right = QVBoxLayout()
        right.addLayout(bar)
        right.addWidget(self.clocks)
        right.addWidget(self.responses)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(form, 2)
        layout.addLayout(right, 3)

        self.setVisible(False)
        if ctx.extras.get(OPINION_UOW) is not None:
            ctx.bus.orders_changed.connect(self._orders_changed)
            self.reload()

    def _field_titles(self) -> list[tuple[str, str]]:
        return [
            ("platform", self.tr("Platform")), ("link", self.tr("Link")),
            ("posted", self.tr("Posted")), ("reach", self.tr("Reposts and comments")),
            ("risk", self.tr("Risk level")), ("department", self.tr("Department")),
            ("assessed", self.tr("Assessed")), ("start", self.tr("Clocks from")),
        ]

    # --- loading ------------------------------------------------------------------------------

    @property
    def view(self) -> OpinionView | None:
        return self._view

    def value(self, key: str) -> str:
        return self._values[key].text()

    @Slot()
    def reload(self) -> None:
        factory = self._ctx.extras.get(OPINION_UOW)
        if factory is None:
            return
        if self._loading:
            self._again = True
            return
        self._loading = True
        ctx, order_id = self._ctx, self._order_id
        ctx.read(lambda: opinion_view(factory(write=False), ctx.actor, order_id,
                                      ctx.clock.now()),
                 self._show, parent=self, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        log.warning("the 舆情 pane of order %s could not be read: %s", self._order_id, exc)
        if alive(self):
            self._loading = False
            self.setVisible(False)

    def _show(self, view: OpinionView | None) -> None:
        if not alive(self):
            return
        self._loading = False
        if self._again:
            self._again = False
            self.reload()
        self._view = view
        self.setVisible(view is not None)
        if view is None:
            return
        lang = self._ctx.language
        link = view.link.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
        assessed = ""
        if view.assessed_at is not None:
            assessed = self.tr("{time} by {user}").format(time=fmt.local(view.assessed_at),
                                                          user=view.assessed_by or "—")
        basis = self.tr("posted") if view.posted_at is not None else self.tr("registered")
        values = {
            "platform": view.platform, "link": f'<a href="{link}">{link}</a>' if link else "",
            "posted": fmt.local(view.posted_at) or self.tr("unknown"),
            "reach": f"{view.reach:,}",
            "risk": fmt.label(view.risk_level, lang) if view.risk_level
            else self.tr("not assessed yet"),
            "department": view.department, "assessed": assessed,
            "start": self.tr("{time} ({basis})").format(time=fmt.local(view.start),
                                                        basis=basis),
        }
        for key, text in values.items():
            self._values[key].setText(text)
            self._form.setRowVisible(self._values[key], bool(text))
        self._show_level(view)
        _fill(self.clocks, [self._clock_row(c) for c in view.clocks])
        _fill(self.responses, [[
            (fmt.label(r.clock, lang), None), (fmt.local(r.at), None), (r.channel, None),
            (r.link, None),
            (self.tr("yes"), GREEN) if r.on_time else (self.tr("late"), RED),
            (f"{fmt.local(r.recorded_at)} {r.recorded_by}", None)] for r in view.responses])
        self.responses.setVisible(bool(view.responses))
        may = self._ctx.actor.has(Role.OPERATOR, Role.SUPERVISOR) and view.order_open
        self.assess_button.setVisible(may)
        self.respond_button.setVisible(may and bool(view.clocks))

    def _show_level(self, view: OpinionView) -> None:
        text = {WarningLevel.NONE: self.tr("No clock is late"),
                WarningLevel.YELLOW: self.tr("Due soon"),
                WarningLevel.RED: self.tr("Overdue")}[view.level]
        if not view.assessed:
            text = self.tr("Not assessed: the 48-hour response clock runs") + "　" + text
        self.level_label.setText(text)
        self.level_label.setStyleSheet(_LEVEL_STYLE[view.level])

    def _clock_row(self, c: ClockView) -> list[tuple[str, QColor | None]]:
        if c.done_at is not None:
            status = (self.tr("on time"), GREEN) if c.on_time else (self.tr("late"), RED)
            due: tuple[str, QColor | None] = (fmt.local(c.due), None if c.on_time else RED)
        else:
            colour = {WarningLevel.RED: RED, WarningLevel.YELLOW: YELLOW}.get(c.level)
            status = {WarningLevel.RED: self.tr("overdue, not published"),
                      WarningLevel.YELLOW: self.tr("due soon")}.get(
                c.level, self.tr("open")), colour
            due = (fmt.local(c.due), colour)
        return [(fmt.label(c.clock, self._ctx.language), None), due,
                (fmt.local(c.done_at), None), status]

    @Slot(object)
    def _orders_changed(self, changed: Changed) -> None:
        if not changed.order_ids or self._order_id in changed.order_ids:
            self.reload()

    # --- actions ------------------------------------------------------------------------------

    @Slot()
    def assess(self) -> None:
        if self._view is not None:
            self._open(AssessDialog(self._ctx, self._view, self.window()))

    @Slot()
    def respond(self) -> None:
        if self._view is not None and self._view.clocks:
            self._open(ResponseDialog(self._ctx, self._view, self.window()))

    def _open(self, dialog: AssessDialog | ResponseDialog) -> None:
        self.dialog = dialog
        if self._runner is not None:  # the order window's: its active_dialog() sees it
            self._runner.open(dialog)
        else:
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
