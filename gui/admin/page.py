"""The administrator's workstation: one tab per topic.

Departments, categories with their routing rules, time-limit policies and desk rules, the
holiday calendar, users and roles. Every tab loads in the background and reloads whenever
reference data changes (``ctx.bus.reference_changed``, emitted after each administrator's
write) or the page is shown again.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from gui.admin.calendar_tab import CalendarTab
from gui.admin.categories import CategoriesTab
from gui.admin.departments import DepartmentsTab
from gui.admin.policies import PoliciesTab
from gui.admin.users import UsersTab
from gui.context import DeskContext


class AdminPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminPage")
        self._ctx = ctx
        self.departments = DepartmentsTab(ctx)
        self.categories = CategoriesTab(ctx)
        self.policies = PoliciesTab(ctx)
        self.calendar = CalendarTab(ctx)
        self.users = UsersTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        self.tabs.addTab(self.departments, self.tr("Departments"))
        self.tabs.addTab(self.categories, self.tr("Categories and routing"))
        self.tabs.addTab(self.policies, self.tr("Time limits"))
        self.tabs.addTab(self.calendar, self.tr("Holiday calendar"))
        self.tabs.addTab(self.users, self.tr("Users and roles"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        ctx.bus.reference_changed.connect(self.reload)
        self.reload()

    def show_tab(self, widget: QWidget) -> None:
        self.tabs.setCurrentWidget(widget)

    @Slot()
    def reload(self) -> None:
        for tab in (self.departments, self.categories, self.policies, self.calendar,
                    self.users):
            tab.reload()

    def activate(self) -> None:
        """Called by the main window when the page is shown again."""
        self.reload()
