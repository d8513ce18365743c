"""Temporary window: replaced by its owner's real order view."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui.context import DeskContext


class OrderWindow(QWidget):
    def __init__(self, ctx: DeskContext, order_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        QVBoxLayout(self).addWidget(QLabel(str(order_id)))
