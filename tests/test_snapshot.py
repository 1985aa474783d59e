"""`python main.py snapshot FILE.db`: a supervisor takes the figures home; the copy says what the server says."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from app import db
from app.cli import main
from app.models import Callback, Case, CaseEvent, Category, Staff, StatDaily, Unit
from app.services import lifecycle, metrics
from app.services.actors import system_actor
from app.services.periods import parse_period
from app.services.snapshot import write_snapshot
from app.ui.application import open_context
from tests.metrics_fixture import build_history

PERIODS = ("2022-08", "2022-07", "2022-Q3", "2022")


@pytest.fixture
def server(db_url, monkeypatch):
    """The server's database with two months of history, one case merged into an older one, and a staff member."""
    engine = db.make_engine(db_url)
    sf = db.make_session_factory(engine)
    build_history(sf, monkeypatch)
    with sf.begin() as s:
        s.add(Staff(username="supervisor1", display_name="王主任", role="supervisor", password_hash="x",
                    failed_logins=0, active=True, created_at=datetime(2022, 1, 1)))
        first = s.scalar(select(Case.id).order_by(Case.received_at))
        cat = s.scalar(select(Case.category_id).where(Case.id == first))
        street = s.scalar(select(Case.street_id).where(Case.id == first))
    repeat = lifecycle.create_case(sf, system_actor(), lifecycle.IntakeForm(
        caller_phone="13800138000", description="再次反映", category_id=cat, street_id=street,
        received_at=datetime(2022, 8, 28, 9, 0)), dispatch=False)
    lifecycle.merge(sf, system_actor(), repeat.id, first)
    yield db_url, engine
    engine.dispose()


def rank_output(capsys, url: str, period: str, level: str) -> str:
    assert main(["rank", "--period", period, "--level", level, "--db", url]) == 0
    return capsys.readouterr().out


def figures(url: str) -> dict:
    engine = db.make_engine(url)
    try:
        with db.make_session_factory(engine)() as s:
            out = {p: metrics.total(s, parse_period(p)) for p in PERIODS}
            out["series"] = metrics.monthly_series(s, start=datetime(2022, 7, 1).date(), end=datetime(2022, 8, 1).date())
            out["units"] = dict(s.execute(select(Unit.id, Unit.name)).all())
            out["categories"] = dict(s.execute(select(Category.id, Category.name)).all())
            out["staff"] = dict(s.execute(select(Staff.id, Staff.username)).all())
            out["daily"] = s.scalar(select(func.count()).select_from(StatDaily))
            return out
    finally:
        engine.dispose()


def counts(url: str) -> tuple[int, int, int]:
    engine = db.make_engine(url)
    try:
        with db.make_session_factory(engine)() as s:
            return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Case, CaseEvent, Callback))
    finally:
        engine.dispose()


def test_supervisor_snapshot_shows_the_same_figures_as_the_server(server, tmp_path, capsys):
    url, _engine = server
    path = tmp_path / "laptop.db"
    assert main(["snapshot", str(path), "--db", url]) == 0
    out, err = capsys.readouterr()
    assert "snapshot written" in out and "copying cases" in err
    copy = f"sqlite:///{path}"
    assert not list(tmp_path.glob("laptop.db?*"))  # no -wal, -shm or .tmp beside it: the file alone is the copy
    assert counts(copy) == counts(url)
    assert figures(copy) == figures(url)
    for period in PERIODS:
        for level in ("street", "bureau"):
            assert rank_output(capsys, copy, period, level) == rank_output(capsys, url, period, level)
    engine = db.make_engine(copy)
    assert db.current_revision(engine) == db.head_revision()
    engine.dispose()


def test_snapshot_from_a_day_keeps_later_cases_and_whole_summaries(server, tmp_path, capsys):
    url, engine = server
    path = tmp_path / "august.db"
    assert main(["snapshot", str(path), "--db", url, "--from", "2022-08-10"]) == 0
    copy = db.make_engine(f"sqlite:///{path}")
    with db.make_session_factory(copy)() as s, db.make_session_factory(engine)() as src:
        later = set(src.scalars(select(Case.case_no).where(Case.received_at >= datetime(2022, 8, 10))))
        original = src.scalar(select(Case.case_no).order_by(Case.received_at))  # the merged repeat points to it
        assert set(s.scalars(select(Case.case_no))) == later | {original}
        kept = set(s.scalars(select(Case.id)))
        assert set(s.scalars(select(CaseEvent.case_id))) == kept
        assert s.scalar(select(func.count()).select_from(CaseEvent)) == src.scalar(
            select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id.in_(kept)))
    copy.dispose()
    assert figures(f"sqlite:///{path}") == figures(url)  # July's figures too: the summaries are whole


def test_snapshot_opens_offline_in_the_console(server, tmp_path):
    url, _engine = server
    path = tmp_path / "offline.db"
    write_snapshot(_engine, path)
    ctx = open_context(f"sqlite:///{path}")
    try:
        assert ctx.directory.unit_by_name("太平桥街道") is not None
        assert sum(lifecycle.count_by_status(ctx.read_sf).values()) == counts(url)[0]
    finally:
        ctx.engine.dispose()


def test_interrupted_snapshot_leaves_no_file(sqlite_url, tmp_path):
    engine = db.make_engine(sqlite_url)
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "half.db"

    def stop_at_cases(table, done, total):
        if table == "cases":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_snapshot(engine, path, progress=stop_at_cases)
    engine.dispose()
    assert list((tmp_path / "out").iterdir()) == []


def test_snapshot_replaces_a_file_only_with_force(sqlite_url, tmp_path, capsys):
    path = tmp_path / "old.db"
    path.write_bytes(b"precious")
    assert main(["snapshot", str(path), "--db", sqlite_url]) == 2
    assert "already exists (add --force" in capsys.readouterr().err
    assert path.read_bytes() == b"precious"
    assert main(["snapshot", str(path), "--db", sqlite_url, "--force"]) == 0
    assert counts(f"sqlite:///{path}") == (0, 0, 0)


@pytest.mark.parametrize("where, message", [
    ("missing/folder/x.db", "the folder does not exist"),
    ("is-a-folder", "that is a folder"),
])
def test_snapshot_refuses_a_bad_place_with_a_message(sqlite_url, tmp_path, capsys, where, message):
    (tmp_path / "is-a-folder").mkdir()
    assert main(["snapshot", str(tmp_path / where), "--db", sqlite_url, "--force"]) == 2
    assert message in capsys.readouterr().err


def test_snapshot_refuses_a_folder_it_cannot_write(sqlite_url, tmp_path, capsys):
    # /proc refuses new files even to root; a read-only folder refuses them to everyone else
    assert main(["snapshot", "/proc/hotline-snapshot.db", "--db", sqlite_url]) == 2
    assert "cannot write in this folder" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.tmp"))


def test_snapshot_refuses_a_bad_day(sqlite_url, tmp_path, capsys):
    assert main(["snapshot", str(tmp_path / "x.db"), "--db", sqlite_url, "--from", "2022-13-01"]) == 2
    assert "--from '2022-13-01' is not a day (YYYY-MM-DD" in capsys.readouterr().err
    assert not (tmp_path / "x.db").exists()
