"""An operator presses F8 (取下一条) on 我的待办: the oldest online message nobody works on
opens; a colleague pressing after gets the next one; an empty queue says so."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core import services
from core.queries import Queue
from gui.orders.list_page import OrderListPage
from tests.gui.conftest import wait_idle


def messages(c, n: int) -> list[int]:
    ids = []
    for i in range(n):
        ids.append(c.register(f"网络留言{i}：小区电梯故障，请尽快处理。", channel=c.portal,
                              phone="").id)
        c.clock.advance(minutes=1)
    return ids


def test_f8_opens_the_oldest_waiting_message_and_each_desk_gets_its_own(
        qtbot, gui_centre, open_window):
    c = gui_centre
    c.register("热线来电：不属于网络留言队列。")
    first, second = messages(c, 2)
    window = open_window("operator")
    page = window.show_page(Queue.MY_WORK.value)
    assert isinstance(page, OrderListPage)
    assert page.take_button.isVisible() and page.take_button.text() == "取下一条 (F8)"
    wait_idle(qtbot, window._ctx)
    window.grab().save("/tmp/concurrency_take_next.png")

    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(page.table, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.order_window(first) is not None)
    wait_idle(qtbot, window._ctx)
    assert window.order_window(first).detail.id == first

    # a colleague at the supervisor's desk takes the next one, not the same
    other = open_window("supervisor")
    other_page = other.show_page(Queue.MY_WORK.value)
    assert not other_page.take_button.isVisible()  # the button is the operators'
    other_page.take_next()
    qtbot.waitUntil(lambda: other.order_window(second) is not None)

    services.dispatch(c.db.uow(), c.operator, c.clock, first, c.housing)
    page.take_next()
    wait_idle(qtbot, window._ctx)
    assert window._ctx.prompts.shown[-1] == ("取下一条", "当前没有待处理的网络留言。")


def test_department_staff_have_no_take_next(qtbot, gui_centre, open_window):
    window = open_window("housing_staff")
    page = window.show_page(Queue.MY_WORK.value)
    assert not page.take_button.isVisible()
