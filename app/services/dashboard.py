"""Everything the dashboard tab shows for one period and ranking group, read in one session from the
summary tables through app/services/metrics (the one implementation of the rates and the ranking)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import StatMonthlyCategory
from app.services import clock, metrics
from app.services.directory import Directory
from app.services.metrics import Group, MonthPoint, Ranking, TopicVolume, UnitFigures, WatchList
from app.services.periods import Comparison, Period, compare, last_full_month

TREND_MONTHS = 24


@dataclass(frozen=True)
class Trend:
    unit_id: int | None  # None: the whole district
    name: str
    points: tuple[MonthPoint, ...]


@dataclass(frozen=True)
class DashboardFigures:
    period: Period
    group: Group
    scope: UnitFigures  # the tiles: the district, or the street whose communities are ranked
    scope_before: UnitFigures  # the same in the previous period, for each tile's change
    ranking: Ranking
    trend: Trend
    topics: tuple[TopicVolume, ...]
    watch: WatchList
    comparison: Comparison  # what the changes are against; `partial` for a period that is not over
    first_month: date | None  # the first month holding cases (None: no case yet): the selector's bounds
    through: date  # the last day a period can hold data (metrics.data_through): never a later period


def scope_unit(group: Group) -> int | None:
    """The unit the tiles sum up: the street for its communities, else the whole district."""
    return group.street_id if group.level == "community" else None


def trend(session: Session, period: Period, unit_id: int | None, directory: Directory,
          months: int = TREND_MONTHS) -> Trend:
    """The `months` months ending with the period's last month, for the district or one unit; a period
    reaching past the data (the current year) ends at the last month that holds data instead."""
    end = period.end
    latest = _last_data_month(session)
    if latest is not None and period.start <= latest < end.replace(day=1):
        end = latest
    points = metrics.monthly_series(session, months=months, end=end, unit_id=unit_id, directory=directory)
    if unit_id is None:
        district = next((u for u in directory.units.values() if u.kind == "district"), None)
        name = district.name if district else ""
    else:
        name = directory.units[unit_id].name
    return Trend(unit_id, name, points)


def dashboard_figures(sf: sessionmaker[Session], period: Period, group: Group, trend_unit_id: int | None = None,
                      directory: Directory | None = None, today: date | None = None) -> DashboardFigures:
    """`today`: the clock's day (default clock.today()); a period not over then, or on the data's last day,
    is compared with the same days of the previous period (metrics.comparison)."""
    with sf() as s:
        d = directory or Directory.load(s)
        scope_id = scope_unit(group)
        through = metrics.data_through(s, today or clock.today())
        versus = compare(period, through)
        previous = versus.previous
        ranking = metrics.ranking(s, period, group, d, previous)
        return DashboardFigures(
            period=period,
            group=group,
            scope=metrics.total(s, period, scope_id, d, previous),
            scope_before=metrics.total(s, previous, scope_id, d),
            ranking=ranking,
            trend=trend(s, period, trend_unit_id, d),
            topics=metrics.key_topic_volumes(s, period, d, previous),
            watch=metrics.watch_list(s, period, d, streets_ranking=ranking if group == Group.streets() else None,
                                     previous=previous),
            comparison=versus,
            first_month=_first_data_month(s),
            through=through,
        )


def trend_only(sf: sessionmaker[Session], period: Period, unit_id: int | None,
               directory: Directory | None = None) -> Trend:
    with sf() as s:
        return trend(s, period, unit_id, directory or Directory.load(s))


def _last_data_month(session: Session) -> date | None:
    return metrics.last_data_month(session)


def _first_data_month(session: Session) -> date | None:
    return session.scalar(select(func.min(StatMonthlyCategory.month)).where(StatMonthlyCategory.received > 0))


def last_data_month(sf: sessionmaker[Session]) -> date | None:
    """The first day of the latest month in which any case was received, or None for an empty database."""
    with sf() as s:
        return _last_data_month(s)


def default_period(sf: sessionmaker[Session], today: date) -> Period:
    """The last full month; on a database whose data ends earlier (a copied file, a demo), the last
    month that holds data, so that the dashboard never opens on an empty month by default."""
    period = last_full_month(today)
    latest = last_data_month(sf)
    if latest is not None and latest < period.start:
        return Period.for_month(latest.year, latest.month)
    return period
