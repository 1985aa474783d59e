"""Bulk generator for the 10 M benchmark: copies a demo database's cases N times inside the database.

    python bench/scale_up.py --db URL --copies 8      # a 1.3 M demo becomes 10.4 M cases

The demo (`python main.py demo --cases N`, COPY on PostgreSQL, executemany on SQLite) writes about
4 000 cases/s on PostgreSQL on this shared machine (the Python generator is the limit): 10 M would
take most of an hour. This script keeps the demo's shape (every case with its events and callbacks,
the same months, categories, streets, states and rates) and multiplies it with INSERT … SELECT in the
database itself, in one transaction:

- copy k (1 … N-1) of case i gets id i + k·max(id) and case number `YYYYMMDD` + (k·10000 + n), so
  each day has (N)× the cases with distinct numbers (the demo's days have fewer than 10 000);
- its events and callbacks follow it (case_id shifted; their own ids from the table);
- a copy's caller phone differs from the original's in its last 8 digits, so a caller's history
  stays the size it has in the demo (a city has that many more callers);
- foreign keys are not checked row by row on PostgreSQL (session_replication_role = replica, as a
  superuser: the copies refer only to rows copied with them);
- the secondary indexes of the three tables are dropped first and built once at the end, the
  case number counters raised, the summary tables rebuilt (stats.rebuild), then ANALYZE on PostgreSQL
  (as the demo does).

Prints the time of each step and the cases/s of the whole.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select  # noqa: E402

from app import db  # noqa: E402
from app.models import Callback, Case, CaseEvent  # noqa: E402
from app.services import stats  # noqa: E402
from app.services.exchange.bulk import BulkWriter  # noqa: E402


def _phone(sql_k: str, postgres: bool) -> str:
    """SQL: the phone of copy k — the same prefix, the last 8 digits moved by k · 12 345 679 (mod 10^8)."""
    last8 = "CAST(substr(caller_phone, length(caller_phone) - 7, 8) AS BIGINT)"
    modulo = "%%" if postgres else "%"  # psycopg reads a single % as a placeholder
    moved = f"(({last8} + {sql_k} * 12345679) {modulo} 100000000)"
    digits = f"lpad(CAST({moved} AS TEXT), 8, '0')" if postgres else f"printf('%08d', {moved})"
    return (f"CASE WHEN caller_phone IS NULL OR length(caller_phone) < 8 THEN caller_phone "
            f"ELSE substr(caller_phone, 1, length(caller_phone) - 8) || {digits} END")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", required=True, help="a demo database (SQLAlchemy URL); it is changed in place")
    p.add_argument("--copies", type=int, default=8, help="cases afterwards = copies × the demo's (default 8)")
    args = p.parse_args(argv)
    if not 2 <= args.copies <= 9:
        raise SystemExit("--copies must be between 2 and 9 (case numbers: k·10000 + the day's number)")
    engine = db.make_engine(args.db)
    postgres = engine.dialect.name == "postgresql"
    sf = db.make_session_factory(engine)
    began = time.perf_counter()

    def step(text: str, since: float) -> float:
        now = time.perf_counter()
        print(f"{text}: {now - since:.1f} s", flush=True)
        return now

    with sf.begin() as s:
        conn = s.connection()
        if postgres:
            # the copies refer only to rows copied with them: no foreign key check row by row (they are
            # triggers on PostgreSQL, more than half of an INSERT … SELECT's time); needs a superuser
            conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
        else:
            conn.exec_driver_sql("PRAGMA cache_size=-524288")  # 512 MB for the index builds
        base = s.scalar(select(func.max(Case.id)))
        count = s.scalar(select(func.count()).select_from(Case))
        most = s.scalar(select(func.max(func.cast(func.substr(Case.case_no, 9), Case.id.type))))
        if most >= 10000:
            raise SystemExit(f"a day has {most} cases: the numbering of the copies needs fewer than 10 000")
        print(f"{count:,} cases (largest id {base:,}) → {count * args.copies:,}", flush=True)
        writer = BulkWriter(s)
        writer.drop_indexes()
        t = step("indexes dropped", began)
        case_cols = [c.name for c in Case.__table__.columns]
        for k in range(1, args.copies):
            shift = k * base
            values = []
            for c in case_cols:
                if c == "id":
                    values.append(f"id + {shift}")
                elif c == "merged_into_id":
                    values.append(f"merged_into_id + {shift}")
                elif c == "case_no":
                    number = f"CAST(substr(case_no, 9) AS INTEGER) + {k * 10000}"
                    values.append("substr(case_no, 1, 8) || " + (
                        f"lpad(CAST({number} AS TEXT), 5, '0')" if postgres else f"printf('%05d', {number})"))
                elif c == "caller_phone":
                    values.append(_phone(str(k), postgres))
                else:
                    values.append(c)
            conn.exec_driver_sql(f"INSERT INTO cases ({', '.join(case_cols)}) SELECT {', '.join(values)} "
                                 f"FROM cases WHERE id <= {base}")
            for table in (CaseEvent.__table__, Callback.__table__):
                cols = [c.name for c in table.columns if c.name != "id"]
                picked = [f"case_id + {shift}" if c == "case_id" else c for c in cols]
                conn.exec_driver_sql(f"INSERT INTO {table.name} ({', '.join(cols)}) SELECT {', '.join(picked)} "
                                     f"FROM {table.name} WHERE case_id <= {base}")
            t = step(f"copy {k} of {args.copies - 1} written", t)
        conn.exec_driver_sql(f"UPDATE case_number_counters SET last = last + {(args.copies - 1) * 10000}")
        if postgres:
            conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('cases', 'id'), {base * args.copies})")
        writer.restore_indexes()
        t = step("indexes built", t)
        stats.rebuild(s)
        t = step("summary tables rebuilt", t)
    if postgres:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.exec_driver_sql("ANALYZE")
        t = step("analyzed", t)
    else:  # as the demo leaves it (no ANALYZE on SQLite)
        db.sqlite_checkpoint(engine)
        t = step("checkpoint", t)
    total = time.perf_counter() - began
    added = count * (args.copies - 1)
    print(f"{added:,} cases added in {total:.0f} s ({added / total:,.0f} cases/s with their events and callbacks)")
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
