"""Live queues: another workstation's intake, reply or callback shows in the cases and callback tabs
within two seconds, without pressing F5 (SQLite file's change counter here; PostgreSQL in test_live_ui)."""
from __future__ import annotations

from app import db
from app.services import lifecycle as L
from app.services.actors import system_actor
from app.ui.application import open_context
from app.ui.callback import CallbackTab
from app.ui.cases.tab import CasesTab
from tests.conftest import make_actor
from tests.factories import case_in_state, form


def _other_workstation(url):
    engine = db.make_engine(url)
    return engine, db.make_session_factory(engine)


def test_a_case_taken_at_another_workstation_appears_in_the_cases_tab(qtbot, sqlite_url):
    ctx = open_context(sqlite_url)
    with qtbot.waitSignal(ctx.changes.listening):  # a change committed before it listens is not told
        ctx.changes.start()
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: not tab.model.busy)
    engine, sf = _other_workstation(sqlite_url)
    try:
        ref = L.create_case(sf, system_actor(), form(sf))
        qtbot.waitUntil(lambda: any(r.id == ref.id for r in tab.model.rows), timeout=2500)
        tab.select_case(ref.id)
        qtbot.waitUntil(lambda: tab.detail.case_id == ref.id and tab.detail.detail is not None)
        L.sign(sf, system_actor(), ref.id)  # the open case follows a change made elsewhere
        qtbot.waitUntil(lambda: tab.detail.detail is not None and tab.detail.detail.status == "accepted", timeout=2500)
    finally:
        ctx.changes.stop()
        engine.dispose()


def test_a_reply_given_elsewhere_enters_the_callback_queue(qtbot, sqlite_url):
    ctx = open_context(sqlite_url)
    with qtbot.waitSignal(ctx.changes.listening):  # a change committed before it listens is not told
        ctx.changes.start()
    tab = CallbackTab(ctx)
    qtbot.addWidget(tab)
    engine, sf = _other_workstation(sqlite_url)
    try:
        qtbot.waitUntil(lambda: tab.queue.model.rowCount() == 0 and not tab.is_busy())
        ref = case_in_state(sf, system_actor(), "replied")
        qtbot.waitUntil(lambda: tab.queue.model.row_of(ref.id) is not None, timeout=2500)
        L.record_callback(sf, system_actor(), ref.id, L.CallbackAnswers(True, "yes", "satisfied"))
        qtbot.waitUntil(lambda: tab.queue.model.row_of(ref.id) is None, timeout=2500)
    finally:
        ctx.changes.stop()
        engine.dispose()


def test_an_action_confirmation_stays_while_other_workstations_work(qtbot, db_url):
    """The console's own dispatch is no change elsewhere (no reload), and a real change elsewhere reloads
    the list without wiping the confirmation of the case still selected."""
    from tests.test_cases_tab import act, make_tab, open_case

    ctx = open_context(db_url, make_actor("dispatcher"))
    with qtbot.waitSignal(ctx.changes.changed, timeout=3000):  # listening, then "reload once"
        ctx.changes.start()
    engine, sf = _other_workstation(db_url)
    try:
        with qtbot.waitSignal(ctx.changes.changed, timeout=3000):
            ref = case_in_state(sf, system_actor(), "new")
        tab = make_tab(qtbot, ctx)
        qtbot.waitUntil(lambda: any(r.id == ref.id for r in tab.model.rows), timeout=2500)
        open_case(qtbot, tab, ref.case_no)
        with qtbot.assertNotEmitted(ctx.changes.changed, wait=1200):
            act(qtbot, tab, "dispatch", unit="tpq")
        assert tab.message.text().startswith("已派单:工单")
        other = L.create_case(sf, system_actor(), form(sf))
        qtbot.waitUntil(lambda: any(r.id == other.id for r in tab.model.rows), timeout=2500)
        qtbot.waitUntil(lambda: tab.detail.case_id == ref.id and tab.detail.detail is not None)
        assert tab.message.text().startswith("已派单:工单 " + ref.case_no)
    finally:
        ctx.changes.stop()
        engine.dispose()
