"""Departments (承办单位): the table, adding one, renaming, deactivating and reactivating."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core import admin
from core.model import Department
from gui.admin.common import (
    INACTIVE_COLOUR,
    FormDialog,
    active_text,
    button,
    button_row,
    hint,
    write,
)
from gui.context import DeskContext

Index = QModelIndex | QPersistentModelIndex


class DepartmentModel(QAbstractTableModel):
    """Every department (a few hundred at most): code, name, parent, status."""

    CODE, NAME, PARENT, STATUS = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Department] = []
        self._names: dict[int, str] = {}

    def set_departments(self, departments: list[Department]) -> None:
        self.beginResetModel()
        self._rows = list(departments)
        self._names = {d.id: d.name for d in departments}
        self.endResetModel()

    def department(self, row: int) -> Department | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, department_id: int) -> int:
        return next((i for i, d in enumerate(self._rows) if d.id == department_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        dept = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [dept.code, dept.name,
                    self._names.get(dept.parent_id, "") if dept.parent_id else "",
                    active_text(dept.active)][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and not dept.active:
            return INACTIVE_COLOUR
        if role == Qt.ItemDataRole.UserRole:
            return dept.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < 4:
                return [self.tr("Code"), self.tr("Name"), self.tr("Parent department"),
                        self.tr("Status")][section]
        return None


class DepartmentDialog(FormDialog):
    """A new department: code, name and (optionally) the department it belongs to."""

    def __init__(self, departments: list[Department], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New department"), "departmentDialog", parent)
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("codeEdit")
        self.code_edit.setMaxLength(32)
        self.code_edit.setPlaceholderText(self.tr("e.g. ZJJ"))
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setMaxLength(100)
        self.parent_combo = QComboBox()
        self.parent_combo.setObjectName("parentCombo")
        self.parent_combo.addItem(self.tr("(none: top level)"), "")
        for dept in departments:
            if dept.active:
                self.parent_combo.addItem(f"{dept.name} ({dept.code})", dept.code)
        self.form.addRow(self.tr("Code:"), self.code_edit)
        self.form.addRow(self.tr("Name:"), self.name_edit)
        self.form.addRow(self.tr("Belongs to:"), self.parent_combo)
        self.add_below(hint(self.tr("The code is fixed once saved: letters, digits, '_' or '-'.")))

    def values(self) -> tuple[str, str, str | None]:
        return (self.code_edit.text().strip(), self.name_edit.text(),
                self.parent_combo.currentData() or None)


class DepartmentsTab(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("departmentsTab")
        self._ctx = ctx
        self.dialog: DepartmentDialog | None = None
        self._select_next: int | None = None  # a department just added
        self.model = DepartmentModel(self)
        self.view = QTableView()
        self.view.setObjectName("departmentTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DepartmentModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.doubleClicked.connect(lambda _index: self.rename_selected())

        self.add_button = button(self.tr("Add department…"), "addDepartmentButton",
                                 self.add_department)
        self.rename_button = button(self.tr("Rename…"), "renameDepartmentButton",
                                    self.rename_selected)
        self.deactivate_button = button(self.tr("Deactivate"), "deactivateDepartmentButton",
                                        lambda: self.set_selected_active(False))
        self.activate_button = button(self.tr("Reactivate"), "activateDepartmentButton",
                                      lambda: self.set_selected_active(True))
        layout = QVBoxLayout(self)
        layout.addLayout(button_row(self.add_button, self.rename_button,
                                    self.deactivate_button, self.activate_button))
        layout.addWidget(self.view, 1)
        layout.addWidget(hint(self.tr(
            "A deactivated department is no longer offered for dispatch; orders it already "
            "holds carry on. A department that is the default of a category cannot be "
            "deactivated until that routing rule is changed.")))
        self._update_buttons()

    @Slot()
    def reload(self) -> None:
        ctx = self._ctx
        ctx.read(lambda: admin.departments(ctx.uow(write=False)), self._show, parent=self)

    def _show(self, departments: list[Department]) -> None:
        chosen = self.selected()
        wanted = self._select_next or (chosen.id if chosen else None)
        self._select_next = None
        self.model.set_departments(departments)
        if wanted is not None:
            self.select(wanted)
        self._update_buttons()

    def selected(self) -> Department | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.department(rows[0].row()) if rows else None

    def select(self, department_id: int) -> None:
        row = self.model.row_of(department_id)
        if row >= 0:
            self.view.selectRow(row)

    @Slot()
    def _update_buttons(self) -> None:
        dept = self.selected()
        self.rename_button.setEnabled(dept is not None)
        self.deactivate_button.setEnabled(dept is not None and dept.active)
        self.activate_button.setEnabled(dept is not None and not dept.active)

    @Slot()
    def add_department(self) -> None:
        departments = [self.model.department(i) for i in range(self.model.rowCount())]
        dialog = DepartmentDialog([d for d in departments if d is not None], self)
        dialog.submitted.connect(lambda: self._save_new(dialog))
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _save_new(self, dialog: DepartmentDialog) -> None:
        ctx = self._ctx
        code, name, parent_code = dialog.values()
        write(
            ctx, dialog,
            lambda: admin.add_department(ctx.uow(), ctx.actor, code, name, parent_code),
            lambda new_id: self._added(dialog, new_id))

    def _added(self, dialog: DepartmentDialog, department_id: int) -> None:
        self._select_next = department_id
        dialog.accept()

    @Slot()
    def rename_selected(self) -> None:
        dept = self.selected()
        if dept is None:
            return
        ctx = self._ctx
        name = ctx.prompts.ask_text(self, self.tr("Rename department"),
                                    self.tr("New name of {code}:").format(code=dept.code),
                                    dept.name)
        if name is None or name.strip() == dept.name:
            return
        write(
            ctx, self, lambda: admin.rename_department(ctx.uow(), ctx.actor, dept.id, name))

    def set_selected_active(self, active: bool) -> None:
        dept = self.selected()
        if dept is None or dept.active == active:
            return
        ctx = self._ctx
        if not active and not ctx.prompts.confirm(
                self, self.tr("Deactivate department"),
                self.tr("Deactivate {name}? It will no longer be offered for dispatch.")
                .format(name=dept.name)):
            return
        write(
            ctx, self,
            lambda: admin.set_department_active(ctx.uow(), ctx.actor, dept.id, active))
