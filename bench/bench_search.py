"""Benchmark of word search in the cases tab (issue 18): the first page and the counts, printing medians.

    nice -n 19 .venv/bin/python bench/bench_search.py --db sqlite:////path/copy-of-demo.db [--repeat 7]

The database must be at migration 0012_word_search (`python main.py db upgrade --db …`; on a copy).
For each word: how many candidates the word index holds, the first page of the cases tab
(`case_queries.fetch_page`, newest first, 200 rows) and the counts per state (`count_states`: estimated
for a common word), over all cases, and the first page by a plain substring scan (`contains`, what
searching every year without the index would read) for comparison.
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

# common two-character words, a rarer one, one found nowhere, single characters, Latin letters and digits
WORDS = ("垃圾", "噪音", "停车", "漏水", "门禁", "龙卷风", "水", "楼", "30号", "2单元")


def median_ms(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--scan", action="store_true", help="also time the first page by a scan (slow for rare words)")
    args = ap.parse_args(argv)
    engine = db.make_engine(args.db)
    sf = db.make_session_factory(engine, read_only=True)
    with sf() as s:
        total = s.scalar(select(func.count()).select_from(Case))
    print(f"{total:,} cases; medians of {args.repeat}")
    common = []
    print(f"{'word':<8} {'candidates':>10} {'first page':>11} {'counts':>9}  {'shown as':<14} {'scan page':>9}")
    for word in WORDS:
        flt = Q.CaseFilter(search=word)
        with sf() as s:
            candidates = Q.word_candidates(s, word)
        page_ms, page = median_ms(lambda f=flt: Q.fetch_page(sf, f), args.repeat)
        count_ms, counts = median_ms(lambda f=flt: Q.count_states(sf, f), max(3, args.repeat // 2))
        n = sum(v for k, v in counts.items() if k not in ("overdue", "pending"))
        shown = f"约{n:,}" if counts.approximate else f"{n:,}"
        scan = ""
        if args.scan:
            def by_scan(w=word):
                with sf() as s:
                    dialect = s.get_bind().dialect.name
                    return s.execute(select(Case.id).where(Q.contains(w, dialect))
                                     .order_by(Case.received_at.desc(), Case.id.desc()).limit(201)).all()
            scan_ms, _ = median_ms(by_scan, 3)
            scan = f"{scan_ms:7.0f} ms"
        if len(word) == 2 and counts.approximate:
            common.append(page_ms)
        print(f"{word:<8} {candidates:>10,} {page_ms:8.1f} ms {count_ms:6.0f} ms  {shown:<14} {scan:>9}"
              f"   ({len(page.rows)} rows)")
    if common:  # the line bench/run_all.py collects: the slowest common two-character word (target ≤ 100 ms)
        print(f"median word_search_first_page: {max(common):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
