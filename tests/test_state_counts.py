"""The cases tab's counts per state for a plain filter (issue 18, items 1 and 4): the states of work in hand,
超期 and 待审批 are always exact; closed and merged are estimated from id windows when the filter holds
many cases, and then shown as 约N. Real SQLite and PostgreSQL; the sampling is lowered (a parameter, the
same code) so that a few thousand generated cases take the estimate path."""
from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app import db
from app.models import Case
from app.services import case_queries as Q
from app.services import clock, demo
from app.services.case_queries import CaseFilter, Sampling
from app.services.directory import Directory
from app.ui.cases.tab import CasesTab
from tests.conftest import make_actor, new_pg_url
from tests.test_hot_query_plans import _a_case, _assert_index, _plans_of
from tests.ui_helpers import console, wait_idle

WORKING = ("new", "dispatched", "accepted", "returned", "replied")
# a district's shape: nearly every case closed, a few merged, some in hand
WEIGHTS = {"closed": 80, "merged": 5, "new": 3, "dispatched": 4, "accepted": 4, "returned": 1, "replied": 3}
SMALL = Sampling(windows=100, width=10, exact_below=300)  # 1 000 of the ids sampled; under 300 read: counted
N = 6000


def within(estimate: int, true: int, sampling: Sampling = SMALL, n: int = N) -> bool:
    """Within three standard errors of a sample of ids (the estimate's variance is about scale × true)."""
    scale = n / (sampling.windows * sampling.width)
    return abs(estimate - true) <= 3 * (scale * true) ** 0.5 + scale


