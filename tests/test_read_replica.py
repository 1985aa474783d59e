"""Read replicas (issue 18.5) with a real PostgreSQL streaming standby of the test server (pg_basebackup -R):
the dashboard reads the replica and says how fresh it is; a killed replica stops neither intake nor the
dashboard (it reads the primary and says so) and the console goes back to the replica when it returns."""
from __future__ import annotations

import time
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text
from sqlalchemy.engine import make_url

from app import cli, db
from app.replica import ReplicaRefused
from app.services import clock
from app.services import lifecycle as L
from app.services.actors import system_actor
from app.services.periods import Period
from app.ui.application import make_application, open_context
from app.ui.dashboard.tab import DashboardTab
from app.ui.replica_banner import ReplicaBanner
from tests.conftest import make_actor, new_pg_url
from tests.dashboard_helpers import wait_drawn
from tests.factories import case_in_state, form
from tests.test_intake_tab import fill_call, make_tab, stored_cases


@pytest.fixture(scope="module")
def standby(pg_server):
    """A hot standby of the session's test server on its own port, stopped (and removed) after this module."""
    server = pg_server.standby()
    yield server
    server.stop()


@pytest.fixture
def replicated(pg_server, pg_template, standby):
    """(primary URL, replica URL) of a fresh test database, once the standby holds it."""
    url = new_pg_url(pg_server, pg_template)
    wait_replayed(pg_server, standby)
    return url, standby.url(make_url(url).database)


def _scalar(url: str, sql: str, **params):
    engine = db.make_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()
    finally:
        engine.dispose()


def _flushed_wal_lsn(pg_server) -> str:
    """The primary's WAL position once everything committed so far is written out (and so sent to the standby).

    The test server commits with synchronous_commit=off: a commit returns while its WAL may still be in the
    primary's buffers, until the WAL writer writes it (up to 3 × wal_writer_delay later), and
    pg_current_wal_lsn() (the write position) does not include it yet. A transaction that writes WAL, committed
    with synchronous_commit=on, flushes the WAL up to its commit record, so every earlier commit with it (an xid
    alone is not enough: a transaction that wrote no WAL before its commit record commits asynchronously)."""
    engine = db.make_engine(pg_server.url())
    try:
        with engine.begin() as conn:
            conn.execute(text("SET LOCAL synchronous_commit = on"))
            conn.execute(text("SELECT pg_logical_emit_message(true, 'tests', 'flush')"))  # a WAL record, no table
        with engine.connect() as conn:
            return conn.execute(text("SELECT pg_current_wal_lsn()::text")).scalar()
    finally:
        engine.dispose()


def _wait_for_standby(pg_server, standby, column: str, timeout: float = 30) -> None:
    lsn = _flushed_wal_lsn(pg_server)
    deadline = time.monotonic() + timeout
    while not _scalar(standby.url(), f"SELECT {column}() >= CAST(:lsn AS pg_lsn)", lsn=lsn):
        if time.monotonic() > deadline:
            raise AssertionError(f"the standby's {column} did not reach {lsn}")
        time.sleep(0.05)


def wait_replayed(pg_server, standby) -> None:
    """Until the standby has replayed everything committed on the primary so far."""
    _wait_for_standby(pg_server, standby, "pg_last_wal_replay_lsn")


def wait_received(pg_server, standby) -> None:
    """Until the standby has received (not necessarily replayed) everything committed on the primary so far."""
    _wait_for_standby(pg_server, standby, "pg_last_wal_receive_lsn")


def test_waiting_for_the_standby_covers_a_commit_not_yet_written_out(pg_server, standby, replicated):
    """The test server commits with synchronous_commit=off: a commit returns while its WAL may still sit in the
    primary's buffers (pg_current_wal_lsn() does not include it yet, the standby is not sent it). wait_replayed
    must still cover it, or a test reads the replica before it holds what the test just committed."""
    url, read_url = replicated
    engine = db.make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE replay_probe (n integer)"))
        for n in range(1, 11):
            with engine.begin() as conn:  # a commit as the product's sessions make it, asynchronous here
                conn.execute(text("INSERT INTO replay_probe VALUES (:n)"), {"n": n})
            wait_replayed(pg_server, standby)
            assert _scalar(read_url, "SELECT count(*) FROM replay_probe") == n
    finally:
        engine.dispose()


