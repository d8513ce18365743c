"""The administrator's holiday calendar: the year view, editing a day, importing a file."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from core import admin
from core.admin import DayKind
from core.calendar import SHANGHAI
from core.errors import RuleViolation
from gui.admin.page import AdminPage
from gui.admin.year_view import OVERRIDE_COLOUR
from tests.gui.conftest import wait_idle

ROOT = Path(__file__).resolve().parents[2]
NOV_9 = date(2026, 11, 9)  # an ordinary Monday


@pytest.fixture
def page(open_window, qtbot) -> AdminPage:
    window = open_window("admin")
    page = window.show_page("administration")
    assert isinstance(page, AdminPage)
    page.show_tab(page.calendar)
    wait_idle(qtbot, page._ctx)
    qtbot.waitUntil(lambda: page.calendar.year is not None)
    return page


def type_chinese(widget: QWidget, text: str) -> None:
    """Chinese text arrives from the input method as a committed string."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def calendar_due(db_url: str, start: str) -> str:
    """``python main.py calendar due``: the first line it prints."""
    done = subprocess.run(
        [sys.executable, "main.py", "--db", db_url, "calendar", "due", "--from", start,
         "--working-days", "1"], cwd=ROOT, capture_output=True, text=True, timeout=120,
        stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[0]


def test_the_year_shows_national_day_and_its_make_up_days(page: AdminPage) -> None:
    tab = page.calendar
    assert tab.year_spin.value() == 2026  # the clock's year
    view = tab.year_view
    assert view.marks(date(2026, 10, 1)) == {"holiday"}
    assert view.marks(date(2026, 10, 10)) == {"makeup"}  # Saturday, 调休上班
    assert view.marks(date(2026, 9, 20)) == {"makeup"}  # Sunday, 调休上班
    assert view.day(date(2026, 10, 1)).occasion_zh == "国庆节"
    assert not tab.banner.isVisible()
    assert "chinese-calendar" in tab.source_label.text()
    assert "放假 33 天" in tab.source_label.text()
    assert "国庆节" in view.describe(date(2026, 10, 5))


def test_administrator_makes_a_monday_a_day_off_and_deadlines_skip_it(
    page: AdminPage, qtbot, gui_centre
) -> None:
    tab = page.calendar
    view = tab.year_view
    assert calendar_due(gui_centre.db.url, "2026-11-06 10:00") == "2026-11-09 23:59:59"

    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.cell_rect(NOV_9).center())
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.working_radio.isChecked()
    radio = dialog.off_radio  # click its round indicator, as a user would
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
    assert radio.isChecked()
    type_chinese(dialog.note_edit, "区政府临时通知")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, page._ctx)
    qtbot.waitUntil(lambda: "override" in view.marks(NOV_9))

    assert not dialog.isVisible() and page._ctx.prompts.errors == []
    cal = admin.working_calendar(gui_centre.db.uow(write=False))
    friday = datetime(2026, 11, 6, 10, 0, tzinfo=SHANGHAI)
    assert cal.add_working_days(friday, 1).local() == datetime(2026, 11, 10, 23, 59, 59,
                                                                tzinfo=SHANGHAI)
    assert calendar_due(gui_centre.db.url, "2026-11-06 10:00") == "2026-11-10 23:59:59"
    assert view.day(NOV_9).kind is DayKind.HOLIDAY and view.day(NOV_9).note == "区政府临时通知"
    assert "管理员手工设置 1 天" in tab.source_label.text()
    corner = view.cell_rect(NOV_9).topLeft() + QPoint(4, 4)
    assert view.grab().toImage().pixelColor(corner).name() == OVERRIDE_COLOUR.name()


def test_the_keyboard_opens_a_day_and_its_entry_can_be_cleared(
    page: AdminPage, qtbot, gui_centre
) -> None:
    ctx = page._ctx
    admin.set_calendar_day(gui_centre.db.uow(), gui_centre.admin, gui_centre.clock, NOV_9,
                           False, "误设")
    ctx.bus.reference_changed.emit()
    wait_idle(qtbot, ctx)
    view = page.calendar.year_view
    assert "override" in view.marks(NOV_9)

    view.setFocus()
    assert view.selected == date(2026, 11, 2)  # today
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialog = page.calendar.dialog
    assert dialog is not None and dialog.day.day == NOV_9
    assert dialog.off_radio.isChecked() and dialog.note_edit.text() == "误设"
    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: "override" not in view.marks(NOV_9))
    assert admin.working_calendar(gui_centre.db.uow(write=False)).is_working_day(NOV_9)


