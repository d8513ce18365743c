"""The totals strip: the period's figures for the whole desk, each with its definition."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from core.stats_model import Figures
from gui.stats.figures import DASH, FigureDef, figure_def

SHOWN = (
    "received", "direct_rate", "dispatched", "on_time_sign_rate", "replied",
    "on_time_reply_rate", "overdue_open",
    "returns_approved", "extensions_approved", "callbacks", "satisfaction_rate", "not_reached",
    "declined", "reopened",
)
PER_LINE = 7
_CARD_STYLE = ("QFrame#totalCard { background: palette(base); border: 1px solid palette(mid);"
               " border-radius: 4px; }")


class _Card(QFrame):
    def __init__(self, figure: FigureDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("totalCard")
        self.figure = figure
        self.name = QLabel(figure.name)
        self.name.setObjectName(f"totalName_{figure.attr}")
        self.value = QLabel(DASH)
        self.value.setObjectName(f"total_{figure.attr}")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = QLabel("")
        self.detail.setObjectName(f"totalDetail_{figure.attr}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(0)
        for label in (self.name, self.value, self.detail):
            layout.addWidget(label)
        self.setToolTip(figure.tooltip())

    def show_figures(self, figures: Figures | None) -> None:
        if figures is None:
            self.value.setText(DASH)
            self.detail.setText("")
            return
        self.value.setText(self.figure.text(figures))
        self.detail.setText(self.figure.detail(figures))
        self.setToolTip("\n".join(x for x in (self.figure.tooltip(),
                                              self.figure.detail(figures)) if x))


class TotalsStrip(QWidget):
    """One card per figure in :data:`SHOWN`; hover a card for its definition."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cards = [_Card(figure_def(attr)) for attr in SHOWN]
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        for i, card in enumerate(self._cards):
            grid.addWidget(card, i // PER_LINE, i % PER_LINE)
        self.setStyleSheet(_CARD_STYLE)

    def show_figures(self, figures: Figures | None) -> None:
        for card in self._cards:
            card.show_figures(figures)

    def value_text(self, attr: str) -> str:
        return next(c.value.text() for c in self._cards if c.figure.attr == attr)
