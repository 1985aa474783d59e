"""Live change notification: every lifecycle commit tells the other workstations that a case changed.

PostgreSQL: the changing transaction sends `NOTIFY hotline_changes, '<case_id>:<status>'`, which
PostgreSQL delivers only when (and if) the transaction commits; a watcher LISTENs on a dedicated
connection. SQLite: a commit by any connection changes the file's counter `PRAGMA data_version`,
which a watcher polls cheaply on its own connection. No Qt here: app/ui/live.py runs a watcher in
a thread and turns what it sees into a signal.

A console's own commits are not changes elsewhere: a watcher reports only what other engines (other
consoles, other processes) committed. PostgreSQL: the payload carries the committing engine's origin
token and a watcher skips its own engine's. SQLite: `announce` runs while the transaction holds the
write lock (BEGIN IMMEDIATE), so no other connection can commit until ours has; the engine's watchers
read data_version then (a change seen now is another's) and again right after our commit (the new
baseline). Only another commit landing in the microseconds between our COMMIT and that read would
be taken for ours.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
import time
import uuid
import weakref
from dataclasses import dataclass

from sqlalchemy import Engine, event, text
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
        case_id, _, rest = payload.partition(":")
        status = rest.partition(":")[0]
        try:
            return cls(int(case_id), status or None)
        except ValueError:
            return cls()


def payload_origin(payload: str) -> str | None:
    """The origin token of a `case_id:status:origin` payload (None in the older `case_id:status`)."""
    parts = payload.split(":", 2)
    return parts[2] if len(parts) == 3 else None


_origins: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()
_origins_lock = threading.Lock()
_sqlite_watchers: weakref.WeakKeyDictionary[Engine, weakref.WeakSet] = weakref.WeakKeyDictionary()


def origin_of(engine: Engine) -> str:
    """A token naming one engine (one console) for the lifetime of the process."""
    with _origins_lock:
        token = _origins.get(engine)
        if token is None:
            token = _origins[engine] = uuid.uuid4().hex[:16]
        return token


def _engine_of(session: Session) -> Engine:
    bind = session.get_bind()
    return getattr(bind, "engine", bind)


def announce(session: Session, case_id: int, status: str) -> None:
    """Inside the changing transaction: the notification leaves with the commit, never without it."""
    engine = _engine_of(session)
    if engine.dialect.name == "postgresql":
        session.execute(text("SELECT pg_notify(:channel, :payload)"),
                        {"channel": CHANNEL, "payload": f"{case_id}:{status}:{origin_of(engine)}"})
        return
    # SQLite: the commit itself changes the file's data_version; this engine's own watchers are told
    # that the next change is ours (see the module's docstring).
    with _origins_lock:
        watchers = list(_sqlite_watchers.get(engine, ()))
    for watcher in watchers:
        watcher.own_commit_coming(session)


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
        self.origin = origin_of(engine)
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
            notes = list(self.conn.notifies(timeout=timeout, stop_after=1))
            # take whatever else already arrived, without waiting
            notes += list(self.conn.notifies(timeout=0))
            return [Change.parse(n.payload) for n in notes if payload_origin(n.payload) != self.origin]
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
    """Polls `PRAGMA data_version` on its own connection: it moves when another connection commits.

    Commits announced through its own engine are not reported (see the module's docstring)."""

    def __init__(self, engine: Engine, poll_seconds: float = SQLITE_POLL_SECONDS):
        self.path = engine.url.database
        self.poll_seconds = poll_seconds
        self.conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()  # the committing thread reads this connection too
        self._elsewhere = False  # another connection committed before one of ours: report it
        self.version = self._read()
        with _origins_lock:
            _sqlite_watchers.setdefault(engine, weakref.WeakSet()).add(self)

    def _read(self) -> int:
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def own_commit_coming(self, session: Session) -> None:
        """In a transaction of our engine that holds the write lock: what moved so far is another's."""
        with self._lock:
            if self.conn is None:
                return
            if self._read() != self.version:
                self._elsewhere = True
        event.listen(session, "after_commit", self._own_commit_done, once=True)

    def _own_commit_done(self, _session: Session) -> None:
        with self._lock:
            if self.conn is not None:
                self.version = self._read()

    def wait(self, timeout: float) -> list[Change]:
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                current = self._read()
                if current != self.version or self._elsewhere:
                    self.version = current
                    self._elsewhere = False
                    return [Change()]
            left = deadline - time.monotonic()
            if left <= 0:
                return []
            time.sleep(min(self.poll_seconds, left))

    def close(self) -> None:
        with self._lock:
            if self.conn is not None:
                self.conn.close()
                self.conn = None


def watcher_for(engine: Engine) -> Watcher:
    if engine.url.get_backend_name() == "sqlite":
        return SQLiteWatcher(engine)
    return PostgresWatcher(engine)
