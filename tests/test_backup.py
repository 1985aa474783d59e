"""Copies of the embedded database: the pre-migration `.bak`, `python main.py backup`, the console's daily backups."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from app import db

ROOT = Path(__file__).resolve().parent.parent


def _previous_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(db.alembic_config())
    return script.get_revision(script.get_current_head()).down_revision


def _complete(path: Path) -> bool:
    """A whole SQLite database: its pages fill the file and the integrity check passes."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        pages, size = conn.execute("PRAGMA page_count").fetchone()[0], conn.execute("PRAGMA page_size").fetchone()[0]
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok" and pages * size == path.stat().st_size
    finally:
        conn.close()


def test_a_kill_during_the_pre_migration_copy_leaves_no_partial_bak(sqlite_url, tmp_path):
    """The console is killed while it copies the database aside before migrating: whatever carries the
    final `.bak` name is a whole database (copied beside under a temporary name, then renamed)."""
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    engine = db.make_engine(sqlite_url)
    with engine.begin() as conn:  # 40 MB, so that the copy takes a while
        conn.exec_driver_sql("CREATE TABLE ballast (x BLOB)")
        conn.exec_driver_sql("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 40) "
                             "INSERT INTO ballast SELECT randomblob(1000000) FROM c")
    db.downgrade(engine, _previous_revision())
    db.sqlite_checkpoint(engine)
    engine.dispose()
    code = f"from app import db; db.upgrade(db.make_engine({sqlite_url!r}))"
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    try:
        seen = None
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            found = [p for p in path.parent.iterdir() if p.name.endswith(".bak")]
            if found:
                os.kill(proc.pid, signal.SIGKILL)  # the moment the final name appears
                seen = found[0]
                break
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    baks = [p for p in path.parent.iterdir() if p.name.endswith(".bak")]
    assert seen is not None or baks, "the upgrade made no copy"
    for bak in baks:
        assert _complete(bak), f"{bak.name} is not a whole database"
        assert bak.stat().st_mode & 0o777 == 0o600


def _build_history(url: str, monkeypatch) -> None:
    from tests.metrics_fixture import build_history

    engine = db.make_engine(url)
    build_history(db.make_session_factory(engine), monkeypatch)
    engine.dispose()


def _outputs(url: str, folder: Path, capsys) -> tuple[str, str, bytes]:
    from app.cli import main

    ranks = []
    for period, level in (("2022-08", "street"), ("2022-07", "bureau")):
        assert main(["rank", "--period", period, "--level", level, "--db", url]) == 0
        ranks.append(capsys.readouterr().out)
    target = folder / "export.csv"
    assert main(["export", str(target), "--db", url]) == 0
    capsys.readouterr()
    return ranks[0], ranks[1], target.read_bytes()


def test_a_restored_backup_gives_the_same_rank_and_export(sqlite_url, tmp_path, monkeypatch, capsys):
    from app.cli import main

    _build_history(sqlite_url, monkeypatch)
    copy = tmp_path / "usb" / "hotline-backup.db"
    copy.parent.mkdir()
    assert main(["backup", str(copy), "--db", sqlite_url]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"backup written to {copy} (") and copy.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in copy.parent.iterdir()] == ["hotline-backup.db"]  # the file alone is the copy
    # README, "Restoring a backup": with every console closed, the copy becomes the database file
    restored = tmp_path / "restored" / "hotline.db"
    restored.parent.mkdir()
    restored.write_bytes(copy.read_bytes())
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert _outputs(f"sqlite:///{restored}", tmp_path / "a", capsys) == _outputs(sqlite_url, tmp_path / "b", capsys)
    assert b"\n" in (tmp_path / "a" / "export.csv").read_bytes()


