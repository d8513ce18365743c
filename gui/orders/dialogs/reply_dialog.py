"""回复: a department's reply on its assignment.

The order counts as replied only when the lead and every assisting department of the current
round have replied (DOMAIN.md section 3). The lead's dialog therefore lists the assisting
departments with their reply status and says what its reply will do to the order.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from core import services
from core.model import AssignmentState
from core.order_view import AssignmentView, OrderDetail
from gui import fmt
from gui.context import DeskContext
from gui.orders.dialogs.base import ActionDialog, Command, note_label, text_box


class ReplyDialog(ActionDialog):
    def __init__(self, ctx: DeskContext, detail: OrderDetail, assignment: AssignmentView,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setWindowTitle(self.tr("Reply: {ticket}").format(ticket=detail.ticket_no))
        self._assignment = assignment
        role = self.tr("lead") if assignment.lead else self.tr("assisting")
        self.form.addRow(self.tr("Department"), note_label(
            self.tr("{dept} ({role})").format(dept=assignment.department, role=role)))
        self.form.addRow(self.tr("Reply due"), note_label(fmt.local(assignment.reply_due)))
        self.assisting_label = note_label("", "assistingStatus")
        self.explain_label = note_label("", "replyExplanation")
        self._waiting = 0
        assisting = [a for a in detail.current_assignments()
                     if not a.lead and a.state is not AssignmentState.CANCELLED]
        if assignment.lead and assisting:
            lines = [self._status_line(a) for a in assisting]
            self.assisting_label.setText("\n".join(lines))
            self.form.addRow(self.tr("Assisting departments"), self.assisting_label)
            self._waiting = sum(1 for a in assisting if a.state in (
                AssignmentState.AWAITING_SIGN, AssignmentState.IN_PROGRESS))
            if self._waiting:
                self.explain_label.setText(self.tr(
                    "The lead department replies last, after every assisting department: "
                    "%n assisting department(s) have not replied yet. Your reply can be sent "
                    "once they have.", "", self._waiting))
            else:
                self.explain_label.setText(self.tr(
                    "Every assisting department has replied: your reply completes the order's "
                    "reply and it goes to the hotline for review."))
            self.form.addRow(self.explain_label)
        elif not assignment.lead:
            self.explain_label.setText(self.tr(
                "You assist on this order; the lead department replies after every assisting "
                "department, and the replies together make the order's reply."))
            self.form.addRow(self.explain_label)
        self.text_edit = text_box("replyEdit", self.tr("What was done and the result"), 140)
        self.form.addRow(self.tr("Reply"), self.text_edit)
        self.text_edit.setFocus()

    def _status_line(self, a: AssignmentView) -> str:
        state = fmt.label(a.state, self._ctx.language)
        if a.replied_at is not None:
            return self.tr("{dept}: {state} at {time}").format(
                dept=a.department, state=state, time=fmt.local(a.replied_at))
        return self.tr("{dept}: {state}").format(dept=a.department, state=state)

    def text(self) -> str:
        return self.text_edit.toPlainText().strip()

    def validate(self) -> str | None:
        if self._waiting:
            return self.tr("Wait for the assisting departments' replies before the lead replies.")
        return self.tr("Please write the reply.") if not self.text() else None

    def command(self) -> Command:
        return services.reply, (self._assignment.id, self.text()), {}