def generate(engine, n: int, seed: int = 5, weights: dict[str, float] = WEIGHTS) -> list[int]:
    """n cases over the last three years, in id order as they arrive; half of them in one street, the rest
    spread over the others; half in one category, 8 % in a second; some open ones overdue, some waiting for
    a decision. Returns the street ids (the categories: `leaf_categories`, in order)."""
    with Session(engine) as s:
        directory = Directory.load(s)
        streets = [u.id for u in directory.streets()]
        categories = [c.id for c in directory.leaf_categories()]
    rng = random.Random(seed)
    now = clock.now()
    rows = []
    for i in range(n):
        received = now - timedelta(days=3 * 365 + 2) + timedelta(minutes=i * (3 * 365 * 24 * 60) // n)  # none today
        status = rng.choices(list(weights), weights=list(weights.values()))[0]
        rows.append({
            "case_no": f"S{i:08d}", "received_at": received, "channel": "phone", "request_type": "help",
            "confidential": False, "description": "楼道灯坏了", "urgency": "normal", "deadline_tier": "general",
            "status": status, "callback_attempts": 0, "repeat_count": 0, "reopen_count": 0,
            "updated_at": received, "version": 1,
            "street_id": streets[0] if rng.random() < 0.5 else rng.choice(streets[1:]),
            "category_id": rng.choices([categories[0], categories[1], rng.choice(categories[2:])], [50, 8, 42])[0],
            "reply_deadline": received + timedelta(days=rng.choice([7, 15, 2000])),
            "pending_request": rng.choice(["return", "extension"]) if status in ("dispatched", "accepted")
            and rng.random() < 0.3 else None,
        })
    with engine.begin() as conn:
        conn.execute(insert(Case), rows)
    return streets


def truth(engine, *where) -> dict[str, int]:
    """The plain count, case by case."""
    now = clock.now()
    with engine.connect() as conn:
        counts = dict(conn.execute(select(Case.status, func.count()).where(*where).group_by(Case.status)).all())
        counts["overdue"] = conn.scalar(select(func.count()).where(
            Case.status.in_(("new", "dispatched", "accepted", "returned")), Case.reply_deadline < now, *where))
        counts["pending"] = conn.scalar(select(func.count()).where(
            Case.status.in_(("dispatched", "accepted")), Case.pending_request.is_not(None), *where))
    return counts


def test_work_in_hand_is_exact_and_the_piles_are_estimated_within_a_tolerance(engine, sf, monkeypatch):
    streets = generate(engine, N)
    monkeypatch.setattr(Q, "WORD_CANDIDATES_BY_ID", 100)  # 灯 (in every case) is a common word: no index narrows it
    street = (Case.street_id == streets[0],)
    for flt, where in ((CaseFilter(), ()), (CaseFilter(street_id=streets[0]), street),
                       (CaseFilter(street_id=streets[0], search="灯"), street)):
        counts = Q.count_states(sf, flt, sampling=SMALL)
        real = truth(engine, *where)
        assert counts.estimated == {"closed", "merged"}
        for key in (*WORKING, "overdue", "pending"):  # a dispatcher sees 待派单 37, not 约40
            assert counts.get(key, 0) == real.get(key, 0), key
        # the windows are a fixed function of the ids: the same figures on every run and both backends
        assert within(counts["closed"], real["closed"]) and within(counts["merged"], real["merged"]), counts
    # the defaults (2 000 windows × 5 ids) would cover these ids: counted, not sampled
    assert not Q.count_states(sf, CaseFilter()).estimated


def test_a_state_the_sample_barely_sees_is_counted_not_shown_as_about_zero(engine, sf):
    """At 1.3 M the windows saw no merged case of 漏水 in a street and the button read 已合并 约0 beside 103
    merged cases. A piling state with fewer than RARE_HITS cases in the sample is counted through the state
    index when it holds few cases; the big one (closed) stays an estimate."""
    rare = dict(WEIGHTS, merged=0.4)
    streets = generate(engine, N, seed=11, weights=rare)
    street = Case.street_id == streets[0]
    real = truth(engine, street)
    assert 0 < real["merged"] < 30  # about 1 in 6 of them in the sample: 约0 or a wild guess
    counts = Q.count_states(sf, CaseFilter(street_id=streets[0]), sampling=SMALL)
    assert counts.estimated == {"closed"} and within(counts["closed"], real["closed"])
    assert counts["merged"] == real["merged"]
    # a state with many cases is never read whole to count it: with a lower limit merged is estimated again
    few = Sampling(windows=SMALL.windows, width=SMALL.width, exact_below=5)
    assert Q.count_states(sf, CaseFilter(street_id=streets[0]), sampling=few).estimated == {"closed", "merged"}


def test_a_narrow_filter_and_a_unit_handler_are_counted_exactly(engine, sf):
    streets = generate(engine, N)
    today = clock.today()
    week = CaseFilter(street_id=streets[0], received_from=today - timedelta(days=60), received_to=today - timedelta(days=54))
    counts = Q.count_states(sf, week, sampling=SMALL)
    start = clock.now().replace(hour=0, minute=0, second=0, microsecond=0)
    real = truth(engine, Case.street_id == streets[0], Case.received_at >= start - timedelta(days=60),
                 Case.received_at < start - timedelta(days=53))
    assert sum(real.values()) > 0
    assert not counts.estimated and {k: v for k, v in counts.items() if v} == {k: v for k, v in real.items() if v}
    small_street = CaseFilter(street_id=streets[1])
    counts = Q.count_states(sf, small_street, sampling=SMALL)
    real = truth(engine, Case.street_id == streets[1])
    assert not counts.estimated and {k: v for k, v in counts.items() if v} == {k: v for k, v in real.items() if v}
    # few cases, but each index reads many to find them (the street's, the category's): estimated, so that
    # the cost stays that of the sample at any size; the work in hand stays exact
    with Session(engine) as s:
        second = Directory.load(s).leaf_categories()[1].id
    both = CaseFilter(street_id=streets[0], category_id=second)
    counts = Q.count_states(sf, both, sampling=SMALL)
    real = truth(engine, Case.street_id == streets[0], Case.category_id == second)
    assert sum(real.values()) < SMALL.exact_below and counts.estimated == {"closed"}
    # merged, which the sample barely sees (约0 or 约N at ±50 %), is counted: few cases are merged at all
    assert all(counts.get(k, 0) == real.get(k, 0) for k in (*WORKING, "merged", "overdue", "pending"))
    # a handler sees its unit's cases only: a sample of the district would say 约0
    handler = make_actor("handler", unit_id=streets[0])
    counts = Q.count_states(sf, CaseFilter(), handler, sampling=SMALL)
    assert not counts.estimated


def test_the_tab_shows_about_only_beside_the_estimated_numbers(qtbot, sqlite_url, monkeypatch):
    engine = db.make_engine(sqlite_url)
    generate(engine, 3000)
    real = truth(engine)
    engine.dispose()
    monkeypatch.setattr(Q, "COUNT_SAMPLING", Sampling(windows=30, width=10, exact_below=300))
    ctx = console(sqlite_url, "dispatcher")
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1400, 800)
    tab.show()
    buttons = tab.filters.state_buttons
    qtbot.waitUntil(lambda: buttons["closed"].text().startswith("已办结 约"))
    wait_idle(qtbot, tab)
    for code in ("all", "closed", "merged"):
        assert "约" in buttons[code].text() and "抽样" in buttons[code].toolTip(), code
    for code, name in (("new", "待派单"), ("overdue", "超期"), ("pending", "待审批")):
        assert buttons[code].text() == f"{name} {real[code]:,}" and "抽样" not in buttons[code].toolTip()
    assert buttons["pending"].toolTip()  # its own tooltip stays
    # a narrow filter (today's cases: none generated) is counted: no 约 anywhere
    tab.filters.period.setFocus()
    tab.filters.period.setCurrentIndex(tab.filters.period.findData("today"))
    qtbot.waitUntil(lambda: buttons["all"].text() == "全部 0")
    wait_idle(qtbot, tab)
    assert not any("约" in b.text() for b in buttons.values())
    assert not any("抽样" in b.toolTip() for b in buttons.values())


@pytest.fixture(scope="module")
def pg_demo(pg_server, pg_template):
    engine = db.make_engine(new_pg_url(pg_server, pg_template))
    demo.generate(db.make_session_factory(engine), 400, seed=5)
    yield engine
    engine.dispose()


def test_the_counts_read_the_primary_key_and_the_state_index_on_postgresql(pg_demo):
    """The sample is read by primary-key ranges and the work in hand through a state index, never by a scan
    of the cases (EXPLAIN with sequential scans priced out, as tests/test_hot_query_plans.py does)."""
    street = _a_case(pg_demo, Case.street_id.is_not(None)).street_id
    for flt in (CaseFilter(), CaseFilter(street_id=street)):
        def call(sf, flt=flt):
            counts = Q.count_states(sf, flt, sampling=Sampling(windows=10, width=5, exact_below=1))
            assert counts.estimated == {"closed", "merged"}
        plans = _plans_of(pg_demo, call, "cases")
        _assert_index(plans, "cases", "pk_cases")
        _assert_index(plans, "cases", {"ix_cases_status_received", "ix_cases_status_replied",
                                       "ix_cases_status_reply_deadline"})
