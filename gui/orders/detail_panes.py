"""The order view's read-only panes: the order's fields on the left, and tabs for the timeline,
the assignments with both clocks, replies, return and extension requests, callbacks and
escalation notices. :meth:`OrderPanes.show_detail` refills everything from an OrderDetail.

Late clocks are coloured like the lists: red past due, yellow with less than a quarter of the
limit left (open assignments only); a clock met late stays red in the history.

The caller is shown as the OrderDetail has it, de-identified. For a user who may see it in
full (``set_revealable``) a "Show in full" button beside it emits ``reveal_requested``; the
window asks ``core.privacy.reveal_caller`` (logged) and hands the answer to ``show_caller``,
which the panes keep for the rest of the window's life.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.calendar import WarningLevel, warning_level
from core.model import AssignmentState, RequestStatus
from core.order_view import AssignmentView, OrderDetail, dwell_times
from gui import fmt
from gui.orders.columns import RED, YELLOW
from gui.orders.timeline import TimelineText, dwell, state_change

Cell = str | tuple[str, QColor | None]
_OPEN = (AssignmentState.AWAITING_SIGN, AssignmentState.IN_PROGRESS)


def _table(name: str, headers: list[str], stretch: int,
           widths: dict[int, int] | None = None) -> QTableWidget:
    """A read-only table: columns fit their contents, except ``stretch`` (takes the rest) and
    those given a fixed starting width in ``widths`` (long names wrap there)."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for column, width in (widths or {}).items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(column, width)
    return table


