"""The login dialog: user name and password, checked off the GUI thread (argon2 is slow)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gui.ops import Ops
from gui.prompts import error_text

Authenticate = Callable[[str, str], Any]  # (username, password) -> the signed-in session


class LoginDialog(QDialog):
    """``authenticate`` runs on the worker and raises a DeskError when the login is refused;
    its result is kept in :attr:`session` and the dialog is accepted."""

    def __init__(self, ops: Ops, authenticate: Authenticate, language: str,
                 db_label: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Sign in to the 8890 desk"))
        self._ops = ops
        self._authenticate = authenticate
        self._language = language
        self.session: Any = None

        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("userEdit")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel("")
        self.message.setObjectName("loginMessage")
        self.message.setStyleSheet("QLabel { color: #cf1322; }")
        self.message.setWordWrap(True)
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Sign in"))
        ok.setDefault(True)
        self._buttons.accepted.connect(self.try_sign_in)
        self._buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("User name:"), self.user_edit)
        form.addRow(self.tr("Password:"), self.password_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if db_label:
            where = QLabel(self.tr("Database: {db}").format(db=db_label))
            where.setObjectName("loginDatabase")
            layout.addWidget(where)
        layout.addWidget(self.message)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(380)

    @Slot()
    def try_sign_in(self) -> None:
        username = self.user_edit.text().strip()
        password = self.password_edit.text()
        if not username or not password:
            self.message.setText(self.tr("Enter your user name and password."))
            return
        self._buttons.setEnabled(False)
        self.message.setText(self.tr("Checking…"))
        self._ops.run(lambda: self._authenticate(username, password), self._signed_in,
                      self._refused)

    def _signed_in(self, session: Any) -> None:
        self.session = session
        self._buttons.setEnabled(True)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self._buttons.setEnabled(True)
        self.message.setText(error_text(exc, self._language))
        self.password_edit.clear()
        self.password_edit.setFocus()
