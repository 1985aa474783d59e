"""The three rates, the composite score and the rankings: the one implementation every chart, table, report and export uses.

Formulas (DESIGN section 3, rules in force on the period's first day, app/services/rules.scoring_for):
    counted callbacks = reached callbacks (unreachable ones count in no rate)
    response rate     = contacted / counted
    resolution rate   = resolved ("yes" only; "partly" is not resolved) / counted
    satisfaction rate = (satisfied + w_basic × basic) / counted
    score             = w_response × response + w_resolution × resolution + w_satisfaction × satisfaction
Every figure comes from the summary tables (StatMonthlyUnit / StatMonthlyCategory for whole months,
StatDaily for the days of partly covered months — or the whole month minus the days outside the period,
whichever reads fewer days), never from the cases.

API (all return frozen dataclasses; `directory` may be passed to skip loading the units again):
- `rates_for(counts, scoring) -> Rates`: the formulas above on any Counts.
- `ranking(session, period, group, directory=None) -> Ranking`: `group` is `Group.streets()`,
  `Group.bureaus()` or `Group.communities(street_id)`. `Ranking.rows` are the ranked units
  (UnitFigures with rank, score, change against `period.previous()`), `Ranking.unranked` those with no
  counted callback. A case counts for the group unit that is its handling unit or an ancestor of it.
- `total(session, period, unit_id=None, directory=None) -> UnitFigures`: the same figures for the
  whole district (unit_id None) or one unit with its subtree, with the change (tiles).
- `monthly_series(session, months=24, start=None, end=None, unit_id=None, directory=None)
  -> tuple[MonthPoint, ...]`: volume, counted callbacks, the three rates and the score per month.
- `category_series(session, start=None, end=None, level="leaf", counter="received", directory=None)
  -> CategorySeries`: monthly volume per category (all time by default).
- `key_topic_volumes(session, period, directory=None) -> tuple[TopicVolume, ...]`: volume per key
  topic of the period's year, with the change against the previous period.
- `comparison(session, period, today=None) -> Comparison`: what the period's changes are against; pass its
  `previous` to `ranking`, `total`, `key_topic_volumes` and `watch_list` (their `previous=` argument), so a
  period that is not over (2022 through August) is compared with the same days of the previous one.
- `watch_list(session, period, directory=None, improved_limit=5) -> WatchList`: streets and towns by
  requests per 10 000 residents (by raw volume when a population is unknown), the governance cut
  (Setting `governance.top_n`), and the most improved streets (进步较大).
- `category_counts(session, period, unit_id=None, directory=None) -> dict[int, Counts]`: the counters per
  category, for the district or one unit's subtree (the reports' category mix and unresolved callbacks).
"""
from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import TYPE_CHECKING

from app.counters import COUNTERS
from app.services import clock, statements
from app.services.directory import Directory, UnitInfo
from app.services.errors import NotFound
from app.services.periods import Comparison, Period, compare, next_month
from app.services.rules import Scoring, int_setting, scoring_columns, scoring_for

if TYPE_CHECKING:  # every function takes a Session or a Connection: it only runs Core statements
    from sqlalchemy.orm import Session

# SQLAlchemy is imported by the functions that build statements, not here: `rank`'s statements are named
# factories (app/services/statements.py), and `rank` on a SQLite file runs them compiled ahead of time,
# with this module's Python (the rates, the order, the changes) and without SQLAlchemy.
COLUMN_SETS = {"all": COUNTERS, "score": ("reached", "contacted", "resolved", "satisfied", "basic"),
               "received": ("received",)}

LEVELS = ("street", "bureau", "community")
SCORE_COUNTERS = COLUMN_SETS["score"]  # all that rates_for reads
SCORE_TIE_DIGITS = 12  # scores equal to this many decimals are a tie (float noise is not a difference)


# ---------------------------------------------------------------- counts and the formulas

@dataclass(frozen=True)
class Counts:
    """Sums of the summary counters (see app/models/stats.py for what each counts)."""

    received: int = 0
    replied: int = 0
    overdue: int = 0
    callbacks: int = 0
    reached: int = 0
    contacted: int = 0
    resolved: int = 0
    partly: int = 0
    satisfied: int = 0
    basic: int = 0
    unsatisfied: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, c) + getattr(other, c) for c in COUNTERS))

    @classmethod
    def of(cls, values: Iterable) -> Counts:
        return cls(*(int(v or 0) for v in values))


