"""The desk locks itself when nobody touches it and gives everything back after the password.

A FakeClock cannot move a QTimer, so the idle time is given in milliseconds
(``ctx.extras["idle_lock_ms"]``) and the tests wait for the lock with ``qtbot.waitUntil``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from core.errors import PermissionDenied
from gui.idle_lock import IdleLock
from gui.main_window import DeskInfo, MainWindow
from tests.gui.conftest import wait_idle
from tests.support.centre import PASSWORD

TEXT = "Lift stuck on floor 7 since 8:30, nobody answers at the property office"


def _desk(qtbot, make_ctx, idle_ms: int, language: str = "zh_CN", answers=()):  # noqa: ANN001, ANN202
    ctx = make_ctx("operator", language)
    ctx.extras["idle_lock_ms"] = idle_ms
    ctx.prompts.answers.extend(answers)
    window = MainWindow(ctx, DeskInfo("0.1.0"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(qtbot, ctx)
    lock = window.idle_lock
    assert isinstance(lock, IdleLock)
    return ctx, window, lock


def _curtains(window: QWidget) -> list[QWidget]:
    return [w for w in window.findChildren(QWidget, "lockCurtain") if w.isVisible()]


def test_the_open_form_survives_a_lock_and_a_wrong_password_keeps_it_locked(
    qtbot, make_ctx,  # noqa: ANN001
) -> None:
    ctx, window, lock = _desk(qtbot, make_ctx, idle_ms=400)
    page = window.show_page("register")
    content = page.findChild(QWidget, "contentEdit")
    phone = page.findChild(QWidget, "phoneEdit")
    qtbot.keyClicks(phone, "13800001111")
    qtbot.keyClicks(content, TEXT)

    qtbot.waitUntil(lambda: lock.is_locked, timeout=5000)
    dialog = lock.dialog
    assert dialog is not None and dialog.isVisible() and dialog.isModal()
    assert _curtains(window), "the window's contents are covered while locked"
    assert QApplication.activeModalWidget() is dialog

    qtbot.keyClicks(dialog.password_edit, "not-my-password")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, ctx)
    assert lock.is_locked and dialog.isVisible()
    assert "无权" in dialog.message.text()
    assert dialog.password_edit.text() == ""
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Escape)  # Escape does not unlock
    assert lock.is_locked and dialog.isVisible()

    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(lock.unlocked, timeout=10_000):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert not lock.is_locked and not _curtains(window)
    assert window.isVisible()
    assert window.page("register") is page
    assert content.toPlainText() == TEXT
    assert phone.text() == "13800001111"
    assert lock.remaining_ms() > 0  # counting again


def test_input_restarts_the_countdown(qtbot, make_ctx) -> None:  # noqa: ANN001
    _ctx, window, lock = _desk(qtbot, make_ctx, idle_ms=3000)
    qtbot.waitUntil(lambda: 0 < lock.remaining_ms() < 2600, timeout=5000)
    page = window.show_page("register")
    qtbot.keyClicks(page.findChild(QWidget, "contentEdit"), "a")
    assert lock.remaining_ms() > 2700
    assert not lock.is_locked


def test_signing_out_from_the_lock_closes_the_desk(qtbot, make_ctx) -> None:  # noqa: ANN001
    ctx, window, lock = _desk(qtbot, make_ctx, idle_ms=60_000, language="en",
                              answers=[False, True])
    lock.lock()
    dialog = lock.dialog
    assert dialog is not None
    assert "1 minute" in dialog.findChild(QWidget, "lockIntro").text()
    qtbot.mouseClick(dialog.sign_out_button, Qt.MouseButton.LeftButton)  # asked; "no"
    assert lock.is_locked and window.isVisible()
    with qtbot.waitSignal(lock.signed_out):
        qtbot.mouseClick(dialog.sign_out_button, Qt.MouseButton.LeftButton)
    assert not window.isVisible()
    assert [t for t, _ in ctx.prompts.shown] == ["Sign out", "Sign out"]


def test_the_lock_checks_the_password_like_the_login(qtbot, make_ctx, gui_centre) -> None:  # noqa: ANN001
    """Wrong passwords at the lock count towards the account lock like at the login."""
    ctx, _window, lock = _desk(qtbot, make_ctx, idle_ms=60_000, language="en")
    lock.lock()
    dialog = lock.dialog
    assert dialog is not None
    dialog.try_unlock()  # empty
    assert dialog.message.text() == "Enter your password."
    errors: list[BaseException] = []
    dialog._refused = lambda exc: errors.append(exc)  # noqa: SLF001 - observe the refusal
    dialog.password_edit.setText("wrong-again")
    dialog.try_unlock()
    wait_idle(qtbot, ctx)
    assert isinstance(errors[0], PermissionDenied)
    with gui_centre.db.uow() as uow:
        state = uow.audit.login_state(ctx.actor.user_id or 0)
    assert state.failed_logins == 1
