"""Surges (突发聚集): a category in one community, or at one address, far above what that place usually gets.

The expected count of a (place, category) pair in the window is its share of the district's cases in
its own history (the 8 weeks before the window, and the same weeks of the previous year widened by 4
weeks on each side), times the district's cases in the window: the district's overall trend scales it.
A pair is flagged when the Poisson probability of seeing at least that many cases, multiplied by the
number of pairs with a case in the window (Bonferroni: the district has thousands, each a chance of a
false alarm), is
below the setting `hotspot.p_value` (default 0.001) and it has at least `hotspot.min_cases` (default 5)
cases. That adjusted probability is the `p_value` reported. Pairs with
no history get half a case of history, so a quiet place with a sudden run of calls stands out while one
odd call does not.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Case
from app.services import clock
from app.services.directory import Directory
from app.services.periods import end_of_day
from app.services.rules import int_setting, setting

RECENT_DAYS = 56  # the previous 8 weeks
YEAR_DAYS = 364  # 52 weeks: the same weekdays one year earlier
YEAR_MARGIN = 28  # the previous year's window widened by 4 weeks on each side
PRIOR_CASES = 0.5  # history given to a pair that has none
DEFAULT_P_VALUE = 0.001
BY = ("community", "address")


class HotspotRefused(ValueError):
    """The request cannot be answered as asked; the message says why."""


@dataclass(frozen=True)
class Surge:
    street: str
    community: str
    category: str
    cases: int
    expected: float
    p_value: float
    first_received: datetime
    last_received: datetime
    address: str = ""  # only for surges at one address
    street_id: int | None = None
    community_id: int | None = None
    category_id: int | None = None

    @property
    def ratio(self) -> float:
        return self.cases / self.expected if self.expected > 0 else math.inf


def poisson_tail(k: int, lam: float) -> float:
    """P(X ≥ k) for X ~ Poisson(lam), accurate for the small probabilities a surge has."""
    if k <= 0:
        return 1.0
    if lam <= 0:
        return 0.0
    log_pmf = -lam + k * math.log(lam) - math.lgamma(k + 1)
    if k > lam:  # the upper tail: its terms fall from the first on
        total, term, i = 0.0, math.exp(log_pmf), k
        while term > 0 and term > total * 1e-17:
            total += term
            i += 1
            term *= lam / i
        return min(1.0, total)
    lower, term = 0.0, math.exp(-lam)  # k ≤ lam: 1 - P(X < k), not small, no precision problem
    for i in range(k):
        lower += term
        term *= lam / (i + 1)
    return max(0.0, 1.0 - lower)


def _window(as_of: date, days: int) -> tuple[datetime, datetime]:
    end = end_of_day(as_of)
    return end - timedelta(days=days), end


def find(session: Session, as_of: date, days: int = 7, by: str = "community",
         directory: Directory | None = None) -> list[Surge]:
    """The surges of the `days` days ending with `as_of` (inclusive), most significant first."""
    if days < 1 or days > 56:
        raise HotspotRefused(f"--days must be between 1 and 56 (got {days})")
    if by not in BY:
        raise HotspotRefused(f"--by must be one of {', '.join(BY)} (got {by})")
    directory = directory or Directory.load(session)
    threshold = float(setting(session, "hotspot.p_value", as_of) or DEFAULT_P_VALUE)
    min_cases = int_setting(session, "hotspot.min_cases", as_of)
    start, end = _window(as_of, days)
    recent = (start - timedelta(days=RECENT_DAYS), start)
    last_year = (start - timedelta(days=YEAR_DAYS + YEAR_MARGIN), end - timedelta(days=YEAR_DAYS - YEAR_MARGIN))

    place = Case.community_id if by == "community" else func.trim(Case.address)
    key_cols = (Case.street_id, place, Case.category_id)
    placed = (Case.category_id.is_not(None), Case.street_id.is_not(None),
              Case.community_id.is_not(None) if by == "community" else func.trim(Case.address) != "")

    def total(lo: datetime, hi: datetime) -> int:
        return session.scalar(select(func.count()).select_from(Case)
                              .where(Case.received_at >= lo, Case.received_at < hi)) or 0

    now_rows = session.execute(
        select(*key_cols, func.count(), func.min(Case.received_at), func.max(Case.received_at),
               func.max(Case.community_id))
        .where(Case.received_at >= start, Case.received_at < end, *placed)
        .group_by(*key_cols).having(func.count() >= min_cases)).all()
    if not now_rows:
        return []
    district_now = total(start, end)
    last_year_total = total(*last_year)
    windows = [recent] + ([last_year] if last_year_total else [])
    district_hist = total(*recent) + last_year_total
    if district_hist == 0:
        return []  # no history to compare with: nothing can be called unusual
    history: dict[tuple, int] = {}
    for lo, hi in windows:
        for street_id, where, category_id, n in session.execute(
                select(*key_cols, func.count())
                .where(Case.received_at >= lo, Case.received_at < hi, *placed).group_by(*key_cols)):
            history[(street_id, where, category_id)] = history.get((street_id, where, category_id), 0) + n

    # every place × category pair with a case in the window is a test: the probability is multiplied by
    # their number (Bonferroni), so that a district of thousands of pairs does not cry wolf by chance alone
    tested = max(1, session.scalar(select(func.count()).select_from(
        select(*key_cols).where(Case.received_at >= start, Case.received_at < end, *placed).distinct().subquery())))
    surges = []
    for street_id, where, category_id, n, first, last, some_community in now_rows:
        hist = history.get((street_id, where, category_id), 0) + PRIOR_CASES
        expected = hist / district_hist * district_now
        p = min(1.0, poisson_tail(n, expected) * tested)
        if p >= threshold:
            continue
        street = directory.units.get(street_id)
        community_id = where if by == "community" else some_community  # an address: one of its communities
        community = directory.units.get(community_id) if community_id is not None else None
        community_name = community.name if community else ""
        address = where if by == "address" else ""
        category = directory.categories.get(category_id)
        surges.append(Surge(
            street=street.name if street else "", community=community_name,
            category=category.name if category else "", cases=n, expected=expected, p_value=p,
            first_received=first, last_received=last, address=address,
            street_id=street_id, community_id=community_id, category_id=category_id))
    surges.sort(key=lambda x: (x.p_value, -x.cases, x.street, x.community, x.address, x.category))
    return surges


def latest_day(session: Session) -> date | None:
    """The day of the newest case: where the lists start when the clock is past the data (a demo, a snapshot)."""
    newest = session.scalar(select(func.max(Case.received_at)))
    return newest.date() if newest is not None else None


@dataclass(frozen=True)
class SurgeCase:
    """One case of a surge, without personal data (a list for the dispatcher and the supervisor)."""

    case_no: str
    received_at: datetime
    status: str
    address: str
    description: str


def cases_of(session: Session, surge: Surge, as_of: date, days: int, limit: int = 200) -> list[SurgeCase]:
    """The cases behind a surge row, newest first."""
    start, end = _window(as_of, days)
    where = [Case.received_at >= start, Case.received_at < end, Case.category_id == surge.category_id,
             Case.street_id == surge.street_id]
    if surge.address:
        where.append(func.trim(Case.address) == surge.address)
    else:
        where.append(Case.community_id == surge.community_id)
    rows = session.execute(
        select(Case.case_no, Case.received_at, Case.status, Case.address, Case.description)
        .where(*where).order_by(Case.received_at.desc(), Case.id.desc()).limit(limit))
    return [SurgeCase(n, at, st, a or "", d or "") for n, at, st, a, d in rows]


def surges_up_to(sf, as_of: date | None, days: int, by: str,
                 directory: Directory | None = None) -> tuple[date, list[Surge]]:
    """For a screen (in a worker): the surges of the `days` up to `as_of`; without it, up to today, or to the
    newest day with cases when the data ends earlier (a demo, a snapshot). Returns the day used too."""
    with sf() as s:
        if as_of is None:
            latest = latest_day(s)
            as_of = min(clock.today(), latest) if latest else clock.today()
        return as_of, find(s, as_of, days, by, directory)


def surge_cases(sf, surge: Surge, as_of: date, days: int) -> list[SurgeCase]:
    """For a screen (in a worker): the cases behind a surge row."""
    with sf() as s:
        return cases_of(s, surge, as_of, days)
