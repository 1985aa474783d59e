"""Load benchmark: N workstations (processes) on one PostgreSQL server doing intake, dispatch, sign, reply, callback.

    .venv/bin/python bench/bench_load.py [--db URL] [--workstations 20] [--seconds 60] [--rate OPS] [--restart-at S]

Without --db it starts a throw-away PostgreSQL server (tests/pg_server.py) and a fresh database.
Each workstation takes cases through their life (create → dispatch → sign → reply → callback, the
steps of its open cases interleaved at random; half the calls are
dispatched at intake in the same transaction) for the given time, after a warm-up that is not
measured (one case of each kind through its whole life): as fast as it can (a closed loop,
the default), or with --rate at that many operations per second in all, each workstation starting
its operations at random (Poisson) times at its share of the rate. With a rate, an operation's
latency counts from the time it was due, so a workstation that falls behind counts its waiting too.
Printed:
lifecycle operations per second, p50/p95 latency and SQL statements per operation type, and a final
check that nothing was lost or duplicated: every operation that reported success is in the database
(one event each), case numbers are gap-free per day, each case's events chain from state to state,
and the summary tables equal a rebuild from the cases.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import event, func, select, text  # noqa: E402
from sqlalchemy.exc import DBAPIError  # noqa: E402

from app import db  # noqa: E402
from app.models import Callback, Case, CaseEvent, CaseNumberCounter, Category, Unit  # noqa: E402
from app.services import lifecycle as L  # noqa: E402
from app.services import stats  # noqa: E402
from app.services.actors import Actor  # noqa: E402
from app.services.errors import HotlineError  # noqa: E402

MAX_SECONDS = 600
OPS = ("intake", "create", "dispatch", "sign", "contact", "reply", "callback")
# intake: a call recorded and dispatched at once (one transaction); create: recorded, a dispatcher sends it later
EVENTS_OF = {"intake": ("create", "dispatch"), "create": ("create",), "dispatch": ("dispatch",), "sign": ("sign",),
             "contact": ("contact",), "reply": ("reply",), "callback": ("callback",)}
NEXT = {"intake": "sign", "create": "dispatch", "dispatch": "sign", "sign": "contact", "contact": "reply", "reply": "callback", "callback": None}
DISPATCH_AT_INTAKE = 0.5  # share of calls the receptionist dispatches at once
SUMMARY_CHECK_UP_TO = 100_000  # cases before the run; a rebuild of a bigger database takes too long
OPEN_CASES = 4  # cases a workstation has in hand at once


def _places(sf):
    with sf() as s:
        streets = list(s.scalars(select(Unit.id).where(Unit.kind == "street").order_by(Unit.id)))
        parents = select(Category.parent_id).where(Category.parent_id.is_not(None))
        leaves = list(s.scalars(select(Category.id).where(Category.id.not_in(parents)).order_by(Category.id)))
    return streets, leaves


def workstation(url: str, index: int, seconds: float, barrier, results, rate: float = 0.0) -> None:
    """One simulated workstation (rate: its operations per second, 0 = as fast as it can).

    Puts (latencies by op, successes, failures, statements by op, CPU s) on `results`.
    """
    try:
        _work(url, index, seconds, barrier, results, rate)
    except BaseException:
        results.put(({}, [], [f"workstation {index} stopped: {traceback.format_exc()}"], {}, 0.0))


def _work(url: str, index: int, seconds: float, barrier, results, rate: float = 0.0) -> None:
    rnd = random.Random(index)
    engine = db.make_engine(url, pool_size=1, max_overflow=0)
    statements = [0]
    event.listen(engine, "before_cursor_execute", lambda *a: statements.__setitem__(0, statements[0] + 1))
    sf = db.make_session_factory(engine)
    streets, leaves = _places(sf)
    ws = f"bench-{index:02d}"
    receptionist = Actor(None, "receptionist", None, ws, "接线员")
    dispatcher = Actor(None, "dispatcher", None, ws, "派单员")
    clerk = Actor(None, "callback", None, ws, "回访员")
    done: list[tuple[str, int, int]] = []  # (op, case id, version after)

    def run(item: list) -> None:
        """One operation on a case in hand ([case id, next op, version, unit]); the item moves on to the next step."""
        case_id, op, version, unit = item
        if op in ("intake", "create"):
            form = L.IntakeForm(caller_phone=f"139{rnd.randrange(10**8):08d}", description="压测诉求:路灯不亮",
                                category_id=rnd.choice(leaves), street_id=unit, unit_id=unit)
            ref = L.create_case(sf, receptionist, form, dispatch=op == "intake")
        elif op == "dispatch":
            ref = L.dispatch(sf, dispatcher, case_id, unit, expected_version=version)
        elif op == "sign":
            ref = L.sign(sf, Actor(None, "handler", unit, ws, "承办人"), case_id, expected_version=version)
        elif op == "contact":
            ref = L.record_contact(sf, Actor(None, "handler", unit, ws, "承办人"), case_id, expected_version=version)
        elif op == "reply":
            ref = L.reply(sf, Actor(None, "handler", unit, ws, "承办人"), case_id, "已派人修复", expected_version=version)
        else:
            answers = L.CallbackAnswers(True, rnd.choice(("yes", "yes", "partly", "no")),
                                        rnd.choice(("satisfied", "satisfied", "basic", "unsatisfied")))
            ref = L.record_callback(sf, clerk, case_id, answers, expected_version=version)
        done.append((op, ref.id, ref.version))
        item[0], item[1], item[2] = ref.id, NEXT[op], ref.version

    # warm-up, not measured (checked at the end like the rest): a console that has just started
    # builds its statements once; here each workstation takes one case of each kind through its life
    for first in ("create", "intake"):
        item = [None, first, None, rnd.choice(streets)]
        while item[1] is not None:
            run(item)
    latencies: dict[str, list[float]] = defaultdict(list)
    queries: dict[str, int] = Counter()
    failures: list[str] = []
    hand: list[list] = []
    barrier.wait()
    cpu0 = time.process_time()
    end = time.monotonic() + seconds
    due = time.monotonic() + (rnd.expovariate(rate) if rate else 0)
    while time.monotonic() < end:
        if rate:  # an open loop: the next operation is due at a random (Poisson) time, whether or not we are ready
            if due >= end:
                break
            time.sleep(max(0.0, due - time.monotonic()))
        if len(hand) < OPEN_CASES:
            item = [None, "intake" if rnd.random() < DISPATCH_AT_INTAKE else "create", None, rnd.choice(streets)]
            hand.append(item)
        else:
            item = rnd.choice(hand)
        op = item[1]
        before = statements[0]
        t0 = time.perf_counter() - (max(0.0, time.monotonic() - due) if rate else 0)  # from when it was due
        due += rnd.expovariate(rate) if rate else 0
        try:
            run(item)
        except (HotlineError, DBAPIError) as exc:  # a refusal, a conflict, SQLite's busy timeout
            failures.append(f"{op} {item[0]}: {str(exc).splitlines()[0]}")
            hand.remove(item)
            continue
        latencies[op].append((time.perf_counter() - t0) * 1000)
        queries[op] += statements[0] - before
        if item[1] is None:
            hand.remove(item)
    cpu = time.process_time() - cpu0
    engine.dispose()
    results.put((dict(latencies), done, failures, dict(queries), cpu))


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def check(url: str, done: list[tuple[str, int, int]], with_summary: bool) -> list[str]:
    """Everything reported done is in the database once; numbers gap-free; events chain; summaries exact."""
    problems: list[str] = []
    engine = db.make_engine(url)
    sf = db.make_session_factory(engine)
    with sf() as s:
        reported = Counter((case_id, action) for op, case_id, _ in done for action in EVENTS_OF[op])
        last_version: dict[int, int] = {}
        for _op, case_id, version in done:
            last_version[case_id] = max(version, last_version.get(case_id, 0))
        in_db = Counter(s.execute(select(CaseEvent.case_id, CaseEvent.action)
                                  .where(CaseEvent.case_id.in_(list(last_version)))).all())
        for key, n in reported.items():
            if in_db.get(key, 0) != n:
                problems.append(f"case {key[0]}: {n} × {key[1]} reported, {in_db.get(key, 0)} in the database")
        versions = dict(s.execute(select(Case.id, Case.version).where(Case.id.in_(list(last_version)))).all())
        for case_id, version in last_version.items():
            if versions.get(case_id) != version:
                problems.append(f"case {case_id}: last reported version {version}, database has {versions.get(case_id)}")
        callbacks = Counter(s.scalars(select(Callback.case_id).where(Callback.case_id.in_(list(last_version)))))
        for (case_id, action), n in reported.items():
            if action == "callback" and callbacks.get(case_id) != n:
                problems.append(f"case {case_id}: {callbacks.get(case_id)} callbacks stored, {n} reported")
        ours = list(last_version)
        days = {d.date() for d in s.scalars(select(Case.received_at).where(Case.id.in_(ours)))}
        for day, last in s.execute(select(CaseNumberCounter.day, CaseNumberCounter.last)
                                   .where(CaseNumberCounter.day.in_(days))).all():
            prefix = f"{day:%Y%m%d}"
            numbers = sorted(int(no[8:]) for no in s.scalars(select(Case.case_no).where(Case.case_no.like(prefix + "%"))))
            if numbers != list(range(1, last + 1)):
                problems.append(f"{day}: case numbers are not 1..{last} without gaps ({len(numbers)} cases)")
        chain: dict[int, str | None] = {}
        for case_id, from_status, to_status in s.execute(
                select(CaseEvent.case_id, CaseEvent.from_status, CaseEvent.to_status)
                .where(CaseEvent.case_id.in_(ours)).order_by(CaseEvent.id)):
            if chain.get(case_id) != from_status:
                problems.append(f"case {case_id}: event from {from_status} after {chain.get(case_id)}")
            chain[case_id] = to_status
        status = dict(s.execute(select(Case.id, Case.status).where(Case.id.in_(ours))).all())
        for case_id, last in chain.items():
            if status.get(case_id) != last:
                problems.append(f"case {case_id}: status {status.get(case_id)} but last event ends in {last}")
    if not with_summary:
        engine.dispose()
        return problems
    with sf() as s:  # the summary kept by each change must equal a rebuild from the cases (rolled back)
        from app.models import StatDaily

        cols = [StatDaily.day, StatDaily.unit_id, StatDaily.category_id] + [StatDaily.__table__.c[c] for c in stats.COUNTERS]
        kept = {tuple(r[:3]): tuple(r[3:]) for r in s.execute(select(*cols))}
        stats.rebuild(s)
        rebuilt = {tuple(r[:3]): tuple(r[3:]) for r in s.execute(select(*cols))}
        s.rollback()
        kept = {k: v for k, v in kept.items() if any(v)}
        rebuilt = {k: v for k, v in rebuilt.items() if any(v)}
        if kept != rebuilt:
            problems.append(f"summary differs from a rebuild in {len(set(kept.items()) ^ set(rebuilt.items()))} rows")
    engine.dispose()
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a migrated PostgreSQL (or SQLite) URL; default: a throw-away server")
    parser.add_argument("--workstations", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--rate", type=float, default=0,
                        help="operations per second offered by all workstations together (default: as fast as they can)")
    parser.add_argument("--restart-at", type=float, default=0, metavar="S",
                        help="with the throw-away server: restart it (pg_ctl restart, fast) S seconds into the run; "
                             "operations refused meanwhile count as refused, none may be lost")
    args = parser.parse_args()
    seconds = min(max(args.seconds, 1), MAX_SECONDS)
    server = None
    url = args.db
    if url is None:
        from tests.pg_server import PostgresServer

        server = PostgresServer().start()
        admin = db.make_engine(server.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("CREATE DATABASE hotline_bench"))
        admin.dispose()
        url = server.url("hotline_bench")
    try:
        print(f"database: {url}", flush=True)
        engine = db.make_engine(url)
        db.upgrade(engine)
        with engine.connect() as conn:
            cases_before = conn.scalar(select(func.count()).select_from(Case.__table__))
        engine.dispose()
        ctx = multiprocessing.get_context("spawn")
        barrier = ctx.Barrier(args.workstations + 1)
        results = ctx.Queue()
        procs = [ctx.Process(target=workstation, args=(url, i, seconds, barrier, results, args.rate / args.workstations))
                 for i in range(args.workstations)]
        for p in procs:
            p.start()
        barrier.wait()
        t0 = time.monotonic()
        if args.restart_at and server is not None:
            import threading

            def restart() -> None:
                time.sleep(args.restart_at)
                began = time.monotonic()
                server.restart()
                print(f"server restarted {args.restart_at:.0f} s into the run (down for "
                      f"{time.monotonic() - began:.1f} s)", flush=True)

            threading.Thread(target=restart, daemon=True).start()
        collected = [results.get(timeout=seconds + 300) for _ in procs]
        elapsed = time.monotonic() - t0
        for p in procs:
            p.join()
        latencies: dict[str, list[float]] = defaultdict(list)
        queries: Counter = Counter()
        done, failures = [], []
        client_cpu = 0.0
        for lat, d, f, q, cpu in collected:
            client_cpu += cpu
            for op, values in lat.items():
                latencies[op].extend(values)
            done += d
            failures += f
            queries.update(q)
        every = [v for values in latencies.values() for v in values]
        load = f"offered {args.rate:.0f} operations/s" if args.rate else "as fast as they can"
        print(f"{args.workstations} workstations, {load}, {elapsed:.1f} s, backend {db.make_engine(url).dialect.name}"
              f" ({cases_before} cases before)")
        print(f"{'operation':<10}{'count':>8}{'p50 ms':>10}{'p95 ms':>10}{'SQL/op':>8}")
        for op in OPS:
            values = latencies.get(op, [])
            if values:
                print(f"{op:<10}{len(values):>8}{statistics.median(values):>10.1f}{percentile(values, 95):>10.1f}"
                      f"{queries[op] / len(values):>8.1f}")
        print(f"{'all':<10}{len(every):>8}{statistics.median(every):>10.1f}{percentile(every, 95):>10.1f}"
              f"{sum(queries.values()) / max(1, len(every)):>8.1f}")
        print(f"throughput: {len(every) / elapsed:.0f} lifecycle operations per second; refused/conflicts: {len(failures)}")
        print(f"client CPU: {client_cpu / max(1, len(every)) * 1000:.1f} ms per operation (Python, all workstations);"
              f" load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        for f in failures[:5]:
            print("  ", f)
        with_summary = cases_before <= SUMMARY_CHECK_UP_TO
        problems = check(url, done, with_summary)
        print(("check: nothing lost or duplicated" if not problems else f"check: {len(problems)} problems")
              + ("" if with_summary else " (summary-equals-rebuild check skipped on a large database)"))
        print(f"median lifecycle_op: {statistics.median(every):.1f} ms")
        for p in problems[:20]:
            print("  ", p)
        return 1 if problems else 0
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
