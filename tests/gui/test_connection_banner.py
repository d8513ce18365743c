"""The desk on PostgreSQL hears other desks' changes (a fake listener stands in for LISTEN):
lists and counts follow within a second, a lost server connection shows a banner that goes
when the connection is back, and what was typed stays."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QToolBar

from core.queries import Queue
from gui.context import Changed
from gui.main_window import DeskInfo, MainWindow
from gui.register.page import RegisterPage
from tests.gui.conftest import wait_idle


class FakeListener:
    """Calls back from a thread of its own, as the real listener does."""

    def __init__(self) -> None:
        self.on_change: Callable[[frozenset[int]], None] | None = None
        self.on_connection: Callable[[bool], None] | None = None
        self.stopped = False

    def start(self, on_change, on_connection=None) -> None:  # noqa: ANN001
        self.on_change, self.on_connection = on_change, on_connection

    def stop(self) -> None:
        self.stopped = True

    def _from_thread(self, call: Callable[[], None]) -> None:
        t = threading.Thread(target=call)
        t.start()
        t.join()

    def announce(self, *ids: int) -> None:
        self._from_thread(lambda: self.on_change(frozenset(ids)))  # type: ignore[misc]

    def connection(self, up: bool) -> None:
        self._from_thread(lambda: self.on_connection(up))  # type: ignore[misc]


def open_live_window(qtbot, make_ctx, user: str = "operator"):  # noqa: ANN201
    ctx = make_ctx(user)
    listener = FakeListener()
    ctx.extras["change_listener"] = listener
    window = MainWindow(ctx, DeskInfo("0.1.0"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(qtbot, ctx)
    return window, ctx, listener


def banner_bar(window: MainWindow) -> QToolBar:
    bar = window.findChild(QToolBar, "connectionBar")
    assert bar is not None
    return bar


def test_another_desks_change_reaches_the_lists_and_counts_within_a_second(
        qtbot, gui_centre, make_ctx):
    window, ctx, listener = open_live_window(qtbot, make_ctx, "supervisor")
    page = window.show_page(Queue.ALL.value)
    wait_idle(qtbot, ctx)
    assert page.model.rowCount() == 0
    order = gui_centre.register()  # at another desk
    with qtbot.waitSignal(ctx.bus.orders_changed, timeout=1000) as heard:
        listener.announce(order.id)
    assert heard.args == [Changed(frozenset({order.id}))]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=1000)
    qtbot.waitUntil(lambda: window.count_of(Queue.ALL) == 1, timeout=1000)


def test_a_burst_of_announcements_is_one_reload(qtbot, gui_centre, make_ctx):
    window, ctx, listener = open_live_window(qtbot, make_ctx)
    seen: list[Changed] = []
    ctx.bus.orders_changed.connect(seen.append)
    for i in (1, 2, 3):
        listener.announce(i)
    qtbot.waitUntil(lambda: bool(seen), timeout=1000)
    wait_idle(qtbot, ctx)
    assert seen == [Changed(frozenset({1, 2, 3}))]


def test_a_lost_connection_shows_a_banner_until_it_is_back_and_keeps_the_typing(
        qtbot, gui_centre, make_ctx):
    window, ctx, listener = open_live_window(qtbot, make_ctx)
    page = window.page("register")
    assert isinstance(page, RegisterPage)
    page.form.content_edit.insertPlainText("小区门口路灯不亮已有一周。")
    assert not banner_bar(window).isVisible()

    listener.connection(False)
    qtbot.waitUntil(banner_bar(window).isVisible, timeout=1000)
    banner = window.findChild(QLabel, "connectionBanner")
    assert banner.text().startswith("与数据库服务器的连接已断开，正在重连…")
    window.grab().save("/tmp/concurrency_banner.png")

    with qtbot.waitSignal(ctx.bus.orders_changed, timeout=1000) as heard:
        listener.connection(True)
    assert heard.args == [Changed()]  # missed changes: everything reloads
    assert not banner_bar(window).isVisible()
    assert page.form.content_edit.toPlainText() == "小区门口路灯不亮已有一周。"
    window.close()
    assert listener.stopped
