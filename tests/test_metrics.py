"""The supervisor's numbers: rates, scores, ranks and changes of the hand-made history in tests/metrics_fixture.py."""
from __future__ import annotations

from datetime import date

import pytest

from app.models import ScoringRule, Setting
from app.services import metrics
from app.services.errors import NotFound
from app.services.metrics import Group
from app.services.periods import parse_period
from app.services.rules import scoring_for
from tests.metrics_fixture import (
    BUREAU_1,
    BUREAU_3,
    CATEGORY,
    COMMUNITY_B,
    SECTION_1,
    TOPIC,
    A,
    B,
    C,
    D,
    E,
    build_history,
)

AUG = parse_period("2022-08")


@pytest.fixture
def history(sf, monkeypatch):
    return build_history(sf, monkeypatch)


def by_name(ranking):
    return {f.name: f for f in ranking.rows}


def test_supervisor_ranks_streets_for_august(sf, history):
    with sf() as s:
        r = metrics.ranking(s, AUG, Group.streets(), history.directory)
    assert r.previous.label == "2022-07"
    # B: score 1.0 with 2 counted callbacks; C and D tie at 1.0 with 1 each → by name (da < xi); A last.
    assert [(f.rank, f.name) for f in r.rows] == [(1, B), (2, D), (3, C), (4, A)]
    a = by_name(r)[A]
    # A in August: c2, c3, c4 received (c1 came in July); c1, c2, c3 reached, c4 unreachable (not counted).
    assert (a.cases, a.callbacks, a.counts.callbacks) == (3, 3, 6)
    assert (a.counts.contacted, a.counts.resolved, a.counts.partly) == (2, 1, 1)
    assert a.response_rate == pytest.approx(2 / 3)
    assert a.resolution_rate == pytest.approx(1 / 3)  # "partly" is not resolved
    assert a.satisfaction_rate == pytest.approx((1 + 1.0 * 1) / 3)  # satisfied + w_basic × basic
    score = 0.10 * 2 / 3 + 0.45 * 1 / 3 + 0.45 * 2 / 3
    assert score == pytest.approx(31 / 60)
    assert a.score == pytest.approx(score)
    # July: j1 reached, all yes → 1.0
    assert a.previous_score == pytest.approx(1.0)
    assert a.change == pytest.approx(31 / 60 - 1.0)
    b = by_name(r)[B]
    # the community's case counts for its street
    assert (b.cases, b.callbacks, b.score, b.change) == (2, 2, pytest.approx(1.0), None)
    # D: July j2 all no → 0.0; August 1.0 → change +1.0
    assert by_name(r)[D].change == pytest.approx(1.0)
    assert [f.name for f in r.unranked if f.cases] == [E]
    e = next(f for f in r.unranked if f.name == E)
    assert (e.cases, e.callbacks, e.score, e.rank, e.response_rate) == (1, 0, None, None, None)


def test_scoring_rule_in_force_for_the_period_is_used(sf, history):
    with sf.begin() as s:
        s.add(ScoringRule(effective_from=date(2022, 8, 1), w_response=0.10, w_resolution=0.50, w_satisfaction=0.40,
                          w_basic=0.5))
    with sf() as s:
        r = metrics.ranking(s, AUG, Group.streets(), history.directory)
    assert (r.scoring.w_basic, r.previous_scoring.w_basic) == (0.5, 1.0)
    a, b = by_name(r)[A], by_name(r)[B]
    assert a.satisfaction_rate == pytest.approx((1 + 0.5 * 1) / 3)
    assert a.score == pytest.approx(0.10 * 2 / 3 + 0.50 * 1 / 3 + 0.40 * 0.5)  # 13/30
    assert b.satisfaction_rate == pytest.approx((1 + 0.5) / 2)
    assert b.score == pytest.approx(0.10 + 0.50 + 0.40 * 0.75)  # 0.9
    # July keeps its own rule: A's July score stays 1.0
    assert a.change == pytest.approx(13 / 30 - 1.0)
    assert [f.name for f in r.rows] == [D, C, B, A]


def test_bureau_ranking_counts_its_sections_cases(sf, history):
    with sf() as s:
        r = metrics.ranking(s, AUG, Group.bureaus(), history.directory)
    assert [(f.rank, f.name) for f in r.rows] == [(1, BUREAU_3), (2, BUREAU_1)]
    b1 = by_name(r)[BUREAU_1]
    # c10 (section: yes/no/unsatisfied) + c11 (bureau: no/yes/satisfied)
    assert (b1.cases, b1.callbacks) == (2, 2)
    assert (b1.response_rate, b1.resolution_rate, b1.satisfaction_rate) == (0.5, 0.5, 0.5)
    assert b1.score == pytest.approx(0.10 * 0.5 + 0.45 * 0.5 + 0.45 * 0.5)
    assert SECTION_1 not in {f.name for f in r.rows + r.unranked}


