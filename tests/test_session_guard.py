"""A console whose account is disabled or changed by an administrator meanwhile stops within half a minute."""
from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QMessageBox

from app.services import accounts
from app.ui import application
from app.ui.main_window import MainWindow
from tests.conftest import make_actor

PASSWORD = "s3cret-pass-1"


@pytest.fixture
def signed_in(qtbot, sqlite_url):
    """A receptionist signed in at a console (the real window), and the administrator's actor."""
    ctx = application.open_context(sqlite_url)
    admin = make_actor("admin")
    info = accounts.create_staff(ctx.sf, admin, "li.na", "李娜", "receptionist", PASSWORD)
    ctx.actor = accounts.login(ctx.sf, "li.na", PASSWORD, "ws-7")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    yield ctx, window, admin, info.id
    ctx.engine.dispose()


def _ended_box(qtbot, window) -> QMessageBox:
    with qtbot.waitSignal(window.guard.ended, timeout=10_000):
        window.guard.check()
    box = window.findChild(QMessageBox, "sessionEndedBox")
    qtbot.waitUntil(box.isVisible)
    return box


def test_a_disabled_account_stops_the_console_with_a_message(qtbot, signed_in):
    ctx, window, admin, staff_id = signed_in
    with qtbot.assertNotEmitted(window.guard.ended, wait=300):
        window.guard.check()  # nothing changed: the session goes on
        qtbot.waitUntil(lambda: not window.guard._checks.pending())
    accounts.set_active(ctx.sf, admin, staff_id, False)
    box = _ended_box(qtbot, window)
    assert box.text() == "管理员已停用您的账号,本工作台已退出。未保存的内容没有写入。"
    assert not window.centralWidget().isEnabled() and not window.menuBar().isEnabled()
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not window.isVisible())


@pytest.mark.parametrize("change", ["role", "gone"])
def test_a_changed_or_removed_account_asks_to_sign_in_again(qtbot, signed_in, change):
    ctx, window, admin, staff_id = signed_in
    if change == "role":
        accounts.update_staff(ctx.sf, admin, staff_id, "李娜", "dispatcher")
        expected = "管理员已变更您的角色或单位,请重新登录。未保存的内容没有写入。"
    else:  # accounts are disabled, never deleted; a database restored from an older copy may lack it
        window.guard.actor = replace(ctx.actor, staff_id=staff_id + 1000)
        expected = "您的账号已不存在,本工作台已退出。未保存的内容没有写入。"
    assert _ended_box(qtbot, window).text() == expected


def test_a_console_without_an_account_is_never_stopped(sqlite_url):
    ctx = application.open_context(sqlite_url)
    assert accounts.session_ended(ctx.sf, ctx.actor) is None
    ctx.engine.dispose()
