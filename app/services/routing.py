"""Routing learned from history: which unit finally handles a kind of case in a place (issue 17, part 1).

A case teaches where it finally ended, not where it was first sent: a case returned (退单) and sent on
counts for the unit that handled it in the end, and the return counts against the unit that sent it back.
The counts live in `routing_counts` (category, street, community, final unit, month of closing), kept in the
same transaction as the lifecycle change that closes, reopens or returns a case (`Watch`, hooked into
stats.Tracker) and recomputed from the cases by `rebuild` (with the summary tables: `db rebuild-stats`, the
demo, the import).

A suggestion backs off from the same category in the same community, to the same street, to the category
in the whole district, to today's static rule (lifecycle.suggested_dispatch); the first level with at least
MIN_CASES cases in the last WINDOW_MONTHS decides. Within a level each unit's cases are weighted by their
age (half the weight every HALF_LIFE_MONTHS), so a change of responsibility wins within a few months.
The model is a pure function of (month, unit, cases) rows: `suggest` reads them from the summary, one
indexed range per level; `evaluate` builds them from the cases closed by a day, to score held-out months.
"""
from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from sqlalchemy import Date, Integer, and_, bindparam, cast, delete, func, literal, or_, select, union_all
from sqlalchemy import case as sql_case
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.models import Case, CaseEvent, RoutingCount, Unit
from app.services import clock
from app.services.periods import end_of_day

LEARNED_CLOSES = ("callback", "unreachable", "manual")  # a case closed so: its unit handled it
HALF_LIFE_MONTHS = 3.0
WINDOW_MONTHS = 24  # older cases teach nothing
BASIS_MONTHS = 12  # the basis shown in words counts the last 12 months (24 when they hold none)
MIN_ALTERNATIVE_SHARE = 0.05  # an alternative handled at least this part of its level's cases (not a stray one)
MIN_CASES = 3  # a level with fewer cases in the window gives way to the next
LEVELS = ("community", "street", "category")
ALTERNATIVES = 2

Row = tuple[date, int, int]  # (month, unit id, cases handled)
# A unit that is the case's own street or community is learned as that role, so that what one street or
# community does teaches about the others at the broader levels ("the street handles it", not "太平桥街道").
OWN_STREET, OWN_COMMUNITY = -1, -2
PLACE_KINDS = ("street", "town", "community")


def _role(unit: int, street: int | None, community: int | None) -> int:
    if community and unit == community:
        return OWN_COMMUNITY
    if street and unit == street:
        return OWN_STREET
    return unit


def _resolved(rows: Iterable[Row], street: int | None, community: int | None) -> list[Row]:
    """Rows of roles as rows of units for a case in this street and community (roles it has not got dropped)."""
    place = {OWN_STREET: street or None, OWN_COMMUNITY: community or None}
    out = []
    for month, role, n in rows:
        unit = place.get(role, role)
        if unit is not None:
            out.append((month, unit, n))
    return out


class RoutingRefused(ValueError):
    """Bad input to the evaluation (the message says what and where)."""


@dataclass(frozen=True)
class Basis:
    """Why a unit is suggested: `cases` of this kind at `level` in the last `months` months, `by_unit` of them
    finally handled by the suggested unit (level "rule": today's static rule, no counts)."""

    level: str  # community | street | category | rule
    months: int
    cases: int
    by_unit: int
    # the suggested unit is the case's own "community" or "street", learned from a wider level (the district's
    # cases each handled by their own street): the basis counts those places' own units, not that one unit
    own: str | None = None


@dataclass(frozen=True)
class Suggestion:
    unit_id: int | None  # None: no unit can take the case (it waits for the dispatcher)
    alternatives: tuple[int, ...]  # up to two other units, best first
    basis: Basis


def month_start(value: date | datetime) -> date:
    return date(value.year, value.month, 1)


def _month_value(value) -> date:
    """A month read back from SQL: a date, or its text where the driver returns one (SQLite)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _index(value: date) -> int:
    return value.year * 12 + value.month - 1


@dataclass
class _Tally:
    order: list[int]  # units, best first
    share: dict[int, float]  # each unit's part of the level's weighted cases
    total: int  # cases in the window
    recent: Counter  # cases per unit in the basis months
    recent_months: int


def _tally(rows: Iterable[Row], as_of: int) -> _Tally:
    score: dict[int, float] = defaultdict(float)
    last12: Counter = Counter()
    last24: Counter = Counter()
    for month, unit, n in rows:
        age = as_of - _index(month)
        if n <= 0 or not 0 <= age < WINDOW_MONTHS:
            continue
        score[unit] += n * 0.5 ** (age / HALF_LIFE_MONTHS)
        last24[unit] += n
        if age < BASIS_MONTHS:
            last12[unit] += n
    order = sorted(score, key=lambda u: (-score[u], u))
    whole = sum(score.values()) or 1.0
    recent, months = (last12, BASIS_MONTHS) if last12 else (last24, WINDOW_MONTHS)
    return _Tally(order, {u: score[u] / whole for u in order}, sum(last24.values()), recent, months)


def decide(rows_of: Callable[[str], Iterable[Row] | None], rule: Callable[[], int | None], as_of: date,
           elsewhere: Callable[[int], bool] = lambda unit: False, alternatives: bool = True) -> Suggestion:
    """The suggestion from the rows of each level (None: the level does not apply, e.g. no community given),
    asked for lazily, broadest last; `rule` gives today's static suggestion. Units for which `elsewhere` is
    true (another street's or community's own unit: a case sent there by mistake and kept) are never offered.

    Without `alternatives` (a case being saved needs only its unit): the levels after the deciding one are
    not read, and the suggestion has the same unit and basis, its alternatives only the deciding level's."""
    now = _index(as_of)
    chosen: tuple[str, _Tally] | None = None
    units: list[int] = []
    for level in LEVELS:
        rows = rows_of(level)
        if rows is None:
            continue
        # another place's own unit never counts: not as the suggestion, nor as part of the basis
        tally = _tally([r for r in rows if not elsewhere(r[1])], now)
        if chosen is None and tally.total >= MIN_CASES:
            chosen = (level, tally)
        if chosen is not None:
            for u in tally.order:  # the first is the suggestion; the others only when not strays
                if u not in units and (not units or tally.share[u] >= MIN_ALTERNATIVE_SHARE):
                    units.append(u)
            if len(units) > ALTERNATIVES or not alternatives:
                break
    if chosen is None or not units:
        unit = rule()
        return Suggestion(unit, (), Basis("rule", 0, 0, 0))
    rule_unit = rule() if alternatives and len(units) <= ALTERNATIVES else None
    if rule_unit is not None and rule_unit not in units:
        units.append(rule_unit)
    level, tally = chosen
    top = units[0]
    basis = Basis(level, tally.recent_months, sum(tally.recent.values()), tally.recent[top])
    return Suggestion(top, tuple(units[1:1 + ALTERNATIVES]), basis)


# ---------------------------------------------------------------- the suggestion at intake

def suggest(s: Session, category_id: int | None, street_id: int | None, community_id: int | None = None,
            as_of: date | None = None, alternatives: bool = True) -> Suggestion | None:
    """The unit to send a new case to, two alternatives (without `alternatives`, only the deciding level's:
    saving a case needs only the unit, and the category's months over the whole district are then read only
    when the street's history is too short to decide) and the basis (None: no category yet).

    Reads one key-prefix range of routing_counts for the street and its community, and the category's months
    only when those hold too few cases (and an index seek for the newest month). Without
    `as_of`, the months counted end with today's, or with the category's newest closing when that is earlier.
    """
    if category_id is None:
        return None
    from app.services.lifecycle import suggested_dispatch  # lifecycle → stats → routing: imported when used

    day = as_of or clock.today()
    if as_of is None:  # data that ends earlier (a demo, a snapshot): the months up to its last day count
        # (the whole data's last month with replies — a case is closed after its reply — not the category's: a
        # seasonal category's last case months ago must not move the window back and make "近12个月" mean
        # another year; nor do today's new calls, which close nothing yet)
        newest = s.scalar(_statements()[0])
        if newest is not None:
            newest = _month_value(newest)
        if newest is not None and _index(newest) < _index(day):
            day = newest
    since = _month_add(month_start(day), -(WINDOW_MONTHS - 1))
    here: list[Row] = []  # the community's rows, read with the street's in one query
    street_rows: list[Row] = []
    if street_id is not None:
        for month, role, in_community, n in s.execute(_statements()[1], {
                "category": category_id, "street": street_id, "community": community_id or 0, "since": since}):
            street_rows.append((month, role, n))
            if in_community:
                here.append((month, role, n))

    def rows_of(level: str):
        if level == "community":
            return _resolved(here, street_id, community_id) if community_id is not None and street_id else None
        if level == "street":
            return _resolved(street_rows, street_id, community_id) if street_id is not None else None
        rows = s.execute(_statements()[2], {"category": category_id, "since": since, "street": street_id or 0,
                                            "community": community_id or 0}).all()
        return _resolved(rows, street_id, community_id)

    # another place's own unit is left out by the statements themselves (`_elsewhere` in SQL)
    got = decide(rows_of, lambda: suggested_dispatch(s, category_id, street_id), day, alternatives=alternatives)
    own = _own_place(got, street_id, community_id)
    return replace(got, basis=replace(got.basis, own=own)) if own else got


def _own_place(got: Suggestion, street_id: int | None, community_id: int | None) -> str | None:
    """"community" or "street" when the suggestion is the case's own community (from the street's or the
    district's cases) or own street (from the district's): learned as that role (OWN_COMMUNITY, OWN_STREET)."""
    if got.unit_id is None:
        return None
    if got.unit_id == community_id and got.basis.level in ("street", "category"):
        return "community"
    if got.unit_id == street_id and got.basis.level == "category":
        return "street"
    return None


def _places(s: Session) -> set[int]:
    """The places' own units (streets, towns, communities)."""
    return set(s.scalars(select(Unit.id).where(Unit.kind.in_(PLACE_KINDS))))


def _elsewhere(places: set[int], street: int | None, community: int | None) -> Callable[[int], bool]:
    """Whether a unit is another place's own unit (a street, town or community other than the case's): the
    history may hold a few cases kept there by mistake, which a receptionist must not be offered. (The
    evaluation's rule; `suggest` reads the same rule in SQL: `_statements`' not_elsewhere.)"""
    return lambda unit: unit in places and unit not in (street, community)


@functools.cache
def _statements():
    """Built once (a suggestion runs at each change of the form): the data's last month with replies; the street's
    rows by month and role, marked when they are the community's; the category's rows by month and role."""
    rc = RoutingCount
    role = sql_case((and_(rc.community_id != 0, rc.unit_id == rc.community_id), OWN_COMMUNITY),
                    (and_(rc.street_id != 0, rc.unit_id == rc.street_id), OWN_STREET), else_=rc.unit_id)
    from app.summary_tables import stat_monthly_unit as monthly

    newest = select(func.max(monthly.c.month)).where(monthly.c.replied > 0)  # months × units: a small table
    in_community = sql_case((rc.community_id == bindparam("community"), 1), else_=0)
    since = bindparam("since", type_=Date)
    # another place's own unit (a street, town or community other than the case's: `_elsewhere`), read
    # with the rows rather than as a set of every place first (one round trip less for each intake save)
    not_elsewhere = or_(Unit.kind.not_in([literal(k) for k in PLACE_KINDS]),  # (not an expanding IN)
                        rc.unit_id == bindparam("street"), rc.unit_id == bindparam("community"),
                        and_(rc.community_id != 0, rc.unit_id == rc.community_id),
                        and_(rc.street_id != 0, rc.unit_id == rc.street_id))
    kept = (rc.category_id == bindparam("category"), rc.handled > 0, Unit.active.is_(True), not_elsewhere)
    # the street's rows through the primary key's (category, street) prefix: with the month as a plain column,
    # SQLite (no statistics) took the (category, month) index, which gives the months in order, and read every
    # street's rows of the category (12 467 rows for 1 010 at 1.3 M cases, 6 ms of an intake save);
    # coalesce(m, m) is m, in no index's order
    month = func.coalesce(rc.month, rc.month)
    street = (select(month, role, in_community, func.sum(rc.handled)).join(Unit, Unit.id == rc.unit_id)
              .where(*kept, rc.street_id == bindparam("street"), month >= since).group_by(month, role, in_community))
    category = (select(rc.month, role, func.sum(rc.handled)).join(Unit, Unit.id == rc.unit_id)
                .where(*kept, rc.month >= since).group_by(rc.month, role))
    return newest, street, category


