"""The bell's list of notifications: a small non-modal window over the bell.

Enter or a double click on a row asks to open its order (:attr:`NotificationList.open_requested`
with the event id and the order id; the bell marks it read and opens the order); "Mark all
read" asks the bell to mark everything shown. The window does not talk to the database.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.notifications import WINDOW
from gui.notify.model import EVENT_ROLE, ORDER_ROLE, STATUS, TICKET, WHAT, WHEN, NotificationModel

SIZE = (640, 380)


class NotificationList(QDialog):
    open_requested = Signal(int, int)  # event id, order id
    mark_all_requested = Signal()

    def __init__(self, model: NotificationModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notificationList")
        self.setWindowTitle(self.tr("Notifications"))
        self.resize(*SIZE)
        self.model = model
        self._keep_event: int | None = None

        self.summary = QLabel()
        self.summary.setObjectName("unreadSummary")
        self.mark_all_button = QPushButton(self.tr("Mark all read"))
        self.mark_all_button.setObjectName("markAllReadButton")
        self.mark_all_button.setAutoDefault(False)
        self.mark_all_button.clicked.connect(self.mark_all_requested)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.mark_all_button)

        self.table = QTableView()
        self.table.setObjectName("notificationTable")
        self.table.setModel(model)
        self._set_up_table()
        self.empty_label = QLabel(self.tr("No notifications in the last {days} days.").format(
            days=WINDOW.days))
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty_label)

        self.hint = QLabel(self.tr("Enter or double-click opens the order and marks it read."))
        self.hint.setObjectName("hintLabel")
        self.hint.setEnabled(False)
        close = QPushButton(self.tr("Close"))
        close.setObjectName("closeButton")
        close.setAutoDefault(False)
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint)
        bottom.addStretch(1)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._stack, 1)
        layout.addLayout(bottom)

        self.table.activated.connect(self._activated)
        model.modelAboutToBeReset.connect(self._remember_current)
        model.modelReset.connect(self._restore_current)
        model.modelReset.connect(self.update_summary)
        model.dataChanged.connect(self.update_summary)
        self.update_summary()

    def _set_up_table(self) -> None:
        t = self.table
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.setShowGrid(False)
        t.verticalHeader().setVisible(False)
        t.verticalHeader().setDefaultSectionSize(26)
        header = t.horizontalHeader()
        header.setHighlightSections(False)
        for col, width in ((WHEN, 130), (TICKET, 170), (STATUS, 56)):
            t.setColumnWidth(col, width)
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)

    @Slot()
    def update_summary(self) -> None:
        unread = sum(1 for row in range(self.model.rowCount())
                     if not self.model.item(row).read)
        empty = self.model.rowCount() == 0
        if unread:
            self.summary.setText(self.tr("%n unread notification(s)", "", unread))
        elif empty:
            self.summary.setText(self.tr("No notifications"))
        else:
            self.summary.setText(self.tr("Everything is read."))
        self.mark_all_button.setEnabled(unread > 0)
        self.hint.setVisible(not empty)
        self._stack.setCurrentWidget(self.empty_label if empty else self.table)

    def focus_first(self) -> None:
        """Put the keyboard on the newest notification."""
        if self.model.rowCount():
            self._select(0)
        self.table.setFocus()

    def _select(self, row: int) -> None:
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.table.selectionModel().setCurrentIndex(self.model.index(row, WHAT), flags)

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(int(index.data(EVENT_ROLE)), int(index.data(ORDER_ROLE)))

    @Slot()
    def _remember_current(self) -> None:
        index = self.table.currentIndex()
        self._keep_event = int(index.data(EVENT_ROLE)) if index.isValid() else None

    @Slot()
    def _restore_current(self) -> None:
        if self._keep_event is None:
            return
        row = self.model.row_of(self._keep_event)
        if row >= 0:
            self._select(row)
