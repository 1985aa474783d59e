"""`python main.py demo`: a realistic district in an empty database, the same for the same seed."""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select, text

from app import cli, db
from app.models import COUNTERS, Base, Callback, Case, CaseEvent, CaseNumberCounter, Category, StatDaily, Unit
from app.services import demo, lifecycle, stats, word_search
from app.services.lifecycle import OPEN_STATES, IntakeForm
from app.services.validation import STATUSES
from tests.conftest import new_pg_url, new_sqlite_url

ROOT = Path(__file__).resolve().parent.parent
N = 3000
SEED = 7
END = datetime(2022, 8, 31, 23, 59, 59)


def _build(url: str, cases: int = N, seed: int = SEED) -> demo.DemoSummary:
    engine = db.make_engine(url)
    try:
        return demo.generate(db.make_session_factory(engine), cases, seed=seed)
    finally:
        engine.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo_url(request, tmp_path_factory):
    """One demo of N cases per backend, shared by the read-only checks of this module."""
    if request.param == "sqlite":
        url = new_sqlite_url(request.getfixturevalue("sqlite_template"), tmp_path_factory.mktemp("demo"))
    else:
        url = new_pg_url(request.getfixturevalue("pg_server"), request.getfixturevalue("pg_template"))
    SUMMARIES[url] = _build(url)
    return url


SUMMARIES: dict[str, demo.DemoSummary] = {}


@pytest.fixture
def demo_s(demo_url):
    engine = db.make_engine(demo_url)
    with db.make_session_factory(engine)() as s:
        yield s
    engine.dispose()


def _digest(url: str) -> str:
    engine = db.make_engine(url)
    h = hashlib.sha256()
    with engine.connect() as conn:
        for table, order in (("cases", "id"), ("case_events", "id"), ("callbacks", "id"),
                             ("case_number_counters", "day"), ("stat_daily", "day, unit_id, category_id"),
                             ("units", "id")):
            for row in conn.execute(text(f"SELECT * FROM {table} ORDER BY {order}")):
                h.update(repr(tuple(row)).encode())
    engine.dispose()
    return h.hexdigest()


def test_same_seed_gives_the_same_district_and_another_seed_another(db_url, tmp_path, request):
    first = _build(db_url, 1500, seed=3)
    if db_url.startswith("sqlite"):
        again = new_sqlite_url(request.getfixturevalue("sqlite_template"), tmp_path)
        other = new_sqlite_url(request.getfixturevalue("sqlite_template"), tmp_path)
    else:
        again = new_pg_url(request.getfixturevalue("pg_server"), request.getfixturevalue("pg_template"))
        other = new_pg_url(request.getfixturevalue("pg_server"), request.getfixturevalue("pg_template"))
    second = _build(again, 1500, seed=3)
    _build(other, 1500, seed=4)
    assert (first.cases, first.events, first.callbacks) == (second.cases, second.events, second.callbacks)
    assert _digest(db_url) == _digest(again)
    assert _digest(db_url) != _digest(other)


