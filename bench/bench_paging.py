"""Benchmark of the cases tab's paging (issue 18, 2): the first page against a page 50 000 rows (or --depth)
deep, printing medians.

    nice -n 19 .venv/bin/python bench/bench_paging.py --db sqlite:////path/copy-of-demo.db [--repeat 5]

The database must be at migration 0012_word_search (on a copy). For each order and filter: the first page
(`case_queries.fetch_page`, 200 rows), the page after the row 50 000 deep by keyset (`after=` its sort key:
what the tab reads now), and the same page by OFFSET 50 000 (what the tab read before), for comparison.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select  # noqa: E402

from app import db  # noqa: E402
from app.models import Case  # noqa: E402
from app.services import case_queries as Q  # noqa: E402
from app.services import clock  # noqa: E402

CASES = (  # (label, filter, sort key, descending)
    ("all, newest first", Q.CaseFilter(), "received_at", True),
    ("all, oldest first", Q.CaseFilter(), "received_at", False),
    ("all, by case number", Q.CaseFilter(), "case_no", False),
    ("all, by state", Q.CaseFilter(), "status", True),
    ("all, by reply deadline", Q.CaseFilter(), "reply_deadline", False),
    ("办结 (closed), newest first", Q.CaseFilter(statuses=("closed",)), "received_at", True),
    ("word 楼, newest first", Q.CaseFilter(search="楼"), "received_at", True),
    ("word 垃圾, newest first", Q.CaseFilter(search="垃圾"), "received_at", True),
)
DEPTH = 50_000


def median_ms(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), result


def offset_page(sf, flt, sort_key, descending, offset, limit=Q.PAGE_SIZE):
    """The page as the tab read it before: ORDER BY … OFFSET n."""
    with sf() as s:
        order = [c.desc() if descending else c.asc() for c in Q._order_columns(sort_key)]
        q = Q._row_select().where(*Q._where(s, flt, clock.now(), paging=True)).order_by(*order)
        return s.execute(q.offset(offset).limit(limit + 1)).all()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--depth", type=int, default=DEPTH, help=f"rows before the deep page (default {DEPTH:,})")
    args = ap.parse_args(argv)
    depth = args.depth
    engine = db.make_engine(args.db)
    sf = db.make_session_factory(engine, read_only=True)
    with sf() as s:
        total = s.scalar(select(func.count()).select_from(Case))
    print(f"{total:,} cases; medians of {args.repeat}; a page is {Q.PAGE_SIZE} rows; deep = after row {depth:,}")
    print(f"{'order / filter':<30} {'page 1':>9} {'deep (keyset)':>14} {'deep (OFFSET)':>14}")
    for label, flt, key, desc in CASES:
        first_ms, first = median_ms(lambda f=flt, k=key, d=desc: Q.fetch_page(sf, f, k, d), args.repeat)
        deep_rows = offset_page(sf, flt, key, desc, depth - 1, limit=0)  # the row `depth` deep: its key
        if not deep_rows:
            print(f"{label:<30} {first_ms:>7.1f}ms {'(fewer rows)':>14}")
            continue
        r = deep_rows[0]
        after = tuple(getattr(r, c.key) for c in Q._order_columns(key))
        deep_ms, deep = median_ms(lambda f=flt, k=key, d=desc, a=after: Q.fetch_page(sf, f, k, d, after=a),
                                  args.repeat)
        off_ms, off = median_ms(lambda f=flt, k=key, d=desc: offset_page(sf, f, k, d, depth), max(3, args.repeat // 2))
        assert [x.id for x in deep.rows] == [x.id for x in off[:Q.PAGE_SIZE]], label  # the same rows
        print(f"{label:<30} {first_ms:>7.1f}ms {deep_ms:>12.1f}ms {off_ms:>12.1f}ms")
    engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
