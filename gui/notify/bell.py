"""The bell in the status bar: the signed-in user's unread notifications, the list behind it,
and a system-tray message when something new turns red (超期 or 督办).

The feed comes from ``core.notifications`` through the store factory in
``ctx.extras["notifications"]`` (``db.notification_queries.notifications_factory``, wired by
``main.py``); without it the bell stays hidden. It reloads in the background every
``POLL_MS`` and after every change on the bus, each time passing the previous feed so that
only new events are read. Marks are shown at once and written in the background; a reload
that was already under way cannot undo them, because the marks made in this session are laid
over every feed that arrives.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPixmap,
)
from PySide6.QtWidgets import (
    QStyle,
    QStyleOptionToolButton,
    QStylePainter,
    QSystemTrayIcon,
    QToolButton,
    QWidget,
)

from core import notifications
from core.model import Actor
from core.notifications import NotificationFeed, Severity, StoreFactory
from gui.context import Changed, DeskContext
from gui.notify.model import NotificationModel, describe
from gui.notify.popup import NotificationList

log = logging.getLogger(__name__)

POLL_MS = 45_000
BADGE_MAX = 99
_BADGE_COLOR = "#cf1322"
_ICON = 18
_PAD = 4
_BADGE_H = 14
_BADGE_OVERLAP = 7  # how far the badge reaches over the bell


def bell_icon(color: str = "#595959", size: int = 32) -> QIcon:
    """A bell drawn with a path (no image files, sharp at any scale)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    s = size / 32
    path = QPainterPath()
    path.moveTo(16 * s, 4 * s)
    path.cubicTo(9 * s, 4 * s, 8 * s, 10 * s, 8 * s, 15 * s)
    path.lineTo(8 * s, 20 * s)
    path.lineTo(5 * s, 24 * s)
    path.lineTo(27 * s, 24 * s)
    path.lineTo(24 * s, 20 * s)
    path.lineTo(24 * s, 15 * s)
    path.cubicTo(24 * s, 10 * s, 23 * s, 4 * s, 16 * s, 4 * s)
    path.closeSubpath()
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    painter.drawPath(path)
    painter.drawEllipse(int(13 * s), int(25 * s), int(6 * s), int(5 * s))
    painter.drawEllipse(int(14.5 * s), int(1.5 * s), int(3 * s), int(3 * s))
    painter.end()
    return QIcon(pixmap)