def test_every_state_and_every_way_of_closing_is_present(demo_s):
    s = demo_s
    assert s.scalar(select(func.count()).select_from(Case)) == N
    statuses = dict(s.execute(select(Case.status, func.count()).group_by(Case.status)).all())
    assert set(statuses) == set(STATUSES)
    reasons = set(s.scalars(select(Case.close_reason).where(Case.status.in_(("closed", "merged"))).distinct()))
    assert reasons == {"callback", "unreachable", "manual", "merged"}
    centre = s.scalar(select(Unit.id).where(Unit.kind == "hotline_centre"))
    answered = s.scalar(select(func.count()).select_from(CaseEvent).where(CaseEvent.action == "answer"))
    assert answered > 0
    answered_types = set(s.scalars(select(Case.request_type).join(CaseEvent, CaseEvent.case_id == Case.id)
                                   .where(CaseEvent.action == "answer")))
    assert answered_types == {"consultation"}  # only a consultation is answered at intake
    assert s.scalar(select(func.count()).select_from(Case).where(Case.unit_id == centre, Case.status == "closed"))
    # reopened and closed again after a second round of callbacks
    reopened = s.scalars(select(Case.id).where(Case.reopen_count > 0, Case.status == "closed")).all()
    assert reopened
    rounds = set(s.scalars(select(Callback.round).where(Callback.case_id.in_(reopened), Callback.reached)))
    assert rounds == {0, 1}
    actions = set(s.scalars(select(CaseEvent.action).distinct()))
    assert {"create", "dispatch", "redispatch", "sign", "contact", "reply", "answer", "callback",
            "callback_attempt", "callback_unreachable", "return_requested", "return_approved",
            "extension_requested", "extension_approved", "merge", "repeat_merged", "reopen", "close"} <= actions
    # open and past the reply deadline at the end of the demo; pending requests waiting for the dispatcher
    overdue = s.scalar(select(func.count()).select_from(Case)
                       .where(Case.status.in_(OPEN_STATES), Case.reply_deadline < END))
    assert overdue > 0
    assert set(s.scalars(select(Case.pending_request).where(Case.pending_request.is_not(None)).distinct())) == {
        "return", "extension"}
    late = s.scalar(select(func.count()).select_from(Case).where(Case.replied_at > Case.reply_deadline))
    assert late > 0
    assert s.scalar(select(func.count()).select_from(Case).where(Case.received_at > END)) == 0
    assert s.scalar(select(func.count()).select_from(CaseEvent).where(CaseEvent.at > END)) == 0


def test_callbacks_agree_with_the_state_of_each_case(demo_s):
    s = demo_s
    cases = {c.id: c for c in s.scalars(select(Case))}
    by_case: dict[int, list[Callback]] = defaultdict(list)
    for cb in s.scalars(select(Callback).order_by(Callback.case_id, Callback.round, Callback.attempt)):
        by_case[cb.case_id].append(cb)
    for case_id, case in cases.items():
        current = [cb for cb in by_case[case_id] if cb.round == case.reopen_count]
        assert [cb.attempt for cb in current] == list(range(1, len(current) + 1)), case.case_no
        assert case.callback_attempts == len(current), case.case_no
        assert all(cb.round <= case.reopen_count for cb in by_case[case_id])
        reached = [cb for cb in current if cb.reached]
        if case.close_reason == "callback":
            assert len(reached) == 1 and current[-1].reached, case.case_no
            assert reached[0].at == case.closed_at and reached[0].unit_id == case.unit_id
            assert reached[0].resolved in ("yes", "partly", "no") and reached[0].satisfaction is not None
        elif case.close_reason == "unreachable":
            assert len(current) == 3 and not reached, case.case_no
        elif case.status == "replied":
            assert not reached and len(current) < 3, case.case_no
        else:
            assert not current, case.case_no
        for cb in by_case[case_id]:
            if not cb.reached:
                assert (cb.contacted, cb.resolved, cb.satisfaction) == (None, None, None)
        if case.reopen_count:  # the earlier round ended in a reached, unsolved callback
            earlier = [cb for cb in by_case[case_id] if cb.round == 0 and cb.reached]
            assert len(earlier) == 1 and earlier[0].resolved == "no"


