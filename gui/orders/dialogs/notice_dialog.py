"""催办 / 督办: a supervisor's reminder or formal supervision notice to one department."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QRadioButton, QWidget

from core import services
from core.model import NoticeKind
from core.order_view import AssignmentView, OrderDetail
from gui import fmt
from gui.context import DeskContext
from gui.orders.dialogs.base import ActionDialog, Command, note_label, text_box


class NoticeDialog(ActionDialog):
    def __init__(self, ctx: DeskContext, detail: OrderDetail, assignment: AssignmentView,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setWindowTitle(self.tr("Remind or supervise: {ticket}").format(
            ticket=detail.ticket_no))
        self._assignment = assignment
        self.form.addRow(self.tr("Department"), note_label(assignment.department))
        self.form.addRow(self.tr("State"), note_label(fmt.label(assignment.state, ctx.language)))
        self.form.addRow(self.tr("Reply due"), note_label(fmt.local(assignment.reply_due)))
        self.reminder_radio = QRadioButton(fmt.label(NoticeKind.REMINDER, ctx.language))
        self.reminder_radio.setObjectName("reminderRadio")
        self.supervision_radio = QRadioButton(fmt.label(NoticeKind.SUPERVISION, ctx.language))
        self.supervision_radio.setObjectName("supervisionRadio")
        group = QButtonGroup(self)
        group.addButton(self.reminder_radio)
        group.addButton(self.supervision_radio)
        self.reminder_radio.setChecked(True)
        kinds = QHBoxLayout()
        kinds.addWidget(self.reminder_radio)
        kinds.addWidget(self.supervision_radio)
        kinds.addStretch(1)
        self.form.addRow(self.tr("Kind"), kinds)
        self.text_edit = text_box("noticeEdit", self.tr("What the department must do, by when"))
        self.form.addRow(self.tr("Text"), self.text_edit)
        self.text_edit.setFocus()

    def kind(self) -> NoticeKind:
        return NoticeKind.SUPERVISION if self.supervision_radio.isChecked() else (
            NoticeKind.REMINDER)

    def text(self) -> str:
        return self.text_edit.toPlainText().strip()

    def validate(self) -> str | None:
        return self.tr("Please write the notice.") if not self.text() else None

    def command(self) -> Command:
        return services.issue_notice, (self._assignment.id,), {"kind": self.kind(),
                                                                "text": self.text()}
