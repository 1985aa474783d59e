"""Live change notification: every lifecycle commit tells the other workstations that a case changed.

PostgreSQL: the changing transaction sends `NOTIFY hotline_changes, '<case_id>:<status>'`, which
PostgreSQL delivers only when (and if) the transaction commits; a watcher LISTENs on a dedicated
connection. SQLite: a commit by any connection changes the file's counter `PRAGMA data_version`,
which a watcher polls cheaply on its own connection. No Qt here: app/ui/live.py runs a watcher in
a thread and turns what it sees into a signal.
"""
from __future__ import annotations

import logging
import sqlite3
import time
from dataclasses import dataclass

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

CHANNEL = "hotline_changes"
SQLITE_POLL_SECONDS = 0.2
RECONNECT_SECONDS = 1.0


@dataclass(frozen=True)
class Change:
    """One committed change. case_id None: something changed, which is unknown (SQLite, or after a reconnect)."""

    case_id: int | None = None
    status: str | None = None

    @classmethod
    def parse(cls, payload: str) -> Change:
        case_id, _, status = payload.partition(":")
        try:
            return cls(int(case_id), status or None)
        except ValueError:
            return cls()


def announce(session: Session, case_id: int, status: str) -> None:
    """Inside the changing transaction: the notification leaves with the commit, never without it."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_notify(:channel, :payload)"),
                        {"channel": CHANNEL, "payload": f"{case_id}:{status}"})
    # SQLite needs nothing: the commit itself changes the file's data_version.


class Watcher:
    """Blocks up to `timeout` seconds for committed changes; `wait` returns them ([] when none)."""

    def wait(self, timeout: float) -> list[Change]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class PostgresWatcher(Watcher):
    """LISTEN on a dedicated autocommit psycopg connection; reconnects by itself after a lost connection."""

    def __init__(self, engine: Engine):
        self.conninfo = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.conn = None
        self._missed = False  # after a reconnect, changes may have been missed: report "something changed"
        self._connect()

    def _connect(self) -> None:
        import psycopg

        self.conn = psycopg.connect(self.conninfo, autocommit=True, connect_timeout=5)
        self.conn.execute(f"LISTEN {CHANNEL}")

    def wait(self, timeout: float) -> list[Change]:
        import psycopg

        if self.conn is None or self.conn.closed:
            try:
                self._connect()
            except psycopg.OperationalError:
                time.sleep(min(timeout, RECONNECT_SECONDS))
                return []
            if self._missed:
                self._missed = False
                return [Change()]
        try:
            seen = [Change.parse(n.payload) for n in self.conn.notifies(timeout=timeout, stop_after=1)]
            # take whatever else already arrived, without waiting
            seen += [Change.parse(n.payload) for n in self.conn.notifies(timeout=0)]
            return seen
        except psycopg.OperationalError:
            log.info("change listener lost its connection; reconnecting")
            self._drop()
            self._missed = True
            return []

    def _drop(self) -> None:
        if self.conn is not None:
            try:
                self.conn.close()
            except Exception:  # the connection is already broken
                pass
        self.conn = None

    def close(self) -> None:
        self._drop()


class SQLiteWatcher(Watcher):
    """Polls `PRAGMA data_version` on its own connection: it moves when another connection commits."""

    def __init__(self, engine: Engine, poll_seconds: float = SQLITE_POLL_SECONDS):
        self.path = engine.url.database
        self.poll_seconds = poll_seconds
        self.conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self.version = self._read()

    def _read(self) -> int:
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def wait(self, timeout: float) -> list[Change]:
        deadline = time.monotonic() + timeout
        while True:
            current = self._read()
            if current != self.version:
                self.version = current
                return [Change()]
            left = deadline - time.monotonic()
            if left <= 0:
                return []
            time.sleep(min(self.poll_seconds, left))

    def close(self) -> None:
        self.conn.close()


def watcher_for(engine: Engine) -> Watcher:
    if engine.url.get_backend_name() == "sqlite":
        return SQLiteWatcher(engine)
    return PostgresWatcher(engine)
