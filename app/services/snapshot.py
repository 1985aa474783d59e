"""A self-contained SQLite copy of a database for a supervisor's laptop: `python main.py snapshot FILE.db`.

The copy has the same schema (migrated to the same Alembic head), the reference data with the same
ids (units, categories, key topics, rules, settings, staff), the cases received from a day on with
their events and callbacks (plus the cases they were merged into), and the whole summary tables, so
that every figure of the dashboard is the same as on the source. It is written to FILE.db.tmp and
renamed only when complete: a failed or interrupted snapshot leaves no half-written FILE.db.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine, Table, func, select

from app import db
from app.models import AccessLog, Base, Callback, CallbackClaim, Case, CaseEvent, StatDaily
from app.services.errors import HotlineError

BATCH = 20_000
CASE_TABLES = (Case.__table__, CaseEvent.__table__, Callback.__table__)
LEFT_OUT = (AccessLog.__table__, CallbackClaim.__table__)  # who logged in where, and who is calling whom now, stay on the server

Progress = Callable[[str, int, int], None]  # (table, rows done, rows in all)


class SnapshotRefused(HotlineError):
    """The snapshot cannot be written where or as asked; `reason` says why (exists, folder, unwritable)."""

    def __init__(self, reason: str, path: Path, detail: str = ""):
        super().__init__(f"{reason}: {path}" + (f" ({detail})" if detail else ""))
        self.reason = reason
        self.path = path
        self.detail = detail


@dataclass(frozen=True)
class SnapshotResult:
    path: Path
    cases: int
    events: int
    callbacks: int
    summary_rows: int


def check_target(path: Path, force: bool) -> None:
    """Refuse before any work: an existing file without force, a missing or read-only folder."""
    if path.exists() and not force:
        raise SnapshotRefused("exists", path)
    if path.exists() and path.is_dir():
        raise SnapshotRefused("is_folder", path)
    folder = path.parent
    if not folder.is_dir():
        raise SnapshotRefused("no_folder", folder)
    if not os.access(folder, os.W_OK):
        raise SnapshotRefused("unwritable", folder)


def _remove(*paths: Path) -> None:
    for p in paths:
        p.unlink(missing_ok=True)


def _sidecars(path: Path) -> tuple[Path, Path, Path]:
    return path, Path(f"{path}-wal"), Path(f"{path}-shm")


def write_snapshot(source: Engine, path: Path, since: date | None = None, force: bool = False,
                   progress: Progress | None = None) -> SnapshotResult:
    path = Path(path)
    check_target(path, force)
    tmp = Path(f"{path}.tmp")
    _remove(*_sidecars(tmp))
    try:
        target = db.make_engine(f"sqlite:///{tmp}")
    except Exception as exc:
        raise SnapshotRefused("unwritable", path.parent, str(exc)) from exc
    try:
        try:
            db.upgrade(target, load_reference=False)
        except Exception as exc:  # cannot create the file here (read-only medium, no space…)
            raise SnapshotRefused("unwritable", path.parent, str(exc).splitlines()[0]) from exc
        result = _copy(source, target, since, progress or (lambda *_: None))
        with target.connect() as conn:
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise RuntimeError(f"snapshot would break references: {problems[:5]}")
        db.sqlite_checkpoint(target)
        raw = target.raw_connection()
        try:
            raw.driver_connection.execute("PRAGMA journal_mode=DELETE")  # the file alone holds everything
        finally:
            raw.close()
    except BaseException:
        target.dispose()
        _remove(*_sidecars(tmp))
        raise
    target.dispose()
    _remove(*_sidecars(path)[1:])  # a stale log of an overwritten file must not be replayed into the new one
    os.replace(tmp, path)
    return SnapshotResult(path, *result)


def _copy_rows(src_conn, dst_raw, table: Table, query, total: int, progress: Progress) -> int:
    dialect = dst_raw.dialect
    cols = list(table.columns)
    procs = [c.type._cached_bind_processor(dialect) for c in cols]
    sql = f'INSERT INTO "{table.name}" ({", ".join(c.name for c in cols)}) VALUES ({", ".join("?" * len(cols))})'
    done = 0
    progress(table.name, 0, total)
    result = src_conn.execution_options(stream_results=True, yield_per=BATCH).execute(query)
    for part in result.partitions(BATCH):
        rows = [tuple(p(v) if p is not None and v is not None else v for p, v in zip(procs, row, strict=True))
                for row in part]
        dst_raw.executemany(sql, rows)
        done += len(rows)
        progress(table.name, done, total)
    return done


class _Target:
    """The snapshot's raw sqlite3 connection, foreign keys off while tables are filled in any order."""

    def __init__(self, engine: Engine):
        self._fairy = engine.raw_connection()
        self._conn = self._fairy.driver_connection
        self.dialect = engine.dialect
        self._conn.execute("PRAGMA foreign_keys=OFF")
        self._conn.execute("BEGIN")

    def executemany(self, sql: str, rows: list[tuple]) -> None:
        self._conn.executemany(sql, rows)

    def commit(self) -> None:
        self._conn.execute("COMMIT")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._fairy.close()

    def abandon(self) -> None:
        self._conn.rollback()
        self._fairy.close()


def _case_ids_query(since: date | None):
    """The chosen cases and, recursively, the cases they were merged into (so every reference holds)."""
    if since is None:
        return None
    chosen = select(Case.id, Case.merged_into_id).where(Case.received_at >= datetime.combine(since, datetime.min.time()))
    tree = chosen.cte("chosen", recursive=True)
    tree = tree.union(select(Case.id, Case.merged_into_id).join(tree, Case.id == tree.c.merged_into_id))
    return select(tree.c.id)


def _copy(source: Engine, target: Engine, since: date | None, progress: Progress) -> tuple[int, int, int, int]:
    out = _Target(target)
    try:
        # one consistent view of the source while copying, without blocking the workstations:
        # PostgreSQL a repeatable-read snapshot, SQLite a read transaction (no write lock)
        with source.execution_options(read_only=True).connect() as conn:
            if source.dialect.name == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                # every other table whole: reference data, staff, rules, settings, counters, summaries
                for table in Base.metadata.sorted_tables:
                    if table in CASE_TABLES or table in LEFT_OUT:
                        continue
                    total = conn.scalar(select(func.count()).select_from(table))
                    _copy_rows(conn, out, table, select(table).order_by(*table.primary_key.columns), total, progress)
                ids = _case_ids_query(since)
                counts = []
                for model, key in ((Case, Case.id), (CaseEvent, CaseEvent.case_id), (Callback, Callback.case_id)):
                    table = model.__table__
                    query = select(table)
                    if ids is not None:
                        query = query.where(key.in_(ids))
                    total = conn.scalar(select(func.count()).select_from(query.subquery()))
                    counts.append(_copy_rows(conn, out, table, query.order_by(table.c.id), total, progress))
                summary_rows = conn.scalar(select(func.count()).select_from(StatDaily))
    except BaseException:
        out.abandon()
        raise
    out.commit()
    return counts[0], counts[1], counts[2], summary_rows
