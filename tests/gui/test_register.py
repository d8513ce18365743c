"""来电登记 as an operator uses it: the keyboard from the first digit to the dispatch, direct
close, the caller's history, duplicates, crash drafts and refused input."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from core import services
from core.model import CloseKind, OrderState, RequestType, Urgency
from core.order_view import OrderDetail, order_detail
from core.privacy import reveal_caller
from gui import fmt
from gui.context import DeskContext
from gui.register.dispatch_dialog import DispatchDialog
from gui.register.draft import DraftStore, FormState, draft_path
from gui.register.page import RegisterPage
from tests.gui.conftest import wait_idle

CTRL = Qt.KeyboardModifier.ControlModifier
LIFT_CONTENT = "华南小区3号楼电梯又停在两层之间，里面有老人被困，请尽快派人维修。"


def open_page(qtbot, ctx: DeskContext) -> RegisterPage:
    page = RegisterPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    qtbot.waitUntil(page.form.isEnabled)
    wait_idle(qtbot, ctx)
    return page


@pytest.fixture
def desk(qtbot, make_ctx) -> Callable[..., tuple[RegisterPage, DeskContext]]:
    def make(user: str = "operator", language: str = "zh_CN") -> tuple[RegisterPage, DeskContext]:
        ctx = make_ctx(user, language)
        return open_page(qtbot, ctx), ctx

    return make


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def ime(widget: QWidget, text: str) -> None:
    """Chinese arrives as an input method's commit, as it does from a real IME."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def detail(centre, order_id: int) -> OrderDetail:
    return order_detail(centre.db.uow(write=False), centre.supervisor, order_id)


def order_count(centre) -> int:
    return services.count_orders(centre.db.uow(write=False))


def fill(page: RegisterPage, *, phone: str = "13800002222", content: str = LIFT_CONTENT,
         category: int | None = None, address: str = "", answer: str = "") -> None:
    f = page.form
    f.phone_edit.setText(phone)
    f.address_edit.setText(address)
    f.category.set_category(category)
    f.content_edit.setPlainText(content)
    f.answer_edit.setPlainText(answer)


def dispatch_dialog(qtbot, page: RegisterPage) -> DispatchDialog:
    qtbot.waitUntil(lambda: page.findChild(DispatchDialog) is not None
                    and page.findChild(DispatchDialog).isVisible())
    dialog = page.findChild(DispatchDialog)
    assert isinstance(dialog, DispatchDialog)
    return dialog


def test_keyboard_only_registration_and_dispatch(desk, gui_centre, qtbot) -> None:
    page, ctx = desk()
    page.new_order()
    assert focused() is page.form.phone_edit
    qtbot.keyClicks(focused(), "138 0000 2222")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    ime(focused(), "王先生")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # the anonymous box is off for a 求助
    ime(focused(), "甘井子区华南小区3号楼")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is page.form.category.search
    qtbot.keyClicks(focused(), "dt")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert page.form.category.category_id() == gui_centre.lift
    assert "市住房和城乡建设局" in page.form.category.chosen_label.text()
    assert focused() is page.form.type_combo
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # 咨询 -> 求助
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is page.form.urgency_combo
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is page.form.content_edit
    ime(focused(), LIFT_CONTENT)
    qtbot.keyClick(focused(), Qt.Key.Key_D, CTRL)

    dialog = dispatch_dialog(qtbot, page)
    assert dialog.lead_combo.currentText() == "市住房和城乡建设局"
    assert "求助" in dialog.findChild(QWidget, "dispatchKind").text()
    shown_reply_due = dialog.reply_label.text()
    assert shown_reply_due.startswith("2026-11-09 23:59")  # 5 working days from Monday
    assert dialog.sign_label.text().startswith("2026-11-03 23:59")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    wait_idle(qtbot, ctx)

    assert page.last_summary is not None
    order = detail(gui_centre, page.last_summary.id)
    assert order.state is OrderState.AWAITING_SIGN
    assert reveal_caller(gui_centre.db.uow(), gui_centre.supervisor, gui_centre.clock,
                         order.id) == ("王先生", "13800002222")  # stored in full
    assert order.request_type is RequestType.HELP and order.category_id == gui_centre.lift
    assert order.title == LIFT_CONTENT[:30] + "…"
    [lead] = order.current_assignments()
    assert lead.lead and lead.department_id == gui_centre.housing
    assert shown_reply_due.startswith(fmt.local(lead.reply_due))
    assert page.status_label.text() == (
        f"已登记 {order.ticket_no}，已派单至市住房和城乡建设局")
    assert page.form.state().is_blank()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.form.phone_edit)


