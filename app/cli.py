"""Command line of the console: `python main.py [--db URL] [COMMAND …]` (DESIGN section 6)."""
from __future__ import annotations

import argparse
import sys

from sqlalchemy.exc import ArgumentError, OperationalError

from app import db


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                        help="SQLAlchemy URL (else $HOTLINE_DB_URL, else the embedded SQLite file)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hotline", description="12345 hotline console (接诉即办)")
    _add_db(parser)
    parser.add_argument("--lang", choices=["zh", "en"], default=None, help="language of the interface (zh by default)")
    sub = parser.add_subparsers(dest="command")

    dbp = sub.add_parser("db", help="database maintenance")
    dbsub = dbp.add_subparsers(dest="db_command", required=True)
    up = dbsub.add_parser("upgrade", help="apply migrations and load the reference data into an empty database")
    _add_db(up)
    rb = dbsub.add_parser("rebuild-stats", help="recompute the summary tables from the cases")
    _add_db(rb)
    demo = sub.add_parser("demo", help="fill an empty database with a realistic demo district and its cases")
    demo.add_argument("--cases", type=_case_count, required=True, metavar="N", help="number of cases (1 … 5000000)")
    demo.add_argument("--seed", type=int, default=1, help="the same seed gives the same data (default 1)")
    _add_db(demo)
    return parser


def _case_count(text: str) -> int:
    from app.services.demo import MAX_CASES

    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"案件数须为整数，而不是“{text}”") from None
    if not 1 <= value <= MAX_CASES:
        raise argparse.ArgumentTypeError(f"案件数须在 1 至 {MAX_CASES} 之间，而不是 {value}")
    return value


def _engine(args):
    return db.make_engine(db.resolve_url(getattr(args, "db", None)))


def cmd_db_upgrade(args) -> int:
    engine = _engine(args)
    before = db.current_revision(engine)
    db.upgrade(engine)
    after = db.current_revision(engine)
    print(f"database at revision {after}" + (f" (was {before})" if before != after else " (no change)"))
    return 0


def cmd_db_rebuild_stats(args) -> int:
    from app.services import stats

    engine = _engine(args)
    db.upgrade(engine)
    with db.make_session_factory(engine).begin() as s:
        rows = stats.rebuild(s)
    print(f"summary rebuilt: {rows} daily rows")
    return 0


def cmd_demo(args) -> int:
    import time

    from app.services import demo

    engine = _engine(args)
    db.upgrade(engine)
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
        # Hook: later demo steps (e.g. demo staff accounts per role) go here, starting from `summary`.
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
    return 0


COMMANDS = {
    ("db", "upgrade"): cmd_db_upgrade,
    ("db", "rebuild-stats"): cmd_db_rebuild_stats,
    ("demo", None): cmd_demo,
}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from app.ui.application import run_console

        return run_console(getattr(args, "db", None), args.lang)
    key = (args.command, getattr(args, f"{args.command}_command", None))
    handler = COMMANDS.get(key) or COMMANDS.get((args.command, None))
    try:
        return handler(args)
    except (ArgumentError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OperationalError as exc:
        print(f"error: cannot use the database: {exc.orig}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; nothing was written by the unfinished step", file=sys.stderr)
        return 130
