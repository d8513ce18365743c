"""The administrator's reference data: departments, categories with their default departments
(routing rules), and the time-limit policies with the desk rules."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from core import admin
from core.calendar import SHANGHAI, Limit, LimitUnit
from core.errors import RuleViolation, ValidationError
from core.model import RequestType, Urgency
from core.policy import DeskRules
from gui.admin.categories import CategoryModel
from gui.admin.departments import DepartmentModel
from gui.admin.page import AdminPage
from gui.admin.policies import LimitEditor, PolicyModel
from tests.gui.conftest import wait_idle


def type_chinese(widget: QWidget, text: str) -> None:
    """Chinese text arrives from the input method as a committed string."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def click(qtbot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.fixture
def page(open_window, qtbot) -> AdminPage:
    window = open_window("admin")
    page = window.show_page("administration")
    assert isinstance(page, AdminPage)
    wait_idle(qtbot, page._ctx)
    return page


def cells(model, column: int, parent=None) -> list[str]:  # noqa: ANN001
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    return [model.index(r, column, parent).data() for r in range(model.rowCount(parent))]


# --- departments ------------------------------------------------------------------------------


def test_administrator_adds_renames_and_deactivates_a_department(
    page: AdminPage, qtbot, gui_centre
) -> None:
    tab = page.departments
    page.show_tab(tab)
    ctx = page._ctx
    assert cells(tab.model, DepartmentModel.NAME) == ["市住房和城乡建设局", "市城市管理局",
                                                      "大连市自来水集团"]
    click(qtbot, tab.add_button)
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.code_edit, "GAJ")
    type_chinese(dialog.name_edit, "市公安局")
    click(qtbot, dialog.ok_button)
    wait_idle(qtbot, ctx)
    assert not dialog.isVisible() and ctx.prompts.errors == []
    assert cells(tab.model, DepartmentModel.CODE)[-1] == "GAJ"
    assert cells(tab.model, DepartmentModel.STATUS)[-1] == "在用"

    tab.select(tab.model.department(3).id)
    ctx.prompts.answers.append("市公安局交警支队")
    click(qtbot, tab.rename_button)
    wait_idle(qtbot, ctx)
    assert cells(tab.model, DepartmentModel.NAME)[-1] == "市公安局交警支队"

    click(qtbot, tab.deactivate_button)  # confirmed by the scripted prompt
    wait_idle(qtbot, ctx)
    assert cells(tab.model, DepartmentModel.STATUS)[-1] == "已停用"
    assert tab.activate_button.isEnabled() and not tab.deactivate_button.isEnabled()
    with gui_centre.db.uow(write=False) as uow:
        gaj = uow.reference.department_by_code("GAJ")
    assert gaj is not None and not gaj.active and gaj.name == "市公安局交警支队"


def test_a_refused_department_keeps_the_dialog_and_what_was_typed(
    page: AdminPage, qtbot
) -> None:
    tab = page.departments
    ctx = page._ctx
    page.show_tab(tab)
    click(qtbot, tab.add_button)
    dialog = tab.dialog
    qtbot.keyClicks(dialog.code_edit, "ZJJ")  # taken
    type_chinese(dialog.name_edit, "重复的单位")
    click(qtbot, dialog.ok_button)
    wait_idle(qtbot, ctx)
    assert isinstance(ctx.prompts.errors[-1], ValidationError)
    assert ctx.prompts.shown[-1][1] == "编码：“ZJJ”已被使用"
    assert dialog.isVisible() and dialog.name_edit.text() == "重复的单位"
    dialog.reject()

    housing = tab.model.department(0)
    assert housing is not None
    tab.select(housing.id)
    click(qtbot, tab.deactivate_button)  # 电梯故障 routes to it
    wait_idle(qtbot, ctx)
    assert isinstance(ctx.prompts.errors[-1], RuleViolation)
    assert "电梯故障" in ctx.prompts.shown[-1][1]
    assert tab.model.department(tab.model.row_of(housing.id)).active


# --- categories -------------------------------------------------------------------------------


def test_administrator_adds_a_leaf_with_its_default_department_and_reroutes_it(
    page: AdminPage, qtbot, gui_centre
) -> None:
    tab = page.categories
    ctx = page._ctx
    page.show_tab(tab)
    model = tab.model
    assert cells(model, CategoryModel.NAME) == ["城乡建设", "城市管理", "水电气暖"]
    tab.select(gui_centre.branch)  # 物业管理
    assert tab.add_child_button.isEnabled() and not tab.routing_button.isEnabled()
    click(qtbot, tab.add_child_button)
    dialog = tab.dialog
    assert dialog.code_edit.text() == "010102"  # the next free code under 0101
    type_chinese(dialog.name_edit, "二次供水设施")
    combo = dialog.department_combo
    combo.setCurrentIndex(combo.findData(gui_centre.water))
    click(qtbot, dialog.ok_button)
    wait_idle(qtbot, ctx)
    assert not dialog.isVisible() and ctx.prompts.errors == []

    with gui_centre.db.uow(write=False) as uow:
        leaf = uow.reference.category_by_code("010102")
    assert leaf is not None and leaf.level == 3 and leaf.default_department_id == gui_centre.water
    branch = model.index_of(gui_centre.branch)
    assert cells(model, CategoryModel.NAME, branch) == ["电梯故障", "二次供水设施"]
    assert cells(model, CategoryModel.DEPARTMENT, branch)[1] == "大连市自来水集团"

    tab.select(leaf.id)
    click(qtbot, tab.routing_button)
    routing = tab.dialog
    assert routing.department_combo.currentData() == gui_centre.water
    routing.department_combo.setCurrentIndex(
        routing.department_combo.findData(gui_centre.housing))
    click(qtbot, routing.ok_button)
    wait_idle(qtbot, ctx)
    assert cells(model, CategoryModel.DEPARTMENT, model.index_of(gui_centre.branch))[1] == (
        "市住房和城乡建设局")


