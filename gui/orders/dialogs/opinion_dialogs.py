"""舆情 actions of the order window: 研判 (assess: risk level and responsible department) and
登记回应 (record a published response against one of the item's clocks).

The services need the 舆情 unit of work (``ctx.extras["opinion_uow"]``, wired by ``main.py``);
:func:`opinion_service` adapts them to ``ctx.act``. Both dialogs preview what the action will
do: the clocks an assessment sets, and whether a response is on time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime, Slot
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QLineEdit, QWidget

from core.calendar import SHANGHAI
from core.model import OpinionClock, OpinionRisk
from core.opinion import MAX_LINK, MAX_RESPONSE_CHANNEL, assess_opinion, dues_for
from core.opinion import record_opinion_response as record_response
from core.opinion_view import OpinionView
from core.queries import ListChoices, list_choices
from gui import fmt
from gui.context import DeskContext
from gui.orders.dialogs.base import ActionDialog, Command, note_label, text_box
from gui.orders.guard import alive

OPINION_UOW = "opinion_uow"


def opinion_service(ctx: DeskContext, service: Callable[..., Any]) -> Callable[..., Any]:
    """``service`` with the 舆情 unit of work in place of the one ``ctx.act`` passes."""
    factory = ctx.extras[OPINION_UOW]

    def run(_uow: object, actor: object, clock: object, *args: Any, **kwargs: Any) -> Any:
        return service(factory(), actor, clock, *args, **kwargs)

    return run


def to_qdatetime(instant: datetime) -> QDateTime:
    """An aware instant as Asia/Shanghai wall-clock time (the edit shows no zone)."""
    t = instant.astimezone(SHANGHAI)
    return QDateTime(QDate(t.year, t.month, t.day), QTime(t.hour, t.minute))


def from_qdatetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=SHANGHAI)


def _clock_lines(dues: dict[OpinionClock, datetime], now: datetime, language: str,
                 late: str) -> str:
    return "\n".join(f"{fmt.label(c, language)}：{fmt.local(due)}" + (late if due < now else "")
                     for c, due in dues.items())


class AssessDialog(ActionDialog):
    def __init__(self, ctx: DeskContext, view: OpinionView,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setWindowTitle(self.tr("Assess: {ticket}").format(ticket=view.ticket_no))
        self._view = view
        basis = self.tr("posted") if view.posted_at is not None else self.tr("registered")
        self.form.addRow(self.tr("Clocks from"), note_label(self.tr("{time} ({basis})").format(
            time=fmt.local(view.start), basis=basis)))
        self.level_combo = QComboBox()
        self.level_combo.setObjectName("riskLevelCombo")
        self.level_combo.addItem(self.tr("Choose a risk level"), None)
        for level in OpinionRisk:
            self.level_combo.addItem(fmt.label(level, ctx.language), level.value)
        if view.risk_level is not None:
            self.level_combo.setCurrentIndex(self.level_combo.findData(view.risk_level.value))
        self.form.addRow(self.tr("&Risk level"), self.level_combo)
        self.preview = note_label("", "clockPreview")
        self.form.addRow(self.tr("Clocks"), self.preview)
        self.department_combo = QComboBox()
        self.department_combo.setObjectName("departmentCombo")
        self.form.addRow(self.tr("Responsible &department"), self.department_combo)
        self.note_edit = text_box("assessNote", self.tr("Optional: the reasons for the level"),
                                  70)
        self.form.addRow(self.tr("Note"), self.note_edit)
        self.level_combo.currentIndexChanged.connect(self._preview)
        self.department_combo.currentIndexChanged.connect(lambda: self.show_message(""))
        self._preview()
        self.ok_button.setEnabled(False)
        ctx.read(lambda: list_choices(ctx.uow(write=False)), self._choices_loaded, parent=self)

    def _choices_loaded(self, choices: ListChoices) -> None:
        if not alive(self):
            return
        self.department_combo.addItem(self.tr("Choose a department"), None)
        for d in choices.departments:
            self.department_combo.addItem(d.name, d.id)
        found = self.department_combo.findData(self._view.department_id)
        self.department_combo.setCurrentIndex(max(found, 0))
        self.ok_button.setEnabled(True)
        self.level_combo.setFocus()

    def level(self) -> OpinionRisk | None:
        value = self.level_combo.currentData()
        return OpinionRisk(value) if value else None

    def choose(self, level: OpinionRisk, department_id: int) -> None:
        self.level_combo.setCurrentIndex(self.level_combo.findData(level.value))
        self.department_combo.setCurrentIndex(self.department_combo.findData(department_id))

    @Slot()
    def _preview(self) -> None:
        level = self.level()
        self.show_message("")
        if level is None:
            self.preview.setText(self.tr("Choose a level to see its clocks."))
            return
        dues = dues_for(level, self._view.start, self._view.hours)
        self.preview.setText(_clock_lines(dues, self._ctx.clock.now(), self._ctx.language,
                                          self.tr(" (already past)")))

    def validate(self) -> str | None:
        if self.level() is None:
            return self.tr("Please choose the risk level.")
        if self.department_combo.currentData() is None:
            return self.tr("Please choose the responsible department.")
        return None

    def command(self) -> Command:
        return (opinion_service(self._ctx, assess_opinion),
                (self._view.order_id, self.level(), self.department_combo.currentData()),
                {"note": self.note_edit.toPlainText()})


class ResponseDialog(ActionDialog):
    def __init__(self, ctx: DeskContext, view: OpinionView,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setWindowTitle(self.tr("Record response: {ticket}").format(ticket=view.ticket_no))
        self._view = view
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("responseKindCombo")
        for c in view.clocks:
            self.kind_combo.addItem(fmt.label(c.clock, ctx.language), c.clock.value)
        first_open = next((i for i, c in enumerate(view.clocks) if c.done_at is None), 0)
        self.kind_combo.setCurrentIndex(first_open)
        self.form.addRow(self.tr("Response &kind"), self.kind_combo)
        self.due_label = note_label("", "responseDue")
        self.form.addRow(self.tr("Due"), self.due_label)
        now = ctx.clock.now()
        self.at_edit = QDateTimeEdit(to_qdatetime(now))
        self.at_edit.setObjectName("publishedAtEdit")
        self.at_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.at_edit.setCalendarPopup(True)
        self.at_edit.setMaximumDateTime(to_qdatetime(now))
        self.form.addRow(self.tr("Published &at"), self.at_edit)
        self.channel_combo = QComboBox()
        self.channel_combo.setObjectName("responseChannelCombo")
        self.channel_combo.setEditable(True)
        self.channel_combo.addItems([
            self.tr("Government website"), self.tr("Official Weibo"),
            self.tr("Official WeChat account"), self.tr("Press conference"),
            self.tr("News media")])
        self.channel_combo.setCurrentIndex(-1)
        line = self.channel_combo.lineEdit()
        line.setMaxLength(MAX_RESPONSE_CHANNEL)
        line.setPlaceholderText(self.tr("Where it was published"))
        self.form.addRow(self.tr("&Channel"), self.channel_combo)
        self.link_edit = QLineEdit()
        self.link_edit.setObjectName("responseLinkEdit")
        self.link_edit.setMaxLength(MAX_LINK)
        self.link_edit.setPlaceholderText(self.tr("Optional: the address of the response"))
        self.form.addRow(self.tr("&Link"), self.link_edit)
        self.kind_combo.currentIndexChanged.connect(self._preview)
        self.channel_combo.currentTextChanged.connect(lambda: self.show_message(""))
        self.at_edit.dateTimeChanged.connect(self._preview)
        self._preview()
        self.kind_combo.setFocus()

    def kind(self) -> OpinionClock | None:
        value = self.kind_combo.currentData()
        return OpinionClock(value) if value else None

    def published_at(self) -> datetime:
        return from_qdatetime(self.at_edit.dateTime())

    @Slot()
    def _preview(self) -> None:
        clock = next((c for c in self._view.clocks if c.clock is self.kind()), None)
        if clock is None:
            self.due_label.setText("")
            return
        verdict = (self.tr("on time") if self.published_at() <= clock.due
                   else self.tr("late"))
        text = self.tr("{due} — published then, it is {verdict}").format(
            due=fmt.local(clock.due), verdict=verdict)
        if clock.done_at is not None:
            text += "\n" + self.tr("Already recorded as published {at}; this corrects it.").format(
                at=fmt.local(clock.done_at))
        self.due_label.setText(text)

    def validate(self) -> str | None:
        if self.kind() is None:
            return self.tr("This item has no clock to answer.")
        if not self.channel_combo.currentText().strip():
            return self.tr("Please give the channel the response was published through.")
        return None

    def command(self) -> Command:
        return (opinion_service(self._ctx, record_response),
                (self._view.order_id, self.kind(), self.published_at(),
                 self.channel_combo.currentText()),
                {"link": self.link_edit.text()})
