"""What the administrator's tabs share: background writes, form dialogs, a row of buttons.

Every write runs on the database worker through :func:`write`; on success the change bus
announces that reference data changed (every tab, and the other screens, reload what they
show); a refusal is shown through ``ctx.prompts.error`` and nothing was changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.model import Role
from gui.context import DeskContext
from gui.fmt import label

INACTIVE_COLOUR = QColor("#8c8c8c")
HINT_STYLE = "QLabel { color: #595959; }"
WARNING_STYLE = ("QLabel { color: #ad4e00; background: #fff7e6; border: 1px solid #ffd591; "
                 "padding: 6px; font-weight: bold; }")
ROLE_ORDER = (Role.OPERATOR, Role.DEPARTMENT_STAFF, Role.SUPERVISOR, Role.ADMINISTRATOR)


def write(
    ctx: DeskContext,
    parent: QWidget | None,
    work: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
) -> None:
    """Run an administrator's service call (``work``, on the worker thread); on success call
    ``on_done`` and broadcast ``reference_changed``; on a refusal show it."""

    def done(result: Any) -> None:
        if on_done is not None:
            on_done(result)
        ctx.bus.reference_changed.emit()

    ctx.read(work, done, parent=parent)


def active_text(active: bool) -> str:
    if active:
        return QCoreApplication.translate("Admin", "Active")
    return QCoreApplication.translate("Admin", "Deactivated")


def role_names(roles: Iterable[Role], language: str) -> str:
    chosen = set(roles)
    sep = ", " if language == "en" else "、"
    return sep.join(label(r, language) for r in ROLE_ORDER if r in chosen)


def button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    widget = QPushButton(text)
    widget.setObjectName(name)
    widget.clicked.connect(slot)
    return widget


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    return row


def hint(text: str) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(True)
    widget.setStyleSheet(HINT_STYLE)
    return widget


class FormDialog(QDialog):
    """A window-modal form whose OK button emits :attr:`submitted` instead of closing: the tab
    runs the service and closes the dialog only when it succeeded, so a refused entry is not
    lost. ``form`` is the QFormLayout to fill."""

    submitted = Signal()

    def __init__(self, title: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("okButton")
        self.ok_button.setText(self.tr("Save"))
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self._below = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(self._below)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def add_below(self, widget: QWidget) -> None:
        """Put ``widget`` under the form, above the buttons."""
        self._below.addWidget(widget)

    @Slot()
    def _submit(self) -> None:
        self.submitted.emit()
