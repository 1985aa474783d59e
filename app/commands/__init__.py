"""The command-line subcommands, one module each; app/cli.py assembles them."""
from __future__ import annotations

from sqlalchemy import Engine

from app import db


def engine_for(args, prepare: bool = True, migrate: bool = True) -> Engine:
    """The engine of `--db`, else $HOTLINE_DB_URL, else the embedded SQLite file, ready for the command.

    `prepare` (every command but `db upgrade`): db.prepare refuses a database at a revision this
    program does not know, migrates an older SQLite file (unless `migrate` is False: a command that only
    reads) and refuses a PostgreSQL database that `db upgrade` has not brought to this revision.
    """
    engine = db.make_engine(db.resolve_url(getattr(args, "db", None)))
    if prepare:
        try:
            db.prepare(engine, migrate=migrate)
        except BaseException:
            engine.dispose()
            raise
    return engine
