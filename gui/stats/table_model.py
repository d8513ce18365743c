"""One small table model for every table of the statistics screen.

A statistics table is short (one row per department, category, channel, week or listed
order of one report), so :class:`ColumnsModel` holds its records in a list; what each column
shows, how it sorts and what its tooltip says comes from a :class:`Column`. Sort through a
:class:`QSortFilterProxyModel` with ``setSortRole(SORT_ROLE)`` (see :func:`sorted_view`):
numbers then sort as numbers, not as text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

T = TypeVar("T")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[T]):
    """``text`` is what the cell shows, ``sort`` its sort key (numbers for numbers),
    ``detail`` an optional tooltip for the cell (e.g. a rate's numerator / denominator)."""

    header: str
    tooltip: str
    text: Callable[[T], str]
    sort: Callable[[T], Any]
    numeric: bool = False
    detail: Callable[[T], str] | None = None


def text_column(header: str, tooltip: str, text: Callable[[T], str]) -> Column[T]:
    """A column of text that sorts as it reads."""
    return Column(header, tooltip, text, text)


class ColumnsModel(QAbstractTableModel, Generic[T]):
    """Rows of records of one kind; read-only. Create and use on the GUI thread."""

    def __init__(self, columns: Sequence[Column[T]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> T:
        return self._rows[row]

    def columns(self) -> list[Column[T]]:
        return list(self._columns)

    # --- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        record = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == SORT_ROLE:
            return column.sort(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            detail = column.detail(record) if column.detail else ""
            return "\n".join(x for x in (column.text(record), detail) if x) or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.numeric else _LEFT
        if role == RECORD_ROLE:
            return record
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._rows):
                return str(section + 1)
            return None
        if not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.numeric else _LEFT
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def sorted_view(model: ColumnsModel[Any], parent: QObject | None = None
                ) -> QSortFilterProxyModel:
    """A proxy that sorts ``model`` by its columns' sort keys."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy
