"""Table models of the import dialog: the preview (messages as parsed) and the rejected rows.

Both hold a bounded list (the preview shows the first ``PREVIEW_ROWS`` items of a file, the
report every rejected row of one import) and are read-only. Create and use on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from core.intake_model import IncomingMessage, RejectedRow
from core.intake_ports import RejectedRecord
from gui import fmt

PREVIEW_ROWS = 200
_REJECTED = QColor("#cf1322")
_LIMIT = 80  # characters of a long text shown in a cell

AnyIndex = QModelIndex | QPersistentModelIndex
Item = IncomingMessage | RejectedRow


def _short(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= _LIMIT else one_line[:_LIMIT - 1] + "…"


class _ListModel(QAbstractTableModel):
    """Rows of records, with a header and a text function per column."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def headers(self) -> list[str]:
        raise NotImplementedError

    def cell(self, record: Any, column: int) -> str:
        raise NotImplementedError

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.headers())):
            return self.headers()[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _short(self.cell(record, index.column()))
        if role == Qt.ItemDataRole.ToolTipRole:  # a narrow column elides: the tooltip has it all
            return self.cell(record, index.column()) or None
        return self.extra(record, index.column(), role)

    def extra(self, record: Any, column: int, role: int) -> Any:
        return None


class PreviewModel(_ListModel):
    """The first items of a file as the import will read them: ready, or why rejected."""

    SHEET_ONLY = (6, 7)  # author, phone: an Open311 request has neither
    OPEN311_ONLY = (9,)  # the status at the source

    def __init__(self, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._headers = [
            QCoreApplication.translate("IntakeModels", "Row"),
            QCoreApplication.translate("IntakeModels", "Result"),
            QCoreApplication.translate("IntakeModels", "Number"),
            QCoreApplication.translate("IntakeModels", "Posted at"),
            QCoreApplication.translate("IntakeModels", "Title"),
            QCoreApplication.translate("IntakeModels", "Content"),
            QCoreApplication.translate("IntakeModels", "Author"),
            QCoreApplication.translate("IntakeModels", "Phone"),
            QCoreApplication.translate("IntakeModels", "Address"),
            QCoreApplication.translate("IntakeModels", "Status at source"),
        ]
        self._ready = QCoreApplication.translate("IntakeModels", "Ready")

    def headers(self) -> list[str]:
        return self._headers

    def cell(self, record: Item, column: int) -> str:
        if column == 0:
            return "" if record.row is None else str(record.row)
        if isinstance(record, RejectedRow):
            if column == 1:
                return record.reason_en if self._language == "en" else record.reason_zh
            return ""
        cells: list[Callable[[IncomingMessage], str]] = [
            lambda m: self._ready, lambda m: m.external_id or "",
            lambda m: fmt.local(m.posted_at), lambda m: m.title, lambda m: m.content,
            lambda m: m.caller_name, lambda m: m.caller_phone, lambda m: m.address,
            lambda m: m.status or "",
        ]
        return cells[column - 1](record)

    def extra(self, record: Item, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and isinstance(record, RejectedRow):
            return QBrush(_REJECTED)
        return None


class RejectedModel(_ListModel):
    """The rejected rows of an import: the row, the reason, and what it held."""

    def __init__(self, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._headers = [
            QCoreApplication.translate("IntakeModels", "Row"),
            QCoreApplication.translate("IntakeModels", "Reason"),
            QCoreApplication.translate("IntakeModels", "As written in the source"),
        ]

    def headers(self) -> list[str]:
        return self._headers

    def cell(self, record: RejectedRecord, column: int) -> str:
        if column == 0:
            return "" if record.row is None else str(record.row)
        if column == 1:
            return record.reason_en if self._language == "en" else record.reason_zh
        return "; ".join(f"{k}: {v}" for k, v in record.raw.items() if v.strip())
