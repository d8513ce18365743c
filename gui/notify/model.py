"""The bell's list as a table model: one row per notification of a
:class:`core.notifications.NotificationFeed`, newest first.

Columns: when (Asia/Shanghai), ticket number, what happened, read or unread. Unread rows are
bold; the "what" cell carries a red or yellow dot for 超期/督办 and 临期/催办. ``EVENT_ROLE`` and
``ORDER_ROLE`` give a row's event id and order id. The feed is replaced as a whole by
:meth:`NotificationModel.set_feed`; when only read marks changed the rows stay (and so does the
view's current row).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from core.notifications import Notification, NotificationFeed, NotificationKind, Severity
from gui import fmt

EVENT_ROLE = Qt.ItemDataRole.UserRole + 1
ORDER_ROLE = Qt.ItemDataRole.UserRole + 2
WHEN, TICKET, WHAT, STATUS = range(4)
_DOT = {Severity.RED: "#cf1322", Severity.YELLOW: "#d48806"}
_UNREAD_BRUSH = QColor("#1d39c4")

Index = QModelIndex | QPersistentModelIndex


def describe(n: Notification) -> str:
    """What happened, in the desk's language."""
    k = n.kind
    if k is NotificationKind.NEW_ORDER and n.lead:
        text = QCoreApplication.translate("NotificationModel", "New order for {department}")
    elif k is NotificationKind.NEW_ORDER:
        text = QCoreApplication.translate("NotificationModel",
                                          "New order for {department} (assisting)")
    elif k is NotificationKind.DUE_SOON:
        text = QCoreApplication.translate("NotificationModel", "Due soon: {department}")
    elif k is NotificationKind.OVERDUE:
        text = QCoreApplication.translate("NotificationModel", "Overdue: {department}")
    elif k is NotificationKind.REMINDER:
        text = QCoreApplication.translate("NotificationModel", "Reminder: {department}")
    elif k is NotificationKind.SUPERVISION:
        text = QCoreApplication.translate("NotificationModel",
                                          "Supervision notice: {department}")
    elif k is NotificationKind.RETURN_APPROVED:
        text = QCoreApplication.translate("NotificationModel", "Return request approved")
    elif k is NotificationKind.RETURN_REJECTED:
        text = QCoreApplication.translate("NotificationModel", "Return request rejected")
    elif k is NotificationKind.EXTENSION_APPROVED:
        text = QCoreApplication.translate("NotificationModel", "Extension request approved")
    elif k is NotificationKind.EXTENSION_REJECTED:
        text = QCoreApplication.translate("NotificationModel", "Extension request rejected")
    elif k is NotificationKind.REPLY_REJECTED:
        text = QCoreApplication.translate("NotificationModel", "Reply sent back: {department}")
    elif k is NotificationKind.RETURN_REQUESTED:
        text = QCoreApplication.translate("NotificationModel",
                                          "{department} asks to return the order")
    elif k is NotificationKind.EXTENSION_REQUESTED:
        text = QCoreApplication.translate("NotificationModel",
                                          "{department} asks for an extension")
    elif k is NotificationKind.REPLY_READY:
        text = QCoreApplication.translate("NotificationModel", "Replies in, waiting for review")
    else:
        text = QCoreApplication.translate("NotificationModel", "Callback unsatisfied")
    return text.format(department=n.department)


def tooltip(n: Notification) -> str:
    """The longer story: the notice text, reason or note, and whether the system sent it."""
    lines = [describe(n)]
    if n.automatic:
        lines.append(QCoreApplication.translate("NotificationModel",
                                                "Issued automatically by the deadline check"))
    if n.detail:
        lines.append(n.detail)
    return "\n".join(lines)


def dot_icon(severity: Severity) -> QIcon:
    """A small filled circle in the severity's colour (blank for none)."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    color = _DOT.get(severity)
    if color is None:
        return QIcon(pixmap)  # blank, so that every row's text starts in the same place
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class NotificationModel(QAbstractTableModel):
    """Create on the GUI thread; fed by the bell."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: tuple[Notification, ...] = ()
        self._icons = {s: dot_icon(s) for s in Severity}
        self._bold = QFont()
        self._bold.setBold(True)

    def set_feed(self, feed: NotificationFeed) -> None:
        if [n.event_id for n in feed.items] == [n.event_id for n in self._items]:
            self._items = feed.items
            if self._items:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(self._items) - 1, STATUS))
            return
        self.beginResetModel()
        self._items = feed.items
        self.endResetModel()

    def item(self, row: int) -> Notification:
        return self._items[row]

    def row_of(self, event_id: int) -> int:
        for row, n in enumerate(self._items):
            if n.event_id == event_id:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("When"), self.tr("Ticket"), self.tr("Notification"), self.tr("Status"))
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        n = self._items[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(n, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(n)
        if role == Qt.ItemDataRole.FontRole and not n.read:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and col == STATUS and not n.read:
            return QBrush(_UNREAD_BRUSH)
        if role == Qt.ItemDataRole.DecorationRole and col == WHAT:
            return self._icons[n.severity]
        if role == EVENT_ROLE:
            return n.event_id
        if role == ORDER_ROLE:
            return n.order_id
        return None

    def _text(self, n: Notification, col: int) -> str:
        if col == WHEN:
            return fmt.local(n.at)
        if col == TICKET:
            return n.ticket_no
        if col == WHAT:
            return describe(n)
        return self.tr("Read") if n.read else self.tr("Unread")
