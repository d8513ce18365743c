"""The desk's main window: navigation with live counts, the screen in the middle, the status bar.

The navigation shows what the signed-in user's roles may do (``core.queries.queues_for`` plus
registration, statistics and administration); each list entry carries its live count, reloaded
in the background after every change and every ``COUNT_REFRESH_MS``. Screens are built the
first time they are shown and are told to refresh (``activate()``) whenever they come back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from core import queries
from core.model import Role
from core.queries import Queue
from gui.context import Changed, DeskContext

DEFAULT_SIZE = (1280, 800)
COUNT_REFRESH_MS = 30_000
CHANGE_POLL_MS = 2_000
_WARNING_STYLE = "QLabel { color: #d46b08; font-weight: bold; }"
_NAV_STYLE = ("QListWidget#navigation { font-size: 11pt; }"
              "QListWidget#navigation::item { padding: 7px 6px; }")

REGISTER = "register"
STATISTICS = "statistics"
ADMINISTRATION = "administration"


def _queue_title(queue: Queue) -> str:
    return {
        Queue.MY_WORK: QCoreApplication.translate("MainWindow", "My work"),
        Queue.TO_SIGN: QCoreApplication.translate("MainWindow", "To sign for"),
        Queue.IN_PROGRESS: QCoreApplication.translate("MainWindow", "In progress"),
        Queue.TO_DECIDE: QCoreApplication.translate("MainWindow", "Returns and extensions"),
        Queue.CALLBACKS: QCoreApplication.translate("MainWindow", "Callbacks due"),
        Queue.WARNINGS: QCoreApplication.translate("MainWindow", "Due soon / overdue"),
        Queue.ALL: QCoreApplication.translate("MainWindow", "All orders"),
    }[queue]


@dataclass(frozen=True)
class DeskInfo:
    """About this installation, for the About box."""

    version: str


def navigation_keys(ctx: DeskContext) -> list[str]:
    """The navigation entries of the signed-in user, in order."""
    keys: list[str] = []
    if ctx.actor.has(Role.OPERATOR, Role.SUPERVISOR):
        keys.append(REGISTER)
    keys += [q.value for q in queries.queues_for(ctx.actor)]
    if ctx.actor.has(Role.SUPERVISOR, Role.ADMINISTRATOR):
        keys.append(STATISTICS)
    if ctx.actor.has(Role.ADMINISTRATOR):
        keys.append(ADMINISTRATION)
    return keys


class MainWindow(QMainWindow):
    """Build after ``gui.i18n.install_translator`` and with a signed-in context."""

    def __init__(self, ctx: DeskContext, info: DeskInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._info = info
        self._pages: dict[str, QWidget] = {}
        self._counts: dict[Queue, int] = {}
        self._order_windows: dict[int, QWidget] = {}
        self.setWindowTitle(self.tr("8890 Hotline Desk"))
        self.resize(*DEFAULT_SIZE)

        self._nav = QListWidget()
        self._nav.setObjectName("navigation")
        self._nav.setFixedWidth(200)
        self._nav.setStyleSheet(_NAV_STYLE)
        self._stack = QStackedWidget()
        self._stack.setObjectName("pages")
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._nav)
        layout.addWidget(self._stack, 1)
        self.setCentralWidget(central)

        for key in navigation_keys(ctx):
            item = QListWidgetItem(self._title(key))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self._nav.addItem(item)
        self._nav.currentRowChanged.connect(self._show_row)

        self._build_menus()
        self._build_status_bar()
        from gui.idle_lock import install_idle_lock

        self.idle_lock = install_idle_lock(self, ctx)  # asks for the password after idling
        ctx.bus.orders_changed.connect(self._on_orders_changed)
        ctx.bus.order_requested.connect(self.open_order)
        self._count_timer = QTimer(self)
        self._count_timer.timeout.connect(self.refresh_counts)
        self._count_timer.start(COUNT_REFRESH_MS)
        self._last_change: int | None = None
        self._change_timer = QTimer(self)
        self._change_timer.timeout.connect(self.poll_changes)
        if "change_marker" in ctx.extras:
            self._change_timer.start(CHANGE_POLL_MS)
            ctx.read(ctx.extras["change_marker"], self._on_marker, on_error=lambda exc: None)
        self._live = None
        if "change_listener" in ctx.extras:  # PostgreSQL: changes are announced (NOTIFY)
            from gui.live_refresh import LiveRefresh

            self._live = LiveRefresh(ctx, ctx.extras["change_listener"], self)
            self._live.start()
        if self._nav.count():
            self._nav.setCurrentRow(0)
        self.refresh_counts()

    # --- navigation ---------------------------------------------------------------------------

    def _title(self, key: str) -> str:
        if key == REGISTER:
            return self.tr("Register a call")
        if key == STATISTICS:
            return self.tr("Statistics")
        if key == ADMINISTRATION:
            return self.tr("Administration")
        title = _queue_title(Queue(key))
        count = self._counts.get(Queue(key))
        return title if count is None else f"{title} ({count})"

    def keys(self) -> list[str]:
        return [self._nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self._nav.count())]

    def show_page(self, key: str) -> QWidget:
        """Switch to the screen ``key`` (see :func:`navigation_keys`) and return it."""
        self._nav.setCurrentRow(self.keys().index(key))
        return self._pages[key]

    def page(self, key: str) -> QWidget | None:
        return self._pages.get(key)

    @Slot(int)
    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key = self.keys()[row]
        page = self._pages.get(key)
        if page is None:
            page = self._build_page(key)
            self._pages[key] = page
            self._stack.addWidget(page)
        elif hasattr(page, "activate"):
            page.activate()
        self._stack.setCurrentWidget(page)

    def _build_page(self, key: str) -> QWidget:
        ctx = self._ctx
        if key == REGISTER:
            from gui.register.page import RegisterPage

            return RegisterPage(ctx, self)
        if key == STATISTICS:
            from gui.stats.page import StatsPage

            return StatsPage(ctx, self)
        if key == ADMINISTRATION:
            from gui.admin.page import AdminPage

            return AdminPage(ctx, self)
        from gui.orders.list_page import OrderListPage

        return OrderListPage(ctx, Queue(key), self)

    @Slot(int)
    def open_order(self, order_id: int) -> None:
        """Show the order's window (one per order; raised if already open)."""
        from gui.orders.order_window import OrderWindow

        window = self._order_windows.get(order_id)
        if window is None or not window.isVisible():
            window = OrderWindow(self._ctx, order_id, self)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(lambda *_: self._order_windows.pop(order_id, None))
            self._order_windows[order_id] = window
        window.show()
        window.raise_()
        window.activateWindow()

    def order_window(self, order_id: int) -> QWidget | None:
        return self._order_windows.get(order_id)

    # --- counts -------------------------------------------------------------------------------

    @Slot()
    def refresh_counts(self) -> None:
        ctx = self._ctx
        ctx.read(lambda: queries.queue_counts(ctx.queries, ctx.actor, ctx.clock.now()),
                 self._show_counts, on_error=lambda exc: None)

    def _show_counts(self, counts: dict[Queue, int]) -> None:
        self._counts = counts
        for i in range(self._nav.count()):
            item = self._nav.item(i)
            item.setText(self._title(item.data(Qt.ItemDataRole.UserRole)))

    def count_of(self, queue: Queue) -> int | None:
        return self._counts.get(queue)

    @Slot(object)
    def _on_orders_changed(self, changed: Changed) -> None:
        self.refresh_counts()

    @Slot()
    def poll_changes(self) -> None:
        """Ask for the database's change marker (``ctx.extras["change_marker"]``, the newest
        event id); when another desk changed something, every list and count reloads."""
        marker = self._ctx.extras.get("change_marker")
        if marker is None or not self._ctx.ops.is_idle():
            return  # a busy worker means a reload is on its way anyway
        self._ctx.read(marker, self._on_marker, on_error=lambda exc: None)

    def _on_marker(self, latest: int) -> None:
        seen, self._last_change = self._last_change, latest
        if seen is not None and latest != seen:
            self._ctx.bus.orders_changed.emit(Changed())

    # --- menus and status bar -----------------------------------------------------------------

    def _action(self, text: str, name: str, shortcut: QKeySequence | None,
                slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        if REGISTER in self.keys():
            self._new_action = self._action(
                self.tr("&New order"), "newOrderAction", QKeySequence("Ctrl+N"),
                lambda: self._new_order())
            file_menu.addAction(self._new_action)
        if "intake_uow" in self._ctx.extras and self._ctx.actor.has(Role.OPERATOR,
                                                                      Role.SUPERVISOR):
            self._import_action = self._action(
                self.tr("&Import messages…"), "importAction", QKeySequence("Ctrl+I"),
                self._import_messages)
            file_menu.addAction(self._import_action)
        file_menu.addSeparator()
        self._quit_action = self._action(self.tr("&Quit"), "quitAction",
                                         QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q), self.close)
        self._quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(self._quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        refresh = self._action(self.tr("&Refresh"), "refreshAction", QKeySequence("F5"),
                               self._refresh_all)
        view_menu.addAction(refresh)
        for i, key in enumerate(self.keys()[:9]):
            go = self._action(self._title(key).split(" (")[0], f"go_{key}",
                              QKeySequence(f"Ctrl+{i + 1}"),
                              lambda k=key: self.show_page(k))
            view_menu.addAction(go)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = self._action(self.tr("&About"), "aboutAction", None, self._show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(about)

    def _new_order(self) -> None:
        page = self.show_page(REGISTER)
        if hasattr(page, "new_order"):
            page.new_order()

    def _import_messages(self) -> None:
        from gui.intake.import_dialog import open_import_dialog

        open_import_dialog(self._ctx, self)

    def _refresh_all(self) -> None:
        self._ctx.bus.orders_changed.emit(Changed())

    def _build_status_bar(self) -> None:
        ctx = self._ctx
        bar = self.statusBar()
        self._warning_label = QLabel(ctx.calendar_warning or "")
        self._warning_label.setObjectName("calendarWarningLabel")
        self._warning_label.setStyleSheet(_WARNING_STYLE)
        self._warning_label.setToolTip(self.tr("Working-day calendar"))
        self._warning_label.setVisible(ctx.calendar_warning is not None)
        self._user_label = QLabel(self.tr("User: {user}").format(user=ctx.user_name))
        self._user_label.setObjectName("userLabel")
        self._db_label = QLabel(ctx.db_label)
        self._db_label.setObjectName("databaseLabel")
        self._db_label.setToolTip(self.tr("Database in use"))
        self._db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (self._warning_label, self._user_label, self._db_label):
            label.setContentsMargins(6, 0, 6, 0)
            bar.addPermanentWidget(label)
        from gui.notify.bell import NotificationBell

        self._bell = NotificationBell(ctx, self)
        bar.addPermanentWidget(self._bell)

    @Slot()
    def _show_about(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("About 8890 Hotline Desk"),
            self.tr("8890 hotline and public-opinion desk")
            + "\n"
            + self.tr("Version {version}").format(version=self._info.version),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("aboutBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        for window in list(self._order_windows.values()):
            window.close()
        self._count_timer.stop()
        self._change_timer.stop()
        if self._live is not None:
            self._live.stop()
        super().closeEvent(event)
