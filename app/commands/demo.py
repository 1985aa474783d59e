"""The `demo` command: fill an empty database with a realistic demo district (app/services/demo.py)."""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from app.commands import engine_for

MAX_CASES = 20_000_000  # app/services/demo.MAX_CASES (not imported here: the parser stays light; a test compares)


def add_parser(sub, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("demo", help="fill an empty database with a realistic demo district and its cases")
    p.add_argument("--cases", type=_case_count, required=True, metavar="N", help=f"number of cases (1 … {MAX_CASES})")
    p.add_argument("--seed", type=int, default=1, help="the same seed gives the same data (default 1)")
    add_db(p)


def _case_count(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"案件数须为整数，而不是“{text}”") from None
    if not 1 <= value <= MAX_CASES:
        raise argparse.ArgumentTypeError(f"案件数须在 1 至 {MAX_CASES} 之间，而不是 {value}")
    return value


def cmd_demo(args) -> int:
    from app import db
    from app.services import accounts, demo

    engine = engine_for(args)
    sf = db.make_session_factory(engine)
    began = time.perf_counter()
    shown = [0.0]

    def progress(phase: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if phase == "cases" and done < total and now - shown[0] < 0.5:
            return
        shown[0] = now
        share = f"{done}/{total}" if phase == "cases" else ("…" if done < total else "done")
        print(f"\rdemo: {phase} {share}  {time.perf_counter() - began:.0f} s   ", end="", file=sys.stderr, flush=True)

    try:
        summary = demo.generate(sf, args.cases, seed=args.seed, progress=progress)
        print(file=sys.stderr)
        logins = accounts.create_demo_accounts(sf)  # one account per role, to try every workplace
        if engine.dialect.name == "sqlite":
            db.sqlite_checkpoint(engine)
    except demo.DemoRefused as exc:
        print(file=sys.stderr)
        print(f"错误：数据库中已有 {exc.cases} 件诉求，演示数据只能写入空数据库（请换一个 --db）。", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    states = ", ".join(f"{k} {v}" for k, v in sorted(summary.by_status.items()))
    print(f"demo: {summary.cases} cases, {summary.events} events, {summary.callbacks} callbacks, "
          f"{len(summary.communities)} demo communities, {len(summary.sections)} demo sections "
          f"({summary.first_day} … {summary.last_day}, seed {summary.seed}) in {summary.seconds:.1f} s")
    print(f"demo: states: {states}")
    if summary.surges:
        print(f"demo: {len(summary.surges)} surges put in on purpose (`python main.py hotspots --as-of DAY` finds them):")
        for x in summary.surges:
            where = f" {x.address}" if x.address else ""
            print(f"  {x.first_day} {x.street} {x.community}{where} {x.category} {x.cases} calls in 3 days")
    print("demo accounts (user name, password, role):")
    for username, password, role in logins:
        print(f"  {username}\t{password}\t{role}")
    return 0