def this_month() -> Period:
    today = clock.today()
    return Period.for_month(today.year, today.month)


def show_month(qtbot, tab: DashboardTab) -> None:
    """The supervisor picks the current month and presses 刷新."""
    tab.period_selector.set_period(this_month())
    wait_drawn(qtbot, tab, lambda: qtbot.mouseClick(tab.refresh_button, Qt.MouseButton.LeftButton))


def test_a_change_on_the_primary_reaches_the_dashboard_through_the_replica(qtbot, pg_server, standby, replicated):
    url, read_url = replicated
    make_application()
    ctx = open_context(url, make_actor("supervisor"), read_url=read_url)
    engine = db.make_engine(url)  # another workstation, on the primary
    sf = db.make_session_factory(engine)
    paused = False
    try:
        tab = DashboardTab(ctx)
        qtbot.addWidget(tab)
        wait_drawn(qtbot, tab)
        show_month(qtbot, tab)
        assert tab.figures.scope.counts.received == 0
        assert tab.freshness.isVisible() and tab.freshness.source.replica
        assert tab.freshness.text().startswith("数据截至 ")

        # the replica holds back what the primary commits while its replay is paused: the dashboard reads the
        # replica (not the primary) and its label says the figures are older than the change
        _scalar(standby.url(), "SELECT pg_wal_replay_pause()")
        paused = True
        before = clock.now()
        L.create_case(sf, system_actor(), form(sf))
        wait_received(pg_server, standby)
        show_month(qtbot, tab)
        assert tab.figures.scope.counts.received == 0
        assert tab.freshness.source.replica and tab.freshness.source.as_of <= before
        assert tab.freshness.text().startswith("数据截至 ")
        assert f"{tab.freshness.source.as_of:%H:%M:%S}" in tab.freshness.text()

        _scalar(standby.url(), "SELECT pg_wal_replay_resume()")
        paused = False
        wait_replayed(pg_server, standby)
        show_month(qtbot, tab)
        assert tab.figures.scope.counts.received == 1
        assert tab.freshness.source.replica and tab.freshness.source.as_of >= before
    finally:
        if paused:
            _scalar(standby.url(), "SELECT pg_wal_replay_resume()")
        ctx.reads.dispose()
        ctx.engine.dispose()
        engine.dispose()


