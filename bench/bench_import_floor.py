"""Where an import's time goes, step by step, and the fastest any all-or-nothing import could write the rows.

    .venv/bin/python bench/bench_import_floor.py --db sqlite:///demo200k.db [--target sqlite|postgresql+psycopg://…]
                                                 [--repeat 3] [--folder DIR]

Exports --db to the exchange CSV once, then times, each on its own (medians of --repeat runs, wall and
this process's CPU):

- read: the csv module over the file, nothing else;
- python: reading, checking every cell and building the tuples of the cases, callbacks and import events
  (the importer's own RowChecker and case builder, with no database write);
- then into a fresh empty database, in one transaction, with the tuples already built: write (the rows,
  the secondary indexes and word index dropped first, as the importer does), indexes (built once over
  all rows), summary (the summary tables rebuilt), commit.

`write` is the floor: an all-or-nothing import that writes these rows can be no faster than the
database takes to store them, whatever the Python does and however it is spread over processes.
"""
from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_exchange import _fresh_target, copy_directory  # noqa: E402

from app import db  # noqa: E402
from app.models import Callback, Case, CaseEvent  # noqa: E402
from app.services import stats  # noqa: E402
from app.services.directory import Directory  # noqa: E402
from app.services.exchange import export_cases  # noqa: E402
from app.services.exchange.bulk import BulkWriter  # noqa: E402
from app.services.exchange.importer import (  # noqa: E402
    CALLBACK_COLUMNS,
    CASE_COLUMNS,
    CHUNK,
    EVENT_COLUMNS,
    _CaseBuilder,
    _CsvFile,
    _rows,
)
from app.services.exchange.rows import RowChecker  # noqa: E402


def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def read_only(path: Path) -> int:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def build(s, path: Path) -> tuple[list, list, list]:
    """The importer's checks and tuples for every row (the file must have no problem)."""
    checker = RowChecker(Directory.load(s))
    writer = BulkWriter(s)
    builder = _CaseBuilder(s, path.name, writer.datetime_stamp())
    cases, callbacks, events = [], [], []
    first = (s.scalar(select(func.max(Case.id))) or 0) + 1
    with _CsvFile(path) as f:
        for line, cells in _rows(f):
            row, problems = checker.check(line, cells, f.width)
            if problems:
                raise SystemExit(f"line {line}: {problems[0]}")
            case, callback, event = builder.build(first + len(cases), row)
            cases.append(case)
            events.append(event)
            if callback is not None:
                callbacks.append(callback)
    return cases, callbacks, events


def write(sf, rows: tuple[list, list, list]) -> dict[str, tuple[float, float]]:
    cases, callbacks, events = rows
    steps = {}
    s = sf()
    try:
        s.begin()
        writer = BulkWriter(s)
        writer.drop_indexes()

        def insert():
            for i in range(0, len(cases), CHUNK):
                writer.insert(Case.__table__, CASE_COLUMNS, cases[i:i + CHUNK], stored=True)
            for i in range(0, len(callbacks), CHUNK):
                writer.insert(Callback.__table__, CALLBACK_COLUMNS, callbacks[i:i + CHUNK], stored=True)
            for i in range(0, len(events), CHUNK):
                writer.insert(CaseEvent.__table__, EVENT_COLUMNS, events[i:i + CHUNK], stored=True)
        steps["write"] = timed(insert)[:2]
        steps["indexes"] = timed(writer.restore_indexes)[:2]
        steps["summary"] = timed(lambda: stats.rebuild(s))[:2]
        steps["commit"] = timed(s.commit)[:2]
    finally:
        s.close()
    return steps


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--db", required=True, help="source database (SQLAlchemy URL)")
    p.add_argument("--target", default="sqlite", help="'sqlite' (temporary files) or a PostgreSQL server URL")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--folder", help="where the CSV and SQLite files go (default: a temporary folder)")
    args = p.parse_args()
    folder = Path(args.folder or tempfile.mkdtemp(prefix="bench-floor-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "export.csv"
    if not path.exists():
        source = db.make_engine(args.db)
        export_cases(db.make_session_factory(source), path)
        source.dispose()
    rows = read_only(path)
    print(f"{path}: {rows:,} rows; target {args.target}; medians of {args.repeat}", flush=True)

    figures: dict[str, list[tuple[float, float]]] = {}
    for run in range(args.repeat):
        url, drop = _fresh_target(args.target, folder, run)
        engine = db.make_engine(url)
        try:
            db.upgrade(engine)
            copy_directory(args.db, url)
            sf = db.make_session_factory(engine)
            figures.setdefault("read", []).append(timed(lambda: read_only(path))[:2])
            with sf() as s:
                wall, cpu, built = timed(lambda: build(s, path))
            figures.setdefault("python", []).append((wall, cpu))
            for step, value in write(sf, built).items():
                figures.setdefault(step, []).append(value)
            del built
        finally:
            engine.dispose()
            drop()
    database = 0.0
    for step, values in figures.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        if step in ("write", "indexes", "summary", "commit"):
            database += wall
        print(f"  {step:<8} {wall:7.2f} s  (CPU here {cpu:6.2f} s)  {rows / wall:>10,.0f} rows/s", flush=True)
    write_wall = statistics.median(v[0] for v in figures["write"])
    print(f"  floor (write alone): {rows / write_wall:,.0f} rows/s; the database's steps together: "
          f"{database:.2f} s = {rows / database:,.0f} rows/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