def test_a_year_without_data_warns_and_an_imported_file_fills_it(
    page: AdminPage, qtbot, tmp_path: Path
) -> None:
    tab = page.calendar
    ctx = page._ctx
    tab.year_spin.setValue(2027)
    wait_idle(qtbot, ctx)
    assert tab.banner.isVisible() and "2027年没有节假日数据" in tab.banner.text()
    assert "2027-01-04" in tab.year_view.describe(date(2027, 1, 4))
    assert "周一至周五" in tab.year_view.describe(date(2027, 1, 4))

    good = tmp_path / "holidays2027.csv"
    good.write_text("date,kind,note\n2027-10-01,休,国庆节\n2027-10-04,休,国庆节\n"
                    "2027-09-26,班,国庆节调休上班\n", encoding="utf-8")
    tab.import_file(good)
    wait_idle(qtbot, ctx)
    title, question = ctx.prompts.shown[0]
    assert title == "导入节假日文件" and "放假 2 天、调休上班 1 天" in question
    assert ctx.prompts.shown[1][0] == "节假日文件已导入"
    assert "已从 holidays2027.csv 导入 3 天" in ctx.prompts.shown[1][1]
    assert not tab.banner.isVisible()
    assert "holidays2027.csv" in tab.source_label.text()
    assert tab.year_view.marks(date(2027, 10, 1)) == {"holiday"}
    assert tab.year_view.marks(date(2027, 9, 26)) == {"makeup"}
    assert "导入自 holidays2027.csv" in tab.year_view.describe(date(2027, 10, 1))


def test_a_bad_file_is_refused_with_every_problem_and_nothing_changes(
    page: AdminPage, qtbot, tmp_path: Path, gui_centre
) -> None:
    ctx = page._ctx
    bad = tmp_path / "holidays.csv"
    bad.write_text("date,kind,note\n2027-02-30,休,\n2027-10-01,也许,\n2027-10-02,休,\n",
                   encoding="utf-8")
    page.calendar.import_file(bad)
    wait_idle(qtbot, ctx)
    assert len(ctx.prompts.errors) == 1 and isinstance(ctx.prompts.errors[0], RuleViolation)
    shown = ctx.prompts.shown[-1][1]
    assert "未导入 holidays.csv：文件有 2 处错误" in shown
    assert "第 2 行" in shown and "第 3 行" in shown
    assert admin.calendar_year(gui_centre.db.uow(write=False), 2027).imported is None

    ctx.prompts.answers.append(False)  # a good file, but the administrator says no
    good = tmp_path / "ok.json"
    good.write_text('{"year": 2027, "holidays": ["2027-10-01"], "workdays": []}',
                    encoding="utf-8")
    page.calendar.import_file(good)
    wait_idle(qtbot, ctx)
    assert admin.calendar_year(gui_centre.db.uow(write=False), 2027).imported is None


def test_a_year_entered_by_hand_is_declared_complete(page: AdminPage, qtbot, gui_centre) -> None:
    tab = page.calendar
    ctx = page._ctx
    tab.year_spin.setValue(2028)
    wait_idle(qtbot, ctx)
    assert tab.banner.isVisible() and tab.mark_year_button.isVisible()
    admin.set_calendar_day(gui_centre.db.uow(), gui_centre.admin, gui_centre.clock,
                           date(2028, 1, 3), False, "元旦")  # and the rest of the year ...
    qtbot.mouseClick(tab.mark_year_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    assert "2028" in ctx.prompts.shown[0][1]
    assert not tab.banner.isVisible() and not tab.mark_year_button.isVisible()
    assert "管理员录入" in tab.source_label.text()
    assert tab.year_view.marks(date(2028, 1, 3)) == {"holiday", "override"}
    assert admin.calendar_years_without_data(gui_centre.db.uow(write=False), [2028]) == []