def test_events_tell_the_story_of_each_case_row(demo_s):
    s = demo_s
    cases = {c.id: c for c in s.scalars(select(Case))}
    events: dict[int, list[CaseEvent]] = defaultdict(list)
    for e in s.scalars(select(CaseEvent).order_by(CaseEvent.case_id, CaseEvent.at, CaseEvent.id)):
        events[e.case_id].append(e)
    level = {u.id: u.level for u in s.scalars(select(Unit))}
    merged_into = Counter()
    for case_id, case in cases.items():
        evs = events[case_id]
        # dispatched only to units the lifecycle accepts (streets, bureaus and below, not the hotline centre)
        assert all(level[e.unit_id] >= 2 for e in evs if e.action in ("dispatch", "redispatch", "reopen"))
        assert evs[0].action == "create" and evs[0].at == case.received_at and evs[0].to_status == "new"
        assert evs[-1].to_status == case.status, case.case_no
        assert all(e.actor_id is None and e.workstation == "demo" for e in evs)
        for before, after in zip(evs, evs[1:], strict=False):
            assert after.from_status == before.to_status or after.action == "repeat_merged", case.case_no
        assert case.updated_at == max(e.at for e in evs if e.action != "repeat_merged")
        assert case.version >= 1
        if case.status == "merged":
            original = cases[case.merged_into_id]
            assert original.received_at <= case.received_at
            merged_into[original.id] += 1
        if case.status == "returned":
            assert case.unit_id is None
        if case.status in ("dispatched", "accepted", "replied", "closed") and case.close_reason != "manual":
            assert case.unit_id is not None, case.case_no
        if case.pending_request == "extension":
            assert case.pending_until > case.reply_deadline
        approved = [e for e in evs if e.action == "extension_approved"]
        reset = [e for e in evs if e.action == "deadlines_reset"]
        if reset:  # reopened: new deadlines from the reopening, as lifecycle.reopen gives them
            assert reset[-1].at == [e for e in evs if e.action == "reopen"][-1].at
            contact, reply = (part.split(" → ")[1] for part in reset[-1].note.split("; "))
            assert (contact, reply) == (f"{case.contact_deadline:%Y-%m-%d %H:%M}", f"{case.reply_deadline:%Y-%m-%d %H:%M}")
        elif approved:  # the approved extension moved the reply deadline to the date asked for
            asked = [e for e in evs if e.action == "extension_requested"][-1]
            assert asked.note.startswith(f"{case.reply_deadline:%Y-%m-%d %H:%M}")
            assert approved[-1].note.endswith(f"→ {case.reply_deadline:%Y-%m-%d %H:%M}")
    assert merged_into
    assert {cid: c.repeat_count for cid, c in cases.items() if c.repeat_count} == dict(merged_into)


def test_yearly_volumes_follow_the_seed_and_rates_rise_year_by_year(demo_s):
    s = demo_s
    year = func.extract("year", Case.received_at)
    volumes = dict(s.execute(select(year, func.count()).group_by(year)).all())
    volumes = {int(k): v for k, v in volumes.items()}
    seed_total = sum(demo.YEAR_VOLUMES.values())
    for y, seed_volume in demo.YEAR_VOLUMES.items():
        assert volumes[y] == pytest.approx(N * seed_volume / seed_total, abs=2)
    reached: Counter = Counter()
    resolved: Counter = Counter()
    satisfied: Counter = Counter()
    for at, res, sat in s.execute(select(Callback.at, Callback.resolved, Callback.satisfaction).where(Callback.reached)):
        reached[at.year] += 1
        resolved[at.year] += res == "yes"
        satisfied[at.year] += sat in ("satisfied", "basic")
    years = sorted(reached)
    resolution = [resolved[y] / reached[y] for y in years]
    satisfaction = [satisfied[y] / reached[y] for y in years]
    assert resolution == sorted(resolution) and satisfaction == sorted(satisfaction)
    assert resolution[0] == pytest.approx(0.56, abs=0.08) and resolution[-1] == pytest.approx(0.93, abs=0.05)
    assert satisfaction[0] == pytest.approx(0.74, abs=0.08) and satisfaction[-1] == pytest.approx(0.94, abs=0.05)
    # the seasons: heating in winter, rain in summer
    heating = Counter(r.month for r in s.scalars(
        select(Case.received_at).join(Category, Category.id == Case.category_id).where(Category.code == "0301")))
    rain = Counter(r.month for r in s.scalars(
        select(Case.received_at).join(Category, Category.id == Case.category_id).where(Category.code == "0403")))
    winter = sum(heating[m] for m in (11, 12, 1))
    summer = sum(heating[m] for m in (6, 7, 8))
    assert sum(rain[m] for m in (6, 7, 8)) > 2 * sum(rain[m] for m in (11, 12, 1, 2))
    assert winter > 3 * summer


