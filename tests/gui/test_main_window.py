"""The desk's shell as a user first meets it: login, navigation per role, counts, status bar,
language, and the translations that cover every string."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, Qt, QTranslator
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from core import admin
from gui.app import DeskWiring, authenticator
from gui.i18n import I18N_DIR, install_translator
from gui.login import LoginDialog
from gui.main_window import MainWindow
from gui.ops import Ops
from tests.gui.conftest import wait_idle
from tests.support.centre import PASSWORD

GUI_DIR = Path(__file__).resolve().parents[2] / "gui"
TS_FILES = sorted(I18N_DIR.glob("*_zh_CN.ts"))


def label(window: MainWindow, name: str) -> QLabel:
    found = window.findChild(QLabel, name)
    assert found is not None, name
    return found


def nav_texts(window: MainWindow) -> list[str]:
    nav = window.findChild(object, "navigation")
    return [nav.item(i).text() for i in range(nav.count())]


def test_operator_sees_registration_and_live_counts_in_chinese(open_window, gui_centre, qtbot):
    gui_centre.register()
    gui_centre.dispatched()
    window = open_window("operator")
    assert window.windowTitle() == "8890 热线工作台"
    assert nav_texts(window) == ["来电登记", "我的待办 (1)", "待回访 (0)", "全部工单 (2)"]
    assert label(window, "userLabel").text() == "用户：operator"
    assert label(window, "databaseLabel").text().startswith("SQLite")

    gui_centre.register("又一个来电")
    window.refresh_counts()
    wait_idle(qtbot, window._ctx)
    assert nav_texts(window)[1] == "我的待办 (2)"


def test_each_role_sees_its_own_lists(open_window):
    staff = open_window("housing_staff")
    assert nav_texts(staff) == ["我的待办 (0)", "待签收 (0)", "办理中 (0)", "临期/超期 (0)",
                                "全部工单 (0)"]
    boss = open_window("supervisor")
    assert nav_texts(boss)[0] == "来电登记" and "待审核 (0)" in nav_texts(boss)
    assert nav_texts(boss)[-1] == "统计"
    root = open_window("admin")
    assert nav_texts(root) == ["全部工单 (0)", "统计", "设置"]


def test_english_when_asked(open_window):
    window = open_window("operator", "en")
    assert window.windowTitle() == "8890 Hotline Desk"
    assert nav_texts(window)[0] == "Register a call"


def test_calendar_warning_in_the_status_bar(qtbot, make_ctx):
    from gui.main_window import DeskInfo

    ctx = make_ctx("operator")
    ctx.calendar_warning = "2027年无节假日数据，按周一至周五计算工作日，请导入节假日安排"
    window = MainWindow(ctx, DeskInfo("0.1.0"))
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot, ctx)
    assert label(window, "calendarWarningLabel").isVisible()
    assert "2027" in label(window, "calendarWarningLabel").text()


def test_login_refuses_a_wrong_password_in_chinese_then_signs_in(qtbot, qapp, gui_centre):
    install_translator(qapp, "zh_CN")
    db = gui_centre.db
    wiring = DeskWiring(uow=db.uow, queries=None, clock=gui_centre.clock,  # type: ignore[arg-type]
                        db_label=db.label, version="0.1.0", data_dir=Path("."))
    ops = Ops()
    try:
        dialog = LoginDialog(ops, authenticator(wiring), "zh_CN", db.label)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.user_edit, "operator")
        qtbot.keyClicks(dialog.password_edit, "wrong-password")
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "无权" in dialog.message.text())
        assert dialog.password_edit.text() == ""
        qtbot.keyClicks(dialog.password_edit, PASSWORD)
        with qtbot.waitSignal(dialog.accepted):
            qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        actor, name = dialog.session
        assert actor.username == "operator" and name == "operator"
    finally:
        ops.shutdown()
        install_translator(qapp, "en")
    assert admin.display_name(db.uow(write=False), actor.user_id) == "operator"


def test_quit_closes_the_desk_with_ctrl_q(open_window) -> None:
    window = open_window()
    quit_action = window.findChild(QAction, "quitAction")
    assert quit_action.shortcut() == QKeySequence("Ctrl+Q")
    quit_action.trigger()
    assert not window.isVisible()


def test_about_shows_the_version_with_chinese_buttons(open_window, qtbot) -> None:
    window = open_window()
    window.findChild(QAction, "aboutAction").trigger()

    def about_box() -> QMessageBox | None:
        return window.findChild(QMessageBox, "aboutBox")

    qtbot.waitUntil(lambda: about_box() is not None and about_box().isVisible())
    box = about_box()
    assert box.windowTitle() == "关于 8890 热线工作台"
    assert "版本 0.1.0" in box.text()
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if (qt_dir / "qtbase_zh_CN.qm").is_file():
        assert box.button(QMessageBox.StandardButton.Ok).text() == "确定"
    box.close()


def test_unknown_language_falls_back_to_chinese(qapp: QApplication) -> None:
    assert install_translator(qapp, "xx_YY") == "zh_CN"
    assert install_translator(qapp, "zh-CN") == "zh_CN"
    assert install_translator(qapp, "en_US") == "en"
    assert QCoreApplication.translate("MainWindow", "8890 Hotline Desk") == "8890 Hotline Desk"


def _messages(ts: Path) -> list[ET.Element]:
    return list(ET.parse(ts).getroot().iter("message"))


def _keys(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name", ""), message.findtext("source", ""))
        for context in root.iter("context")
        for message in context.iter("message")
    }


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_every_chinese_translation_is_finished(ts: Path) -> None:
    unfinished = [
        message.findtext("source")
        for message in _messages(ts)
        if message.find("translation").get("type") in {"unfinished", "vanished", "obsolete"}
        or not "".join(message.find("translation").itertext()).strip()
    ]
    assert unfinished == []


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_compiled_translation_loads(ts: Path) -> None:
    translator = QTranslator()
    assert translator.load(str(ts.with_suffix(".qm")))
    assert not translator.isEmpty()


@pytest.mark.skipif(shutil.which("pyside6-lupdate") is None, reason="pyside6-lupdate not found")
def test_translation_file_covers_every_string_in_the_sources(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(path) for path in GUI_DIR.rglob("*.py"))
    subprocess.run(
        ["pyside6-lupdate", *sources, "-no-obsolete", "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    have: set[tuple[str, str]] = set()
    for ts in TS_FILES:
        have |= _keys(ts)
    missing = _keys(fresh) - have
    assert missing == set(), "run resources/i18n/update.sh and translate the new strings"


def test_changes_from_another_workstation_reach_the_counts(qtbot, make_ctx, gui_centre):
    from db.change_watch import change_marker
    from gui.main_window import DeskInfo

    ctx = make_ctx("operator")
    ctx.extras["change_marker"] = change_marker(gui_centre.db)
    window = MainWindow(ctx, DeskInfo("0.1.0"))
    qtbot.addWidget(window)
    window.show()
    window.poll_changes()
    wait_idle(qtbot, ctx)
    assert nav_texts(window)[1] == "我的待办 (0)"

    gui_centre.register("另一席位登记的来电")  # another desk, same database
    with qtbot.waitSignal(ctx.bus.orders_changed):
        window.poll_changes()
    wait_idle(qtbot, ctx)
    assert nav_texts(window)[1] == "我的待办 (1)"


def test_operators_import_messages_from_the_file_menu(qtbot, make_ctx, gui_centre):
    from gui.main_window import DeskInfo

    ctx = make_ctx("operator")
    ctx.extras["intake_uow"] = object()  # the dialog is only opened, nothing is imported
    window = MainWindow(ctx, DeskInfo("0.1.0"))
    qtbot.addWidget(window)
    action = window.findChild(QAction, "importAction")
    assert action.text() == "导入留言(&I)…" and action.shortcut() == QKeySequence("Ctrl+I")
    action.trigger()
    dialog = window.findChild(QWidget, "importDialog") or next(
        w for w in QApplication.topLevelWidgets() if type(w).__name__ == "ImportDialog")
    assert dialog.isVisible()
    dialog.close()
    staff = MainWindow(make_ctx("housing_staff"), DeskInfo("0.1.0"))
    qtbot.addWidget(staff)
    assert staff.findChild(QAction, "importAction") is None
