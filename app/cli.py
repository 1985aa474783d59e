"""Command line of the console: `python main.py [--db URL] [COMMAND …]` (DESIGN section 6).

Start-up is part of every command's time: this module and app/commands/*.py import nothing heavy at
module level (no SQLAlchemy, no service module); each command imports what it uses when it runs
(tests/test_cli_startup.py checks that building the parser loads neither the ORM nor the demo nor accounts).
"""
from __future__ import annotations

import argparse
import errno
import gc
import os
import re
import sys

from app.commands import CommandFailed, engine_for

OUTPUT_ERRNOS = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EIO)  # a full disk, a broken terminal
TRACEBACK_VAR = "HOTLINE_TRACEBACK"  # set: an unexpected failure shows its traceback (for developers)


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                        help="SQLAlchemy URL (else $HOTLINE_DB_URL, else the embedded SQLite file)")


def _add_read_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--read-db", metavar="URL", default=argparse.SUPPRESS,
                        help="a read replica (PostgreSQL standby) to read the figures from, else $HOTLINE_READ_DB_URL; "
                             "the primary (--db) while it does not answer")


# A command's start-up (SQLAlchemy's modules, our tables) makes some 10^5 objects that all live to the end: with
# the cyclic collector's usual first threshold (700) it walks them again and again. While a command runs the
# threshold is this (a few MB of young objects at most), then set back (main runs in the tests' process too).
COMMAND_GC_THRESHOLD = 100_000

READING_COMMANDS = ("rank", "hotspots", "watch", "export", "report", "cases")  # they may read a moment-old state from a replica


def _add_db_commands(sub) -> None:
    dbp = sub.add_parser("db", help="database maintenance")
    dbsub = dbp.add_subparsers(dest="db_command", required=True)
    up = dbsub.add_parser("upgrade", help="apply migrations and load the reference data into an empty database")
    _add_db(up)
    rb = dbsub.add_parser("rebuild-stats", help="recompute the summary tables from the cases")
    _add_db(rb)
    _add_db(dbsub.add_parser("rebuild-search", help="build the word index of case texts again from the cases"))
    from app.commands import grants as grants_command

    grants_command.add_parser(dbsub, _add_db)


def _adder(module: str, function: str = "add_parser"):
    """Adds the subcommand(s) of app/commands/<module>.py, importing that module only when it is called."""
    def add(sub) -> None:
        import importlib

        getattr(importlib.import_module(f"app.commands.{module}"), function)(sub, _add_db)
    return add


