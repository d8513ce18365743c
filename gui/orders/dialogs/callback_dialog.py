"""回访: record one callback to the citizen and its outcome.

满意 and 基本满意 close the order; 未接通 is retried up to the centre's limit; 不满意 waits for
a supervisor to reopen the order or close it with a reason. The departments' replies are
shown so the operator can read them to the caller.
"""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QRadioButton, QWidget

from core import services
from core.model import CallbackOutcome
from core.order_view import OrderDetail
from gui import fmt
from gui.context import DeskContext
from gui.orders.dialogs.base import ActionDialog, Command, note_label, text_box


class CallbackDialog(ActionDialog):
    def __init__(self, ctx: DeskContext, detail: OrderDetail,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setWindowTitle(self.tr("Callback: {ticket}").format(ticket=detail.ticket_no))
        self._order_id = detail.id
        caller = detail.caller_name or self.tr("(no name)")
        self.form.addRow(self.tr("Caller"), note_label(f"{caller}  {detail.caller_phone}"))
        replies = [r for r in detail.replies if not r.rejected]
        text = "\n".join(f"{r.department}：{r.text}" for r in replies[-3:])
        self.form.addRow(self.tr("Replies"), note_label(text or self.tr("(none)"), "replyText"))
        if detail.callback_attempts:
            self.form.addRow("", note_label(self.tr(
                "Not reached %n time(s) so far.", "", detail.callback_attempts)))
        self.outcome_radios: dict[CallbackOutcome, QRadioButton] = {}
        group = QButtonGroup(self)
        row = QHBoxLayout()
        for i, outcome in enumerate(CallbackOutcome, 1):
            radio = QRadioButton(f"&{i} {fmt.label(outcome, ctx.language)}")
            radio.setObjectName(f"outcome_{outcome.value}")
            group.addButton(radio)
            row.addWidget(radio)
            self.outcome_radios[outcome] = radio
        row.addStretch(1)
        self.form.addRow(self.tr("Outcome"), row)
        self.note_edit = text_box("noteEdit", self.tr("What the caller said"), 70)
        self.form.addRow(self.tr("Note"), self.note_edit)

    def choose(self, outcome: CallbackOutcome) -> None:
        self.outcome_radios[outcome].setChecked(True)

    def outcome(self) -> CallbackOutcome | None:
        return next((o for o, r in self.outcome_radios.items() if r.isChecked()), None)

    def validate(self) -> str | None:
        if self.outcome() is None:
            return self.tr("Please choose the outcome of the callback.")
        if self.outcome() is CallbackOutcome.UNSATISFIED and not self.note_edit.toPlainText(
        ).strip():
            return self.tr("Please note why the caller is unsatisfied.")
        return None

    def command(self) -> Command:
        return services.record_callback, (self._order_id, self.outcome(),
                                          self.note_edit.toPlainText().strip()), {}
