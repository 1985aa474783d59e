"""Files with citizens' personal data are owner-only (0600, folders 0700) whatever the umask; files
without it (the dashboard's rankings and charts) follow the user's umask, so colleagues can read them."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app import db
from app.cli import main
from tests.exchange_files import generated_rows, write_csv


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """The common default: files 0644, folders 0755 unless the program says otherwise."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_database_and_its_logs_are_private(open_umask, tmp_path):
    path = tmp_path / "new-folder" / "hotline.db"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    with engine.connect() as conn:  # open: -wal and -shm exist beside the file
        conn.exec_driver_sql("SELECT 1")
        files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
        assert all(p.exists() for p in files)
        assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
    engine.dispose()
    assert mode(path.parent) == 0o700


def test_the_data_folder_and_its_database_are_private(open_umask, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = db.default_database_path()
    assert path.parent.is_relative_to(tmp_path)
    assert mode(path.parent) == 0o700
    path.write_bytes(b"")  # a database left 0644 by an earlier version is made private at the next start
    os.chmod(path, 0o644)
    db.default_database_path()
    assert mode(path) == 0o600


def test_the_log_file_is_private(open_umask, tmp_path):
    from app.ui.application import private_log_file

    path = private_log_file(str(tmp_path / "data"))
    assert path.name == "hotline.log" and mode(path) == 0o600 and mode(path.parent) == 0o700


def test_the_intake_draft_is_private(open_umask, tmp_path):
    from app.ui.intake.draft_store import DraftStore

    store = DraftStore(tmp_path / "data" / "intake-draft.json")
    store.save({"caller_name": "张三", "caller_phone": "13800138000"})
    assert mode(store.path) == 0o600 and mode(store.path.parent) == 0o700
    assert store.load()[1]["caller_name"] == "张三"


def test_exports_snapshots_and_backups_are_private(open_umask, sqlite_url, tmp_path, capsys):
    assert main(["import", str(write_csv(tmp_path / "in.csv", generated_rows(10))), "--db", sqlite_url]) == 0
    assert main(["export", str(tmp_path / "cases.csv"), "--db", sqlite_url]) == 0
    assert main(["snapshot", str(tmp_path / "laptop.db"), "--db", sqlite_url]) == 0
    engine = db.make_engine(sqlite_url)
    db.backup_sqlite(engine, tmp_path / "copy.db")
    engine.dispose()
    for name in ("cases.csv", "laptop.db", "copy.db"):
        assert mode(tmp_path / name) == 0o600, name


def test_dashboard_rankings_follow_the_umask(open_umask, tmp_path):
    from app.services.table_files import Table, write_table

    write_table(tmp_path / "ranking.csv", Table("t", ("a",), ((1,),)))
    write_table(tmp_path / "ranking.xlsx", Table("t", ("a",), ((1,),)))
    assert mode(tmp_path / "ranking.csv") == 0o644 and mode(tmp_path / "ranking.xlsx") == 0o644
    os.umask(0o077)
    write_table(tmp_path / "private.csv", Table("t", ("a",), ((1,),)))
    assert mode(tmp_path / "private.csv") == 0o600


def test_dashboard_chart_follows_the_umask(open_umask, qapp, tmp_path):
    from PySide6.QtGui import QColor, QImage

    from app.ui.dashboard.exports import save_png

    image = QImage(20, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    save_png(str(tmp_path / "chart.png"), image)
    assert mode(tmp_path / "chart.png") == 0o644
