"""`rank` on PostgreSQL without SQLAlchemy (issue 18, 3): the PostgreSQL side of app/services/sqlite_reader.py.

The statements are the ones the SQLAlchemy path runs, compiled ahead of time for the postgresql+psycopg dialect
(app/services/_compiled_sql.py POSTGRESQL); the Python that turns rows into a ranking is the same. This module
connects with psycopg as SQLAlchemy's psycopg dialect does (same keyword arguments, connect_timeout as
app/db.py make_engine, psycopg's default adapters), reads in one READ ONLY, REPEATABLE READ transaction (every
figure from the same snapshot) and converts values as that dialect does (a Float read as numeric → float).

`open_reader(args)` gives a reader only for a plain `postgresql+psycopg://user[:password]@host[:port]/database`
URL (no query options, no %-escapes, no read replica), a server that answers, and a database at this
program's revision with its summary tables. Anything else returns None, and any psycopg error while reading is caught by the command
before it prints anything: the SQLAlchemy path then runs and reports exactly as it always did.
"""
from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from typing import Any

from app.services.sqlite_reader import READ_ENV_VAR
from app.services.statements import CompiledReader

_PLAIN_URL = re.compile(
    r"postgresql\+psycopg://([^:@/?#%\[\]\s]+)(?::([^@/?#%\s]*))?@([^:@/?#%,\[\]\s]+)(?::(\d{1,5}))?/([^/?#%\s]+)")
CONNECT_TIMEOUT = 5  # app/db.py make_engine


def connect_args(url: str) -> dict[str, Any] | None:
    """psycopg.connect's keyword arguments for a plain URL (as SQLAlchemy's psycopg dialect passes them), else None."""
    found = _PLAIN_URL.fullmatch(url)
    if found is None:
        return None
    user, password, host, port, dbname = found.groups()
    args: dict[str, Any] = {"host": host, "dbname": dbname, "user": user}
    if password:  # an empty one is not passed (SQLAlchemy's URL.translate_connect_args)
        args["password"] = password
    if port:
        args["port"] = int(port)
    return {**args, "connect_timeout": CONNECT_TIMEOUT}


def _to_float(value):
    return None if value is None else float(value)


RESULT_KINDS = {"float": _to_float}


class PgReader(CompiledReader):
    """A psycopg connection in one read-only transaction; `statements.fetch` calls `run_compiled`."""

    result_kinds = RESULT_KINDS

    def __init__(self, conn):
        import psycopg

        super().__init__(conn)
        self.errors = (psycopg.Error,)  # what the command catches to fall back to the SQLAlchemy path

    def run_compiled(self, name: str, params: Mapping[str, Any]) -> Sequence[tuple]:
        from app.services._compiled_sql import POSTGRESQL

        sql, binds, defaults, expanding, results = POSTGRESQL[name]
        values = {**defaults, **params}
        args: dict[str, Any] = {}
        for key in binds:
            value = values[key]
            if key not in expanding:
                args[key] = value
                continue
            one, empty = expanding[key]
            names = [f"{key}_{i}" for i in range(1, len(value) + 1)]
            sql = sql.replace(f"__[POSTCOMPILE_{key}]",
                              ", ".join(one.replace("{name}", n) for n in names) if names else empty)
            args.update(zip(names, value, strict=True))
        with self.conn.cursor() as cursor:
            rows = cursor.execute(sql, args).fetchall()
        return self.converted(rows, results)


def _has_summaries(conn) -> bool:
    """The summary table the SQLAlchemy path asks for (commands.reading_engine: has_table, in the search path)."""
    with conn.cursor() as cursor:
        return cursor.execute("SELECT to_regclass('stat_monthly_unit') IS NOT NULL").fetchone()[0]


def open_reader(args) -> PgReader | None:
    """The reader of the command's database when `rank` can read PostgreSQL without SQLAlchemy, else None."""
    if getattr(args, "read_db", None) or os.environ.get(READ_ENV_VAR):
        return None
    from app import db  # imports no SQLAlchemy itself

    kwargs = connect_args(db.resolve_url(getattr(args, "db", None)))
    if kwargs is None:
        return None
    try:
        import psycopg
    except ImportError:
        return None
    try:
        conn = psycopg.connect(**kwargs)
    except psycopg.Error:
        return None
    reader = PgReader(conn)
    try:
        conn.read_only = True
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        from app.services import statements

        if statements.scalar(reader, "app.db:revision_statement") != db._script_head() or not _has_summaries(conn):
            reader.close()
            return None
    except psycopg.Error:
        reader.close()
        return None
    return reader
