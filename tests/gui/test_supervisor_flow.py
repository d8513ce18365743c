"""Supervisors in the order window: returns and re-dispatch, extensions, notices, reply review,
callbacks with reopen or close."""

from __future__ import annotations

from core import services
from core.calendar import SHANGHAI
from core.model import AssignmentState, CallbackOutcome, OrderState
from core.order_view import Action
from gui.orders.dialogs.callback_dialog import CallbackDialog
from gui.orders.dialogs.decide_dialog import DecideDialog
from gui.orders.dialogs.dispatch_dialog import DispatchDialog
from gui.orders.dialogs.followup_dialog import FollowUpDialog
from gui.orders.dialogs.notice_dialog import NoticeDialog
from tests.gui.conftest import wait_idle
from tests.gui.test_department_flow import open_order, state_of


def local(t) -> str:
    return t.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


def replied_order(c):
    order = c.dispatched()
    aid = order.assignments[0].id
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, aid)
    c.clock.advance(hours=3)
    services.reply(c.db.uow(), c.housing_staff, c.clock, aid, "已督促物业修复电梯。")
    return order


def test_return_approved_then_redispatched_to_the_urban_department(qtbot, gui_centre,
                                                                   make_ctx):
    c = gui_centre
    order = c.dispatched()
    staff = make_ctx("housing_staff")
    staff_window = open_order(qtbot, staff, order.id)
    staff_window.button(Action.REQUEST_RETURN).click()
    staff_window.active_dialog().text_edit.insertPlainText("占道经营应由城管部门处理。")
    staff_window.active_dialog().ok_button.click()
    wait_idle(qtbot, staff)

    boss = make_ctx("supervisor")
    window = open_order(qtbot, boss, order.id)
    assert [o.action for o in window.offers()] == [Action.DECIDE_RETURN, Action.ISSUE_NOTICE]
    window.button(Action.DECIDE_RETURN).click()
    dialog = window.active_dialog()
    assert isinstance(dialog, DecideDialog)
    assert dialog.form.labelForField(dialog.effect_label) is not None
    assert "回到待派单" in dialog.effect_label.text()
    dialog.note_edit.insertPlainText("同意，改派城管。")
    dialog.ok_button.click()  # approve is the default; confirm "dispatch again?" says yes
    qtbot.waitUntil(lambda: isinstance(window.active_dialog(), DispatchDialog))
    wait_idle(qtbot, boss)
    assert state_of(c, order.id) is OrderState.TO_DISPATCH
    assert boss.prompts.shown[-1][1] == "退单已批准，工单回到待派单。现在重新派单吗？"

    dispatch = window.active_dialog()
    assert dispatch.lead_box.currentData() is None  # the routing rule's department returned it
    assert dispatch.lead_box.findText("市住房和城乡建设局（曾退单）") >= 0
    dispatch.ok_button.click()
    assert dispatch.message.text() == "请选择主办单位。"
    dispatch.choose_lead(c.urban)
    dispatch.set_assisting({c.water})
    dispatch.ok_button.click()
    wait_idle(qtbot, boss)
    assert window.active_dialog() is None
    summary = services.get_order(c.db.uow(write=False), c.supervisor, order.id)
    assert summary.state is OrderState.AWAITING_SIGN
    current = [(a.department_id, a.lead, a.state) for a in summary.assignments if a.hop == 2]
    assert current == [(c.urban, True, AssignmentState.AWAITING_SIGN),
                       (c.water, False, AssignmentState.AWAITING_SIGN)]
    assert window.panes.value("state") == "待签收"
    # the department's desk is another process: its window shows the change when read again
    staff_window.reload()
    wait_idle(qtbot, staff)
    assert staff_window.offers() == []


def test_extension_approval_moves_the_reply_due(qtbot, gui_centre, make_ctx):
    c = gui_centre
    order = c.dispatched()
    aid = order.assignments[0].id
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, aid)
    services.request_extension(c.db.uow(), c.housing_staff, c.clock, aid, 3, "需协调维保单位")
    ctx = make_ctx("supervisor")
    window = open_order(qtbot, ctx, order.id)
    assert window.panes.assignments.item(0, 7).text() == "2026-11-09 23:59"
    window.button(Action.DECIDE_EXTENSION).click()
    dialog = window.active_dialog()
    wait_idle(qtbot, ctx)
    assert dialog.effect_label.text() == "办理时限延至 2026-11-12 23:59。"
    dialog.ok_button.click()
    wait_idle(qtbot, ctx)
    summary = services.get_order(c.db.uow(write=False), c.supervisor, order.id)
    assert local(summary.assignments[0].reply_due) == "2026-11-12 23:59"
    assert summary.assignments[0].extension_days == 3
    assert window.panes.assignments.item(0, 7).text() == "2026-11-12 23:59"
    assert window.panes.assignments.item(0, 9).text() == "3 个工作日"
    assert window.panes.timeline.item(4, 6).text().startswith(
        "延期 3 个工作日：办理时限 2026-11-09 23:59 → 2026-11-12 23:59")


def test_rejecting_an_extension_needs_a_reason(qtbot, gui_centre, make_ctx):
    c = gui_centre
    order = c.dispatched()
    aid = order.assignments[0].id
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, aid)
    services.request_extension(c.db.uow(), c.housing_staff, c.clock, aid, 2, "人手不足")
    ctx = make_ctx("supervisor")
    window = open_order(qtbot, ctx, order.id)
    window.button(Action.DECIDE_EXTENSION).click()
    dialog = window.active_dialog()
    dialog.reject_radio.setChecked(True)
    dialog.ok_button.click()
    assert dialog.message.text() == "驳回须填写理由。"
    dialog.note_edit.insertPlainText("时限内可以办结，不予延期。")
    dialog.ok_button.click()
    wait_idle(qtbot, ctx)
    summary = services.get_order(c.db.uow(write=False), c.supervisor, order.id)
    assert summary.pending_extensions == () and summary.assignments[0].extension_days == 0
    assert window.panes.requests.item(0, 5).text() == "已驳回"


