"""The `import` and `export` commands of the exchange CSV, with a progress line on stderr.

The exchange services are imported when a command runs, so that starting the console stays light.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from datetime import date
from typing import TYPE_CHECKING

from app.commands import engine_for, read_engine
from app.services.errors import ExchangeFileError, ImportRejected

if TYPE_CHECKING:
    from app.services.exchange import ExchangeProgress


def _day(text: str) -> date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None


def add_parsers(sub, add_db) -> None:
    imp = sub.add_parser("import", help="import cases from an exchange CSV file (all or nothing)")
    imp.add_argument("file", metavar="FILE.csv")
    add_db(imp)
    exp = sub.add_parser("export", help="export cases to an exchange CSV file")
    exp.add_argument("file", metavar="FILE.csv")
    exp.add_argument("--from", dest="date_from", type=_day, metavar="D", help="first received day (YYYY-MM-DD)")
    exp.add_argument("--to", dest="date_to", type=_day, metavar="D", help="last received day (YYYY-MM-DD), inclusive")
    exp.add_argument("--force", action="store_true", help="replace FILE.csv if it exists (never a database file)")
    add_db(exp)


class ProgressLine:
    """One line on stderr, rewritten in place (\\r), at most ten times a second."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.started = time.perf_counter()
        self.shown_at = 0.0
        self.written = False

    def __call__(self, p: ExchangeProgress) -> None:
        now = time.perf_counter()
        if now - self.shown_at < 0.1 and p.done not in (0, p.total):
            return
        self.shown_at = now
        if p.phase == "load":
            rate = p.rows / max(now - self.started, 1e-9)
            text = (f"importing: {p.fraction:.0%} of {p.total / 1e6:.1f} MB checked, {p.rows:,} cases written"
                    + (f" ({rate:,.0f} cases/s)" if p.rows else ""))
        elif p.phase == "summary":
            text = "rebuilding the summary counts" + (" done" if p.done else "…")
        else:
            text = f"exporting: {p.done:,} of {p.total:,} cases"
        self.stream.write("\r" + text.ljust(64))
        self.stream.flush()
        self.written = True

    def end(self) -> None:
        if self.written:
            self.stream.write("\n")
            self.stream.flush()
            self.written = False


def cmd_import(args) -> int:
    from app.services.exchange import import_cases

    engine = engine_for(args)
    line = ProgressLine()
    try:
        summary = import_cases(engine, args.file, progress=line)
    except ImportRejected as exc:
        line.end()
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        more = f" (the first {len(exc.problems)} are listed)" if exc.total > len(exc.problems) else ""
        print(f"import rejected: {exc.total} problem(s){more}; nothing was imported", file=sys.stderr)
        return 2
    except ExchangeFileError as exc:
        line.end()
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    line.end()
    rate = summary.cases / summary.seconds if summary.seconds else 0
    print(f"imported {summary.cases:,} cases ({summary.callbacks:,} callbacks) from {args.file} "
          f"in {summary.seconds:.1f} s ({rate:,.0f} cases/s)")
    return 0


def cmd_export(args) -> int:
    if args.date_from and args.date_to and args.date_from > args.date_to:
        print(f"error: --from {args.date_from} is after --to {args.date_to}", file=sys.stderr)
        return 2
    from app import db
    from app.services import privacy
    from app.services.actors import system_actor
    from app.services.exchange import export_cases
    from app.services.output_files import OutputRefused

    engine = engine_for(args)
    try:
        source = read_engine(args, engine)  # the cases from the read replica, when there is one that answers
    except BaseException:
        engine.dispose()
        raise
    line = ProgressLine()
    sf = db.make_session_factory(engine)  # the access log: on the primary
    target = os.path.abspath(args.file)

    def record(rows: int) -> None:
        # names, phones and addresses leave the database: written to the access log (as the system)
        # before the file is written; if the log cannot be written, no file is
        privacy.record_export(sf, system_actor(), "exchange CSV", rows,
                              f"{target} from={args.date_from or ''} to={args.date_to or ''}")

    try:
        cases = sf if source is engine else db.make_session_factory(source, read_only=True)
        count = export_cases(cases, args.file, args.date_from, args.date_to, progress=line, force=args.force,
                             record=record)
    except (ExchangeFileError, OutputRefused) as exc:
        line.end()
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        if source is not engine:
            source.dispose()
        engine.dispose()
    line.end()
    print(f"exported {count:,} cases to {args.file}")
    return 0
