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
        s.add(Staff(username="clerk1", display_name="李娜", role="callback", password_hash="scrypt$clerk-secret",
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
    assert main(["snapshot", str(path), "--db", url, "--cases", "all"]) == 0
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
    write_snapshot(_engine, path, "all")
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


def _staff(url: str) -> dict[str, tuple]:
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            return {u: (r, h, a) for u, r, h, a in conn.execute(
                select(Staff.username, Staff.role, Staff.password_hash, Staff.active))}
    finally:
        engine.dispose()


def test_default_snapshot_holds_the_figures_and_no_citizens_data(server, tmp_path, capsys):
    """What the dashboard needs, nothing more: same figures and rankings, no case, no caller, and
    only the accounts that may sign in on it."""
    from app.services.snapshot import describe

    url, _engine = server
    path = tmp_path / "laptop.db"
    assert main(["snapshot", str(path), "--db", url]) == 0
    out = capsys.readouterr().out
    assert "no cases in the copy" in out
    copy = f"sqlite:///{path}"
    assert counts(copy) == (0, 0, 0)
    assert b"13800138000" not in path.read_bytes() and "测试诉求".encode() not in path.read_bytes()
    mine, theirs = figures(copy), figures(url)
    assert mine.pop("staff") != theirs.pop("staff") and mine == theirs
    for period in PERIODS:
        for level in ("street", "bureau"):
            assert rank_output(capsys, copy, period, level) == rank_output(capsys, url, period, level)
    staff = _staff(copy)
    assert staff["supervisor1"] == ("supervisor", "x", True)
    assert "clerk1" not in staff and {role for role, _h, _a in staff.values()} <= {"supervisor", "admin"}
    engine = db.make_engine(copy)
    info = describe(engine)
    engine.dispose()
    assert info.cases == "none" and not info.holds_cases_from(None)


def test_snapshot_with_cases_carries_other_staff_as_names_only(server, tmp_path, capsys):
    url, _engine = server
    path = tmp_path / "laptop.db"
    assert main(["snapshot", str(path), "--db", url, "--cases", "from", "2022-08-10"]) == 0
    staff = _staff(f"sqlite:///{path}")
    assert staff["supervisor1"] == ("supervisor", "x", True)
    assert staff["clerk1"] == ("callback", None, False)  # the author of events, who cannot sign in here
    assert b"clerk-secret" not in path.read_bytes()
    from app.services.snapshot import describe

    engine = db.make_engine(f"sqlite:///{path}")
    info = describe(engine)
    engine.dispose()
    assert (info.cases, info.since) == ("from", datetime(2022, 8, 10).date())
    assert info.holds_cases_from(datetime(2022, 8, 12).date()) and not info.holds_cases_from(datetime(2022, 8, 1).date())


@pytest.mark.parametrize("args, message", [
    (["--cases", "some"], "expected `--cases all` or `--cases from YYYY-MM-DD`"),
    (["--cases", "from", "2022-13-01"], "--cases from '2022-13-01' is not a day"),
    (["--cases", "all", "--from", "2022-08-01"], "give either --cases or --from, not both"),
])
def test_snapshot_refuses_a_bad_case_choice(sqlite_url, tmp_path, capsys, args, message):
    assert main(["snapshot", str(tmp_path / "x.db"), "--db", sqlite_url, *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and not (tmp_path / "x.db").exists()


def test_a_console_on_a_snapshot_says_what_the_copy_holds(server, tmp_path, qtbot, monkeypatch):
    """A supervisor opens the default copy on the laptop: the status bar says it holds the figures
    only, and clicking a bar of the ranking says the cases are not in the copy instead of "0 cases"."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    from app.services import clock
    from app.ui.main_window import MainWindow
    from tests.conftest import make_actor
    from tests.dashboard_helpers import TODAY, wait_drawn

    url, engine = server
    path = tmp_path / "laptop.db"
    write_snapshot(engine, path)
    monkeypatch.setattr(clock, "now", lambda: TODAY)
    ctx = open_context(f"sqlite:///{path}", make_actor("supervisor"))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1500, 1000)
    window.show()
    held = window.statusBar().findChild(QLabel, "snapshotStatus")
    assert held is not None and "离线副本" in held.text() and "仅汇总数据,不含工单" in held.text()
    tab = window.tab("dashboardTab")
    wait_drawn(qtbot, tab, lambda: window.tabs.setCurrentWidget(tab))
    view = tab.ranking.plot
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(tab.ranking.scene_pos_of(0)))
    cases = window.tab("casesTab")
    assert window.tabs.currentWidget() is cases
    qtbot.waitUntil(lambda: "此离线副本不含工单" in cases.loading.text(), timeout=15000)
    assert "已显示 0 件" not in cases.loading.text()
    window.close()
    ctx.engine.dispose()
