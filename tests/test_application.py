"""Starting the console: the window opens on a database; a database that cannot be opened gets a message."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.ui import application
from app.ui.main_window import MainWindow


def test_console_opens_on_a_new_sqlite_file(qtbot, tmp_path):
    ctx = application.open_context(f"sqlite:///{tmp_path / 'new.db'}")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert (tmp_path / "new.db").exists()
    assert "丰台区" in window.windowTitle()
    assert len(ctx.directory.streets()) == 26


def test_unreachable_database_is_reported_without_traceback(qtbot, monkeypatch, capsys):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
    code = application.run_console("postgresql+psycopg://nobody@127.0.0.1:1/nothing", None)
    assert code == 1
    assert shown and shown[0][0] == "无法打开数据库"
    assert "127.0.0.1" in shown[0][1]
    assert "Traceback" not in capsys.readouterr().err


def test_bad_url_is_reported(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
    assert application.run_console("nonsense://", None) == 1
    assert shown


def test_cli_reports_a_bad_url(capsys):
    from app.cli import main

    assert main(["db", "upgrade", "--db", "nonsense://"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "Traceback" not in err


def test_cannot_open_dialog_never_shows_the_password(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
    code = application.run_console("postgresql+psycopg://clerk:Sup3r-S3cret@127.0.0.1:1/hotline", None)
    assert code == 1
    assert "postgresql+psycopg://clerk:***@127.0.0.1:1/hotline" in shown[0][1]
    assert "Sup3r-S3cret" not in shown[0][1]


def test_error_texts_lose_the_urls_password():
    from app import db

    url = "postgresql+psycopg://bob:s%40cr3t@db.example:5432/hotline"
    assert db.display_url(url) == "postgresql+psycopg://bob:***@db.example:5432/hotline"
    assert db.without_password(f"cannot connect to {url} as bob with s@cr3t", url) == (
        "cannot connect to postgresql+psycopg://bob:***@db.example:5432/hotline as bob with ***")
    assert db.display_url("nonsense://bob:pw@x:port/y") == "nonsense://bob:***@x:port/y"