class NotificationBell(QToolButton):
    """Build on the GUI thread with the signed-in context; put it in the status bar."""

    feed_changed = Signal(object)  # NotificationFeed, after every reload or mark
    tray_message = Signal(str, str)  # title, text: shown in the tray when there is one

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notificationBell")
        self._ctx = ctx
        self._store: StoreFactory | None = ctx.extras.get("notifications")
        self._feed: NotificationFeed | None = None
        self._busy = False
        self._again = False
        self._local_read: set[int] = set()
        self._local_through = 0
        self._announced: set[int] = set()
        self.model = NotificationModel(self)
        self._list: NotificationList | None = None
        self._tray: QSystemTrayIcon | None = None

        self.setIcon(bell_icon())
        self.setIconSize(QSize(_ICON, _ICON))
        self.setText(self.tr("Notifications"))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setAutoRaise(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clicked.connect(self.open_list)
        self._show_unread(0)
        if self._store is None:
            self.setVisible(False)
            return
        if QSystemTrayIcon.isSystemTrayAvailable():
            self._tray = QSystemTrayIcon(bell_icon("#cf1322"), self)
            self._tray.setToolTip(self.tr("8890 notifications"))
            self._tray.messageClicked.connect(self.open_list)
            self._tray.activated.connect(lambda *_: self.open_list())
            self._tray.show()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(POLL_MS)
        ctx.bus.orders_changed.connect(self._orders_changed)
        self.refresh()

    # --- what the bell offers -----------------------------------------------------------------

    @property
    def feed(self) -> NotificationFeed | None:
        return self._feed

    def unread(self) -> int:
        return self._feed.unread if self._feed is not None else 0

    def badge_text(self) -> str:
        n = self.unread()
        if n <= 0:
            return ""
        return f"{BADGE_MAX}+" if n > BADGE_MAX else str(n)

    def notification_list(self) -> NotificationList:
        if self._list is None:
            self._list = NotificationList(self.model, self.window())
            self._list.open_requested.connect(self.open_notification)
            self._list.mark_all_requested.connect(self.mark_all_read)
        return self._list

    @Slot()
    def open_list(self) -> None:
        """Show the list just above the bell, the newest notification current."""
        popup = self.notification_list()
        corner = self.mapToGlobal(QPoint(self.width(), 0))
        screen = self.screen().availableGeometry() if self.screen() else QRect()
        x = corner.x() - popup.width()
        y = corner.y() - popup.height() - 30
        if screen.isValid():
            x = max(screen.left(), min(x, screen.right() - popup.width()))
            y = max(screen.top(), y)
        popup.move(x, y)
        popup.show()
        popup.raise_()
        popup.activateWindow()
        popup.focus_first()

    @Slot()
    def refresh(self) -> None:
        """Reload the feed in the background (one reload at a time; a request that comes
        while one runs is served right after it)."""
        if self._store is None:
            return
        if self._busy:
            self._again = True
            return
        self._busy = True
        ctx, store, previous = self._ctx, self._store, self._feed
        now = ctx.clock.now()
        ctx.read(lambda: notifications.notifications_for(store, ctx.actor, now,
                                                         previous=previous),
                 self._loaded, on_error=self._failed)

    @Slot(int, int)
    def open_notification(self, event_id: int, order_id: int) -> None:
        """Open the order of a notification and mark the notification read."""
        self._ctx.bus.order_requested.emit(order_id)
        self._local_read.add(event_id)
        self._show_feed()
        self._write(lambda store, actor, now: notifications.mark_read(
            store, actor, [event_id], now))

    @Slot()
    def mark_all_read(self) -> None:
        if self._feed is None or not self._feed.items:
            return
        self._local_through = max(self._local_through, self._feed.newest_id())
        self._show_feed()
        through = self._local_through
        self._write(lambda store, actor, now: notifications.mark_all_read(
            store, actor, through, now))

    # --- background results -------------------------------------------------------------------

    def _write(self, mark: Callable[[StoreFactory, Actor, datetime], None]) -> None:
        ctx, store = self._ctx, self._store
        if store is None:
            return
        now = ctx.clock.now()
        ctx.read(lambda: mark(store, ctx.actor, now), lambda _result: None, parent=self.window())

    def _loaded(self, feed: NotificationFeed) -> None:
        first = self._feed is None
        self._feed = feed
        self._busy = False
        self._show_feed()
        self._announce(first)
        if self._again:
            self._again = False
            self.refresh()

    def _failed(self, exc: BaseException) -> None:
        # a reload is retried at the next tick; a message every 45 s would only be in the way
        log.warning("notifications could not be loaded: %r", exc)
        self._busy = False
        self._again = False

    def _show_feed(self) -> None:
        if self._feed is None:
            return
        through, local = self._local_through, self._local_read
        self._feed = self._feed.with_read(
            n.event_id for n in self._feed.items if n.event_id <= through or n.event_id in local)
        self.model.set_feed(self._feed)
        self._show_unread(self._feed.unread)
        self.feed_changed.emit(self._feed)

    def _show_unread(self, n: int) -> None:
        if n:
            self.setToolTip(self.tr("%n unread notification(s)", "", n))
        else:
            self.setToolTip(self.tr("No unread notifications"))
        self.setAccessibleName(self.toolTip())
        self.updateGeometry()
        self.update()

    def _announce(self, first: bool) -> None:
        """A tray message for red notifications not yet announced in this session."""
        assert self._feed is not None
        fresh = [n for n in self._feed.items if n.severity is Severity.RED and not n.read
                 and n.event_id not in self._announced]
        self._announced.update(n.event_id for n in fresh)
        if not fresh:
            return
        if len(fresh) == 1:
            n = fresh[0]
            title = self.tr("Overdue work order") if first else self.tr("New overdue work order")
            text = f"{n.ticket_no}  {describe(n)}"
        else:
            title = self.tr("Overdue work orders")
            text = self.tr("%n overdue or supervised work order(s) need attention", "",
                           len(fresh))
        self.tray_message.emit(title, text)
        if self._tray is not None:
            self._tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, 10_000)

    @Slot(object)
    def _orders_changed(self, _changed: Changed) -> None:
        self.refresh()

    # --- painting -----------------------------------------------------------------------------
    # The bell, its count badge on the bell's upper right, then the text; drawn here so the
    # badge never covers the text.

    def _badge_width(self, text: str) -> int:
        if not text:
            return 0
        return max(_BADGE_H, QFontMetrics(
            self._badge_font()).horizontalAdvance(text) + 8)

    def _badge_font(self) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(10)
        font.setBold(True)
        return font

    def _text_left(self) -> int:
        badge = self._badge_width(self.badge_text())
        return max(_PAD + _ICON + 4, _PAD + _ICON - _BADGE_OVERLAP + badge + 3)

    def sizeHint(self) -> QSize:
        height = max(_ICON + 8, self.fontMetrics().height() + 6)
        return QSize(self._text_left() + self.fontMetrics().horizontalAdvance(self.text())
                     + _PAD, height)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        opt = QStyleOptionToolButton()
        self.initStyleOption(opt)
        opt.text = ""
        opt.icon = QIcon()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ToolButton, opt)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        icon_top = max((self.height() - _ICON) // 2 + 2, 0)
        self.icon().paint(painter, QRect(_PAD, icon_top, _ICON, _ICON))
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(QRect(self._text_left(), 0, self.width() - self._text_left(),
                               self.height()),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.text())
        text = self.badge_text()
        if text:
            rect = QRect(_PAD + _ICON - _BADGE_OVERLAP, max(icon_top - 6, 0),
                         self._badge_width(text), _BADGE_H)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(_BADGE_COLOR))
            painter.drawRoundedRect(rect, _BADGE_H / 2, _BADGE_H / 2)
            painter.setFont(self._badge_font())
            painter.setPen(QColor("white"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
