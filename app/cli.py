"""Command line of the console: `python main.py [--db URL] [COMMAND …]` (DESIGN section 6)."""
from __future__ import annotations

import argparse
import os
import sys

from sqlalchemy.exc import ArgumentError, OperationalError

from app import db
from app.commands import accounts as cli_accounts
from app.commands import engine_for
from app.commands import exchange as cli_exchange
from app.services.errors import SchemaMismatch


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
    from app.commands import grants as grants_command

    grants_command.add_parser(dbsub, _add_db)
    from app.commands import demo as demo_command
    from app.commands import rank as rank_command
    from app.commands import snapshot as snapshot_command

    rank_command.add_parser(sub, _add_db)
    cli_accounts.add_parsers(sub, _add_db)
    cli_exchange.add_parsers(sub, _add_db)
    demo_command.add_parser(sub, _add_db)
    snapshot_command.add_parser(sub, _add_db)
    return parser


def cmd_db_upgrade(args) -> int:
    engine = engine_for(args, prepare=False)  # the one command that migrates a PostgreSQL database
    before = db.current_revision(engine)
    db.upgrade(engine)
    after = db.current_revision(engine)
    print(f"database at revision {after}" + (f" (was {before})" if before != after else " (no change)"))
    return 0


def cmd_db_rebuild_stats(args) -> int:
    from app.services import stats

    engine = engine_for(args)
    with db.make_session_factory(engine).begin() as s:
        rows = stats.rebuild(s)
    print(f"summary rebuilt: {rows} daily rows")
    return 0


def cmd_db_grant_console(args) -> int:
    from app.commands.grants import cmd_grant_console as run

    return run(args)


def cmd_rank(args) -> int:
    from app.commands.rank import cmd_rank as run

    return run(args)


def cmd_demo(args) -> int:
    from app.commands.demo import cmd_demo as run

    return run(args)


def cmd_snapshot(args) -> int:
    from app.commands.snapshot import cmd_snapshot as run

    return run(args)


COMMANDS = {
    ("db", "upgrade"): cmd_db_upgrade,
    ("db", "rebuild-stats"): cmd_db_rebuild_stats,
    ("db", "grant-console"): cmd_db_grant_console,
    ("rank", None): cmd_rank,
    **cli_accounts.COMMANDS,
    ("import", None): cli_exchange.cmd_import,
    ("export", None): cli_exchange.cmd_export,
    ("demo", None): cmd_demo,
    ("snapshot", None): cmd_snapshot,
}


def _without_password(text: str, args) -> str:
    """An error message for stderr, without the password of the database URL given."""
    return db.without_password(text, getattr(args, "db", None) or os.environ.get(db.ENV_VAR))


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from app.ui.application import run_console

        return run_console(getattr(args, "db", None), args.lang)
    key = (args.command, getattr(args, f"{args.command}_command", None))
    handler = COMMANDS.get(key) or COMMANDS.get((args.command, None))
    try:
        code = handler(args)
        sys.stdout.flush()  # inside the try: a closed pipe is reported here, not at interpreter exit
        return code
    except (ArgumentError, ValueError) as exc:
        print(f"error: {_without_password(str(exc), args)}", file=sys.stderr)
        return 2
    except SchemaMismatch as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OperationalError as exc:
        print(f"error: cannot use the database: {_without_password(str(exc.orig), args)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; nothing was written by the unfinished step", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader of the output (`| head`) stopped early: end quietly, as command-line tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
