"""The fields of one registration: what the operator types for a call or an online message.

The form knows nothing about saving: it turns its widgets into a :class:`FormState` and back,
keeps a keyboard-friendly tab order (channel, phone, name, anonymous, address, category search,
category tree, request type, urgency, content, title, answer), and says when something changed
(``edited``) and when a field that the side panel looks up changed (``lookup_changed``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from core.model import ChannelKind, RequestType, Urgency
from core.routing import RegistrationChoices
from core.validation import MAX_ADDRESS, MAX_NAME, MAX_TITLE, title_from_content
from gui import fmt
from gui.register.category_picker import CategoryPicker
from gui.register.draft import FormState
from gui.register.opinion_fields import OpinionFields


class RegistrationForm(QWidget):
    edited = Signal()
    lookup_changed = Signal()

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._filling = False

        self.channel_combo = QComboBox()
        self.channel_combo.setObjectName("channelCombo")
        self.opinion = OpinionFields()  # shown while a 舆情监测 channel is chosen
        self._opinion_channels: set[int] = set()
        self.phone_edit = QLineEdit()
        self.phone_edit.setObjectName("phoneEdit")
        self.phone_edit.setPlaceholderText(self.tr("e.g. 13800001111"))
        self.phone_edit.setMaxLength(40)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setMaxLength(MAX_NAME)
        self.anonymous_check = QCheckBox(self.tr("Anon&ymous"))
        self.anonymous_check.setObjectName("anonymousCheck")
        self.anonymous_check.setToolTip(self.tr("Only a report (举报) may be anonymous."))
        self.address_edit = QLineEdit()
        self.address_edit.setObjectName("addressEdit")
        self.address_edit.setMaxLength(MAX_ADDRESS)
        self.category = CategoryPicker()
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("requestTypeCombo")
        for rt in RequestType:
            self.type_combo.addItem(fmt.label(rt, language), rt.value)
        self.urgency_combo = QComboBox()
        self.urgency_combo.setObjectName("urgencyCombo")
        for u in Urgency:
            self.urgency_combo.addItem(fmt.label(u, language), u.value)
        self.content_edit = QPlainTextEdit()
        self.content_edit.setObjectName("contentEdit")
        self.content_edit.setTabChangesFocus(True)
        self.content_edit.setPlaceholderText(self.tr("What the caller asks or reports"))
        self.content_edit.setMinimumHeight(90)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("titleEdit")
        self.title_edit.setMaxLength(MAX_TITLE)
        self.answer_edit = QPlainTextEdit()
        self.answer_edit.setObjectName("answerEdit")
        self.answer_edit.setTabChangesFocus(True)
        self.answer_edit.setPlaceholderText(self.tr("Only to close directly (Ctrl+J): the answer "
                                                    "given to the caller"))
        self.answer_edit.setFixedHeight(64)
        self._title_hint()

        caller = QHBoxLayout()
        caller.addWidget(self.phone_edit, 3)
        name_label = QLabel(self.tr("Caller &name:"))
        name_label.setBuddy(self.name_edit)
        caller.addWidget(name_label)
        caller.addWidget(self.name_edit, 2)
        caller.addWidget(self.anonymous_check)
        kind = QHBoxLayout()
        kind.addWidget(self.type_combo, 1)
        urgency_label = QLabel(self.tr("&Urgency:"))
        urgency_label.setBuddy(self.urgency_combo)
        kind.addWidget(urgency_label)
        kind.addWidget(self.urgency_combo, 1)

        form = self._layout = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("C&hannel:"), self.channel_combo)
        form.addRow(self.tr("Public opinion:"), self.opinion)
        form.setRowVisible(self.opinion, False)
        form.addRow(self.tr("&Phone:"), caller)
        self._buddy(form, self.phone_edit)
        form.addRow(self.tr("A&ddress:"), self.address_edit)
        form.addRow(self.tr("Ca&tegory:"), self.category)
        self._buddy(form, self.category.search)
        form.addRow(self.tr("&Request type:"), kind)
        self._buddy(form, self.type_combo)
        form.addRow(self.tr("C&ontent:"), self.content_edit)
        form.addRow(self.tr("T&itle:"), self.title_edit)
        form.addRow(self.tr("Ans&wer:"), self.answer_edit)

        chain = [self.channel_combo, *self.opinion.widgets(), self.phone_edit, self.name_edit,
                 self.anonymous_check, self.address_edit, self.category.search,
                 self.category.tree, self.type_combo, self.urgency_combo, self.content_edit,
                 self.title_edit, self.answer_edit]
        for first, second in zip(chain, chain[1:], strict=False):
            self.setTabOrder(first, second)
        self.last_field: QWidget = self.answer_edit

        for line in (self.phone_edit, self.name_edit, self.address_edit, self.title_edit):
            line.textChanged.connect(self._changed)
            line.returnPressed.connect(self._next_field)
        for text in (self.content_edit, self.answer_edit):
            text.textChanged.connect(self._changed)
        for combo in (self.channel_combo, self.type_combo, self.urgency_combo):
            combo.currentIndexChanged.connect(self._changed)
        self.anonymous_check.toggled.connect(self._changed)
        self.opinion.edited.connect(self._changed)
        self.channel_combo.currentIndexChanged.connect(self._channel_changed)
        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.anonymous_check.toggled.connect(self._anonymous_toggled)
        self.category.chosen.connect(self._category_chosen)
        self.category.picked.connect(lambda: self.type_combo.setFocus(
            Qt.FocusReason.TabFocusReason))
        self.phone_edit.textChanged.connect(self._lookup_field_changed)
        self.address_edit.textChanged.connect(self._lookup_field_changed)
        self.content_edit.textChanged.connect(self._lookup_field_changed)
        self.content_edit.textChanged.connect(self._title_hint)
        self._type_changed()

    def _buddy(self, form: QFormLayout, widget: QWidget) -> None:
        row = form.rowCount() - 1
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        label = item.widget() if item is not None else None
        if isinstance(label, QLabel):
            label.setBuddy(widget)

    # --- content ------------------------------------------------------------------------------

    def set_choices(self, choices: RegistrationChoices) -> None:
        """Fill the channel list and the category tree, keeping what is typed."""
        state = self.state()
        self._filling = True
        try:
            self.channel_combo.clear()
            for channel in choices.channels:
                self.channel_combo.addItem(channel.name, channel.id)
            self.category.set_choices(choices)
            self._opinion_channels = {c.id for c in choices.channels
                                      if c.kind is ChannelKind.OPINION}
        finally:
            self._filling = False
        self.set_state(state)
        self._channel_changed()

    def state(self) -> FormState:
        channel = self.channel_combo.currentData()
        return FormState(
            channel_id=channel if isinstance(channel, int) else None,
            caller_phone=self.phone_edit.text(),
            caller_name=self.name_edit.text(),
            anonymous=self.anonymous_check.isChecked(),
            address=self.address_edit.text(),
            category_id=self.category.category_id(),
            request_type=str(self.type_combo.currentData()),
            urgency=str(self.urgency_combo.currentData()),
            title=self.title_edit.text(),
            content=self.content_edit.toPlainText(),
            answer=self.answer_edit.toPlainText(),
        )

    def set_state(self, state: FormState) -> None:
        """Show ``state``; a channel or category that no longer exists is left unset."""
        self._filling = True
        try:
            if state.channel_id is not None:
                index = self.channel_combo.findData(state.channel_id)
                if index >= 0:
                    self.channel_combo.setCurrentIndex(index)
            self.phone_edit.setText(state.caller_phone)
            self.name_edit.setText(state.caller_name)
            self.address_edit.setText(state.address)
            self.category.set_category(state.category_id)
            self.type_combo.setCurrentIndex(max(self.type_combo.findData(state.request_type), 0))
            self.urgency_combo.setCurrentIndex(max(self.urgency_combo.findData(state.urgency), 0))
            self.anonymous_check.setChecked(state.anonymous)
            self.title_edit.setText(state.title)
            self.content_edit.setPlainText(state.content)
            self.answer_edit.setPlainText(state.answer)
        finally:
            self._filling = False
        self._type_changed()
        self._title_hint()

    def clear(self) -> None:
        """Empty the form for the next call; the channel stays."""
        self.set_state(FormState(channel_id=self.state().channel_id))
        self.opinion.reset()

    def focus_first(self) -> None:
        self.phone_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_field(self, field: str) -> None:
        """Focus the widget of a service's field name (``ValidationError.params['field']``)."""
        if self.is_opinion() and self.opinion.focus_field(field):
            return
        widget = {
            "caller phone": self.phone_edit,
            "caller name": self.name_edit,
            "anonymous": self.anonymous_check,
            "address": self.address_edit,
            "category": self.category.search,
            "title": self.title_edit,
            "content": self.content_edit,
            "answer": self.answer_edit,
            "request type": self.type_combo,
            "urgency": self.urgency_combo,
            "channel": self.channel_combo,
        }.get(field)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def is_opinion(self) -> bool:
        """A 舆情监测 channel is chosen: the page registers with the 舆情 fields."""
        return self.channel_combo.currentData() in self._opinion_channels

    @Slot()
    def _channel_changed(self) -> None:
        self._layout.setRowVisible(self.opinion, self.is_opinion())

    # --- reactions ----------------------------------------------------------------------------

    @Slot()
    def _changed(self) -> None:
        if not self._filling:
            self.edited.emit()

    @Slot()
    def _lookup_field_changed(self) -> None:
        if not self._filling:
            self.lookup_changed.emit()

    @Slot(object)
    def _category_chosen(self, category_id: object) -> None:
        if not self._filling:
            self.edited.emit()
            self.lookup_changed.emit()

    @Slot()
    def _next_field(self) -> None:
        self.focusNextChild()

    @Slot()
    def _type_changed(self) -> None:
        """Only a 举报 may be anonymous; the checkbox is offered for reports only."""
        report = self.type_combo.currentData() == RequestType.REPORT.value
        self.anonymous_check.setEnabled(report)
        if not report and self.anonymous_check.isChecked():
            self.anonymous_check.setChecked(False)
        self._anonymous_toggled(self.anonymous_check.isChecked())

    @Slot(bool)
    def _anonymous_toggled(self, anonymous: bool) -> None:
        self.name_edit.setEnabled(not anonymous)

    @Slot()
    def _title_hint(self) -> None:
        """The title the order gets when none is typed, shown as the placeholder."""
        auto = title_from_content(self.content_edit.toPlainText())
        self.title_edit.setPlaceholderText(
            self.tr("Taken from the content: {title}").format(title=auto) if auto
            else self.tr("Left empty: the first line of the content"))
