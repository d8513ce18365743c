"""延期申请: a number of working days and a reason, with the new reply due shown before sending.

The new due is what ``core.lifecycle.decide_extension`` will set if a supervisor approves:
the end of the N-th working day after the reply due in force, on the centre's calendar
(``core.order_view.extended_reply_due``). The calendar is read once in the background when
the dialog opens; the preview is then computed on the spot as the days change.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QSpinBox, QWidget

from core import services
from core.order_view import AssignmentView, ExtensionOutlook, OrderDetail, extension_outlook
from gui import fmt
from gui.context import DeskContext
from gui.orders.dialogs.base import ActionDialog, Command, note_label, text_box
from gui.orders.guard import alive

MAX_DAYS = 366


class ExtensionDialog(ActionDialog):
    def __init__(self, ctx: DeskContext, detail: OrderDetail, assignment: AssignmentView,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setWindowTitle(self.tr("Request an extension: {ticket}").format(
            ticket=detail.ticket_no))
        self._assignment = assignment
        self._outlook: ExtensionOutlook | None = None
        self.form.addRow(self.tr("Department"), note_label(assignment.department))
        self.form.addRow(self.tr("Reply due now"), note_label(fmt.local(assignment.reply_due),
                                                              "currentDue"))
        self.days_spin = QSpinBox()
        self.days_spin.setObjectName("daysSpin")
        self.days_spin.setRange(1, MAX_DAYS)
        self.days_spin.setValue(3)
        self.days_spin.setSuffix(self.tr(" working day(s)"))
        self.form.addRow(self.tr("Extend by"), self.days_spin)
        self.allowance_label = note_label("", "allowanceLabel")
        self.form.addRow("", self.allowance_label)
        self.new_due_label = note_label(self.tr("Working out the new due…"), "newDueLabel")
        self.new_due_label.setStyleSheet("QLabel { font-weight: bold; }")
        self.form.addRow(self.tr("New reply due"), self.new_due_label)
        self.reason_edit = text_box("reasonEdit", self.tr("Why more time is needed"))
        self.form.addRow(self.tr("Reason"), self.reason_edit)
        self.days_spin.valueChanged.connect(self._preview)
        self.days_spin.setFocus()
        self.days_spin.selectAll()
        ctx.read(lambda: extension_outlook(ctx.uow(write=False), ctx.actor, assignment.id),
                 self._outlook_loaded, parent=self)

    def _outlook_loaded(self, outlook: ExtensionOutlook) -> None:
        if not alive(self):
            return
        self._outlook = outlook
        self.allowance_label.setText(self.tr(
            "Extensions are capped at {cap} working days per assignment; {used} already "
            "granted, at most {left} more.").format(
                cap=outlook.cap_days, used=outlook.extension_days, left=outlook.days_left))
        self._preview()

    @Slot()
    def _preview(self) -> None:
        if self._outlook is None:
            return
        new_due = self._outlook.new_reply_due(self.days_spin.value())
        self.new_due_label.setText(self.tr("{due} (if approved)").format(due=fmt.local(new_due)))

    def new_due_text(self) -> str:
        return self.new_due_label.text()

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def validate(self) -> str | None:
        if self._outlook is not None and self.days_spin.value() > self._outlook.days_left:
            return self.tr("At most {left} more working day(s) can be asked for.").format(
                left=self._outlook.days_left)
        if not self.reason():
            return self.tr("Please give the reason for the extension.")
        return None

    def command(self) -> Command:
        return services.request_extension, (self._assignment.id, self.days_spin.value(),
                                            self.reason()), {}
