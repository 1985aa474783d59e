"""A self-contained SQLite copy of a database for a supervisor's laptop: `python main.py snapshot FILE.db`.

The copy has the same schema (migrated to the same Alembic head), the reference data with the same
ids (units, categories, key topics, rules, settings, staff), the cases received from a day on with
their events and callbacks (plus the cases they were merged into), and the whole summary tables, so
that every figure of the dashboard is the same as on the source. It is written to a temporary file
beside FILE.db (owner-only) and renamed only when complete: a failed or interrupted snapshot leaves
no half-written FILE.db (app/services/output_files.py).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine, Table, func, select

from app import db
from app.models import AccessLog, Base, Callback, CallbackClaim, Case, CaseEvent, StatDaily
from app.services import output_files
from app.services.output_files import OutputRefused

BATCH = 20_000
CASE_TABLES = (Case.__table__, CaseEvent.__table__, Callback.__table__)
LEFT_OUT = (AccessLog.__table__, CallbackClaim.__table__)  # who logged in where, and who is calling whom now, stay on the server

Progress = Callable[[str, int, int], None]  # (table, rows done, rows in all)


@dataclass(frozen=True)
class SnapshotResult:
    path: Path
    cases: int
    events: int
    callbacks: int
    summary_rows: int


RecordFn = Callable[[int], None]  # (cases about to be copied): the access log, before any case is written


def check_target(source: Engine, path: Path, force: bool) -> Path:
    """Refuse before any work: an existing file without force, the source database itself, another
    database that is not a snapshot, a folder, a link, a missing or read-only folder (OutputRefused)."""
    return output_files.check_target(path, force, output_files.database_files(source), output_files.SNAPSHOT_ID)


def write_snapshot(source: Engine, path: Path, since: date | None = None, force: bool = False,
                   progress: Progress | None = None, record: RecordFn | None = None) -> SnapshotResult:
    protected = output_files.database_files(source)
    target_path = check_target(source, Path(path), force)
    with output_files.written_whole(target_path, force, protected, replaceable_id=output_files.SNAPSHOT_ID,
                                    suffix=".tmp", checked=target_path) as tmp:
        try:
            target = db.make_engine(f"sqlite:///{tmp}")
            db.upgrade(target, load_reference=False)
        except Exception as exc:  # cannot create the database here (read-only medium, no space…)
            raise OutputRefused("unwritable", target_path.parent, str(exc).splitlines()[0]) from exc
        try:
            result = _copy(source, target, since, progress or (lambda *_: None), record)
            with target.connect() as conn:
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"snapshot would break references: {problems[:5]}")
            db.sqlite_checkpoint(target)
            raw = target.raw_connection()
            try:
                raw.driver_connection.execute(f"PRAGMA application_id={output_files.SNAPSHOT_ID}")
                raw.driver_connection.execute("PRAGMA journal_mode=DELETE")  # the file alone holds everything
            finally:
                raw.close()
        finally:
            target.dispose()
        # a stale log beside the replaced file must not be replayed into the new one
        output_files.remove_quietly(*(Path(f"{target_path}{side}") for side in ("-wal", "-shm")))
    return SnapshotResult(target_path, *result)


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


def _copy(source: Engine, target: Engine, since: date | None, progress: Progress,
          record: RecordFn | None) -> tuple[int, int, int, int]:
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
                if record is not None:  # the access log first: if it cannot be written, no case is copied
                    chosen = select(Case.id) if ids is None else ids
                    record(conn.scalar(select(func.count()).select_from(chosen.subquery())))
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
