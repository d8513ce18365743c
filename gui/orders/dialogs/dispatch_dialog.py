"""派单: choose the lead department and any assisting departments (``services.dispatch``).

The lead starts at the category's routing rule, unless that department just returned the
order; departments that returned it are marked. The time limits follow the policy.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QListWidgetItem, QWidget

from core import services
from core.model import RequestStatus
from core.order_view import OrderDetail
from core.queries import ListChoices, list_choices
from gui.context import DeskContext
from gui.orders.dialogs.base import ActionDialog, Command, note_label
from gui.orders.guard import alive

MAX_NOTE = 2000


class DispatchDialog(ActionDialog):
    def __init__(self, ctx: DeskContext, detail: OrderDetail,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setWindowTitle(self.tr("Dispatch: {ticket}").format(ticket=detail.ticket_no))
        self._detail = detail
        self._returned = {r.department for r in detail.returns
                          if r.status is RequestStatus.APPROVED}
        self.form.addRow(self.tr("Category"), note_label(detail.category or self.tr("(none)")))
        if detail.returns:
            last = detail.returns[-1]
            self.form.addRow(self.tr("Last return"), note_label(self.tr(
                "{dept}: {reason}").format(dept=last.department, reason=last.reason),
                "lastReturn"))
        self.lead_box = QComboBox()
        self.lead_box.setObjectName("leadBox")
        self.form.addRow(self.tr("&Lead department"), self.lead_box)
        self.assisting_list = QListWidget()
        self.assisting_list.setObjectName("assistingList")
        self.assisting_list.setMaximumHeight(140)
        self.form.addRow(self.tr("&Assisting"), self.assisting_list)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setMaxLength(MAX_NOTE)
        self.note_edit.setPlaceholderText(self.tr("Optional instructions for the departments"))
        self.form.addRow(self.tr("Note"), self.note_edit)
        self.lead_box.currentIndexChanged.connect(self._lead_changed)
        self.ok_button.setEnabled(False)
        ctx.read(lambda: list_choices(ctx.uow(write=False)), self._choices_loaded, parent=self)

    def _choices_loaded(self, choices: ListChoices) -> None:
        if not alive(self):
            return
        default = next((c.default_department_id for c in choices.categories
                        if c.id == self._detail.category_id), None)
        default_name = next((d.name for d in choices.departments if d.id == default), None)
        if default_name in self._returned:
            default = None
        self.lead_box.blockSignals(True)
        self.lead_box.addItem(self.tr("Choose a department"), None)
        for d in choices.departments:
            text = d.name
            if d.name in self._returned:
                text = self.tr("{dept} (returned it)").format(dept=d.name)
            self.lead_box.addItem(text, d.id)
            item = QListWidgetItem(d.name, self.assisting_list)
            item.setData(Qt.ItemDataRole.UserRole, d.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        found = self.lead_box.findData(default) if default is not None else 0
        self.lead_box.setCurrentIndex(max(found, 0))
        self.lead_box.blockSignals(False)
        self._lead_changed()
        self.ok_button.setEnabled(True)
        self.lead_box.setFocus()

    @Slot()
    def _lead_changed(self) -> None:
        lead = self.lead_box.currentData()
        for i in range(self.assisting_list.count()):
            item = self.assisting_list.item(i)
            is_lead = item.data(Qt.ItemDataRole.UserRole) == lead
            flags = item.flags()
            if is_lead:
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setFlags(flags & ~Qt.ItemFlag.ItemIsEnabled)
            else:
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled)

    def choose_lead(self, department_id: int) -> None:
        self.lead_box.setCurrentIndex(self.lead_box.findData(department_id))

    def set_assisting(self, department_ids: set[int]) -> None:
        for i in range(self.assisting_list.count()):
            item = self.assisting_list.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in department_ids
            if item.flags() & Qt.ItemFlag.ItemIsEnabled:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def assisting(self) -> list[int]:
        chosen = []
        for i in range(self.assisting_list.count()):
            item = self.assisting_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.append(item.data(Qt.ItemDataRole.UserRole))
        return chosen

    def validate(self) -> str | None:
        if self.lead_box.currentData() is None:
            return self.tr("Please choose the lead department.")
        return None

    def command(self) -> Command:
        return (services.dispatch, (self._detail.id, self.lead_box.currentData(),
                                    self.assisting()), {"note": self.note_edit.text().strip()})
