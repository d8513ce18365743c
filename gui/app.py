"""Starting the desk: the Qt application, its language, the login and the main window."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from core import admin
from core.clock import Clock
from core.model import Actor
from core.queries import QueriesFactory, Queue
from gui.context import DeskContext, UowFactory
from gui.i18n import install_translator
from gui.login import LoginDialog
from gui.main_window import DeskInfo, MainWindow
from gui.ops import Ops
from gui.prompts import Prompts

__all__ = ["BenchStart", "DeskInfo", "DeskWiring", "make_context", "run_desk"]

APPLICATION_NAME = "hotline8890"
READY_POLL_MS = 2  # how often a benchmark start looks whether the desk is ready


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


@dataclass(frozen=True)
class BenchStart:
    """A start timed by the benchmark (``main.py --bench-ready-file``, ``bench/desk_ops.py``).

    ``sign_in`` (user name, password), when given, is typed into the real login dialog, whose
    real checks run as always (argon2, lockout, access log): it saves the typing, not the
    check, so it opens nothing the password would not. Once the main window is shown, its
    navigation counts have arrived and the database worker has delivered everything the first
    screen asked for, what the window shows is written to ``ready_file`` as one line of JSON
    (``at``: ``time.time()``; ``counts``) and the desk quits.
    """

    ready_file: Path
    sign_in: tuple[str, str] | None = None


def _type_sign_in(login: LoginDialog, user: str, password: str) -> None:
    login.user_edit.setText(user)
    login.password_edit.setText(password)
    login.try_sign_in()


def _quit_when_ready(app: QApplication, window: MainWindow, ctx: DeskContext,
                     ready_file: Path) -> QTimer:
    """Poll (every READY_POLL_MS) until the window is usable, then write the file and quit."""
    timer = QTimer(window)

    def check() -> None:
        if not window.isVisible() or window.count_of(Queue.ALL) is None \
                or not ctx.ops.is_idle():
            return
        timer.stop()
        counts = {q.value: window.count_of(q) for q in Queue if window.count_of(q) is not None}
        ready_file.write_text(json.dumps({"at": time.time(), "counts": counts}) + "\n",
                              encoding="utf-8")
        window.hide()  # not close(): closing the last window would ask to quit once more
        app.quit()

    timer.timeout.connect(check)
    timer.start(READY_POLL_MS)
    return timer


def _preload_while_signing_in() -> None:
    """Import what the first screen's worker job needs but the login dialog does not (the
    pinyin dictionaries of the category search, about half a second), in a daemon thread, so
    that it happens while the person types the password. A later import simply waits for it."""

    def load() -> None:
        try:
            import pypinyin  # noqa: F401
        except Exception:  # noqa: BLE001 - the real import reports it when it is needed
            pass

    threading.Thread(target=load, name="preload", daemon=True).start()


def authenticator(wiring: DeskWiring) -> Callable[[str, str], tuple[Actor, str]]:
    def authenticate(username: str, password: str) -> tuple[Actor, str]:
        actor = admin.authenticate(wiring.uow(), wiring.clock, username, password)
        name = admin.display_name(wiring.uow(write=False), actor.user_id) or username
        return actor, name

    return authenticate


def run_desk(wiring: DeskWiring, argv: list[str], language: str | None = None,
             bench: BenchStart | None = None) -> int:
    """Sign in, show the desk and run the Qt event loop; return the exit code.

    Reuses an existing `QApplication` (then `argv` is ignored). `language` falls back to
    `$HOTLINE_LANG`, then Simplified Chinese. `bench`: see :class:`BenchStart`.
    """
    existing = QApplication.instance()
    if existing is not None and not isinstance(existing, QApplication):
        raise RuntimeError("a non-GUI QCoreApplication already exists; the desk needs a GUI one")
    app = existing if existing is not None else QApplication(argv)
    app.setApplicationName(APPLICATION_NAME)
    app.setApplicationVersion(wiring.version)
    chosen = install_translator(app, language)
    ops = Ops(app)
    _preload_while_signing_in()
    try:
        login = LoginDialog(ops, authenticator(wiring), chosen, wiring.db_label)
        if bench is not None and bench.sign_in is not None:
            user, password = bench.sign_in
            QTimer.singleShot(0, login, lambda: _type_sign_in(login, user, password))
        if login.exec() != QDialog.DialogCode.Accepted or login.session is None:
            return 0
        actor, name = login.session
        ctx = make_context(wiring, actor, name, ops, Prompts(chosen), chosen)
        window = MainWindow(ctx, DeskInfo(wiring.version))
        window.show()
        if bench is not None:
            _quit_when_ready(app, window, ctx, bench.ready_file)
        return app.exec()
    finally:
        ops.shutdown()