assert tuple(f.name for f in fields(Counts)) == COUNTERS  # Counts(*row) relies on the same order


@dataclass(frozen=True)
class Rates:
    response: float | None
    resolution: float | None
    satisfaction: float | None
    score: float | None


def rates_for(counts: Counts, scoring: Scoring) -> Rates:
    """The three rates and the composite score; all None when no callback was counted."""
    counted = counts.reached
    if not counted:
        return Rates(None, None, None, None)
    response = counts.contacted / counted
    resolution = counts.resolved / counted
    satisfaction = (counts.satisfied + scoring.w_basic * counts.basic) / counted
    score = scoring.w_response * response + scoring.w_resolution * resolution + scoring.w_satisfaction * satisfaction
    return Rates(response, resolution, satisfaction, score)


@dataclass(frozen=True)
class UnitFigures:
    """One unit (or the whole district, unit_id None) in one period."""

    unit_id: int | None
    name: str
    kind: str
    counts: Counts
    response_rate: float | None
    resolution_rate: float | None
    satisfaction_rate: float | None
    score: float | None
    previous_score: float | None
    change: float | None  # score minus previous_score; None when either is missing
    rank: int | None = None

    @property
    def cases(self) -> int:
        return self.counts.received

    @property
    def callbacks(self) -> int:
        """Counted callbacks (reached)."""
        return self.counts.reached

    @property
    def ranked(self) -> bool:
        return self.score is not None


def _figures(unit_id: int | None, name: str, kind: str, counts: Counts, scoring: Scoring,
             previous: Counts, previous_scoring: Scoring) -> UnitFigures:
    now = rates_for(counts, scoring)
    before = rates_for(previous, previous_scoring).score
    change = now.score - before if now.score is not None and before is not None else None
    return UnitFigures(unit_id, name, kind, counts, now.response, now.resolution, now.satisfaction, now.score,
                       before, change)


# ---------------------------------------------------------------- groups of units

@dataclass(frozen=True)
class Group:
    """The units a ranking compares: streets and towns; bureaus (and companies); the communities of one street
    (or the sections, 科所站队, of one bureau: `communities(bureau_id)`)."""

    level: str  # street | bureau | community
    street_id: int | None = None

    @classmethod
    def streets(cls) -> Group:
        return cls("street")

    @classmethod
    def bureaus(cls) -> Group:
        return cls("bureau")

    @classmethod
    def communities(cls, street_id: int) -> Group:
        return cls("community", street_id)

    def members(self, directory: Directory) -> list[UnitInfo]:
        if self.level == "street":
            return directory.streets()
        if self.level == "bureau":
            return directory.bureaus()
        if self.level == "community":
            # the third level under a street or town (社区/村), or under a bureau (科所站队)
            parent = directory.units.get(self.street_id) if self.street_id else None
            if parent is None or parent.kind not in ("street", "town", "bureau", "company"):
                raise NotFound("street", self.street_id)
            return [u for u in directory.children(parent.id) if u.level == 3]
        raise ValueError(f"unknown ranking level {self.level!r}; expected one of {', '.join(LEVELS)}")


# ---------------------------------------------------------------- reading the summary tables

def _month_end(first: date) -> date:
    return next_month(first) - timedelta(days=1)


def _plan(period: Period) -> tuple[tuple[date, date] | None, list[tuple[date, date]], list[tuple[date, date]]]:
    """How to read a period: a block of months (first and last month start) from the monthly tables, plus
    day ranges to add and day ranges to take away, from the daily table.

    A partly covered month is read day by day when the period holds at most half of it; otherwise as the
    whole month minus the days outside the period, so that no more than half a month of daily rows is read
    at either end. At most two ranges are added and two taken away.
    """
    months, plus, minus = [], [], []
    first = period.start.replace(day=1)
    while first <= period.end:
        last = _month_end(first)
        a, b = max(period.start, first), min(period.end, last)
        covered, length = (b - a).days + 1, (last - first).days + 1
        if covered == length:
            months.append(first)
        elif covered * 2 > length:
            months.append(first)
            if a > first:
                minus.append((first, a - timedelta(days=1)))
            if b < last:
                minus.append((b + timedelta(days=1), last))
        else:
            plus.append((a, b))
        first = next_month(first)
    assert len(plus) <= 2 and len(minus) <= 2
    return ((months[0], months[-1]) if months else None), plus, minus


