"""The dashboard's one service call, on SQLite and PostgreSQL: it gathers the metrics, never computes its own."""
from __future__ import annotations

from datetime import date

from app.services import dashboard, metrics
from app.services.metrics import Group
from app.services.periods import Period
from tests.metrics_fixture import COMMUNITY_B, B, build_history

AUGUST = Period.for_month(2022, 8)


def test_dashboard_figures_are_the_metrics_of_the_period(sf, monkeypatch):
    history = build_history(sf, monkeypatch)
    fig = dashboard.dashboard_figures(sf, AUGUST, Group.streets())
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
