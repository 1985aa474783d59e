"""Chronic problems (顽疾) by community, read from the place summary (stat_place) with Core statements only.

The community × category pairs with cases in at least `chronic.months` of the 12 months ending with the month
of `as_of` and a resolution rate below the district's over the same months, most cases first (see
app/services/watch.py, which holds the seasonal list, the addresses and the case scan this equals:
tests/test_watch_summary.py compares them). Like `rank`, the `watch --chronic` command runs this without
the ORM and the models (app/summary_tables.py), so that it starts fast.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Integer,
    String,
    and_,
    case,
    column,
    func,
    literal,
    select,
    table,
    union_all,
)

from app import summary_tables as tables
from app.services.directory import Directory
from app.services.rules import int_setting

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

# the few columns of the cases and callbacks this module reads (the tables themselves are app/models/cases.py)
_cases = table("cases", column("id", Integer), column("received_at", DateTime), column("street_id", Integer),
               column("community_id", Integer), column("category_id", Integer), column("unit_id", Integer))
_callbacks = table("callbacks", column("case_id", Integer), column("unit_id", Integer), column("reached", Boolean),
                   column("resolved", String))


class WatchRefused(ValueError):
    """The watch list cannot be made as asked; the message says why."""


@dataclass(frozen=True)
class WatchRow:
    street: str
    community: str
    category: str
    cases: int  # chronic: in the 12 months; seasonal: in the last past season
    resolution_rate: float | None
    unit: str  # the unit that handled most of them
    months: int = 0  # chronic: months with cases
    cases_per_season: float = 0.0  # seasonal
    seasons_listed: int = 0  # seasonal
    per_1000: float | None = None  # seasonal: cases per season per 1 000 residents
    address: str = ""


@dataclass(frozen=True)
class WatchList:
    rows: list[WatchRow]
    district_resolution_rate: float | None = None
    by_population: bool = False  # seasonal: ranked per 1 000 residents
    spans: tuple[tuple[date, date], ...] = ()


def first_month(as_of: date) -> date:
    """The first day of the 12 calendar months ending with the month of `as_of`."""
    return date(as_of.year - 1 + (as_of.month == 12), as_of.month % 12 + 1, 1)


def start(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


def rate(pair: tuple[int, int] | None) -> float | None:
    """resolved / reached of a (resolved, reached) pair; None without a reached callback."""
    if not pair or pair[1] == 0:
        return None
    return pair[0] / pair[1]


def unit_name(directory: Directory, unit_id) -> str:
    unit = directory.units.get(unit_id) if unit_id is not None else None
    return unit.name if unit else ""


def _place_rows(as_of: date):
    """The place summary's rows of the 12 months ending with `as_of`, as a subquery.

    The summary holds whole months: when `as_of` is not the last day of its month, that month's rows are
    counted from its cases up to `as_of` instead (an index range over one month at most).
    """
    p = tables.stat_place.c
    first, month = first_month(as_of), as_of.replace(day=1)
    whole = (as_of + timedelta(days=1)).day == 1
    summary = select(p.month, p.street_id, p.community_id, p.category_id, p.unit_id, p.received, p.reached,
                     p.resolved).where(p.month >= first, p.month <= as_of if whole else p.month < month)
    if whole:
        return summary.subquery()
    c, b = _cases.c, _callbacks.c
    received = (c.received_at >= start(month), c.received_at < start(as_of + timedelta(days=1)))
    place = (literal(month, Date), func.coalesce(c.street_id, 0), func.coalesce(c.community_id, 0),
             func.coalesce(c.category_id, 0))
    one, zero = literal(1, Integer), literal(0, Integer)
    cases = select(*place, func.coalesce(c.unit_id, 0), one, zero, zero).where(*received)
    callbacks = (select(*place, func.coalesce(b.unit_id, 0), zero, one, case((b.resolved == "yes", 1), else_=0))
                 .select_from(_cases.join(_callbacks, and_(b.case_id == c.id, b.reached.is_(True))))
                 .where(*received))
    return union_all(summary, cases, callbacks).subquery()


def chronic_by_community(conn: Connection | Session, as_of: date, directory: Directory | None = None) -> WatchList:
    """Chronic community × category pairs of the 12 months ending with the month of `as_of` (up to `as_of`).

    The summary holds, per month received, street, community, category and unit, the cases received and the
    reached and resolved callbacks of those cases: the months with cases, the cases, the resolution rate
    and the unit with most cases of each pair are sums over it.
    """
    directory = directory or Directory.load(conn)
    months_needed = int_setting(conn, "chronic.months", as_of)
    p = _place_rows(as_of).c
    reached, resolved = conn.execute(select(func.coalesce(func.sum(p.reached), 0),
                                            func.coalesce(func.sum(p.resolved), 0))).one()
    district_rate = rate((int(resolved), int(reached)))
    keys = (p.street_id, p.community_id, p.category_id)
    placed = (p.community_id != 0, p.category_id != 0)
    months = func.count(func.distinct(case((p.received > 0, p.month))))
    pairs = conn.execute(select(*keys, months, func.sum(p.received), func.sum(p.reached), func.sum(p.resolved))
                         .where(*placed).group_by(*keys).having(months >= months_needed)).all()
    if not pairs:
        return WatchList([], district_rate)
    # the unit with most cases of each pair (ties: the lowest id)
    per_unit = (select(*keys, p.unit_id, func.sum(p.received).label("n")).where(*placed, p.unit_id != 0)
                .group_by(*keys, p.unit_id).having(func.sum(p.received) > 0).subquery())
    u = per_unit.c
    ranked = select(u.street_id, u.community_id, u.category_id, u.unit_id, func.row_number().over(
        partition_by=(u.street_id, u.community_id, u.category_id), order_by=(u.n.desc(), u.unit_id)).label("r")
    ).subquery()
    r = ranked.c
    units = {tuple(row[:3]): row[3] for row in conn.execute(
        select(r.street_id, r.community_id, r.category_id, r.unit_id).where(r.r == 1))}
    rows = []
    for street_id, community_id, category_id, n_months, n, n_reached, n_resolved in pairs:
        pair_rate = rate((int(n_resolved or 0), int(n_reached or 0)))
        if district_rate is not None and pair_rate is not None and pair_rate >= district_rate:
            continue  # called about every month, but solved as well as elsewhere: not a chronic problem
        category = directory.categories.get(category_id)
        rows.append(WatchRow(
            street=unit_name(directory, street_id or None), community=unit_name(directory, community_id),
            category=category.name if category else "", cases=int(n), resolution_rate=pair_rate,
            unit=unit_name(directory, units.get((street_id, community_id, category_id))), months=int(n_months)))
    rows.sort(key=lambda row: (-row.cases, -row.months, row.street, row.community, row.address, row.category))
    return WatchList(rows, district_rate)
