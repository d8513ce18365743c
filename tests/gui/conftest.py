"""Fixtures for driving the desk's real widgets against a real SQLite centre.

``desk(user)`` builds the signed-in context for one of the centre's users (``"operator"``,
``"supervisor"``, ``"housing_staff"``, ``"admin"`` ...) with scripted prompts, and a main
window. ``wait_idle(ctx)`` waits until the database worker has delivered everything queued.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from core.clock import FakeClock
from core.model import Actor
from db.notification_queries import notifications_factory
from db.order_queries import queries_factory
from db.setup import Database, open_database
from db.stats_queries import stats_reader
from gui.context import DeskContext
from gui.i18n import install_translator
from gui.main_window import DeskInfo, MainWindow
from gui.ops import Ops
from gui.prompts import ScriptedPrompts
from tests.support.centre import Centre, build_centre


@pytest.fixture
def gui_centre(tmp_path: Path, clock: FakeClock) -> Iterator[Centre]:
    """The test centre on SQLite only (the widgets do not care about the backend)."""
    database: Database = open_database(f"sqlite:///{tmp_path / 'desk.db'}")
    try:
        yield build_centre(database, clock)
    finally:
        database.dispose()


@dataclass
class Desk:
    ctx: DeskContext
    prompts: ScriptedPrompts
    window: MainWindow | None


@pytest.fixture
def make_ctx(qapp, gui_centre: Centre, tmp_path: Path) -> Iterator[Callable[..., DeskContext]]:
    ops_list: list[Ops] = []

    def make(user: str = "operator", language: str = "zh_CN") -> DeskContext:
        install_translator(qapp, language)
        actor: Actor = getattr(gui_centre, user)
        ops = Ops()
        ops_list.append(ops)
        db = gui_centre.db
        return DeskContext(
            uow=db.uow, queries=queries_factory(db), clock=gui_centre.clock, actor=actor,
            user_name=actor.username, ops=ops, prompts=ScriptedPrompts(language=language),
            db_label=db.label, language=language, data_dir=tmp_path / "data",
            extras={"stats_reader": lambda: stats_reader(db),
                    "notifications": notifications_factory(db)})

    yield make
    for ops in ops_list:
        ops.shutdown()
    install_translator(qapp, "en")


@pytest.fixture
def open_window(qtbot, make_ctx) -> Callable[..., MainWindow]:
    def open_(user: str = "operator", language: str = "zh_CN") -> MainWindow:
        ctx = make_ctx(user, language)
        window = MainWindow(ctx, DeskInfo("0.1.0"))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        wait_idle(qtbot, ctx)
        return window

    return open_


def wait_idle(qtbot, ctx: DeskContext, timeout: int = 10_000) -> None:
    """Wait until every queued background job has run and delivered its result."""
    qtbot.waitUntil(ctx.ops.is_idle, timeout=timeout)
