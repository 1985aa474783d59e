"""Issue 18.1/18.4: the cases tab's first page and its state counts for plain filters (no words).

    python bench/bench_counts.py --db 'sqlite:///file:/path/demo.db?mode=ro&immutable=1&uri=true' [--repeat 7]

For each filter (the opening filter, a street, a street + one month, a category, the street + its
commonest category, a common word + the street): medians of fetch_page
alone, count_states alone, and both (what the tab waits for before the strip shows its numbers), as a
dispatcher, each call with its own read-only session as the tab's workers open them. Prints which counts
were estimated (约). Reads only.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from app import db  # noqa: E402
from app.models import Case, Category  # noqa: E402
from app.services import case_queries as Q  # noqa: E402
from app.services.actors import Actor  # noqa: E402
from app.services.directory import Directory  # noqa: E402

WORD = "漏水"  # in 45 000 of the demo's 1.3 M cases: no index narrows it


def median_ms(fn, repeat: int) -> float:
    fn()  # warm-up
    walls = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        walls.append((time.perf_counter() - began) * 1000)
    return statistics.median(walls)


def filters(sf) -> list[tuple[str, Q.CaseFilter]]:
    with sf() as s:
        directory = Directory.load(s)
        newest = s.scalar(select(func.max(Case.received_at)))
        busiest_street = s.execute(select(Case.street_id, func.count()).group_by(Case.street_id)
                                   .order_by(func.count().desc()).limit(1)).first()[0]
        top = s.execute(select(Category.id).where(Category.parent_id.is_(None)).order_by(Category.code)).first()[0]
        common = s.execute(select(Case.category_id, func.count()).where(Case.street_id == busiest_street)
                           .group_by(Case.category_id).order_by(func.count().desc()).limit(1)).first()[0]
    end = newest.date().replace(day=1) - timedelta(days=1)  # the last whole month
    street = directory.units[busiest_street].name
    return [("opening filter", Q.CaseFilter()),
            (f"a street ({street})", Q.CaseFilter(street_id=busiest_street)),
            (f"the street + {end:%Y-%m}", Q.CaseFilter(street_id=busiest_street, received_from=end.replace(day=1),
                                                       received_to=end)),
            (f"a category ({directory.categories[top].name}, with its sub-categories)", Q.CaseFilter(category_id=top)),
            (f"the street + its commonest category ({directory.categories[common].name})",
             Q.CaseFilter(street_id=busiest_street, category_id=common)),
            (f"a common word and the street ({WORD} + {street})", Q.CaseFilter(search=WORD, street_id=busiest_street))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    engine = db.make_engine(args.db)
    sf = db.make_session_factory(engine, read_only=True)
    dispatcher = Actor(None, "dispatcher", None, "bench", "bench")
    with sf() as s:
        cases = s.scalar(select(func.count()).select_from(Case))
    print(f"{engine.dialect.name}, {cases:,} cases, medians of {args.repeat} (load {os.getloadavg()[0]:.1f})")
    print("| filter | first page | state counts | both | counts shown |\n|---|---|---|---|---|")
    for label, flt in filters(sf):
        page = median_ms(lambda f=flt: Q.fetch_page(sf, f, actor=dispatcher), args.repeat)
        count = median_ms(lambda f=flt: Q.count_states(sf, f, actor=dispatcher), args.repeat)
        both = median_ms(lambda f=flt: (Q.fetch_page(sf, f, actor=dispatcher), Q.count_states(sf, f, actor=dispatcher)),
                         args.repeat)
        counts = Q.count_states(sf, flt, actor=dispatcher)
        estimated = getattr(counts, "estimated", None)
        if estimated is None:
            estimated = set(counts) if getattr(counts, "approximate", False) else set()
        shown = ", ".join(f"{k} {'约' if k in estimated else ''}{v:,}" for k, v in sorted(counts.items()))
        print(f"| {label} | {page:.0f} ms | {count:.0f} ms | {both:.0f} ms | {shown} |", flush=True)


if __name__ == "__main__":
    main()
