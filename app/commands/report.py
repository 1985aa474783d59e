"""The `report` command: 日报, 月报 and a street's 年度体检报告 as XLSX or PDF (issue 15).

    python main.py report daily --date 2022-08-15 [--unit NAME] --out FILE [--force] [--db URL]
    python main.py report monthly --month 2022-08 --out FILE …
    python main.py report street --year 2022 --street 马家堡街道 --out FILE …

The format is the extension of --out (.xlsx or .pdf). Bad input: one line on stderr, exit 2. Each written
report goes to the access log (as the system).
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.commands import CommandFailed, read_engine, reading_engine

FORMATS = (".xlsx", ".pdf")


def add_parser(sub, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("report", help="write the daily or monthly report or a street's annual health check (XLSX or PDF)")
    kinds = p.add_subparsers(dest="report_command", required=True)

    def common(q: argparse.ArgumentParser) -> None:
        q.add_argument("--out", required=True, metavar="FILE", help="the file to write: .xlsx or .pdf")
        q.add_argument("--force", action="store_true", help="replace FILE if it exists (never the database)")
        add_db(q)

    daily = kinds.add_parser("daily", help="日报 of one day, with the reminder list of every handling unit")
    daily.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the day")
    daily.add_argument("--unit", metavar="NAME", help="only this handling unit's reminder list")
    common(daily)
    monthly = kinds.add_parser("monthly", help="月报 of one month: rankings, 进步较大, 约谈名单, 预警, key topics, trends")
    monthly.add_argument("--month", required=True, metavar="YYYY-MM", help="the month")
    common(monthly)
    street = kinds.add_parser("street", help="年度体检报告 of one street or town for one year")
    street.add_argument("--year", required=True, metavar="YYYY", help="the year")
    street.add_argument("--street", required=True, metavar="NAME", help="the street's or town's full name")
    common(street)


def _request(args):
    from app.services.reports.request import ReportRequest

    kind = args.report_command
    try:
        if kind == "daily":
            text = args.date.strip()
            if len(text) != 10:
                raise ValueError
            return ReportRequest("daily", day=date.fromisoformat(text), unit=args.unit)
        if kind == "monthly":
            year, _, month = args.month.strip().partition("-")
            if len(year) != 4 or len(month) != 2:
                raise ValueError
            return ReportRequest("monthly", month=date(int(year), int(month), 1))
        text = args.year.strip()
        if len(text) != 4 or not text.isdigit():
            raise ValueError
        return ReportRequest("street", year=int(text), street=args.street)
    except ValueError:
        option, form = {"daily": ("--date", "YYYY-MM-DD, e.g. 2022-08-15"), "monthly": ("--month", "YYYY-MM, e.g. 2022-08"),
                        "street": ("--year", "YYYY, e.g. 2022")}[kind]
        raise CommandFailed(f"{option} {getattr(args, option[2:])!r} is not a valid value ({form})") from None


def writer_for(path: str) -> Callable:
    """The writer of the format of `path`'s extension: .xlsx here, .pdf the console's PDF writer (Qt, loaded
    only for a PDF); both write a temporary file and rename it, never over the database.
    Called before anything is logged: a writer that cannot be loaded leaves no trace."""
    if Path(path).suffix.lower() == ".xlsx":
        from app.services.reports.xlsx import write_xlsx

        return write_xlsx
    from app.ui.reports.pdf import write_pdf

    return write_pdf


def cmd_report(args) -> int:
    suffix = Path(args.out).suffix.lower()
    if suffix not in FORMATS:
        print(f"error: --out {args.out}: unknown format {suffix or '(no extension)'!r}; use .xlsx or .pdf",
              file=sys.stderr)
        return 2
    request = _request(args)
    from app import db
    from app.services import output_files
    from app.services.actors import system_actor
    from app.services.reports.access import record_report
    from app.services.reports.builder import build

    engine = reading_engine(args, "stat_monthly_unit")  # only reads (and logs): an older database is refused
    try:
        protected = output_files.database_files(engine)
        target = output_files.check_target(args.out, args.force, protected)  # refused before any work
        write = writer_for(args.out)
        source = read_engine(args, engine)  # the read replica, when there is one that answers
        try:
            with db.make_session_factory(source, read_only=True)() as s:
                report = build(s, system_actor(), request)  # the command runs as the system
        finally:
            if source is not engine:
                source.dispose()
        record_report(db.make_session_factory(engine), system_actor(), report, os.fspath(target))
        write(report, args.out, force=args.force, protected=protected)
    finally:
        engine.dispose()
    print(f"wrote {report.title}{report.subtitle} {report.period} to {args.out}")
    return 0
