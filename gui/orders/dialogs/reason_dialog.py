"""A dialog that asks for one required text and runs one service with it: a return request's
reason, the reason for sending replies back, a direct answer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from gui.context import DeskContext
from gui.orders.dialogs.base import ActionDialog, Command, note_label, text_box


class ReasonDialog(ActionDialog):
    """``build(text)`` returns the service call; ``missing`` is shown when the text is empty.
    Callers pass their own translated strings."""

    def __init__(
        self,
        ctx: DeskContext,
        *,
        title: str,
        intro: str,
        label: str,
        missing: str,
        build: Callable[[str], Command],
        placeholder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, title, parent)
        self._build = build
        self._missing = missing
        self.intro = note_label(intro, "dialogIntro")
        self.text_edit = text_box("reasonEdit", placeholder)
        self.form.addRow(self.intro)
        self.form.addRow(label, self.text_edit)
        self.text_edit.setFocus()

    def text(self) -> str:
        return self.text_edit.toPlainText().strip()

    def validate(self) -> str | None:
        return self._missing if not self.text() else None

    def command(self) -> Command:
        return self._build(self.text())