_add_exchange = _adder("exchange", "add_parsers")  # both `import` and `export`
# Each top-level command and what adds its parser, in the order `--help` lists them.
SUBCOMMANDS = {
    "db": _add_db_commands,
    "rank": _adder("rank"),
    "accounts": _adder("accounts", "add_parsers"),
    "import": _add_exchange,
    "export": _add_exchange,
    "demo": _adder("demo"),
    "snapshot": _adder("snapshot"),
    "hotspots": _adder("hotspots"),
    "watch": _adder("watch"),
    "routing": _adder("routing"),
    "backup": _adder("backup"),
    "report": _adder("report"),
    "cases": _adder("cases"),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with `only` (a key of SUBCOMMANDS), only that command's parser under the global
    options: `main` builds that one when the arguments name the command, so that a command neither imports the
    other command modules nor builds their parsers (about a tenth of `rank`'s own start-up)."""
    parser = _Parser(prog="hotline", description="12345 hotline console (接诉即办)")
    _add_db(parser)
    _add_read_db(parser)
    parser.add_argument("--lang", choices=["zh", "en"], default=None, help="language of the interface (zh by default)")
    sub = parser.add_subparsers(dest="command")
    added = set()
    for name, add in SUBCOMMANDS.items():
        if (only is None or name == only) and add not in added:
            add(sub)
            added.add(add)
    for name in READING_COMMANDS:
        command = sub.choices.get(name)
        if command is None:
            continue
        kinds = [a for a in command._actions if isinstance(a, argparse._SubParsersAction)]
        for parser_ in (kinds[0].choices.values() if kinds else [command]):  # `report daily|monthly|street`
            _add_read_db(parser_)
    return parser


def command_named(argv: list[str]) -> str | None:
    """The command the arguments name (a key of SUBCOMMANDS), else None (no command, `--help`, a misspelt one).

    Every global option takes a value (`--db URL`, `--read-db URL`, `--lang zh`; abbreviated or with `=` too),
    so the first argument that is not an option or an option's value is the command.
    """
    values = iter(argv)
    for arg in values:
        if arg in ("-h", "--help") or arg == "--":
            return None
        if arg.startswith("-"):
            if "=" not in arg:
                next(values, None)
            continue
        return arg if arg in SUBCOMMANDS else None
    return None


def cmd_db_upgrade(args) -> int:
    from app import db

    engine = engine_for(args, prepare=False)  # the one command that migrates a PostgreSQL database
    before = db.current_revision(engine)
    db.upgrade(engine)
    after = db.current_revision(engine)
    print(f"database at revision {after}" + (f" (was {before})" if before != after else " (no change)"))
    return 0


def cmd_db_rebuild_stats(args) -> int:
    from app import db
    from app.services import stats

    engine = engine_for(args)
    with db.make_session_factory(engine).begin() as s:
        rows = stats.rebuild(s)
    print(f"summary rebuilt: {rows} daily rows")
    return 0


def cmd_db_rebuild_search(args) -> int:
    from app.services import word_search

    engine = engine_for(args)
    with engine.begin() as conn:
        word_search.rebuild(conn)
    print("word index rebuilt")
    return 0


def _runner(module: str, function: str):
    """Runs app/commands/<module>.py's `function`, importing that module only when the command runs."""
    def run(args) -> int:
        import importlib

        return getattr(importlib.import_module(f"app.commands.{module}"), function)(args)
    return run


def cmd_accounts(args) -> int:
    from app.commands.accounts import COMMANDS as ACCOUNTS

    return ACCOUNTS[("accounts", args.accounts_command)](args)


COMMANDS = {
    ("db", "upgrade"): cmd_db_upgrade,
    ("db", "rebuild-stats"): cmd_db_rebuild_stats,
    ("db", "rebuild-search"): cmd_db_rebuild_search,
    ("db", "grant-console"): _runner("grants", "cmd_grant_console"),
    ("rank", None): _runner("rank", "cmd_rank"),
    ("accounts", None): cmd_accounts,
    ("import", None): _runner("exchange", "cmd_import"),
    ("export", None): _runner("exchange", "cmd_export"),
    ("demo", None): _runner("demo", "cmd_demo"),
    ("snapshot", None): _runner("snapshot", "cmd_snapshot"),
    ("hotspots", None): _runner("hotspots", "cmd_hotspots"),
    ("watch", None): _runner("watch", "cmd_watch"),
    ("backup", None): _runner("backup", "cmd_backup"),
    ("report", None): _runner("report", "cmd_report"),
    ("routing", "evaluate"): _runner("routing", "cmd_evaluate"),
    ("cases", None): _runner("cases", "cmd_cases"),
}


class _Parser(argparse.ArgumentParser):
    """Bad arguments: one line on stderr (the usage is one `--help` away), exit 2."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


def _first_line(text: object) -> str:
    return next((line.strip() for line in str(text).splitlines() if line.strip()), "")


def _database_named(args) -> str:
    """The database the command was given, for a message: the file of a SQLite URL, else the URL without password."""
    from sqlalchemy.engine import make_url

    from app import db

    try:
        url = make_url(db.resolve_url(getattr(args, "db", None)))
    except Exception:  # noqa: BLE001 - the message then names no database
        return "the database"
    if url.get_backend_name() == "sqlite":
        return url.database or "the in-memory database"
    return url.render_as_string(hide_password=True)


def failure_message(exc: BaseException, args=None) -> str:
    """What went wrong, as the one line printed after `error: ` (no traceback, no citizens' data)."""
    import sqlite3

    from sqlalchemy.exc import ArgumentError, DBAPIError

    from app.services.errors import HotlineError

    if isinstance(exc, EOFError):
        return "the input ended at a prompt (nothing was changed)"
    if isinstance(exc, ArgumentError):  # a --db URL that SQLAlchemy cannot use
        return f"--db: {_first_line(exc)}"
    if isinstance(exc, DBAPIError):
        return f"cannot use the database {_database_named(args)}: {_first_line(exc.orig)}"
    if isinstance(exc, sqlite3.Error):  # raised by the driver directly (online backup, checkpoint)
        return f"cannot use the database {_database_named(args)}: {_first_line(exc)}"
    if _is_alembic_error(exc):
        unknown = re.search(r"Can't locate revision identified by '([^']+)'", str(exc))
        if unknown:
            return (f"the database {_database_named(args)} is at revision {unknown.group(1)}, which this version "
                    f"of the console does not know (a newer version migrated it): use that version")
        return f"cannot migrate the database {_database_named(args)}: {_first_line(exc)}"
    if isinstance(exc, OSError):
        reason = exc.strerror or _first_line(exc)
        if exc.filename is not None:
            target = f"{exc.filename} → {exc.filename2}" if exc.filename2 is not None else str(exc.filename)
            return f"{target}: {reason}"
        if exc.errno in OUTPUT_ERRNOS:  # files are named above: this is the standard output
            return f"cannot write the output: {reason}"
        return reason
    if isinstance(exc, (CommandFailed, ValueError, HotlineError)):
        return _first_line(exc)
    return (f"unexpected {type(exc).__name__}: {_first_line(exc)} "
            f"(set {TRACEBACK_VAR}=1 to see where; nothing more was done)")


def _is_alembic_error(exc: BaseException) -> bool:
    """An Alembic CommandError, without importing Alembic for the commands that never loaded it."""
    errors = sys.modules.get("alembic.util.exc")  # an Alembic error means Alembic was loaded
    return errors is not None and isinstance(exc, errors.CommandError)


def _stdout_to_devnull() -> None:
    """Nothing more can reach the reader: later writes (and the flush at exit) go nowhere instead of failing."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _without_password(text: str, args) -> str:
    """An error message for stderr, without the password of the database URL given."""
    from app import db

    return db.without_password(text, getattr(args, "db", None) or os.environ.get(db.ENV_VAR))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    command = command_named(argv)
    if command is None:  # the console (it collects garbage on its own timer, app/ui/application.py), or help
        return _main(argv, None)
    saved = gc.get_threshold()
    gc.set_threshold(COMMAND_GC_THRESHOLD, *saved[1:])
    try:
        return _main(argv, command)
    finally:
        gc.set_threshold(*saved)


def _main(argv: list[str], command: str | None) -> int:
    parser = build_parser(only=command)
    args = parser.parse_args(argv)
    if args.command is None:
        from app.ui.application import run_console

        return run_console(getattr(args, "db", None), args.lang, getattr(args, "read_db", None))
    if sys.stdout is None or sys.stderr is None:  # started with `>&-`: the results could not be shown
        if sys.stderr is not None:
            print("error: the standard output is closed; nothing was done", file=sys.stderr)
        return 2
    key = (args.command, getattr(args, f"{args.command}_command", None))
    handler = COMMANDS.get(key) or COMMANDS.get((args.command, None))
    try:
        code = handler(args)
        sys.stdout.flush()  # inside the try: a closed pipe is reported here, not at interpreter exit
        return code
    except KeyboardInterrupt:
        print("interrupted; nothing was written by the unfinished step", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader of the output (`| head`) stopped early: end quietly, as command-line tools do
        _stdout_to_devnull()
        return 0
    except Exception as exc:
        if os.environ.get(TRACEBACK_VAR):
            raise
        if isinstance(exc, OSError) and exc.filename is None and exc.errno in OUTPUT_ERRNOS:
            _stdout_to_devnull()  # what is left in the buffer must not fail again at exit
        print(f"error: {_without_password(failure_message(exc, args), args)}", file=sys.stderr)
        return 2
