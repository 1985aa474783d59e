"""Copies of citizens' data that leave the database (exchange CSV, offline snapshot) are written to the access log."""
from __future__ import annotations

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
    assert main(["snapshot", str(target), "--db", sqlite_url]) == 0
    [(staff, detail)] = _exports(sqlite_url)
    assert staff is None and detail.startswith(f"snapshot: 12 rows → {target}")
