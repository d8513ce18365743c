"""Temporary screen: replaced by its owner's real screen."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui.context import DeskContext


class StatsPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        QVBoxLayout(self).addWidget(QLabel("StatsPage"))