def test_community_ranking_of_one_street(sf, history):
    with sf() as s:
        r = metrics.ranking(s, AUG, Group.communities(history.unit(B)), history.directory)
    # only c5 is handled by the community; the street's own case c6 counts for no community
    assert [(f.rank, f.name, f.cases, f.callbacks) for f in r.rows] == [(1, COMMUNITY_B, 1, 1)]
    assert r.rows[0].score == pytest.approx(1.0)


def test_community_ranking_of_a_unit_that_is_no_street_or_bureau_is_refused(sf, history):
    """The third level is ranked under a street or town (社区村) or under a bureau (科所站队), nowhere else."""
    with sf() as s, pytest.raises(NotFound):
        metrics.ranking(s, AUG, Group.communities(history.unit(COMMUNITY_B)), history.directory)
    with sf() as s:
        sections = metrics.ranking(s, AUG, Group.communities(history.unit(BUREAU_1)), history.directory)
    assert [f.name for f in sections.rows] == [SECTION_1]


def test_quarter_and_day_ranges_read_partial_months(sf, history):
    with sf() as s:
        q3 = by_name(metrics.ranking(s, parse_period("2022-Q3"), Group.streets()))[A]
        span = by_name(metrics.ranking(s, parse_period("2022-07-15..2022-08-04"), Group.streets()))[A]
        day = by_name(metrics.ranking(s, parse_period("2022-08-02"), Group.streets()))[A]
    # Q3: j1, c1..c4 received; j1, c1, c2, c3 counted: contacted 3, resolved 2, satisfied 2, basic 1
    assert (q3.cases, q3.callbacks) == (5, 4)
    assert q3.score == pytest.approx(0.10 * 3 / 4 + 0.45 * 2 / 4 + 0.45 * 3 / 4)
    # 07-15..08-04: received c1, c2, c3; callbacks j1 (07-15) and c1 (08-02), both all yes
    assert (span.cases, span.callbacks, span.score) == (3, 2, pytest.approx(1.0))
    assert span.previous_score is None  # 07-15 back 21 days: no callback of A
    assert (day.cases, day.callbacks, day.score) == (0, 1, pytest.approx(1.0))


def test_district_and_unit_tiles(sf, history):
    with sf() as s:
        district = metrics.total(s, AUG, directory=history.directory)
        street_b = metrics.total(s, AUG, history.unit(B), history.directory)
    # August: 11 received (A 3, B 2, C 1, D 1, E 1, bureaus 3); 10 counted;
    # contacted 8, resolved 7, satisfied 5, basic 3
    assert (district.name, district.cases, district.callbacks) == ("丰台区", 11, 10)
    assert (district.response_rate, district.resolution_rate, district.satisfaction_rate) == (0.8, 0.7, 0.8)
    assert district.score == pytest.approx(0.10 * 0.8 + 0.45 * 0.7 + 0.45 * 0.8)  # 0.755
    # July: counted j1 (all yes) and j2 (all no) → 0.5
    assert district.previous_score == pytest.approx(0.5)
    assert district.change == pytest.approx(0.755 - 0.5)
    assert (street_b.cases, street_b.callbacks, street_b.score, street_b.change) == (2, 2, pytest.approx(1.0), None)


def test_monthly_series_of_a_street(sf, history):
    with sf() as s:
        points = metrics.monthly_series(s, start=date(2022, 6, 1), end=date(2022, 8, 31), unit_id=history.unit(A))
        latest = metrics.monthly_series(s, months=2)
    assert [p.label for p in points] == ["2022-06", "2022-07", "2022-08"]
    june, july, aug = points
    assert (june.cases, june.callbacks, june.score) == (0, 0, None)
    assert (july.cases, july.callbacks, july.score) == (2, 1, pytest.approx(1.0))
    assert (aug.cases, aug.callbacks, aug.score) == (3, 3, pytest.approx(31 / 60))
    assert aug.resolution_rate == pytest.approx(1 / 3)
    # without an end: the latest month in the summary
    assert [(p.label, p.cases) for p in latest] == [("2022-07", 3), ("2022-08", 11)]


def test_category_series_all_time(sf, history):
    with sf() as s:
        series = metrics.category_series(s)
        top = metrics.category_series(s, level="top")
    assert series.months == (date(2022, 7, 1), date(2022, 8, 1))
    lines = {line.name: line for line in series.lines}
    assert lines[CATEGORY].values == (3, 10) and lines[CATEGORY].total == 13
    assert lines[TOPIC].values == (0, 1)
    assert [line.name for line in series.lines] == [CATEGORY, TOPIC]
    assert [(line.name, line.total) for line in top.lines] == [("城乡建设", 14)]


def test_key_topic_volumes(sf, history):
    with sf() as s:
        topics = {t.name: t for t in metrics.key_topic_volumes(s, AUG, history.directory)}
        none = metrics.key_topic_volumes(s, parse_period("2021-08"), history.directory)
    assert (topics[TOPIC].cases, topics[TOPIC].previous_cases, topics[TOPIC].change) == (1, 0, 1)
    assert topics[TOPIC].change_ratio is None and topics[TOPIC].scope == "municipal"
    assert all(t.cases == 0 for name, t in topics.items() if name != TOPIC)
    assert none == ()  # no key topics were named for 2021


