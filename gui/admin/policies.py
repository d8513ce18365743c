"""Time limits (办理时限): the policy grid of request type x urgency with its four clocks, and
the desk's rules (extension cap, callback attempts, end of the working day).

A limit cell is edited in place (amount and unit); the change is saved at once through
``admin.set_policy``, which refuses a limit out of range or a sign-for limit longer than the
reply limit. A refused edit is shown and the grid reloads the stored values.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from core import admin
from core.calendar import Limit, LimitUnit
from core.model import RequestType, Urgency
from core.policy import DeskRules, TimeLimitPolicy, default_policy
from gui.admin.common import button, button_row, hint, write
from gui.context import DeskContext
from gui.fmt import label

Index = QModelIndex | QPersistentModelIndex
FIELDS = ("sign", "reply", "return_window", "callback")


def describe(limit: Limit, language: str) -> str:
    return limit.describe_en() if language == "en" else limit.describe_zh()


class PolicyModel(QAbstractTableModel):
    """One row per request type and urgency; columns 2-5 are the four limits (editable).

    ``edited(new_policy)`` is emitted when a cell is changed; the row shows the new value at
    once and the owner saves it (and reloads on a refusal)."""

    TYPE, URGENCY, SIGN, REPLY, RETURN, CALLBACK = range(6)
    edited = Signal(object)

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._rows: list[TimeLimitPolicy] = []

    def set_policies(self, policies: list[TimeLimitPolicy]) -> None:
        self.beginResetModel()
        self._rows = list(policies)
        self.endResetModel()

    def policy(self, row: int) -> TimeLimitPolicy | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, request_type: RequestType, urgency: Urgency) -> int:
        return next((i for i, p in enumerate(self._rows)
                     if p.request_type == request_type and p.urgency == urgency), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 6

    def _limit(self, index: Index) -> Limit | None:
        if not index.isValid() or index.column() < self.SIGN:
            return None
        return getattr(self._rows[index.row()], FIELDS[index.column() - self.SIGN])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        policy = self._rows[index.row()]
        limit = self._limit(index)
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == self.TYPE:
                return label(policy.request_type, self._language)
            if index.column() == self.URGENCY:
                return label(policy.urgency, self._language)
            return describe(limit, self._language) if limit else None
        if role == Qt.ItemDataRole.EditRole:
            return limit
        if limit is None:
            return None
        default = getattr(default_policy(policy.request_type, policy.urgency),
                          FIELDS[index.column() - self.SIGN])
        if role == Qt.ItemDataRole.FontRole and limit != default:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Default: {limit}. Double-click to change.").format(
                limit=describe(default, self._language))
        return None

    def setData(self, index: Index, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not isinstance(value, Limit):
            return False
        if self._limit(index) is None or self._limit(index) == value:
            return False
        row = index.row()
        self._rows[row] = replace(self._rows[row], **{FIELDS[index.column() - self.SIGN]: value})
        self.dataChanged.emit(index, index)
        self.edited.emit(self._rows[row])
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() >= self.SIGN:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < 6:
                return [self.tr("Request type"), self.tr("Urgency"), self.tr("Sign for within"),
                        self.tr("Reply within"), self.tr("Return allowed within"),
                        self.tr("Callback within")][section]
        return None


class LimitEditor(QWidget):
    """Amount and unit of one limit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("limitEditor")
        self.setAutoFillBackground(True)
        self.amount_spin = QSpinBox()
        self.amount_spin.setObjectName("amountSpin")
        self.amount_spin.setRange(1, 9999)
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("unitCombo")
        for unit in LimitUnit:
            self.unit_combo.addItem(unit_text(unit), unit.value)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.amount_spin)
        row.addWidget(self.unit_combo, 1)
        self.setFocusProxy(self.amount_spin)

    def set_limit(self, limit: Limit) -> None:
        self.amount_spin.setValue(limit.amount)
        self.unit_combo.setCurrentIndex(self.unit_combo.findData(limit.unit.value))

    def limit(self) -> Limit:
        return Limit(LimitUnit(self.unit_combo.currentData()), self.amount_spin.value())


def unit_text(unit: LimitUnit) -> str:
    return {
        LimitUnit.WORKING_DAYS: QCoreApplication.translate("LimitEditor", "working days"),
        LimitUnit.HOURS: QCoreApplication.translate("LimitEditor", "hours"),
        LimitUnit.MINUTES: QCoreApplication.translate("LimitEditor", "minutes"),
    }[unit]


class LimitDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: Index) -> QWidget:
        return LimitEditor(parent)

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        limit = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, LimitEditor) and isinstance(limit, Limit):
            editor.set_limit(limit)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802
                     index: Index) -> None:
        if isinstance(editor, LimitEditor):
            model.setData(index, editor.limit(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                             index: Index) -> None:
        rect = option.rect  # type: ignore[attr-defined]
        rect.setWidth(max(rect.width(), editor.sizeHint().width()))
        editor.setGeometry(rect)


class PoliciesTab(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("policiesTab")
        self._ctx = ctx
        self.model = PolicyModel(ctx.language, self)
        self.model.edited.connect(self._save_policy)
        self.view = QTableView()
        self.view.setObjectName("policyTable")
        self.view.setModel(self.model)
        self.view.setItemDelegate(LimitDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PolicyModel.TYPE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PolicyModel.URGENCY,
                                    QHeaderView.ResizeMode.ResizeToContents)
        self.default_button = button(self.tr("Restore the defaults of this row"),
                                     "restorePolicyButton", self.restore_defaults)

        self.extension_spin = QSpinBox()
        self.extension_spin.setObjectName("extensionCapSpin")
        self.extension_spin.setRange(1, 60)
        self.extension_spin.setSuffix(self.tr(" working days"))
        self.attempts_spin = QSpinBox()
        self.attempts_spin.setObjectName("callbackAttemptsSpin")
        self.attempts_spin.setRange(1, 10)
        self.end_edit = QTimeEdit()
        self.end_edit.setObjectName("endOfDayEdit")
        self.end_edit.setDisplayFormat("HH:mm:ss")
        self.save_rules_button = button(self.tr("Save rules"), "saveRulesButton",
                                        self.save_rules)
        rules = QGroupBox(self.tr("Desk rules"))
        rules.setObjectName("rulesBox")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Total extension per assignment at most:"), self.extension_spin)
        form.addRow(self.tr("Callback attempts before closing as not reached:"),
                    self.attempts_spin)
        form.addRow(self.tr("A working day ends at:"), self.end_edit)
        rules_layout = QHBoxLayout(rules)
        rules_layout.addLayout(form)
        rules_layout.addStretch(1)
        rules_layout.addWidget(self.save_rules_button, 0, Qt.AlignmentFlag.AlignBottom)

        layout = QVBoxLayout(self)
        layout.addWidget(hint(self.tr(
            "Double-click a limit to change it; it applies to orders dispatched from then on. "
            "Working-day limits end at the end of the N-th working day after the start (the "
            "start day never counts); hours and minutes are natural time that holidays do "
            "not stop. Bold: changed from the default.")))
        layout.addWidget(self.view, 1)
        layout.addLayout(button_row(self.default_button))
        layout.addWidget(rules)

    @Slot()
    def reload(self) -> None:
        ctx = self._ctx

        def work() -> tuple[list[TimeLimitPolicy], DeskRules]:
            return admin.policies(ctx.uow(write=False)), admin.desk_rules(ctx.uow(write=False))

        ctx.read(work, self._show, parent=self)

    def _show(self, data: tuple[list[TimeLimitPolicy], DeskRules]) -> None:
        policies, rules = data
        current = self.view.currentIndex()
        self.model.set_policies(policies)
        self.view.clearSpans()
        for row in range(0, len(policies), len(Urgency)):
            self.view.setSpan(row, PolicyModel.TYPE, len(Urgency), 1)
        if current.isValid():
            self.view.setCurrentIndex(self.model.index(current.row(), current.column()))
        self.extension_spin.setValue(rules.extension_cap_days)
        self.attempts_spin.setValue(rules.callback_max_attempts)
        end = rules.end_of_day
        self.end_edit.setTime(QTime(end.hour, end.minute, end.second))

    @Slot(object)
    def _save_policy(self, policy: TimeLimitPolicy) -> None:
        ctx = self._ctx
        ctx.read(lambda: admin.set_policy(ctx.uow(), ctx.actor, policy),
                 lambda _none: ctx.bus.reference_changed.emit(), parent=self,
                 on_error=self._refused)

    def _refused(self, exc: BaseException) -> None:
        self._ctx.prompts.error(self, exc)
        self.reload()

    @Slot()
    def restore_defaults(self) -> None:
        policy = self.model.policy(self.view.currentIndex().row())
        if policy is None:
            return
        ctx = self._ctx
        default = default_policy(policy.request_type, policy.urgency)
        write(ctx, self, lambda: admin.set_policy(ctx.uow(), ctx.actor, default))

    @Slot()
    def save_rules(self) -> None:
        ctx = self._ctx
        end = self.end_edit.time()
        rules = DeskRules(extension_cap_days=self.extension_spin.value(),
                          callback_max_attempts=self.attempts_spin.value(),
                          end_of_day=time(end.hour(), end.minute(), end.second()))
        write(ctx, self, lambda: admin.set_rules(ctx.uow(), ctx.actor, rules))
