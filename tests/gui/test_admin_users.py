"""Users and roles: adding a user who can then sign in, changing roles and departments,
deactivating, resetting a password, and the refusals on the way."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from core import admin
from core.errors import PermissionDenied, RuleViolation, ValidationError
from core.model import Role
from gui.admin.page import AdminPage
from gui.admin.users import UserModel
from tests.gui.conftest import wait_idle
from tests.support.centre import PASSWORD


def type_chinese(widget: QWidget, text: str) -> None:
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
    page.show_tab(page.users)
    wait_idle(qtbot, page._ctx)
    return page


def row_texts(page: AdminPage, username: str) -> list[str]:
    model = page.users.model
    row = model.row_of(username)
    assert row >= 0, username
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_administrator_adds_a_department_liaison_who_can_sign_in(
    page: AdminPage, qtbot, gui_centre
) -> None:
    tab = page.users
    ctx = page._ctx
    assert row_texts(page, "housing") == ["housing", "housing", "承办单位联络员",
                                          "市住房和城乡建设局", "在用"]
    click(qtbot, tab.add_button)
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.username_edit, "li.na")
    type_chinese(dialog.name_edit, "李娜")
    qtbot.keyClicks(dialog.password_edit, "spring-2026!")
    qtbot.keyClicks(dialog.repeat_edit, "spring-2026?")  # a slip
    dialog.role_boxes[Role.DEPARTMENT_STAFF].setChecked(True)
    click(qtbot, dialog.ok_button)
    wait_idle(qtbot, ctx)
    assert ctx.prompts.shown[-1][1] == "密码：两次输入的密码不一致"
    assert dialog.isVisible() and dialog.username_edit.text() == "li.na"

    dialog.repeat_edit.clear()
    qtbot.keyClicks(dialog.repeat_edit, "spring-2026!")
    click(qtbot, dialog.ok_button)
    wait_idle(qtbot, ctx)
    assert isinstance(ctx.prompts.errors[-1], ValidationError)
    assert ctx.prompts.shown[-1][1] == "承办单位：承办单位联络员必须指定所属单位"

    dialog.check_department(gui_centre.water)
    dialog.role_boxes[Role.SUPERVISOR].setChecked(True)
    click(qtbot, dialog.ok_button)
    wait_idle(qtbot, ctx)
    assert not dialog.isVisible() and len(ctx.prompts.errors) == 2
    assert row_texts(page, "li.na") == ["li.na", "李娜", "承办单位联络员、班长/督办员",
                                        "大连市自来水集团", "在用"]
    assert tab.selected() is not None and tab.selected().username == "li.na"

    actor = admin.authenticate(gui_centre.db.uow(), gui_centre.clock, "li.na", "spring-2026!")
    assert actor.roles == {Role.DEPARTMENT_STAFF, Role.SUPERVISOR}
    assert actor.department_ids == {gui_centre.water}


def test_roles_change_a_user_is_deactivated_and_gets_a_new_password(
    page: AdminPage, qtbot, gui_centre
) -> None:
    tab = page.users
    ctx = page._ctx
    tab.select("operator")
    click(qtbot, tab.edit_button)
    dialog = tab.dialog
    assert not dialog.username_edit.isEnabled() or dialog.username_edit.isReadOnly()
    assert dialog.role_boxes[Role.OPERATOR].isChecked()
    dialog.role_boxes[Role.SUPERVISOR].setChecked(True)
    click(qtbot, dialog.ok_button)
    wait_idle(qtbot, ctx)
    assert row_texts(page, "operator")[UserModel.ROLES] == "话务员、班长/督办员"

    click(qtbot, tab.deactivate_button)
    wait_idle(qtbot, ctx)
    assert row_texts(page, "operator")[UserModel.STATUS] == "已停用"
    with pytest.raises(PermissionDenied):
        admin.authenticate(gui_centre.db.uow(), gui_centre.clock, "operator", PASSWORD)
    click(qtbot, tab.activate_button)
    wait_idle(qtbot, ctx)

    click(qtbot, tab.password_button)
    reset = tab.dialog
    qtbot.keyClicks(reset.password_edit, "autumn-2026")
    qtbot.keyClicks(reset.repeat_edit, "autumn-2026")
    click(qtbot, reset.ok_button)
    wait_idle(qtbot, ctx)
    assert not reset.isVisible()
    assert ctx.prompts.shown[-1] == ("密码已重置", "operator 现在可以用新密码登录。")
    actor = admin.authenticate(gui_centre.db.uow(), gui_centre.clock, "operator", "autumn-2026")
    assert actor.roles == {Role.OPERATOR, Role.SUPERVISOR}


def test_the_administrator_cannot_lock_themselves_out(page: AdminPage, qtbot) -> None:
    tab = page.users
    ctx = page._ctx
    tab.select("admin")
    click(qtbot, tab.deactivate_button)
    wait_idle(qtbot, ctx)
    assert isinstance(ctx.prompts.errors[-1], RuleViolation)
    assert ctx.prompts.shown[-1][1] == "不能停用自己的账号。"

    click(qtbot, tab.edit_button)
    dialog = tab.dialog
    dialog.role_boxes[Role.ADMINISTRATOR].setChecked(False)
    dialog.role_boxes[Role.SUPERVISOR].setChecked(True)
    click(qtbot, dialog.ok_button)
    wait_idle(qtbot, ctx)
    assert ctx.prompts.shown[-1][1] == "不能取消自己的系统管理员角色。"
    assert dialog.isVisible()
    dialog.reject()
    assert row_texts(page, "admin")[UserModel.ROLES] == "系统管理员"