def test_assisting_departments_are_ticked_with_the_space_bar(desk, gui_centre, qtbot) -> None:
    page, ctx = desk()
    fill(page, category=gui_centre.lift)
    page.form.urgency_combo.setCurrentIndex(1)  # 紧急: natural hours
    qtbot.keyClick(page.form.content_edit, Qt.Key.Key_D, CTRL)
    dialog = dispatch_dialog(qtbot, page)
    assert dialog.reply_label.text().startswith("2026-11-03 09:00（24小时）")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.assisting_list
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # past 市住建局, the lead (disabled)
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert dialog.assisting_ids() == [gui_centre.urban]
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    wait_idle(qtbot, ctx)
    order = detail(gui_centre, page.last_summary.id)
    assert [(a.department_id, a.lead) for a in order.current_assignments()] == [
        (gui_centre.housing, True), (gui_centre.urban, False)]


def test_escape_in_the_dispatch_dialog_keeps_the_form(desk, gui_centre, qtbot) -> None:
    page, ctx = desk()
    fill(page, category=gui_centre.lift)
    qtbot.keyClick(page.form.content_edit, Qt.Key.Key_D, CTRL)
    dialog = dispatch_dialog(qtbot, page)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_idle(qtbot, ctx)
    assert order_count(gui_centre) == 0
    assert page.form.state().content == LIFT_CONTENT
    assert page.dispatch_button.isEnabled()


def test_dispatch_needs_a_category_first(desk, gui_centre, qtbot) -> None:
    page, ctx = desk()
    fill(page)
    qtbot.keyClick(page.form.content_edit, Qt.Key.Key_D, CTRL)
    wait_idle(qtbot, ctx)
    assert page.findChild(DispatchDialog) is None
    assert "派单前请选择事项分类" in page.error_label.text()
    assert focused() is page.form.category.search


@pytest.mark.parametrize("keys", [(Qt.Key.Key_J, CTRL), (Qt.Key.Key_Return, CTRL)])
def test_close_directly_with_the_answer(desk, gui_centre, qtbot, keys) -> None:
    page, ctx = desk()
    fill(page, content="咨询居住证办理需要哪些材料。", category=gui_centre.stalls,
         answer="携带身份证、租房合同到所在街道办理。")
    qtbot.keyClick(page.form.answer_edit, *keys)
    wait_idle(qtbot, ctx)
    order = detail(gui_centre, page.last_summary.id)
    assert order.state is OrderState.CLOSED and order.close_kind is CloseKind.DIRECT
    assert order.direct_answer == "携带身份证、租房合同到所在街道办理。"
    assert page.status_label.text() == f"已登记 {order.ticket_no}，已直接办结"
    assert page.form.answer_edit.toPlainText() == ""


def test_close_directly_without_an_answer_saves_nothing(desk, gui_centre, qtbot) -> None:
    page, ctx = desk()
    fill(page, category=gui_centre.lift)
    qtbot.keyClick(page.form.content_edit, Qt.Key.Key_J, CTRL)
    wait_idle(qtbot, ctx)
    assert order_count(gui_centre) == 0
    assert "答复" in page.error_label.text() and focused() is page.form.answer_edit


def test_save_leaves_the_order_registered_for_later_dispatch(desk, gui_centre, qtbot) -> None:
    page, ctx = desk()
    fill(page)
    qtbot.keyClick(page.form.content_edit, Qt.Key.Key_S, CTRL)
    wait_idle(qtbot, ctx)
    order = detail(gui_centre, page.last_summary.id)
    assert order.state is OrderState.REGISTERED and order.category_id is None
    assert page.status_label.text() == f"已登记 {order.ticket_no}"
    assert order.ticket_no == "8890-20261102-000001"


