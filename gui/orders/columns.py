"""The columns of every order list: titles, sort keys, and how a row shows in each cell.

Colours follow the desk's warning levels (DOMAIN.md section 4): the due cell is yellow while
less than a quarter of the limit is left (临期) and red once it is past (超期); ``row.warning``
is computed by the query at load time. Orders waiting for a callback show their callback due
instead, red once it has passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from core.model import OrderState, Urgency
from core.queries import OrderRow, SortKey
from gui import fmt

YELLOW = QColor("#ffe58f")
RED = QColor("#ffa39e")
DUE_TEXT = QColor("#262626")
URGENT_TEXT = QColor("#d46b08")
CRITICAL_TEXT = QColor("#cf1322")


@dataclass(frozen=True)
class Column:
    key: str
    sort: SortKey
    width: int


COLUMNS: tuple[Column, ...] = (
    Column("ticket", SortKey.TICKET, 158),
    Column("registered", SortKey.REGISTERED_AT, 116),
    Column("channel", SortKey.CHANNEL, 90),
    Column("title", SortKey.TITLE, 120),  # at least; takes the room the others leave
    Column("category", SortKey.CATEGORY, 86),
    Column("request_type", SortKey.REQUEST_TYPE, 62),
    Column("urgency", SortKey.URGENCY, 62),
    Column("state", SortKey.STATE, 92),
    Column("departments", SortKey.DEPARTMENT, 140),
    Column("due", SortKey.DUE, 116),
)
DUE_COLUMN = len(COLUMNS) - 1
REGISTERED_COLUMN = 1


def column_of(sort: SortKey) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.sort is sort)


def column_title(key: str) -> str:
    return {
        "ticket": QCoreApplication.translate("OrderColumns", "Ticket no."),
        "registered": QCoreApplication.translate("OrderColumns", "Registered"),
        "channel": QCoreApplication.translate("OrderColumns", "Channel"),
        "title": QCoreApplication.translate("OrderColumns", "Title"),
        "category": QCoreApplication.translate("OrderColumns", "Category"),
        "request_type": QCoreApplication.translate("OrderColumns", "Request type"),
        "urgency": QCoreApplication.translate("OrderColumns", "Urgency"),
        "state": QCoreApplication.translate("OrderColumns", "State"),
        "departments": QCoreApplication.translate("OrderColumns", "Departments"),
        "due": QCoreApplication.translate("OrderColumns", "Reply due"),
    }[key]


def _shown_due(row: OrderRow) -> datetime | None:
    if row.due is None and row.state is OrderState.AWAITING_CALLBACK:
        return row.callback_due
    return row.due


def _warning(row: OrderRow, now: datetime) -> str:
    if row.due is None and row.state is OrderState.AWAITING_CALLBACK:
        return "red" if row.callback_due is not None and now > row.callback_due else "none"
    return row.warning


def cell_text(row: OrderRow, column: int, language: str) -> str:
    key = COLUMNS[column].key
    if key == "ticket":
        return row.ticket_no
    if key == "registered":
        return fmt.local(row.registered_at)
    if key == "channel":
        return row.channel
    if key == "title":
        return row.title
    if key == "category":
        return row.category
    if key == "request_type":
        return fmt.label(row.request_type, language)
    if key == "urgency":
        return fmt.label(row.urgency, language)
    if key == "state":
        text = fmt.label(row.state, language)
        if row.pending_requests:
            text += QCoreApplication.translate("OrderColumns", " · %n request(s) to decide", "",
                                               row.pending_requests)
        return text
    if key == "departments":
        return row.departments
    due = _shown_due(row)
    return fmt.local(due)


def cell_tooltip(row: OrderRow, column: int, now: datetime) -> str | None:
    key = COLUMNS[column].key
    if key == "title":
        return row.title
    if key == "departments":
        return row.departments or None
    if key != "due":
        return None
    if row.due is None and row.state is OrderState.AWAITING_CALLBACK:
        text = QCoreApplication.translate("OrderColumns", "Callback due")
        if _warning(row, now) == "red":
            text += QCoreApplication.translate("OrderColumns", " (overdue)")
        return text
    if row.warning == "red":
        return QCoreApplication.translate("OrderColumns", "Overdue")
    if row.warning == "yellow":
        return QCoreApplication.translate("OrderColumns", "Due soon: less than a quarter of "
                                          "the time limit is left")
    return None


def cell_background(row: OrderRow, column: int, now: datetime) -> QColor | None:
    if column != DUE_COLUMN:
        return None
    level = _warning(row, now)
    return RED if level == "red" else YELLOW if level == "yellow" else None


def cell_foreground(row: OrderRow, column: int, now: datetime) -> QColor | None:
    if column == DUE_COLUMN and _warning(row, now) != "none":
        return DUE_TEXT
    if COLUMNS[column].key == "urgency":
        if row.urgency is Urgency.CRITICAL:
            return CRITICAL_TEXT
        if row.urgency is Urgency.URGENT:
            return URGENT_TEXT
    return None


def cell_alignment(column: int) -> Qt.AlignmentFlag:
    if COLUMNS[column].key in ("registered", "due", "urgency", "request_type", "ticket"):
        return Qt.AlignmentFlag.AlignCenter
    return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