Sums = dict  # key (unit id, category id or None) -> list of the COUNTERS' sums


def _sums(session: Session, period: Period, monthly: str, by: str, unit_ids: set[int] | None = None,
          columns: tuple[str, ...] = COUNTERS) -> Sums:
    """Counter sums over the period from the summary tables, grouped by `by`:

    "unit": per summary unit; "level2": per unit of level 2 or above (a level-3 unit's counts go to its
    parent, in SQL, so a ranking reads a few dozen rows instead of every community); "category": per
    category; "all": one row (key None). `monthly` names the monthly table read for whole months;
    `unit_ids` keeps only those summary units. The lists hold the sums of `columns` (a value of
    COLUMN_SETS) in that order (a previous period needs only the SCORE_COUNTERS).
    """
    months, plus, minus = _plan(period)
    out: Sums = {}
    ids = {"ids": sorted(unit_ids)} if unit_ids is not None else {}
    shape = ("ids" if unit_ids is not None else "all", next(k for k, v in COLUMN_SETS.items() if v == columns))

    def run(table, params, sign=1):
        keyed = by != "all"
        name = statements.name_of(__name__, "sums_statement", table, by, *shape)
        for row in statements.fetch(session, name, {**params, **ids}):
            k, values = (row[0], row[1:]) if keyed else (None, row)
            if values[0] is None:  # an aggregate over no row
                continue
            total = out.get(k)
            if total is None:
                out[k] = [sign * int(v) for v in values]
            else:
                for i, v in enumerate(values):
                    total[i] += sign * int(v)

    if months is not None:
        run(monthly, {"lo": months[0], "hi": months[1]})
    for ranges, sign in ((plus, 1), (minus, -1)):
        if ranges:
            (lo1, hi1), (lo2, hi2) = ranges if len(ranges) == 2 else (ranges[0], (date.max, date.min))
            run("stat_daily", {"lo1": lo1, "hi1": hi1, "lo2": lo2, "hi2": hi2}, sign)
    return out


@functools.cache
def sums_statement(table_name: str, by: str, filtered: str, columns: str):
    """The summing query of `_sums`, built once per shape (building a select costs more than running it
    here): `table_name` a monthly table or "stat_daily"; `filtered` "ids" (the units of the expanding
    parameter `ids`) or "all"; `columns` a key of COLUMN_SETS."""
    from sqlalchemy import Date, and_, bindparam, case, func, or_, select

    from app import summary_tables as tables

    table = tables.metadata.tables[table_name]
    daily, filtered, columns = table_name == "stat_daily", filtered == "ids", COLUMN_SETS[columns]
    units = tables.units
    if by == "level2":
        key = case((units.c.level >= 3, units.c.parent_id), else_=units.c.id)
    else:
        key = {"unit": table.c.get("unit_id"), "category": table.c.get("category_id"), "all": None}[by]
    if daily:
        day = table.c.day
        where = or_(and_(day >= bindparam("lo1", type_=Date), day <= bindparam("hi1", type_=Date)),
                    and_(day >= bindparam("lo2", type_=Date), day <= bindparam("hi2", type_=Date)))
    else:
        where = table.c.month.between(bindparam("lo", type_=Date), bindparam("hi", type_=Date))
    q = select(*([key] if key is not None else []), *[func.sum(table.c[c]) for c in columns]).where(where)
    if by == "level2":
        q = q.select_from(table.join(units, units.c.id == table.c.unit_id))
    if filtered:
        q = q.where(table.c.unit_id.in_(bindparam("ids", expanding=True)))
    return q.group_by(key) if key is not None else q


def _monthly_table(whole_district: bool) -> str:
    """The whole district's months are summed per category: only that table also holds the cases without a unit yet."""
    return "stat_monthly_category" if whole_district else "stat_monthly_unit"


def _counts(values: list[int], columns: tuple[str, ...]) -> Counts:
    return Counts(*values) if columns is COUNTERS else Counts(**dict(zip(columns, values, strict=True)))


