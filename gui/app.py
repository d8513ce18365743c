"""Starting the desk: the Qt application, its language, and the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from gui.i18n import install_translator
from gui.main_window import DeskInfo, MainWindow

__all__ = ["DeskInfo", "build_window", "run_desk"]

APPLICATION_NAME = "hotline8890"


def build_window(info: DeskInfo, language: str | None = None) -> MainWindow:
    """Install the translator for `language` (see `install_translator`) and build the window.

    Needs a running `QApplication` (pytest-qt's `qapp`, or the one `run_desk` creates); call on
    the GUI thread. The window is not shown.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("build_window needs a QApplication; create one first")
    install_translator(app, language)
    return MainWindow(info)


def run_desk(info: DeskInfo, argv: list[str], language: str | None = None) -> int:
    """Show the desk and run the Qt event loop until the window closes; return the exit code.

    Reuses an existing `QApplication` (then `argv` is ignored). `language` falls back to
    `$HOTLINE_LANG`, then Simplified Chinese.
    """
    existing = QApplication.instance()
    if existing is not None and not isinstance(existing, QApplication):
        raise RuntimeError("a non-GUI QCoreApplication already exists; the desk needs a GUI one")
    app = existing if existing is not None else QApplication(argv)
    app.setApplicationName(APPLICATION_NAME)
    app.setApplicationVersion(info.version)
    window = build_window(info, language)
    window.show()
    return app.exec()