def _fill(table: QTableWidget, rows: list[list[Cell]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            text, colour = value if isinstance(value, tuple) else (value, None)
            item = QTableWidgetItem(text)
            item.setToolTip(text if len(text) > 30 else "")
            if colour is not None:
                item.setBackground(colour)
            table.setItem(r, c, item)
    table.resizeRowsToContents()


def _clock(due: datetime, done: datetime | None, start: datetime, open_: bool,
           now: datetime) -> Cell:
    """A due time coloured red when met late or past, yellow when little time is left."""
    text = fmt.local(due)
    if done is not None:
        return (text, RED) if done > due else text
    if not open_:
        return text
    level = warning_level(start, due, now)
    return (text, RED if level is WarningLevel.RED else YELLOW if level is WarningLevel.YELLOW
            else None)


class OrderPanes(QSplitter):
    reveal_requested = Signal()  # the user asked for the caller in full

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._language = language
        self._words = TimelineText(language, self)
        self._values: dict[str, QLabel] = {}
        self._rows: dict[str, QWidget] = {}
        self._revealable = False
        self._revealed: tuple[str, str] | None = None
        self._anonymous = False
        self.reveal_button = QPushButton(self.tr("Show in full"))
        self.reveal_button.setObjectName("revealCallerButton")
        self.reveal_button.setToolTip(self.tr(
            "Show the caller's full name and phone number. This is recorded in the access "
            "log."))
        self.reveal_button.setVisible(False)
        self.reveal_button.clicked.connect(self.reveal_requested)

        info = QGroupBox(self.tr("Order"))
        form = self._form = QFormLayout(info)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key, title in self._field_titles():
            value = QLabel()
            value.setObjectName(f"field_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._values[key] = value
            self._rows[key] = self._caller_row(value) if key == "caller" else value
            form.addRow(title, self._rows[key])
        self.content = QPlainTextEdit()
        self.content.setObjectName("contentText")
        self.content.setReadOnly(True)
        form.addRow(self.tr("Content"), self.content)
        self.addWidget(info)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("detailTabs")
        self.timeline = _table("timelineTable", [
            self.tr("Time"), self.tr("By"), self.tr("Event"), self.tr("Department"),
            self.tr("State"), self.tr("Dwell"), self.tr("Details")], 6, {3: 130})
        self.assignments = _table("assignmentTable", [
            self.tr("Round"), self.tr("Department"), self.tr("Role"), self.tr("State"),
            self.tr("Dispatched"), self.tr("Sign-for due"), self.tr("Signed"),
            self.tr("Reply due"), self.tr("Replied"), self.tr("Extended"), self.tr("Dwell")], 10,
            {1: 150})
        self.dwell_label = QLabel()
        self.dwell_label.setObjectName("dwellLabel")
        self.dwell_label.setWordWrap(True)
        assignments = QWidget()
        box = QVBoxLayout(assignments)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.assignments, 1)
        box.addWidget(self.dwell_label)
        self.replies = _table("replyTable", [
            self.tr("Time"), self.tr("Department"), self.tr("By"), self.tr("Reply"),
            self.tr("Status")], 3, {1: 130})
        self.requests = _table("requestTable", [
            self.tr("Kind"), self.tr("Requested"), self.tr("Department"), self.tr("By"),
            self.tr("Reason"), self.tr("Decision"), self.tr("Decided at, by"), self.tr("Note")], 4,
            {2: 130, 7: 160})
        self.callbacks = _table("callbackTable", [
            self.tr("Time"), self.tr("By"), self.tr("Outcome"), self.tr("Charged to"),
            self.tr("Note")], 4, {3: 130})
        self.notices = _table("noticeTable", [
            self.tr("Time"), self.tr("Kind"), self.tr("Department"), self.tr("Issued by"),
            self.tr("Text")], 4, {2: 130})
        for widget in (self.timeline, assignments, self.replies, self.requests, self.callbacks,
                       self.notices):
            self.tabs.addTab(widget, "")
        self.addWidget(self.tabs)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.setSizes([330, 870])

    def _field_titles(self) -> list[tuple[str, str]]:
        return [
            ("ticket", self.tr("Ticket no.")), ("state", self.tr("State")),
            ("title", self.tr("Title")), ("channel", self.tr("Channel")),
            ("registered", self.tr("Registered")), ("caller", self.tr("Caller")),
            ("address", self.tr("Address")), ("category", self.tr("Category")),
            ("request_type", self.tr("Request type")), ("urgency", self.tr("Urgency")),
            ("callback", self.tr("Callback")), ("closed", self.tr("Closed")),
            ("duplicate", self.tr("Duplicates")),
        ]

    def _caller_row(self, value: QLabel) -> QWidget:
        value.setWordWrap(False)  # a name and a number: one line beside the button
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(value, 1)
        box.addWidget(self.reveal_button)
        return row

    def value(self, key: str) -> str:
        return self._values[key].text()

    def set_revealable(self, revealable: bool) -> None:
        """Whether the user may ask for the caller in full (``core.privacy.may_reveal``)."""
        self._revealable = revealable

    def show_caller(self, name: str, phone: str) -> None:
        """The caller in full, as ``reveal_caller`` answered; kept over later reloads."""
        self._revealed = (name, phone)
        self._values["caller"].setText(self._caller_text(name, phone, self._anonymous))
        self.reveal_button.setVisible(False)

    def _caller_text(self, name: str, phone: str, anonymous: bool) -> str:
        shown = " ".join(x for x in (name, phone) if x)
        if anonymous:
            return " ".join(x for x in (self.tr("anonymous"), shown) if x)
        return shown

    def show_detail(self, d: OrderDetail, now: datetime) -> None:
        lang = self._language
        self._anonymous = d.anonymous
        caller = self._caller_text(*(self._revealed or (d.caller_name, d.caller_phone)),
                                   d.anonymous)
        callback = ""
        if d.callback_due is not None:
            callback = self.tr("due {due}").format(due=fmt.local(d.callback_due))
        if d.callback_outcome is not None:
            callback += ("；" if callback else "") + fmt.label(d.callback_outcome, lang)
        if d.reopen_count:
            callback += ("；" if callback else "") + self.tr("reopened %n time(s)", "",
                                                             d.reopen_count)
        closed = ""
        if d.closed_at is not None:
            closed = f"{fmt.local(d.closed_at)} {fmt.label(d.close_kind, lang)}"
            if d.close_note:
                closed += f"：{d.close_note}"
        duplicate = ""
        if d.duplicate_of:
            duplicate = self.tr("duplicate of {ticket}").format(ticket=d.duplicate_of)
        elif d.duplicates:
            duplicate = self.tr("has duplicates: {tickets}").format(
                tickets="、".join(d.duplicates))
        values = {
            "ticket": d.ticket_no, "state": fmt.label(d.state, lang), "title": d.title,
            "channel": d.channel,
            "registered": self.tr("{time} by {user}").format(time=fmt.local(d.registered_at),
                                                             user=d.registered_by or "—"),
            "caller": caller, "address": d.address, "category": d.category,
            "request_type": fmt.label(d.request_type, lang),
            "urgency": fmt.label(d.urgency, lang), "callback": callback, "closed": closed,
            "duplicate": duplicate,
        }
        for key, text in values.items():
            self._values[key].setText(text)
            self._form.setRowVisible(self._rows[key], bool(text))
        self.reveal_button.setVisible(self._revealable and self._revealed is None and bool(
            d.caller_name or d.caller_phone or d.anonymous))
        content = d.content
        if d.direct_answer:
            content += "\n\n" + self.tr("Answer: {answer}").format(answer=d.direct_answer)
        self.content.setPlainText(content)
        self._show_timeline(d)
        self._show_assignments(d, now)
        self._show_requests(d)
        _fill(self.replies, [[
            fmt.local(r.at), r.department, r.by, r.text,
            (self.tr("sent back: {reason}").format(reason=r.rejected_reason or ""), RED)
            if r.rejected else self.tr("valid")] for r in d.replies])
        _fill(self.callbacks, [[fmt.local(c.at), c.by, fmt.label(c.outcome, lang), c.department,
                                c.note] for c in d.callbacks])
        _fill(self.notices, [[
            fmt.local(n.at), fmt.label(n.kind, lang), n.department,
            self.tr("automatic") if n.automatic else n.by, n.text] for n in d.notices])
        counts = [len(d.events), len(d.assignments), len(d.replies),
                  len(d.returns) + len(d.extensions), len(d.callbacks), len(d.notices)]
        titles = [self.tr("Timeline ({n})"), self.tr("Assignments ({n})"),
                  self.tr("Replies ({n})"), self.tr("Returns and extensions ({n})"),
                  self.tr("Callbacks ({n})"), self.tr("Reminders ({n})")]
        for i, (title, n) in enumerate(zip(titles, counts, strict=True)):
            self.tabs.setTabText(i, title.format(n=n))

    def _show_timeline(self, d: OrderDetail) -> None:
        rows: list[list[Cell]] = []
        for e in d.events:
            held = dwell(e, d)
            rows.append([fmt.local(e.at), self._words.who(e), fmt.label(e.kind, self._language),
                         e.department, state_change(e, self._language),
                         fmt.duration(held, self._language) if held is not None else "",
                         self._words.describe(e, d)])
        _fill(self.timeline, rows)

    def _show_assignments(self, d: OrderDetail, now: datetime) -> None:
        rows: list[list[Cell]] = []
        for a in d.assignments:
            open_ = a.state in _OPEN
            rows.append([
                str(a.hop), a.department, self.tr("lead") if a.lead else self.tr("assisting"),
                fmt.label(a.state, self._language), fmt.local(a.dispatched_at),
                _clock(a.sign_due, a.signed_at, a.dispatched_at,
                       a.state is AssignmentState.AWAITING_SIGN, now),
                fmt.local(a.signed_at),
                _clock(a.reply_due, a.replied_at, a.dispatched_at, open_, now),
                fmt.local(a.replied_at),
                self.tr("%n working day(s)", "", a.extension_days) if a.extension_days else "",
                fmt.duration(a.dwell_end(now) - a.dispatched_at, self._language),
            ])
        _fill(self.assignments, rows)
        totals = "；".join(f"{dept} {fmt.duration(t, self._language)}"
                          for dept, t in dwell_times(d, now))
        self.dwell_label.setText(self.tr("Time with each department: {totals}").format(
            totals=totals) if totals else "")

    def _show_requests(self, d: OrderDetail) -> None:
        status = {RequestStatus.PENDING: self.tr("pending"),
                  RequestStatus.APPROVED: self.tr("approved"),
                  RequestStatus.REJECTED: self.tr("rejected"),
                  RequestStatus.WITHDRAWN: self.tr("withdrawn")}
        requests = sorted([*d.returns, *d.extensions], key=lambda r: r.requested_at)
        rows: list[list[Cell]] = []
        for r in requests:
            kind = self.tr("return") if r.days is None else self.tr(
                "extension, %n working day(s)", "", r.days)
            decision: Cell = status[r.status]
            if r.status is RequestStatus.PENDING:
                decision = (status[r.status], YELLOW)
            rows.append([kind, fmt.local(r.requested_at), r.department, r.requested_by,
                         r.reason, decision, " ".join(
                             x for x in (fmt.local(r.decided_at), r.decided_by) if x),
                         r.decision_note or ""])
        _fill(self.requests, rows)


def assignment_of(detail: OrderDetail, assignment_id: int | None) -> AssignmentView | None:
    return next((a for a in detail.assignments if a.id == assignment_id), None)
