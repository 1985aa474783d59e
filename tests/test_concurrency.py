"""Several workstations (processes) at once on one database: no duplicate numbers, no lost update, one callback."""
from __future__ import annotations

import threading
import time
from datetime import date, datetime

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from app import db
from app.models import Callback, CallbackClaim, Case, CaseEvent, StatDaily
from app.services import lifecycle, stats
from tests.conftest import make_actor, new_pg_url
from tests.workstations import attempt, intake_form, run_at_once, street_and_category

DAY = date(2024, 3, 5)


# ------------------------------------------------------------- what each workstation does (runs in its process)

def take_calls(sf, street, category, first, count):
    actor = make_actor("receptionist")
    out = []
    for n in range(first, first + count):
        ref = lifecycle.create_case(sf, actor, intake_form(street, category, datetime(2024, 3, 5, 9, 30), n))
        out.append(ref.case_no)
    return out


def reply_to_all(sf, street, cases, text):
    actor = make_actor("handler", street)
    return [attempt(lifecycle.reply, sf, actor, case_id, text, expected_version=version)
            for case_id, version in cases]


def dispatch_all(sf, street, cases):
    actor = make_actor("dispatcher")
    return [attempt(lifecycle.dispatch, sf, actor, case_id, street, expected_version=version)
            for case_id, version in cases]


def merge_all(sf, original, cases):
    actor = make_actor("dispatcher")
    return [attempt(lifecycle.merge, sf, actor, case_id, original, expected_version=version)
            for case_id, version in cases]


def call_back_all(sf, cases, satisfaction):
    actor = make_actor("callback")
    answers = lifecycle.CallbackAnswers(contacted=True, resolved="yes", satisfaction=satisfaction)
    return [attempt(lifecycle.record_callback, sf, actor, case_id, answers, expected_version=version)
            for case_id, version in cases]


def claim_for_a_call(sf, case_id, workstation):
    from app.services import callback_queue as cq
    from app.services.actors import Actor

    return cq.claim(sf, Actor(None, "callback", None, workstation, workstation), case_id).taken


# ------------------------------------------------------------- helpers in the test process

def _new_cases(sf, n, dispatch=True, at=None):
    street, category = street_and_category(sf)
    actor = make_actor("receptionist")
    return street, [lifecycle.create_case(sf, actor, intake_form(street, category, at, i), dispatch=dispatch)
                    for i in range(n)]


def _replied_cases(sf, n):
    street, refs = _new_cases(sf, n)
    handler = make_actor("handler", street)
    out = []
    for ref in refs:
        lifecycle.sign(sf, handler, ref.id)
        lifecycle.record_contact(sf, handler, ref.id)
        out.append(lifecycle.reply(sf, handler, ref.id, "已修复"))
    return street, out


def _one_winner_per_case(results_a, results_b):
    for a, b in zip(results_a, results_b, strict=True):
        assert sorted([a[0], b[0]]) == ["conflict", "ok"], (a, b)


def _events(s, case_id, action):
    return s.scalar(select(func.count()).select_from(CaseEvent)
                    .where(CaseEvent.case_id == case_id, CaseEvent.action == action))


# ------------------------------------------------------------- the tests

def test_receptionists_taking_calls_at_once_get_unique_gap_free_numbers(db_url, sf):
    street, category = street_and_category(sf)
    stations, per_station = 5, 12
    results = run_at_once(db_url, [(take_calls, (street, category, i * per_station, per_station))
                                  for i in range(stations)])
    issued = [no for r in results for no in r]
    assert not any(isinstance(x, tuple) for x in issued), issued
    total = stations * per_station
    expected = [f"{DAY:%Y%m%d}{n:05d}" for n in range(1, total + 1)]
    assert sorted(issued) == expected
    with sf() as s:
        assert sorted(s.scalars(select(Case.case_no).where(Case.received_at >= datetime(2024, 3, 5)))) == expected
        assert s.scalar(select(func.sum(StatDaily.received)).where(StatDaily.day == DAY)) == total