def test_case_numbers_are_unique_by_day_and_match_the_counters(demo_s):
    s = demo_s
    numbers = s.execute(select(Case.case_no, Case.received_at)).all()
    assert len({n for n, _ in numbers}) == len(numbers)
    per_day: dict[str, list[int]] = defaultdict(list)
    for number, received in numbers:
        assert re.fullmatch(r"\d{13}", number)
        assert number[:8] == f"{received:%Y%m%d}"
        per_day[number[:8]].append(int(number[8:]))
    counters = {f"{c.day:%Y%m%d}": c.last for c in s.scalars(select(CaseNumberCounter))}
    assert counters == {day: len(seq) for day, seq in per_day.items()}
    assert all(sorted(seq) == list(range(1, len(seq) + 1)) for seq in per_day.values())


def test_summary_tables_equal_the_lifecycle_contributions_of_every_case(demo_s):
    s = demo_s
    callbacks: dict[int, list[Callback]] = defaultdict(list)
    for cb in s.scalars(select(Callback)):
        callbacks[cb.case_id].append(cb)
    expected: dict = defaultdict(lambda: defaultdict(int))
    for case in s.scalars(select(Case)):
        for key, counts in stats.contributions(case, callbacks[case.id]).items():
            for c, v in counts.items():
                expected[key][c] += v
    actual = {(r.day, r.unit_id, r.category_id): {c: getattr(r, c) for c in COUNTERS if getattr(r, c)}
              for r in s.scalars(select(StatDaily))}
    assert actual == {k: {c: v for c, v in counts.items() if v} for k, counts in expected.items()}


def test_demo_units_are_labelled_and_real_units_are_kept(demo_s):
    s = demo_s
    units = list(s.scalars(select(Unit)))
    generated = [u for u in units if u.code.startswith("DEMO-")]
    assert generated and all(u.is_demo and u.note == "demo" for u in generated)
    assert {u.kind for u in generated} == {"community", "section"}
    assert all(not u.is_demo for u in units if not u.code.startswith("DEMO-"))
    names = [u.name for u in units]
    assert len(names) == len(set(names))
    streets = [u for u in units if u.kind in ("street", "town")]
    for street in streets:
        assert sum(1 for u in units if u.parent_id == street.id and u.kind == "community") >= 8
    assert s.scalar(select(Unit.population).where(Unit.code == "110106010")) == 204697
    assert s.scalar(select(Unit.note).where(Unit.code == "110106010")).startswith("2020 census")  # and its source
    assert any(u.population is None for u in streets)  # unknown stays unknown for some: raw volume there
    assert all("population: demo" in (u.note or "") for u in streets if u.population and u.note and "census" not in u.note
               and "source" not in u.note)
    # the cases reach the communities and the sections, so those rankings have something to rank
    levels = dict(s.execute(select(Unit.kind, func.count()).join(Case, Case.unit_id == Unit.id).group_by(Unit.kind)).all())
    assert levels.get("community") and levels.get("section") and levels.get("bureau") and levels.get("street")


def test_streets_differ_so_that_the_ranking_is_interesting(demo_s):
    s = demo_s
    parent = {u.id: (u.parent_id if u.level == 3 else u.id) for u in s.scalars(select(Unit))}
    kinds = {u.id: u.kind for u in s.scalars(select(Unit))}
    reached: Counter = Counter()
    resolved: Counter = Counter()
    for cb in s.scalars(select(Callback).where(Callback.reached)):
        top = parent.get(cb.unit_id)
        if kinds.get(top) in ("street", "town"):
            reached[top] += 1
            resolved[top] += cb.resolved == "yes"
    rates = [resolved[u] / reached[u] for u in reached if reached[u] >= 30]
    assert max(rates) - min(rates) > 0.12


def test_new_cases_after_the_demo_continue_the_case_numbers(demo_url, system):
    engine = db.make_engine(demo_url)
    sf = db.make_session_factory(engine)
    with sf() as s:
        street = s.scalar(select(Unit.id).where(Unit.code == "110106002"))
        category = s.scalar(text("SELECT id FROM categories WHERE code = '0602'"))
        last = s.scalar(select(CaseNumberCounter.last).where(CaseNumberCounter.day == END.date()))
    ref = lifecycle.create_case(sf, system, IntakeForm(caller_phone="13800138000", description="楼下垃圾无人清理",
                                                      category_id=category, street_id=street,
                                                      received_at=datetime(2022, 8, 31, 23, 59, 59)))
    assert ref.case_no == f"20220831{last + 1:05d}"
    assert ref.id > N
    engine.dispose()


