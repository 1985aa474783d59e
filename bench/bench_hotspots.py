"""How well `hotspots` finds surges, how often it cries wolf, and how fast it and `watch` are (issue 16).

Builds a demo (or uses the one given with --db; the demo puts surges in on purpose and prints them), then:
- detection: for each injected surge, `hotspots` over the last 7 days on the surge's second day and on the
  day two days after its first (3rd day); found when its community × category is listed;
- false alarms: every 7-day window from the fifth month on that overlaps no injected surge, the listed
  pairs per window (the whole district);
- speed: `hotspots` and `watch` (seasonal and chronic) in process, and `python main.py hotspots` /
  `watch` as whole commands, medians.

    .venv/bin/python bench/bench_hotspots.py [--cases 200000] [--seed 7] [--db sqlite:////path/demo.db]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from app import db  # noqa: E402
from app.models import Case  # noqa: E402
from app.services import demo, hotspots, watch  # noqa: E402
from app.services.demo import InjectedSurge  # noqa: E402
from app.services.directory import Directory  # noqa: E402


def _injected_surges(seed: int, cases: int) -> list[InjectedSurge]:
    """The surges of a demo built earlier: the same seed and size give the same surges, so build it again aside."""
    engine = db.make_engine(f"sqlite:///{Path(tempfile.mkdtemp(prefix='bench-hotspots-')) / 'again.db'}")
    db.upgrade(engine)
    return demo.generate(db.make_session_factory(engine), cases, seed).surges


def _surges_from_output(path: Path) -> list[InjectedSurge]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        words = line.split()
        if len(words) >= 8 and words[-4:] == ["calls", "in", "3", "days"]:
            address = " ".join(words[3:-6])
            out.append(InjectedSurge(date.fromisoformat(words[0]), words[1], words[2], words[-6], int(words[-5]), address))
    return out


def median_ms(fn, repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def command_ms(argv: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], check=True, capture_output=True)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", help="a demo database built with the same --cases and --seed (else one is built)")
    parser.add_argument("--surges", metavar="FILE", help="with --db: the demo command's output, whose lines "
                        "'  DAY STREET COMMUNITY [ADDRESS] CATEGORY N calls in 3 days' list the injected surges "
                        "(else the demo is built again aside to learn them)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.db:
        url = args.db
        engine = db.make_engine(url)
        db.upgrade(engine)  # a demo built by an earlier version
        sf = db.make_session_factory(engine)
        if args.surges:
            injected = _surges_from_output(Path(args.surges))
        else:
            print(f"rebuilding the demo's list of injected surges ({args.cases} cases, seed {args.seed}) …", flush=True)
            injected = _injected_surges(args.seed, args.cases)
    else:
        folder = Path(tempfile.mkdtemp(prefix="bench-hotspots-"))
        url = f"sqlite:///{folder / 'demo.db'}"
        engine = db.make_engine(url)
        db.upgrade(engine)
        sf = db.make_session_factory(engine)
        print(f"building a demo of {args.cases} cases (seed {args.seed}) in {folder} …", flush=True)
        injected = demo.generate(sf, args.cases, args.seed).surges
    with sf() as s:
        directory = Directory.load(s)
        last_day = s.scalar(select(func.max(Case.received_at))).date()

    found = {1: 0, 2: 0}  # by the end of the surge's second day; by two days after its first day
    for x in injected:
        marks = []
        for after in (1, 2):
            with sf() as s:
                listed = hotspots.find(s, x.first_day + timedelta(days=after), 7, directory=directory)
            hit = any(r.community == x.community and r.category == x.category for r in listed)
            found[after] += hit
            marks.append("found" if hit else "MISSED")
        print(f"  day 2: {marks[0]:6}  day 3: {marks[1]:6}  {x.first_day} {x.community} {x.category} ({x.cases} calls)")
    n = max(1, len(injected))
    print(f"detection: {found[1]} of {len(injected)} injected surges found on their second day ({found[1] / n:.0%}), "
          f"{found[2]} of {len(injected)} within two days after their first day ({found[2] / n:.0%})")

    first = date(2019, 5, 6)
    busy = [(x.first_day, x.first_day + timedelta(days=2)) for x in injected]
    alarms, weeks = [], 0
    day = first
    while day <= last_day:
        window = (day - timedelta(days=6), day)
        if not any(a <= window[1] and b >= window[0] for a, b in busy):
            with sf() as s:
                alarms.append(len(hotspots.find(s, day, 7, directory=directory)))
            weeks += 1
        day += timedelta(days=7)
    print(f"false alarms: {sum(alarms)} in {weeks} quiet weeks = {sum(alarms) / max(1, weeks):.2f} per week "
          f"for the whole district (weeks with any: {sum(1 for a in alarms if a)})")

    def in_process(fn):
        def run():
            with sf() as s:
                fn(s)
        return run

    as_of = last_day
    figures = {
        "hotspots, 7 days (in process)": median_ms(in_process(lambda s: hotspots.find(s, as_of, 7, directory=directory)),
                                                   args.repeat),
        "watch 供暖 (in process)": median_ms(in_process(lambda s: watch.seasonal(s, "供暖", as_of.year, directory)),
                                           args.repeat),
        "watch --chronic (in process)": median_ms(in_process(lambda s: watch.chronic(s, as_of, directory=directory)),
                                                  args.repeat),
        "`hotspots` as a whole command": command_ms(["hotspots", "--as-of", f"{as_of}", "--db", url], args.repeat),
        "`watch --season 供暖` as a whole command": command_ms(
            ["watch", "--season", "供暖", "--year", f"{as_of.year}", "--db", url], args.repeat),
        "`watch --chronic` as a whole command": command_ms(["watch", "--chronic", "--as-of", f"{as_of}", "--db", url],
                                                           args.repeat),
    }
    for name, ms in figures.items():
        print(f"median {name}: {ms:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
