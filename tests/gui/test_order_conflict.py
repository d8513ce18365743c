"""Someone else changes the order while it is open: the next action is refused with a clear
message, the window shows the fresh order, and what was typed in a dialog stays."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core import services
from core.errors import ConcurrencyConflict
from core.model import EventKind, NoticeKind, OrderState
from core.order_view import Action
from gui.orders.dialogs.reply_dialog import ReplyDialog
from tests.gui.conftest import wait_idle
from tests.gui.test_department_flow import open_order, state_of


def signed_events(centre, order_id: int) -> int:
    with centre.db.uow(write=False) as uow:
        return sum(1 for e in uow.orders.events(order_id) if e.kind is EventKind.SIGNED)


def test_sign_for_after_a_colleague_signed_is_refused_and_the_window_reloads(
        qtbot, gui_centre, make_ctx):
    c = gui_centre
    order = c.dispatched()
    ctx = make_ctx("housing_staff")
    window = open_order(qtbot, ctx, order.id)
    assert window.panes.value("state") == "待签收"
    # a colleague at another desk signs first
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, order.assignments[0].id)

    window.button(Action.SIGN_FOR).click()
    wait_idle(qtbot, ctx)
    assert [type(e) for e in ctx.prompts.errors] == [ConcurrencyConflict]
    message = ctx.prompts.shown[-1][1]
    assert order.ticket_no in message and "他人修改" in message and "重新载入" in message
    qtbot.waitUntil(lambda: window.panes.value("state") == "办理中")
    assert {o.action for o in window.offers()} == {
        Action.REPLY, Action.REQUEST_RETURN, Action.REQUEST_EXTENSION}
    assert signed_events(c, order.id) == 1


def test_a_reply_typed_while_the_order_changed_is_kept_and_sent_after_the_reload(
        qtbot, gui_centre, make_ctx):
    c = gui_centre
    order = c.dispatched()
    aid = order.assignments[0].id
    services.sign_for(c.db.uow(), c.housing_staff, c.clock, aid)
    ctx = make_ctx("housing_staff")
    window = open_order(qtbot, ctx, order.id)
    window.button(Action.REPLY).click()
    dialog = window.active_dialog()
    assert isinstance(dialog, ReplyDialog)
    dialog.text_edit.insertPlainText("已联系物业维修电梯，现已恢复运行。")
    # meanwhile a supervisor sends a reminder: the order changed under the open dialog
    services.issue_notice(c.db.uow(), c.supervisor, c.clock, aid, NoticeKind.REMINDER,
                          "请尽快办理。")

    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    assert [type(e) for e in ctx.prompts.errors] == [ConcurrencyConflict]
    assert window.active_dialog() is dialog  # still open, text kept
    assert dialog.text_edit.toPlainText() == "已联系物业维修电梯，现已恢复运行。"
    assert state_of(c, order.id) is OrderState.IN_PROGRESS
    qtbot.waitUntil(lambda: window.panes.notices.rowCount() == 1)  # the window reloaded

    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    assert window.active_dialog() is None
    assert state_of(c, order.id) is OrderState.REPLIED


def test_own_actions_in_a_row_are_never_refused(qtbot, gui_centre, make_ctx):
    """The version an action returns counts as seen: a follow-up at once is not a conflict."""
    c = gui_centre
    order = c.dispatched()
    ctx = make_ctx("housing_staff")
    window = open_order(qtbot, ctx, order.id)
    window.button(Action.SIGN_FOR).click()
    wait_idle(qtbot, ctx)
    window.button(Action.REPLY).click()
    dialog = window.active_dialog()
    dialog.text_edit.insertPlainText("已处理完毕。")
    dialog.submit()
    wait_idle(qtbot, ctx)
    assert ctx.prompts.errors == []
    assert state_of(c, order.id) is OrderState.REPLIED
