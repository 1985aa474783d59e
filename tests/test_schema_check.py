"""Who migrates: the embedded SQLite file migrates itself; a shared PostgreSQL database only by `db upgrade`
(under an advisory lock); a database from a newer program is refused by every command and by the console."""
from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select, text

from app import db
from app.cli import main
from app.models import Unit
from app.services.errors import SchemaMismatch
from app.ui import application

OLDER = "0004_callback_claims"
FUTURE = "0099_from_a_newer_console"


def _at(url: str, revision: str) -> None:
    engine = db.make_engine(url)
    if revision == FUTURE:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": FUTURE})
    else:
        db.downgrade(engine, revision)
    engine.dispose()


def _revision(url: str) -> str | None:
    engine = db.make_engine(url)
    try:
        return db.current_revision(engine)
    finally:
        engine.dispose()


def _commands(url: str, tmp_path) -> list[list[str]]:
    exchange = tmp_path / "in.csv"
    exchange.write_text("case_no\n", encoding="utf-8")
    return [
        ["accounts", "list", "--db", url],
        ["export", str(tmp_path / "out.csv"), "--db", url],
        ["import", str(exchange), "--db", url],
        ["rank", "--period", "2022-08", "--db", url],
        ["demo", "--cases", "10", "--db", url],
        ["snapshot", str(tmp_path / "copy.db"), "--db", url],
        ["db", "rebuild-stats", "--db", url],
    ]


def _refuses(argv, capsys, needle: str) -> None:
    assert main(argv) == 2, argv
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0], (argv, captured.err)
    assert "Traceback" not in captured.err


def test_a_postgresql_database_is_migrated_only_by_db_upgrade(pg_server, pg_template, tmp_path, capsys):
    from tests.conftest import new_pg_url

    url = new_pg_url(pg_server, pg_template)
    _at(url, OLDER)
    for argv in _commands(url, tmp_path):
        _refuses(argv, capsys, f"the database is at revision {OLDER}, this program needs {db.head_revision()}: "
                               "run `hotline db upgrade`")
        assert _revision(url) == OLDER  # nothing migrated it under the other workstations' feet
    with pytest.raises(SchemaMismatch) as refused:
        application.open_context(url)
    assert (refused.value.current, refused.value.head, refused.value.newer) == (OLDER, db.head_revision(), False)
    assert _revision(url) == OLDER
    assert main(["db", "upgrade", "--db", url]) == 0
    assert _revision(url) == db.head_revision()
    assert main(["accounts", "list", "--db", url]) == 0


def test_an_empty_postgresql_database_waits_for_db_upgrade(pg_server, capsys):
    name = "hotline_schema_empty"
    admin = db.make_engine(pg_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = pg_server.url(name)
    _refuses(["accounts", "list", "--db", url], capsys, "revision none (empty)")
    assert _revision(url) is None
    assert main(["db", "upgrade", "--db", url]) == 0
    assert main(["accounts", "list", "--db", url]) == 0


def test_an_older_sqlite_file_migrates_itself_but_rank_only_reads(sqlite_url, capsys):
    _at(sqlite_url, OLDER)
    _refuses(["rank", "--period", "2022-08", "--db", sqlite_url], capsys, "run `hotline db upgrade`")
    assert _revision(sqlite_url) == OLDER
    assert main(["accounts", "list", "--db", sqlite_url]) == 0
    assert _revision(sqlite_url) == db.head_revision()
    _at(sqlite_url, OLDER)
    application.open_context(sqlite_url).engine.dispose()
    assert _revision(sqlite_url) == db.head_revision()


def test_a_database_from_a_newer_program_is_refused_everywhere(db_url, tmp_path, capsys, monkeypatch, qtbot):
    _at(db_url, FUTURE)
    message = f"the database is at revision {FUTURE}, newer than this program ({db.head_revision()})"
    for argv in [*_commands(db_url, tmp_path), ["db", "upgrade", "--db", db_url]]:
        _refuses(argv, capsys, message)
    assert _revision(db_url) == FUTURE
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, body: shown.append(body))
    assert application.run_console(db_url, None) == 1
    assert f"数据库版本为 {FUTURE},比本程序(需要 {db.head_revision()})新:请使用新版本的工作台" in shown[0]
    assert _revision(db_url) == FUTURE


def test_db_upgrade_from_two_workstations_at_once_migrates_once(pg_server):
    name = "hotline_schema_race"
    admin = db.make_engine(pg_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = pg_server.url(name)
    barrier = threading.Barrier(3)
    outcomes = []

    def run():
        barrier.wait()
        try:
            outcomes.append(main(["db", "upgrade", "--db", url]))
        except Exception as exc:  # noqa: BLE001  (checked below)
            outcomes.append(exc)

    threads = [threading.Thread(target=run, daemon=True) for _ in range(3)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 120
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))
    assert not any(t.is_alive() for t in threads), "upgrades still waiting for each other"
    assert outcomes == [0, 0, 0]
    engine = db.make_engine(url)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Unit)) == 57  # reference data loaded once
    assert db.current_revision(engine) == db.head_revision()
    engine.dispose()