def _in_groups(directory: Directory, sums: Sums, member_ids: set[int],
               columns: tuple[str, ...] = COUNTERS) -> dict[int, Counts]:
    """Adds each summary unit's counts to the member that is that unit or its ancestor."""
    out: dict[int, list[int]] = {}
    for unit_id, values in sums.items():
        member = directory.ancestor_in(unit_id, member_ids)
        if member is None:
            continue
        total = out.get(member)
        if total is None:
            out[member] = list(values)
        else:
            for i, v in enumerate(values):
                total[i] += v
    return {member: _counts(values, columns) for member, values in out.items()}


def _group_sums(session: Session, period: Period, group: Group, directory: Directory,
                member_ids: set[int], columns: tuple[str, ...] = COUNTERS) -> dict[int, Counts]:
    if group.level == "community":
        sums = _sums(session, period, "stat_monthly_unit", "unit", member_ids, columns)
    else:
        sums = _sums(session, period, "stat_monthly_unit", "level2", columns=columns)
    return _in_groups(directory, sums, member_ids, columns)


class _ScoringBook:
    """Every scoring rule, read once in one small query, answering exactly like rules.scoring_for for any day."""

    def __init__(self, session: Session):
        rows = statements.fetch(session, "app.services.metrics:scoring_rules_statement")
        self.rules = [Scoring(*row) for row in rows]
        self._fallback = self.rules[0] if self.rules else scoring_for(session, date.min)

    def on(self, day: date) -> Scoring:
        chosen = self._fallback
        for rule in self.rules:
            if rule.effective_from <= day:
                chosen = rule
        return chosen


@functools.cache
def scoring_rules_statement():
    """Every scoring rule, oldest first (the columns of Scoring: rules.scoring_columns)."""
    from sqlalchemy import select

    t, columns = scoring_columns()
    return select(*columns).order_by(t.c.effective_from)


def _subtree(directory: Directory, unit_id: int) -> set[int]:
    return {u.id for u in directory.units.values() if directory.ancestor_in(u.id, {unit_id}) is not None}


# ---------------------------------------------------------------- ranking and totals

@dataclass(frozen=True)
class Ranking:
    period: Period
    previous: Period
    group: Group
    scoring: Scoring
    previous_scoring: Scoring
    rows: tuple[UnitFigures, ...]  # ranked, rank 1 first
    unranked: tuple[UnitFigures, ...]  # no counted callback in the period, by name


def _order(rows: list[UnitFigures], directory: Directory) -> list[UnitFigures]:
    """Score (highest first), then more counted callbacks, then the unit's sort key (its pinyin with the
    readings of place names, 长辛店 chang…, or the administrator's key; Directory.sort_key), then name."""
    def head(f: UnitFigures):
        return -round(f.score, SCORE_TIE_DIGITS), -f.callbacks

    rows = sorted(rows, key=lambda f: (*head(f), f.name))
    if any(head(a) == head(b) for a, b in zip(rows, rows[1:], strict=False)):  # keys only when a tie needs them
        rows = sorted(rows, key=lambda f: (*head(f), directory.sort_key(f.unit_id), f.name))
    return rows


def ranking(session: Session, period: Period, group: Group, directory: Directory | None = None,
            previous: Period | None = None) -> Ranking:
    """`previous`: what the change is computed against (default `period.previous()`; see `comparison`)."""
    d = directory or Directory.load(session)
    members = group.members(d)
    ids = {u.id for u in members}
    previous = previous or period.previous()
    now = _group_sums(session, period, group, d, ids)
    before = _group_sums(session, previous, group, d, ids, SCORE_COUNTERS)
    book = _ScoringBook(session)
    scoring, previous_scoring = book.on(period.start), book.on(previous.start)
    empty = Counts()
    figures = [
        _figures(u.id, u.name, u.kind, now.get(u.id, empty), scoring, before.get(u.id, empty), previous_scoring)
        for u in members
        if u.active or u.id in now
    ]
    ranked = [
        UnitFigures(**{**f.__dict__, "rank": i})
        for i, f in enumerate(_order([f for f in figures if f.ranked], d), start=1)
    ]
    unranked = sorted((f for f in figures if not f.ranked), key=lambda f: (d.sort_key(f.unit_id), f.name))
    return Ranking(period, previous, group, scoring, previous_scoring, tuple(ranked), tuple(unranked))


