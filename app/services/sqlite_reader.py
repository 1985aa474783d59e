"""`rank` on a SQLite file without SQLAlchemy (issue 18, 3: importing SQLAlchemy was most of its time).

The statements are the ones the SQLAlchemy path runs, compiled ahead of time from the same factories
(app/services/statements.py, app/services/_compiled_sql.py); the Python that turns rows into a ranking is the
same code (metrics, directory, rules). This module only opens the file read-only with the standard sqlite3
module, runs the compiled text and converts values as SQLAlchemy's SQLite types do.

`open_reader(args)` gives a reader only when nothing unusual is asked: a SQLite file (`--db sqlite:///FILE`,
$HOTLINE_DB_URL or the embedded file) that exists, at this program's revision, with the summary tables and a
whole word index, and no read replica. Anything else (PostgreSQL, a replica, a URL with options, a missing or
older or newer file, a file SQLite cannot read) returns None: the command then runs its SQLAlchemy path, which
says what is wrong exactly as it always did.
"""
from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from app.services.statements import CompiledReader

READ_ENV_VAR = "HOTLINE_READ_DB_URL"  # app/replica.py READ_ENV_VAR (tests/test_rank_fast_path.py checks)
_PLAIN_FILE_URL = re.compile(r"sqlite(?:\+pysqlite)?:///([^?#%]+)")  # no query, no escapes: nothing to interpret


def bind_value(kind: str | None, value: Any) -> Any:
    """A parameter as SQLAlchemy's SQLite types pass it to the driver."""
    if value is None or kind is None:
        return value
    if kind == "date":
        if not isinstance(value, date):
            raise TypeError("SQLite Date type only accepts Python date objects as input.")
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if kind == "bool":
        return int(bool(value))
    if kind == "float":
        return float(value)
    raise ValueError(f"unknown parameter kind {kind!r}")


def _to_date(value):
    return None if value is None else date.fromisoformat(value)


def _to_bool(value):
    return None if value is None else bool(value)


RESULT_KINDS = {"date": _to_date, "bool": _to_bool}


class SqliteReader(CompiledReader):
    """A read-only connection in one read transaction; `statements.fetch` calls `run_compiled`."""

    result_kinds = RESULT_KINDS
    errors = (sqlite3.Error,)

    def run_compiled(self, name: str, params: Mapping[str, Any]) -> Sequence[tuple]:
        from app.services._compiled_sql import EMPTY_SET, SQLITE

        sql, binds, defaults, expanding, results = SQLITE[name]
        values = {**defaults, **params}
        args: dict[str, Any] = {}
        for key, kind in binds.items():
            value = values[key]
            if key not in expanding:
                args[key] = bind_value(kind, value)
                continue
            names = [f"{key}_{i}" for i in range(1, len(value) + 1)]
            sql = sql.replace(f"__[POSTCOMPILE_{key}]", ", ".join(f":{n}" for n in names) if names else EMPTY_SET)
            args.update((n, bind_value(kind, v)) for n, v in zip(names, value, strict=True))
        rows = self.conn.execute(sql, args).fetchall()
        return self.converted(rows, results)


def sqlite_file(url: str) -> Path | None:
    """The file of a plain `sqlite:///FILE` URL, else None."""
    found = _PLAIN_FILE_URL.fullmatch(url)
    if found is None or found.group(1) == ":memory:" or found.group(1).startswith(("file:", "~")):
        return None
    return Path(found.group(1))


def open_reader(args) -> SqliteReader | None:
    """The reader of the command's database when `rank` can run without SQLAlchemy, else None (module doc)."""
    if getattr(args, "read_db", None) or os.environ.get(READ_ENV_VAR):
        return None
    from app import db  # imports no SQLAlchemy itself

    path = sqlite_file(db.resolve_url(getattr(args, "db", None)))
    if path is None or not path.expanduser().is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.expanduser().absolute().as_uri()}?mode=ro", uri=True,
                               timeout=db.SQLITE_BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error:
        return None
    reader = SqliteReader(conn)
    try:
        conn.execute("BEGIN")  # one read transaction: every figure from the same state (as the SQLAlchemy path)
        if not _current(reader, db):
            reader.close()
            return None
    except sqlite3.Error:
        reader.close()
        return None
    return reader


def _current(reader: SqliteReader, db) -> bool:
    """At this program's revision, with the summary tables and the whole word index (else the SQLAlchemy path
    refuses, migrates nothing, or repairs the index: db.prepare and commands.reading_engine)."""
    from app.services import statements, word_search

    names = {name for _, name in statements.fetch(reader, "app.db:sqlite_names_statement")}
    if "alembic_version" not in names or "stat_monthly_unit" not in names:
        return False
    if statements.scalar(reader, "app.db:revision_statement") != db._script_head():
        return False
    return word_search.whole_on_sqlite(names)
