"""A newcomer starts the console: creates the administrator, logs in; wrong passwords, locks and disabled accounts."""
from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from app.models import Staff
from app.services import accounts, clock
from app.services.errors import LoginRefused
from app.ui.login_dialog import LoginDialog
from tests.conftest import make_actor


@pytest.fixture
def dialog(qtbot, sqlite_sf):
    dlg = LoginDialog(sqlite_sf, "ws-test")
    qtbot.addWidget(dlg)
    return dlg


def _wait_page(qtbot, dlg, page):
    qtbot.waitUntil(lambda: dlg.page() == page)


def _log_in(qtbot, dlg, username, password):
    dlg.username.setText(username)
    dlg.password.setText(password)
    qtbot.mouseClick(dlg.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.login_button.isEnabled() or dlg.result() == QDialog.DialogCode.Accepted
                    or dlg.login_message.text() not in ("", "正在验证…"))


def test_first_start_creates_the_administrator_then_logs_in(qtbot, dialog, sqlite_sf):
    _wait_page(qtbot, dialog, "first_admin")
    dialog.admin_username.setText("admin")
    dialog.admin_display_name.setText("张管理")
    dialog.admin_password.setText("short")
    dialog.admin_password2.setText("short")
    qtbot.mouseClick(dialog.create_admin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.create_admin_button.isEnabled())
    assert "密码太短(至少 8 位)" in dialog.first_message.text()
    dialog.admin_password.setText("admin-pass-1")
    dialog.admin_password2.setText("admin-pass-2")
    qtbot.mouseClick(dialog.create_admin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.create_admin_button.isEnabled())
    assert "两次输入的密码不一致" in dialog.first_message.text()
    assert not accounts.admin_exists(sqlite_sf)

    dialog.admin_password2.setText("admin-pass-1")
    qtbot.mouseClick(dialog.create_admin_button, Qt.MouseButton.LeftButton)
    _wait_page(qtbot, dialog, "login")
    assert dialog.username.text() == "admin"
    assert "管理员账号已创建" in dialog.login_message.text()
    with qtbot.waitSignal(dialog.accepted):
        dialog.password.setText("admin-pass-1")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert (dialog.actor.role, dialog.actor.name, dialog.actor.workstation) == ("admin", "张管理", "ws-test")
    with sqlite_sf() as s:
        assert s.scalar(select(Staff.display_name).where(Staff.role == "admin")) == "张管理"


@pytest.fixture
def staffed(sqlite_sf):
    admin = accounts.create_first_admin(sqlite_sf, "admin", "管理员", "admin-pass-1")
    accounts.create_staff(sqlite_sf, admin, "li", "李接线", "receptionist", "secret-pass")
    return admin


def test_wrong_password_says_so_and_the_pause_reenables_login(qtbot, staffed, dialog):
    _wait_page(qtbot, dialog, "login")
    _log_in(qtbot, dialog, "li", "not-the-password")
    assert dialog.login_message.text().startswith("用户名或密码错误")
    assert dialog.result() != QDialog.DialogCode.Accepted
    qtbot.waitUntil(dialog.login_button.isEnabled, timeout=5000)  # after the one-second pause


def test_locked_account_answers_as_a_wrong_password(qtbot, staffed, dialog, sqlite_sf):
    now = clock.now()
    for i in range(5):
        with pytest.raises(LoginRefused):
            accounts.login(sqlite_sf, "li", "bad-guess", "ws", now=now + timedelta(seconds=20 * i))
    _wait_page(qtbot, dialog, "login")
    _log_in(qtbot, dialog, "li", "secret-pass")  # the right password, but locked: nothing tells the lock apart
    locked = dialog.login_message.text()
    qtbot.waitUntil(dialog.login_button.isEnabled, timeout=5000)
    _log_in(qtbot, dialog, "nobody", "secret-pass")
    assert locked == dialog.login_message.text() == (
        "用户名或密码错误;连续输错须稍候再试,多次输错账号将被锁定(可请管理员解锁)")
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_disabled_account_is_refused(qtbot, staffed, dialog, sqlite_sf):
    li = next(s for s in accounts.list_staff(sqlite_sf, make_actor("admin")) if s.username == "li")
    accounts.set_active(sqlite_sf, staffed, li.id, False)
    _wait_page(qtbot, dialog, "login")
    _log_in(qtbot, dialog, "li", "secret-pass")
    assert dialog.login_message.text() == "该账号已停用,请联系管理员"


def test_staff_member_logs_in(qtbot, staffed, dialog):
    _wait_page(qtbot, dialog, "login")
    with qtbot.waitSignal(dialog.accepted):
        _log_in(qtbot, dialog, "li", "secret-pass")
    assert (dialog.actor.role, dialog.actor.name) == ("receptionist", "李接线")


def test_user_changes_own_password_in_the_dialog(qtbot, staffed, sqlite_url, sqlite_sf):
    from app.ui.application import open_context
    from app.ui.password_dialog import ChangePasswordDialog

    me = accounts.login(sqlite_sf, "li", "secret-pass", "ws")
    ctx = open_context(sqlite_url, me)
    dlg = ChangePasswordDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.old.setText("wrong-old")
    dlg.new.setText("next-pass-1")
    dlg.repeat.setText("next-pass-1")
    dlg.buttons.accepted.emit()
    qtbot.waitUntil(dlg.buttons.isEnabled)
    assert dlg.message.text() == "原密码不正确"
    dlg.old.setText("secret-pass")
    with qtbot.waitSignal(dlg.accepted):
        dlg.buttons.accepted.emit()
    assert accounts.login(sqlite_sf, "li", "next-pass-1", "ws").staff_id == me.staff_id
    ctx.engine.dispose()


def _failures(sf, username="li") -> int:
    with sf() as s:
        return s.scalar(select(Staff.failed_logins).where(Staff.username == username))


def test_enter_in_the_user_name_goes_to_the_password_and_counts_no_failure(qtbot, staffed, dialog, sqlite_sf):
    dialog.show()
    _wait_page(qtbot, dialog, "login")
    assert dialog.focusWidget() is dialog.username
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)  # nothing typed yet: stays, says nothing
    assert dialog.focusWidget() is dialog.username and dialog.login_message.text() == ""
    qtbot.keyClicks(dialog.username, "li")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.password
    assert dialog.login_message.text() == "" and dialog.jobs.pending() == 0
    assert _failures(sqlite_sf) == 0
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClicks(dialog.password, "secret-pass")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor.name == "李接线" and _failures(sqlite_sf) == 0


def test_enter_during_the_pause_is_not_dropped(qtbot, staffed, dialog, sqlite_sf):
    dialog.show()
    _wait_page(qtbot, dialog, "login")
    qtbot.keyClicks(dialog.username, "li")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.password, "secret-pas")  # a typo
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.login_message.text().startswith("用户名或密码错误"))
    assert not dialog.login_button.isEnabled() and _failures(sqlite_sf) == 1  # the one-second pause
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # the same password again, at once
    assert dialog.login_message.text().startswith("密码与刚才的相同,未再次提交")
    qtbot.keyClicks(dialog.password, "secret-pass")  # the text was selected: typing replaces it
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.login_message.text().startswith("请稍候:") and "自动用新输入的密码登录" in dialog.login_message.text()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        pass
    assert dialog.actor.name == "李接线" and _failures(sqlite_sf) == 0
