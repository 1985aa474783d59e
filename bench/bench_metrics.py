"""Times the metrics on an existing (large demo) database and prints medians: the figures of issue 3.

In process, each call opens its own session as the dashboard's workers do, with the unit directory
loaded once (the console keeps it in its context): rank for one month, for one year, the all-time
monthly series per category, and a few more dashboard calls. Then `python main.py rank` as a whole
command (a fresh process each time, so Python start-up and imports included) for one month.

    .venv/bin/python bench/bench_metrics.py --db sqlite:////path/demo.db [--repeat 50] [--month 2022-08]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from app import db  # noqa: E402
from app.models import Case, StatMonthlyUnit  # noqa: E402
from app.services import metrics  # noqa: E402
from app.services.directory import Directory  # noqa: E402
from app.services.metrics import Group  # noqa: E402
from app.services.periods import Period, parse_period  # noqa: E402

TARGETS_MS = {"rank, one month": 5, "rank, one year": 10, "monthly series per category, all time": 30,
              "`rank` as a whole command, one month": 1500}
# the figure names bench/run_all.py collects from lines "median <figure>: <value> ms"
RUN_ALL_NAMES = {"rank, one month": "rank_month", "rank, one year": "rank_year",
                 "monthly series per category, all time": "series_category",
                 "`rank` as a whole command, one month": "rank_command"}


def median_ms(fn, repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds (CPU time shows the cost when other processes share the cores)."""
    fn()  # warm-up: statement caches, file pages
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def latest_month(sf) -> Period:
    with sf() as s:
        latest = s.scalar(select(func.max(StatMonthlyUnit.month)))
    if latest is None:
        raise SystemExit("error: the database holds no summary data; fill it first (python main.py demo …)")
    return Period.for_month(latest.year, latest.month)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", required=True, help="SQLAlchemy URL of a filled database")
    p.add_argument("--repeat", type=int, default=50, help="timed runs per in-process figure (median printed)")
    p.add_argument("--command-repeat", type=int, default=5, help="runs of the whole `rank` command")
    p.add_argument("--month", help="the month to rank (default: the latest month in the summary)")
    args = p.parse_args(argv)

    engine = db.make_engine(args.db)
    sf = db.make_session_factory(engine, read_only=True)
    month = parse_period(args.month) if args.month else latest_month(sf)
    year = Period.for_year(month.start.year)
    with sf() as s:
        cases = s.scalar(select(func.count()).select_from(Case))
        directory = Directory.load(s)
    print(f"database: {engine.url.render_as_string(hide_password=True)} ({engine.dialect.name}), "
          f"{cases} cases; month {month.label}, year {year.label}; medians of {args.repeat} runs")

    def timed(label, call):
        def run():
            with sf() as s:
                call(s)
        return label, median_ms(run, args.repeat)

    figures = [
        timed("rank, one month", lambda s: metrics.ranking(s, month, Group.streets(), directory)),
        timed("rank, one year", lambda s: metrics.ranking(s, year, Group.streets(), directory)),
        timed("monthly series per category, all time", lambda s: metrics.category_series(s, directory=directory)),
        timed("rank of bureaus, one month", lambda s: metrics.ranking(s, month, Group.bureaus(), directory)),
        timed("rank, one quarter", lambda s: metrics.ranking(
            s, Period.for_quarter(month.start.year, (month.start.month - 1) // 3 + 1), Group.streets(), directory)),
        timed("rank, 45 days across two months (daily rows)", lambda s: metrics.ranking(
            s, Period.for_range(month.start - timedelta(days=21), month.start + timedelta(days=23)),
            Group.streets(), directory)),
        timed("district tile with change, one month", lambda s: metrics.total(s, month, directory=directory)),
        timed("monthly series of the district, 24 months", lambda s: metrics.monthly_series(s, 24)),
        timed("watch list, one month", lambda s: metrics.watch_list(s, month, directory)),
        timed("key topic volumes, one month", lambda s: metrics.key_topic_volumes(s, month, directory)),
        timed("directory load (once per console)", lambda s: Directory.load(s)),
    ]
    engine.dispose()

    def whole_command():
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), "rank", "--period", month.label,
                               "--level", "street", "--db", args.db], capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"error: rank failed: {done.stderr.strip()}")

    figures.append(("`rank` as a whole command, one month", median_ms(whole_command, args.command_repeat)))

    width = max(len(label) for label, _ in figures)
    print(f"{'figure':<{width}}  {'median':>12}  {'CPU':>12}")
    for label, (ms, cpu) in figures:
        target = TARGETS_MS.get(label)
        verdict = f"  target ≤ {target} ms: {'met' if ms <= target else 'MISSED'}" if target else ""
        cpu_text = f"{cpu:9.2f} ms" if "whole command" not in label else f"{'':>12}"
        print(f"{label:<{width}}  {ms:9.2f} ms  {cpu_text}{verdict}")
    print(f"load average while measuring: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    for label, (ms, _) in figures:
        if label in RUN_ALL_NAMES:
            print(f"median {RUN_ALL_NAMES[label]}: {ms:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