def test_watch_list_governance_cut_and_most_improved(sf, history):
    with sf.begin() as s:
        s.add(Setting(key="governance.top_n", effective_from=date(2022, 1, 1), value="2"))
    with sf() as s:
        w = metrics.watch_list(s, AUG, history.directory)
    # only some streets have a population: ordered by raw volume, per 10 000 shown where known
    assert w.basis == "volume" and w.top_n == 2
    assert [(r.name, r.cases) for r in w.rows[:5]] == [(A, 3), (B, 2), (C, 1), (D, 1), (E, 1)]
    assert [r.name for r in w.governance] == [A, B]
    b = w.rows[1]
    assert b.population == 67982 and b.per_10k == pytest.approx(2 * 10_000 / 67982)
    assert w.rows[0].per_10k is None
    assert [(f.name, f.change) for f in w.improved] == [(D, pytest.approx(1.0))]


def test_rates_are_none_without_counted_callbacks(sf):
    with sf() as s:
        r = metrics.ranking(s, AUG, Group.streets())
        district = metrics.total(s, AUG)
    assert r.rows == () and len(r.unranked) == 26
    assert (district.cases, district.score, district.change) == (0, None, None)


def test_rules_of_each_month_score_the_monthly_series(sf, history):
    with sf.begin() as s:
        s.add(ScoringRule(effective_from=date(2022, 8, 1), w_response=0.10, w_resolution=0.50, w_satisfaction=0.40,
                          w_basic=0.5))
    with sf() as s:
        july, aug = metrics.monthly_series(s, start=date(2022, 7, 1), end=date(2022, 8, 1), unit_id=history.unit(B))
        district_july, _ = metrics.monthly_series(s, start=date(2022, 7, 1), end=date(2022, 8, 1))
        # every period is scored with the rule scoring_for gives for its first day, also before the first rule
        for text in ("1999-12", "2022-07", "2022-08", "2022-07-20..2022-08-10", "2031"):
            period = parse_period(text)
            r = metrics.ranking(s, period, Group.bureaus(), history.directory)
            assert (r.scoring, r.previous_scoring) == (scoring_for(s, period.start), scoring_for(s, r.previous.start))
    assert aug.satisfaction_rate == pytest.approx((1 + 0.5) / 2)
    assert aug.score == pytest.approx(0.10 + 0.50 + 0.40 * 0.75)
    assert july.score is None and july.cases == 0
    # July (w_basic 1, weights 0.10/0.45/0.45): counted j1 all yes, j2 all no → 0.5
    assert district_july.score == pytest.approx(0.5)


def test_previous_scores_need_only_the_score_counters():
    """Previous periods are read with SCORE_COUNTERS only: the formulas must not use any other counter."""
    import random

    from app.models import COUNTERS
    from app.services.rules import Scoring

    rng = random.Random(5)
    scoring = Scoring(date(2000, 1, 1), 0.1, 0.5, 0.4, 0.7)
    for _ in range(200):
        full = metrics.Counts(*(rng.randrange(0, 50) for _ in COUNTERS))
        only = metrics.Counts(**{c: getattr(full, c) for c in metrics.SCORE_COUNTERS})
        assert metrics.rates_for(full, scoring) == metrics.rates_for(only, scoring)


def test_watch_list_per_10000_residents_when_every_population_is_known(sf, history):
    from sqlalchemy import update

    from app.models import Unit

    with sf.begin() as s:
        s.execute(update(Unit).where(Unit.kind.in_(("street", "town"))).values(population=100_000))
        s.execute(update(Unit).where(Unit.name == E).values(population=1_000))  # 1 case among few residents
    with sf() as s:
        w = metrics.watch_list(s, AUG)
    assert w.basis == "per_10k"
    # E: 1 × 10 000 / 1 000 = 10; A: 3 × 10 000 / 100 000 = 0.3; B: 0.2; C and D: 0.1 (by code)
    assert [(r.name, r.per_10k) for r in w.rows[:5]] == [(E, 10.0), (A, 0.3), (B, 0.2), (C, 0.1), (D, 0.1)]
    assert [r.position for r in w.rows[:3]] == [1, 2, 3]
    assert [r.name for r in w.governance] == [E, A, B, C, D]  # top 5 by default, each with cases


def test_unknown_units_and_options_are_refused(sf):
    with sf() as s:
        with pytest.raises(NotFound):
            metrics.total(s, AUG, unit_id=999_999)
        with pytest.raises(NotFound):
            metrics.monthly_series(s, unit_id=999_999)
        with pytest.raises(ValueError):
            metrics.category_series(s, level="middle")
        with pytest.raises(ValueError):
            metrics.category_series(s, counter="cases")
        assert metrics.category_series(s) == metrics.CategorySeries((), ())
