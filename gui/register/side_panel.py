"""The registration form's side panel: the caller's earlier orders and open orders that look
like the same problem.

The page feeds it with :class:`core.queries.CallerHistory` and a list of
:class:`core.queries.SimilarOrder` read in the background; the panel only shows them. Enter or
a double click on a row emits ``order_requested`` with the order's id. :meth:`link_target` is
the order a new registration would be linked to as a duplicate: the current row of the similar
list, else its first row.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.queries import OPEN_ORDER_STATES, CallerHistory, OrderRow, SimilarOrder
from gui import fmt

_REPEAT_STYLE = "QLabel { color: #c41d7f; font-weight: bold; }"
_TITLE_STYLE = "QLabel { font-weight: bold; }"
_HINT_STYLE = "QLabel { color: #8c8c8c; }"

AnyIndex = QModelIndex | QPersistentModelIndex
_TICKET, _DATE, _STATE, _WHY, _TITLE = "ticket", "date", "state", "why", "title"


class OrderRowsModel(QAbstractTableModel):
    """A short list of orders (at most a few dozen): ticket, registered, state, title; or, for
    similar orders, ticket, state, why it was found (what matches and how alike the text is)
    and title."""

    def __init__(self, language: str, with_reason: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._with_reason = with_reason
        self._rows: list[OrderRow] = []
        self._reasons: list[str] = []

    def set_rows(self, rows: Sequence[OrderRow], reasons: Sequence[str] = ()) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._reasons = list(reasons) + [""] * (len(rows) - len(reasons))
        self.endResetModel()

    def row_at(self, row: int) -> OrderRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def _columns(self) -> tuple[str, ...]:
        """The title comes last so that it takes the room that is left."""
        if self._with_reason:  # all in the last 30 days: the date is in the tooltip
            return (_TICKET, _STATE, _WHY, _TITLE)
        return (_TICKET, _DATE, _STATE, _TITLE)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._columns())

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {_TICKET: self.tr("Ticket"), _DATE: self.tr("Registered on"),
                  _STATE: self.tr("State"), _WHY: self.tr("Match"), _TITLE: self.tr("Title")}
        columns = self._columns()
        return titles[columns[section]] if 0 <= section < len(columns) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self._columns()[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.row(), column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(filter(None, [row.ticket_no, fmt.local(row.registered_at),
                                           row.title, row.address, row.category,
                                           row.departments]))
        if role == Qt.ItemDataRole.ForegroundRole and column == _STATE:
            return QColor("#389e0d") if row.state in OPEN_ORDER_STATES else QColor("#8c8c8c")
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _text(self, row: OrderRow, n: int, column: str) -> str:
        if column == _TICKET:
            return row.ticket_no
        if column == _DATE:
            return fmt.local(row.registered_at)[:10]
        if column == _TITLE:
            return row.title
        if column == _STATE:
            return fmt.label(row.state, self._language)
        return self._reasons[n]


def _table(name: str, model: OrderRowsModel) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(model.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
    return view


class CallerPanel(QWidget):
    order_requested = Signal(int)

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self.history_model = OrderRowsModel(language, with_reason=False, parent=self)
        self.similar_model = OrderRowsModel(language, with_reason=True, parent=self)
        self.history_table = _table("historyTable", self.history_model)
        self.similar_table = _table("similarTable", self.similar_model)

        self.history_title = QLabel(self.tr("Caller's earlier orders"))
        self.history_title.setStyleSheet(_TITLE_STYLE)
        self.repeat_label = QLabel()
        self.repeat_label.setObjectName("repeatCallerLabel")
        self.repeat_label.setStyleSheet(_REPEAT_STYLE)
        self.repeat_label.setWordWrap(True)
        self.repeat_label.hide()
        self.similar_title = QLabel(self.tr("Open orders that may be the same problem "
                                            "(last 30 days)"))
        self.similar_title.setStyleSheet(_TITLE_STYLE)
        self.similar_title.setWordWrap(True)
        self._history_hint = self._hint("historyHint")
        self._similar_hint = self._hint("similarHint")
        self._history_stack = self._stack(self._history_hint, self.history_table)
        self._similar_stack = self._stack(self._similar_hint, self.similar_table)
        link_hint = QLabel(self.tr("Enter or double-click opens an order; Ctrl+L registers the "
                                   "call as a duplicate of the selected open order."))
        link_hint.setWordWrap(True)
        link_hint.setStyleSheet(_HINT_STYLE)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.history_title)
        layout.addWidget(self.repeat_label)
        layout.addWidget(self._history_stack, 1)
        layout.addSpacing(8)
        layout.addWidget(self.similar_title)
        layout.addWidget(self._similar_stack, 1)
        layout.addWidget(link_hint)
        for view in (self.history_table, self.similar_table):
            view.activated.connect(self._activated)
        self.show_history(None)
        self.show_similar(None)

    def _hint(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setStyleSheet(_HINT_STYLE)
        return label

    def _stack(self, hint: QLabel, table: QTableView) -> QStackedWidget:
        stack = QStackedWidget()
        stack.addWidget(hint)
        stack.addWidget(table)
        return stack

    def show_history(self, history: CallerHistory | None) -> None:
        """``None``: no phone number typed yet."""
        rows = history.orders if history is not None else ()
        self.history_model.set_rows(rows)
        if history is None:
            self._history_hint.setText(self.tr("Type the caller's phone number to see their "
                                               "earlier orders."))
        else:
            self._history_hint.setText(self.tr("No earlier orders from {phone}.")
                                       .format(phone=history.phone))
        self._history_stack.setCurrentIndex(1 if rows else 0)
        if history is not None and history.repeat_caller:
            self.repeat_label.setText(self.tr("Repeat caller: %n earlier order(s) from this "
                                              "number.", "", history.total))
            self.repeat_label.show()
        elif history is not None and history.total:
            self.repeat_label.setText(self.tr("%n earlier order(s) from this number.", "",
                                              history.total))
            self.repeat_label.show()
        else:
            self.repeat_label.hide()

    def show_similar(self, similar: Sequence[SimilarOrder] | None) -> None:
        """``None``: nothing typed yet to compare with."""
        found = list(similar or ())
        self.similar_model.set_rows([s.row for s in found], [self._reason(s) for s in found])
        if similar is None:
            self._similar_hint.setText(self.tr("Choose a category or type the address to look "
                                               "for open orders about the same problem."))
        else:
            self._similar_hint.setText(self.tr("No open order looks like this one."))
        self._similar_stack.setCurrentIndex(1 if found else 0)
        if found:
            self.similar_table.selectRow(0)

    def _reason(self, s: SimilarOrder) -> str:
        parts = []
        if s.same_category:
            parts.append(self.tr("same category"))
        if s.same_address:
            parts.append(self.tr("same address"))
        if s.same_caller:
            parts.append(self.tr("same caller"))
        return self.tr("{matches} {percent}%").format(matches=self.tr(", ").join(parts),
                                                      percent=round(s.score * 100))

    def link_target(self) -> OrderRow | None:
        """The open order a duplicate would be linked to, or ``None``."""
        current = self.similar_table.currentIndex()
        row = self.similar_model.row_at(current.row() if current.isValid() else 0)
        return row

    def history_count(self) -> int:
        return self.history_model.rowCount()

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        order_id = index.data(Qt.ItemDataRole.UserRole)
        if isinstance(order_id, int):
            self.order_requested.emit(order_id)
