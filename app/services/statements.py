"""Named statements: every statement `rank` runs is built by a named factory (a function of the module that
uses it) with bind parameters for every value, so that the same statement runs two ways:

- through SQLAlchemy (a Session or a Connection): `build(name)` calls the factory;
- on a SQLite file without SQLAlchemy (app/services/sqlite_reader.py): the SQL text compiled ahead of time
  from the same factory (app/services/_compiled_sql.py, written by `python -m app.services.compiled_sql
  --write`; tests/test_rank_fast_path.py fails when it differs from what the factories build now).

A name is "module:function" or "module:function:arg1,arg2" (the factory's arguments, as strings). The code
that reads the rows is the same for both: `fetch(source, name, params)` returns a list of tuples (SQLAlchemy
rows, or the SQLite rows converted as SQLAlchemy converts them: dates, booleans).

This module imports nothing heavy: `rank` on a SQLite file starts without SQLAlchemy (issue 18, 3).
"""
from __future__ import annotations

import functools
import importlib
from collections.abc import Mapping, Sequence
from typing import Any

# The summing statements of app/services/metrics.py that a ranking reads (sums_statement's arguments).
_SUMS = [f"app.services.metrics:sums_statement:{table},{by},{filtered},{columns}"
         for table in ("stat_monthly_unit", "stat_daily")
         for by, filtered in (("level2", "all"), ("unit", "ids"))
         for columns in ("all", "score")]

# Every statement `rank` runs, in the order of the compiled module.
RANK = (
    "app.db:revision_statement",
    "app.db:sqlite_names_statement",
    "app.services.directory:units_statement",
    "app.services.directory:categories_statement",
    "app.services.directory:key_topics_statement",
    "app.services.metrics:last_data_month_statement",
    "app.services.metrics:scoring_rules_statement",
    "app.services.rules:scoring_in_force_statement",
    "app.services.rules:first_scoring_statement",
    *_SUMS,
)

# The ones the PostgreSQL reader runs (app/services/pg_reader.py): sqlite_master is SQLite's.
RANK_POSTGRESQL = tuple(name for name in RANK if name != "app.db:sqlite_names_statement")


def name_of(module: str, function: str, *args: str) -> str:
    return f"{module}:{function}" + (f":{','.join(args)}" if args else "")


@functools.cache
def build(name: str):
    """The SQLAlchemy statement of a name (the factory's result, built once)."""
    module, function, *rest = name.split(":")
    args = rest[0].split(",") if rest else []
    return getattr(importlib.import_module(module), function)(*args)


def fetch(source, name: str, params: Mapping[str, Any] | None = None) -> Sequence[Sequence[Any]]:
    """The rows of the named statement, read from `source`: a SQLAlchemy Session or Connection, or the
    SQLite reader (app/services/sqlite_reader.py) that runs the compiled text."""
    compiled = getattr(source, "run_compiled", None)
    if compiled is not None:
        return compiled(name, params or {})
    return source.execute(build(name), dict(params or {})).all()


def scalar(source, name: str, params: Mapping[str, Any] | None = None) -> Any:
    """The first column of the first row, None without a row."""
    rows = fetch(source, name, params)
    return rows[0][0] if rows else None


class CompiledReader:
    """A database connection that runs the compiled statements itself (app/services/sqlite_reader.py,
    app/services/pg_reader.py): `statements.fetch` calls its `run_compiled`; closed by `close` or `with`.
    `result_kinds` (kind → function) converts the result columns marked in the compiled module; `errors` are
    the driver's exceptions, on which `rank` leaves the reading to its SQLAlchemy path."""

    result_kinds: Mapping[str, Any] = {}
    errors: tuple[type[BaseException], ...] = ()

    def __init__(self, conn):
        self.conn = conn

    def converted(self, rows: Sequence[Sequence[Any]], results: Sequence[str | None]) -> Sequence[Sequence[Any]]:
        """The rows with each marked column converted as SQLAlchemy's type converts it."""
        convert = [(i, self.result_kinds[kind]) for i, kind in enumerate(results) if kind]
        if not convert:
            return rows
        out = []
        for row in rows:
            row = list(row)
            for i, f in convert:
                row[i] = f(row[i])
            out.append(tuple(row))
        return out

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
