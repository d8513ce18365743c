"""What every action dialog of the order view shares.

A dialog shows what the action is about, takes the user's input and, on OK (Enter, or
Ctrl+Enter inside a text box), first checks required fields itself (a red line in the dialog,
nothing sent), then runs the service through ``ctx.act`` in the background. On success it
closes and emits :attr:`ActionDialog.succeeded` with the service's ``OrderSummary``; when the
service refuses, the refusal is shown through ``ctx.prompts.error`` and the dialog stays open
with everything typed kept. Esc or Cancel closes it without doing anything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.context import DeskContext
from gui.orders.guard import alive

Command = tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]

MESSAGE_STYLE = "QLabel { color: #cf1322; }"
NOTE_STYLE = "QLabel { color: #595959; }"


def _is_submit(event: QKeyEvent) -> bool:
    return (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))


class TextBox(QPlainTextEdit):
    """A multi-line box that leaves Ctrl+Enter to its dialog (Enter makes a new line) and
    starts as high as asked (the dialog may still be enlarged)."""

    def __init__(self, height: int) -> None:
        super().__init__()
        self._height = height
        self.setMinimumHeight(min(height, 60))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(360, self._height)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if _is_submit(event):
            event.ignore()
            return
        super().keyPressEvent(event)


def text_box(name: str, placeholder: str = "", height: int = 90) -> QPlainTextEdit:
    box = TextBox(height)
    box.setObjectName(name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    return box


def note_label(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


class ActionDialog(QDialog):
    """Subclasses fill :attr:`form` and implement :meth:`validate` and :meth:`command`."""

    succeeded = Signal(object)  # the service's OrderSummary

    def __init__(self, ctx: DeskContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._running = False
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.message = QLabel()
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setVisible(False)
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                           | QDialogButtonBox.StandardButton.Cancel)
        self.button_box.accepted.connect(self.submit)
        self.button_box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.button_box)

    @property
    def ok_button(self):  # noqa: ANN201 - QPushButton
        return self.button_box.button(QDialogButtonBox.StandardButton.Ok)

    def validate(self) -> str | None:
        """The problem with the input in the user's language, or None when it may be sent."""
        return None

    def command(self) -> Command:
        """The service to run with its arguments (after ``uow, actor, clock``)."""
        raise NotImplementedError

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    @Slot()
    def submit(self) -> None:
        if self._running:
            return
        problem = self.validate()
        if problem:
            self.show_message(problem)
            return
        self.show_message("")
        service, args, kwargs = self.command()
        self._set_running(True)
        self._ctx.act(service, *args, parent=self, on_done=self._done, on_error=self._refused,
                      **kwargs)

    def _set_running(self, running: bool) -> None:
        self._running = running
        self.button_box.setEnabled(not running)

    def _done(self, summary: object) -> None:
        if not alive(self):
            return
        self._set_running(False)
        self.succeeded.emit(summary)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        if not alive(self):
            self._ctx.prompts.error(None, exc)
            return
        self._set_running(False)
        self.show_message(self._ctx.tr_error(exc))
        self._ctx.prompts.error(self, exc)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if _is_submit(event):
            self.submit()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        if not self._running:  # the action is under way: wait for its answer
            super().reject()
