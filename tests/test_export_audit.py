"""Copies of citizens' data that leave the database (exchange CSV, offline snapshot) are written to the access log."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app import db
from app.cli import main
from app.models import AccessLog


def _exports(url):
    engine = db.make_engine(url)
    try:
        with db.make_session_factory(engine)() as s:
            return s.execute(select(AccessLog.staff_id, AccessLog.detail).where(AccessLog.action == "export")).all()
    finally:
        engine.dispose()


def test_export_of_cases_is_written_to_the_access_log(sqlite_url, tmp_path, capsys):
    from tests.exchange_files import generated_rows, write_csv

    assert main(["import", str(write_csv(tmp_path / "in.csv", generated_rows(30))), "--db", sqlite_url]) == 0
    target = tmp_path / "out.csv"
    assert main(["export", str(target), "--db", sqlite_url]) == 0
    [(staff, detail)] = _exports(sqlite_url)
    assert staff is None and detail.startswith(f"exchange CSV: 30 rows → {target}")


def test_snapshot_for_a_laptop_is_written_to_the_access_log(sqlite_url, tmp_path, capsys):
    from tests.exchange_files import generated_rows, write_csv

    assert main(["import", str(write_csv(tmp_path / "in.csv", generated_rows(12))), "--db", sqlite_url]) == 0
    target = tmp_path / "laptop.db"
    assert main(["snapshot", str(target), "--db", sqlite_url, "--cases", "all"]) == 0
    [(staff, detail)] = _exports(sqlite_url)
    assert staff is None and detail == f"snapshot: 12 rows → {target} cases=all"


def _read_only(url: str) -> str:
    """The same SQLite file opened read-only (a write-protected medium, a file without write permission)."""
    return f"sqlite:///file:{url.removeprefix('sqlite:///')}?mode=ro&uri=true"


@pytest.mark.parametrize("command", ["export", "snapshot"])
def test_no_copy_is_left_when_the_access_log_cannot_be_written_to_a_read_only_database(
        sqlite_url, tmp_path, capsys, command):
    from tests.exchange_files import generated_rows, write_csv

    assert main(["import", str(write_csv(tmp_path / "in.csv", generated_rows(12))), "--db", sqlite_url]) == 0
    (tmp_path / "out").mkdir()
    capsys.readouterr()
    assert main([command, str(tmp_path / "out" / "copy"), "--db", _read_only(sqlite_url)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: cannot use the database") and "attempt to write a readonly database" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert list((tmp_path / "out").iterdir()) == []  # no copy of the names and phones without its record
    assert _exports(sqlite_url) == []


@pytest.mark.parametrize("command", ["export", "snapshot"])
def test_no_copy_is_left_when_the_access_log_is_locked(pg_server, pg_template, tmp_path, capsys, command):
    """Another session holds the access log (a long administrator's transaction): the export gives up
    after the server's lock_timeout and leaves no file."""
    from sqlalchemy import text

    from tests.conftest import new_pg_url
    from tests.exchange_files import generated_rows, write_csv

    url = new_pg_url(pg_server, pg_template)
    assert main(["import", str(write_csv(tmp_path / "in.csv", generated_rows(12))), "--db", url]) == 0
    engine = db.make_engine(url)
    with engine.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{engine.url.database}" SET lock_timeout = 500'))
        conn.commit()
    (tmp_path / "out").mkdir()
    capsys.readouterr()
    with engine.connect() as holder:
        holder.execute(text("LOCK TABLE access_log IN EXCLUSIVE MODE"))
        assert main([command, str(tmp_path / "out" / "copy"), "--db", url]) == 2
        holder.rollback()
    engine.dispose()
    err = capsys.readouterr().err
    assert err.startswith("error: cannot use the database") and "lock timeout" in err and "Traceback" not in err
    assert list((tmp_path / "out").iterdir()) == []
    assert _exports(url) == []