def test_two_handlers_replying_to_the_same_case_one_reply_one_conflict(db_url, sf):
    street, refs = _new_cases(sf, 8)
    handler = make_actor("handler", street)
    signed = [lifecycle.sign(sf, handler, ref.id) for ref in refs]
    contacted = [lifecycle.record_contact(sf, handler, r.id) for r in signed]
    cases = [(r.id, r.version) for r in contacted]
    a, b = run_at_once(db_url, [(reply_to_all, (street, cases, "甲的答复")), (reply_to_all, (street, cases, "乙的答复"))])
    _one_winner_per_case(a, b)
    with sf() as s:
        for (case_id, _), ra in zip(cases, a, strict=True):
            case = s.get(Case, case_id)
            assert case.status == "replied"
            assert case.reply_text == ("甲的答复" if ra[0] == "ok" else "乙的答复")
            assert _events(s, case_id, "reply") == 1


def test_dispatching_while_another_dispatcher_merges_one_wins(db_url, sf):
    street, refs = _new_cases(sf, 9, dispatch=False)
    original, others = refs[0], refs[1:]
    cases = [(r.id, r.version) for r in others]
    dispatched, merged = run_at_once(db_url, [(dispatch_all, (street, cases)), (merge_all, (original.id, cases))])
    _one_winner_per_case(dispatched, merged)
    with sf() as s:
        for (case_id, _), d in zip(cases, dispatched, strict=True):
            case = s.get(Case, case_id)
            assert case.status == ("dispatched" if d[0] == "ok" else "merged")
            assert _events(s, case_id, "dispatch") == (1 if d[0] == "ok" else 0)
            assert _events(s, case_id, "merge") == (0 if d[0] == "ok" else 1)
        wins = sum(1 for m in merged if m[0] == "ok")
        assert s.get(Case, original.id).repeat_count == wins


def test_two_clerks_calling_back_the_same_citizen_record_one_callback(db_url, sf):
    _street, refs = _replied_cases(sf, 8)
    cases = [(r.id, r.version) for r in refs]
    a, b = run_at_once(db_url, [(call_back_all, (cases, "satisfied")), (call_back_all, (cases, "unsatisfied"))])
    _one_winner_per_case(a, b)
    with sf() as s:
        for (case_id, _), ra in zip(cases, a, strict=True):
            callbacks = list(s.scalars(select(Callback).where(Callback.case_id == case_id)))
            assert len(callbacks) == 1
            assert callbacks[0].satisfaction == ("satisfied" if ra[0] == "ok" else "unsatisfied")
            assert s.get(Case, case_id).status == "closed"
        assert s.scalar(select(func.sum(StatDaily.callbacks))) == len(cases)


def note_unreached(sf, cases):
    actor = make_actor("callback")
    return [attempt(lifecycle.record_callback, sf, actor, case_id, None) for case_id, _version in cases]


def test_four_clerks_taking_the_same_case_at_once_one_holds_it(db_url, sf):
    _street, refs = _replied_cases(sf, 1)
    taken = run_at_once(db_url, [(claim_for_a_call, (refs[0].id, f"ws-{i}")) for i in range(4)])
    assert sorted(taken) == [False, False, False, True]
    with sf() as s:
        assert s.get(CallbackClaim, refs[0].id).workstation == f"ws-{taken.index(True)}"


def test_two_clerks_not_reaching_the_citizen_at_once_count_two_attempts(db_url, sf):
    _street, refs = _replied_cases(sf, 20)
    cases = [(r.id, r.version) for r in refs]
    a, b = run_at_once(db_url, [(note_unreached, (cases,)), (note_unreached, (cases,))])
    assert {r[0] for r in a + b} == {"ok"}
    with sf() as s:
        for case_id, _ in cases:
            attempts = sorted(s.scalars(select(Callback.attempt).where(Callback.case_id == case_id)))
            assert attempts == [1, 2]
            assert s.get(Case, case_id).callback_attempts == 2


