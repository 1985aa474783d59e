"""Fills only the summary tables of an empty database as a district of N cases would, to time the metrics alone.

The demo generator (`python main.py demo`) writes real cases; this script writes no case at all, only
StatDaily / StatMonthlyUnit / StatMonthlyCategory rows of the same shape and size (every day of
2019-01 … 2022-08, units with generated communities and sections, every leaf category), so that
`bench_metrics.py` can be tried without waiting for a full demo. Never use it on a real database.

    .venv/bin/python bench/fill_summary.py --db sqlite:////tmp/summary.db --cases 1300000
"""
from __future__ import annotations

import argparse
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import Date, cast, func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import db  # noqa: E402
from app.models import COUNTERS, Case, StatDaily, StatMonthlyCategory, StatMonthlyUnit, Unit  # noqa: E402
from app.services.directory import Directory  # noqa: E402

FIRST, LAST = date(2019, 1, 1), date(2022, 8, 31)
YEAR_VOLUME = {2019: 15_000, 2020: 28_000, 2021: 38_000, 2022: 56_000}  # monthly, ../shared/reference/rules.md
RESOLVED = {2019: 0.56, 2020: 0.70, 2021: 0.85, 2022: 0.93}
SATISFIED = {2019: 0.74, 2020: 0.82, 2021: 0.90, 2022: 0.94}


def add_units(sf, communities_per_street: int, sections_per_bureau: int) -> None:
    with sf.begin() as s:
        d = Directory.load(s)
        for street in d.streets():
            for n in range(1, communities_per_street + 1):
                name = f"{street.name[:-2]}第{n}社区"
                if d.unit_by_name(name) is None:
                    s.add(Unit(code=f"BENCH-{street.code}-{n:02d}", name=name, kind="community", level=3,
                               parent_id=street.id, is_demo=True, active=True))
        for bureau in d.bureaus():
            for n in range(1, sections_per_bureau + 1):
                name = f"{bureau.name}第{n}科"
                if d.unit_by_name(name) is None:
                    s.add(Unit(code=f"BENCH-{bureau.code}-{n:02d}", name=name, kind="section", level=3,
                               parent_id=bureau.id, is_demo=True, active=True))


def daily_rows(units: list[int], categories: list[int], total: int, rng: np.random.Generator):
    weights = np.array([YEAR_VOLUME[y] for y in range(FIRST.year, LAST.year + 1)], dtype=float)
    months = (LAST.year - FIRST.year) * 12 + LAST.month - FIRST.month + 1
    per_month = np.array([weights[(m // 12)] for m in range(months)])
    per_month *= total / per_month.sum()
    unit_p = rng.dirichlet(np.ones(len(units)) * 2)
    cat_p = rng.dirichlet(np.ones(len(categories)))
    day = FIRST
    while day <= LAST:
        m = (day.year - FIRST.year) * 12 + day.month - 1
        days_in_month = ((day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)).day
        n = rng.poisson(per_month[m] / days_in_month)
        keys = rng.choice(len(units), n, p=unit_p) * len(categories) + rng.choice(len(categories), n, p=cat_p)
        key, received = np.unique(keys, return_counts=True)
        replied = rng.binomial(received, 0.95)
        overdue = rng.binomial(replied, 0.05)
        callbacks = rng.binomial(replied, 0.95)
        reached = rng.binomial(callbacks, 0.85)
        contacted = rng.binomial(reached, 0.97)
        resolved = rng.binomial(reached, RESOLVED[day.year])
        partly = rng.binomial(reached - resolved, 0.4)
        satisfied = rng.binomial(reached, SATISFIED[day.year] - 0.05)
        basic = rng.binomial(reached - satisfied, 0.6)
        unsatisfied = reached - satisfied - basic
        cols = (received, replied, overdue, callbacks, reached, contacted, resolved, partly, satisfied, basic,
                unsatisfied)
        for i, k in enumerate(key):
            yield (day, units[k // len(categories)], categories[k % len(categories)], *(int(c[i]) for c in cols))
        day += timedelta(days=1)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", required=True, help="SQLAlchemy URL of an empty database (migrated here)")
    p.add_argument("--cases", type=int, default=1_300_000)
    p.add_argument("--communities", type=int, default=12, help="generated communities per street")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    engine = db.make_engine(args.db)
    db.upgrade(engine)
    sf = db.make_session_factory(engine)
    with sf() as s:
        if s.scalar(select(func.count()).select_from(Case)) or s.scalar(select(func.count()).select_from(StatDaily)):
            print("error: the database already holds cases or summary rows; give an empty one", file=sys.stderr)
            return 2
    add_units(sf, args.communities, 3)
    with sf() as s:
        d = Directory.load(s)
    units = sorted(u.id for u in d.units.values() if u.level >= 2)
    categories = [c.id for c in d.leaf_categories()]
    started = time.perf_counter()
    rows = list(daily_rows(units, categories, args.cases, np.random.default_rng(args.seed)))
    cols = ["day", "unit_id", "category_id", *COUNTERS]
    with engine.begin() as conn:
        for i in range(0, len(rows), 50_000):
            conn.execute(insert(StatDaily), [dict(zip(cols, r, strict=True)) for r in rows[i:i + 50_000]])
        t = StatDaily.__table__
        dialect = engine.dialect.name
        month = (func.date(t.c.day, "start of month") if dialect == "sqlite"
                 else cast(func.date_trunc("month", t.c.day), Date))
        sums = [func.sum(t.c[c]) for c in COUNTERS]
        conn.execute(insert(StatMonthlyUnit).from_select(
            ["month", "unit_id", *COUNTERS], select(month, t.c.unit_id, *sums)
            .group_by(month, t.c.unit_id)))
        conn.execute(insert(StatMonthlyCategory).from_select(
            ["month", "category_id", *COUNTERS], select(month, t.c.category_id, *sums)
            .group_by(month, t.c.category_id)))
    if engine.dialect.name == "sqlite":
        db.sqlite_checkpoint(engine)
    received = sum(r[3] for r in rows)
    print(f"{len(rows)} daily summary rows for {received} cases and {len(units)} units "
          f"in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