def test_caller_history_shows_earlier_orders_and_flags_a_repeat_caller(
        desk, gui_centre, qtbot) -> None:
    gui_centre.clock.advance(days=-5)
    first = gui_centre.register("去年反映的电梯问题", phone="13800002222")
    gui_centre.register("物业乱收费", phone="13800002222", category=gui_centre.stalls)
    gui_centre.register("别人的来电", phone="13900009999")
    gui_centre.clock.advance(days=5)
    page, ctx = desk()
    assert not page.panel.repeat_label.isVisible()
    qtbot.keyClicks(page.form.phone_edit, "13800002222")
    qtbot.waitUntil(lambda: page.panel.history_count() == 2)
    wait_idle(qtbot, ctx)
    assert page.panel.repeat_label.isVisible()
    assert page.panel.repeat_label.text() == "重复来电：该号码已有 2 件历史工单。"
    model = page.panel.history_model
    assert model.index(1, 0).data() == first.ticket_no
    assert model.index(1, 2).data() == "已登记"

    table = page.panel.history_table
    table.setFocus()
    table.setCurrentIndex(model.index(1, 0))
    with qtbot.waitSignal(ctx.bus.order_requested) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [first.id]


def test_one_earlier_order_is_shown_without_the_repeat_flag(desk, gui_centre, qtbot) -> None:
    gui_centre.register("电梯异响", phone="13800002222")
    page, ctx = desk()
    page.form.phone_edit.setFocus()
    qtbot.keyClicks(page.form.phone_edit, "13800002222")
    qtbot.waitUntil(lambda: page.panel.history_count() == 1)
    assert page.panel.repeat_label.text() == "该号码已有 1 件历史工单。"


def test_link_a_call_as_duplicate_of_a_similar_open_order(desk, gui_centre, qtbot) -> None:
    original = gui_centre.dispatched(content="华南小区3号楼电梯停在两层之间，有人被困。",
                                     address="甘井子区华南小区3号楼")
    page, ctx = desk()
    fill(page, phone="13900001234", address="甘井子区华南小区3号楼", category=gui_centre.lift)
    qtbot.waitUntil(lambda: page.panel.similar_model.rowCount() == 1)
    wait_idle(qtbot, ctx)
    assert page.panel.similar_model.index(0, 0).data() == original.ticket_no
    assert "同地址" in page.panel.similar_model.index(0, 2).data()
    qtbot.keyClick(page.form.content_edit, Qt.Key.Key_L, CTRL)
    wait_idle(qtbot, ctx)
    assert ctx.prompts.shown[-1][0] == "关联重复件"
    order = detail(gui_centre, page.last_summary.id)
    assert order.state is OrderState.DUPLICATE and order.duplicate_of == original.ticket_no
    assert page.status_label.text() == (
        f"已登记 {order.ticket_no}，已关联为 {original.ticket_no} 的重复件")


def test_link_duplicate_needs_an_order_in_the_panel(desk, gui_centre, qtbot) -> None:
    page, ctx = desk()
    fill(page)
    qtbot.keyClick(page.form.content_edit, Qt.Key.Key_L, CTRL)
    wait_idle(qtbot, ctx)
    assert order_count(gui_centre) == 0
    assert "没有可关联" in page.error_label.text()


def test_a_draft_is_offered_back_after_a_crash(qtbot, make_ctx, gui_centre) -> None:
    ctx = make_ctx("operator")
    ctx.prompts.answers.append(True)
    DraftStore(draft_path(ctx.data_dir, "operator")).save(FormState(
        channel_id=gui_centre.portal, caller_phone="13800002222", caller_name="李女士",
        address="沙河口区", category_id=gui_centre.lift, request_type="complaint",
        urgency="urgent", content="电梯坏了一周没人修", answer=""), "2026-11-02 08:55")
    page = open_page(qtbot, ctx)
    title, text = ctx.prompts.shown[0]
    assert title == "未保存的登记" and "2026-11-02 08:55" in text
    state = page.form.state()
    assert (state.channel_id, state.caller_phone, state.caller_name, state.address) == (
        gui_centre.portal, "13800002222", "李女士", "沙河口区")
    assert (state.category_id, state.request_type, state.urgency, state.content) == (
        gui_centre.lift, "complaint", "urgent", "电梯坏了一周没人修")
    assert page.form.category.search.text() == "电梯故障"
    hint = page.panel.findChild(QWidget, "historyHint")
    qtbot.waitUntil(lambda: hint.text() == "号码 13800002222 没有历史工单。")  # looked up


