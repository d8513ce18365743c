"""The bell: a housing liaison sees the dispatch and every warning of their order in Chinese,
opens one with Enter, marks all read; the marks are per user and survive a new desk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStatusBar

from core import deadlines
from core.calendar import SHANGHAI
from core.clock import FakeClock
from db.notification_queries import notifications_factory
from gui.context import Changed, DeskContext
from gui.main_window import DeskInfo, MainWindow
from gui.notify.bell import NotificationBell
from gui.notify.model import STATUS, TICKET, WHAT, WHEN
from tests.gui.conftest import wait_idle
from tests.support.centre import Centre


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)  # type: ignore[misc]


def sweep(c: Centre, when: datetime) -> None:
    c.clock.set(when)
    deadlines.sweep(c.db.uow, FakeClock(when))


@pytest.fixture
def desk(make_ctx, gui_centre: Centre) -> Callable[..., DeskContext]:
    def make(user: str, language: str = "zh_CN") -> DeskContext:
        ctx = make_ctx(user, language)
        ctx.extras["notifications"] = notifications_factory(gui_centre.db)
        return ctx

    return make


@pytest.fixture
def bell_for(qtbot, desk) -> Callable[..., NotificationBell]:
    def make(user: str, language: str = "zh_CN") -> NotificationBell:
        ctx = desk(user, language)
        bell = NotificationBell(ctx)
        qtbot.addWidget(bell)
        bell.show()
        wait_idle(qtbot, ctx)
        return bell

    return make


@pytest.fixture
def overdue(gui_centre: Centre) -> int:
    """Dispatched to housing Monday 2 Nov 09:00, swept on Sunday (临期) and on Tuesday after
    the due date (超期, 催办)."""
    o = gui_centre.dispatched()
    sweep(gui_centre, at(2026, 11, 8, 12, 0))
    sweep(gui_centre, at(2026, 11, 10, 9, 0))
    return o.id


def texts(bell: NotificationBell, column: int) -> list[str]:
    m = bell.model
    return [m.index(row, column).data() for row in range(m.rowCount())]


def test_the_housing_bell_counts_and_lists_in_chinese(bell_for, overdue, gui_centre, qtbot,
                                                      qtmodeltester):
    bell = bell_for("housing_staff")
    assert bell.isVisible()
    assert bell.text() == "通知"
    assert bell.badge_text() == "4"
    assert bell.toolTip() == "4 条未读通知"
    assert texts(bell, WHAT) == ["催办：市住房和城乡建设局", "超期：市住房和城乡建设局",
                                 "临期预警：市住房和城乡建设局", "新工单派至市住房和城乡建设局"]
    assert texts(bell, STATUS) == ["未读"] * 4
    assert texts(bell, WHEN)[0] == "2026-11-10 09:00"
    ticket = bell.model.index(0, TICKET).data()
    assert ticket.startswith("8890-20261102-")
    assert "系统自动催办" in bell.model.index(0, WHAT).data(Qt.ItemDataRole.ToolTipRole)
    qtmodeltester.check(bell.model)

    bell.open_list()
    popup = bell.notification_list()
    qtbot.waitExposed(popup)
    assert popup.windowTitle() == "通知"
    assert popup.summary.text() == "4 条未读通知"
    assert popup.mark_all_button.text() == "全部标为已读"


def test_enter_opens_the_order_and_marks_it_read(bell_for, overdue, qtbot, qtmodeltester):
    bell = bell_for("housing_staff")
    bell.open_list()
    popup = bell.notification_list()
    qtbot.waitExposed(popup)
    qtbot.keyClick(popup.table, Qt.Key.Key_Down)  # the second: 超期
    with qtbot.waitSignal(bell._ctx.bus.order_requested) as opened:
        qtbot.keyClick(popup.table, Qt.Key.Key_Return)
    assert opened.args == [overdue]
    assert popup.isVisible()  # Enter did not close the list
    assert texts(bell, STATUS) == ["未读", "已读", "未读", "未读"]
    assert bell.badge_text() == "3"
    qtmodeltester.check(bell.model)
    wait_idle(qtbot, bell._ctx)
    assert bell_for("housing_staff").badge_text() == "3"  # stored, not just shown


def test_mark_all_read_persists_and_is_per_user(bell_for, overdue, qtbot):
    boss = bell_for("supervisor")
    assert texts(boss, WHAT) == ["超期：市住房和城乡建设局"]  # red centre-wide, not yellow
    bell = bell_for("housing_staff")
    bell.open_list()
    popup = bell.notification_list()
    qtbot.mouseClick(popup.mark_all_button, Qt.MouseButton.LeftButton)
    assert bell.badge_text() == ""
    assert popup.summary.text() == "全部已读。"
    assert not popup.mark_all_button.isEnabled()
    wait_idle(qtbot, bell._ctx)
    again = bell_for("housing_staff")  # a new desk for the same user
    assert again.unread() == 0 and again.model.rowCount() == 4
    assert bell_for("supervisor").badge_text() == "1"


def test_another_department_sees_nothing(bell_for, overdue, qtbot):
    bell = bell_for("urban_staff")
    assert bell.badge_text() == "" and bell.model.rowCount() == 0
    assert bell.toolTip() == "没有未读通知"
    bell.open_list()
    popup = bell.notification_list()
    qtbot.waitExposed(popup)
    assert popup.empty_label.isVisible() and not popup.hint.isVisible()
    assert popup.summary.text() == "暂无通知"
    assert popup.empty_label.text() == "近 14 天没有通知。"


def test_a_change_on_the_bus_brings_new_notifications(bell_for, gui_centre, qtbot):
    bell = bell_for("housing_staff")
    assert bell.unread() == 0
    gui_centre.dispatched()
    gui_centre.dispatched()
    bell._ctx.bus.orders_changed.emit(Changed())
    qtbot.waitUntil(lambda: bell.badge_text() == "2")


def test_a_new_red_item_asks_for_a_tray_message(bell_for, overdue, gui_centre, qtbot):
    messages: list[tuple[str, str]] = []
    boss_ctx_bell = bell_for("supervisor")
    boss_ctx_bell.tray_message.connect(lambda title, text: messages.append((title, text)))
    sweep(gui_centre, at(2026, 11, 17, 9, 0))  # 督办
    boss_ctx_bell.refresh()
    qtbot.waitUntil(lambda: len(messages) == 1)
    title, text = messages[0]
    assert title == "新的超期工单" and "督办：市住房和城乡建设局" in text
    boss_ctx_bell.refresh()
    wait_idle(qtbot, boss_ctx_bell._ctx)
    assert len(messages) == 1  # each red item is announced once


def test_the_main_window_carries_the_bell(qtbot, desk, overdue):
    ctx = desk("housing_staff")
    window = MainWindow(ctx, DeskInfo("0.1.0"))
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot, ctx)
    bell = window.findChild(NotificationBell, "notificationBell")
    assert bell is not None and bell.isVisible()
    assert isinstance(bell.parent(), QStatusBar) or window.statusBar().isAncestorOf(bell)
    assert bell.badge_text() == "4"


def test_without_a_store_the_bell_stays_hidden(qtbot, make_ctx):
    ctx = make_ctx("housing_staff")
    del ctx.extras["notifications"]
    window = MainWindow(ctx, DeskInfo("0.1.0"))
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot, ctx)
    bell = window.findChild(NotificationBell, "notificationBell")
    assert bell is not None and not bell.isVisible()


def test_english_when_asked(bell_for, overdue):
    bell = bell_for("housing_staff", "en")
    assert texts(bell, WHAT)[-1] == "New order for 市住房和城乡建设局"
    assert bell.toolTip() == "4 unread notification(s)"
