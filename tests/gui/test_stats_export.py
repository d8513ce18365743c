"""Exporting the weekly sheet from the statistics screen: in the background, with progress and
cancel, de-identified unless the user confirms otherwise."""

from __future__ import annotations

import threading
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QProgressDialog, QPushButton, QTabWidget

from core.errors import ValidationError
from core.weekly_sheet import write_weekly_sheet
from gui.stats.page import StatsPage
from tests.gui.conftest import wait_idle
from tests.gui.test_stats_page import HOUSING, URBAN, WATER, build_week, open_page
from tests.support.centre import Centre

RELEASE_TIMEOUT_S = 20  # a blocked test writer gives up after this (never reached when green)


def summary_value(path: Path, name: str) -> object:
    ws = load_workbook(path)["汇总"]
    for row in ws.iter_rows(values_only=True):
        if row[0] == name:
            return row[1]
    raise AssertionError(f"{name} not on the sheet")


def export_button(page: StatsPage) -> QPushButton:
    button = page.findChild(QPushButton, "exportStats")
    assert button is not None
    return button


def test_export_writes_the_sheet_with_the_same_figures(qtbot, make_ctx, gui_centre: Centre,
                                                       tmp_path: Path) -> None:
    build_week(gui_centre)
    page, ctx = open_page(qtbot, make_ctx)
    target = tmp_path / "周报.xlsx"
    asked: list[Path] = []
    page._ask_export_path = lambda suggested: asked.append(suggested) or target
    qtbot.mouseClick(export_button(page), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)

    assert asked[0].name == "8890-weekly-2026-W45.xlsx"
    assert target.is_file()
    assert summary_value(target, "受理量") == 6
    assert summary_value(target, "满意率") == 0.5
    assert page.findChild(QLabel, "total_received").text() == "6"
    assert "已脱敏" in summary_value(target, "个人信息")
    departments = load_workbook(target)["承办单位"]
    names = [r[1] for r in departments.iter_rows(min_row=4, values_only=True) if r[1]]
    assert names == [WATER, HOUSING, URBAN]
    [(title, text)] = ctx.prompts.shown
    assert title == "导出完成" and str(target) in text
    assert ctx.prompts.errors == []
    assert export_button(page).isEnabled()


def test_the_window_stays_responsive_while_exporting(qtbot, make_ctx, gui_centre: Centre,
                                                     tmp_path: Path) -> None:
    build_week(gui_centre)
    page, ctx = open_page(qtbot, make_ctx)
    target = tmp_path / "weekly.xlsx"
    page._ask_export_path = lambda suggested: target
    release = threading.Event()

    def slow_writer(report, path, *, progress=None):  # noqa: ANN001, ANN202 - the worker's
        assert release.wait(RELEASE_TIMEOUT_S)
        return write_weekly_sheet(report, path, progress=progress)

    page._write_sheet = slow_writer
    export_button(page).click()
    try:
        assert not ctx.ops.is_idle()  # the export runs on the worker, not in the click
        assert page.is_exporting() and not export_button(page).isEnabled()
        ticks: list[int] = []
        timer = QTimer(page)
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(10)
        qtbot.waitUntil(lambda: len(ticks) >= 5)  # the GUI thread keeps processing events
        timer.stop()
        tabs = page.findChild(QTabWidget, "statsTabs")
        tabs.setCurrentIndex(2)  # the user can still look around
        qtbot.waitUntil(page._trend_chart.isVisible)
        qtbot.waitUntil(lambda: _progress_dialog(page) is not None)  # progress is shown
    finally:
        release.set()
    wait_idle(qtbot, ctx)
    assert target.is_file()
    assert not page.is_exporting() and export_button(page).isEnabled()
    assert [t for t, _ in ctx.prompts.shown] == ["导出完成"]


def test_cancelled_export_writes_nothing(qtbot, make_ctx, gui_centre: Centre,
                                         tmp_path: Path) -> None:
    build_week(gui_centre)
    page, ctx = open_page(qtbot, make_ctx)
    target = tmp_path / "weekly.xlsx"
    page._ask_export_path = lambda suggested: target
    release = threading.Event()

    def slow_writer(report, path, *, progress=None):  # noqa: ANN001, ANN202
        assert release.wait(RELEASE_TIMEOUT_S)
        return write_weekly_sheet(report, path, progress=progress)

    page._write_sheet = slow_writer
    export_button(page).click()
    try:
        qtbot.waitUntil(lambda: _progress_dialog(page) is not None)
        _progress_dialog(page).findChild(QPushButton).click()  # its Cancel button
    finally:
        release.set()
    wait_idle(qtbot, ctx)
    assert not target.exists()
    assert "已取消导出" in page.findChild(QLabel, "statsStatus").text()
    assert export_button(page).isEnabled()
    assert ctx.prompts.shown == [] and ctx.prompts.errors == []


def test_full_callers_only_after_confirmation(qtbot, make_ctx, gui_centre: Centre,
                                             tmp_path: Path) -> None:
    build_week(gui_centre)
    page, ctx = open_page(qtbot, make_ctx)
    target = tmp_path / "full.xlsx"
    page._ask_export_path = lambda suggested: target
    page.findChild(type(page._deidentify), "deidentifyExport").setChecked(False)
    ctx.prompts.answers.extend([False])  # "Export callers in full?" -> no
    export_button(page).click()
    wait_idle(qtbot, ctx)
    assert not target.exists()
    assert ctx.prompts.shown[0][0] == "导出完整来电人信息？"

    ctx.prompts.answers.extend([True])
    export_button(page).click()
    wait_idle(qtbot, ctx)
    assert "未脱敏" in summary_value(target, "个人信息")
    overdue = load_workbook(target)["超期清单"]
    assert any("李四 13900002222" in str(c) for r in overdue.iter_rows(values_only=True)
               for c in r)


def test_a_bad_file_name_is_refused_in_chinese(qtbot, make_ctx, gui_centre: Centre,
                                               tmp_path: Path) -> None:
    build_week(gui_centre)
    page, ctx = open_page(qtbot, make_ctx)
    page._ask_export_path = lambda suggested: tmp_path / "missing-folder" / "weekly.xlsx"
    export_button(page).click()
    wait_idle(qtbot, ctx)
    [error] = ctx.prompts.errors
    assert isinstance(error, ValidationError)
    assert ctx.prompts.shown[-1][1] == error.message_zh
    assert export_button(page).isEnabled()


def test_cancelling_the_save_dialog_does_nothing(qtbot, make_ctx, gui_centre: Centre) -> None:
    page, ctx = open_page(qtbot, make_ctx)
    page._ask_export_path = lambda suggested: None
    export_button(page).click()
    assert ctx.ops.is_idle() and ctx.prompts.shown == []


def _progress_dialog(page: StatsPage) -> QProgressDialog | None:
    dialog = page.findChild(QProgressDialog, "opsProgressDialog")
    return dialog if dialog is not None and dialog.isVisible() else None
