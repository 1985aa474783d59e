"""Issue 18.4: the hot paths at 1.3 M and 10 M cases on SQLite and PostgreSQL, one table per database.

    python bench/bench_scale.py --db sqlite:///demo.db --db postgresql+psycopg://…/d10m [--repeat 15]

For each database, medians (wall and CPU of this process) of the service calls the screens make, each
with its own session as the screens' workers open them:
- rank_month / rank_year / series_category: metrics.ranking (streets, one month / one year) and
  metrics.category_series (all time), as the dashboard calls them;
- caller_history: app.services.history.caller_history for the phone of a random case (intake);
- cases_first_page: case_queries.fetch_page + count_states with the cases tab's opening filter, as a
  dispatcher (the tab starts both); cases_filter_change: the same with a street chosen (streets in turn);
- word_search: the same two calls with the search box holding a common two-character word (漏水)
  (through the word index); word_search_page: the first page alone (fetch_page), what the tab shows first
  (the issue's ≤ 100 ms; the counts follow in the background);
- duckdb_word_page / duckdb_word_search: DuckDB answering the same first page (newest 201 cases whose
  description or address contains the word) and the same page + counts per state, in-process on a DuckDB
  table of the cases' id, time, state, address and description exported from the database (CSV, then
  loaded): the word-search ratios;
- callback_queue: callback_queue.load_queue (the first page of the queue with its counts);
- intake_save: lifecycle.create_case (validated, numbered, dispatched, summary counts, committed) —
  this WRITES cases (--no-write skips it);
- rank_command: `python main.py rank --period M --level street` as a whole process, interleaved with
  DuckDB computing the same ranking as a whole process (bench/bench_startup.py's query) from the same
  data (the SQLite file through DuckDB's sqlite extension when it loads offline, else Parquet files of
  the three tables it reads, exported first — from PostgreSQL always), and their ratio;
- size on disk: the SQLite file (with -wal) or pg_database_size.

Prints `median <figure>: <value> ms` lines and, at the end, a Markdown table of every database.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_startup import DUCKDB_CHILD, DUCKDB_RANK, ENV, PY, duckdb_source, timed  # noqa: E402
from sqlalchemy import func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from app import db  # noqa: E402
from app.models import Case, StatMonthlyUnit  # noqa: E402
from app.services import callback_queue, case_queries, lifecycle, metrics  # noqa: E402
from app.services.actors import Actor  # noqa: E402
from app.services.directory import Directory  # noqa: E402
from app.services.history import caller_history  # noqa: E402
from app.services.intake_form import IntakeForm  # noqa: E402
from app.services.metrics import Group  # noqa: E402
from app.services.periods import Period  # noqa: E402

TARGETS_MS = {"rank_month": 5, "rank_year": 10, "series_category": 30, "caller_history": 2,
              "cases_first_page": 300, "cases_filter_change": 300, "word_search_page": 100, "callback_queue": 150,
              "intake_save": 10}
LABELS = {
    "rank_month": "rank, one month", "rank_year": "rank, one year", "series_category": "monthly series per category",
    "caller_history": "caller history by phone", "cases_first_page": "cases tab: first page + counts",
    "cases_filter_change": "cases tab: a filter change (street)", "word_search": "word search 漏水: first page + counts",
    "word_search_page": "word search 漏水: first page alone",
    "duckdb_word_page": "DuckDB, the same first page (in-process)",
    "duckdb_word_search": "DuckDB, the same page + counts (in-process)",
    "callback_queue": "callback queue (first page + counts)", "intake_save": "intake save (create one case)",
    "rank_command": "`rank` one month, whole command", "duckdb_rank": "DuckDB, the same ranking, whole process",
}
WORD = "漏水"
PARQUET_TABLES = {
    "units": "id INTEGER, name VARCHAR, kind VARCHAR, level INTEGER, parent_id INTEGER, sort_key VARCHAR",
    "scoring_rules": "effective_from DATE, w_response DOUBLE, w_resolution DOUBLE, w_satisfaction DOUBLE, w_basic DOUBLE",
    "stat_monthly_unit": "month DATE, unit_id INTEGER, received INTEGER, callbacks INTEGER, reached BIGINT, "
                         "contacted DOUBLE, resolved DOUBLE, satisfied DOUBLE, basic DOUBLE",
}


def median_ms(fn, repeat: int) -> tuple[float, float]:
    walls, cpus = [], []
    fn()  # warm-up (caches, first connection)
    for _ in range(repeat):
        began, began_cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - began) * 1000)
        cpus.append((time.process_time() - began_cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def size_on_disk(engine) -> int:
    if engine.dialect.name == "sqlite":
        path = engine.url.database
        return sum(os.path.getsize(f"{path}{s}") for s in ("", "-wal") if os.path.exists(f"{path}{s}"))
    with engine.connect() as c:
        return c.scalar(text("SELECT pg_database_size(current_database())"))


def duckdb_from_database(engine, folder: Path) -> tuple[str, dict[str, str], str] | None:
    """The three tables DuckDB's ranking reads, as Parquet files exported from any backend."""
    try:
        import duckdb
    except ImportError:
        return None
    con = duckdb.connect()
    tables = {}
    with engine.connect() as src:
        for table, ddl in PARQUET_TABLES.items():
            columns = [c.split()[0] for c in ddl.split(", ")]
            con.execute(f"CREATE TABLE {table} ({ddl})")
            rows = [tuple(r) for r in src.execute(text(f"SELECT {', '.join(columns)} FROM {table}"))]
            if rows:
                con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(columns))})", rows)
            target = folder / f"{table}.parquet"
            con.execute(f"COPY {table} TO '{target}' (FORMAT parquet)")
            tables[table] = f"read_parquet('{target}')"
    con.close()
    return "", tables, "Parquet files of units, scoring_rules and stat_monthly_unit exported from the database"


