"""Live refresh on PostgreSQL: other desks' changes reach this one within a second.

``main.py`` puts a change source in ``ctx.extras["change_listener"]`` (on PostgreSQL a
``db.change_listener.ChangeListener``; tests pass a fake). Anything with ``start(on_change,
on_connection)`` and ``stop()`` will do; its callbacks may come from any thread.
:class:`LiveRefresh` hands them to the GUI thread through queued signals, gathers the order ids
that arrive within :data:`GATHER_MS` into one ``ctx.bus.orders_changed(Changed(ids))`` (twenty
busy desks must not make every list reload twenty times a second), and shows
:class:`ConnectionBanner` while the server cannot be reached. Reconnecting is the source's
business; once it is back, everything reloads. Nothing here touches what a user is typing:
forms and dialogs keep their contents through a lost connection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QToolBar, QWidget

from gui.context import Changed, DeskContext

GATHER_MS = 200
_BANNER_STYLE = ("QLabel#connectionBanner { background: #fff1f0; color: #a8071a; "
                 "border: 1px solid #ffa39e; padding: 6px 10px; font-weight: bold; }")


class ChangeSource(Protocol):
    def start(self, on_change: Callable[[frozenset[int]], None],
              on_connection: Callable[[bool], None] | None = None) -> None: ...

    def stop(self) -> None: ...


class _Relay(QObject):
    """Lives on the GUI thread; its signals may be emitted from any thread (queued)."""

    changed = Signal(object)  # frozenset[int]
    connection = Signal(bool)


class ConnectionBanner(QLabel):
    """The red line across the top of the main window while the server is out of reach."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionBanner")
        self.setStyleSheet(_BANNER_STYLE)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setText(self.tr("The connection to the database server was lost; reconnecting… "
                             "Nothing you have typed is lost."))


class LiveRefresh(QObject):
    """Create on the GUI thread with the main window as parent; :meth:`start` once and
    :meth:`stop` before the window goes."""

    connection_changed = Signal(bool)

    def __init__(self, ctx: DeskContext, source: ChangeSource, window: QMainWindow) -> None:
        super().__init__(window)
        self._ctx = ctx
        self._source = source
        self._pending: set[int] = set()
        self._everything = False
        self._connected = True
        self._relay = _Relay(self)
        self._relay.changed.connect(self._heard, Qt.ConnectionType.QueuedConnection)
        self._relay.connection.connect(self._connection, Qt.ConnectionType.QueuedConnection)
        self._gather = QTimer(self)
        self._gather.setSingleShot(True)
        self._gather.setInterval(GATHER_MS)
        self._gather.timeout.connect(self._announce)

        self.banner = ConnectionBanner()
        self.banner_bar = QToolBar()
        self.banner_bar.setObjectName("connectionBar")
        self.banner_bar.setMovable(False)
        self.banner_bar.setFloatable(False)
        self.banner_bar.toggleViewAction().setVisible(False)
        self.banner_bar.addWidget(self.banner)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.banner_bar)
        self.banner_bar.setVisible(False)

    @property
    def connected(self) -> bool:
        return self._connected

    def start(self) -> None:
        self._source.start(self._relay.changed.emit, self._relay.connection.emit)

    def stop(self) -> None:
        self._gather.stop()
        self._source.stop()

    @Slot(object)
    def _heard(self, order_ids: frozenset[int]) -> None:
        if order_ids:
            self._pending |= order_ids
        else:
            self._everything = True
        if not self._gather.isActive():
            self._gather.start()

    @Slot()
    def _announce(self) -> None:
        ids = frozenset() if self._everything else frozenset(self._pending)
        self._pending.clear()
        self._everything = False
        self._ctx.bus.orders_changed.emit(Changed(ids))

    @Slot(bool)
    def _connection(self, up: bool) -> None:
        if up == self._connected:
            return
        self._connected = up
        self.banner_bar.setVisible(not up)
        self.connection_changed.emit(up)
        if up:
            self._heard(frozenset())  # what changed meanwhile is unknown: reload everything