def test_the_bulk_load_leaves_the_schema_of_the_migrations_and_valid_references(tmp_path, sqlite_template):
    url = new_sqlite_url(sqlite_template, tmp_path)
    fresh = db.make_engine(new_sqlite_url(sqlite_template, tmp_path))
    _build(url, 800)
    engine = db.make_engine(url)
    with engine.connect() as conn:
        opts = {"compare_type": True, "include_object": word_search.not_the_word_index}
        assert compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata) == []
        schema = conn.exec_driver_sql("SELECT type, name, sql FROM sqlite_master ORDER BY name").all()
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with fresh.connect() as conn:
        assert conn.exec_driver_sql("SELECT type, name, sql FROM sqlite_master ORDER BY name").all() == schema
    engine.dispose()
    fresh.dispose()


def test_demo_command_fills_an_empty_database_and_refuses_one_with_cases(sqlite_url, capsys):
    assert cli.main(["demo", "--cases", "500", "--seed", "2", "--db", sqlite_url]) == 0
    out = capsys.readouterr()
    assert "500 cases" in out.out and "demo: cases" in out.err
    assert cli.main(["demo", "--cases", "500", "--db", sqlite_url]) == 2
    err = capsys.readouterr().err
    assert "已有 500 件诉求" in err and "空数据库" in err
    engine = db.make_engine(sqlite_url)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Case)) == 500
    engine.dispose()


def test_demo_on_postgresql_refuses_a_database_with_cases(db_url):
    _build(db_url, 200)
    with pytest.raises(demo.DemoRefused) as refused:
        _build(db_url, 200)
    assert refused.value.cases == 200


@pytest.mark.parametrize("value, message", [
    ("0", "1 至 20000000"), ("-5", "1 至 20000000"), ("abc", "须为整数"), ("20000001", "1 至 20000000"), ("1.5", "须为整数"),
])
def test_bad_case_counts_are_refused_with_a_message(sqlite_url, capsys, value, message):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["demo", "--cases", value, "--db", sqlite_url])
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err
    engine = db.make_engine(sqlite_url)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Case)) == 0
    engine.dispose()


def test_missing_case_count_is_refused(sqlite_url, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["demo", "--db", sqlite_url])
    assert exit_.value.code == 2
    assert "--cases" in capsys.readouterr().err


def test_same_seed_gives_the_same_data_in_another_process(sqlite_template, tmp_path):
    """Nothing depends on the process: string hashing (set order) differs between these two runs."""
    urls = [new_sqlite_url(sqlite_template, tmp_path) for _ in range(2)]
    for url, hash_seed in zip(urls, ("1", "2"), strict=True):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), "demo", "--cases", "800", "--seed", "5",
                               "--db", url], env=env, capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 0, done.stderr
    assert _digest(urls[0]) == _digest(urls[1])


def test_the_surges_put_in_are_found_on_their_second_day(demo_url, demo_s):
    from datetime import timedelta

    from app.services import hotspots

    surges = SUMMARIES[demo_url].surges
    assert len(surges) >= 3 and all(x.cases >= 12 for x in surges)  # a small demo has room for a few
    for x in surges:
        listed = hotspots.find(demo_s, x.first_day + timedelta(days=1), 7)
        assert any((r.community, r.category) == (x.community, x.category) for r in listed), x


def test_heating_comes_back_every_winter_at_shuangchen(demo_s):
    from app.services import watch

    result = watch.seasonal(demo_s, "供暖", 2022)
    top = {(r.street, r.community): r for r in result.rows[:4]}
    assert top[("马家堡街道", "双晨社区")].seasons_listed >= 2
    addresses = demo_s.scalars(select(Case.address).join(Unit, Unit.id == Case.community_id)
                               .where(Unit.name == "双晨社区")).all()
    assert any(a.startswith("角门西里晨新园小区") for a in addresses)
