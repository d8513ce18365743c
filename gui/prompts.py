"""Every question the desk asks the user, behind one small object tests can replace.

Screens never open a ``QMessageBox``/``QInputDialog`` themselves: they call
``ctx.prompts.confirm(...)``, ``ask_text(...)`` or ``error(...)``. Tests hand the desk a
:class:`ScriptedPrompts` that answers from a list and records what was shown (pytest-qt's
"note_dialogs" advice), so no test has to chase a modal box.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from core.errors import DeskError


def error_text(exc: BaseException, language: str) -> str:
    """The user's message for ``exc``: a DeskError in the desk's language, anything else as a
    generic bilingual line (the details go to the log)."""
    if isinstance(exc, DeskError):
        return exc.message_en if language == "en" else exc.message_zh
    return QCoreApplication.translate(
        "Prompts", "Something went wrong; nothing was changed. Details are in the log: {detail}"
    ).format(detail=type(exc).__name__)


class Prompts:
    """Real dialogs. ``language`` picks which half of a DeskError's message is shown."""

    def __init__(self, language: str = "zh_CN") -> None:
        self.language = language

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def ask_text(
        self, parent: QWidget | None, title: str, label: str, text: str = ""
    ) -> str | None:
        value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
        return value if ok else None

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def error(self, parent: QWidget | None, exc: BaseException) -> None:
        QMessageBox.warning(parent, QCoreApplication.translate("Prompts", "Not done"),
                            error_text(exc, self.language))


@dataclass
class ScriptedPrompts(Prompts):
    """For tests: answers come from ``answers`` (in order); everything shown is recorded."""

    answers: deque[object] = field(default_factory=deque)
    shown: list[tuple[str, str]] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    language: str = "zh_CN"

    def __post_init__(self) -> None:
        self.answers = deque(self.answers)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        self.shown.append((title, text))
        return bool(self.answers.popleft()) if self.answers else True

    def ask_text(
        self, parent: QWidget | None, title: str, label: str, text: str = ""
    ) -> str | None:
        self.shown.append((title, label))
        answer = self.answers.popleft() if self.answers else None
        return None if answer is None else str(answer)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append((title, text))

    def error(self, parent: QWidget | None, exc: BaseException) -> None:
        self.errors.append(exc)
        self.shown.append(("error", error_text(exc, self.language)))