def test_a_backup_while_a_console_keeps_saving_is_consistent(sqlite_url, tmp_path):
    """A receptionist keeps saving cases during the backup: the backup neither waits for her nor
    stops her, and the copy is a whole database holding the cases saved before it began."""
    import threading
    from datetime import datetime

    from sqlalchemy import func, select

    from app.models import Case
    from app.services import backup, lifecycle
    from app.services.actors import system_actor
    from tests.factories import form

    engine = db.make_engine(sqlite_url)
    sf = db.make_session_factory(engine)
    with engine.begin() as conn:  # some bulk, so that the copy takes a moment
        conn.exec_driver_sql("CREATE TABLE ballast (x BLOB)")
        conn.exec_driver_sql("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 30) "
                             "INSERT INTO ballast SELECT randomblob(1000000) FROM c")
    intake = form(sf, received_at=datetime(2022, 8, 1, 9))
    stop = threading.Event()
    saved, problems = [], []

    def receptionist():
        try:
            while not stop.is_set():
                case = lifecycle.create_case(sf, system_actor(), intake, dispatch=False)
                saved.append(case.id)
        except Exception as exc:
            problems.append(exc)

    worker = threading.Thread(target=receptionist)
    worker.start()
    try:
        deadline = time.monotonic() + 30
        while len(saved) < 3 and not problems and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not problems and len(saved) >= 3
        before = len(saved)
        path = backup.backup(engine, tmp_path / "copy.db")
        during = len(saved)
        time.sleep(0.2)
    finally:
        stop.set()
        worker.join()
    assert len(saved) > during  # she was never stopped
    assert _complete(path)
    copy = db.make_engine(f"sqlite:///{path}")
    with copy.connect() as conn:
        assert before <= conn.scalar(select(func.count()).select_from(Case)) <= len(saved)
    copy.dispose()
    engine.dispose()


def test_backup_refuses_its_own_database_and_other_databases(sqlite_url, tmp_path, capsys):
    from app.cli import main

    source = Path(sqlite_url.removeprefix("sqlite:///"))
    before = source.read_bytes()
    assert main(["backup", str(source), "--db", sqlite_url, "--force"]) == 2
    assert "is the database itself" in capsys.readouterr().err
    assert main(["backup", f"{source}-wal", "--db", sqlite_url, "--force"]) == 2
    assert "is the database itself" in capsys.readouterr().err
    assert source.read_bytes() == before
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    assert main(["backup", str(other), "--db", sqlite_url, "--force"]) == 2
    assert "is a SQLite database file" in capsys.readouterr().err
    first = tmp_path / "monday.db"
    assert main(["backup", str(first), "--db", sqlite_url]) == 0
    assert main(["backup", str(first), "--db", sqlite_url]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["backup", str(first), "--db", sqlite_url, "--force"]) == 0  # an older backup: replaced
    assert main(["backup", str(tmp_path / "x.db"), "--db", f"sqlite:///{tmp_path / 'missing.db'}"]) == 2
    assert "there is no database file at" in capsys.readouterr().err
    assert not (tmp_path / "missing.db").exists()


def test_backup_of_a_server_database_points_to_the_servers_tools(pg_server, pg_template, tmp_path, capsys):
    from app.cli import main
    from tests.conftest import new_pg_url

    url = new_pg_url(pg_server, pg_template)
    assert main(["backup", str(tmp_path / "x.db"), "--db", url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pg_dump" in err and not (tmp_path / "x.db").exists()


def test_the_console_keeps_daily_backups_with_rotation(qtbot, sqlite_url, tmp_path):
    from datetime import date

    from PySide6.QtCore import QSettings

    from app.services import backup
    from app.ui.daily_backup import SETTINGS_KEY, DailyBackups

    engine = db.make_engine(sqlite_url)
    folder = tmp_path / "backups"
    stem = Path(sqlite_url).stem
    for day in range(1, 10):  # nine earlier days
        backup.daily_backup(engine, keep=100, today=date(2022, 8, day), folder=folder)
    (folder / f"{stem}-notes.txt").write_text("not a backup")
    QSettings().setValue(SETTINGS_KEY, 7)
    try:
        keeper = DailyBackups(engine, folder=folder, first_delay_ms=0)
        with qtbot.waitSignal(keeper.made, timeout=30_000) as made:
            keeper.start()
        keeper.stop()
    finally:
        QSettings().remove(SETTINGS_KEY)
    today = folder / f"{stem}-{date.today():%Y%m%d}.db"
    assert made.args == [str(today)] and _complete(today)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{stem}-notes.txt", today.name] + [f"{stem}-202208{d:02d}.db" for d in range(4, 10)])
    assert backup.daily_backup(engine, keep=7, folder=folder) is None  # once a day
    engine.dispose()
