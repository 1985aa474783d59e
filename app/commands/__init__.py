"""The command-line subcommands, one module each; app/cli.py assembles them."""
from __future__ import annotations

from sqlalchemy import Engine

from app import db


def engine_for(args) -> Engine:
    """The engine of `--db`, else $HOTLINE_DB_URL, else the embedded SQLite file."""
    return db.make_engine(db.resolve_url(getattr(args, "db", None)))
