"""The desk's main window as a user first meets it, in Chinese and in English."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from gui.app import DeskInfo, build_window
from gui.i18n import I18N_DIR, install_translator
from gui.main_window import MainWindow

TS_FILE = I18N_DIR / "hotline_zh_CN.ts"
QM_FILE = I18N_DIR / "hotline_zh_CN.qm"
GUI_DIR = Path(__file__).resolve().parents[2] / "gui"
WARNING = "2027 年节假日数据缺失，期限按周一至周五推算 / No holiday data for 2027: weekdays assumed"


def desk_info(**changes: object) -> DeskInfo:
    values: dict[str, object] = {
        "db_label": "SQLite: /tmp/hotline8890/desk.db",
        "user_label": "",
        "calendar_warning": WARNING,
        "order_count": 3,
        "version": "0.1.0",
    }
    values.update(changes)
    return DeskInfo(**values)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def english_afterwards(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test picks its language; none inherits one from the environment or another test."""
    monkeypatch.delenv("HOTLINE_LANG", raising=False)
    yield
    install_translator(qapp, "en")


@pytest.fixture
def open_desk(qtbot) -> Callable[..., MainWindow]:
    def open_(info: DeskInfo | None = None, language: str | None = None) -> MainWindow:
        window = build_window(info or desk_info(), language)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return open_


def label(window: MainWindow, name: str) -> QLabel:
    found = window.findChild(QLabel, name)
    assert found is not None, name
    return found


def test_desk_opens_in_chinese_with_the_calendar_warning_in_the_status_bar(open_desk) -> None:
    window = open_desk()

    assert window.windowTitle() == "8890 热线工作台"
    assert label(window, "placeholderTitle").text() == "8890 热线与舆情工作台"
    menus = [action.text() for action in window.menuBar().actions() if action.text()]
    assert menus == ["文件(&F)", "帮助(&H)"]
    warning = window.statusBar().findChild(QLabel, "calendarWarningLabel")
    assert warning is not None and warning.isVisible()
    assert warning.text() == WARNING
    assert label(window, "databaseLabel").text() == "SQLite: /tmp/hotline8890/desk.db"


def test_desk_speaks_english_when_asked(open_desk) -> None:
    window = open_desk(language="en")

    assert window.windowTitle() == "8890 Hotline Desk"
    assert label(window, "placeholderTitle").text() == "8890 hotline and public-opinion desk"
    assert "command line" in label(window, "placeholderNote").text()


def test_language_comes_from_the_environment_unless_given(open_desk, monkeypatch) -> None:
    monkeypatch.setenv("HOTLINE_LANG", "en")
    assert open_desk().windowTitle() == "8890 Hotline Desk"
    assert open_desk(language="zh_CN").windowTitle() == "8890 热线工作台"


def test_unknown_language_falls_back_to_chinese(qapp) -> None:
    assert install_translator(qapp, "xx_YY") == "zh_CN"
    assert install_translator(qapp, "zh-CN") == "zh_CN"
    assert install_translator(qapp, "en_US") == "en"
    assert QCoreApplication.translate("MainWindow", "8890 Hotline Desk") == "8890 Hotline Desk"


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("en", 0, "Work orders in this database: 0"),
        ("en", 1, "Work orders in this database: 1"),
        ("en", 12345, "Work orders in this database: 12345"),
        ("zh_CN", 1, "本数据库中的工单：1 件"),
        ("zh_CN", 12345, "本数据库中的工单：12345 件"),
    ],
)
def test_order_count_reads_naturally(open_desk, language, count, expected) -> None:
    window = open_desk(desk_info(order_count=count), language)
    assert label(window, "placeholderOrderCount").text() == expected


def test_status_bar_hides_what_is_not_there_and_names_the_user(open_desk) -> None:
    bare = open_desk(desk_info(calendar_warning=None))
    assert not label(bare, "calendarWarningLabel").isVisible()
    assert not label(bare, "userLabel").isVisible()

    signed_in = open_desk(desk_info(user_label="张三（受理员）"))
    assert label(signed_in, "userLabel").isVisible()
    assert label(signed_in, "userLabel").text() == "用户：张三（受理员）"


def test_quit_closes_the_desk_with_ctrl_q(open_desk) -> None:
    window = open_desk()
    quit_action = window.findChild(QAction, "quitAction")
    assert quit_action.shortcut() == QKeySequence("Ctrl+Q")

    quit_action.trigger()

    assert not window.isVisible()


def test_about_shows_the_version_with_chinese_buttons(open_desk, qtbot) -> None:
    window = open_desk(desk_info(version="1.2.3"))
    window.findChild(QAction, "aboutAction").trigger()

    def about_box() -> QMessageBox | None:
        return window.findChild(QMessageBox, "aboutBox")

    qtbot.waitUntil(lambda: about_box() is not None and about_box().isVisible())
    box = about_box()
    assert box.windowTitle() == "关于 8890 热线工作台"
    assert "版本 1.2.3" in box.text()
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if (qt_dir / "qtbase_zh_CN.qm").is_file():
        assert box.button(QMessageBox.StandardButton.Ok).text() == "确定"
    box.close()


def _messages(ts: Path) -> list[ET.Element]:
    return list(ET.parse(ts).getroot().iter("message"))


def _keys(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name", ""), message.findtext("source", ""))
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_every_chinese_translation_is_finished() -> None:
    unfinished = [
        message.findtext("source")
        for message in _messages(TS_FILE)
        if message.find("translation").get("type") in {"unfinished", "vanished", "obsolete"}
        or not "".join(message.find("translation").itertext()).strip()
    ]
    assert unfinished == []


def test_compiled_translation_loads_and_translates() -> None:
    translator = QTranslator()
    assert translator.load(str(QM_FILE))
    assert translator.translate("MainWindow", "8890 Hotline Desk") == "8890 热线工作台"
    assert (
        translator.translate("PlaceholderPage", "Work orders in this database: %n", None, 2)
        == "本数据库中的工单：%n 件"
    )


@pytest.mark.skipif(shutil.which("pyside6-lupdate") is None, reason="pyside6-lupdate not found")
def test_translation_file_covers_every_string_in_the_sources(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(path) for path in GUI_DIR.rglob("*.py"))
    subprocess.run(
        ["pyside6-lupdate", *sources, "-no-obsolete", "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    missing = _keys(fresh) - _keys(TS_FILE)
    assert missing == set(), "run resources/i18n/update.sh and translate the new strings"
