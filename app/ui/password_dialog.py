"""The logged-in user changes their own password (after an administrator set a temporary one)."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.messages import error_text
from app.services import accounts
from app.ui.context import AppContext
from app.ui.workers import JobRunner


class ChangePasswordDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.jobs = JobRunner(self)
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("修改密码"))
        self.old = QLineEdit(objectName="oldPassword", echoMode=QLineEdit.EchoMode.Password)
        self.new = QLineEdit(objectName="newPassword", echoMode=QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(objectName="newPassword2", echoMode=QLineEdit.EchoMode.Password)
        self.new.setPlaceholderText(self.tr("至少 {n} 位").format(n=accounts.MIN_PASSWORD_LENGTH))
        self.message = QLabel(objectName="changePasswordMessage", wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("原密码(&O)"), self.old)
        form.addRow(self.tr("新密码(&N)"), self.new)
        form.addRow(self.tr("再次输入新密码(&R)"), self.repeat)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _save(self) -> None:
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("正在保存…"))
        self.jobs.start(accounts.change_own_password, self.ctx.sf, self.ctx.actor, self.old.text(), self.new.text(),
                        self.repeat.text(), on_done=lambda _none: self.accept(), on_error=self._failed)

    def _failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(error_text(exc))
