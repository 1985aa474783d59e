"""The callback tab's parts through their own public interfaces: the queue loads its page, the recorder stores
a call, the case panel fetches the full number. Real widgets on a real SQLite file."""
from __future__ import annotations

from sqlalchemy import select

from app.models import Case
from app.services import callback_queue as cq
from app.services.errors import EditConflict
from app.services.lifecycle import CallbackAnswers
from app.ui.application import open_context
from app.ui.callback.case_panel import CasePanel
from app.ui.callback.claim_keeper import ClaimKeeper
from app.ui.callback.queue_panel import QueuePanel
from app.ui.callback.record_panel import RecordPanel
from app.ui.callback.tally_panel import TallyPanel
from tests.callback_cases import make_desk, replied_case
from tests.ui_helpers import wait_idle


def _desk(sqlite_url):
    ctx = open_context(sqlite_url)
    return ctx, make_desk(ctx.sf)


def test_the_queue_panel_loads_its_page_under_its_filter(qtbot, sqlite_url):
    ctx, desk = _desk(sqlite_url)
    here = replied_case(ctx.sf, desk)
    elsewhere = replied_case(ctx.sf, desk, street_id=desk.other_street_id)
    panel = QueuePanel(ctx.directory)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.loaded, timeout=10_000) as loaded:
        panel.reload(ctx.read_sf, desk.clerk)
    assert {r.case_id for r in loaded.args[0].rows} == {here.id, elsewhere.id}
    assert panel.model.row_of(here.id) is not None and panel.counts.text().startswith("待回访 2 件")
    panel.street.setCurrentIndex(panel.street.findData(desk.other_street_id))
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.reload(ctx.read_sf, desk.clerk)
    assert panel.model.row_of(here.id) is None and panel.model.row_of(elsewhere.id) is not None
    wait_idle(qtbot, panel.jobs)
    ctx.engine.dispose()


def test_the_recorder_stores_a_call_and_refuses_one_on_a_case_changed_since(qtbot, sqlite_url):
    ctx, desk = _desk(sqlite_url)
    ref = replied_case(ctx.sf, desk)
    view = cq.load_view(ctx.read_sf, desk.clerk, ref.id)
    panel = RecordPanel(None)
    qtbot.addWidget(panel)
    answers = CallbackAnswers(True, "yes", "satisfied", "")
    with qtbot.waitSignal(panel.stored, timeout=10_000) as stored:
        panel.store(ctx.sf, desk.clerk, view, answers, None)
    assert not panel.isEnabled()  # until the tab moves on
    done_view, done_answers, outcome = stored.args
    assert done_view is view and done_answers is answers and outcome.closed_as == "callback"
    with ctx.sf() as s:
        assert s.scalar(select(Case.status).where(Case.id == ref.id)) == "closed"
    with qtbot.waitSignal(panel.store_failed, timeout=10_000) as failed:  # the same view again: saved meanwhile
        panel.store(ctx.sf, desk.other_clerk, view, answers, None)
    assert failed.args[0] is view and isinstance(failed.args[1], EditConflict)
    wait_idle(qtbot, panel.jobs)
    ctx.engine.dispose()


def test_the_case_panel_shows_the_full_number_only_on_the_case_it_was_asked_for(qtbot, sqlite_url):
    ctx, desk = _desk(sqlite_url)
    first = cq.load_view(ctx.read_sf, desk.clerk, replied_case(ctx.sf, desk, phone="13811112222").id)
    second = cq.load_view(ctx.read_sf, desk.clerk, replied_case(ctx.sf, desk, phone="13933334444").id)
    panel = CasePanel(ctx.directory)
    qtbot.addWidget(panel)
    panel.show_view(first)
    assert panel.phone.text() != "13811112222"  # masked
    with qtbot.waitSignal(panel.revealed, timeout=10_000) as revealed:
        panel.reveal(ctx.sf, desk.clerk, first)
    assert revealed.args == [first, "13811112222"] and panel.phone.text() == "13811112222"
    panel.reveal(ctx.sf, desk.clerk, first)
    panel.show_view(second)  # the clerk moved on before the number came
    with qtbot.waitSignal(panel.revealed, timeout=10_000):
        pass
    assert panel.phone.text() != "13811112222" and "13933334444" not in panel.phone.text()
    wait_idle(qtbot, panel.jobs)
    ctx.engine.dispose()


def test_the_claim_keeper_takes_a_case_for_one_clerk_and_tells_the_next_who_has_it(qtbot, sqlite_url):
    ctx, desk = _desk(sqlite_url)
    ref = replied_case(ctx.sf, desk)
    li, zhao = (ClaimKeeper(open_context(sqlite_url, actor)) for actor in (desk.clerk, desk.other_clerk))
    view = cq.load_view(ctx.read_sf, desk.clerk, ref.id)
    with qtbot.waitSignal(li.taken, timeout=10_000) as taken:
        li.take(view)
    asked, claim, _at = taken.args
    assert asked is view and claim.taken and claim.status == "replied"
    with qtbot.waitSignal(zhao.taken, timeout=10_000) as taken:
        zhao.take(view)
    assert not taken.args[1].taken and taken.args[1].holder == desk.clerk.name
    for keeper in (li, zhao):
        wait_idle(qtbot, keeper.taking)
        keeper.ctx.engine.dispose()
    ctx.engine.dispose()


def test_the_tally_counts_the_clerks_day_again_on_reload(qtbot, sqlite_url):
    ctx, desk = _desk(sqlite_url)
    ref = replied_case(ctx.sf, desk)
    panel = TallyPanel()
    qtbot.addWidget(panel)
    panel.reload(ctx.read_sf, desk.clerk)
    qtbot.waitUntil(lambda: "今日已回访 0 次" in panel.text(), timeout=10_000)
    cq.save(ctx.sf, desk.clerk, ref.id, None, None)  # rang, nobody answered
    panel.reload(ctx.read_sf, desk.clerk)
    qtbot.waitUntil(lambda: "今日已回访 1 次,接通 0(0%)" in panel.text(), timeout=10_000)
    wait_idle(qtbot, panel.jobs)
    ctx.engine.dispose()


def test_the_case_panel_loads_views_the_newest_load_winning(qtbot, sqlite_url):
    ctx, desk = _desk(sqlite_url)
    first, second = replied_case(ctx.sf, desk), replied_case(ctx.sf, desk)
    panel = CasePanel(ctx.directory)
    qtbot.addWidget(panel)
    loaded = []
    panel.view_loaded.connect(lambda case_id, view, keep: loaded.append((case_id, view.case_id, keep)))
    panel.load(ctx.read_sf, desk.clerk, first.id)
    panel.load(ctx.read_sf, desk.clerk, second.id, keep_answers=True)  # supersedes the first
    with qtbot.waitSignal(panel.prefetched, timeout=10_000) as prefetched:
        panel.prefetch(ctx.read_sf, desk.clerk, first.id)
    assert prefetched.args[0] == first.id and prefetched.args[1].case_no == first.case_no
    wait_idle(qtbot, panel.views, panel.prefetches)
    assert loaded == [(second.id, second.id, True)]
    ctx.engine.dispose()
