"""The page the desk shows until the working screens arrive: what this is and where to go."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderPage(QWidget):
    """Title, the number of work orders in the database, and a pointer to the command line."""

    def __init__(self, order_count: int, version: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeholderPage")

        self._title = QLabel(self.tr("8890 hotline and public-opinion desk"))
        self._title.setObjectName("placeholderTitle")
        title_font = QFont(self._title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 2.0)
        title_font.setBold(True)
        self._title.setFont(title_font)

        self._order_count = QLabel(self.tr("Work orders in this database: %n", "", order_count))
        self._order_count.setObjectName("placeholderOrderCount")
        count_font = QFont(self._order_count.font())
        count_font.setPointSizeF(count_font.pointSizeF() * 1.3)
        self._order_count.setFont(count_font)

        self._note = QLabel(
            self.tr(
                "The working screens arrive in the next release. Until then, the command line "
                "offers the whole work-order lifecycle:"
            )
        )
        self._note.setObjectName("placeholderNote")
        self._note.setWordWrap(True)

        self._command = QLabel("python main.py --help")
        self._command.setObjectName("placeholderCommand")
        self._command.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._command.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._command.setStyleSheet(
            "QLabel { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 4px; padding: 4px 10px; }"
        )

        self._version = QLabel(self.tr("Version {version}").format(version=version))
        self._version.setObjectName("placeholderVersion")
        self._version.setEnabled(False)  # drawn in the muted palette colour

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 32)
        layout.setSpacing(12)
        layout.addWidget(self._title)
        layout.addSpacing(12)
        layout.addWidget(self._order_count)
        layout.addSpacing(24)
        layout.addWidget(self._note)
        layout.addWidget(self._command, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        layout.addWidget(self._version)
