"""Users and roles: the list, adding a user, changing roles and departments, deactivating and
reactivating, resetting a password. Passwords are typed twice and checked by ``core.admin``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core import admin
from core.admin import UserView
from core.model import Department, Role
from gui.admin.common import (
    INACTIVE_COLOUR,
    ROLE_ORDER,
    FormDialog,
    active_text,
    button,
    button_row,
    hint,
    role_names,
    write,
)
from gui.context import DeskContext
from gui.fmt import label

Index = QModelIndex | QPersistentModelIndex


class UserModel(QAbstractTableModel):
    USERNAME, NAME, ROLES, DEPARTMENTS, STATUS = range(5)

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._rows: list[UserView] = []
        self._departments: dict[int, str] = {}

    def set_users(self, users: list[UserView], departments: list[Department]) -> None:
        self.beginResetModel()
        self._rows = list(users)
        self._departments = {d.id: d.name for d in departments}
        self.endResetModel()

    def user(self, row: int) -> UserView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, username: str) -> int:
        return next((i for i, u in enumerate(self._rows) if u.username == username), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 5

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        user = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            sep = ", " if self._language == "en" else "、"
            depts = sep.join(sorted(self._departments.get(d, str(d))
                                    for d in user.department_ids))
            return [user.username, user.display_name,
                    role_names(user.roles, self._language), depts,
                    active_text(user.active)][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and not user.active:
            return INACTIVE_COLOUR
        if role == Qt.ItemDataRole.UserRole:
            return user.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < 5:
                return [self.tr("User name"), self.tr("Name"), self.tr("Roles"),
                        self.tr("Departments"), self.tr("Status")][section]
        return None


class UserDialog(FormDialog):
    """A new user (``user`` None: user name and password too) or an existing user's name,
    roles and departments."""

    def __init__(self, user: UserView | None, departments: list[Department], language: str,
                 parent: QWidget | None = None) -> None:
        title = self.tr("New user") if user is None else self.tr("Roles and departments")
        super().__init__(title, "userDialog", parent)
        self.user = user
        self.username_edit = QLineEdit(user.username if user else "")
        self.username_edit.setObjectName("usernameEdit")
        self.username_edit.setMaxLength(50)
        self.username_edit.setReadOnly(user is not None)
        self.name_edit = QLineEdit(user.display_name if user else "")
        self.name_edit.setObjectName("displayNameEdit")
        self.name_edit.setMaxLength(50)
        self.form.addRow(self.tr("User name:"), self.username_edit)
        self.form.addRow(self.tr("Name:"), self.name_edit)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("passwordEdit")
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setObjectName("repeatEdit")
        if user is None:
            for edit in (self.password_edit, self.repeat_edit):
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            self.form.addRow(self.tr("Password:"), self.password_edit)
            self.form.addRow(self.tr("Password again:"), self.repeat_edit)
        self.role_boxes: dict[Role, QCheckBox] = {}
        roles = QVBoxLayout()
        for role in ROLE_ORDER:
            box = QCheckBox(label(role, language))
            box.setObjectName(f"role_{role.value}")
            box.setChecked(user is not None and role in user.roles)
            self.role_boxes[role] = box
            roles.addWidget(box)
        self.form.addRow(self.tr("Roles:"), roles)
        self.department_list = QListWidget()
        self.department_list.setObjectName("departmentList")
        for dept in departments:
            if not dept.active and not (user and dept.id in user.department_ids):
                continue
            item = QListWidgetItem(dept.name)
            item.setData(Qt.ItemDataRole.UserRole, dept.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = user is not None and dept.id in user.department_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.department_list.addItem(item)
        self.department_list.setMaximumHeight(140)
        self.form.addRow(self.tr("Departments:"), self.department_list)
        self.add_below(hint(self.tr(
            "Department staff must belong to at least one department; they see and handle "
            "only their departments' orders.")))

    def check_department(self, department_id: int, checked: bool = True) -> None:
        for i in range(self.department_list.count()):
            item = self.department_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == department_id:
                item.setCheckState(Qt.CheckState.Checked if checked
                                   else Qt.CheckState.Unchecked)

    def roles(self) -> list[Role]:
        return [role for role, box in self.role_boxes.items() if box.isChecked()]

    def department_ids(self) -> list[int]:
        items = [self.department_list.item(i) for i in range(self.department_list.count())]
        return [int(item.data(Qt.ItemDataRole.UserRole)) for item in items
                if item.checkState() == Qt.CheckState.Checked]


class PasswordDialog(FormDialog):
    def __init__(self, user: UserView, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Reset password"), "passwordDialog", parent)
        self.user = user
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("passwordEdit")
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setObjectName("repeatEdit")
        for edit in (self.password_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(self.tr("User:"), QLabel(f"{user.display_name} ({user.username})"))
        self.form.addRow(self.tr("New password:"), self.password_edit)
        self.form.addRow(self.tr("New password again:"), self.repeat_edit)
        self.add_below(hint(self.tr("At least {n} characters. Tell the user the new password "
                                    "in person.").format(n=admin.MIN_PASSWORD)))


class UsersTab(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersTab")
        self._ctx = ctx
        self._departments: list[Department] = []
        self._select_next: str | None = None  # a user just added, selected once listed
        self.dialog: FormDialog | None = None
        self.model = UserModel(ctx.language, self)
        self.view = QTableView()
        self.view.setObjectName("userTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(UserModel.DEPARTMENTS, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.doubleClicked.connect(lambda _index: self.edit_selected())

        self.add_button = button(self.tr("Add user…"), "addUserButton", self.add_user)
        self.edit_button = button(self.tr("Roles and departments…"), "editUserButton",
                                  self.edit_selected)
        self.password_button = button(self.tr("Reset password…"), "resetPasswordButton",
                                      self.reset_password)
        self.deactivate_button = button(self.tr("Deactivate"), "deactivateUserButton",
                                        lambda: self.set_selected_active(False))
        self.activate_button = button(self.tr("Reactivate"), "activateUserButton",
                                      lambda: self.set_selected_active(True))
        layout = QVBoxLayout(self)
        layout.addLayout(button_row(self.add_button, self.edit_button, self.password_button,
                                    self.deactivate_button, self.activate_button))
        layout.addWidget(self.view, 1)
        layout.addWidget(hint(self.tr(
            "A deactivated user can no longer sign in; their name stays in the orders' "
            "history. The desk always keeps at least one active administrator.")))
        self._update_buttons()

    @Slot()
    def reload(self) -> None:
        ctx = self._ctx

        def work() -> tuple[list[UserView], list[Department]]:
            return (admin.users(ctx.uow(write=False), ctx.actor),
                    admin.departments(ctx.uow(write=False)))

        ctx.read(work, self._show, parent=self)

    def _show(self, data: tuple[list[UserView], list[Department]]) -> None:
        users, self._departments = data
        chosen = self.selected()
        wanted = self._select_next or (chosen.username if chosen else None)
        self._select_next = None
        self.model.set_users(users, self._departments)
        if wanted is not None:
            self.select(wanted)
        self._update_buttons()

    def selected(self) -> UserView | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.user(rows[0].row()) if rows else None

    def select(self, username: str) -> None:
        row = self.model.row_of(username)
        if row >= 0:
            self.view.selectRow(row)

    @Slot()
    def _update_buttons(self) -> None:
        user = self.selected()
        for widget in (self.edit_button, self.password_button):
            widget.setEnabled(user is not None)
        self.deactivate_button.setEnabled(user is not None and user.active)
        self.activate_button.setEnabled(user is not None and not user.active)

    def _open(self, dialog: FormDialog, save: Any) -> None:
        dialog.submitted.connect(save)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    @Slot()
    def add_user(self) -> None:
        dialog = UserDialog(None, self._departments, self._ctx.language, self)
        self._open(dialog, lambda: self._save_new(dialog))

    def _save_new(self, dialog: UserDialog) -> None:
        ctx = self._ctx
        username, name = dialog.username_edit.text().strip(), dialog.name_edit.text()
        password, repeat = dialog.password_edit.text(), dialog.repeat_edit.text()
        roles, depts = dialog.roles(), dialog.department_ids()

        def work() -> int:
            admin.confirm_password(password, repeat)
            return admin.add_user(ctx.uow(), ctx.actor, ctx.clock, username, name or username,
                                  password, roles, depts)

        def done(_user_id: int) -> None:
            self._select_next = username
            dialog.accept()

        write(ctx, dialog, work, done)

    @Slot()
    def edit_selected(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = UserDialog(user, self._departments, self._ctx.language, self)
        self._open(dialog, lambda: self._save_edit(dialog))

    def _save_edit(self, dialog: UserDialog) -> None:
        ctx = self._ctx
        assert dialog.user is not None
        user_id, name = dialog.user.id, dialog.name_edit.text()
        roles, depts = dialog.roles(), dialog.department_ids()
        write(ctx, dialog,
              lambda: admin.update_user(ctx.uow(), ctx.actor, user_id, name, roles, depts),
              lambda _none: dialog.accept())

    @Slot()
    def reset_password(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = PasswordDialog(user, self)
        self._open(dialog, lambda: self._save_password(dialog))

    def _save_password(self, dialog: PasswordDialog) -> None:
        ctx = self._ctx
        user = dialog.user
        password, repeat = dialog.password_edit.text(), dialog.repeat_edit.text()

        def work() -> None:
            admin.confirm_password(password, repeat)
            admin.reset_password(ctx.uow(), ctx.actor, user.id, password)

        def done(_none: None) -> None:
            dialog.accept()
            ctx.prompts.info(self, self.tr("Password reset"),
                             self.tr("{user} can now sign in with the new password.")
                             .format(user=user.display_name))

        write(ctx, dialog, work, done)

    def set_selected_active(self, active: bool) -> None:
        user = self.selected()
        if user is None or user.active == active:
            return
        ctx = self._ctx
        if not active and not ctx.prompts.confirm(
                self, self.tr("Deactivate user"),
                self.tr("Deactivate {user}? They can no longer sign in.").format(
                    user=f"{user.display_name} ({user.username})")):
            return
        write(ctx, self,
              lambda: admin.set_user_active(ctx.uow(), ctx.actor, user.id, active))
