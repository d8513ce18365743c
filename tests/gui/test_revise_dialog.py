"""修改/补充 in the order window: an imported order without a category is completed with the
category search and then dispatched; the dialog refuses to send nothing or an empty title."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core import services
from core.model import EventKind, OrderState, Urgency
from core.order_view import Action
from gui.orders.dialogs.dispatch_dialog import DispatchDialog
from gui.orders.dialogs.revise_dialog import ReviseDialog
from tests.gui.conftest import wait_idle
from tests.gui.test_department_flow import open_order, state_of
from tests.gui.test_opinion_pane import grab
from tests.gui.test_register import ime


def _imported(c) -> services.OrderSummary:  # noqa: ANN001 - the centre
    reg = services.Registration(channel_id=c.portal,
                                content="网友留言：小区电梯经常停运，请派人检查。",
                                title="电梯经常停运")
    return services.register(c.db.uow(), c.operator, c.clock, reg)


def test_dispatching_an_order_without_category_asks_for_one_first(qtbot, gui_centre,
                                                                   make_ctx):
    c = gui_centre
    order = _imported(c)
    ctx = make_ctx("operator")
    window = open_order(qtbot, ctx, order.id)
    assert Action.REVISE in {o.action for o in window.offers()}
    assert window.button(Action.REVISE).text() == "修改/补充"
    window.button(Action.DISPATCH).click()
    dialog = window.active_dialog()
    assert isinstance(dialog, ReviseDialog)
    wait_idle(qtbot, ctx)
    assert "尚未选择事项分类" in dialog.findChild(type(dialog.message), "reviseIntro").text()
    assert dialog.windowTitle() == f"修改/补充：{order.ticket_no}"
    qtbot.keyClicks(dialog.category.search, "dt")  # pinyin initials of 电梯故障
    qtbot.keyClick(dialog.category.search, Qt.Key.Key_Return)
    assert dialog.category.category_id() == c.lift
    dialog.urgency_combo.setCurrentIndex(dialog.urgency_combo.findData(Urgency.URGENT.value))
    grab(dialog, "revise_dialog")
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: isinstance(window.active_dialog(), DispatchDialog))
    dispatch = window.active_dialog()
    wait_idle(qtbot, ctx)
    assert dispatch.lead_box.currentData() == c.housing  # the new category's routing rule
    dispatch.ok_button.click()
    wait_idle(qtbot, ctx)
    assert state_of(c, order.id) is OrderState.AWAITING_SIGN
    qtbot.waitUntil(lambda: window.panes.value("category") == "城乡建设 / 物业管理 / 电梯故障")
    assert window.panes.value("urgency") == "紧急"
    kinds = [window.panes.timeline.item(r, 2).text()
             for r in range(window.panes.timeline.rowCount())]
    assert kinds == ["登记", "修改补充", "派单"]
    details = window.panes.timeline.item(1, 6).text()
    assert "事项分类：（无） → 城乡建设 / 物业管理 / 电梯故障" in details
    assert "紧急程度：一般 → 紧急" in details
    with c.db.uow(write=False) as uow:
        assert uow.orders.events(order.id)[1].kind is EventKind.REVISED


def test_the_dialog_sends_only_a_real_change(qtbot, gui_centre, make_ctx):
    c = gui_centre
    order = c.register()  # with a category
    ctx = make_ctx("supervisor")
    window = open_order(qtbot, ctx, order.id)
    window.button(Action.REVISE).click()
    dialog = window.active_dialog()
    assert isinstance(dialog, ReviseDialog)
    wait_idle(qtbot, ctx)
    assert dialog.category.category_id() == c.lift
    dialog.ok_button.click()
    assert dialog.message.text() == "没有任何修改。" and dialog.isVisible()
    dialog.title_edit.clear()
    dialog.ok_button.click()
    assert dialog.message.text() == "标题不能为空。"
    dialog.title_edit.setFocus()
    ime(dialog.title_edit, "电梯困人")
    ime(dialog.address_edit, "幸福小区3号楼")
    assert dialog.changes() == {"title": "电梯困人", "address": "幸福小区3号楼"}
    dialog.ok_button.click()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: window.active_dialog() is None)
    qtbot.waitUntil(lambda: window.panes.value("address") == "幸福小区3号楼")
    assert window.title_label.text() == "电梯困人"
    assert ctx.prompts.errors == []


def test_revise_is_not_offered_once_dispatched(qtbot, gui_centre, make_ctx):
    c = gui_centre
    order = c.dispatched()
    window = open_order(qtbot, make_ctx("operator"), order.id)
    assert window.button(Action.REVISE) is None
