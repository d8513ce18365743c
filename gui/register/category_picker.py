"""The category field: a search box over the three-level category tree.

Typing filters the tree by Chinese text, pinyin initials or full pinyin (``dt`` finds 电梯故障;
``core.pinyin_search``). Enter in the box picks the best matching leaf; Down moves into the
tree, where Enter picks the current leaf (or opens and closes a branch) and Up on the first row
goes back to the box. Only leaves (level 3) can be picked. ``picked`` is emitted after a pick
made with the keyboard or the mouse so the form can move on to the next field.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from core.pinyin_search import TreeEntry, filter_tree, searchable
from core.ports import UnitOfWork
from core.routing import CategoryNode, RegistrationChoices, registration_choices

ID_ROLE = Qt.ItemDataRole.UserRole + 1
LEAF_ROLE = Qt.ItemDataRole.UserRole + 2


class CategoryFilter(QSortFilterProxyModel):
    """Shows the rows whose category id is in ``visible`` (``None``: every row)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._visible: frozenset[int] | None = None

    def set_visible(self, visible: frozenset[int] | None) -> None:
        self.beginFilterChange()
        self._visible = visible
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(  # noqa: N802 - Qt override
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if self._visible is None:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return index.data(ID_ROLE) in self._visible


def load_choices(uow: UnitOfWork) -> RegistrationChoices:
    """The registration choices, with every category's pinyin prepared (run it on the worker:
    the first call loads pypinyin's dictionary, and :meth:`CategoryPicker.set_choices` on the
    GUI thread then finds each name ready)."""
    choices = registration_choices(uow)
    for node in choices.categories:
        searchable(node.name)
    return choices


class CategoryPicker(QWidget):
    """Build on the GUI thread; feed it with :meth:`set_choices`."""

    chosen = Signal(object)  # the category id, or None when cleared
    picked = Signal()  # the user picked a leaf: move on

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._nodes: dict[int, CategoryNode] = {}
        self._entries: list[TreeEntry] = []
        self._items: dict[int, QStandardItem] = {}
        self._best: int | None = None
        self._category_id: int | None = None
        self._department_names: dict[int, str] = {}

        self.search = QLineEdit()
        self.search.setObjectName("categorySearch")
        self.search.setPlaceholderText(self.tr("Search: 电梯 / dt / dianti"))
        self.search.setClearButtonEnabled(True)
        self.source = QStandardItemModel(0, 2, self)
        self.source.setHorizontalHeaderLabels([self.tr("Category"),
                                               self.tr("Default department")])
        self.model = CategoryFilter(self)
        self.model.setSourceModel(self.source)
        self.tree = QTreeView()
        self.tree.setObjectName("categoryTree")
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setMinimumHeight(110)
        self.tree.setMaximumHeight(170)
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("categoryChosenLabel")
        self.chosen_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        layout.addWidget(self.chosen_label)
        self.setFocusProxy(self.search)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.tree.installEventFilter(self)
        self.tree.activated.connect(self._activated)
        self._show_chosen()

    # --- content ------------------------------------------------------------------------------

    def set_choices(self, choices: RegistrationChoices) -> None:
        """Rebuild the tree; the chosen category is kept when it still exists."""
        names = {d.id: d.name for d in choices.departments}
        self.source.removeRows(0, self.source.rowCount())
        self._nodes = {c.id: c for c in choices.categories}
        self._items = {}
        self._entries = []
        for node in choices.categories:
            name = QStandardItem(node.name)
            name.setData(node.id, ID_ROLE)
            name.setData(node.is_leaf, LEAF_ROLE)
            name.setToolTip(" › ".join(node.path))
            dept = QStandardItem(names.get(node.department_id, "") if node.is_leaf else "")
            dept.setData(node.id, ID_ROLE)
            for item in (name, dept):
                item.setEditable(False)
            parent = self._items.get(node.parent_id) if node.parent_id is not None else None
            (parent.appendRow if parent is not None else self.source.appendRow)([name, dept])
            self._items[node.id] = name
            self._entries.append(TreeEntry(node.id, node.parent_id, searchable(node.name),
                                           node.code, node.is_leaf))
        self._department_names = names
        if self._category_id not in self._nodes:
            self._category_id = None
        self._filter(self.search.text())
        self._show_chosen()

    def category_id(self) -> int | None:
        return self._category_id

    def node(self, category_id: int | None) -> CategoryNode | None:
        return self._nodes.get(category_id) if category_id is not None else None

    def set_category(self, category_id: int | None) -> None:
        """Choose a leaf (or clear with ``None``) without moving the focus."""
        node = self.node(category_id)
        self._category_id = node.id if node is not None and node.is_leaf else None
        self.search.setText(node.name if self._category_id is not None and node else "")
        self._filter(self.search.text())  # again: setText does nothing when the text is equal
        self._select(self._category_id)
        self._show_chosen()
        self.chosen.emit(self._category_id)

    def best_leaf(self) -> int | None:
        return self._best

    # --- filtering and picking ----------------------------------------------------------------

    @Slot(str)
    def _filter(self, text: str) -> None:
        found = filter_tree(self._entries, text)
        self._best = found.best_leaf
        self.model.set_visible(None if not text.strip() else found.visible)
        if text.strip():
            self.tree.expandAll()
        else:
            self.tree.collapseAll()
            self.tree.expandToDepth(0)
        self._select(self._best if self._best is not None else self._category_id)

    def _proxy_index(self, category_id: int | None) -> QModelIndex:
        item = self._items.get(category_id) if category_id is not None else None
        if item is None:
            return QModelIndex()
        return self.model.mapFromSource(item.index())

    def _select(self, category_id: int | None) -> None:
        index = self._proxy_index(category_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def _pick(self, category_id: int | None) -> bool:
        node = self.node(category_id)
        if node is None or not node.is_leaf:
            return False
        self.set_category(node.id)
        self.picked.emit()
        return True

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        first = index.siblingAtColumn(0)
        if first.data(LEAF_ROLE):
            self._pick(first.data(ID_ROLE))
        else:
            self.tree.setExpanded(first, not self.tree.isExpanded(first))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if watched is self.search:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if not self._pick(self._best) and self.search.text().strip() == "":
                    self.set_category(None)
                return True
            if key == Qt.Key.Key_Down and self.model.rowCount() > 0:
                self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
                if not self.tree.currentIndex().isValid():
                    self.tree.setCurrentIndex(self.model.index(0, 0))
                return True
        elif watched is self.tree and key == Qt.Key.Key_Up:
            if not self.tree.indexAbove(self.tree.currentIndex()).isValid():
                self.search.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False

    def _show_chosen(self) -> None:
        node = self.node(self._category_id)
        if node is None:
            self.chosen_label.setText(self.tr("No category chosen (a leaf of the third level)."))
            return
        dept = self._department_names.get(node.department_id or 0)
        path = " › ".join(node.path)
        if dept:
            self.chosen_label.setText(self.tr("Chosen: {path} — goes to {department}")
                                      .format(path=path, department=dept))
        else:
            self.chosen_label.setText(self.tr("Chosen: {path} — no default department")
                                      .format(path=path))
