"""Files the commands and the dashboard write: never the database, never a link or a folder, an existing
file only when asked, whole or not at all."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import db
from app.cli import main
from app.models import Case
from tests.exchange_files import generated_rows, write_csv


def _cases(url: str) -> int:
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(Case))
    finally:
        engine.dispose()


@pytest.fixture
def filled(sqlite_url, tmp_path, capsys):
    assert main(["import", str(write_csv(tmp_path / "in.csv", generated_rows(20))), "--db", sqlite_url]) == 0
    capsys.readouterr()
    return sqlite_url, Path(sqlite_url.removeprefix("sqlite:///"))


def _one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
@pytest.mark.parametrize("side", ["", "-wal", "-shm"])
def test_export_never_writes_over_the_database_or_its_log(filled, capsys, side, force):
    url, path = filled
    console = sqlite3.connect(path, isolation_level=None)  # an open console keeps -wal and -shm beside the file
    console.execute("SELECT count(*) FROM cases").fetchone()
    target = Path(f"{path}{side}")
    assert target.exists()
    before = path.read_bytes()
    assert main(["export", str(target), "--db", url, *force]) == 2
    assert "is the database itself" in _one_error_line(capsys)
    assert path.read_bytes() == before
    console.close()
    assert _cases(url) == 20


def test_export_never_writes_over_the_database_by_another_name(filled, tmp_path, capsys):
    url, path = filled
    os.link(path, tmp_path / "alias.db")  # a hard link: the same file under another name
    assert main(["export", str(tmp_path / "alias.db"), "--db", url, "--force"]) == 2
    assert "is the database itself" in _one_error_line(capsys)
    assert _cases(url) == 20


def test_export_never_writes_over_another_database_file(filled, tmp_path, capsys):
    url, _path = filled
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    before = other.read_bytes()
    assert main(["export", str(other), "--db", url, "--force"]) == 2
    assert "is a SQLite database file" in _one_error_line(capsys)
    assert other.read_bytes() == before


def test_export_replaces_a_file_only_with_force(filled, tmp_path, capsys):
    url, _path = filled
    target = tmp_path / "cases.csv"
    target.write_text("earlier export")
    assert main(["export", str(target), "--db", url]) == 2
    assert "already exists (add --force to replace it)" in _one_error_line(capsys)
    assert target.read_text() == "earlier export"
    assert main(["export", str(target), "--db", url, "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("case_no,")


def test_export_never_replaces_a_read_only_file(filled, tmp_path, capsys):
    url, _path = filled
    target = tmp_path / "kept.csv"
    target.write_text("protected on purpose")
    target.chmod(0o444)
    assert main(["export", str(target), "--db", url, "--force"]) == 2
    assert "the file is read-only" in _one_error_line(capsys)
    assert target.read_text() == "protected on purpose"


def test_export_refuses_a_link_and_a_folder(filled, tmp_path, capsys):
    url, _path = filled
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not yours")
    (tmp_path / "link.csv").symlink_to(elsewhere)
    assert main(["export", str(tmp_path / "link.csv"), "--db", url, "--force"]) == 2
    assert "is a symbolic link" in _one_error_line(capsys)
    assert elsewhere.read_text() == "not yours"
    (tmp_path / "folder.csv").mkdir()
    assert main(["export", str(tmp_path / "folder.csv"), "--db", url, "--force"]) == 2
    assert "is a folder" in _one_error_line(capsys)


def test_export_leaves_nothing_beside_the_file(filled, tmp_path, capsys):
    url, _path = filled
    (tmp_path / "out").mkdir()
    assert main(["export", str(tmp_path / "out" / "cases.csv"), "--db", url]) == 0
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["cases.csv"]


def test_snapshot_never_writes_over_its_own_source(filled, capsys):
    url, path = filled
    before = path.read_bytes()
    assert main(["snapshot", str(path), "--db", url, "--force"]) == 2
    assert "is the database itself" in _one_error_line(capsys)
    assert path.read_bytes() == before and _cases(url) == 20


def test_snapshot_replaces_an_older_snapshot_but_no_other_database(filled, tmp_path, capsys):
    url, _path = filled
    laptop = tmp_path / "laptop.db"
    assert main(["snapshot", str(laptop), "--db", url]) == 0
    capsys.readouterr()
    assert main(["snapshot", str(laptop), "--db", url]) == 2
    assert "already exists" in _one_error_line(capsys)
    assert main(["snapshot", str(laptop), "--db", url, "--force"]) == 0  # this week's copy over last week's
    capsys.readouterr()
    other = tmp_path / "someone-elses.db"
    other_engine = db.make_engine(f"sqlite:///{other}")
    db.upgrade(other_engine)
    db.sqlite_checkpoint(other_engine)
    other_engine.dispose()
    assert main(["snapshot", str(other), "--db", url, "--force"]) == 2
    assert "is a SQLite database file" in _one_error_line(capsys)


def test_dashboard_export_never_writes_over_the_database(qtbot, sqlite_url, monkeypatch, tmp_path):
    from PySide6.QtGui import QAction

    from app.ui.dashboard.tab import DashboardTab
    from tests.dashboard_helpers import history_context, wait_drawn

    _history, ctx = history_context(sqlite_url, monkeypatch)
    tab = DashboardTab(ctx)
    qtbot.addWidget(tab)
    wait_drawn(qtbot, tab)
    database = Path(sqlite_url.removeprefix("sqlite:///"))
    renamed = tmp_path / "hotline.csv"  # the save dialog is given a name that is the database
    os.link(database, renamed)
    before = database.read_bytes()
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(renamed), ""))
    with qtbot.waitSignal(tab.exporter.failed, timeout=15000) as failed:
        tab.findChild(QAction, "rankingExportCsv").trigger()
    assert "这是数据库文件" in failed.args[0]
    assert database.read_bytes() == before
    ctx.engine.dispose()


def test_a_killed_exports_temporary_file_is_removed_by_the_next_export(filled, tmp_path, capsys):
    """A kill -9 leaves the temporary file (names and phones) beside the target; the next write of that
    target removes it, because the process that made it is gone."""
    url, _path = filled
    (tmp_path / "out").mkdir()
    orphan = tmp_path / "out" / ".cases.csv.999999999.x1y2.part"  # no process has that id (above pid_max)
    orphan.write_text("case_no,caller_name\n1,张三\n")
    assert main(["export", str(tmp_path / "out" / "cases.csv"), "--db", url]) == 0
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["cases.csv"]
