"""How the timeline reads a revision (修改/补充) and the 舆情 events: assessment, responses and
the scheduler's warnings. Values come from the event's payload; names through ``gui.fmt``.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from PySide6.QtCore import QCoreApplication

from core.model import EventKind, OpinionClock, OpinionRisk, RequestType, Urgency
from core.order_view import EventView
from gui import fmt


def payload_time(value: object) -> str:
    """An ISO instant from an event payload, shown in Asia/Shanghai ("" when absent)."""
    if not isinstance(value, str) or not value:
        return ""
    try:
        return fmt.local(datetime.fromisoformat(value))
    except ValueError:
        return value


def _member(enum: type[StrEnum], value: object, language: str) -> str:
    try:
        return fmt.label(enum(str(value)), language)
    except ValueError:
        return str(value or "")


def describe_event(event: EventView, language: str) -> str:
    p, k = event.payload, event.kind
    if k is EventKind.REVISED:
        return _revised(p, language)
    if k is EventKind.OPINION_ASSESSED:
        return _assessed(p, language)
    if k is EventKind.OPINION_RESPONDED:
        text = QCoreApplication.translate("EventText", "{clock} published {at} via {channel}")
        text = text.format(clock=_member(OpinionClock, p.get("clock"), language),
                           at=payload_time(p.get("at")), channel=p.get("channel", ""))
        if p.get("on_time"):
            text += QCoreApplication.translate("EventText", " (on time)")
        else:
            text += QCoreApplication.translate("EventText", " (late)")
        if p.get("link"):
            text += "\n" + str(p["link"])
        if p.get("previous_at"):
            text += "\n" + QCoreApplication.translate("EventText", "corrects {at}").format(
                at=payload_time(p.get("previous_at")))
        return text
    if k is EventKind.OPINION_WARNING:
        if p.get("level") == "red":
            level = QCoreApplication.translate("EventText", "overdue")
        else:
            level = QCoreApplication.translate("EventText", "due soon")
        return QCoreApplication.translate("EventText", "{clock} {level}: due {due}").format(
            clock=_member(OpinionClock, p.get("clock"), language), level=level,
            due=payload_time(p.get("due")))
    return ""


def _assessed(p: dict[str, object], language: str) -> str:
    dues = p.get("dues")
    clocks = QCoreApplication.translate("EventText", "; ").join(
        QCoreApplication.translate("EventText", "{clock} by {due}").format(
            clock=_member(OpinionClock, c, language), due=payload_time(d))
        for c, d in (dues.items() if isinstance(dues, dict) else ()))
    text = QCoreApplication.translate(
        "EventText", "Risk level {level}; department {department}; {clocks}").format(
        level=_member(OpinionRisk, p.get("risk_level"), language),
        department=p.get("department", ""), clocks=clocks)
    if p.get("note"):
        text += "\n" + QCoreApplication.translate("EventText", "Note: {note}").format(
            note=p["note"])
    return text


def _revised(p: dict[str, object], language: str) -> str:
    changes = p.get("changes")
    if not isinstance(changes, dict):
        return ""
    names = {
        "category_id": QCoreApplication.translate("EventText", "Category"),
        "request_type": QCoreApplication.translate("EventText", "Request type"),
        "urgency": QCoreApplication.translate("EventText", "Urgency"),
        "title": QCoreApplication.translate("EventText", "Title"),
        "address": QCoreApplication.translate("EventText", "Address"),
        "caller_name": QCoreApplication.translate("EventText", "Caller name"),
    }
    none = QCoreApplication.translate("EventText", "(none)")
    lines = []
    for field, change in changes.items():
        if not isinstance(change, dict):
            continue
        old, new = change.get("old"), change.get("new")
        if field == "category_id":
            old, new = change.get("old_name"), change.get("new_name")
        elif field == "request_type":
            old, new = _member(RequestType, old, language), _member(RequestType, new, language)
        elif field == "urgency":
            old, new = _member(Urgency, old, language), _member(Urgency, new, language)
        lines.append(QCoreApplication.translate("EventText", "{field}: {old} → {new}").format(
            field=names.get(field, field), old=old or none, new=new or none))
    return "\n".join(lines)
