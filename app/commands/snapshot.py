"""The `snapshot` command: a self-contained SQLite file for offline work (`python main.py --db sqlite:///FILE.db`)."""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.commands import engine_for

if TYPE_CHECKING:
    from app.services.snapshot import Scope


def add_parser(sub, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("snapshot", help="write a self-contained SQLite copy for offline work (summaries, reference "
                                        "data; cases only with --cases) to FILE.db")
    p.add_argument("file", metavar="FILE.db", help="the SQLite file to write")
    p.add_argument("--cases", nargs="+", metavar="from D|all",
                   help="also copy cases (names, phones, addresses): `all`, or `from YYYY-MM-DD` (received from "
                        "that day on); default: no cases, only the summaries the dashboard needs")
    p.add_argument("--from", dest="since", metavar="YYYY-MM-DD", help="the same as --cases from YYYY-MM-DD")
    p.add_argument("--force", action="store_true", help="replace FILE.db if it is an earlier snapshot")
    add_db(p)


def _day(text: str, option: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{option} {text!r} is not a day (YYYY-MM-DD, e.g. 2022-08-01)") from None


def _scope(args) -> Scope:
    if args.cases and args.since:
        raise ValueError("give either --cases or --from, not both")
    if args.since:
        return _day(args.since, "--from")
    if not args.cases:
        return None
    from app.services.snapshot import ALL

    if args.cases == ["all"]:
        return ALL
    if len(args.cases) == 2 and args.cases[0] == "from":
        return _day(args.cases[1], "--cases from")
    raise ValueError(f"--cases {' '.join(args.cases)!r}: expected `--cases all` or `--cases from YYYY-MM-DD`")


class _ProgressLine:
    """One line on stderr, rewritten in place, at most a few times a second."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.last = 0.0
        self.shown = False

    def __call__(self, table: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done not in (0, total) and now - self.last < 0.2:
            return
        self.last = now
        self.stream.write(f"\rcopying {table}: {done:,}/{total:,}".ljust(60))
        self.stream.flush()
        self.shown = True

    def end(self) -> None:
        if self.shown:
            self.stream.write("\n")


def cmd_snapshot(args) -> int:
    from app import db
    from app.services import privacy
    from app.services.actors import system_actor
    from app.services.output_files import OutputRefused
    from app.services.snapshot import scope_text, write_snapshot

    try:
        cases = _scope(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    engine = engine_for(args)  # at this revision: an older SQLite file is migrated, anything else refused
    progress = _ProgressLine()
    sf = db.make_session_factory(engine)
    target = Path(os.path.abspath(os.path.expanduser(args.file)))

    def record(rows: int) -> None:
        # the copy holds citizens' names, phones and addresses: written to the access log (as the
        # system) before any case is copied; if the log cannot be written, no file is
        privacy.record_export(sf, system_actor(), "snapshot", rows, f"{target} cases={scope_text(cases)}")

    try:
        result = write_snapshot(engine, target, cases, force=args.force, progress=progress, record=record)
    except OutputRefused as exc:
        progress.end()
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    progress.end()
    size = result.path.stat().st_size / 1e6
    print(f"snapshot written to {result.path} ({size:,.1f} MB): {result.cases} cases, {result.events} events, "
          f"{result.callbacks} callbacks, {result.summary_rows} daily summary rows")
    if cases is None:
        print("no cases in the copy (the dashboard's figures only); add --cases all or --cases from D for cases")
    print(f"open it with: python main.py --db sqlite:///{result.path}")
    return 0
