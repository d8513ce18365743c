"""The pieces of 来电登记: the category search, the side panel's models, the dispatch dialog's
warnings, the draft file, and what happens when the second step of an action is refused."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from core import admin
from core.calendar import SHANGHAI
from core.model import OrderState, RequestType, Urgency
from core.order_view import order_detail
from core.queries import CallerHistory, caller_history, similar_open_orders
from core.routing import preview_deadlines, registration_choices
from db.order_queries import queries_factory
from gui.i18n import install_translator
from gui.register.category_picker import ID_ROLE, CategoryPicker
from gui.register.dispatch_dialog import DispatchDialog
from gui.register.draft import DraftStore, FormState, draft_path
from gui.register.page import RegisterPage
from gui.register.side_panel import CallerPanel
from tests.gui.conftest import wait_idle


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    install_translator(qapp, "zh_CN")
    yield
    install_translator(qapp, "en")


def picker_for(qtbot, gui_centre) -> CategoryPicker:
    picker = CategoryPicker()
    qtbot.addWidget(picker)
    picker.set_choices(registration_choices(gui_centre.db.uow(write=False)))
    with qtbot.waitActive(picker):
        picker.show()
        picker.activateWindow()
    picker.search.setFocus()
    return picker


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def visible_names(picker: CategoryPicker) -> list[str]:
    names: list[str] = []

    def walk(parent) -> None:  # noqa: ANN001
        for row in range(picker.model.rowCount(parent)):
            index = picker.model.index(row, 0, parent)
            names.append(index.data())
            walk(index)

    walk(QModelIndex())
    return names


def test_category_models_pass_the_model_tester(qtbot, qtmodeltester, gui_centre, qapp) -> None:
    picker = picker_for(qtbot, gui_centre)
    qtmodeltester.check(picker.source)
    qtmodeltester.check(picker.model)
    qtbot.keyClicks(picker.search, "gs")
    qtmodeltester.check(picker.model)


def test_search_by_initials_full_pinyin_and_chinese(qtbot, gui_centre, qapp) -> None:
    picker = picker_for(qtbot, gui_centre)
    assert visible_names(picker) == ["城乡建设", "物业管理", "电梯故障", "城市管理", "市容环境",
                                     "占道经营", "水电气暖", "供水", "停水"]
    qtbot.keyClicks(picker.search, "dianti")
    assert visible_names(picker) == ["城乡建设", "物业管理", "电梯故障"]
    picker.search.clear()
    event = QInputMethodEvent("", [])
    event.setCommitString("停水")
    QApplication.sendEvent(picker.search, event)
    assert visible_names(picker) == ["水电气暖", "供水", "停水"]
    assert picker.best_leaf() == gui_centre.outage
    picker.search.clear()
    qtbot.keyClicks(picker.search, "zzzz")
    assert visible_names(picker) == []
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)  # nothing to pick
    assert picker.category_id() is None


def test_down_enters_the_tree_where_enter_opens_branches_and_picks_leaves(
        qtbot, gui_centre, chinese) -> None:
    picker = picker_for(qtbot, gui_centre)
    picked: list[bool] = []
    picker.picked.connect(lambda: picked.append(True))
    qtbot.keyClicks(picker.search, "csgl")  # 城市管理, a top-level branch
    assert visible_names(picker) == ["城市管理", "市容环境", "占道经营"]
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    tree = picker.tree
    assert focused() is tree
    assert tree.currentIndex().data(ID_ROLE) == gui_centre.stalls  # the best leaf
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    assert tree.currentIndex().data() == "市容环境"
    qtbot.keyClick(tree, Qt.Key.Key_Return)  # a branch: closes, nothing picked
    assert not tree.isExpanded(tree.currentIndex()) and picker.category_id() is None
    qtbot.keyClick(tree, Qt.Key.Key_Return)  # opens again
    assert tree.isExpanded(tree.currentIndex())
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert picker.category_id() == gui_centre.stalls and picked == [True]
    assert picker.search.text() == "占道经营"
    assert "市城市管理局" in picker.chosen_label.text()
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    qtbot.keyClick(tree, Qt.Key.Key_Up)  # on the first row: back to the search box
    assert focused() is picker.search


def test_a_branch_cannot_be_chosen(qtbot, gui_centre, chinese) -> None:
    picker = picker_for(qtbot, gui_centre)
    picker.set_category(gui_centre.lift)
    picker.set_category(gui_centre.branch)
    assert picker.category_id() is None
    assert picker.chosen_label.text() == "尚未选择事项分类（须选到第三级）。"


def test_side_panel_models_pass_the_model_tester(qtbot, qtmodeltester, gui_centre,
                                                 chinese) -> None:
    gui_centre.register(phone="13800002222", address="华南小区")
    gui_centre.register("又困人了", phone="13800002222", address="华南小区")
    q = queries_factory(gui_centre.db)
    now = gui_centre.clock.now()
    panel = CallerPanel("zh_CN")
    qtbot.addWidget(panel)
    panel.show_history(caller_history(q, gui_centre.operator, now, "13800002222"))
    panel.show_similar(similar_open_orders(q, gui_centre.operator, now, category_id=None,
                                           address="华南小区", phone="", content="电梯困人"))
    assert panel.history_model.rowCount() == 2 and panel.similar_model.rowCount() == 2
    qtmodeltester.check(panel.history_model)
    qtmodeltester.check(panel.similar_model)
    panel.show_history(CallerHistory("13911112222", 0, ()))
    assert panel.findChild(QWidget, "historyHint").text() == "号码 13911112222 没有历史工单。"
    assert not panel.repeat_label.isVisibleTo(panel)


def test_dispatch_dialog_warns_about_a_missing_rule_and_missing_holiday_data(
        qtbot, gui_centre, chinese) -> None:
    choices = registration_choices(gui_centre.db.uow(write=False))
    node = choices.category(gui_centre.lift)
    assert node is not None
    preview = preview_deadlines(gui_centre.db.uow(write=False), RequestType.HELP,
                                Urgency.NORMAL, datetime(2027, 3, 1, 9, 0, tzinfo=SHANGHAI))
    dialog = DispatchDialog(choices, node, "电梯困人", preview, None, "zh_CN")
    qtbot.addWidget(dialog)
    assert dialog.fallback_label.isVisibleTo(dialog)
    assert "2027年尚无节假日数据" in dialog.fallback_label.text()
    assert dialog.suggestion_label.text() == "该分类未设派单规则，请选择主办单位。"
    assert dialog.lead_combo.currentText() == "市住房和城乡建设局"  # the first, to be changed
    dialog.set_assisting([gui_centre.housing, gui_centre.water])
    assert dialog.assisting_ids() == [gui_centre.water]  # housing is the lead


def test_a_refused_dispatch_leaves_the_order_registered_and_says_so(
        qtbot, make_ctx, gui_centre) -> None:
    ctx = make_ctx("operator")
    page = RegisterPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    qtbot.waitUntil(page.form.isEnabled)
    page.form.phone_edit.setText("13800002222")
    page.form.category.set_category(gui_centre.outage)
    page.form.content_edit.setPlainText("整栋楼停水两天")
    page.dispatch()
    qtbot.waitUntil(lambda: page.findChild(DispatchDialog) is not None)
    dialog = page.findChild(DispatchDialog)
    assert dialog.lead_combo.currentText() == "大连市自来水集团"
    # meanwhile an administrator retires the water company
    admin.set_category_department(gui_centre.db.uow(), gui_centre.admin, gui_centre.outage,
                                  gui_centre.urban)
    admin.set_department_active(gui_centre.db.uow(), gui_centre.admin, gui_centre.water, False)
    dialog.accept()
    wait_idle(qtbot, ctx)
    assert page.last_summary is not None
    order = order_detail(gui_centre.db.uow(write=False), gui_centre.operator,
                         page.last_summary.id)
    assert order.state is OrderState.REGISTERED
    assert page.status_label.text().startswith(f"已登记 {order.ticket_no}，但派单未成功：")
    assert len(ctx.prompts.errors) == 1
    assert page.form.state().is_blank()


def test_draft_file_is_written_whole_and_a_broken_one_is_set_aside(tmp_path) -> None:
    path = draft_path(tmp_path, "op/erator")
    assert path.name == "register-op_erator.json"
    store = DraftStore(path)
    assert store.load() is None
    state = FormState(channel_id=1, caller_phone="138", content="电梯", category_id=3)
    store.save(state, "2026-11-02 09:00")
    assert json.loads(path.read_text(encoding="utf-8"))["content"] == "电梯"
    assert store.load() == (state, "2026-11-02 09:00")
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    path.write_text("{not json", encoding="utf-8")
    assert store.load() is None
    assert not path.exists() and path.with_name(path.name + ".broken").exists()
    store.clear()


def test_a_draft_with_odd_values_keeps_what_it_can(tmp_path) -> None:
    state = FormState.from_json({"channel_id": "x", "caller_phone": 12, "content": "内容",
                                 "anonymous": "yes", "category_id": True, "urgency": "urgent"})
    assert state == FormState(content="内容", urgency="urgent")
    reg = FormState(content="内容", request_type="nonsense").registration()
    assert reg.request_type.value == "consultation" and reg.channel_id == 0