def total(session: Session, period: Period, unit_id: int | None = None,
          directory: Directory | None = None, previous: Period | None = None) -> UnitFigures:
    """The figures of the whole district (unit_id None) or of one unit and the units under it."""
    previous = previous or period.previous()
    d = directory or Directory.load(session)
    if unit_id is None:
        unit_ids = None
        top = next((u for u in d.units.values() if u.kind == "district"), None)
        name, kind = (top.name, top.kind) if top else ("", "district")
    else:
        unit = d.units.get(unit_id)
        if unit is None:
            raise NotFound("unit", unit_id)
        unit_ids = _subtree(d, unit_id)
        name, kind = unit.name, unit.kind
    monthly = _monthly_table(unit_ids is None)
    now = _sums(session, period, monthly, "all", unit_ids).get(None)
    before = _sums(session, previous, monthly, "all", unit_ids, SCORE_COUNTERS).get(None)
    book = _ScoringBook(session)
    return _figures(unit_id, name, kind, Counts(*now) if now else Counts(), book.on(period.start),
                    _counts(before, SCORE_COUNTERS) if before else Counts(), book.on(previous.start))


# ---------------------------------------------------------------- how far the data goes

def last_data_month(session: Session) -> date | None:
    """The first day of the latest month in which any case was received, or None for an empty database."""
    return statements.scalar(session, "app.services.metrics:last_data_month_statement")


@functools.cache
def last_data_month_statement():
    from sqlalchemy import func, select

    from app import summary_tables as tables

    t = tables.stat_monthly_category
    return select(func.max(t.c.month)).where(t.c.received > 0)


def data_through(session: Session, today: date | None = None) -> date:
    """The last day a period can hold data for: today, or the end of the last month holding cases when
    the data ends earlier (a copied file, the demo ending 2022-08)."""
    today = today or clock.today()
    latest = last_data_month(session)
    return min(today, _month_end(latest)) if latest is not None else today


def comparison(session: Session, period: Period, today: date | None = None) -> Comparison:
    """What `period` is compared with: the previous period, or for a period not over on `data_through`
    the same days of the previous period (periods.compare). Every change of the dashboard, the `rank`
    command and the exports comes from here."""
    return compare(period, data_through(session, today))


# ---------------------------------------------------------------- monthly series

@dataclass(frozen=True)
class MonthPoint:
    month: date  # first day of the month
    counts: Counts
    response_rate: float | None
    resolution_rate: float | None
    satisfaction_rate: float | None
    score: float | None

    @property
    def label(self) -> str:
        return f"{self.month:%Y-%m}"

    @property
    def cases(self) -> int:
        return self.counts.received

    @property
    def callbacks(self) -> int:
        return self.counts.reached


