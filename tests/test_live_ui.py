"""The window stays live: other workstations' changes arrive by themselves, a lost server shows a banner."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from app import db
from app.models import Case
from app.services import lifecycle
from app.ui.application import make_application, open_context
from app.ui.main_window import MainWindow
from tests.conftest import make_actor
from tests.pg_server import PostgresServer
from tests.workstations import intake_form, street_and_category


@pytest.fixture
def app():
    return make_application([])


def test_dispatch_on_another_workstation_reaches_the_window_without_refresh(app, qtbot, db_url):
    ctx = open_context(db_url, make_actor("dispatcher"))
    other = db.make_engine(db_url)
    try:
        with qtbot.waitSignal(ctx.changes.changed, timeout=3000):  # listening, then "reload once"
            ctx.changes.start()
        sf = db.make_session_factory(other)
        street, category = street_and_category(sf)
        with qtbot.waitSignal(ctx.changes.changed, timeout=2000):
            ref = lifecycle.create_case(sf, make_actor("receptionist"), intake_form(street, category))
        if other.dialect.name == "postgresql":
            assert ref.id in ctx.changes.last_case_ids
        else:
            assert ctx.changes.last_case_ids == frozenset()  # SQLite says only that something changed
    finally:
        ctx.changes.stop()
        other.dispose()
        ctx.engine.dispose()


def test_main_window_starts_and_stops_the_change_watcher(app, qtbot, sqlite_url):
    ctx = open_context(sqlite_url, make_actor("dispatcher"))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert ctx.changes.is_running()
    window.close()
    assert not ctx.changes.is_running()
    ctx.engine.dispose()


@pytest.fixture
def own_server():
    """A PostgreSQL server of this test alone, so that stopping it disturbs no other test."""
    server = PostgresServer().start()
    admin = db.make_engine(server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE hotline"))
    admin.dispose()
    engine = db.make_engine(server.url("hotline"))
    db.upgrade(engine)
    engine.dispose()
    yield server
    server.stop()


def test_server_restart_shows_banner_then_reconnects_without_losing_work(app, qtbot, own_server):
    ctx = open_context(own_server.url("hotline"), make_actor("receptionist"))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    banner = window.banner
    assert banner.isHidden()
    street, category = street_and_category(ctx.sf)
    before = lifecycle.create_case(ctx.sf, ctx.actor, intake_form(street, category, n=1))

    own_server.pause()
    qtbot.waitUntil(lambda: not banner.isHidden(), timeout=15000)
    assert banner.label.text() == "与数据库的连接已断开,正在重新连接…"
    window.grab().save("/work/shots/server/banner-lost.png")

    own_server.resume()
    qtbot.waitUntil(lambda: banner.connected, timeout=15000)
    assert banner.label.text() == "已重新连接"
    window.grab().save("/work/shots/server/banner-back.png")
    qtbot.waitUntil(banner.isHidden, timeout=10000)

    after = lifecycle.create_case(ctx.sf, ctx.actor, intake_form(street, category, n=2))
    own_server.restart()  # a quick restart between two checks: the pooled connections are stale, the next op reconnects
    last = lifecycle.create_case(ctx.sf, ctx.actor, intake_form(street, category, n=3))
    with ctx.sf() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 3
        assert {before.case_no, after.case_no, last.case_no} == set(s.scalars(select(Case.case_no)))
    window.close()
    ctx.engine.dispose()


def test_banner_speaks_english_when_asked(app):
    from PySide6.QtCore import QTranslator

    from app.ui.i18n import I18N_DIR

    translator = QTranslator()
    assert translator.load(str(I18N_DIR / "server_en.qm"))
    assert translator.translate("ConnectionBanner", "与数据库的连接已断开,正在重新连接…").startswith("The connection")
    assert translator.translate("ConnectionBanner", "已重新连接") == "Reconnected"


def test_a_change_committed_before_the_watcher_listens_is_told_once_it_listens(app, qtbot, sqlite_url):
    ctx = open_context(sqlite_url, make_actor("dispatcher"))
    other = db.make_engine(sqlite_url)
    try:
        sf = db.make_session_factory(other)
        street, category = street_and_category(sf)
        lifecycle.create_case(sf, make_actor("receptionist"), intake_form(street, category))  # while starting up
        with qtbot.waitSignals([ctx.changes.listening, ctx.changes.changed], timeout=2000):
            ctx.changes.start()
        assert ctx.changes.last_case_ids == frozenset()  # unknown: reload everything
    finally:
        ctx.changes.stop()
        other.dispose()
        ctx.engine.dispose()
