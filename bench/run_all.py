"""The issue-3 benchmark at Fengtai's scale: build the demo at 1 300 000 cases, time what users wait for.

    python bench/run_all.py [--fresh] [--cases 1300000] [--seed 1] [--rounds 500]

1. Builds the demo (`python main.py demo`) into bench/out/demo-<cases>.db and prints how long it
   took; a complete earlier build is reused (its time is read from demo-<cases>.json), --fresh
   builds it again.
2. Copies it to bench/out/work.db, so that benchmarks that write leave the demo as it was.
3. Runs every other bench/bench_*.py with `--db sqlite:///…/work.db` and shows its output. Lines of
   the form `median <figure>: <value> ms` (figures: import, rank_month, rank_year, series_category,
   rank_command) fill in the table at the end.
4. Times the caller-history lookup by phone (median over many random callers) and creating one
   case through the service, committed (median over --creates cases).
5. Prints the medians beside the targets of issue 3.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from app import db  # noqa: E402
from app.models import Case, CaseNumberCounter, StatDaily  # noqa: E402
from app.services import lifecycle  # noqa: E402
from app.services.actors import Actor  # noqa: E402
from app.services.directory import Directory  # noqa: E402
from app.services.history import caller_history  # noqa: E402
from app.services.lifecycle import IntakeForm  # noqa: E402

OUT = ROOT / "bench" / "out"
# figure, what it is, target in ms, the figure for scale from the issue
TARGETS = (
    ("rank_month", "rank, one month (in process)", 5, "SQLite 18 ms, DuckDB 6 ms"),
    ("rank_year", "rank, one year (in process)", 10, "SQLite 270 ms, PostgreSQL 170 ms, DuckDB 12 ms"),
    ("series_category", "monthly series per category, all time", 30, "SQLite 1 500 ms, DuckDB 34 ms"),
    ("caller_history", "caller history by phone", 2, "SQLite 0.04 ms"),
    ("create_case", "create one case (service, committed)", 10, ""),
    ("demo_generation", "demo generation", 120_000, "plain bulk insert 10 s"),
    ("rank_command", "`rank` as a whole command, one month", 1_500, ""),
    ("import", "import of the exported file", None, ""),
)
# benchmarks run on their own: the many-workstation load needs its PostgreSQL server, not the demo file
SEPARATE = {"bench_load.py"}
READ_ONLY = {"bench_metrics.py", "bench_dashboard.py", "bench_exchange.py", "bench_search.py"}
MEDIAN_LINE = re.compile(r"^median\s+([\w-]+)\s*[:=]\s*([\d.]+)\s*(ms|s)\b", re.IGNORECASE | re.MULTILINE)


def _sqlite_files(path: Path) -> list[Path]:
    return [path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")]


def _complete(path: Path, meta_path: Path, cases: int) -> dict | None:
    """The earlier build's record when the file holds that build in full (the demo is one transaction)."""
    if not path.exists() or not meta_path.exists():
        return None
    meta = json.loads(meta_path.read_text())
    if meta.get("cases") != cases:
        return None
    engine = db.make_engine(f"sqlite:///{path}")
    try:
        with db.make_session_factory(engine, read_only=True)() as s:
            held = s.scalar(select(func.count()).select_from(Case))
            counters = s.scalar(select(func.sum(CaseNumberCounter.last)))
            summary = s.scalar(select(func.sum(StatDaily.received)))
    finally:
        engine.dispose()
    return meta if held == counters == summary == cases else None


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build_demo(cases: int, seed: int, fresh: bool) -> tuple[Path, dict, bool]:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"demo-{cases}.db"
    meta_path = OUT / f"demo-{cases}.json"
    meta = None if fresh else _complete(path, meta_path, cases)
    if meta is not None:
        return path, meta, True
    for f in _sqlite_files(path) + [meta_path]:
        f.unlink(missing_ok=True)
    print(f"building the demo: {cases} cases into {path}", flush=True)
    began, cpu = time.perf_counter(), _children_cpu()
    subprocess.run([sys.executable, str(ROOT / "main.py"), "demo", "--cases", str(cases), "--seed", str(seed),
                    "--db", f"sqlite:///{path}"], check=True)
    meta = {"cases": cases, "seed": seed, "seconds": round(time.perf_counter() - began, 1),
            "cpu_seconds": round(_children_cpu() - cpu, 1), "load_average": os.getloadavg()[0]}
    meta_path.write_text(json.dumps(meta))
    return path, meta, False


