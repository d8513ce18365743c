"""审核: a supervisor approves or rejects a return or extension request.

Approving a lead department's return sends the order back to dispatch (its assisting
assignments are cancelled); approving an extension moves the reply due, shown here before
deciding. Rejecting needs a reason; an approval's note is optional.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QRadioButton, QWidget

from core import services
from core.order_view import ExtensionOutlook, OrderDetail, RequestView, extension_outlook
from gui import fmt
from gui.context import DeskContext
from gui.orders.dialogs.base import ActionDialog, Command, note_label, text_box
from gui.orders.guard import alive


class DecideDialog(ActionDialog):
    """``request.days`` is None for a return request, the working days for an extension."""

    def __init__(self, ctx: DeskContext, detail: OrderDetail, request: RequestView,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self._request = request
        self._outlook: ExtensionOutlook | None = None
        is_return = request.days is None
        if is_return:
            self.setWindowTitle(self.tr("Decide on a return: {ticket}").format(
                ticket=detail.ticket_no))
        else:
            self.setWindowTitle(self.tr("Decide on an extension: {ticket}").format(
                ticket=detail.ticket_no))
        assignment = next((a for a in detail.assignments if a.id == request.assignment_id), None)
        self.form.addRow(self.tr("Department"), note_label(request.department))
        self.form.addRow(self.tr("Requested"), note_label(self.tr("{time} by {user}").format(
            time=fmt.local(request.requested_at), user=request.requested_by)))
        self.form.addRow(self.tr("Reason"), note_label(request.reason, "requestReason"))
        self.effect_label = note_label("", "decisionEffect")
        if is_return:
            if assignment is not None and assignment.lead:
                self.effect_label.setText(self.tr(
                    "If approved, the order goes back for dispatch and its "
                    "assisting departments are cancelled; the return is charged to nobody."))
            else:
                self.effect_label.setText(self.tr(
                    "If approved, only this assisting department's assignment ends."))
        else:
            self.form.addRow(self.tr("Extension"), note_label(self.tr(
                "%n working day(s)", "", request.days or 0)))
            if assignment is not None:
                self.form.addRow(self.tr("Reply due now"),
                                 note_label(fmt.local(assignment.reply_due)))
            self.effect_label.setText(self.tr("Working out the new due…"))
            ctx.read(lambda: extension_outlook(ctx.uow(write=False), ctx.actor,
                                               request.assignment_id),
                     self._outlook_loaded, parent=self)
        self.form.addRow(self.tr("If approved"), self.effect_label)

        self.approve_radio = QRadioButton(self.tr("&Approve"))
        self.approve_radio.setObjectName("approveRadio")
        self.reject_radio = QRadioButton(self.tr("&Reject"))
        self.reject_radio.setObjectName("rejectRadio")
        self._group = QButtonGroup(self)
        self._group.addButton(self.approve_radio)
        self._group.addButton(self.reject_radio)
        self.approve_radio.setChecked(True)
        choice = QHBoxLayout()
        choice.addWidget(self.approve_radio)
        choice.addWidget(self.reject_radio)
        choice.addStretch(1)
        self.form.addRow(self.tr("Decision"), choice)
        self.note_edit = text_box("noteEdit", self.tr("Optional when approving; required when "
                                                      "rejecting"), 70)
        self.form.addRow(self.tr("Note"), self.note_edit)
        self.approve_radio.setFocus()

    def _outlook_loaded(self, outlook: ExtensionOutlook) -> None:
        if not alive(self):
            return
        self._outlook = outlook
        self._show_new_due()

    @Slot()
    def _show_new_due(self) -> None:
        if self._outlook is not None and self._request.days:
            new_due = self._outlook.new_reply_due(self._request.days)
            self.effect_label.setText(self.tr("The reply due moves to {due}.").format(
                due=fmt.local(new_due)))

    def approve(self) -> bool:
        return self.approve_radio.isChecked()

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def validate(self) -> str | None:
        if not self.approve() and not self.note():
            return self.tr("Please give the reason for rejecting.")
        return None

    def command(self) -> Command:
        service = services.decide_return if self._request.days is None else (
            services.decide_extension)
        return service, (self._request.id, self.approve(), self.note()), {}
