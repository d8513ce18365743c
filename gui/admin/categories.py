"""Categories (事项分类): the three-level tree, each leaf with its default department (the
routing rule); adding a node, renaming, changing a leaf's department, deactivating."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from core import admin
from core.model import Category, Department
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
LEAF_LEVEL = 3


class CategoryModel(QAbstractItemModel):
    """The tree; an index's internal id is its category's id (never 0)."""

    NAME, CODE, DEPARTMENT, STATUS = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._by_id: dict[int, Category] = {}
        self._children: dict[int | None, list[int]] = {None: []}
        self._departments: dict[int, Department] = {}

    def set_tree(self, categories: list[Category], departments: list[Department]) -> None:
        self.beginResetModel()
        self._by_id = {c.id: c for c in categories}
        self._departments = {d.id: d for d in departments}
        self._children = {None: []}
        for cat in sorted(categories, key=lambda c: c.code):
            parent = cat.parent_id if cat.parent_id in self._by_id else None
            self._children.setdefault(parent, []).append(cat.id)
        self.endResetModel()

    def category(self, index: Index) -> Category | None:
        return self._by_id.get(index.internalId()) if index.isValid() else None

    def categories(self) -> list[Category]:
        return list(self._by_id.values())

    def departments(self) -> list[Department]:
        return list(self._departments.values())

    def index_of(self, category_id: int, column: int = 0) -> QModelIndex:
        cat = self._by_id.get(category_id)
        if cat is None:
            return QModelIndex()
        parent = cat.parent_id if cat.parent_id in self._by_id else None
        return self.createIndex(self._children[parent].index(category_id), column, category_id)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        key = parent.internalId() if parent.isValid() else None
        ids = self._children.get(key, [])
        if not (0 <= row < len(ids) and 0 <= column < 4):
            return QModelIndex()
        return self.createIndex(row, column, ids[row])

    def parent(self, child: Index) -> QModelIndex:  # type: ignore[override]
        cat = self.category(child)
        if cat is None or cat.parent_id not in self._by_id:
            return QModelIndex()
        assert cat.parent_id is not None
        return self.index_of(cat.parent_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid() and parent.column() != 0:
            return 0
        key = parent.internalId() if parent.isValid() else None
        return len(self._children.get(key, []))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cat = self.category(index)
        if cat is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return [cat.name, cat.code, self._department_text(cat),
                    active_text(cat.active)][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and not cat.active:
            return INACTIVE_COLOUR
        if role == Qt.ItemDataRole.UserRole:
            return cat.id
        return None

    def _department_text(self, cat: Category) -> str:
        if cat.default_department_id is None:
            return self.tr("(missing)") if cat.level == LEAF_LEVEL else ""
        dept = self._departments.get(cat.default_department_id)
        if dept is None:
            return ""
        return dept.name if dept.active else self.tr("{name} (deactivated)").format(
            name=dept.name)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < 4:
                return [self.tr("Category"), self.tr("Code"), self.tr("Default department"),
                        self.tr("Status")][section]
        return None


def _department_combo(departments: list[Department], current: int | None) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("departmentCombo")
    for dept in departments:
        if dept.active:
            combo.addItem(f"{dept.name} ({dept.code})", dept.id)
    if current is not None and combo.findData(current) >= 0:
        combo.setCurrentIndex(combo.findData(current))
    return combo


def suggested_code(parent: Category | None, every: list[Category]) -> str:
    """The next two-digit code under ``parent`` (``01``, ``0102``, ``010203`` ...)."""
    prefix = parent.code if parent else ""
    numbers = [int(c.code[len(prefix):]) for c in every
               if c.parent_id == (parent.id if parent else None)
               and c.code.startswith(prefix) and c.code[len(prefix):].isdigit()
               and len(c.code) == len(prefix) + 2]
    following = max(numbers, default=0) + 1
    return f"{prefix}{following:02d}" if following < 100 else ""


class CategoryDialog(FormDialog):
    """A new node under ``parent`` (None: a top-level category); a leaf names its department."""

    def __init__(self, parent_category: Category | None, every: list[Category],
                 departments: list[Department], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New category"), "categoryDialog", parent)
        self.level = parent_category.level + 1 if parent_category else 1
        self.parent_code = parent_category.code if parent_category else None
        where = QLabel(parent_category.name if parent_category else self.tr("(top level)"))
        where.setObjectName("parentLabel")
        self.code_edit = QLineEdit(suggested_code(parent_category, every))
        self.code_edit.setObjectName("codeEdit")
        self.code_edit.setMaxLength(32)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setMaxLength(100)
        self.form.addRow(self.tr("Under:"), where)
        self.form.addRow(self.tr("Code:"), self.code_edit)
        self.form.addRow(self.tr("Name:"), self.name_edit)
        self.department_combo: QComboBox | None = None
        self._codes = {d.id: d.code for d in departments}
        if self.level == LEAF_LEVEL:
            self.department_combo = _department_combo(departments, None)
            self.form.addRow(self.tr("Default department:"), self.department_combo)
            self.add_below(hint(self.tr(
                "New orders in this category are dispatched to its default department.")))

    def values(self) -> tuple[str, str, str | None, str | None]:
        dept_code = None
        if self.department_combo is not None:
            dept_code = self._codes.get(self.department_combo.currentData())
        return self.code_edit.text().strip(), self.name_edit.text(), self.parent_code, dept_code


class RoutingDialog(FormDialog):
    """Choose a leaf's default department."""

    def __init__(self, category: Category, departments: list[Department],
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Default department"), "routingDialog", parent)
        self.category = category
        self.department_combo = _department_combo(departments, category.default_department_id)
        self.form.addRow(self.tr("Category:"), QLabel(f"{category.name} ({category.code})"))
        self.form.addRow(self.tr("Default department:"), self.department_combo)
        self.add_below(hint(self.tr(
            "Orders dispatched from now on follow the new rule; orders already dispatched "
            "stay where they are.")))

    def department_id(self) -> int | None:
        data = self.department_combo.currentData()
        return int(data) if data is not None else None


class CategoriesTab(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("categoriesTab")
        self._ctx = ctx
        self.dialog: FormDialog | None = None
        self._select_next: int | None = None  # a category just added
        self.model = CategoryModel(self)
        self.view = QTreeView()
        self.view.setObjectName("categoryTree")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformRowHeights(True)
        header = self.view.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(CategoryModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

        self.add_top_button = button(self.tr("Add top-level category…"), "addTopCategoryButton",
                                     lambda: self.add_category(top_level=True))
        self.add_child_button = button(self.tr("Add subcategory…"), "addSubcategoryButton",
                                       lambda: self.add_category(top_level=False))
        self.rename_button = button(self.tr("Rename…"), "renameCategoryButton",
                                    self.rename_selected)
        self.routing_button = button(self.tr("Default department…"), "routingButton",
                                     self.change_routing)
        self.deactivate_button = button(self.tr("Deactivate"), "deactivateCategoryButton",
                                        lambda: self.set_selected_active(False))
        self.activate_button = button(self.tr("Reactivate"), "activateCategoryButton",
                                      lambda: self.set_selected_active(True))
        layout = QVBoxLayout(self)
        layout.addLayout(button_row(self.add_top_button, self.add_child_button,
                                    self.rename_button, self.routing_button,
                                    self.deactivate_button, self.activate_button))
        layout.addWidget(self.view, 1)
        layout.addWidget(hint(self.tr(
            "Three levels, e.g. 城乡建设 > 物业管理 > 电梯故障. Each leaf (third level) names "
            "the department its orders are dispatched to by default. Deactivating a category "
            "deactivates everything below it.")))
        self._update_buttons()

    @Slot()
    def reload(self) -> None:
        ctx = self._ctx

        def work() -> tuple[list[Category], list[Department]]:
            return (admin.categories(ctx.uow(write=False)),
                    admin.departments(ctx.uow(write=False)))

        ctx.read(work, self._show, parent=self)

    def _show(self, data: tuple[list[Category], list[Department]]) -> None:
        chosen = self.selected()
        wanted = self._select_next or (chosen.id if chosen else None)
        self._select_next = None
        self.model.set_tree(*data)
        self.view.expandAll()
        if wanted is not None:
            self.select(wanted)
        self._update_buttons()

    def selected(self) -> Category | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.category(rows[0]) if rows else None

    def select(self, category_id: int) -> None:
        index = self.model.index_of(category_id)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    @Slot()
    def _update_buttons(self) -> None:
        cat = self.selected()
        self.add_child_button.setEnabled(cat is not None and cat.active
                                         and cat.level < LEAF_LEVEL)
        self.rename_button.setEnabled(cat is not None)
        self.routing_button.setEnabled(cat is not None and cat.is_leaf)
        self.deactivate_button.setEnabled(cat is not None and cat.active)
        self.activate_button.setEnabled(cat is not None and not cat.active)

    def _open(self, dialog: FormDialog, save: Any) -> None:
        dialog.submitted.connect(save)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def add_category(self, top_level: bool) -> None:
        under = None if top_level else self.selected()
        if not top_level and (under is None or under.level >= LEAF_LEVEL):
            return
        dialog = CategoryDialog(under, self.model.categories(), self.model.departments(), self)
        self._open(dialog, lambda: self._save_new(dialog))

    def _save_new(self, dialog: CategoryDialog) -> None:
        ctx = self._ctx
        code, name, parent_code, dept_code = dialog.values()
        write(ctx, dialog,
              lambda: admin.add_category(ctx.uow(), ctx.actor, code, name, parent_code,
                                         dept_code),
              lambda new_id: self._added(dialog, new_id))

    def _added(self, dialog: CategoryDialog, category_id: int) -> None:
        self._select_next = category_id
        dialog.accept()

    @Slot()
    def rename_selected(self) -> None:
        cat = self.selected()
        if cat is None:
            return
        ctx = self._ctx
        name = ctx.prompts.ask_text(self, self.tr("Rename category"),
                                    self.tr("New name of {code}:").format(code=cat.code),
                                    cat.name)
        if name is None or name.strip() == cat.name:
            return
        write(ctx, self, lambda: admin.rename_category(ctx.uow(), ctx.actor, cat.id, name))

    @Slot()
    def change_routing(self) -> None:
        cat = self.selected()
        if cat is None or not cat.is_leaf:
            return
        dialog = RoutingDialog(cat, self.model.departments(), self)
        self._open(dialog, lambda: self._save_routing(dialog))

    def _save_routing(self, dialog: RoutingDialog) -> None:
        ctx = self._ctx
        dept_id = dialog.department_id()
        if dept_id is None:
            dialog.reject()
            return
        category_id = dialog.category.id
        write(ctx, dialog,
              lambda: admin.set_category_department(ctx.uow(), ctx.actor, category_id,
                                                    dept_id),
              lambda _none: dialog.accept())

    def set_selected_active(self, active: bool) -> None:
        cat = self.selected()
        if cat is None or cat.active == active:
            return
        ctx = self._ctx
        if not active and not ctx.prompts.confirm(
                self, self.tr("Deactivate category"),
                self.tr("Deactivate {name} and everything below it? New orders can no longer "
                        "use them.").format(name=cat.name)):
            return
        write(ctx, self,
              lambda: admin.set_category_active(ctx.uow(), ctx.actor, cat.id, active))
