"""Department staff work an order in its window: sign for, reply, return, extension."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core import services
from core.model import OrderState
from core.order_view import Action
from gui.context import Changed
from gui.orders.dialogs.extension_dialog import ExtensionDialog
from gui.orders.dialogs.reply_dialog import ReplyDialog
from gui.orders.order_window import OrderWindow
from tests.gui.conftest import wait_idle


def open_order(qtbot, ctx, order_id: int) -> OrderWindow:
    window = OrderWindow(ctx, order_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(qtbot, ctx)
    assert window.detail is not None
    return window


def state_of(centre, order_id: int) -> OrderState:
    return services.get_order(centre.db.uow(write=False), centre.supervisor, order_id).state


def test_sign_with_f2_then_reply_ends_in_replied(qtbot, gui_centre, make_ctx):
    order = gui_centre.dispatched()
    ctx = make_ctx("housing_staff")
    window = open_order(qtbot, ctx, order.id)
    assert window.panes.value("state") == "待签收"
    assert {o.action for o in window.offers()} == {Action.SIGN_FOR, Action.REQUEST_RETURN}
    assert window.button(Action.SIGN_FOR).text() == "签收 (F2)"

    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    wait_idle(qtbot, ctx)
    assert state_of(gui_centre, order.id) is OrderState.IN_PROGRESS
    assert window.panes.value("state") == "办理中"
    assert {o.action for o in window.offers()} == {
        Action.REPLY, Action.REQUEST_RETURN, Action.REQUEST_EXTENSION}

    gui_centre.clock.advance(hours=2)
    window.button(Action.REPLY).click()
    dialog = window.active_dialog()
    assert isinstance(dialog, ReplyDialog)
    dialog.text_edit.insertPlainText("已联系物业维修电梯，现已恢复运行。")  # typed via an IME
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    assert window.active_dialog() is None
    assert state_of(gui_centre, order.id) is OrderState.REPLIED
    assert window.panes.value("state") == "已回复待审核"
    assert window.panes.replies.item(0, 3).text() == "已联系物业维修电梯，现已恢复运行。"
    assert window.offers() == []


def test_the_leads_reply_dialog_shows_the_assisting_departments(qtbot, gui_centre, make_ctx):
    c = gui_centre
    order = services.dispatch(c.db.uow(), c.operator, c.clock, c.register().id, c.housing,
                              [c.urban])
    lead = next(a.id for a in order.assignments if a.lead)
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, lead)
    ctx = make_ctx("housing_staff")
    window = open_order(qtbot, ctx, order.id)
    window.button(Action.REPLY).click()
    dialog = window.active_dialog()
    assert dialog.assisting_label.text() == "市城市管理局：待签收"
    assert "尚有 1 个协办单位尚未回复" in dialog.explain_label.text()
    dialog.text_edit.insertPlainText("主办单位已处理完毕。")
    dialog.ok_button.click()
    wait_idle(qtbot, ctx)
    assert dialog.isVisible() and "协办单位" in dialog.message.text()  # the lead replies last
    assert dialog.text() == "主办单位已处理完毕。"  # nothing typed is lost
    dialog.reject()
    assert state_of(c, order.id) is OrderState.IN_PROGRESS

    urban_ctx = make_ctx("urban_staff")
    urban_window = open_order(qtbot, urban_ctx, order.id)
    assert [o.action for o in urban_window.offers()] == [Action.SIGN_FOR, Action.REQUEST_RETURN]
    urban_window.button(Action.SIGN_FOR).click()
    wait_idle(qtbot, urban_ctx)
    urban_window.button(Action.REPLY).click()
    dialog = urban_window.active_dialog()
    assert "协办" in dialog.explain_label.text()
    dialog.text_edit.insertPlainText("已配合检查。")
    dialog.ok_button.click()
    wait_idle(qtbot, urban_ctx)
    assert state_of(c, order.id) is OrderState.IN_PROGRESS  # the lead has not replied

    ctx.bus.orders_changed.emit(Changed())  # what the change poll does on the housing desk
    wait_idle(qtbot, ctx)
    window.button(Action.REPLY).click()
    dialog = window.active_dialog()
    assert "市城市管理局：已回复" in dialog.assisting_label.text()
    dialog.text_edit.insertPlainText("主办单位已处理完毕。")
    dialog.ok_button.click()
    wait_idle(qtbot, ctx)
    assert state_of(c, order.id) is OrderState.REPLIED
    assert window.panes.value("state") == "已回复待审核"


def test_an_empty_reply_is_not_sent(qtbot, gui_centre, make_ctx):
    c = gui_centre
    order = c.dispatched()
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, order.assignments[0].id)
    ctx = make_ctx("housing_staff")
    window = open_order(qtbot, ctx, order.id)
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = window.active_dialog()
    assert isinstance(dialog, ReplyDialog)
    qtbot.keyClicks(dialog.text_edit, "   ")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()
    assert dialog.message.text() == "请填写回复内容。"
    assert ctx.prompts.errors == []
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert window.active_dialog() is None
    assert state_of(c, order.id) is OrderState.IN_PROGRESS


def test_a_refused_reply_keeps_the_dialog_and_the_text(qtbot, gui_centre, make_ctx):
    c = gui_centre
    order = c.dispatched()
    aid = order.assignments[0].id
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, aid)
    ctx = make_ctx("housing_staff")
    window = open_order(qtbot, ctx, order.id)
    window.button(Action.REPLY).click()
    dialog = window.active_dialog()
    dialog.text_edit.insertPlainText("电梯已修复。")
    # Meanwhile a colleague at another desk asked to return the order.
    services.request_return(c.db.uow(), c.housing_staff, c.clock, aid, "应由物业公司自行处理")
    dialog.ok_button.click()
    wait_idle(qtbot, ctx)
    assert window.active_dialog() is dialog and dialog.isVisible()
    assert dialog.text_edit.toPlainText() == "电梯已修复。"
    # the order changed after the window showed it: refused as such, and reloaded
    assert [type(e).__name__ for e in ctx.prompts.errors] == ["ConcurrencyConflict"]
    qtbot.waitUntil(lambda: len(window.detail.pending_returns()) == 1)
    dialog.ok_button.click()  # sent again on the reloaded order: the rule refuses it
    wait_idle(qtbot, ctx)
    assert [type(e).__name__ for e in ctx.prompts.errors] == ["ConcurrencyConflict",
                                                              "RuleViolation"]
    assert ctx.prompts.shown[-1] == ("error", "该承办记录的退单申请尚待审核。")
    assert dialog.message.text() == "该承办记录的退单申请尚待审核。"
    assert dialog.ok_button.isEnabled()
    assert state_of(c, order.id) is OrderState.IN_PROGRESS


def test_a_return_needs_a_reason(qtbot, gui_centre, make_ctx):
    c = gui_centre
    order = c.dispatched()
    ctx = make_ctx("housing_staff")
    window = open_order(qtbot, ctx, order.id)
    window.button(Action.REQUEST_RETURN).click()
    dialog = window.active_dialog()
    dialog.ok_button.click()
    assert dialog.message.text() == "请填写退单理由。"
    dialog.text_edit.insertPlainText("电梯属于物业公司维保，不属于本单位职责。")
    dialog.ok_button.click()
    wait_idle(qtbot, ctx)
    assert window.active_dialog() is None
    summary = services.get_order(c.db.uow(write=False), c.supervisor, order.id)
    assert len(summary.pending_returns) == 1
    assert window.offers() == []  # nothing to sign or reply while the return waits
    assert window.panes.requests.item(0, 0).text() == "退单"
    assert window.panes.requests.item(0, 5).text() == "待审核"
    assert window.panes.timeline.item(2, 2).text() == "申请退单"


def test_an_extension_request_shows_the_new_due_before_sending(qtbot, gui_centre, make_ctx):
    c = gui_centre
    order = c.dispatched()  # help, normal: reply due Monday 9 November, end of day
    aid = order.assignments[0].id
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, aid)
    ctx = make_ctx("housing_staff")
    window = open_order(qtbot, ctx, order.id)
    window.button(Action.REQUEST_EXTENSION).click()
    dialog = window.active_dialog()
    assert isinstance(dialog, ExtensionDialog)
    wait_idle(qtbot, ctx)
    assert dialog.days_spin.value() == 3
    assert dialog.new_due_text() == "2026-11-12 23:59（审核通过后生效）"
    assert "最多还可申请 10 个工作日" in dialog.allowance_label.text()
    dialog.days_spin.selectAll()
    qtbot.keyClicks(dialog.days_spin, "5")
    assert dialog.new_due_text() == "2026-11-16 23:59（审核通过后生效）"  # over the weekend
    dialog.days_spin.selectAll()
    qtbot.keyClicks(dialog.days_spin, "11")
    dialog.reason_edit.insertPlainText("需协调维保单位更换主板。")
    dialog.ok_button.click()
    assert dialog.message.text() == "最多还可申请 10 个工作日。"
    dialog.days_spin.selectAll()
    qtbot.keyClicks(dialog.days_spin, "5")
    qtbot.keyClick(dialog.days_spin, Qt.Key.Key_Return)  # Enter sends
    wait_idle(qtbot, ctx)
    assert window.active_dialog() is None
    detail = window.detail
    assert [(x.days, x.reason) for x in detail.pending_extensions()] == [
        (5, "需协调维保单位更换主板。")]
    assert window.panes.requests.item(0, 0).text() == "延期 5 个工作日"
