"""Should `cases` be partitioned by month on PostgreSQL? Measures both layouts on the same rows.

    python bench/bench_partition.py --db postgresql+psycopg://…/d10m [--repeat 50]

Copies the cases of the database twice into a scratch schema: once as a plain table, once as a table
partitioned by month of received_at (one partition per month), each with the same four indexes the
hot queries use — (caller_phone), (received_at, id), (status, replied_at), (id) — then ANALYZE, and
prints the median of the hot queries on each, with the sizes and what dropping a month costs
(DELETE of one month vs DETACH + DROP of its partition, each rolled back). The scratch schema is
dropped at the end; the database's own tables are only read.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import db  # noqa: E402

SCHEMA = "bench_partition"
COLUMNS = ("id, case_no, received_at, caller_phone, street_id, category_id, unit_id, status, replied_at, "
           "reply_deadline, description")
INDEXES = ("(caller_phone)", "(received_at, id)", "(status, replied_at)", "(id)")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", required=True)
    p.add_argument("--repeat", type=int, default=50)
    args = p.parse_args(argv)
    engine = db.make_engine(args.db)
    if engine.dialect.name != "postgresql":
        raise SystemExit("PostgreSQL only")
    conn = engine.raw_connection()
    conn.driver_connection.autocommit = True
    cur = conn.driver_connection.cursor()
    cur.execute("SELECT min(received_at), max(received_at), count(*), max(id) FROM cases")
    first, last, count, top = cur.fetchone()
    print(f"{count:,} cases, {first:%Y-%m} … {last:%Y-%m}")
    cur.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
    cur.execute(f"CREATE SCHEMA {SCHEMA}")
    try:
        began = time.perf_counter()
        cur.execute(f"CREATE TABLE {SCHEMA}.plain AS SELECT {COLUMNS} FROM cases")
        for i, cols in enumerate(INDEXES):
            cur.execute(f"CREATE INDEX plain_{i} ON {SCHEMA}.plain {cols}")
        print(f"plain copy with 4 indexes: {time.perf_counter() - began:.0f} s", flush=True)
        began = time.perf_counter()
        cur.execute(f"CREATE TABLE {SCHEMA}.parted (LIKE {SCHEMA}.plain) PARTITION BY RANGE (received_at)")
        months = []
        y, m = first.year, first.month
        while (y, m) <= (last.year, last.month):
            nxt = (y + (m == 12), m % 12 + 1)
            months.append((date(y, m, 1), date(*nxt, 1)))
            cur.execute(f"CREATE TABLE {SCHEMA}.m{y}{m:02d} PARTITION OF {SCHEMA}.parted "
                        f"FOR VALUES FROM ('{date(y, m, 1)}') TO ('{date(*nxt, 1)}')")
            y, m = nxt
        cur.execute(f"INSERT INTO {SCHEMA}.parted SELECT * FROM {SCHEMA}.plain")
        for i, cols in enumerate(INDEXES):
            cur.execute(f"CREATE INDEX parted_{i} ON {SCHEMA}.parted {cols}")
        cur.execute(f"ANALYZE {SCHEMA}.plain")
        cur.execute(f"ANALYZE {SCHEMA}.parted")
        print(f"partitioned copy ({len(months)} monthly partitions) with the same indexes: "
              f"{time.perf_counter() - began:.0f} s", flush=True)

        rng = random.Random(3)
        cur.execute(f"SELECT caller_phone FROM {SCHEMA}.plain WHERE id = ANY(%s) AND caller_phone IS NOT NULL",
                    ([rng.randint(1, top) for _ in range(args.repeat * 2)],))
        phones = [r[0] for r in cur.fetchall()][:args.repeat]
        ids = [rng.randint(1, top) for _ in range(args.repeat)]
        cur.execute(f"SELECT date_trunc('month', received_at) AS m FROM {SCHEMA}.plain GROUP BY m "
                    "ORDER BY count(*) DESC LIMIT 1")
        busiest = cur.fetchone()[0].date()
        month_from, month_to = next(mo for mo in months if mo[0] == busiest)
        queries = {
            "caller history (phone, newest 20)":
                ("SELECT id, received_at, status FROM {t} WHERE caller_phone = %s ORDER BY received_at DESC LIMIT 20",
                 lambda i: (phones[i % len(phones)],)),
            "cases tab first page (newest 51)":
                ("SELECT id, case_no, received_at, status FROM {t} ORDER BY received_at DESC, id DESC LIMIT 51",
                 lambda i: None),
            "one case by id (case view, events join)":
                ("SELECT id, case_no, status FROM {t} WHERE id = %s", lambda i: (ids[i % len(ids)],)),
            "callback queue (replied, oldest 50)":
                ("SELECT id, replied_at FROM {t} WHERE status = 'replied' ORDER BY replied_at LIMIT 50",
                 lambda i: None),
            f"the busiest month ({busiest:%Y-%m}): cases per status":
                ("SELECT status, count(*) FROM {t} WHERE received_at >= %s AND received_at < %s GROUP BY status",
                 lambda i: (month_from, month_to)),
        }
        print(f"\n| query (median of {args.repeat}) | plain | partitioned by month |\n|---|---|---|")
        for label, (sql, params) in queries.items():
            medians = []
            for table in ("plain", "parted"):
                times = []
                for i in range(args.repeat + 1):
                    began = time.perf_counter()
                    cur.execute(sql.format(t=f"{SCHEMA}.{table}"), params(i))
                    cur.fetchall()
                    if i:
                        times.append((time.perf_counter() - began) * 1000)
                medians.append(statistics.median(times))
            print(f"| {label} | {medians[0]:.2f} ms | {medians[1]:.2f} ms |", flush=True)
        sizes = []
        for table in ("plain", "parted"):
            cur.execute("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relkind = 'r' "
                        "AND (c.relname = %s OR (%s = 'parted' AND c.relname LIKE 'm%%'))", (SCHEMA, table, table))
            sizes.append(int(cur.fetchone()[0]))
        print(f"| size with indexes | {sizes[0] / 1e9:.2f} GB | {sizes[1] / 1e9:.2f} GB |")
        oldest_from, oldest_to = months[0]
        cur.execute("BEGIN")
        began = time.perf_counter()
        cur.execute(f"DELETE FROM {SCHEMA}.plain WHERE received_at >= %s AND received_at < %s",
                    (oldest_from, oldest_to))
        deleted = cur.rowcount
        delete_ms = (time.perf_counter() - began) * 1000
        cur.execute("ROLLBACK")
        cur.execute("BEGIN")
        began = time.perf_counter()
        name = f"m{oldest_from:%Y%m}"
        cur.execute(f"ALTER TABLE {SCHEMA}.parted DETACH PARTITION {SCHEMA}.{name}")
        cur.execute(f"DROP TABLE {SCHEMA}.{name}")
        drop_ms = (time.perf_counter() - began) * 1000
        cur.execute("ROLLBACK")
        print(f"| remove the oldest month ({deleted:,} cases) | DELETE {delete_ms:,.0f} ms | "
              f"DETACH + DROP {drop_ms:,.0f} ms |")
    finally:
        cur.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        conn.close()
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
