"""The dispatch step (派单): the lead department (the category's routing rule pre-selected),
any assisting departments, and the sign-for and reply deadlines the dispatch will set.

The deadlines come from :func:`core.routing.preview_deadlines`, read before the dialog opens.
Keyboard: Tab moves lead → assisting list (Space ticks a department) → note → buttons; Enter
dispatches from anywhere, Esc cancels. Nothing is stored here: the page registers and
dispatches after ``accepted``.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.calendar import Limit
from core.routing import CategoryNode, DeadlinePreview, RegistrationChoices
from gui import fmt

_DUE_STYLE = "QLabel { font-weight: bold; color: #0958d9; }"
_WARNING_STYLE = "QLabel { color: #d46b08; }"


class DispatchDialog(QDialog):
    def __init__(
        self,
        choices: RegistrationChoices,
        category: CategoryNode,
        title: str,
        preview: DeadlinePreview,
        suggested_id: int | None,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dispatchDialog")
        self.setWindowTitle(self.tr("Dispatch"))
        self.setMinimumWidth(520)
        self._choices = choices
        self._language = language

        summary = QLabel(title)
        summary.setObjectName("dispatchSummary")
        summary.setWordWrap(True)
        summary.setTextFormat(Qt.TextFormat.PlainText)
        kind = QLabel(self.tr("{type}, {urgency}").format(
            type=fmt.label(preview.request_type, language),
            urgency=fmt.label(preview.urgency, language)))
        kind.setObjectName("dispatchKind")
        where = QLabel(" › ".join(category.path))
        where.setWordWrap(True)

        self.lead_combo = QComboBox()
        self.lead_combo.setObjectName("leadCombo")
        for dept in choices.departments:
            self.lead_combo.addItem(dept.name, dept.id)
        suggested = self.lead_combo.findData(suggested_id) if suggested_id is not None else -1
        self.lead_combo.setCurrentIndex(max(suggested, 0))
        self.suggestion_label = QLabel(
            self.tr("Suggested by the category's routing rule.") if suggested >= 0
            else self.tr("The category has no routing rule; choose the lead department."))
        self.suggestion_label.setObjectName("suggestionLabel")
        self.suggestion_label.setStyleSheet("" if suggested >= 0 else _WARNING_STYLE)

        self.assisting_list = QListWidget()
        self.assisting_list.setObjectName("assistingList")
        self.assisting_list.setMaximumHeight(130)
        for dept in choices.departments:
            item = QListWidgetItem(dept.name)
            item.setData(Qt.ItemDataRole.UserRole, dept.id)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.assisting_list.addItem(item)
        if self.assisting_list.count():
            self.assisting_list.setCurrentRow(0)

        self.sign_label = QLabel(self._due_text(preview.sign_due.at, preview.sign_limit))
        self.sign_label.setObjectName("signDueLabel")
        self.reply_label = QLabel(self._due_text(preview.reply_due.at, preview.reply_limit))
        self.reply_label.setObjectName("replyDueLabel")
        for label in (self.sign_label, self.reply_label):
            label.setStyleSheet(_DUE_STYLE)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fallback_label = QLabel(self.tr(
            "No holiday data for {years}: working days are counted Monday to Friday, so the "
            "dates are an estimate.").format(
                years=", ".join(str(y) for y in sorted(preview.fallback_years))))
        self.fallback_label.setObjectName("fallbackLabel")
        self.fallback_label.setStyleSheet(_WARNING_STYLE)
        self.fallback_label.setWordWrap(True)
        self.fallback_label.setVisible(preview.uses_fallback)

        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setPlaceholderText(self.tr("Optional note to the departments"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Dispatch"))
        ok.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Order:"), summary)
        form.addRow(self.tr("Category:"), where)
        form.addRow(self.tr("Type and urgency:"), kind)
        form.addRow(self.tr("&Lead department:"), self.lead_combo)
        form.addRow("", self.suggestion_label)
        form.addRow(self.tr("&Assisting:"), self.assisting_list)
        form.addRow(self.tr("Sign-for due:"), self.sign_label)
        form.addRow(self.tr("Reply due:"), self.reply_label)
        form.addRow("", self.fallback_label)
        form.addRow(self.tr("&Note:"), self.note_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.setTabOrder(self.lead_combo, self.assisting_list)
        self.setTabOrder(self.assisting_list, self.note_edit)
        self.setTabOrder(self.note_edit, ok)
        self.lead_combo.currentIndexChanged.connect(self._lead_changed)
        self._lead_changed()
        self.lead_combo.setFocus()

    def _due_text(self, at: datetime, limit: Limit) -> str:
        described = limit.describe_en() if self._language == "en" else limit.describe_zh()
        return self.tr("{due} ({limit})").format(due=fmt.local(at), limit=described)

    @Slot()
    def _lead_changed(self) -> None:
        """The lead cannot assist itself: its row in the list is unticked and disabled."""
        lead = self.lead_id()
        for i in range(self.assisting_list.count()):
            item = self.assisting_list.item(i)
            flags = item.flags()
            if item.data(Qt.ItemDataRole.UserRole) == lead:
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setFlags(flags & ~Qt.ItemFlag.ItemIsEnabled)
            else:
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled)

    def lead_id(self) -> int | None:
        value = self.lead_combo.currentData()
        return value if isinstance(value, int) else None

    def assisting_ids(self) -> list[int]:
        lead = self.lead_id()
        found = []
        for i in range(self.assisting_list.count()):
            item = self.assisting_list.item(i)
            dept = item.data(Qt.ItemDataRole.UserRole)
            if item.checkState() == Qt.CheckState.Checked and dept != lead:
                found.append(dept)
        return found

    def set_assisting(self, department_ids: list[int]) -> None:
        for i in range(self.assisting_list.count()):
            item = self.assisting_list.item(i)
            wanted = item.data(Qt.ItemDataRole.UserRole) in department_ids
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
        self._lead_changed()

    def note(self) -> str:
        return self.note_edit.text()
