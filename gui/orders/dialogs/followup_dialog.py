"""After an unsatisfied callback: reopen the order (重办, back to dispatch) or close it with
the reason it is not reopened. Both need a reason."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QRadioButton, QWidget

from core import services
from core.order_view import OrderDetail
from gui.context import DeskContext
from gui.orders.dialogs.base import ActionDialog, Command, note_label, text_box


class FollowUpDialog(ActionDialog):
    def __init__(self, ctx: DeskContext, detail: OrderDetail, reopen: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setWindowTitle(self.tr("Unsatisfied callback: {ticket}").format(
            ticket=detail.ticket_no))
        self._order_id = detail.id
        last = detail.callbacks[-1] if detail.callbacks else None
        if last is not None:
            self.form.addRow(self.tr("Callback"), note_label(last.note or "—", "callbackNote"))
        self.reopen_radio = QRadioButton(self.tr("Re&open: dispatch the order again"))
        self.reopen_radio.setObjectName("reopenRadio")
        self.close_radio = QRadioButton(self.tr("&Close with a reason"))
        self.close_radio.setObjectName("closeRadio")
        group = QButtonGroup(self)
        group.addButton(self.reopen_radio)
        group.addButton(self.close_radio)
        (self.reopen_radio if reopen else self.close_radio).setChecked(True)
        row = QHBoxLayout()
        row.addWidget(self.reopen_radio)
        row.addWidget(self.close_radio)
        row.addStretch(1)
        self.form.addRow(self.tr("Next step"), row)
        self.reason_edit = text_box("reasonEdit", self.tr("Why the order is reopened or closed"))
        self.form.addRow(self.tr("Reason"), self.reason_edit)
        self.reason_edit.setFocus()

    def reopen(self) -> bool:
        return self.reopen_radio.isChecked()

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def validate(self) -> str | None:
        return self.tr("Please give the reason.") if not self.reason() else None

    def command(self) -> Command:
        service = services.reopen if self.reopen() else services.close
        return service, (self._order_id, self.reason()), {}
