"""Medians of the supervisors' figures (app/services/metrics.py) on a filled database, read only.

    python bench/bench_metrics.py --db sqlite:///bench/out/work.db [--rounds 30] [--month 2022-08] [--year 2022]

In process, each with its own read-only session as a dashboard refresh would use, the directory of
units and categories loaded once (the console keeps it in memory): the street ranking for one month
and for one year, and the monthly series per category over all time. As a whole command:
`python main.py rank --period MONTH --level street` (a new process each time, so Python's start counts).
Prints `median <figure>: <value> ms` lines for bench/run_all.py.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import db  # noqa: E402
from app.services import metrics  # noqa: E402
from app.services.directory import Directory  # noqa: E402
from app.services.metrics import Group  # noqa: E402
from app.services.periods import parse_period  # noqa: E402


def _median_ms(fn, rounds: int) -> tuple[float, float]:
    fn()  # the first call warms SQLAlchemy's statement cache and the file cache
    wall, cpu = [], []
    for _ in range(rounds):
        began, began_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, metavar="URL")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--month", default="2022-08")
    parser.add_argument("--year", default="2022")
    parser.add_argument("--command-rounds", type=int, default=5)
    args = parser.parse_args(argv)

    engine = db.make_engine(args.db)
    sf = db.make_session_factory(engine, read_only=True)
    with sf() as s:
        directory = Directory.load(s)
    month, year = parse_period(args.month), parse_period(args.year)

    def rank(period):
        def run():
            with sf() as s:
                return metrics.ranking(s, period, Group.streets(), directory)
        return run

    def series():
        with sf() as s:
            return metrics.category_series(s, directory=directory)

    with sf() as s:
        ranked = metrics.ranking(s, month, Group.streets(), directory)
        lines = metrics.category_series(s, directory=directory)
    print(f"ranking {args.month}: {len(ranked.rows)} streets ranked; series: {len(lines.lines)} categories "
          f"over {len(lines.months)} months")
    for figure, fn in (("rank_month", rank(month)), ("rank_year", rank(year)), ("series_category", series)):
        wall, cpu = _median_ms(fn, args.rounds)
        print(f"median {figure}: {wall:.2f} ms (CPU {cpu:.2f} ms, {args.rounds} rounds)")
    engine.dispose()

    command = [sys.executable, str(ROOT / "main.py"), "rank", "--period", args.month, "--level", "street",
               "--format", "table", "--db", args.db]
    times = []
    for _ in range(args.command_rounds):
        began = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        times.append((time.perf_counter() - began) * 1000)
        if done.returncode != 0:
            print(f"rank command failed: {done.stderr.strip()}")
            return 1
    print(f"median rank_command: {statistics.median(times):.0f} ms ({args.command_rounds} runs of "
          f"`python main.py rank --period {args.month} --level street`)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