def _plan_nodes(plan: dict, relation: str | None = None):
    relation = plan.get("Relation Name", relation)
    yield plan, relation
    for child in plan.get("Plans", ()):
        yield from _plan_nodes(child, relation)


def explain(engine, key: str, fn) -> None:
    """Print how PostgreSQL's planner reads cases / events / summaries for each SELECT of one call
    (a plain EXPLAIN: the plan it chooses at this size, sequential scans allowed)."""
    from sqlalchemy import event

    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        fn()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    scans = []
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        for statement, parameters in seen:
            with raw.cursor() as cur:
                cur.execute("EXPLAIN (FORMAT JSON) " + statement, parameters or None)
                plan = cur.fetchone()[0]
            for node, relation in _plan_nodes(plan[0]["Plan"]):
                if relation in ("cases", "case_events", "callbacks", "stat_daily", "stat_monthly_unit",
                                "stat_monthly_category") and ("Scan" in node["Node Type"]):
                    scans.append(f"{node['Node Type']} {relation}" + (f" ({node['Index Name']})"
                                                                      if "Index Name" in node else ""))
    print(f"  plan {key:<22} " + "; ".join(dict.fromkeys(scans)), flush=True)


def duckdb_word_search(engine, folder: Path, repeat: int) -> dict | None:
    """DuckDB's medians (ms) for the word's first page and page + counts over the same cases, or None."""
    try:
        import duckdb
    except ImportError:
        print("  duckdb is not installed: the word-search comparison is skipped")
        return None
    import csv

    began = time.perf_counter()
    path = folder / "cases.csv"
    columns = "id, received_at, status, address, description"
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        if engine.dialect.name == "postgresql":
            with raw.cursor() as cur, open(path, "wb") as f:
                with cur.copy(f"COPY (SELECT {columns} FROM cases) TO STDOUT WITH (FORMAT csv)") as copy:
                    for block in copy:
                        f.write(block)
        else:
            cur = raw.execute(f"SELECT {columns} FROM cases")
            with open(path, "w", newline="", encoding="utf-8") as f:
                writer = csv.writer(f)
                while rows := cur.fetchmany(50_000):
                    writer.writerows(rows)
    con = duckdb.connect(str(folder / "words.duckdb"))
    con.execute(f"CREATE TABLE cases AS SELECT * FROM read_csv('{path}', header = false, "
                "columns = {'id': 'BIGINT', 'received_at': 'TIMESTAMP', 'status': 'VARCHAR', 'address': 'VARCHAR', "
                "'description': 'VARCHAR'})")
    path.unlink()
    print(f"  DuckDB: {con.execute('SELECT count(*) FROM cases').fetchone()[0]:,} cases loaded for the word search "
          f"in {time.perf_counter() - began:.0f} s", flush=True)
    match = "(contains(description, $w) OR contains(address, $w))"
    page = (f"SELECT id, received_at, status FROM cases WHERE {match} "
            "ORDER BY received_at DESC, id DESC LIMIT 201")
    counts = f"SELECT status, count(*) FROM cases WHERE {match} GROUP BY status"
    found = con.execute(page, {"w": WORD}).fetchall()
    print(f"  DuckDB page: {len(found)} rows, newest {found[0][1] if found else '–'}", flush=True)
    result = {
        "duckdb_word_page": median_ms(lambda: con.execute(page, {"w": WORD}).fetchall(), repeat),
        "duckdb_word_search": median_ms(lambda: (con.execute(page, {"w": WORD}).fetchall(),
                                                 con.execute(counts, {"w": WORD}).fetchall()), repeat),
    }
    con.close()
    return result