def run_bench_scripts(url: str) -> dict[str, float]:
    figures: dict[str, float] = {}
    # the ones that only read come first: the others add cases of today to the copy, which would make
    # "the latest month" of the metrics bench a month of a few test cases
    scripts = sorted((ROOT / "bench").glob("bench_*.py"), key=lambda p: (p.name not in READ_ONLY, p.name))
    for script in scripts:
        if script.name in SEPARATE:
            continue
        print(f"\n== {script.name}", flush=True)
        began = time.perf_counter()
        done = subprocess.run([sys.executable, str(script), "--db", url], capture_output=True, text=True)
        print(done.stdout.rstrip())
        if done.returncode != 0:
            print(f"{script.name} failed (exit {done.returncode}):\n{done.stderr.rstrip()[-2000:]}")
        for name, value, unit in MEDIAN_LINE.findall(done.stdout):
            figures[name.lower().replace("-", "_")] = float(value) * (1000 if unit.lower() == "s" else 1)
        print(f"({time.perf_counter() - began:.0f} s)")
    return figures


def bench_caller_history(sf, rounds: int, rng: random.Random) -> float:
    with sf() as s:
        top = s.scalar(select(func.max(Case.id)))
        ids = [rng.randint(1, top) for _ in range(rounds)]
        phones = list(s.scalars(select(Case.caller_phone).where(Case.id.in_(ids))))
    times, cpu, sizes = [], [], []
    for phone in phones:
        began, began_cpu = time.perf_counter(), time.process_time()
        with sf() as s:
            found = caller_history(s, phone)
        times.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
        sizes.append(len(found))
    print(f"caller history: {len(phones)} random callers, {statistics.mean(sizes):.1f} cases shown on average, "
          f"median {statistics.median(times):.3f} ms (CPU {statistics.median(cpu):.3f} ms), "
          f"90th percentile {statistics.quantiles(times, n=10)[-1]:.3f} ms")
    return statistics.median(times)


def bench_create(sf, rounds: int, rng: random.Random) -> float:
    with sf() as s:
        d = Directory.load(s)
    streets = [u.id for u in d.streets()]
    centre = d.hotline_centre().code
    # categories the hotline centre answers itself cannot be dispatched (the intake answers them)
    categories = [c.id for c in d.leaf_categories() if c.default_handler != centre]
    clerk = Actor(None, "receptionist", None, "bench", "bench")
    times, cpu = [], []
    for i in range(rounds):
        form = IntakeForm(caller_phone=f"139{rng.randrange(10**8):08d}", description=f"基准测试诉求 {i}",
                          category_id=rng.choice(categories), street_id=rng.choice(streets), caller_name="测试")
        began, began_cpu = time.perf_counter(), time.process_time()
        lifecycle.create_case(sf, clerk, form)
        times.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    print(f"create one case: {rounds} cases created and dispatched, committed one by one, "
          f"median {statistics.median(times):.2f} ms (CPU {statistics.median(cpu):.2f} ms), "
          f"90th percentile {statistics.quantiles(times, n=10)[-1]:.2f} ms")
    return statistics.median(times)


def _fmt(ms: float | None) -> str:
    if ms is None:
        return "—"
    if ms >= 1000:
        return f"{ms / 1000:.1f} s"
    return f"{ms:.3f} ms" if ms < 1 else f"{ms:.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=1_300_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fresh", action="store_true", help="build the demo again even if a complete one exists")
    parser.add_argument("--rounds", type=int, default=500, help="random callers for the history lookup")
    parser.add_argument("--creates", type=int, default=200, help="cases created for the create benchmark")
    args = parser.parse_args(argv)

    path, meta, reused = build_demo(args.cases, args.seed, args.fresh)
    print(f"demo generation: {meta['seconds']:.1f} s for {args.cases} cases (CPU {meta.get('cpu_seconds', '?')} s, "
          f"load average {meta.get('load_average', '?')} at the end)"
          + (" (built earlier, reused; --fresh to build again)" if reused else ""))
    print(f"machine load now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    figures: dict[str, float] = {"demo_generation": meta["seconds"] * 1000}

    work = OUT / "work.db"
    for f in _sqlite_files(work):
        f.unlink(missing_ok=True)
    shutil.copyfile(path, work)
    url = f"sqlite:///{work}"
    figures.update(run_bench_scripts(url))

    print("\n== caller history and case creation (bench/run_all.py)")
    rng = random.Random(args.seed)
    engine = db.make_engine(url)
    figures["caller_history"] = bench_caller_history(db.make_session_factory(engine, read_only=True), args.rounds, rng)
    figures["create_case"] = bench_create(db.make_session_factory(engine), args.creates, rng)
    engine.dispose()

    print(f"\n== medians at {args.cases} cases (SQLite) beside the targets of issue 3")
    rows = [("figure", "median", "target", "", "for scale")]
    for key, label, target, scale in TARGETS:
        value = figures.get(key)
        verdict = "" if value is None or target is None else ("ok" if value <= target else "MISSED")
        rows.append((label, _fmt(value), f"≤ {_fmt(target)}" if target else "", verdict, scale))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        print("  ".join(r[i].ljust(widths[i]) for i in range(4)) + "  " + r[4])
    return 0


if __name__ == "__main__":
    sys.exit(main())
