"""The console's log file without citizens' data.

Errors reach `hotline.log` with their traceback (where it happened) but not their message text:
a database error's message can carry the values of a statement (SQLAlchemy prints bound
parameters unless the engine hides them, app/db.py does) and PostgreSQL adds a DETAIL line with
the failing row (a name, a phone, an address). So an exception is written as its type, and for a
database error the SQL statement (placeholders only), the SQLSTATE and the table, column and
constraint it concerns; a domain error as its fields and codes. Exceptions passed as arguments of
a log message are written the same way.
"""
from __future__ import annotations

import logging
import traceback

from sqlalchemy.exc import StatementError

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def _name(exc: BaseException) -> str:
    cls = type(exc)
    return cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"


def _driver_error(orig: BaseException) -> str:
    parts = [_name(orig)]
    if type(orig).__module__.startswith("sqlite3"):
        parts.append(str(orig).splitlines()[0] if str(orig) else "")  # SQLite's messages name no values
    code = getattr(orig, "sqlstate", None)
    if code:
        parts.append(f"SQLSTATE {code}")
    diag = getattr(orig, "diag", None)
    if diag is not None:
        for key in ("table_name", "column_name", "constraint_name"):
            value = getattr(diag, key, None)
            if value:
                parts.append(f"{key.split('_')[0]}={value}")
    return " ".join(p for p in parts if p)


def describe(exc: BaseException) -> str:
    """One line about an exception that holds no data from the rows or the user's input."""
    from app.services.errors import HotlineError, ValidationFailed

    if isinstance(exc, StatementError):
        text = _name(exc)
        if exc.orig is not None:
            text += f" ({_driver_error(exc.orig)})"
        if exc.statement:
            text += f" [SQL: {' '.join(str(exc.statement).split())[:2000]}]"
        return text
    if isinstance(exc, ValidationFailed):
        return f"{_name(exc)}: " + "; ".join(f"{p.field}: {p.code}" for p in exc.problems)
    if isinstance(exc, HotlineError):  # case numbers, roles, actions: no citizen's data
        return f"{_name(exc)}: {exc}"
    if isinstance(exc, OSError) and exc.errno is not None:
        return f"{_name(exc)}: [Errno {exc.errno}] {exc.strerror}"
    return _name(exc)


def safe_traceback(exc: BaseException) -> str:
    """The traceback of an exception and of its causes, each ending with describe() instead of its message."""
    chain: list[tuple[BaseException, str]] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    link = ""
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = current.__cause__, "The above exception was the direct cause of the following exception:"
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, "During handling of the above exception, another exception occurred:"
        else:
            current = None
    lines: list[str] = []
    oldest_first = chain[::-1]
    for i, (item, _) in enumerate(oldest_first):
        if i:  # the link stored with the exception before: how it led to this one
            lines.append("\n" + oldest_first[i - 1][1] + "\n\n")
        lines.append("Traceback (most recent call last):\n")
        lines.extend(traceback.format_tb(item.__traceback__))
        lines.append(describe(item) + "\n")
    return "".join(lines).rstrip("\n")


class SafeFormatter(logging.Formatter):
    """A formatter that writes exceptions (in exc_info and in the message's arguments) with describe()."""

    def format(self, record: logging.LogRecord) -> str:
        if isinstance(record.args, tuple) and any(isinstance(a, BaseException) for a in record.args):
            record.args = tuple(describe(a) if isinstance(a, BaseException) else a for a in record.args)
        record.exc_text = None  # another handler's formatter may have cached the full text
        text = super().format(record)
        record.exc_text = None
        return text

    def formatException(self, ei) -> str:  # noqa: N802  (logging's name)
        return safe_traceback(ei[1]) if ei and ei[1] is not None else ""


def install(handlers: list[logging.Handler] | None = None) -> None:
    """Give the handlers (the root logger's by default) the safe formatter."""
    for handler in handlers if handlers is not None else logging.getLogger().handlers:
        handler.setFormatter(SafeFormatter(LOG_FORMAT))
