"""Compiles the named statements `rank` runs (app/services/statements.py RANK) for SQLite and for PostgreSQL
(postgresql+psycopg) and writes them as a plain Python module, app/services/_compiled_sql.py, that the readers
without SQLAlchemy run (app/services/sqlite_reader.py, app/services/pg_reader.py):

    python -m app.services.compiled_sql --write   # after changing a factory (metrics, directory, rules, db)
    python -m app.services.compiled_sql --check   # exit 1 when the file differs from what the factories build

For each statement the module holds the SQL text (named parameters, `:name`), how each parameter is
converted as SQLAlchemy's SQLite types convert it ("date" → 'YYYY-MM-DD'), the values bound in the
statement itself (a literal 3, a LIMIT 1), the expanding parameters (IN lists: `__[POSTCOMPILE_name]`
becomes `:name_1, :name_2…`, or EMPTY_SET), and how each result column is converted ("date", "bool").
A type whose conversion the reader does not know stops the generator: nothing is silently read otherwise.

PostgreSQL's texts (POSTGRESQL) use psycopg's `%(name)s` with the casts SQLAlchemy's psycopg dialect writes
(`::INTEGER`); no parameter needs converting there (psycopg adapts dates itself), an expanding parameter
holds (one element's text, the text of an empty list), and a Float column read as numeric or integer is
made a float ("float") as that dialect does.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

TARGET = Path(__file__).with_name("_compiled_sql.py")
COMMAND = "python -m app.services.compiled_sql --write"


def _kind(type_, dialect, result: bool) -> str | None:
    """How the reader converts a value of this SQLAlchemy type (None: as the driver gives it)."""
    from sqlalchemy import Boolean, Date, DateTime, Float

    impl = type_.dialect_impl(dialect)
    processor = impl.result_processor(dialect, None) if result else impl.bind_processor(dialect)
    if processor is None:
        return None
    if isinstance(type_, Date) and not isinstance(type_, DateTime):
        return "date"
    if isinstance(type_, Boolean):
        return "bool"
    if isinstance(type_, Float) and not result:
        return "float"
    raise TypeError(f"the SQLite reader does not convert {type_!r} ({'result' if result else 'parameter'}); "
                    "add it to app/services/sqlite_reader.py and here")


def _pg_kind(type_, dialect, result: bool) -> str | None:
    """How the PostgreSQL reader converts a value of this type (None: as psycopg gives it)."""
    impl = type_.dialect_impl(dialect)
    if not result:
        if impl.bind_processor(dialect) is not None:
            raise TypeError(f"the PostgreSQL reader does not convert the parameter type {type_!r}; "
                            "add it to app/services/pg_reader.py and here")
        return None
    if hasattr(type_, "asdecimal"):  # Numeric, Float (2.1: siblings); the processor depends on the column's type in the result (numeric, float8)
        if type_.asdecimal:
            raise TypeError(f"the PostgreSQL reader does not read {type_!r} as Decimal; add it to pg_reader.py")
        return "float"
    if impl.result_processor(dialect, None) is not None:
        raise TypeError(f"the PostgreSQL reader does not convert the result type {type_!r}; "
                        "add it to app/services/pg_reader.py and here")
    return None


def _in_list(dialect, type_, values: list) -> str:
    """What SQLAlchemy writes inside `IN (…)` for an expanding parameter `v` of this type and these values."""
    from sqlalchemy import bindparam, column, select

    probe = select(column("x")).where(column("x", type_).in_(bindparam("v", expanding=True)))
    text = probe.compile(dialect=dialect).construct_expanded_state({"v": values}).statement
    return text[text.index(" IN (") + 5:text.rindex(")")]


def compile_postgresql(name: str) -> tuple:
    """(sql, {parameter: kind}, {parameter: value bound in the statement},
    {expanding parameter: (one element with `{name}`, an empty list)}, (result kinds))."""
    from sqlalchemy.dialects.postgresql import psycopg

    from app.services import statements

    dialect = psycopg.dialect()
    statement = statements.build(name)
    compiled = statement.compile(dialect=dialect)
    binds, defaults, expanding = {}, {}, {}
    for parameter, key in compiled.bind_names.items():
        binds[key] = _pg_kind(parameter.type, dialect, result=False)
        if parameter.expanding:
            one = _in_list(dialect, parameter.type, [1])
            if one.count("%(v_1)s") != 1:
                raise TypeError(f"unexpected IN list {one!r} for {name}")
            expanding[key] = (one.replace("%(v_1)s", "%({name})s"), _in_list(dialect, parameter.type, []))
        if not parameter.required:
            defaults[key] = parameter.effective_value
    results = tuple(_pg_kind(c.type, dialect, result=True) for c in statement.selected_columns)
    return compiled.string, dict(sorted(binds.items())), dict(sorted(defaults.items())), dict(sorted(expanding.items())), results


def _bound(kind: str | None, value):
    """A value bound in the statement, converted as the reader converts parameters."""
    from app.services.sqlite_reader import bind_value

    return [bind_value(kind, v) for v in value] if isinstance(value, (list, tuple)) else bind_value(kind, value)


def compile_sqlite(name: str) -> tuple:
    """(sql, {parameter: kind}, {parameter: value bound in the statement}, (expanding parameters), (result kinds))."""
    from sqlalchemy.dialects import sqlite

    from app.services import statements

    dialect = sqlite.dialect(paramstyle="named")
    statement = statements.build(name)
    compiled = statement.compile(dialect=dialect)
    binds, defaults, expanding = {}, {}, []
    for parameter, key in compiled.bind_names.items():
        kind = _kind(parameter.type, dialect, result=False)
        binds[key] = kind
        if parameter.expanding:
            expanding.append(key)
        if not parameter.required:
            defaults[key] = _bound(kind, parameter.effective_value)
    results = tuple(_kind(c.type, dialect, result=True) for c in statement.selected_columns)
    return compiled.string, dict(sorted(binds.items())), dict(sorted(defaults.items())), tuple(sorted(expanding)), results


def empty_set() -> str:
    """What SQLAlchemy's SQLite compiler writes for an IN list without a value."""
    from sqlalchemy import Integer
    from sqlalchemy.dialects import sqlite

    return _in_list(sqlite.dialect(paramstyle="named"), Integer(), [])