def test_a_killed_replica_stops_neither_intake_nor_the_dashboard(qtbot, pg_server, standby, replicated, tmp_path):
    url, read_url = replicated
    make_application()
    ctx = open_context(url, make_actor("receptionist"), read_url=read_url)
    banner = ReplicaBanner(ctx.reads, interval_ms=200)
    qtbot.addWidget(banner)
    try:
        dashboard = DashboardTab(ctx)
        qtbot.addWidget(dashboard)
        wait_drawn(qtbot, dashboard)
        assert dashboard.freshness.source.replica
        intake = make_tab(qtbot, ctx, tmp_path)

        standby.kill()
        try:
            # the receptionist keeps saving calls: intake reads and writes only the primary
            fill_call(qtbot, intake)
            qtbot.keyClick(intake.form.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            qtbot.waitUntil(lambda: "已受理并派单" in intake.result.text(), timeout=10000)
            assert len(stored_cases(url)[0]) == 1
            # the dashboard's next read finds the replica gone and reads the primary, and says so
            show_month(qtbot, dashboard)
            assert dashboard.figures.scope.counts.received == 1
            source = dashboard.freshness.source
            assert not source.replica and source.fell_back
            assert "(读自主库)" in dashboard.freshness.text()
            banner.start()
            qtbot.waitUntil(lambda: not banner.isHidden(), timeout=5000)
            assert "只读副本无法连接" in banner.label.text()
        finally:
            standby.resume()
        # back: the banner says so and the next read is the replica's again
        qtbot.waitUntil(lambda: banner.connected, timeout=15000)
        assert "已恢复" in banner.label.text()
        wait_replayed(pg_server, standby)
        show_month(qtbot, dashboard)
        assert dashboard.freshness.source.replica and dashboard.figures.scope.counts.received == 1
        assert dashboard.freshness.text().startswith("数据截至 ")
    finally:
        banner.stop()
        ctx.reads.dispose()
        ctx.engine.dispose()


def _export(url: str, read_url: str, target, capsys) -> tuple[int, list[str], str]:
    capsys.readouterr()
    code = cli.main(["export", str(target), "--db", url, "--read-db", read_url, "--force"])
    err = capsys.readouterr().err
    lines = target.read_text(encoding="utf-8").splitlines() if target.exists() else []
    return code, lines[1:], err


def test_export_reads_the_replica_and_logs_on_the_primary(pg_server, standby, replicated, tmp_path, capsys):
    url, read_url = replicated
    engine = db.make_engine(url)
    sf = db.make_session_factory(engine)
    target = tmp_path / "cases.csv"
    try:
        L.create_case(sf, system_actor(), form(sf))
        wait_replayed(pg_server, standby)
        _scalar(standby.url(), "SELECT pg_wal_replay_pause()")
        try:
            L.create_case(sf, system_actor(), form(sf, phone="13900000000"))
            wait_received(pg_server, standby)
            code, rows, err = _export(url, read_url, target, capsys)
        finally:
            _scalar(standby.url(), "SELECT pg_wal_replay_resume()")
        assert code == 0 and len(rows) == 1  # the replica's state: the second case is not replayed yet
        assert err.startswith("note: read from the replica, data as of ")
        # the access log is written on the primary (a standby refuses every write)
        assert _scalar(url, "SELECT count(*) FROM access_log WHERE action = 'export'") == 1

        standby.kill()
        try:
            code, rows, err = _export(url, read_url, target, capsys)
        finally:
            standby.resume()
        assert code == 0 and len(rows) == 2  # the primary's
        assert "does not answer; read from the primary" in err and "error" not in err
    finally:
        engine.dispose()


def test_a_read_url_that_cannot_be_a_replica_is_refused(sqlite_url, tmp_path, capsys):
    code = cli.main(["rank", "--period", "2022-08", "--db", sqlite_url, "--read-db", f"sqlite:///{tmp_path}/copy.db"])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "--read-db" in err and "PostgreSQL" in err


def test_the_console_refuses_a_read_url_beside_an_embedded_database(sqlite_url, tmp_path):
    with pytest.raises(ReplicaRefused, match="PostgreSQL"):
        open_context(sqlite_url, read_url=f"sqlite:///{tmp_path}/copy.db")


@pytest.mark.parametrize("argv", [
    ["rank", "--period", "{month}", "--format", "csv"],
    ["hotspots", "--format", "csv"],
    ["watch", "--chronic", "--format", "csv"],
])
def test_the_reading_commands_print_the_replicas_figures(pg_server, standby, replicated, capsys, argv):
    url, read_url = replicated
    engine = db.make_engine(url)
    sf = db.make_session_factory(engine)
    try:
        case_in_state(sf, system_actor(), "closed")  # a counted callback: ranked this month
        wait_replayed(pg_server, standby)
    finally:
        engine.dispose()
    argv = [a.format(month=f"{clock.today():%Y-%m}") for a in argv]
    capsys.readouterr()
    assert cli.main([*argv, "--db", url]) == 0
    primary = capsys.readouterr()
    assert cli.main([*argv, "--db", url, "--read-db", read_url]) == 0
    replica = capsys.readouterr()
    assert replica.out == primary.out and len(primary.out.splitlines()) >= 1 + (argv[0] == "rank")
    assert replica.err.startswith("note: read from the replica, data as of ") and primary.err == ""


def test_the_lists_of_proactive_work_read_the_replica(qtbot, standby, replicated):
    from app.ui.governance.tab import GovernanceTab

    url, read_url = replicated
    make_application()
    ctx = open_context(url, make_actor("supervisor"), read_url=read_url)
    try:
        tab = GovernanceTab(ctx)
        qtbot.addWidget(tab)
        tab.show()
        for page in (tab.surges, tab.chronic, tab.seasons):
            tab.pages.setCurrentWidget(page)
            qtbot.waitUntil(lambda p=page: p.freshness.source is not None and not p.runner.pending(), timeout=15_000)
            assert page.freshness.isVisible() and page.freshness.source.replica
            assert page.freshness.text().startswith("数据截至 ")
    finally:
        ctx.reads.dispose()
        ctx.engine.dispose()


def test_the_report_command_reads_the_replica(pg_server, standby, replicated, capsys, tmp_path):
    url, read_url = replicated
    engine = db.make_engine(url)
    sf = db.make_session_factory(engine)
    try:
        case_in_state(sf, system_actor(), "closed")
        wait_replayed(pg_server, standby)
    finally:
        engine.dispose()
    month = f"{clock.today():%Y-%m}"
    capsys.readouterr()
    assert cli.main(["report", "monthly", "--month", month, "--out", str(tmp_path / "p.xlsx"), "--db", url]) == 0
    assert capsys.readouterr().err == ""
    assert cli.main(["report", "monthly", "--month", month, "--out", str(tmp_path / "r.xlsx"), "--db", url,
                     "--read-db", read_url]) == 0
    assert capsys.readouterr().err.startswith("note: read from the replica, data as of ")


def test_the_reports_tab_reads_the_replica(qtbot, pg_server, standby, replicated):
    from app.ui.reports.tab import ReportsTab

    url, read_url = replicated
    engine = db.make_engine(url)
    try:
        case_in_state(db.make_session_factory(engine), system_actor(), "closed")
        wait_replayed(pg_server, standby)
    finally:
        engine.dispose()
    make_application()
    ctx = open_context(url, make_actor("supervisor"), read_url=read_url)
    try:
        tab = ReportsTab(ctx)
        qtbot.addWidget(tab)
        tab.show()
        tab.kind.setCurrentIndex(tab.kind.findData("daily"))
        tab.day.setDate(clock.today())
        with qtbot.waitSignal(tab.previewed, timeout=60_000):
            tab.build()
        assert tab.freshness.source is not None and tab.freshness.source.replica
        assert tab.freshness.text().startswith("数据截至 ")
    finally:
        ctx.reads.dispose()
        ctx.engine.dispose()


def _receiver_status(standby) -> str | None:
    return _scalar(standby.url(), "SELECT status FROM pg_stat_wal_receiver")


def _set_primary_conninfo(standby, conninfo: str) -> None:
    """ALTER SYSTEM on the standby (a file, no WAL) and a reload: its receiver reconnects with it."""
    engine = db.make_engine(standby.url(), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            quoted = conninfo.replace("'", "''")
            conn.execute(text(f"ALTER SYSTEM SET primary_conninfo = '{quoted}'"))
            conn.execute(text("SELECT pg_reload_conf()"))
    finally:
        engine.dispose()


def test_a_replica_cut_off_from_the_primary_does_not_call_itself_fresh(pg_server, standby, replicated):
    """The standby keeps answering while its WAL receiver cannot reach the primary: it has replayed all it
    received (the two LSNs are equal) but misses what the primary commits since. Its data is as of its last
    replayed commit, not now; once it streams again it is fresh."""
    from app.replica import data_as_of

    url, read_url = replicated
    engine = db.make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE cut_probe (n integer)"))
    wait_replayed(pg_server, standby)
    committed = _scalar(standby.url(), "SELECT pg_last_xact_replay_timestamp()")
    conninfo = _scalar(standby.url(), "SHOW primary_conninfo")
    replica = db.make_engine(read_url)
    try:
        # point the standby's receiver at a port nobody listens on (the primary is out of its reach)
        _set_primary_conninfo(standby, f"host=127.0.0.1 port=1 user={standby.user}")
        deadline = time.monotonic() + 15
        while _receiver_status(standby) == "streaming":
            assert time.monotonic() < deadline, "the standby's receiver kept streaming"
            time.sleep(0.05)
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO cut_probe VALUES (1)"))  # the standby does not get it
        time.sleep(2.1)  # as_of has whole seconds: now() is then clearly later than the last replayed commit
        assert _scalar(standby.url(), "SELECT pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()")
        as_of = data_as_of(replica)
        assert as_of <= clock.to_local(committed).replace(microsecond=0)
        assert as_of < clock.now()
    finally:
        _set_primary_conninfo(standby, conninfo)
    try:
        deadline = time.monotonic() + 30
        while _receiver_status(standby) != "streaming":
            assert time.monotonic() < deadline, "the standby's receiver did not stream again"
            time.sleep(0.05)
        wait_replayed(pg_server, standby)
        assert _scalar(read_url, "SELECT count(*) FROM cut_probe") == 1
        assert data_as_of(replica) >= clock.now().replace(microsecond=0) - timedelta(seconds=1)
    finally:
        replica.dispose()
        engine.dispose()
