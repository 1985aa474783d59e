"""The console asks who is working before the main window opens; closing the dialog ends the program."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

from app.ui import application, login_dialog
from app.ui.main_window import MainWindow
from tests.conftest import make_actor


def test_closing_the_login_dialog_quits_without_main_window(qtbot, sqlite_url, monkeypatch):
    monkeypatch.setattr(login_dialog, "sign_in", lambda sf, parent=None: None)
    built = []
    monkeypatch.setattr(MainWindow, "show", lambda self: built.append(self))
    assert application.run_console(sqlite_url, None) == 0
    assert built == []


def test_logged_in_user_gets_the_main_window_as_themselves(qtbot, sqlite_url, monkeypatch):
    clerk = make_actor("callback", staff_id=None)
    monkeypatch.setattr(login_dialog, "sign_in", lambda sf, parent=None: clerk)
    shown = []
    monkeypatch.setattr(MainWindow, "show", lambda self: shown.append(self))
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    assert application.run_console(sqlite_url, None) == 0
    [window] = shown
    qtbot.addWidget(window)
    assert window.ctx.actor == clerk
    assert window.tab("adminTab") is None
    assert any("回访员" in label.text() for label in window.statusBar().findChildren(QLabel))


def _log_in_by_keyboard(qtbot, username: str, password: str) -> None:
    """When the login dialog is up (it runs modally inside run_console), type as the user does: name, Tab, password, Enter."""
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    from app.ui.login_dialog import LoginDialog

    def attempt():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LoginDialog) or not dialog.isActiveWindow() or not dialog.username.hasFocus():
            QTimer.singleShot(20, attempt)
            return
        QTest.keyClicks(dialog.username, username)
        QTest.keyClick(dialog.username, Qt.Key.Key_Tab)
        QTest.keyClicks(dialog.password, password)
        QTest.keyClick(dialog.password, Qt.Key.Key_Return)

    QTimer.singleShot(0, attempt)


def _console_after_login(qtbot, sqlite_url, monkeypatch, role: str, right_after) -> MainWindow:
    """Runs the console as the demo account of `role`, logging in by keyboard; `right_after(window)` runs as
    soon as the main window is shown and active (instead of the event loop that would follow)."""
    from app.services import accounts
    from app.ui.application import open_context

    ctx = open_context(sqlite_url)
    admin = accounts.create_first_admin(ctx.sf, "admin", "管理员", "admin-pass-1", "admin-pass-1")
    username, password = next((u, p) for u, p, r in accounts.create_demo_accounts(ctx.sf, admin) if r == role)
    ctx.engine.dispose()
    shown = []
    original_show = MainWindow.show

    def show(self):
        shown.append(self)
        original_show(self)

    def event_loop(app):
        [window] = shown
        qtbot.addWidget(window)
        qtbot.waitUntil(window.isActiveWindow)
        right_after(window)
        return 0

    monkeypatch.setattr(MainWindow, "show", show)
    monkeypatch.setattr(QApplication, "exec", event_loop)
    _log_in_by_keyboard(qtbot, username, password)
    assert application.run_console(sqlite_url, "zh") == 0
    [window] = shown
    assert window.ctx.actor.role == role
    return window


def test_a_receptionist_types_the_callers_number_right_after_logging_in(qtbot, sqlite_url, monkeypatch):
    from PySide6.QtTest import QTest

    typed = []

    def type_number(window):
        QTest.keyClicks(QApplication.focusWidget() or window, "13812345678")
        typed.append(window.tab("intakeTab").findChild(QLineEdit, "phoneEdit").text())

    window = _console_after_login(qtbot, sqlite_url, monkeypatch, "receptionist", type_number)
    assert window.tabs.currentWidget().objectName() == "intakeTab"
    assert typed == ["13812345678"]


@pytest.mark.parametrize("role, desk, first_key_in", [
    ("dispatcher", "casesTab", "casesTable"),
    ("handler", "casesTab", "casesTable"),
    ("supervisor", "dashboardTab", None),
    ("callback", "callbackTab", "callbackRecordPanel"),
])
def test_each_role_opens_on_its_own_desk_with_the_focus_inside_it(qtbot, sqlite_url, monkeypatch, role, desk,
                                                                   first_key_in):
    seen = []

    def look(window):
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        focus = QApplication.focusWidget()
        seen.append((window.tabs.currentWidget().objectName(), focus))

    window = _console_after_login(qtbot, sqlite_url, monkeypatch, role, look)
    [(current, focus)] = seen
    assert current == desk
    assert window.tabs.currentWidget().isAncestorOf(focus) and focus.isVisible()
    if first_key_in is not None:
        named = window.tabs.currentWidget().findChild(QWidget, first_key_in)
        assert focus is named or named.isAncestorOf(focus) or role == "callback" and focus.objectName() == "callbackQueue"


def test_a_callback_clerk_answers_with_keys_right_after_logging_in(qtbot, sqlite_url, monkeypatch):
    from PySide6.QtTest import QTest

    from app.ui.application import open_context
    from tests.callback_cases import make_desk, replied_case

    ctx = open_context(sqlite_url)
    replied_case(ctx.sf, make_desk(ctx.sf))
    ctx.engine.dispose()
    chosen = []

    def answer(window):
        tab = window.tab("callbackTab")
        qtbot.waitUntil(lambda: tab.current is not None and tab.record.isEnabled(), timeout=10_000)
        for key in (Qt.Key.Key_1, Qt.Key.Key_Q, Qt.Key.Key_A):
            QTest.keyClick(QApplication.focusWidget() or window, key)
        chosen.append((tab.record.contacted.value(), tab.record.resolved.value(), tab.record.satisfaction.value()))

    _console_after_login(qtbot, sqlite_url, monkeypatch, "callback", answer)
    assert chosen == [(True, "yes", "satisfied")]


def test_qts_own_file_dialog_speaks_chinese(qtbot, qapp):
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QAbstractButton, QFileDialog

    from app.ui.i18n import install_translators

    locale = QLocale()
    translators = install_translators(qapp, "zh")
    try:
        assert [t.language() for t in translators] == ["zh_CN", "zh_CN"]
        dialog = QFileDialog(None, "导出")
        qtbot.addWidget(dialog)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters(["Excel (*.xlsx)", "CSV (*.csv)"])
        dialog.show()
        qtbot.waitExposed(dialog)
        texts = {w.objectName(): w.text() for w in dialog.findChildren(QLabel)}
        assert texts["lookInLabel"] == "查找范围(&L)：" and texts["fileTypeLabel"] == "文件类型(&T)："
        assert texts["fileNameLabel"] == "文件名称(&N)："
        untranslated = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)
                        if w.isVisible() and w.text().isascii() and any(c.isalpha() for c in w.text())]
        assert untranslated == []
    finally:
        for t in translators:
            qapp.removeTranslator(t)
        QLocale.setDefault(locale)
