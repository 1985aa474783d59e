"""Reads that may be a moment old: from a read replica while it answers, else from the primary.

A city deployment runs one PostgreSQL primary and streaming standbys (`--read-db URL`,
$HOTLINE_READ_DB_URL). Dashboards, the 主动治理 lists, searches and exports read through StaleReads;
every change, and anything read in order to make a change (a case's version, claims, the caller's
history at intake), uses the primary's session factories (AppContext.sf / read_sf) as before.

Each read says how fresh it is (Source.as_of: every change committed on the primary up to then is in
what was read). When the replica cannot be reached the read is made on the primary instead and the
replica is marked down; a periodic check (app/ui/replica_banner.py) marks it up again when it answers.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.exc import DBAPIError

from app import db
from app.services import clock

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

READ_ENV_VAR = "HOTLINE_READ_DB_URL"

# On a standby: now while it streams from the primary (its WAL receiver is connected and has heard from the
# primary within wal_receiver_timeout) and everything received has been replayed (nothing is waiting: the
# standby is as fresh as the stream); otherwise the commit time of the last transaction replayed (a standby cut
# off from the primary keeps answering, but what it holds gets older; NULL, nothing replayed since it started:
# now, as nothing better is known). On a primary: now. The read role needs pg_read_all_stats (pg_monitor) to
# see the receiver's status; without it the standby reports its last replayed commit (never too fresh).
AS_OF_SQL = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN now()
    WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn()
         AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver
                     WHERE status = 'streaming'
                       AND (current_setting('wal_receiver_timeout')::interval = interval '0'
                            OR last_msg_receipt_time > now() - current_setting('wal_receiver_timeout')::interval))
         THEN now()
    ELSE coalesce(pg_last_xact_replay_timestamp(), now())
END
"""

T = TypeVar("T")


class ReplicaRefused(ValueError):
    """A read URL that cannot name a replica of this database (the message says why)."""


def resolve_read_url(cli_url: str | None = None) -> str | None:
    """--read-db first, then HOTLINE_READ_DB_URL; None: no replica, everything reads from the primary."""
    return cli_url or os.environ.get(READ_ENV_VAR) or None


def check_read_url(primary: Engine, read_url: str) -> None:
    """ReplicaRefused unless both are PostgreSQL: a replica is a streaming standby of a PostgreSQL primary."""
    from sqlalchemy.engine import make_url

    try:
        backend = make_url(read_url).get_backend_name()
    except Exception as exc:  # noqa: BLE001
        raise ReplicaRefused(f"--read-db: not a database URL: {db.display_url(read_url)}") from exc
    if backend != "postgresql" or primary.url.get_backend_name() != "postgresql":
        raise ReplicaRefused("--read-db: a read replica is a PostgreSQL standby of a PostgreSQL --db "
                             "(postgresql+psycopg://…)")


def data_as_of(engine: Engine) -> datetime:
    """The district's local time up to which the database behind `engine` holds every committed change."""
    if engine.url.get_backend_name() != "postgresql":
        return clock.now()
    with engine.execution_options(read_only=True).connect() as conn:
        return clock.to_local(conn.exec_driver_sql(AS_OF_SQL).scalar()).replace(microsecond=0)


@dataclass(frozen=True)
class Source:
    """Where a read was made and how fresh it is."""

    as_of: datetime  # naive district time: every change committed up to then is in what was read
    replica: bool  # read from the replica; False: from the primary
    fell_back: bool = False  # a replica is configured but could not be reached: read from the primary


def _connection_lost(exc: DBAPIError, engine: Engine) -> bool:
    """The failure was the replica being out of reach (not a bad query): it does not answer a ping."""
    return exc.connection_invalidated or not db.ping(engine)


class StaleReads:
    """The session factory for reads that may be a moment old, and the state of the replica behind it."""

    def __init__(self, primary: sessionmaker[Session], replica: Engine | None = None):
        self.primary = primary  # read-only sessions on the primary
        self.engine = replica
        self.replica = db.make_session_factory(replica, read_only=True) if replica is not None else None
        self.up = replica is not None

    @property
    def configured(self) -> bool:
        return self.engine is not None

    def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, Source]:
        """fn(session_factory, *args, **kwargs) on the replica while it answers, else on the primary;
        with the Source of the read. Runs in a worker."""
        if self.replica is not None and self.up:
            try:
                as_of = data_as_of(self.engine)
                return fn(self.replica, *args, **kwargs), Source(as_of, replica=True)
            except DBAPIError as exc:
                if not _connection_lost(exc, self.engine):
                    raise
                self.up = False  # until check() finds it again
        as_of = clock.now()
        return fn(self.primary, *args, **kwargs), Source(as_of, replica=False, fell_back=self.configured)

    def check(self) -> bool:
        """Whether the replica answers now (a cheap ping); reads go back to it when it does."""
        if self.engine is None:
            return False
        self.up = db.ping(self.engine)
        return self.up

    def dispose(self) -> None:
        if self.engine is not None:
            self.engine.dispose()


def open_replica(primary: Engine, read_url: str | None) -> Engine | None:
    """The replica's engine for `read_url` (None without one); ReplicaRefused for a URL that cannot be a replica.
    Nothing is connected here: a replica out of reach at start is only read from once it answers."""
    if not read_url:
        return None
    check_read_url(primary, read_url)
    return db.make_engine(read_url)
