"""The dialog at start: creates the first administrator on an empty database, then asks for user name and password."""
from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from app.messages import error_text
from app.services import accounts
from app.services.actors import Actor, this_workstation
from app.services.errors import LoginRefused
from app.ui.workers import JobRunner


class LoginDialog(QDialog):
    """Accepted with `self.actor` set once a user has logged in (or the first administrator was created and logged in).

    Pages: "checking" (is there an administrator yet?), "first_admin" (create one), "login".
    """

    def __init__(self, sf: sessionmaker[Session], workstation: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.sf = sf
        self.workstation = workstation or this_workstation()
        self.actor: Actor | None = None
        self.jobs = JobRunner(self)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("丰台区 12345 接诉即办工作台 — 登录"))
        self.setMinimumWidth(420)

        self.stack = QStackedWidget(self)
        self.checking = QLabel(self.tr("正在连接数据库…"), alignment=Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.checking)
        self.stack.addWidget(self._build_first_admin())
        self.stack.addWidget(self._build_login())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self._unpause = QTimer(self, singleShot=True)
        self._unpause.timeout.connect(self._pause_over)
        self._tried_password = ""
        self._failed_password: str | None = None  # the password of the last refused attempt
        self._queued = False  # Enter pressed during the pause with a new password: log in when it is over
        self.jobs.start(accounts.admin_exists, self.sf, on_done=self._checked, on_error=self._check_failed)

    # ------------------------------------------------------------ pages

    def _build_first_admin(self) -> QWidget:
        page = QWidget(objectName="firstAdminPage")
        intro = QLabel(self.tr("这是第一次启动:请创建系统管理员账号。管理员可以再为其他工作人员开设账号。"), wordWrap=True)
        self.admin_username = QLineEdit(objectName="adminUsername", text="admin")
        self.admin_display_name = QLineEdit(objectName="adminDisplayName")
        self.admin_password = QLineEdit(objectName="adminPassword", echoMode=QLineEdit.EchoMode.Password)
        self.admin_password2 = QLineEdit(objectName="adminPassword2", echoMode=QLineEdit.EchoMode.Password)
        self.admin_password.setPlaceholderText(self.tr("至少 {n} 位").format(n=accounts.MIN_PASSWORD_LENGTH))
        self.create_admin_button = QPushButton(self.tr("创建管理员"), objectName="createAdminButton")
        self.create_admin_button.clicked.connect(self._create_admin)
        self.first_message = QLabel(objectName="firstAdminMessage", wordWrap=True)
        form = QFormLayout()
        form.addRow(self.tr("用户名(&U)"), self.admin_username)
        form.addRow(self.tr("姓名(&N)"), self.admin_display_name)
        form.addRow(self.tr("密码(&P)"), self.admin_password)
        form.addRow(self.tr("再次输入密码(&R)"), self.admin_password2)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.first_message)
        layout.addWidget(self.create_admin_button)
        return page

    def _build_login(self) -> QWidget:
        page = QWidget(objectName="loginPage")
        self.username = QLineEdit(objectName="loginUsername")
        self.password = QLineEdit(objectName="loginPassword", echoMode=QLineEdit.EchoMode.Password)
        self.login_button = QPushButton(self.tr("登录"), objectName="loginButton")
        self.login_button.clicked.connect(self._login)
        self.password.returnPressed.connect(self._login)
        # Enter in the user name goes on to the password; it never presses the default (login) button
        self.username.installEventFilter(self)
        self.login_message = QLabel(objectName="loginMessage", wordWrap=True)
        form = QFormLayout()
        form.addRow(self.tr("用户名(&U)"), self.username)
        form.addRow(self.tr("密码(&P)"), self.password)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.login_message)
        layout.addWidget(self.login_button)
        return page

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (obj is self.username and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            if self.username.text().strip():
                self.password.setFocus()
            return True
        return super().eventFilter(obj, event)

    def page(self) -> str:
        return {0: "checking", 1: "first_admin", 2: "login"}[self.stack.currentIndex()]

    # ------------------------------------------------------------ flow

    def _checked(self, admin_exists: bool) -> None:
        if admin_exists:
            self._show_login()
        else:
            self.stack.setCurrentIndex(1)
            self.create_admin_button.setDefault(True)
            self.admin_display_name.setFocus()

    def _check_failed(self, exc: Exception) -> None:
        self.checking.setText(error_text(exc))

    def _show_login(self, username: str = "", note: str = "") -> None:
        self.stack.setCurrentIndex(2)
        self.login_button.setDefault(True)
        self.username.setText(username)
        self.login_message.setText(note)
        (self.password if username else self.username).setFocus()

    def _create_admin(self) -> None:
        self.create_admin_button.setEnabled(False)
        self.first_message.setText(self.tr("正在创建…"))
        self.jobs.start(accounts.create_first_admin, self.sf, self.admin_username.text(), self.admin_display_name.text(),
                        self.admin_password.text(), self.admin_password2.text(), self.workstation,
                        on_done=self._admin_created, on_error=self._admin_failed)

    def _admin_created(self, actor: Actor) -> None:
        self.admin_password.clear()
        self.admin_password2.clear()
        self._show_login(self.admin_username.text().strip(), self.tr("管理员账号已创建,请用新密码登录。"))

    def _admin_failed(self, exc: Exception) -> None:
        self.create_admin_button.setEnabled(True)
        self.first_message.setText(error_text(exc))

    def _login(self) -> None:
        if not self.login_button.isEnabled():
            if self._unpause.isActive():
                self._enter_during_pause()
            return  # otherwise the previous attempt is still being checked ("正在验证…")
        if not self.username.text().strip():
            self.login_message.setText(self.tr("请输入用户名"))
            self.username.setFocus()
            return
        self._queued = False
        self._tried_password = self.password.text()
        self.login_button.setEnabled(False)
        self.login_message.setText(self.tr("正在验证…"))
        self.jobs.start(accounts.login, self.sf, self.username.text(), self.password.text(), self.workstation,
                        on_done=self._logged_in, on_error=self._login_failed)

    def _logged_in(self, actor: Actor) -> None:
        self.actor = actor
        self.password.clear()
        self.accept()

    def _enter_during_pause(self) -> None:
        """Enter while the account waits after a wrong password: a new password is sent when the pause is over;
        the same password again is not sent (it would only count as one more failure), and the dialog says so."""
        seconds = max(1, math.ceil(self._unpause.remainingTime() / 1000))
        if self.password.text() and self.password.text() != self._failed_password:
            self._queued = True
            self.login_message.setText(self.tr("请稍候:{n} 秒后自动用新输入的密码登录").format(n=seconds))
        else:
            self._queued = False
            self.login_message.setText(self.tr("密码与刚才的相同,未再次提交;请输入正确的密码,{n} 秒后可再登录").format(
                n=seconds))

    def _pause_over(self) -> None:
        self.login_button.setEnabled(True)
        if self._queued:
            self._login()

    def _login_failed(self, exc: Exception) -> None:
        self._failed_password = self._tried_password
        self.login_message.setText(error_text(exc))
        self.password.selectAll()
        self.password.setFocus()
        pause = exc.retry_after if isinstance(exc, LoginRefused) and exc.reason in ("wrong_password", "wait") else 0
        if pause > 0:  # the service refuses attempts during the pause anyway; the button says so
            self._unpause.start(int(pause * 1000))
        else:
            self.login_button.setEnabled(True)


def sign_in(sf: sessionmaker[Session], parent: QWidget | None = None) -> Actor | None:
    """Show the dialog; the Actor who logged in, or None when the user closed it."""
    dialog = LoginDialog(sf, this_workstation(), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor
