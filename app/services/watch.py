"""Watch lists that point at problems before the citizens call again: chronic problems (顽疾) and seasons.

- Chronic: community × category pairs with cases in at least `chronic.months` of the last 12 months
  and a resolution rate below the district's over the same months, most cases first (read from the place
  summary: app/services/chronic.py); and the addresses with cases in at least `chronic.address_months` of
  them (from the cases).
- Seasonal: for the season starting in a year, the community × category pairs with the most cases in
  the same season of the three years before: how many of those seasons each was in the top
  `watch.top_n`, its resolution rate and the unit that usually handled it. Ranked by cases per 1 000
  residents when every listed community has a population, else by cases (and the list says so).

Resolution rates here are resolved / reached callbacks of the cases received in the window ("partly"
counts as not resolved, as in DESIGN section 3).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, delete, extract, func, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import AccessLog, Callback, Case, Category
from app.models.governance import Season, SeasonCategory
from app.services import clock
from app.services.actors import Actor
from app.services.chronic import WatchList, WatchRefused, WatchRow, chronic_by_community, first_month
from app.services.chronic import rate as _rate
from app.services.chronic import start as _start
from app.services.chronic import unit_name as _name
from app.services.directory import Directory
from app.services.errors import FieldProblem, NotFound, ValidationFailed
from app.services.permissions import require
from app.services.rules import int_setting

PAST_SEASONS = 3


@dataclass(frozen=True)
class SeasonInfo:
    id: int
    name: str
    first_day: str
    last_day: str
    category_ids: tuple[int, ...]

    def span(self, year: int) -> tuple[date, date]:
        """First and last day of the season that starts in `year`."""
        return season_span(self.first_day, self.last_day, year)


def season_span(first_day: str, last_day: str, year: int) -> tuple[date, date]:
    """First and last day of the season from `first_day` to `last_day` (MM-DD) that starts in `year`."""
    fm, fd = (int(x) for x in first_day.split("-"))
    lm, ld = (int(x) for x in last_day.split("-"))
    first = date(year, fm, fd)
    last = date(year, lm, ld)
    return first, (last if last >= first else date(year + 1, lm, ld))


def _season_categories(session: Session) -> dict[int, tuple[int, ...]]:
    """Each season's category ids, sorted (a season without categories has no entry)."""
    links: dict[int, list[int]] = defaultdict(list)
    for season_id, category_id in session.execute(select(SeasonCategory.season_id, SeasonCategory.category_id)):
        links[season_id].append(category_id)
    return {season_id: tuple(sorted(ids)) for season_id, ids in links.items()}


def seasons(session: Session) -> list[SeasonInfo]:
    links = _season_categories(session)
    return [SeasonInfo(s.id, s.name, s.first_day, s.last_day, links.get(s.id, ()))
            for s in session.scalars(select(Season).where(Season.active.is_(True)).order_by(Season.id))]


def _resolution(session: Session, keys, where, since: datetime, only=None) -> dict[tuple, tuple[int, int]]:
    """(resolved, reached) per key over the reached callbacks of the cases selected by `where`
    (with `only`: just the keys in it).

    `since` is the first received time of those cases: their callbacks come later, so the callbacks are
    read through their time index instead of all of them.
    """
    rows = session.execute(
        select(*keys, func.count(), func.sum(case((Callback.resolved == "yes", 1), else_=0)))
        .select_from(Case).join(Callback, and_(Callback.case_id == Case.id, Callback.reached.is_(True),
                                               Callback.at >= since))
        .where(*where).group_by(*keys))
    return {tuple(r[:-2]): (int(r[-1] or 0), int(r[-2])) for r in rows if only is None or tuple(r[:-2]) in only}


def _main_units(session: Session, keys, where, only=None) -> dict[tuple, int]:
    """The unit with most cases per key (ties: the lowest id); with `only`: just the keys in it."""
    counts: dict[tuple, Counter] = defaultdict(Counter)
    for *key, unit_id, n in session.execute(
            select(*keys, Case.unit_id, func.count()).where(*where, Case.unit_id.is_not(None))
            .group_by(*keys, Case.unit_id)):
        if only is None or tuple(key) in only:
            counts[tuple(key)][unit_id] += n
    return {k: max(c.items(), key=lambda kv: (kv[1], -kv[0]))[0] for k, c in counts.items()}


def chronic(session: Session, as_of: date, by: str = "community", directory: Directory | None = None) -> WatchList:
    """Chronic problems of the 12 months ending with the month of `as_of` (up to `as_of` itself).

    By community, from the place summary (StatPlace); by address, from the cases.
    """
    if by not in ("community", "address"):
        raise WatchRefused(f"--by must be community or address (got {by})")
    if by == "community":
        return chronic_by_community(session, as_of, directory)
    return chronic_from_cases(session, as_of, by, directory)


def chronic_from_cases(session: Session, as_of: date, by: str = "community",
                       directory: Directory | None = None) -> WatchList:
    """Chronic problems of the 12 months ending with the month of `as_of`, counted from the cases."""
    directory = directory or Directory.load(session)
    first = first_month(as_of)
    lo, hi = _start(first), _start(as_of + timedelta(days=1))
    months_needed = int_setting(session, "chronic.months" if by == "community" else "chronic.address_months", as_of)
    place = Case.community_id if by == "community" else func.trim(Case.address)
    keys = (func.coalesce(Case.street_id, 0), place, Case.category_id)
    where = (Case.received_at >= lo, Case.received_at < hi, Case.category_id.is_not(None),
             Case.community_id.is_not(None) if by == "community" else func.trim(Case.address) != "")
    district = _resolution(session, (), (Case.received_at >= lo, Case.received_at < hi), lo).get((), (0, 0))
    district_rate = _rate(district)
    # the pairs called about in enough months, found in SQL (HAVING): only they come back (an address list
    # has ~40 times as many pairs as it lists)
    n_months = func.count(func.distinct(extract("year", Case.received_at) * 100 + extract("month", Case.received_at)))
    listed = (select(keys[0].label("street_id"), place.label("place"), Case.category_id.label("category_id"),
                     n_months.label("months"), func.count().label("cases"),
                     func.max(Case.community_id).label("community_id"))
              .where(*where).group_by(*keys).having(n_months >= months_needed).cte("listed"))
    found = {(r.street_id, r.place, r.category_id): r for r in session.execute(select(listed))}
    if not found:
        return WatchList([], district_rate)
    # their resolution and main unit: grouped in SQL for every pair (joining the few listed pairs back to the
    # cases made SQLite scan the window twice more), and only the listed ones kept here
    resolution = _resolution(session, keys, where, lo, only=found)
    units = _main_units(session, keys, where, only=found)
    rows = []
    for key, pair in found.items():
        rate = _rate(resolution.get(key))
        if by == "community" and district_rate is not None and rate is not None and rate >= district_rate:
            continue  # called about every month, but solved as well as elsewhere: not a chronic problem
        street_id, where_, category_id = key
        rows.append(WatchRow(
            street=_name(directory, street_id or None),
            community=_name(directory, where_ if by == "community" else pair.community_id),  # an address: one of its communities
            category=directory.categories[category_id].name if category_id in directory.categories else "",
            cases=int(pair.cases), resolution_rate=rate, unit=_name(directory, units.get(key)), months=int(pair.months),
            address=where_ if by == "address" else ""))
    rows.sort(key=lambda r: (-r.cases, -r.months, r.street, r.community, r.address, r.category))
    return WatchList(rows, district_rate)


def seasonal(session: Session, season_name: str, year: int, directory: Directory | None = None) -> WatchList:
    """Where the season starting in `year` will likely call from, by the three seasons before it."""
    directory = directory or Directory.load(session)
    active = seasons(session)
    found = [s for s in active if s.name == season_name.strip()]
    if not found:
        names = "、".join(s.name for s in active) or "—"
        raise WatchRefused(f"unknown season: {season_name!r} (seasons: {names})")
    season = found[0]
    if not season.category_ids:
        raise WatchRefused(f"the season {season.name} has no categories")
    top_n = int_setting(session, "watch.top_n", date(year, 1, 1))
    spans = [season.span(year - k) for k in range(1, PAST_SEASONS + 1)]  # the last season first
    keys = (Case.street_id, Case.community_id, Case.category_id)
    placed = (Case.category_id.in_(season.category_ids), Case.community_id.is_not(None))

    per_season: list[Counter] = []
    with_data: list[bool] = []
    for first, last in spans:
        lo, hi = _start(first), _start(last + timedelta(days=1))
        any_case = session.scalar(select(func.count()).select_from(Case)
                                  .where(Case.received_at >= lo, Case.received_at < hi)) or 0
        with_data.append(any_case > 0)
        per_season.append(Counter({tuple(r[:3]): r[3] for r in session.execute(
            select(*keys, func.count()).where(Case.received_at >= lo, Case.received_at < hi, *placed)
            .group_by(*keys))}))
    seasons_with_data = sum(with_data)
    if not seasons_with_data:
        return WatchList([], spans=tuple(spans))
    listed: Counter = Counter()
    for counts in per_season:
        for key, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top_n]:
            listed[key] += 1
    total: Counter = Counter()
    for counts in per_season:
        total.update(counts)
    candidates = list(listed)
    population = {k: directory.units[k[1]].population if k[1] in directory.units else None for k in candidates}
    by_population = bool(candidates) and all(population[k] for k in candidates)
    lo, hi = _start(spans[-1][0]), _start(spans[0][1] + timedelta(days=1))
    in_seasons = [Case.received_at >= lo, Case.received_at < hi, *placed]
    # only days inside one of the seasons: the years between them are left out
    in_seasons.append(func.coalesce(*[case((and_(Case.received_at >= _start(f), Case.received_at < _start(t + timedelta(days=1))), 1))
                                      for f, t in spans], 0) == 1)
    resolution = _resolution(session, keys, in_seasons, lo)
    units = _main_units(session, keys, in_seasons)
    rows = []
    for key in candidates:
        street_id, community_id, category_id = key
        mean = total[key] / seasons_with_data
        pop = population[key]
        rows.append(WatchRow(
            street=_name(directory, street_id), community=_name(directory, community_id),
            category=directory.categories[category_id].name if category_id in directory.categories else "",
            cases=per_season[0][key], resolution_rate=_rate(resolution.get(key)), unit=_name(directory, units.get(key)),
            cases_per_season=mean, seasons_listed=listed[key], per_1000=(mean * 1000 / pop) if pop else None))
    rank = (lambda r: -(r.per_1000 or 0)) if by_population else (lambda r: -r.cases_per_season)
    rows.sort(key=lambda r: (rank(r), -r.seasons_listed, -r.cases, r.street, r.community, r.category))
    return WatchList(rows[:top_n], by_population=by_population, spans=tuple(spans))


# ---------------------------------------------------------------- seasons, edited by an administrator

MAX_SEASON_NAME = 32


@dataclass(frozen=True)
class SeasonForm:
    name: str
    first_day: str  # MM-DD
    last_day: str  # MM-DD; before first_day: the season runs into the next year
    category_ids: tuple[int, ...]
    active: bool = True


@dataclass(frozen=True)
class SeasonRow:
    id: int
    name: str
    first_day: str
    last_day: str
    category_ids: tuple[int, ...]
    active: bool


def _month_day_problem(field: str, text: str) -> FieldProblem | None:
    try:
        month, day = (int(x) for x in (text or "").strip().split("-"))
        date(2000, month, day)  # a leap year: 02-29 is a day
    except ValueError:
        return FieldProblem(field, "bad_month_day", (text or "").strip())
    return None


def all_seasons(session: Session) -> list[SeasonRow]:
    """Every season, stopped ones too (the administrator's list)."""
    links = _season_categories(session)
    return [SeasonRow(s.id, s.name, s.first_day, s.last_day, links.get(s.id, ()), s.active)
            for s in session.scalars(select(Season).order_by(Season.id))]


def save_season(sf: sessionmaker[Session], actor: Actor, form: SeasonForm, season_id: int | None = None) -> int:
    """A new season, or the season `season_id` changed (administrators); written to the access log."""
    require(actor, "edit_rules")
    with sf.begin() as s:
        name = (form.name or "").strip()
        problems = [p for p in (_month_day_problem("first_day", form.first_day),
                                _month_day_problem("last_day", form.last_day)) if p]
        if not name:
            problems.append(FieldProblem("name", "required"))
        elif len(name) > MAX_SEASON_NAME or "\x00" in name:
            problems.append(FieldProblem("name", "too_long", str(MAX_SEASON_NAME)))
        elif s.scalar(select(Season.id).where(func.lower(Season.name) == name.lower(),
                                              Season.id != (season_id or 0))) is not None:
            problems.append(FieldProblem("name", "duplicate", name))
        if not problems and form.first_day.strip() == form.last_day.strip():
            problems.append(FieldProblem("last_day", "same_day", form.last_day.strip()))
        known = set(s.scalars(select(Category.id).where(Category.id.in_(form.category_ids or (0,)))))
        if not form.category_ids:
            problems.append(FieldProblem("category", "required"))
        elif known != set(form.category_ids):
            problems.append(FieldProblem("category", "unknown", ",".join(str(i) for i in set(form.category_ids) - known)))
        if problems:
            raise ValidationFailed(problems)
        season = s.get(Season, season_id) if season_id is not None else Season()
        if season is None:
            raise NotFound("season", season_id)
        season.name, season.first_day, season.last_day = name, form.first_day.strip(), form.last_day.strip()
        season.active = form.active
        s.add(season)
        s.flush()
        s.execute(delete(SeasonCategory).where(SeasonCategory.season_id == season.id))
        s.add_all(SeasonCategory(season_id=season.id, category_id=c) for c in sorted(set(form.category_ids)))
        s.add(AccessLog(at=clock.now(), staff_id=actor.staff_id, workstation=actor.workstation, action="admin_season",
                        case_id=None, detail=f"{name} {season.first_day}…{season.last_day} "
                                             f"{'active' if form.active else 'stopped'}"[:1000]))
        return season.id


# ---------------------------------------------------------------- the same, each in its own session (for screens)

def chronic_list(sf, as_of: date, by: str = "community", directory: Directory | None = None) -> WatchList:
    with sf() as s:
        return chronic(s, as_of, by, directory)


def chronic_through_data(sf, as_of: date | None, by: str = "community",
                         directory: Directory | None = None) -> tuple[date, WatchList]:
    """chronic_list up to `as_of`, or (None) up to the last day the data can hold (today, or the end of the last
    month with cases: a snapshot or the demo ends earlier), with the day used."""
    from app.services.metrics import data_through

    with sf() as s:
        day = as_of or data_through(s)
        return day, chronic(s, day, by, directory)


def data_year(sf) -> int:
    """The year of the last day the data can hold (the seasonal list's first year to offer)."""
    from app.services.metrics import data_through

    with sf() as s:
        return data_through(s).year


def seasonal_list(sf, season_name: str, year: int, directory: Directory | None = None) -> WatchList:
    with sf() as s:
        return seasonal(s, season_name, year, directory)


def active_seasons(sf) -> list[SeasonInfo]:
    with sf() as s:
        return seasons(s)


def every_season(sf) -> list[SeasonRow]:
    with sf() as s:
        return all_seasons(s)