def test_supervision_notice_is_recorded(qtbot, gui_centre, make_ctx):
    c = gui_centre
    order = c.dispatched()
    ctx = make_ctx("supervisor")
    window = open_order(qtbot, ctx, order.id)
    window.button(Action.ISSUE_NOTICE).click()
    dialog = window.active_dialog()
    assert isinstance(dialog, NoticeDialog)
    dialog.supervision_radio.setChecked(True)
    dialog.text_edit.insertPlainText("请于今日下班前反馈处理进展。")
    dialog.ok_button.click()
    wait_idle(qtbot, ctx)
    notices = window.panes.notices
    assert [notices.item(0, i).text() for i in (1, 2, 3, 4)] == [
        "督办", "市住房和城乡建设局", "supervisor", "请于今日下班前反馈处理进展。"]
    assert window.panes.tabs.tabText(5) == "催办督办 (1)"
    assert window.panes.timeline.item(2, 6).text() == "督办（人工）：请于今日下班前反馈处理进展。"


def test_unsatisfied_callback_then_reopen_sends_the_order_back_to_dispatch(
        qtbot, gui_centre, make_ctx):
    c = gui_centre
    order = replied_order(c)
    ctx = make_ctx("supervisor")
    ctx.prompts.answers.extend([True, False])  # accept the reply; do not dispatch right away
    window = open_order(qtbot, ctx, order.id)
    assert {o.action for o in window.offers()} == {Action.ACCEPT_REPLY, Action.REJECT_REPLY}
    window.button(Action.ACCEPT_REPLY).click()
    wait_idle(qtbot, ctx)
    assert state_of(c, order.id) is OrderState.AWAITING_CALLBACK
    assert window.panes.value("callback").startswith("时限 2026-11-03 23:59")

    window.button(Action.RECORD_CALLBACK).click()
    dialog = window.active_dialog()
    assert isinstance(dialog, CallbackDialog)
    assert "已督促物业修复电梯。" in dialog.findChild(type(dialog.message), "replyText").text()
    dialog.ok_button.click()
    assert dialog.message.text() == "请选择回访结果。"
    dialog.choose(CallbackOutcome.UNSATISFIED)
    dialog.note_edit.insertPlainText("电梯仍有异响。")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: isinstance(window.active_dialog(), FollowUpDialog))
    follow = window.active_dialog()
    assert follow.reopen()
    follow.ok_button.click()
    assert follow.message.text() == "请填写理由。"
    follow.reason_edit.insertPlainText("问题未彻底解决，重新交办。")
    follow.ok_button.click()
    wait_idle(qtbot, ctx)
    assert state_of(c, order.id) is OrderState.TO_DISPATCH
    assert ctx.prompts.shown[-1][1] == "工单已重办，等待派单。现在派单吗？"
    assert window.active_dialog() is None  # the supervisor said not now
    assert window.panes.value("state") == "待派单"
    assert Action.DISPATCH in {o.action for o in window.offers()}
    assert window.panes.timeline.item(window.panes.timeline.rowCount() - 1, 2).text() == "重办"


def test_an_operators_unsatisfied_callback_leaves_the_choice_to_a_supervisor(
        qtbot, gui_centre, make_ctx):
    c = gui_centre
    order = replied_order(c)
    services.accept_reply(c.db.uow(), c.operator, c.clock, order.id)
    operator = make_ctx("operator")
    window = open_order(qtbot, operator, order.id)
    window.button(Action.RECORD_CALLBACK).click()
    dialog = window.active_dialog()
    dialog.choose(CallbackOutcome.UNSATISFIED)
    dialog.note_edit.insertPlainText("对结果不满意。")
    dialog.ok_button.click()
    wait_idle(qtbot, operator)
    assert operator.prompts.shown[-1][1].startswith("市民不满意")
    assert window.offers() == []

    boss = make_ctx("supervisor")
    boss_window = open_order(qtbot, boss, order.id)
    assert [o.action for o in boss_window.offers()] == [Action.REOPEN, Action.CLOSE]
    boss_window.button(Action.CLOSE).click()
    follow = boss_window.active_dialog()
    assert not follow.reopen()
    follow.reason_edit.insertPlainText("诉求超出政策范围，已向市民解释。")
    follow.ok_button.click()
    wait_idle(qtbot, boss)
    assert state_of(c, order.id) is OrderState.CLOSED
    assert boss_window.panes.value("closed").endswith(
        "不满意办结：诉求超出政策范围，已向市民解释。")


def test_sending_a_reply_back(qtbot, gui_centre, make_ctx):
    c = gui_centre
    order = replied_order(c)
    ctx = make_ctx("supervisor")
    window = open_order(qtbot, ctx, order.id)
    window.button(Action.REJECT_REPLY).click()
    dialog = window.active_dialog()
    dialog.text_edit.insertPlainText("回复未说明维修结果。")
    dialog.ok_button.click()
    wait_idle(qtbot, ctx)
    assert state_of(c, order.id) is OrderState.IN_PROGRESS
    assert window.panes.replies.item(0, 4).text() == "已驳回：回复未说明维修结果。"