def test_a_declined_draft_is_deleted(qtbot, make_ctx) -> None:
    ctx = make_ctx("operator")
    ctx.prompts.answers.append(False)
    store = DraftStore(draft_path(ctx.data_dir, "operator"))
    store.save(FormState(content="半句话"), "2026-11-02 08:55")
    page = open_page(qtbot, ctx)
    assert page.form.state().is_blank() and not store.path.exists()


def test_typing_keeps_a_draft_until_the_order_is_saved(desk, gui_centre, qtbot) -> None:
    page, ctx = desk()
    path = draft_path(ctx.data_dir, "operator")
    qtbot.keyClicks(page.form.phone_edit, "13800002222")
    ime(page.form.content_edit, "路灯不亮")
    qtbot.waitUntil(path.exists)
    assert DraftStore(path).load()[0].content == "路灯不亮"  # type: ignore[index]
    assert not path.with_name(path.name + ".tmp").exists()
    qtbot.keyClick(page.form.content_edit, Qt.Key.Key_S, CTRL)
    wait_idle(qtbot, ctx)
    assert page.last_summary is not None and not path.exists()


def test_empty_content_is_refused_in_chinese_and_nothing_is_lost(desk, gui_centre, qtbot) -> None:
    page, ctx = desk()
    fill(page, content="   ", category=gui_centre.lift, address="甘井子区")
    page.form.name_edit.setText("王先生")
    qtbot.keyClick(page.form.phone_edit, Qt.Key.Key_S, CTRL)
    wait_idle(qtbot, ctx)
    assert page.error_label.isVisible()
    assert page.error_label.text() == "诉求内容：不能为空"
    assert focused() is page.form.content_edit
    assert order_count(gui_centre) == 0 and page.last_summary is None
    state = page.form.state()
    assert (state.caller_phone, state.caller_name, state.address, state.category_id) == (
        "13800002222", "王先生", "甘井子区", gui_centre.lift)
    ime(page.form.content_edit, "补上内容")
    assert not page.error_label.isVisible()  # typing clears the message


def test_a_hotline_call_needs_a_phone_and_a_bad_number_is_named(desk, gui_centre, qtbot) -> None:
    page, ctx = desk()
    fill(page, phone="")
    page.save()
    wait_idle(qtbot, ctx)
    assert page.error_label.text() == "来电号码：热线来电必须登记来电号码"
    assert focused() is page.form.phone_edit
    page.form.phone_edit.setText("138abc")
    page.save()
    wait_idle(qtbot, ctx)
    assert "不是有效的大陆电话号码" in page.error_label.text()
    assert order_count(gui_centre) == 0 and page.form.state().content == LIFT_CONTENT


def test_an_anonymous_report_needs_no_phone(desk, gui_centre, qtbot) -> None:
    page, ctx = desk()
    fill(page, phone="", content="某饭店夜间占道经营")
    assert not page.form.anonymous_check.isEnabled()
    page.form.type_combo.setCurrentIndex(page.form.type_combo.findData("report"))
    page.form.anonymous_check.setChecked(True)
    assert not page.form.name_edit.isEnabled()
    page.save()
    wait_idle(qtbot, ctx)
    order = detail(gui_centre, page.last_summary.id)
    assert order.anonymous and order.request_type is RequestType.REPORT
    assert order.urgency is Urgency.NORMAL


def test_new_order_asks_before_clearing_typed_text(open_window, qtbot) -> None:
    window = open_window("operator")
    page = window.page("register")
    assert isinstance(page, RegisterPage)
    qtbot.waitUntil(page.form.isEnabled)
    page.form.content_edit.setPlainText("还没保存的内容")
    page._ctx.prompts.answers.append(False)
    window.findChild(object, "newOrderAction").trigger()
    assert page.form.content_edit.toPlainText() == "还没保存的内容"
    window.findChild(object, "newOrderAction").trigger()  # scripted prompts say yes
    assert page.form.state().is_blank()
    assert page._ctx.prompts.shown[-1][0] == "新建工单"


def test_the_page_speaks_english_when_asked(desk, gui_centre, qtbot) -> None:
    page, ctx = desk(language="en")
    fill(page, content="")
    page.save()
    wait_idle(qtbot, ctx)
    assert page.error_label.text() == "content: must not be empty"
    assert page.save_button.text() == "&Save (Ctrl+S)"