def merge_pairs(sf, pairs):
    actor = make_actor("dispatcher")
    return [attempt(lifecycle.merge, sf, actor, case_id, into, expected_version=version)
            for case_id, into, version in pairs]


def test_two_dispatchers_merging_two_cases_into_each_other_one_merge_wins(db_url, sf):
    _street, refs = _new_cases(sf, 16)
    firsts, seconds = refs[0::2], refs[1::2]
    a_pairs = [(x.id, y.id, x.version) for x, y in zip(firsts, seconds, strict=True)]
    b_pairs = [(y.id, x.id, y.version) for x, y in zip(firsts, seconds, strict=True)]
    a, b = run_at_once(db_url, [(merge_pairs, (a_pairs,)), (merge_pairs, (b_pairs,))])
    for ra, rb in zip(a, b, strict=True):
        assert sorted([ra[0], rb[0]]) in (["conflict", "ok"], ["ok", "refused"]), (ra, rb)
    with sf() as s:
        for x, y in zip(firsts, seconds, strict=True):
            statuses = sorted([s.get(Case, x.id).status, s.get(Case, y.id).status])
            assert statuses == ["dispatched", "merged"]


# ------------------------------------------------------------- the order in which summary rows are locked

def _held_by_another(engine, sql: str) -> bool:
    with engine.connect() as conn:
        try:
            conn.execute(text(sql + " FOR UPDATE NOWAIT"))
            return False
        except OperationalError:  # LockNotAvailable: another transaction holds the row
            return True


@pytest.mark.parametrize("unit", [7, 0])  # unit 0 ("no unit yet") has no monthly unit row: a statement of another shape
def test_postgresql_locks_the_summary_rows_of_a_change_in_one_order(pg_server, pg_template, unit):
    """Category month, unit month, then the days in key order, whatever the shape of the statement."""
    engine = db.make_engine(new_pg_url(pg_server, pg_template))
    sf = db.make_session_factory(engine)
    delta = {(DAY, unit, 3): {"received": 1}, (date(2024, 3, 6), unit, 3): {"received": 1}}
    with sf.begin() as s:
        stats.apply(s, delta)  # the rows exist: the next change updates (and locks) them
    rows = {"category": "SELECT 1 FROM stat_monthly_category WHERE month = '2024-03-01' AND category_id = 3",
            "unit": f"SELECT 1 FROM stat_monthly_unit WHERE month = '2024-03-01' AND unit_id = {unit}",
            "day 5": f"SELECT 1 FROM stat_daily WHERE day = '2024-03-05' AND unit_id = {unit} AND category_id = 3",
            "day 6": f"SELECT 1 FROM stat_daily WHERE day = '2024-03-06' AND unit_id = {unit} AND category_id = 3"}
    if not unit:
        del rows["unit"]
    order = list(rows)

    def change():
        with sf.begin() as s:
            stats.apply(s, delta)

    try:
        for i, blocker in enumerate(order):
            with engine.connect() as holder:
                holder.execute(text(rows[blocker] + " FOR UPDATE"))
                writer = threading.Thread(target=change)
                writer.start()
                with engine.connect() as conn:  # until the change waits for the row held here
                    deadline = time.monotonic() + 30
                    while time.monotonic() < deadline:
                        waiting = conn.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                                   " AND datname = current_database()"))
                        conn.rollback()  # pg_stat_activity is read once per transaction: look again in a new one
                        if waiting:
                            break
                        time.sleep(0.01)
                assert waiting, f"the change did not wait for the {blocker} row"
                held = [name for name in order if name != blocker and _held_by_another(engine, rows[name])]
                assert held == order[:i], blocker
                holder.rollback()
                writer.join(10)
    finally:
        engine.dispose()