def _entries(names, compile_one) -> list[str]:
    """The lines of one dialect's dict: each statement's name and the parts `compile_one` gives it."""
    lines = []
    for name in names:
        lines += [f"    {name!r}: (", *(f"        {part!r}," for part in compile_one(name)), "    ),"]
    return lines


def render() -> str:
    from app.services import statements

    return "\n".join([
        f'"""The SQL of the statements `rank` runs, compiled for SQLite and PostgreSQL from their factories by `{COMMAND}`:',
        "do not edit (app/services/compiled_sql.py says what each part is; tests/test_rank_fast_path.py checks it).",
        '"""',
        "# ruff: noqa: E501",
        "",
        f"EMPTY_SET = {empty_set()!r}",
        "",
        "SQLITE = {",
        *_entries(statements.RANK, compile_sqlite),
        "}",
        "",
        "POSTGRESQL = {",
        *_entries(statements.RANK_POSTGRESQL, compile_postgresql),
        "}",
        "",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.services.compiled_sql", description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {TARGET.name}")
    parser.add_argument("--check", action="store_true", help=f"exit 1 when {TARGET.name} is not up to date")
    args = parser.parse_args(argv)
    text = render()
    if args.write:
        TARGET.write_text(text, encoding="utf-8")
        print(f"wrote {TARGET}")
        return 0
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
    if current != text:
        print(f"{TARGET} is not what the statements' factories build now: run `{COMMAND}`", file=sys.stderr)
        return 1
    if not args.check:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