def measure(url: str, repeat: int, runs: int, write: bool, month_text: str | None, show_plans: bool = False,
            duckdb_words: str | None = None) -> dict:
    engine = db.make_engine(url)
    sf = db.make_session_factory(engine, read_only=True)
    write_sf = db.make_session_factory(engine)
    with sf() as s:
        cases = s.scalar(select(func.count()).select_from(Case))
        top = s.scalar(select(func.max(Case.id)))
        directory = Directory.load(s)
        newest = s.scalar(select(func.max(StatMonthlyUnit.month)))
    if month_text:
        y, m = map(int, month_text.split("-"))
    else:  # the last whole month: the one before the newest
        newest = date.fromisoformat(str(newest)[:10])
        y, m = (newest.year, newest.month - 1) if newest.month > 1 else (newest.year - 1, 12)
    month, year = Period.for_month(y, m), Period.for_year(y)
    rng = random.Random(7)
    with sf() as s:
        phones = [p for p in s.scalars(select(Case.caller_phone).where(
            Case.id.in_([rng.randint(1, top) for _ in range(repeat * 3)]))) if p][:repeat + 1]
    dispatcher = Actor(None, "dispatcher", None, "bench", "bench")
    streets = [u.id for u in directory.streets()]
    opening = case_queries.CaseFilter()
    out = {"backend": engine.dialect.name, "cases": cases, "month": month.label, "figures": {}}
    print(f"\n{make_url(url).render_as_string(hide_password=True)}: {cases:,} cases, month {month.label}; "
          f"medians of {repeat} runs (load average {os.getloadavg()[0]:.1f})", flush=True)

    def tab(flt):
        case_queries.fetch_page(sf, flt, actor=dispatcher)
        case_queries.count_states(sf, flt, actor=dispatcher)

    phone_iter = iter(phones * 3)
    street_iter = iter(streets * (repeat + 2))
    calls = {
        "rank_month": lambda: _in(sf, lambda s: metrics.ranking(s, month, Group.streets(), directory)),
        "rank_year": lambda: _in(sf, lambda s: metrics.ranking(s, year, Group.streets(), directory)),
        "series_category": lambda: _in(sf, lambda s: metrics.category_series(s, directory=directory)),
        "caller_history": lambda: _in(sf, lambda s: caller_history(s, next(phone_iter))),
        "cases_first_page": lambda: tab(opening),
        "cases_filter_change": lambda: tab(opening.with_changes(street_id=next(street_iter))),
        "word_search": lambda: tab(opening.with_changes(search=WORD)),
        "word_search_page": lambda: case_queries.fetch_page(sf, opening.with_changes(search=WORD), actor=dispatcher),
        "callback_queue": lambda: callback_queue.load_queue(sf, actor=Actor(None, "callback", None, "bench", "bench")),
    }
    if write:
        centre = directory.hotline_centre().code
        categories = [c.id for c in directory.leaf_categories() if c.default_handler != centre]
        clerk = Actor(None, "receptionist", None, "bench", "bench")
        counter = iter(range(10**6))

        def save():
            i = next(counter)
            form = IntakeForm(caller_phone=f"139{rng.randrange(10**8):08d}", description=f"规模基准诉求 {i}",
                              category_id=rng.choice(categories), street_id=rng.choice(streets), caller_name="测试")
            lifecycle.create_case(write_sf, clerk, form)
        calls["intake_save"] = save
    if show_plans and engine.dialect.name == "postgresql":
        for key, fn in calls.items():
            if key != "intake_save":
                explain(engine, key, fn)
    for key, fn in calls.items():
        wall, cpu = median_ms(fn, repeat)
        out["figures"][key] = (wall, cpu)
        target = TARGETS_MS.get(key)
        verdict = f"  target ≤ {target} ms: {'met' if wall <= target else 'MISSED'}" if target else ""
        print(f"  {LABELS[key]:<40} {wall:9.2f} ms  (CPU {cpu:8.2f} ms){verdict}", flush=True)
    out["size"] = size_on_disk(engine)
    print(f"  size on disk: {out['size'] / 1e9:.2f} GB", flush=True)

    if duckdb_words:
        with tempfile.TemporaryDirectory(dir=duckdb_words) as folder:
            words = duckdb_word_search(engine, Path(folder), repeat)
        if words:
            out["figures"].update(words)
            for key in words:
                print(f"  {LABELS[key]:<40} {words[key][0]:9.2f} ms", flush=True)
            for ours, theirs in (("word_search_page", "duckdb_word_page"), ("word_search", "duckdb_word_search")):
                out[f"ratio_{ours}"] = out["figures"][ours][0] / words[theirs][0]
                print(f"  {ours} / DuckDB: {out[f'ratio_{ours}']:.2f}", flush=True)

    with tempfile.TemporaryDirectory() as folder:
        source = None
        if engine.dialect.name == "sqlite":
            source = duckdb_source(Path(engine.url.database), Path(folder))
        else:
            source = duckdb_from_database(engine, Path(folder))
        engine.dispose()
        rank_cmd = [PY, "main.py", "rank", "--period", month.label, "--level", "street", "--db", url]
        duck_cmd = None
        if source is None:
            print("  duckdb is not installed: the DuckDB comparison is skipped")
        else:
            attach, tables, what = source
            previous = Period.for_month(y - 1, 12) if m == 1 else Period.for_month(y, m - 1)
            query = DUCKDB_RANK.format(month=month.start, previous=previous.start, **tables)
            duck_cmd = [PY, "-c", DUCKDB_CHILD.format(attach=attach, query=query)]
            print(f"  DuckDB reads {what}")
        whole = {"rank_command": [], "duckdb_rank": []}
        for round_ in range(runs + 1):  # the first round warms up
            r = timed(rank_cmd, env=ENV)
            d = timed(duck_cmd, env=ENV) if duck_cmd else []
            if round_:
                whole["rank_command"] += r
                whole["duckdb_rank"] += d
    for key, values in whole.items():
        if values:
            out["figures"][key] = (statistics.median(values) * 1000, None)
            print(f"  {LABELS[key]:<40} {statistics.median(values) * 1000:9.0f} ms", flush=True)
    if whole["duckdb_rank"]:
        out["ratio"] = out["figures"]["rank_command"][0] / out["figures"]["duckdb_rank"][0]
        print(f"  rank / DuckDB: {out['ratio']:.2f} (target ≤ 1.5: {'met' if out['ratio'] <= 1.5 else 'NOT met'})")
    for key, (wall, _) in out["figures"].items():
        print(f"median {key}: {wall:.2f} ms")
    return out