def _month_add(first: date, months: int) -> date:
    i = _index(first) + months
    return date(i // 12, i % 12 + 1, 1)


# ---------------------------------------------------------------- kept up to date by each lifecycle change

def _learned_key(s: Session, case: Case) -> tuple | None:
    """The summary key a closed case teaches (None: it teaches nothing: open, merged, answered at intake…)."""
    if (case.status != "closed" or case.close_reason not in LEARNED_CLOSES or not case.unit_id
            or case.category_id is None or case.closed_at is None):
        return None
    unit = s.get(Unit, case.unit_id)
    if unit is None or unit.level < 2:  # the hotline centre answered it: no routing to learn
        return None
    return (case.category_id, case.street_id or 0, case.community_id or 0, case.unit_id, month_start(case.closed_at))


class Watch:
    """A case's routing contribution before a change, and the difference written after it (stats.Tracker)."""

    def __init__(self, s: Session, case: Case | None):
        self.key = _learned_key(s, case) if case is not None else None
        self.status = case.status if case is not None else None
        self.unit_id = case.unit_id if case is not None else None

    def commit(self, s: Session, case: Case) -> None:
        deltas: dict[tuple, Counter] = defaultdict(Counter)
        after = _learned_key(s, case)
        returned = bool(case.status == "returned" and self.status != "returned" and self.unit_id)
        approved = None  # the case's last approved return: read once, for both counts
        if returned or after != self.key:
            approved = s.scalar(select(func.max(CaseEvent.at)).where(
                CaseEvent.case_id == case.id, CaseEvent.action == "return_approved"))
        if after != self.key:
            right = approved is None  # never returned
            for key, sign in ((self.key, -1), (after, 1)):
                if key is None:
                    continue
                deltas[key]["handled"] += sign
                deltas[key]["first_right"] += sign * int(right)
        if returned:
            # the month of the approval event itself, as a rebuild counts it (not a second reading of the clock,
            # which at midnight at a month's end may already be the next month)
            key = (case.category_id or 0, case.street_id or 0, case.community_id or 0, self.unit_id,
                   month_start(approved or clock.now()))
            deltas[key]["returned"] += 1
        deltas = {k: v for k, v in deltas.items() if any(v.values())}
        if deltas:
            _add(s, deltas)


COUNTS = ("handled", "first_right", "returned")
KEY = ("category_id", "street_id", "community_id", "unit_id", "month")


def _add(s: Session, deltas: dict[tuple, Counter]) -> None:
    dialect = s.get_bind().dialect.name
    insert = sqlite.insert if dialect == "sqlite" else postgresql.insert
    table = RoutingCount.__table__
    stmt = insert(table)
    stmt = stmt.on_conflict_do_update(index_elements=list(KEY), set_={c: table.c[c] + stmt.excluded[c] for c in COUNTS})
    s.execute(stmt, [{**dict(zip(KEY, key, strict=True)), **{c: counts.get(c, 0) for c in COUNTS}}
                     for key, counts in sorted(deltas.items())])


# ---------------------------------------------------------------- recomputed from the cases

def _month_sql(col, dialect: str):
    if dialect == "sqlite":
        return func.date(col, "start of month")
    return cast(func.date_trunc("month", col), Date)


def _learned_cases(dialect: str, before: datetime | None = None):
    """(category, street, community, unit, month of closing, handled, first_right, returned) of each closed case
    that teaches, closed before `before` when given."""
    returned = select(CaseEvent.case_id).where(CaseEvent.action == "return_approved").distinct().subquery()
    q = (select(Case.category_id, func.coalesce(Case.street_id, 0), func.coalesce(Case.community_id, 0),
                Case.unit_id, _month_sql(Case.closed_at, dialect).label("month"), literal(1, Integer).label("h"),
                sql_case((returned.c.case_id.is_(None), 1), else_=0).label("f"), literal(0, Integer).label("r"))
         .select_from(Case).join(Unit, Unit.id == Case.unit_id).outerjoin(returned, returned.c.case_id == Case.id)
         .where(Case.status == "closed", Case.close_reason.in_(LEARNED_CLOSES), Unit.level >= 2,
                Case.category_id.is_not(None), Case.closed_at.is_not(None)))
    if before is not None:
        q = q.where(Case.closed_at < before)
    return q


def rebuild(s: Session) -> int:
    """Recompute routing_counts from the cases and their returns; returns the number of rows."""
    dialect = s.get_bind().dialect.name
    returns = (select(func.coalesce(Case.category_id, 0), func.coalesce(Case.street_id, 0),
                      func.coalesce(Case.community_id, 0), CaseEvent.unit_id, _month_sql(CaseEvent.at, dialect),
                      literal(0, Integer), literal(0, Integer), literal(1, Integer))
               .select_from(CaseEvent).join(Case, Case.id == CaseEvent.case_id)
               .where(CaseEvent.action == "return_approved", CaseEvent.unit_id.is_not(None)))
    parts = union_all(_learned_cases(dialect), returns).subquery()
    c = list(parts.c)
    grouped = (select(*c[:5], func.sum(c[5]), func.sum(c[6]), func.sum(c[7])).group_by(*c[:5]))
    s.execute(delete(RoutingCount))
    s.execute(RoutingCount.__table__.insert().from_select([*KEY, *COUNTS], grouped))
    return s.scalar(select(func.count()).select_from(RoutingCount)) or 0


# ---------------------------------------------------------------- measured on held-out months

@dataclass(frozen=True)
class Score:
    method: str  # rule | learned
    cases: int
    top1: float  # share of the test cases whose final unit was the suggestion
    top3: float  # … was the suggestion or one of its two alternatives


def evaluate(s: Session, train_to: date, test_from: date, test_to: date) -> list[Score]:
    """Scores today's rule and the learned routing against the final unit of the cases received from
    `test_from` to `test_to`, the learned one knowing only the cases closed by `train_to` (inclusive)."""
    if test_to < test_from:
        raise RoutingRefused(f"--test-to {test_to} is before --test-from {test_from}")
    if test_from <= train_to:
        raise RoutingRefused(f"--test-from {test_from} must come after --train-to {train_to}")
    from app.services.lifecycle import suggested_dispatch

    dialect = s.get_bind().dialect.name
    train = _learned_cases(dialect, end_of_day(train_to))
    t = train.subquery()
    c = list(t.c)
    by: dict[str, dict[tuple, list[Row]]] = {level: defaultdict(list) for level in LEVELS}
    for cat, street, comm, unit, month, n in s.execute(select(*c[:5], func.sum(c[5])).group_by(*c[:5])):
        month = _month_value(month)
        role = _role(unit, street, comm)
        by["community"][(cat, street, comm)].append((month, role, n))
        by["street"][(cat, street)].append((month, role, n))
        by["category"][(cat,)].append((month, role, n))
    tests = s.execute(
        select(Case.category_id, func.coalesce(Case.street_id, 0), func.coalesce(Case.community_id, 0), Case.unit_id,
               func.count())
        .join(Unit, Unit.id == Case.unit_id)
        .where(Case.received_at >= datetime.combine(test_from, time()),
               Case.received_at < end_of_day(test_to),
               Case.status.in_(("replied", "closed")), Unit.level >= 2, Case.category_id.is_not(None))
        .group_by(Case.category_id, Case.street_id, Case.community_id, Case.unit_id)).all()
    rules: dict[tuple, int | None] = {}
    learned: dict[tuple, Suggestion] = {}

    def rule(cat: int, street: int) -> int | None:
        if (cat, street) not in rules:
            rules[(cat, street)] = suggested_dispatch(s, cat, street or None)
        return rules[(cat, street)]

    def predict(cat: int, street: int, comm: int) -> Suggestion:
        key = (cat, street, comm)
        if key not in learned:
            keys = {"community": (cat, street, comm) if comm else None, "street": (cat, street) if street else None,
                    "category": (cat,)}
            learned[key] = decide(
                lambda level: _resolved(by[level].get(keys[level], []), street, comm) if keys[level] else None,
                lambda: rule(cat, street), train_to, _elsewhere(places, street, comm))
        return learned[key]

    places = _places(s)

    hits = {"rule": [0, 0], "learned": [0, 0]}
    total = 0
    for cat, street, comm, unit, n in tests:
        total += n
        if rule(cat, street) == unit:
            hits["rule"][0] += n
            hits["rule"][1] += n
        guess = predict(cat, street, comm)
        if guess.unit_id == unit:
            hits["learned"][0] += n
        if unit == guess.unit_id or unit in guess.alternatives:
            hits["learned"][1] += n
    return [Score(m, total, hits[m][0] / total if total else 0.0, hits[m][1] / total if total else 0.0)
            for m in ("rule", "learned")]


# ---------------------------------------------------------------- return rates and first-time-right

@dataclass(frozen=True)
class MonthRouting:
    month: date
    handled: int  # cases closed in the month (by a unit)
    first_right: int  # of those, never returned

    @property
    def first_time_right(self) -> float | None:
        return self.first_right / self.handled if self.handled else None


@dataclass(frozen=True)
class UnitReturns:
    unit_id: int
    handled: int  # cases the unit handled to the end (closed in the period)
    returned: int  # cases it sent back (returns approved in the period)

    @property
    def return_rate(self) -> float | None:
        """退单率: returns / (returns + cases handled to the end): of the cases the unit settled, the share it
        sent back."""
        settled = self.handled + self.returned
        return self.returned / settled if settled else None


def first_time_right_by_month(s: Session, first: date, last: date) -> list[MonthRouting]:
    """The district's first-time-right rate (一次派准率) by month, from the first month of `first` to that of `last`."""
    rc = RoutingCount
    rows = dict((_month_value(m), (h or 0, f or 0)) for m, h, f in s.execute(
        select(rc.month, func.sum(rc.handled), func.sum(rc.first_right))
        .where(rc.month >= month_start(first), rc.month <= month_start(last)).group_by(rc.month)))
    out, month = [], month_start(first)
    while month <= month_start(last):
        h, f = rows.get(month, (0, 0))
        out.append(MonthRouting(month, h, f))
        month = _month_add(month, 1)
    return out


def unit_returns(s: Session, first: date, last: date) -> list[UnitReturns]:
    """Each unit's cases handled and returned in the months from `first` to `last`, most returns first
    (units with no return nor case left out)."""
    rc = RoutingCount
    rows = s.execute(select(rc.unit_id, func.sum(rc.handled), func.sum(rc.returned))
                     .where(rc.month >= month_start(first), rc.month <= month_start(last)).group_by(rc.unit_id)).all()
    out = [UnitReturns(u, h or 0, r or 0) for u, h, r in rows if (h or 0) + (r or 0)]
    return sorted(out, key=lambda x: (-(x.return_rate or 0), -x.returned, x.unit_id))


@dataclass(frozen=True)
class DispatchQuality:
    """The dashboard's 派单质量 panel: the district's first-time-right rate by month, and the units' returns."""

    months: list[MonthRouting]  # the last MONTHS_SHOWN months up to the period's last month, oldest first
    units: list[UnitReturns]  # in the period, highest return rate first (units with at least MIN_SETTLED cases)
    returned: int  # returns approved in the period, every unit
    settled: int  # returns + cases handled to the end in the period, every unit


MONTHS_SHOWN = 12
MIN_SETTLED = 10  # a unit with fewer cases settled in the period is not listed (its rate says little)


def dispatch_quality(sf, first: date, last: date) -> DispatchQuality:
    """From the routing summary only (never the cases): one session, a few grouped reads."""
    with sf() as s:
        months = first_time_right_by_month(s, _month_add(month_start(last), -(MONTHS_SHOWN - 1)), last)
        units = unit_returns(s, first, last)
    listed = [u for u in units if u.handled + u.returned >= MIN_SETTLED]
    returned = sum(u.returned for u in units)
    return DispatchQuality(months, listed, returned, returned + sum(u.handled for u in units))
