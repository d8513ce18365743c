"""The order window: fields, timeline, clocks and dwell times, the offered buttons, reloads."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core import deadlines, services
from core.model import OrderState, Urgency
from core.order_view import Action, available_actions, order_detail
from gui.context import Changed
from gui.orders.columns import RED, YELLOW
from gui.orders.dialogs.dispatch_dialog import DispatchDialog
from gui.orders.order_window import OrderWindow
from tests.gui.conftest import wait_idle
from tests.gui.test_department_flow import open_order, state_of


def column(table, col: int) -> list[str]:
    return [table.item(r, col).text() for r in range(table.rowCount())]


def test_the_window_shows_the_order_its_clocks_and_timeline(qtbot, gui_centre, make_ctx):
    c = gui_centre
    order = c.dispatched(urgency=Urgency.URGENT, address="幸福小区3号楼", caller_name="张先生")
    aid = order.assignments[0].id
    c.clock.advance(hours=2)  # urgent: the sign-for limit was one hour
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, aid)
    c.clock.advance(hours=17)  # 5 of 24 hours left
    ctx = make_ctx("supervisor")
    window = open_order(qtbot, ctx, order.id)
    panes = window.panes
    assert window.windowTitle().startswith(f"工单 {order.ticket_no}：")
    assert window.state_label.text() == "办理中"
    assert panes.value("caller") == "张** 138****1111"  # de-identified: core.privacy
    assert panes.value("category") == "城乡建设 / 物业管理 / 电梯故障"
    assert panes.value("urgency") == "紧急" and panes.value("request_type") == "求助"
    assert panes.value("registered") == "2026-11-02 09:00，operator"
    assert panes.content.toPlainText().startswith("来电人反映小区电梯")

    assert column(panes.timeline, 2) == ["登记", "派单", "签收"]
    assert column(panes.timeline, 1) == ["operator", "operator", "housing"]
    assert column(panes.timeline, 4) == ["已登记", "已登记 → 待签收", "待签收 → 办理中"]
    assert panes.timeline.item(2, 6).text() == "超时签收"
    assert panes.timeline.item(1, 6).text().startswith("主办；签收时限 2026-11-02 10:00")

    sign_due, reply_due = panes.assignments.item(0, 5), panes.assignments.item(0, 7)
    assert sign_due.text() == "2026-11-02 10:00" and sign_due.background().color() == RED
    assert reply_due.text() == "2026-11-03 09:00"
    assert reply_due.background().color() == YELLOW
    assert panes.assignments.item(0, 10).text() == "19小时00分"
    assert panes.dwell_label.text() == "各单位停留时长：市住房和城乡建设局 19小时00分"
    assert panes.tabs.tabText(0) == "时间线 (3)"


def test_automatic_notices_read_as_system_and_overdue_clocks_turn_red(qtbot, gui_centre,
                                                                      make_ctx):
    c = gui_centre
    order = c.dispatched(urgency=Urgency.URGENT)
    c.clock.advance(days=2)
    deadlines.sweep(c.db.uow, c.clock)
    ctx = make_ctx("supervisor")
    window = open_order(qtbot, ctx, order.id)
    panes = window.panes
    assert panes.assignments.item(0, 7).background().color() == RED
    notices = column(panes.notices, 1)
    assert "临期预警" in notices and "超期提醒" in notices
    assert set(column(panes.notices, 3)) == {"系统自动"}
    automatic = [r for r in range(panes.timeline.rowCount())
                 if panes.timeline.item(r, 2).text() == "催办/督办"]
    assert automatic and all(panes.timeline.item(r, 1).text() == "系统" for r in automatic)
    assert "（系统自动）" in panes.timeline.item(automatic[0], 6).text()


def test_the_buttons_are_exactly_the_offered_actions(qtbot, gui_centre, make_ctx):
    c = gui_centre
    order = c.register()
    for user in ("operator", "supervisor", "housing_staff", "admin"):
        ctx = make_ctx(user)
        if user == "housing_staff":
            services.dispatch(c.db.uow(), c.operator, c.clock, order.id, c.housing)
        window = open_order(qtbot, ctx, order.id)
        detail = order_detail(c.db.uow(write=False), ctx.actor, order.id)
        assert window.offers() == available_actions(detail, ctx.actor, ctx.clock.now()), user
        assert window.no_actions_label.isVisible() == (not window.offers())


def test_operator_dispatches_a_new_order_to_the_routing_department(qtbot, gui_centre, make_ctx):
    c = gui_centre
    order = c.register()
    ctx = make_ctx("operator")
    window = open_order(qtbot, ctx, order.id)
    assert [o.action for o in window.offers()] == [
        Action.DISPATCH, Action.CLOSE_DIRECTLY, Action.LINK_DUPLICATE, Action.REVISE]
    window.button(Action.DISPATCH).click()
    dialog = window.active_dialog()
    assert isinstance(dialog, DispatchDialog)
    wait_idle(qtbot, ctx)
    assert dialog.lead_box.currentData() == c.housing  # 电梯故障 -> 住建局
    dialog.set_assisting({c.housing, c.urban})  # the lead cannot also assist
    assert dialog.assisting() == [c.urban]
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, ctx)
    assert state_of(c, order.id) is OrderState.AWAITING_SIGN
    assert column(window.panes.assignments, 2) == ["主办", "协办"]


def test_close_directly_and_link_duplicate(qtbot, gui_centre, make_ctx):
    c = gui_centre
    original = c.register()
    c.clock.advance(minutes=5)
    duplicate = c.register("又来电：电梯困人")
    c.clock.advance(minutes=5)
    simple = c.register("咨询公积金提取条件")
    ctx = make_ctx("operator")
    window = open_order(qtbot, ctx, duplicate.id)
    window.button(Action.LINK_DUPLICATE).click()
    dialog = window.active_dialog()
    qtbot.keyClicks(dialog.ticket_edit, "8890-20261102-999999")
    qtbot.keyClick(dialog.ticket_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, ctx)
    assert dialog.isVisible() and "8890-20261102-999999" in dialog.message.text()
    dialog.ticket_edit.setText(original.ticket_no)
    qtbot.keyClick(dialog.ticket_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, ctx)
    assert state_of(c, duplicate.id) is OrderState.DUPLICATE
    assert window.panes.value("duplicate") == f"为 {original.ticket_no} 的重复件"

    other = open_order(qtbot, ctx, simple.id)
    other.button(Action.CLOSE_DIRECTLY).click()
    dialog = other.active_dialog()
    dialog.text_edit.insertPlainText("已告知提取条件和办理渠道。")
    dialog.ok_button.click()
    wait_idle(qtbot, ctx)
    assert state_of(c, simple.id) is OrderState.CLOSED
    assert other.panes.value("closed").endswith("直接办结")


def test_the_window_follows_changes_to_its_own_order(qtbot, gui_centre, make_ctx):
    c = gui_centre
    order = c.dispatched()
    other = c.register("另一个来电")
    ctx = make_ctx("supervisor")
    window = open_order(qtbot, ctx, order.id)
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, order.assignments[0].id)
    ctx.bus.orders_changed.emit(Changed(frozenset({other.id})))
    wait_idle(qtbot, ctx)
    assert window.panes.value("state") == "待签收"  # not this order: not read again
    ctx.bus.orders_changed.emit(Changed(frozenset({order.id})))
    wait_idle(qtbot, ctx)
    assert window.panes.value("state") == "办理中"


def test_an_order_of_another_department_is_not_shown(qtbot, gui_centre, make_ctx):
    order = gui_centre.dispatched()
    ctx = make_ctx("water_staff")
    window = OrderWindow(ctx, order.id)
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot, ctx)
    assert [type(e).__name__ for e in ctx.prompts.errors] == ["NotFound"]
    assert not window.isVisible()


def test_english_window(qtbot, gui_centre, make_ctx):
    order = gui_centre.dispatched()
    gui_centre.clock.advance(hours=1)
    ctx = make_ctx("housing_staff", "en")
    window = open_order(qtbot, ctx, order.id)
    assert window.button(Action.SIGN_FOR).text() == "Sign for (F2)"
    assert window.panes.value("state") == "awaiting sign-for"
    assert window.panes.tabs.tabText(0) == "Timeline (2)"
    assert window.panes.timeline.item(1, 2).text() == "dispatched"
    assert window.panes.assignments.item(0, 10).text() == "1h 00m"