def test_deactivating_a_branch_greys_out_its_leaves(page: AdminPage, qtbot, gui_centre) -> None:
    tab = page.categories
    page.show_tab(tab)
    tab.select(gui_centre.branch)
    click(qtbot, tab.deactivate_button)
    wait_idle(qtbot, page._ctx)
    lift = tab.model.index_of(gui_centre.lift, CategoryModel.STATUS)
    assert lift.data() == "已停用"
    assert lift.data(Qt.ItemDataRole.ForegroundRole) is not None
    tab.select(gui_centre.lift)
    click(qtbot, tab.activate_button)
    wait_idle(qtbot, page._ctx)
    assert "请先启用上级分类“物业管理”" in page._ctx.prompts.shown[-1][1]


# --- time limits ------------------------------------------------------------------------------


def edit_cell(qtbot, page: AdminPage, row: int, column: int, amount: int,
              unit: LimitUnit) -> None:
    view = page.policies.view
    index = page.policies.model.index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.findChild(LimitEditor)
    assert editor is not None
    editor.unit_combo.setCurrentIndex(editor.unit_combo.findData(unit.value))
    editor.amount_spin.selectAll()
    qtbot.keyClicks(editor.amount_spin, str(amount))
    qtbot.keyClick(editor.amount_spin, Qt.Key.Key_Return)
    # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    wait_idle(qtbot, page._ctx)


def test_a_changed_policy_cell_sets_the_next_dispatchs_clock(
    page: AdminPage, qtbot, gui_centre
) -> None:
    page.show_tab(page.policies)
    model = page.policies.model
    row = model.row_of(RequestType.HELP, Urgency.NORMAL)
    assert model.index(row, PolicyModel.SIGN).data() == "1个工作日"

    edit_cell(qtbot, page, row, PolicyModel.SIGN, 4, LimitUnit.HOURS)
    assert page._ctx.prompts.errors == []
    assert model.index(row, PolicyModel.SIGN).data() == "4小时"
    assert model.index(row, PolicyModel.SIGN).data(Qt.ItemDataRole.FontRole).bold()
    order = gui_centre.dispatched()  # a 求助, normal, Monday 2 November 09:00
    assert order.assignments[0].sign_due.astimezone(SHANGHAI) == datetime(
        2026, 11, 2, 13, 0, tzinfo=SHANGHAI)

    edit_cell(qtbot, page, row, PolicyModel.REPLY, 100, LimitUnit.WORKING_DAYS)
    assert page._ctx.prompts.shown[-1][1] == "办理时限：须为1至60个工作日"
    qtbot.waitUntil(lambda: model.index(row, PolicyModel.REPLY).data() == "5个工作日")
    policy = next(p for p in admin.policies(gui_centre.db.uow(write=False))
                  if p.request_type is RequestType.HELP and p.urgency is Urgency.NORMAL)
    assert policy.sign == Limit(LimitUnit.HOURS, 4)
    assert policy.reply == Limit(LimitUnit.WORKING_DAYS, 5)

    click(qtbot, page.policies.default_button)  # back to DOMAIN.md's defaults
    wait_idle(qtbot, page._ctx)
    assert model.index(row, PolicyModel.SIGN).data() == "1个工作日"


def test_the_desk_rules_are_saved(page: AdminPage, qtbot, gui_centre) -> None:
    tab = page.policies
    page.show_tab(tab)
    assert tab.extension_spin.value() == 10 and tab.attempts_spin.value() == 3
    tab.extension_spin.selectAll()
    qtbot.keyClicks(tab.extension_spin, "15")
    tab.attempts_spin.selectAll()
    qtbot.keyClicks(tab.attempts_spin, "5")
    click(qtbot, tab.save_rules_button)
    wait_idle(qtbot, page._ctx)
    assert admin.desk_rules(gui_centre.db.uow(write=False)) == DeskRules(15, 5)


# --- models -----------------------------------------------------------------------------------


def test_the_item_models_follow_the_rules(page: AdminPage, qtmodeltester) -> None:
    qtmodeltester.check(page.departments.model)
    qtmodeltester.check(page.categories.model)
    qtmodeltester.check(page.policies.model)
    qtmodeltester.check(page.users.model)


def test_the_english_desk_speaks_english(open_window, qtbot) -> None:
    window = open_window("admin", "en")
    page = window.show_page("administration")
    wait_idle(qtbot, page._ctx)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "Departments", "Categories and routing", "Time limits", "Holiday calendar",
        "Users and roles"]
    row = page.policies.model.row_of(RequestType.HELP, Urgency.NORMAL)
    assert page.policies.model.index(row, PolicyModel.REPLY).data() == "5 working days"
    page.show_tab(page.departments)
    page.departments.select(page.departments.model.department(0).id)
    qtbot.mouseClick(page.departments.deactivate_button, Qt.MouseButton.LeftButton,
                     pos=QPoint(5, 5))
    wait_idle(qtbot, page._ctx)
    assert "change their routing first" in page._ctx.prompts.shown[-1][1]
