"""One order list of the navigation (my work, to sign for, ..., all orders).

A filter bar, the lazily loaded table (:class:`gui.orders.list_model.OrderListModel`) and a
status line with the count and a busy indicator. The list reloads after every change on the
change bus while it is shown, and whenever it is shown again, keeping the selected order
selected. Enter or a double click opens the order; Ctrl+F goes to the search box; department
staff sign for the selected order with F2.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core import services
from core.model import Role
from core.order_view import order_detail, sign_target
from core.queries import ListFilter, Queue, SortKey
from core.take_next import take_next
from gui.context import Changed, DeskContext
from gui.orders.columns import COLUMNS, column_of
from gui.orders.filter_bar import OrderFilterBar
from gui.orders.list_model import OrderListModel

SIGN_SHORTCUT = "F2"
TAKE_NEXT_SHORTCUT = "F8"
_DUE_FIRST = (Queue.TO_SIGN, Queue.IN_PROGRESS, Queue.WARNINGS, Queue.MY_WORK)


class OrderListPage(QWidget):
    """Built by the main window for one :class:`core.queries.Queue`."""

    def __init__(self, ctx: DeskContext, queue: Queue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._queue = queue
        self._keep_id: int | None = None
        self.setObjectName(f"orderList_{queue.value}")

        due_first = queue in _DUE_FIRST
        self.model = OrderListModel(ctx, queue, self,
                                    sort=SortKey.DUE if due_first else SortKey.REGISTERED_AT,
                                    descending=not due_first)
        self.filter_bar = OrderFilterBar(ctx, self)
        self.table = QTableView()
        self.table.setObjectName("orderTable")
        self.table.setModel(self.model)
        self._set_up_table()

        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.busy = QProgressBar()
        self.busy.setObjectName("busyIndicator")
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(14)
        self.busy.setTextVisible(False)
        self.busy.setVisible(False)
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName("openButton")
        self.open_button.setToolTip(self.tr("Open the selected order (Enter)"))
        self.open_button.clicked.connect(self.open_selected)
        self.sign_button = QPushButton(self.tr("Sign for ({key})").format(key=SIGN_SHORTCUT))
        self.sign_button.setObjectName("signButton")
        self.sign_button.setToolTip(self.tr("Sign for the selected order for your department"))
        self.sign_button.clicked.connect(self.sign_selected)
        self.sign_button.setVisible(ctx.actor.has(Role.DEPARTMENT_STAFF))
        self.sign_action = QAction(self.tr("Sign for the selected order"), self)
        self.sign_action.setObjectName("signSelectedAction")
        self.sign_action.setShortcut(QKeySequence(SIGN_SHORTCUT))
        self.sign_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.sign_action.setEnabled(ctx.actor.has(Role.DEPARTMENT_STAFF))
        self.sign_action.triggered.connect(self.sign_selected)
        self.addAction(self.sign_action)
        # operators share the queue of online messages: "take next" hands out one at a time
        self.take_button = QPushButton(self.tr("Take next ({key})").format(
            key=TAKE_NEXT_SHORTCUT))
        self.take_button.setObjectName("takeNextButton")
        self.take_button.setToolTip(self.tr(
            "Open the oldest online message nobody is working on; it stays yours until you "
            "dispatch or close it, or for 10 minutes"))
        self.take_button.setShortcut(QKeySequence(TAKE_NEXT_SHORTCUT))
        self.take_button.clicked.connect(self.take_next)
        self.take_button.setVisible(queue is Queue.MY_WORK and ctx.actor.has(Role.OPERATOR))
        self.find_action = QAction(self.tr("Search the list"), self)
        self.find_action.setObjectName("findAction")
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(self._focus_search)
        self.addAction(self.find_action)

        status = QHBoxLayout()
        status.addWidget(self.count_label)
        status.addWidget(self.busy)
        status.addStretch(1)
        status.addWidget(self.take_button)
        status.addWidget(self.sign_button)
        status.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(status)

        self.filter_bar.filter_changed.connect(self._filter_changed)
        self.model.loading_changed.connect(self._loading_changed)
        self.model.ids_loaded.connect(self._show_count)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.table.activated.connect(self._open_index)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self.model.sort)
        ctx.bus.orders_changed.connect(self._orders_changed)
        self._show_count(0)
        self.model.reload()

    def _set_up_table(self) -> None:
        table = self.table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(26)
        header = table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        for i, column in enumerate(COLUMNS):
            table.setColumnWidth(i, column.width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        query = self.model.query
        header.setSortIndicator(column_of(query.sort), Qt.SortOrder.DescendingOrder
                                if query.descending else Qt.SortOrder.AscendingOrder)

    def _fit_title(self) -> None:
        """The title column takes the width the others leave, but never less than its own."""
        title = column_of(SortKey.TITLE)
        others = sum(self.table.columnWidth(i) for i in range(len(COLUMNS)) if i != title)
        # Leave room for the vertical scroll bar even before the rows that need it arrive,
        # so the last column is never pushed out of sight.
        scroll_bar = self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        frame = 2 * self.table.frameWidth()
        room = self.table.width() - frame - scroll_bar - others
        self.table.setColumnWidth(title, max(room, COLUMNS[title].width))

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().resizeEvent(event)
        self._fit_title()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        self._fit_title()

    # --- what the page offers -----------------------------------------------------------------

    def activate(self) -> None:
        """Called by the main window when the page is shown again."""
        self.model.reload()

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.order_id(index.row())

    def select_id(self, order_id: int) -> bool:
        row = self.model.row_of(order_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    @Slot()
    def open_selected(self) -> None:
        order_id = self.selected_id()
        if order_id is not None:
            self._ctx.bus.order_requested.emit(order_id)

    @Slot()
    def sign_selected(self) -> None:
        """Sign for the selected order for the user's department (the assignment is looked up
        in the background; nothing happens when there is none to sign)."""
        order_id = self.selected_id()
        if order_id is None or not self._ctx.actor.has(Role.DEPARTMENT_STAFF):
            return
        ctx = self._ctx

        def target() -> int | None:
            return sign_target(order_detail(ctx.uow(write=False), ctx.actor, order_id), ctx.actor)

        ctx.read(target, self._sign, parent=self)

    def _sign(self, assignment_id: int | None) -> None:
        if assignment_id is None:
            self._ctx.prompts.info(self, self.tr("Sign for"),
                                   self.tr("This order has nothing for your department to sign."))
            return
        self._ctx.act(services.sign_for, assignment_id, parent=self)

    @Slot()
    def take_next(self) -> None:
        """Claim the oldest waiting online message and open it (core.take_next)."""
        self._ctx.act(take_next, parent=self, on_done=self._took)

    def _took(self, summary: object) -> None:
        order_id = getattr(summary, "id", None)
        if order_id is None:
            self._ctx.prompts.info(self, self.tr("Take next"),
                                   self.tr("No online message is waiting."))
            return
        self._ctx.bus.order_requested.emit(order_id)

    # --- slots --------------------------------------------------------------------------------

    @Slot(object)
    def _filter_changed(self, list_filter: ListFilter) -> None:
        self.model.set_filter(list_filter)

    @Slot(object)
    def _orders_changed(self, changed: Changed) -> None:
        """Reload now when shown; a hidden page reloads when it is shown again (activate)."""
        if self.isVisible():
            self.model.reload()

    @Slot()
    def _focus_search(self) -> None:
        self.filter_bar.text_edit.setFocus()
        self.filter_bar.text_edit.selectAll()

    @Slot(QModelIndex)
    def _open_index(self, index: QModelIndex) -> None:
        order_id = self.model.order_id(index.row())
        if order_id is not None:
            self._ctx.bus.order_requested.emit(order_id)

    @Slot(bool)
    def _loading_changed(self, loading: bool) -> None:
        self.busy.setVisible(loading)

    @Slot(int)
    def _show_count(self, count: int) -> None:
        self.count_label.setText(self.tr("%n order(s)", "", count))

    @Slot()
    def _remember_selection(self) -> None:
        self._keep_id = self.selected_id()

    @Slot()
    def _restore_selection(self) -> None:
        if self._keep_id is not None and not self.select_id(self._keep_id):
            self._keep_id = None
