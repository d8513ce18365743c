"""Starting the desk: the Qt application, its language, the login and the main window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog

from core import admin
from core.clock import Clock
from core.model import Actor
from core.queries import QueriesFactory
from gui.context import DeskContext, UowFactory
from gui.i18n import install_translator
from gui.login import LoginDialog
from gui.main_window import DeskInfo, MainWindow
from gui.ops import Ops
from gui.prompts import Prompts

__all__ = ["DeskInfo", "DeskWiring", "make_context", "run_desk"]

APPLICATION_NAME = "hotline8890"


@dataclass
class DeskWiring:
    """The real pieces ``main.py`` builds and hands to the desk (tests build their own)."""

    uow: UowFactory
    queries: QueriesFactory
    clock: Clock
    db_label: str
    version: str
    data_dir: Path
    calendar_warning: str | None = None
    extras: dict[str, object] = field(default_factory=dict)  # e.g. the stats reader factory


def make_context(wiring: DeskWiring, actor: Actor, user_name: str, ops: Ops,
                 prompts: Prompts, language: str) -> DeskContext:
    ctx = DeskContext(uow=wiring.uow, queries=wiring.queries, clock=wiring.clock, actor=actor,
                      user_name=user_name, ops=ops, prompts=prompts, db_label=wiring.db_label,
                      language=language, data_dir=wiring.data_dir,
                      calendar_warning=wiring.calendar_warning, extras=dict(wiring.extras))
    return ctx


def authenticator(wiring: DeskWiring) -> Callable[[str, str], tuple[Actor, str]]:
    def authenticate(username: str, password: str) -> tuple[Actor, str]:
        actor = admin.authenticate(wiring.uow(), wiring.clock, username, password)
        name = admin.display_name(wiring.uow(write=False), actor.user_id) or username
        return actor, name

    return authenticate


def run_desk(wiring: DeskWiring, argv: list[str], language: str | None = None) -> int:
    """Sign in, show the desk and run the Qt event loop; return the exit code.

    Reuses an existing `QApplication` (then `argv` is ignored). `language` falls back to
    `$HOTLINE_LANG`, then Simplified Chinese.
    """
    existing = QApplication.instance()
    if existing is not None and not isinstance(existing, QApplication):
        raise RuntimeError("a non-GUI QCoreApplication already exists; the desk needs a GUI one")
    app = existing if existing is not None else QApplication(argv)
    app.setApplicationName(APPLICATION_NAME)
    app.setApplicationVersion(wiring.version)
    chosen = install_translator(app, language)
    ops = Ops(app)
    try:
        login = LoginDialog(ops, authenticator(wiring), chosen, wiring.db_label)
        if login.exec() != QDialog.DialogCode.Accepted or login.session is None:
            return 0
        actor, name = login.session
        ctx = make_context(wiring, actor, name, ops, Prompts(chosen), chosen)
        window = MainWindow(ctx, DeskInfo(wiring.version))
        window.show()
        return app.exec()
    finally:
        ops.shutdown()
