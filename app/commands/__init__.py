"""The command-line subcommands, one module each; app/cli.py assembles them.

Building the parser imports every command module: they import nothing heavy at module level (no
SQLAlchemy, no service module); a command imports what it uses when it runs.
"""
from __future__ import annotations

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
