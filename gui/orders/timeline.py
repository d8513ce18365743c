"""How one timeline event reads: who, the state change, and a line about what happened.

Event kinds and states are named through ``gui.fmt.label``; the details come from the event's
payload (reasons, days, the old and new due, the callback outcome, a notice's kind and text).
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QObject

from core.model import CallbackOutcome, EventKind, NoticeKind
from core.order_view import EventView, OrderDetail
from gui import fmt
from gui.orders.event_text import describe_event, payload_time


def state_change(event: EventView, language: str) -> str:
    to = fmt.label(event.to_state, language)
    if event.from_state is None or event.from_state == event.to_state:
        return to
    return f"{fmt.label(event.from_state, language)} → {to}"


def dwell(event: EventView, detail: OrderDetail) -> timedelta | None:
    """How long the department had held the assignment when this event ended it."""
    if event.kind not in (EventKind.REPLIED, EventKind.RETURN_APPROVED):
        return None
    a = next((a for a in detail.assignments if a.id == event.assignment_id), None)
    return None if a is None else max(event.at - a.dispatched_at, timedelta(0))


class TimelineText(QObject):
    """Translated wording of events; create on the GUI thread."""

    def __init__(self, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language

    def who(self, event: EventView) -> str:
        return event.actor or self.tr("System")

    def describe(self, event: EventView, detail: OrderDetail) -> str:
        """One line (or a few) about the event."""
        p, k = event.payload, event.kind
        if k is EventKind.REGISTERED:
            return self.tr("Channel: {channel}").format(channel=detail.channel)
        if k is EventKind.DISPATCHED:
            return self._dispatched(p)
        if k is EventKind.SIGNED:
            return self.tr("on time") if p.get("on_time", True) else self.tr("signed late")
        if k in (EventKind.RETURN_REQUESTED, EventKind.CLOSED, EventKind.REPLY_REJECTED):
            return self.tr("Reason: {reason}").format(reason=p.get("reason", ""))
        if k is EventKind.RETURN_APPROVED:
            text = self._note(p)
            if p.get("lead") and p.get("cancelled"):
                text += ("\n" if text else "") + self.tr(
                    "The assisting departments were cancelled.")
            return text
        if k in (EventKind.RETURN_REJECTED, EventKind.EXTENSION_REJECTED):
            return self.tr("Reason for rejecting: {note}").format(note=p.get("note", ""))
        if k is EventKind.EXTENSION_REQUESTED:
            return self.tr("{days} working day(s); reason: {reason}").format(
                days=p.get("days", ""), reason=p.get("reason", ""))
        if k is EventKind.EXTENSION_APPROVED:
            text = self.tr("{days} working day(s): reply due {old} → {new}").format(
                days=p.get("days", ""), old=payload_time(p.get("old_reply_due")),
                new=payload_time(p.get("new_reply_due")))
            note = self._note(p)
            return text + ("\n" + note if note else "")
        if k is EventKind.REPLIED:
            text = str(p.get("text", ""))
            return text if p.get("on_time", True) else self.tr("(late) ") + text
        if k is EventKind.REPLY_ACCEPTED:
            return self.tr("Callback due {due}").format(due=payload_time(p.get("callback_due")))
        if k is EventKind.CALLBACK_RECORDED:
            return self._callback(p)
        if k is EventKind.REOPENED:
            return self.tr("Reason: {reason} (reopened {n} time(s))").format(
                reason=p.get("reason", ""), n=p.get("reopen_count", ""))
        if k is EventKind.CLOSED_DIRECTLY:
            return self.tr("Answer: {answer}").format(answer=p.get("answer", ""))
        if k is EventKind.LINKED_DUPLICATE:
            return self.tr("Duplicate of {ticket}").format(ticket=p.get("original_ticket", ""))
        if k is EventKind.DUPLICATE_CLOSED:
            return self.tr("Closed with its original {ticket}").format(
                ticket=p.get("original_ticket", ""))
        if k is EventKind.NOTICE_ISSUED:
            return self._notice(p)
        if k in (EventKind.REVISED, EventKind.OPINION_ASSESSED, EventKind.OPINION_RESPONDED,
                 EventKind.OPINION_WARNING):
            return describe_event(event, self._language)
        return ""

    def _note(self, p: dict[str, object]) -> str:
        return self.tr("Note: {note}").format(note=p["note"]) if p.get("note") else ""

    def _dispatched(self, p: dict[str, object]) -> str:
        role = self.tr("lead") if p.get("lead") else self.tr("assisting")
        text = self.tr("{role}; sign for by {sign}; reply by {reply}").format(
            role=role, sign=payload_time(p.get("sign_due")), reply=payload_time(p.get("reply_due")))
        if p.get("reply_due_set_by_hand"):
            text += self.tr(" (reply due set by hand)")
        note = self._note(p)
        return text + ("\n" + note if note else "")

    def _callback(self, p: dict[str, object]) -> str:
        try:
            outcome = fmt.label(CallbackOutcome(str(p.get("outcome"))), self._language)
        except ValueError:
            outcome = str(p.get("outcome", ""))
        text = outcome
        if p.get("outcome") == CallbackOutcome.NOT_REACHED.value:
            text = self.tr("{outcome} (attempt {n} of {max})").format(
                outcome=outcome, n=p.get("attempt", ""), max=p.get("max_attempts", ""))
        if p.get("note"):
            text += self.tr("; {note}").format(note=p["note"])
        return text

    def _notice(self, p: dict[str, object]) -> str:
        try:
            kind = fmt.label(NoticeKind(str(p.get("notice_kind"))), self._language)
        except ValueError:
            kind = str(p.get("notice_kind", ""))
        how = self.tr("automatic") if p.get("automatic") else self.tr("by hand")
        return self.tr("{kind} ({how}): {text}").format(kind=kind, how=how,
                                                         text=p.get("text", ""))
