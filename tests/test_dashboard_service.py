"""The dashboard's one service call, on SQLite and PostgreSQL: it gathers the metrics, never computes its own."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from app.services import dashboard, metrics
from app.services.metrics import Group
from app.services.periods import Period
from tests.metrics_fixture import COMMUNITY_B, TOPIC, A, B, add_case, answers, build_history

AUGUST = Period.for_month(2022, 8)


def test_dashboard_figures_are_the_metrics_of_the_period(sf, monkeypatch):
    history = build_history(sf, monkeypatch)
    fig = dashboard.dashboard_figures(sf, AUGUST, Group.streets(), today=date(2022, 9, 5))
    assert not fig.comparison.partial and fig.comparison.previous == Period.for_month(2022, 7)
    with sf() as s:
        assert fig.ranking == metrics.ranking(s, AUGUST, Group.streets())
        assert fig.scope == metrics.total(s, AUGUST)
        assert fig.scope_before == metrics.total(s, Period.for_month(2022, 7))
        assert fig.topics == metrics.key_topic_volumes(s, AUGUST)
        assert fig.watch == metrics.watch_list(s, AUGUST)
        assert fig.trend.points == metrics.monthly_series(s, months=24, end=AUGUST.end)
    assert fig.trend.unit_id is None and fig.trend.name == "丰台区"
    assert fig.scope.cases == 11 and history is not None


def test_communities_are_summed_up_to_their_street(sf, monkeypatch):
    history = build_history(sf, monkeypatch)
    street = history.unit(B)
    fig = dashboard.dashboard_figures(sf, AUGUST, Group.communities(street), trend_unit_id=street)
    assert [f.name for f in fig.ranking.rows] == [COMMUNITY_B]
    assert (fig.scope.unit_id, fig.scope.cases) == (street, 2)
    assert fig.trend.name == B and [p.cases for p in fig.trend.points[-2:]] == [0, 2]


def test_a_year_reaching_past_the_data_trends_up_to_the_last_month_with_cases(sf, monkeypatch):
    build_history(sf, monkeypatch)
    fig = dashboard.dashboard_figures(sf, Period.for_year(2022), Group.streets())
    assert fig.trend.points[-1].month == date(2022, 8, 1) and len(fig.trend.points) == 24


def test_default_period_is_the_last_full_month_or_the_last_month_with_data(sf, monkeypatch):
    assert dashboard.default_period(sf, date(2022, 9, 5)) == AUGUST  # empty database: the last full month
    build_history(sf, monkeypatch)
    assert dashboard.default_period(sf, date(2022, 9, 5)) == AUGUST
    assert dashboard.default_period(sf, date(2026, 11, 25)) == AUGUST  # the data ends in August 2022
    assert dashboard.default_period(sf, date(2022, 8, 20)) == Period.for_month(2022, 7)


def test_a_year_that_is_not_over_is_compared_with_the_same_months_of_the_year_before(sf, monkeypatch):
    """2022 holds data through August: its changes are against January–August 2021, not all of 2021."""
    build_history(sf, monkeypatch)  # 14 cases in July–August 2022, one of them the key topic
    add_case(sf, monkeypatch, A, datetime(2021, 3, 10, 9), answers("yes", "yes", "satisfied"))
    add_case(sf, monkeypatch, A, datetime(2021, 5, 10, 9), answers("yes", "yes", "satisfied"), category=TOPIC)
    for day in (10, 11, 12):  # the autumn of 2021: not in the comparison
        add_case(sf, monkeypatch, A, datetime(2021, 10, day, 9), answers("no", "no", "unsatisfied"))
    add_case(sf, monkeypatch, A, datetime(2021, 11, 1, 9), category=TOPIC)
    year = Period.for_year(2022)
    fig = dashboard.dashboard_figures(sf, year, Group.streets(), today=date(2026, 12, 4))
    versus = fig.comparison
    assert versus.partial and versus.through == date(2022, 8, 31) and fig.through == date(2022, 8, 31)
    assert versus.previous == Period.for_range(date(2021, 1, 1), date(2021, 8, 31))
    # the district: 14 cases in 2022 against 2 in January–August 2021 (6 in the whole of 2021)
    assert (fig.scope.cases, fig.scope_before.cases) == (14, 2)
    # 2021-01..08: two callbacks, both all yes → score 1.0 (the whole year, with three all-no: 0.4)
    assert fig.scope.previous_score == pytest.approx(1.0)
    a = next(f for f in fig.ranking.rows if f.name == A)
    assert a.previous_score == pytest.approx(1.0) and fig.ranking.previous == versus.previous
    topic = next(t for t in fig.topics if t.name == TOPIC)
    assert (topic.cases, topic.previous_cases, topic.change) == (1, 1, 0)  # 2021-05 in, 2021-11 out
    assert fig.first_month == date(2021, 3, 1)
    # the same year once it is over on the clock and in the data compares whole years
    with sf() as s:
        assert metrics.comparison(s, Period.for_year(2021), date(2026, 12, 4)).previous == Period.for_year(2020)
