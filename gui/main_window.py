"""The desk's main window: menus, the status bar, and the page in the middle."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from gui.placeholder_page import PlaceholderPage

DEFAULT_SIZE = (1100, 700)
_WARNING_STYLE = "QLabel { color: #d46b08; font-weight: bold; }"


@dataclass(frozen=True, slots=True)
class DeskInfo:
    """What the window shows about this session; built by `main.py`, read-only here.

    `db_label` is shown as given ("SQLite: /path/desk.db", "PostgreSQL: host/db").
    `user_label` is "" when nobody is signed in. `calendar_warning` is core's already bilingual
    text about the working-day calendar (e.g. a year without holiday data), or None.
    """

    db_label: str
    user_label: str
    calendar_warning: str | None
    order_count: int
    version: str


class MainWindow(QMainWindow):
    """The desk's top-level window. Build it after `gui.i18n.install_translator`."""

    def __init__(self, info: DeskInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._info = info
        self.setWindowTitle(self.tr("8890 Hotline Desk"))
        self.resize(*DEFAULT_SIZE)
        self.setCentralWidget(PlaceholderPage(info.order_count, info.version, self))
        self._build_menus()
        self._build_status_bar()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self._quit_action = QAction(self.tr("&Quit"), self)
        self._quit_action.setObjectName("quitAction")
        # Explicit: QKeySequence.StandardKey.Quit is empty on Windows.
        self._quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        self._quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self._quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self._quit_action.setStatusTip(self.tr("Close the desk"))
        self._quit_action.triggered.connect(self.close)
        file_menu.addAction(self._quit_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self._about_action = QAction(self.tr("&About"), self)
        self._about_action.setObjectName("aboutAction")
        self._about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self._about_action.setStatusTip(self.tr("Version and purpose of the desk"))
        self._about_action.triggered.connect(self._show_about)
        help_menu.addAction(self._about_action)

    def _build_status_bar(self) -> None:
        info = self._info
        bar = self.statusBar()

        self._warning_label = QLabel(info.calendar_warning or "")
        self._warning_label.setObjectName("calendarWarningLabel")
        self._warning_label.setStyleSheet(_WARNING_STYLE)
        self._warning_label.setToolTip(self.tr("Working-day calendar"))
        self._warning_label.setVisible(info.calendar_warning is not None)

        self._user_label = QLabel(self.tr("User: {user}").format(user=info.user_label))
        self._user_label.setObjectName("userLabel")
        self._user_label.setVisible(bool(info.user_label))

        self._db_label = QLabel(info.db_label)
        self._db_label.setObjectName("databaseLabel")
        self._db_label.setToolTip(self.tr("Database in use"))
        self._db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        for label in (self._warning_label, self._user_label, self._db_label):
            label.setContentsMargins(6, 0, 6, 0)
            bar.addPermanentWidget(label)

    @Slot()
    def _show_about(self) -> None:
        """Opens the About box window-modally and returns at once; the box deletes itself."""
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