def _month_bounds(session: Session, table, months: int, start: date | None,
                  end: date | None) -> tuple[date, date] | None:
    from sqlalchemy import func, select

    if start is not None and end is not None:
        return start.replace(day=1), end.replace(day=1)
    if end is None:
        latest = session.scalar(select(func.max(table.c.month)))
        end = latest if latest is not None else clock.today()
    end = end.replace(day=1)
    if start is None:
        back = end.year * 12 + end.month - 1 - (max(months, 1) - 1)
        start = date(back // 12, back % 12 + 1, 1)
    return start.replace(day=1), end


def _month_list(first: date, last: date) -> list[date]:
    out, current = [], first
    while current <= last:
        out.append(current)
        current = next_month(current)
    return out


def monthly_series(session: Session, months: int = 24, start: date | None = None, end: date | None = None,
                   unit_id: int | None = None, directory: Directory | None = None) -> tuple[MonthPoint, ...]:
    """Volume and the three rates per month, for the district or one unit with its subtree.

    Without `end`, the series ends at the latest month in the summary (today's month when empty);
    without `start`, it covers `months` months. Months without data are present, with rates None.
    """
    from sqlalchemy import func, select

    from app import summary_tables as tables

    t = tables.metadata.tables[_monthly_table(unit_id is None)]
    first, last = _month_bounds(session, t, months, start, end)
    q = select(t.c.month, *[func.sum(t.c[c]) for c in COUNTERS]).where(t.c.month.between(first, last))
    if unit_id is not None:
        d = directory or Directory.load(session)
        if unit_id not in d.units:
            raise NotFound("unit", unit_id)
        q = q.where(t.c.unit_id.in_(sorted(_subtree(d, unit_id))))
    by_month = {row[0]: Counts.of(row[1:]) for row in session.execute(q.group_by(t.c.month))}
    book = _ScoringBook(session)
    points = []
    for month in _month_list(first, last):
        counts = by_month.get(month, Counts())
        r = rates_for(counts, book.on(month))
        points.append(MonthPoint(month, counts, r.response, r.resolution, r.satisfaction, r.score))
    return tuple(points)


# ---------------------------------------------------------------- categories and key topics

@dataclass(frozen=True)
class CategoryLine:
    category_id: int
    name: str
    values: tuple[int, ...]  # one per month of CategorySeries.months
    total: int


@dataclass(frozen=True)
class CategorySeries:
    months: tuple[date, ...]
    lines: tuple[CategoryLine, ...]  # largest total first; unclassified counts (category 0) left out


def category_series(session: Session, start: date | None = None, end: date | None = None, level: str = "leaf",
                    counter: str = "received", directory: Directory | None = None) -> CategorySeries:
    """Monthly counts per category, all time unless `start`/`end` (any day of the first/last month) are given.

    level "leaf" keeps the categories cases carry; "top" adds them up to the top of the category tree.
    """
    if counter not in COUNTERS:
        raise ValueError(f"unknown counter {counter!r}")
    if level not in ("leaf", "top"):
        raise ValueError(f"unknown category level {level!r}; expected leaf or top")
    from sqlalchemy import func, select

    from app import summary_tables as tables

    t = tables.stat_monthly_category
    if start is None or end is None:
        lo, hi = session.execute(select(func.min(t.c.month), func.max(t.c.month))).one()
        if lo is None:
            return CategorySeries((), ())
        start, end = start or lo, end or hi
    months = _month_list(start.replace(day=1), end.replace(day=1))
    index = {m: i for i, m in enumerate(months)}
    d = directory or Directory.load(session)
    values: dict[int, list[int]] = {}
    q = select(t.c.month, t.c.category_id, t.c[counter]).where(t.c.month.between(months[0], months[-1]),
                                                             t.c.category_id != 0)
    for month, cat_id, value in session.execute(q):
        if level == "top":
            cat_id = _category_root(d, cat_id)
        values.setdefault(cat_id, [0] * len(months))[index[month]] += value or 0
    lines = [
        CategoryLine(cat_id, d.categories[cat_id].name if cat_id in d.categories else str(cat_id), tuple(v), sum(v))
        for cat_id, v in values.items()
    ]
    lines.sort(key=lambda line: (-line.total, line.name))
    return CategorySeries(tuple(months), tuple(lines))


def _category_root(directory: Directory, category_id: int) -> int:
    seen = 0
    current = directory.categories.get(category_id)
    while current is not None and current.parent_id and seen < 8:
        current, seen = directory.categories.get(current.parent_id), seen + 1
    return current.id if current is not None else category_id


@dataclass(frozen=True)
class TopicVolume:
    category_id: int
    name: str
    scope: str  # municipal | district
    cases: int
    previous_cases: int
    change: int  # cases minus previous_cases
    change_ratio: float | None  # change / previous_cases; None when there were none


def key_topic_volumes(session: Session, period: Period, directory: Directory | None = None,
                      previous: Period | None = None) -> tuple[TopicVolume, ...]:
    """Cases received per key topic of the period's year (a topic category includes its subcategories),
    with the change against `previous` (default `period.previous()`)."""
    d = directory or Directory.load(session)
    topics = d.key_topics.get(period.start.year, {})
    if not topics:
        return ()
    now = _sums(session, period, "stat_monthly_category", "category", columns=("received",))
    before = _sums(session, previous or period.previous(), "stat_monthly_category", "category", columns=("received",))

    def topic_of(cat_id):
        current, seen = d.categories.get(cat_id), 0
        while current is not None and seen < 8:
            if current.id in topics:
                return current.id
            current, seen = (d.categories.get(current.parent_id) if current.parent_id else None), seen + 1
        return None

    totals = {cid: [0, 0] for cid in topics}
    for i, sums in enumerate((now, before)):
        for cat_id, counts in sums.items():
            topic = topic_of(cat_id)
            if topic is not None:
                totals[topic][i] += counts[0]
    out = []
    for cid, (cases, prev) in totals.items():
        cat = d.categories.get(cid)
        out.append(TopicVolume(cid, cat.name if cat else str(cid), topics[cid], cases, prev, cases - prev,
                               (cases - prev) / prev if prev else None))
    out.sort(key=lambda t: (-t.cases, t.name))
    return tuple(out)


# ---------------------------------------------------------------- watch list

@dataclass(frozen=True)
class WatchRow:
    unit_id: int
    name: str
    kind: str
    cases: int
    population: int | None
    per_10k: float | None  # cases per 10 000 residents; None when the population is unknown
    governance: bool  # in the governance class (治理类) cut
    position: int  # 1 = most concentrated requests


@dataclass(frozen=True)
class WatchList:
    period: Period
    basis: str  # "per_10k" when every street's population is known, else "volume"
    top_n: int
    rows: tuple[WatchRow, ...]  # every street and town, most concentrated first
    improved: tuple[UnitFigures, ...]  # largest positive score change first (进步较大)

    @property
    def governance(self) -> tuple[WatchRow, ...]:
        return tuple(r for r in self.rows if r.governance)


def watch_list(session: Session, period: Period, directory: Directory | None = None,
               improved_limit: int = 5, streets_ranking: Ranking | None = None,
               previous: Period | None = None) -> WatchList:
    """Streets and towns by concentration of requests, the governance cut, and the most improved.

    `streets_ranking`: the streets' ranking of the same period, when the caller has computed it.
    Requests per 10 000 residents are comparable only between streets whose population is known;
    when any street lacks one, the whole list is ordered by raw volume and per_10k is shown where known.
    """
    d = directory or Directory.load(session)
    streets = [u for u in d.streets() if u.active]
    rank = streets_ranking or ranking(session, period, Group.streets(), d, previous)  # the caller may have it
    by_id = {f.unit_id: f for f in rank.rows + rank.unranked}
    top_n = int_setting(session, "governance.top_n", period.start)
    basis = "per_10k" if streets and all(u.population for u in streets) else "volume"
    entries = []
    for u in streets:
        cases = by_id[u.id].cases if u.id in by_id else 0
        per_10k = cases * 10_000 / u.population if u.population else None
        entries.append((u, cases, per_10k))
    entries.sort(key=lambda e: (-(e[2] if basis == "per_10k" else e[1]), -e[1], e[0].code))
    rows = tuple(
        WatchRow(u.id, u.name, u.kind, cases, u.population, per_10k, governance=i <= top_n and cases > 0, position=i)
        for i, (u, cases, per_10k) in enumerate(entries, start=1)
    )
    improved = sorted((f for f in rank.rows if f.change is not None and f.change > 0),
                      key=lambda f: (-f.change, f.name))[:improved_limit]
    return WatchList(period, basis, top_n, rows, tuple(improved))


# ---------------------------------------------------------------- counts per category (reports)

def category_counts(session: Session, period: Period, unit_id: int | None = None,
                    directory: Directory | None = None) -> dict[int, Counts]:
    """The counters per category over the period, for the whole district (unit_id None: the monthly
    category table, with the cases without a unit) or one unit with its subtree (the daily table: only it
    holds both unit and category). Category 0 is "not classified". Rates of a category: `rates_for`."""
    if unit_id is None:
        sums = _sums(session, period, "stat_monthly_category", "category")
    else:
        d = directory or Directory.load(session)
        if unit_id not in d.units:
            raise NotFound("unit", unit_id)
        from sqlalchemy import func, select

        from app import summary_tables as tables

        t = tables.stat_daily
        q = (select(t.c.category_id, *[func.sum(t.c[c]) for c in COUNTERS])
             .where(t.c.day.between(period.start, period.end),
                    t.c.unit_id.in_(sorted(_subtree(d, unit_id))))
             .group_by(t.c.category_id))
        sums = {row[0]: row[1:] for row in session.execute(q)}
    return {cat: Counts.of(values) for cat, values in sums.items()}
