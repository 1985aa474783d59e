"""The console asks who is working before the main window opens; closing the dialog ends the program."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel

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
