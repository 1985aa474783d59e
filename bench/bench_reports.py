"""How long the reports take to build and write as XLSX (issue 15): the 月报, the 日报 and a street's
年度体检报告, medians of whole runs (build from the database + write the workbook), nothing else timed.

Targets at 1.3 M cases: monthly ≤ 3 s, daily ≤ 2 s, street ≤ 5 s (to XLSX). Only reads the database: give a
read-only URL to be sure (the files go to a temporary folder; the access log is not written).

    .venv/bin/python bench/bench_reports.py --db 'sqlite:///file:/path/demo.db?mode=ro&uri=true' \
        [--repeat 3] [--month 2022-08] [--day 2022-08-15] [--year 2022] [--street 马家堡街道]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import db  # noqa: E402
from app.services.actors import system_actor  # noqa: E402
from app.services.reports.builder import ReportRequest, build  # noqa: E402
from app.services.reports.xlsx import write_xlsx  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", required=True)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--month", default="2022-08")
    p.add_argument("--day", default="2022-08-15")
    p.add_argument("--year", type=int, default=2022)
    p.add_argument("--street", default="马家堡街道")
    args = p.parse_args()
    engine = db.make_engine(args.db)
    current, head = db.current_revision(engine), db.head_revision()
    if current != head:
        print(f"the database is at revision {current}, this program needs {head}: not migrated here", file=sys.stderr)
        return 2
    sf = db.make_session_factory(engine, read_only=True)
    year, month = (int(x) for x in args.month.split("-"))
    requests = {
        "monthly": ReportRequest("monthly", month=date(year, month, 1)),
        "daily": ReportRequest("daily", day=date.fromisoformat(args.day)),
        "street": ReportRequest("street", year=args.year, street=args.street),
    }
    folder = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    for name, request in requests.items():
        builds, totals = [], []
        for i in range(args.repeat + 1):  # the first run warms the caches and is not counted
            started = time.perf_counter()
            with sf() as s:
                report = build(s, system_actor(), request)
            built = time.perf_counter()
            write_xlsx(report, folder / f"{name}.xlsx", force=True)
            done = time.perf_counter()
            if i:
                builds.append(built - started)
                totals.append(done - started)
        print(f"{name}: median {statistics.median(totals):.2f} s to XLSX (build {statistics.median(builds):.2f} s), "
              f"{args.repeat} runs")
    engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
