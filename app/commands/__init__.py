"""The command-line subcommands, one module each; app/cli.py assembles them."""
from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from app import db


class CommandFailed(Exception):
    """A command cannot go on; the message is the one line printed after `error: ` (exit 2)."""


def engine_for(args) -> Engine:
    """The engine of `--db`, else $HOTLINE_DB_URL, else the embedded SQLite file."""
    url = db.resolve_url(getattr(args, "db", None))
    try:
        return db.make_engine(url)
    except ImportError as exc:  # the URL names a driver that is not installed (mysql://, postgresql+psycopg2://)
        parsed = make_url(url)
        raise CommandFailed(
            f"the database driver for {parsed.drivername}:// is not installed (Python module {exc.name}); "
            "use sqlite:///FILE.db or postgresql+psycopg://…") from None