def _cell(figure) -> str:
    if figure is None:
        return "–"
    wall, cpu = figure
    return f"{wall:.1f} ms" + (f" (CPU {cpu:.1f})" if cpu is not None else "")


def _in(sf, call):
    with sf() as s:
        return call(s)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", action="append", required=True, help="a filled database (SQLAlchemy URL); repeatable")
    p.add_argument("--repeat", type=int, default=15, help="runs per in-process figure (median printed)")
    p.add_argument("--runs", type=int, default=5, help="whole-process runs of `rank` and of DuckDB")
    p.add_argument("--month", help="YYYY-MM ranked (default: the last whole month of the data)")
    p.add_argument("--no-write", action="store_true", help="skip intake save (it creates cases)")
    p.add_argument("--explain", action="store_true", help="PostgreSQL: first print the scans of each call's plans")
    p.add_argument("--duckdb-words", metavar="FOLDER",
                   help="also time DuckDB's word search on the cases exported into a scratch folder here")
    args = p.parse_args(argv)
    results = [measure(url, args.repeat, args.runs, not args.no_write, args.month, args.explain, args.duckdb_words)
               for url in args.db]
    keys = [k for k in LABELS if any(k in r["figures"] for r in results)]
    print("\n| figure (wall, CPU of this process) | " + " | ".join(f"{r['backend']}, {r['cases']:,}" for r in results)
          + " | target |")
    print("|---|" + "---|" * len(results) + "---|")
    for key in keys:
        cells = [_cell(r["figures"].get(key)) for r in results]
        target = f"≤ {TARGETS_MS[key]} ms" if key in TARGETS_MS else ""
        print(f"| {LABELS[key]} | " + " | ".join(cells) + f" | {target} |")
    print("| rank / DuckDB (whole processes) | " + " | ".join(
        f"{r['ratio']:.2f}" if "ratio" in r else "–" for r in results) + " | ≤ 1.5 |")
    for key in ("word_search_page", "word_search"):
        print(f"| {LABELS[key].split(':')[0]} ({key.split('_')[-1]}) / DuckDB | " + " | ".join(
            f"{r[f'ratio_{key}']:.2f}" if f"ratio_{key}" in r else "–" for r in results) + " | |")
    print("| size on disk | " + " | ".join(f"{r['size'] / 1e9:.1f} GB" for r in results) + " | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
