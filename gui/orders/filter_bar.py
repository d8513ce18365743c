"""The filter bar above an order list: state, department, category, channel, urgency, the
registration dates and free text, turned into a :class:`core.queries.ListFilter`.

Choices (departments, categories, channels) are read in the background and again after
reference data changed. A change of a choice applies at once; typed text applies after a
short pause or on Enter. Dates are Shanghai calendar dates; the lowest date means "any".
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from core.model import OrderState, Urgency
from core.queries import OPEN_ORDER_STATES, ListChoices, ListFilter, list_choices
from gui import fmt
from gui.context import DeskContext
from gui.orders.guard import alive

TEXT_DELAY_MS = 300
NO_DATE = QDate(2000, 1, 1)
OPEN = "open"


class OrderFilterBar(QWidget):
    """Emits :attr:`filter_changed` with the new filter whenever the user changes one."""

    filter_changed = Signal(object)  # ListFilter

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._applied = ListFilter()
        self._filling = True  # no filter_changed while the bar is being built or refilled

        self.state_box = self._combo("stateFilter")
        self.state_box.addItem(self.tr("All states"), None)
        self.state_box.addItem(self.tr("Open (not closed)"), OPEN)
        for state in OrderState:
            self.state_box.addItem(fmt.label(state, ctx.language), state.value)
        self.department_box = self._combo("departmentFilter")
        self.category_box = self._combo("categoryFilter")
        self.channel_box = self._combo("channelFilter")
        self.urgency_box = self._combo("urgencyFilter")
        self.urgency_box.addItem(self.tr("Any urgency"), None)
        for urgency in Urgency:
            self.urgency_box.addItem(fmt.label(urgency, ctx.language), urgency.value)
        self.date_from = self._date("dateFromFilter")
        self.date_to = self._date("dateToFilter")
        self.text_edit = QLineEdit()
        self.text_edit.setObjectName("textFilter")
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.setPlaceholderText(
            self.tr("Ticket no., title, content, phone, name or address"))
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.setObjectName("clearFilters")
        self._fill_choices(ListChoices((), (), ()))

        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TEXT_DELAY_MS)
        self._text_timer.timeout.connect(self.apply)
        self.text_edit.textChanged.connect(lambda _: self._text_timer.start())
        self.text_edit.returnPressed.connect(self.apply)
        self.clear_button.clicked.connect(self.clear)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        pairs = [(self.tr("State"), self.state_box), (self.tr("Department"), self.department_box),
                 (self.tr("Category"), self.category_box), (self.tr("Channel"), self.channel_box),
                 (self.tr("Urgency"), self.urgency_box)]
        for i, (text, box) in enumerate(pairs):
            grid.addWidget(self._label(text, box), 0, 2 * i)
            grid.addWidget(box, 0, 2 * i + 1)
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        grid.addWidget(self._label(self.tr("Registered"), self.date_from), 1, 0)
        grid.addLayout(dates, 1, 1, 1, 3)
        grid.addWidget(self._label(self.tr("Search"), self.text_edit), 1, 4)
        grid.addWidget(self.text_edit, 1, 5, 1, 4)
        grid.addWidget(self.clear_button, 1, 9)
        for col in range(1, 10, 2):
            grid.setColumnStretch(col, 1)

        self._filling = False
        ctx.bus.reference_changed.connect(self.load_choices)
        self.load_choices()

    # --- building -----------------------------------------------------------------------------

    def _combo(self, name: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(6)
        box.currentIndexChanged.connect(self._choice_changed)
        return box

    def _date(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("any date"))
        edit.setDate(NO_DATE)
        edit.setMinimumWidth(120)
        edit.dateChanged.connect(self._choice_changed)
        return edit

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return label

    @Slot()
    def load_choices(self) -> None:
        ctx = self._ctx
        ctx.read(lambda: list_choices(ctx.uow(write=False)), self._fill_choices)

    def _fill_choices(self, choices: ListChoices) -> None:
        if not alive(self):
            return
        was, self._filling = self._filling, True
        try:
            for box, first, items in (
                (self.department_box, self.tr("All departments"),
                 [(d.id, d.name) for d in choices.departments]),
                (self.category_box, self.tr("All categories"),
                 [(c.id, "\u3000" * max(c.level - 1, 0) + c.name) for c in choices.categories]),
                (self.channel_box, self.tr("All channels"),
                 [(c.id, c.name) for c in choices.channels]),
            ):
                kept = box.currentData()
                box.clear()
                box.addItem(first, None)
                for value, text in items:
                    box.addItem(text, value)
                found = box.findData(kept)
                box.setCurrentIndex(found if found >= 0 else 0)
        finally:
            self._filling = was

    # --- the filter ---------------------------------------------------------------------------

    def current_filter(self) -> ListFilter:
        state = self.state_box.currentData()
        urgency = self.urgency_box.currentData()
        if state == OPEN:
            states = frozenset(OPEN_ORDER_STATES)
        elif state is None:
            states = frozenset()
        else:
            states = frozenset({OrderState(state)})
        return ListFilter(
            states=states,
            department_id=self.department_box.currentData(),
            category_id=self.category_box.currentData(),
            channel_id=self.channel_box.currentData(),
            urgency=Urgency(urgency) if urgency else None,
            date_from=self._day(self.date_from),
            date_to=self._day(self.date_to),
            text=self.text_edit.text().strip(),
        )

    @staticmethod
    def _day(edit: QDateEdit) -> date | None:
        d = edit.date()
        return None if d == NO_DATE else date(d.year(), d.month(), d.day())

    @Slot()
    def _choice_changed(self) -> None:
        if not self._filling:
            self.apply()

    @Slot()
    def apply(self) -> None:
        self._text_timer.stop()
        f = self.current_filter()
        if f != self._applied:
            self._applied = f
            self.filter_changed.emit(f)

    @Slot()
    def clear(self) -> None:
        self._filling = True
        try:
            for box in (self.state_box, self.department_box, self.category_box,
                        self.channel_box, self.urgency_box):
                box.setCurrentIndex(0)
            self.date_from.setDate(NO_DATE)
            self.date_to.setDate(NO_DATE)
            self.text_edit.clear()
        finally:
            self._filling = False
        self.apply()
