"""修改/补充: complete or correct an order before it goes to a department (``services.revise``).

An order that arrived in writing (an import, a feed) comes without a category; here the operator
picks one (the registration form's category search, pinyin included) and corrects the request
type, urgency, title or address. Only what the user changed is sent; the service records each
change old → new in the timeline.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from core import services
from core.model import RequestType, Urgency
from core.order_view import OrderDetail
from core.routing import RegistrationChoices
from core.validation import MAX_ADDRESS, MAX_TITLE
from gui import fmt
from gui.context import DeskContext
from gui.orders.dialogs.base import ActionDialog, Command, note_label
from gui.orders.guard import alive
from gui.register.category_picker import CategoryPicker, load_choices


class ReviseDialog(ActionDialog):
    """``intro`` (optional) says why the dialog opened, e.g. a dispatch that needs a category."""

    def __init__(self, ctx: DeskContext, detail: OrderDetail, parent: QWidget | None = None,
                 *, intro: str = "") -> None:
        super().__init__(ctx, "", parent)
        self.setWindowTitle(self.tr("Revise: {ticket}").format(ticket=detail.ticket_no))
        self.setMinimumWidth(560)
        self._detail = detail
        lang = ctx.language
        if intro:
            self.form.addRow(note_label(intro, "reviseIntro"))
        self.form.addRow(self.tr("Current category"), note_label(
            detail.category or self.tr("(none)"), "currentCategory"))
        self.category = CategoryPicker()
        self.form.addRow(self.tr("&Category"), self.category)
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("requestTypeCombo")
        for rt in RequestType:
            self.type_combo.addItem(fmt.label(rt, lang), rt.value)
        self.type_combo.setCurrentIndex(self.type_combo.findData(detail.request_type.value))
        self.form.addRow(self.tr("Request &type"), self.type_combo)
        self.urgency_combo = QComboBox()
        self.urgency_combo.setObjectName("urgencyCombo")
        for u in Urgency:
            self.urgency_combo.addItem(fmt.label(u, lang), u.value)
        self.urgency_combo.setCurrentIndex(self.urgency_combo.findData(detail.urgency.value))
        self.form.addRow(self.tr("&Urgency"), self.urgency_combo)
        self.title_edit = QLineEdit(detail.title)
        self.title_edit.setObjectName("titleEdit")
        self.title_edit.setMaxLength(MAX_TITLE)
        self.form.addRow(self.tr("T&itle"), self.title_edit)
        self.address_edit = QLineEdit(detail.address)
        self.address_edit.setObjectName("addressEdit")
        self.address_edit.setMaxLength(MAX_ADDRESS)
        self.form.addRow(self.tr("A&ddress"), self.address_edit)
        self.category.picked.connect(self.type_combo.setFocus)
        self.ok_button.setEnabled(False)
        ctx.read(lambda: load_choices(ctx.uow(write=False)), self._choices_loaded,
                 parent=self)

    def _choices_loaded(self, choices: RegistrationChoices) -> None:
        if not alive(self):
            return
        self.category.set_choices(choices)
        self.category.set_category(self._detail.category_id)
        self.ok_button.setEnabled(True)
        self.category.setFocus()

    # --- what changed ---------------------------------------------------------------------------

    def changes(self) -> dict[str, Any]:
        """The service's keyword arguments for the fields that differ from the order's."""
        d = self._detail
        out: dict[str, Any] = {}
        category = self.category.category_id()
        if category is not None and category != d.category_id:
            out["category_id"] = category
        request_type = RequestType(self.type_combo.currentData())
        if request_type is not d.request_type:
            out["request_type"] = request_type
        urgency = Urgency(self.urgency_combo.currentData())
        if urgency is not d.urgency:
            out["urgency"] = urgency
        if self.title_edit.text().strip() != d.title:
            out["title"] = self.title_edit.text()
        if self.address_edit.text().strip() != d.address:
            out["address"] = self.address_edit.text()
        return out

    def validate(self) -> str | None:
        if not self.title_edit.text().strip():
            return self.tr("The title must not be empty.")
        if not self.changes():
            if self._detail.category_id is None:
                return self.tr("Choose a category (a third-level leaf).")
            return self.tr("Nothing was changed.")
        return None

    def command(self) -> Command:
        return (services.revise, (self._detail.id,), self.changes())
