"""Every command-line command works the same with --db on SQLite and on PostgreSQL."""
from __future__ import annotations

from sqlalchemy import func, select

from app import db
from app.cli import main
from app.models import StatDaily
from tests.metrics_fixture import build_history


def test_every_command_runs_on_both_backends(db_url, tmp_path, monkeypatch, capsys):
    engine = db.make_engine(db_url)
    build_history(db.make_session_factory(engine), monkeypatch)
    with engine.begin() as conn:
        conn.execute(StatDaily.__table__.delete())  # summaries lost: rebuild-stats brings them back
    assert main(["db", "upgrade", "--db", db_url]) == 0
    assert "(no change)" in capsys.readouterr().out
    assert main(["db", "rebuild-stats", "--db", db_url]) == 0
    assert "summary rebuilt" in capsys.readouterr().out
    with engine.connect() as conn:
        assert conn.scalar(select(func.sum(StatDaily.received))) == 14
    engine.dispose()
    assert main(["rank", "--period", "2022-08", "--db", db_url]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("1,太平桥街道,street,2,2,")
    assert main(["snapshot", str(tmp_path / "copy.db"), "--db", db_url, "--cases", "all"]) == 0
    assert "14 cases" in capsys.readouterr().out


def test_unreachable_server_is_a_clear_error(capsys):
    assert main(["db", "upgrade", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none"]) == 2
    assert "cannot use the database" in capsys.readouterr().err


def test_snapshot_of_a_demo_ranks_like_the_server(db_url, tmp_path, capsys):
    """(import and export run on both backends in tests/test_exchange_cli.py, demo in tests/test_demo.py)"""
    assert main(["demo", "--cases", "300", "--db", db_url]) == 0
    assert main(["snapshot", str(tmp_path / "demo.db"), "--db", db_url]) == 0
    capsys.readouterr()
    outputs = []
    for url in (db_url, f"sqlite:///{tmp_path / 'demo.db'}"):
        for period in ("2022-08", "2022", "2021-Q2"):
            assert main(["rank", "--period", period, "--level", "bureau", "--db", url]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) > 6  # ranked bureaus, not only the headers
