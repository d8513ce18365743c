"""What the registration form asks in addition for a 舆情监测 item: the platform it was posted
on, the link, when it was posted (if known) and its reach (reposts and comments).

The form shows these fields only while a 舆情 channel is chosen; the page then registers with
``core.opinion.register_opinion``. Posting times are typed as Asia/Shanghai wall-clock time.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from core.calendar import SHANGHAI
from core.opinion import MAX_LINK, MAX_PLATFORM, MAX_REACH

PLATFORMS = ("微博", "微信", "抖音", "快手", "今日头条", "人民网领导留言板", "本地论坛", "新闻网站")


class OpinionFields(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.platform_combo = QComboBox()
        self.platform_combo.setObjectName("platformCombo")
        self.platform_combo.setEditable(True)
        self.platform_combo.addItems(PLATFORMS)
        self.platform_combo.setCurrentIndex(-1)
        self.platform_combo.lineEdit().setMaxLength(MAX_PLATFORM)
        self.platform_combo.lineEdit().setPlaceholderText(self.tr("e.g. 微博"))
        self.link_edit = QLineEdit()
        self.link_edit.setObjectName("linkEdit")
        self.link_edit.setMaxLength(MAX_LINK)
        self.link_edit.setPlaceholderText(self.tr("https://… (the original post)"))
        self.posted_check = QCheckBox(self.tr("Posted at:"))
        self.posted_check.setObjectName("postedCheck")
        self.posted_check.setToolTip(self.tr("Leave unticked when the posting time is not "
                                             "known: the clocks then run from the "
                                             "registration."))
        self.posted_edit = QDateTimeEdit()
        self.posted_edit.setObjectName("postedEdit")
        self.posted_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.posted_edit.setCalendarPopup(True)
        self.posted_edit.setEnabled(False)
        self.reach_spin = QSpinBox()
        self.reach_spin.setObjectName("reachSpin")
        self.reach_spin.setRange(0, MAX_REACH)
        self.reach_spin.setGroupSeparatorShown(True)
        self.reach_spin.setToolTip(self.tr("Reposts and comments when the item was found"))

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        platform_label = QLabel(self.tr("Platfor&m:"))
        platform_label.setBuddy(self.platform_combo)
        link_label = QLabel(self.tr("Lin&k:"))
        link_label.setBuddy(self.link_edit)
        reach_label = QLabel(self.tr("Reposts/comments:"))
        reach_label.setBuddy(self.reach_spin)
        grid.addWidget(platform_label, 0, 0)
        grid.addWidget(self.platform_combo, 0, 1)
        grid.addWidget(self.posted_check, 0, 2)
        grid.addWidget(self.posted_edit, 0, 3)
        grid.addWidget(link_label, 1, 0)
        grid.addWidget(self.link_edit, 1, 1)
        grid.addWidget(reach_label, 1, 2)
        grid.addWidget(self.reach_spin, 1, 3)
        grid.setColumnStretch(1, 4)
        grid.setColumnStretch(3, 1)

        self.posted_check.toggled.connect(self.posted_edit.setEnabled)
        self.platform_combo.currentTextChanged.connect(self._changed)
        self.link_edit.textChanged.connect(self._changed)
        self.posted_check.toggled.connect(self._changed)
        self.posted_edit.dateTimeChanged.connect(self._changed)
        self.reach_spin.valueChanged.connect(self._changed)

    def widgets(self) -> list[QWidget]:
        """In tab order."""
        return [self.platform_combo, self.posted_check, self.posted_edit, self.link_edit,
                self.reach_spin]

    @Slot()
    def _changed(self) -> None:
        self.edited.emit()

    def reset(self, now: datetime | None = None) -> None:
        """Empty; the posting time (unticked) is offered at ``now`` when given."""
        self.platform_combo.setCurrentIndex(-1)
        self.platform_combo.setEditText("")
        self.link_edit.clear()
        self.set_posted(now)
        self.posted_check.setChecked(False)
        self.reach_spin.setValue(0)

    def set_posted(self, posted: datetime | None) -> None:
        self.posted_check.setChecked(posted is not None)
        if posted is not None:
            t = posted.astimezone(SHANGHAI)
            self.posted_edit.setDateTime(QDateTime(QDate(t.year, t.month, t.day),
                                                   QTime(t.hour, t.minute)))

    def posted_at(self) -> datetime | None:
        if not self.posted_check.isChecked():
            return None
        d, t = self.posted_edit.date(), self.posted_edit.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=SHANGHAI)

    def details(self) -> dict[str, Any]:
        """``register_opinion``'s keyword arguments."""
        return {"platform": self.platform_combo.currentText(), "link": self.link_edit.text(),
                "posted_at": self.posted_at(), "reach": self.reach_spin.value()}

    def is_blank(self) -> bool:
        return not (self.platform_combo.currentText().strip() or self.link_edit.text().strip()
                    or self.reach_spin.value())

    def focus_field(self, field: str) -> bool:
        widget = {"platform": self.platform_combo, "link": self.link_edit,
                  "posted at": self.posted_edit, "reach": self.reach_spin}.get(field)
        if widget is None:
            return False
        widget.setFocus()
        return True
