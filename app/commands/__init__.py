"""The command-line subcommands, one module each; app/cli.py assembles them.

Building the whole parser (the console, `--help`) imports every command module; a command builds only its
own (app/cli.py, build_parser(only=…)). They import nothing heavy at module level (no SQLAlchemy, no service
module); a command imports what it uses when it runs.
"""
from __future__ import annotations

import csv
import sys
import unicodedata
from collections.abc import Container, Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine


class CommandFailed(Exception):
    """A command cannot go on; the message is the one line printed after `error: ` (exit 2)."""


def engine_for(args, prepare: bool = True, migrate: bool = True) -> Engine:
    """The engine of `--db`, else $HOTLINE_DB_URL, else the embedded SQLite file, ready for the command.

    `prepare` (every command but `db upgrade`): db.prepare refuses a database at a revision this
    program does not know, migrates an older SQLite file (unless `migrate` is False: a command that only
    reads) and refuses a PostgreSQL database that `db upgrade` has not brought to this revision.
    """
    from app import db

    url = db.resolve_url(getattr(args, "db", None))
    try:
        engine = db.make_engine(url)
    except ImportError as exc:  # the URL names a driver that is not installed (mysql://, postgresql+psycopg2://)
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        raise CommandFailed(
            f"the database driver for {parsed.drivername}:// is not installed (Python module {exc.name}); "
            "use sqlite:///FILE.db or postgresql+psycopg://…") from None
    if prepare:
        try:
            db.prepare(engine, migrate=migrate)
        except BaseException:
            engine.dispose()
            raise
    return engine


def read_engine(args, primary: Engine) -> Engine:
    """The engine a reading command reads its figures from: the read replica of `--read-db` (else
    $HOTLINE_READ_DB_URL) while it answers, else `primary`. One line on stderr says which, and how fresh
    (the standard output stays the data). The caller disposes the engine returned when it is not `primary`.
    A URL that cannot be a replica: CommandFailed."""
    from app import db, replica

    url = replica.resolve_read_url(getattr(args, "read_db", None))
    if not url:
        return primary
    try:
        engine = replica.open_replica(primary, url)
    except replica.ReplicaRefused as exc:
        raise CommandFailed(str(exc)) from None
    if db.ping(engine):
        try:
            as_of = replica.data_as_of(engine)
        except Exception:  # noqa: BLE001  (gone between the ping and now: read the primary)
            pass
        else:
            print(f"note: read from the replica, data as of {as_of:%Y-%m-%d %H:%M:%S}", file=sys.stderr)
            return engine
    engine.dispose()
    print(f"note: the read replica {db.display_url(url)} does not answer; read from the primary", file=sys.stderr)
    return primary


NO_DATA = "the database holds no hotline data yet; run `python main.py db upgrade` first"


def reading_engine(args, table: str, missing: str = NO_DATA) -> Engine:
    """engine_for a command that only reads (an older database is refused, never migrated); CommandFailed
    with `missing` when the database has no `table` yet."""
    from sqlalchemy import inspect

    engine = engine_for(args, migrate=False)
    try:
        if not inspect(engine).has_table(table):
            raise CommandFailed(missing)
    except BaseException:
        engine.dispose()
        raise
    return engine


def as_of_day(text: str | None, refused: type[Exception]) -> date:
    """The day of `--as-of` (YYYY-MM-DD), today when not given; a bad one raises `refused` with the message."""
    from app.services import clock

    if text is None:
        return clock.today()
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise refused(f"--as-of: not a day (YYYY-MM-DD): {text!r}") from None


def write_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """The header and rows as CSV on stdout, in UTF-8 whatever the terminal's locale."""
    if (sys.stdout.encoding or "").lower().replace("-", "") != "utf8" and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)


def text_width(text: str) -> int:
    """Columns the text takes in a terminal: wide and full-width characters (Chinese) take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def aligned(rows: Sequence[Sequence[str]], right: Container[int] = ()) -> list[str]:
    """The rows (the first is the header) as lines of columns two spaces apart; columns in `right` align right."""
    widths = [max(text_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            gap = " " * (widths[i] - text_width(cell))
            cells.append(gap + cell if i in right else cell + gap)
        lines.append("  ".join(cells).rstrip())
    return lines
