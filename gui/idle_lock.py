"""The desk locks itself after a while without keyboard or mouse input.

:class:`IdleLock` watches every input event of the application (an event filter on the
``QApplication``) and restarts a single-shot timer on each. When the timer runs out it draws
a curtain over every open window of the desk, so that nobody passing by reads a citizen's
details, and shows :class:`LockDialog` (application-modal) asking for the signed-in user's
password. Nothing underneath is closed or reset: an order being registered is there as it was
after unlocking. The password is checked on the database worker (argon2 is slow, and wrong
attempts count towards the account lock); "Sign out" closes the desk instead.

The idle time comes from ``ctx.extras["idle_lock_minutes"]`` (``main.py``: the environment
variable ``HOTLINE_IDLE_LOCK_MINUTES`` or the setting ``idle_lock_minutes``; default 15, 0
never locks) or, for tests, ``ctx.extras["idle_lock_ms"]``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core import admin
from gui.context import DeskContext
from gui.ops import Ops
from gui.prompts import Prompts, error_text

DEFAULT_IDLE_MINUTES = 15
_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
})
_CURTAIN_STYLE = ("QWidget#lockCurtain { background: #1f2d3d; }"
                  "QLabel { color: #ffffff; font-size: 16pt; }")
_MESSAGE_STYLE = "QLabel { color: #cf1322; }"

Verify = Callable[[str], Any]  # password -> anything; raises a DeskError when refused


class _Curtain(QWidget):
    """An opaque cover over one window's contents; follows the window's size."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockCurtain")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(_CURTAIN_STYLE)
        label = QLabel(self.tr("The desk is locked"))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
            self.raise_()
        return False


class LockDialog(QDialog):
    """Asks for the password of ``user_name``; emits :attr:`unlocked` when it is right, or
    :attr:`sign_out_requested`. Escape and the close button do nothing."""

    unlocked = Signal()
    sign_out_requested = Signal()

    def __init__(self, ops: Ops, verify: Verify, user_name: str, language: str,
                 minutes: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockDialog")
        self.setWindowTitle(self.tr("Desk locked"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self._ops = ops
        self._verify = verify
        self._language = language
        self._done = False

        if minutes >= 1:
            why = self.tr("The desk locked itself after %n minute(s) without use.", "",
                          round(minutes))
        else:
            why = self.tr("The desk locked itself after a while without use.")
        intro = QLabel(why + "\n" + self.tr(
            "Enter the password of {user} to go on where you left off.").format(user=user_name))
        intro.setObjectName("lockIntro")
        intro.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("lockPasswordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("Password"))
        self.message = QLabel("")
        self.message.setObjectName("lockMessage")
        self.message.setStyleSheet(_MESSAGE_STYLE)
        self.message.setWordWrap(True)
        self._buttons = QDialogButtonBox()
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.sign_out_button = QPushButton(self.tr("Sign out"))
        self.sign_out_button.setObjectName("signOutButton")
        self.sign_out_button.setAutoDefault(False)
        self._buttons.addButton(self.unlock_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self._buttons.addButton(self.sign_out_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        self.password_edit.returnPressed.connect(self.try_unlock)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.password_edit)
        layout.addWidget(self.message)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(420)

    @Slot()
    def try_unlock(self) -> None:
        password = self.password_edit.text()
        if not password:
            self.message.setText(self.tr("Enter your password."))
            return
        self._set_busy(True)
        self.message.setText(self.tr("Checking…"))
        self._ops.run(lambda: self._verify(password), self._verified, self._refused)

    def _set_busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy)
        self.sign_out_button.setEnabled(not busy)
        self.password_edit.setEnabled(not busy)

    def _verified(self, _result: object) -> None:
        self.finish()
        self.unlocked.emit()

    def _refused(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.message.setText(error_text(exc, self._language))
        self.password_edit.clear()
        self.password_edit.setFocus()

    def finish(self) -> None:
        """Close for good (after unlocking or signing out)."""
        self._done = True
        self.password_edit.clear()
        self.accept()

    def reject(self) -> None:  # Escape: stay locked
        if self._done:
            super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape and not self._done:
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self._done:
            super().closeEvent(event)
        else:
            event.ignore()


class IdleLock(QObject):
    """Owned by the main window. ``idle_ms`` of no input locks; see the module docstring."""

    locked = Signal()
    unlocked = Signal()
    signed_out = Signal()

    def __init__(self, window: QWidget, ops: Ops, prompts: Prompts, verify: Verify,
                 user_name: str, language: str, idle_ms: int) -> None:
        super().__init__(window)
        self._window = window
        self._ops = ops
        self._prompts = prompts
        self._verify = verify
        self._user_name = user_name
        self._language = language
        self._idle_ms = idle_ms
        self._curtains: list[_Curtain] = []
        self.dialog: LockDialog | None = None
        self._timer = QTimer(self)
        self._timer.setObjectName("idleLockTimer")
        self._timer.setSingleShot(True)
        self._timer.setInterval(idle_ms)
        self._timer.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._timer.start()

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    @property
    def idle_ms(self) -> int:
        return self._idle_ms

    def remaining_ms(self) -> int:
        """Milliseconds until the desk locks (-1 while locked)."""
        return self._timer.remainingTime() if self._timer.isActive() else -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
        if self.dialog is None and event.type() in _INPUT_EVENTS:
            self._timer.start()
        return False

    @Slot()
    def lock(self) -> None:
        """Lock now (also what the timer does)."""
        if self.dialog is not None:
            return
        self._timer.stop()
        self._curtains = [_Curtain(w) for w in QApplication.topLevelWidgets()
                          if w.isVisible() and not isinstance(w, LockDialog)]
        dialog = LockDialog(self._ops, self._verify, self._user_name, self._language,
                            self._idle_ms / 60_000, self._window)
        dialog.unlocked.connect(self._on_unlocked)
        dialog.sign_out_requested.connect(self.sign_out)
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        dialog.password_edit.setFocus()
        self.locked.emit()

    def _remove_curtains(self) -> None:
        for curtain in self._curtains:
            curtain.hide()
            curtain.deleteLater()
        self._curtains = []

    @Slot()
    def _on_unlocked(self) -> None:
        self._remove_curtains()
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        self._timer.start()
        self.unlocked.emit()

    @Slot()
    def sign_out(self) -> None:
        """Close the desk after asking (input in open forms is not kept)."""
        parent = self.dialog or self._window
        if not self._prompts.confirm(
                parent, self.tr("Sign out"),
                self.tr("Sign out and close the desk? What you typed in open forms is lost.")):
            return
        if self.dialog is not None:
            self.dialog.finish()
            self.dialog.deleteLater()
            self.dialog = None
        self._remove_curtains()
        self.signed_out.emit()
        self._window.close()


def install_idle_lock(window: QWidget, ctx: DeskContext) -> IdleLock | None:
    """The idle lock for the main window of ``ctx``'s session (None when switched off)."""
    ms = ctx.extras.get("idle_lock_ms")
    if ms is None:
        minutes = ctx.extras.get("idle_lock_minutes", DEFAULT_IDLE_MINUTES)
        ms = int(float(minutes) * 60_000)
    if int(ms) <= 0:
        return None

    def verify(password: str) -> object:
        return admin.authenticate(ctx.uow(), ctx.clock, ctx.actor.username, password)

    return IdleLock(window, ctx.ops, ctx.prompts, verify, ctx.user_name, ctx.language, int(ms))
