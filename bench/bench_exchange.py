"""Benchmark of the exchange CSV: export a database, import the file into empty databases, print medians.

    .venv/bin/python bench/bench_exchange.py --db sqlite:///demo.db [--repeat 2] [--target sqlite|postgresql+psycopg://…]

Prints `median export: S s` and `median import: S s` (the form bench/run_all.py collects), then
rows/s and the individual runs.

The import target is a fresh SQLite file per run (default), or, given a PostgreSQL URL, a fresh
database created on that server per run (and dropped after). With --generate N the source database
is first filled by importing N generated rows (to try the benchmark without the demo database).
The empty target first gets the units and categories of the source that it lacks (the demo
database has generated communities and sections), outside the timed import.
After the runs the last imported database is exported again and compared byte for byte.
"""
from __future__ import annotations

import argparse
import filecmp
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import db  # noqa: E402
from app.models import Case, Category, Unit  # noqa: E402
from app.services.exchange import export_cases, import_cases  # noqa: E402


def _fresh_target(target: str, folder: Path, run: int) -> tuple[str, callable]:
    if target == "sqlite":
        path = folder / f"import-{run}.db"

        def remove():
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}", remove
    url = make_url(target)
    name = f"hotline_bench_import_{run}"
    admin = db.make_engine(url.set(database="postgres").render_as_string(hide_password=False),
                           isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False), drop


def copy_directory(source_url: str, target_url: str) -> int:
    """Give the empty target the source's units and categories that it lacks (the demo's generated
    communities and sections), by code, so that the names in the file resolve. Returns how many."""
    source, target = db.make_engine(source_url), db.make_engine(target_url)
    added = 0
    try:
        with source.connect() as src, target.begin() as dst:
            for table in (Unit.__table__, Category.__table__):
                ids = dict(dst.execute(select(table.c.code, table.c.id)).all())
                code_of = dict(src.execute(select(table.c.id, table.c.code)).all())
                order = table.c.level if table is Unit.__table__ else table.c.code
                for row in src.execute(select(table).order_by(order, table.c.id)).mappings():
                    if row["code"] in ids:
                        continue
                    values = {k: v for k, v in row.items() if k != "id"}
                    values["parent_id"] = ids[code_of[row["parent_id"]]] if row["parent_id"] else None
                    ids[row["code"]] = dst.execute(table.insert().values(**values).returning(table.c.id)).scalar_one()
                    added += 1
    finally:
        source.dispose()
        target.dispose()
    return added


def _generate(url: str, count: int, folder: Path) -> None:
    from tests.exchange_files import generated_rows, write_csv

    engine = db.make_engine(url)
    db.upgrade(engine)
    path = write_csv(folder / "generated.csv", generated_rows(count))
    import_cases(engine, path)
    engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="source database (SQLAlchemy URL), e.g. the demo database")
    parser.add_argument("--target", default="sqlite", help="'sqlite' (temporary files) or a PostgreSQL server URL")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each (an import of 1.3 M rows takes minutes)")
    parser.add_argument("--generate", type=int, metavar="N", help="first fill --db with N generated rows")
    parser.add_argument("--folder", help="where the CSV and SQLite files go (default: a temporary folder)")
    args = parser.parse_args()

    temporary = args.folder is None
    folder = Path(args.folder or tempfile.mkdtemp(prefix="bench-exchange-"))
    folder.mkdir(parents=True, exist_ok=True)
    if args.generate:
        _generate(args.db, args.generate, folder)
    source = db.make_engine(args.db)
    db.upgrade(source)
    sf = db.make_session_factory(source)
    with sf() as s:
        cases = s.scalar(select(func.count()).select_from(Case))
    exported = folder / "export.csv"
    print(f"source {make_url(args.db).render_as_string()} holds {cases:,} cases; files in {folder}")

    export_times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        export_cases(sf, exported, force=True)
        export_times.append(time.perf_counter() - started)
    source.dispose()
    size = exported.stat().st_size / 1e6
    median = statistics.median(export_times)
    print(f"median export: {median:.2f} s")
    print(f"export   median {median:8.2f} s  ({cases / median:,.0f} rows/s, {size:,.0f} MB)  runs: "
          + " ".join(f"{t:.2f}" for t in export_times))

    import_times, import_cpu = [], []
    last_url = None
    for run in range(args.repeat):
        url, drop = _fresh_target(args.target, folder, run)
        engine = db.make_engine(url)
        db.upgrade(engine)
        added = copy_directory(args.db, url)
        started, started_cpu = time.perf_counter(), time.process_time()
        summary = import_cases(engine, exported)
        import_times.append(time.perf_counter() - started)
        import_cpu.append(time.process_time() - started_cpu)
        if run == args.repeat - 1:
            again = folder / "export-again.csv"
            export_cases(db.make_session_factory(engine), again, force=True)
            identical = filecmp.cmp(again, exported, shallow=False)
        engine.dispose()
        drop()
        last_url = url
    median = statistics.median(import_times)
    print(f"median import: {median:.2f} s")
    print(f"import   median {median:8.2f} s  ({summary.cases / median:,.0f} rows/s, {summary.callbacks:,} callbacks, "
          f"into {make_url(last_url).get_backend_name()}, {added} units/categories copied first)  runs: " + " ".join(f"{t:.2f}" for t in import_times))
    cpu = statistics.median(import_cpu)
    print(f"import CPU of this process: median {cpu:.2f} s ({summary.cases / cpu:,.0f} rows/s of CPU; on PostgreSQL "
          "the server's work is not in it)")
    print(f"export → import → export identical: {'yes' if identical else 'NO'}")
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    if temporary:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
