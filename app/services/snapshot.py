"""A self-contained SQLite copy of a database for a supervisor's laptop: `python main.py snapshot FILE.db`.

By default the copy is small and holds no citizen's data: the schema (migrated to the same Alembic
head), the reference data with the same ids (units, categories, key topics, rules, settings), the
whole summary tables (every figure of the dashboard is the same as on the source), and only the
accounts that may use it (supervisors and administrators). Cases with their events and callbacks
come only when asked (`cases="all"` or a day: the cases received from that day on, plus the cases
they were merged into); then the other staff are carried as names only (no password, disabled), so
that the timeline keeps its authors. A table `snapshot_info` says what the copy holds (`describe`).
It is written to a temporary file beside FILE.db (owner-only) and renamed only when complete: a
failed or interrupted snapshot leaves no half-written FILE.db (app/services/output_files.py).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine, Table, false, func, select

from app import db
from app.models import (
    AccessLog,
    Base,
    Callback,
    CallbackClaim,
    Case,
    CaseEvent,
    KnowledgeAnswer,
    Staff,
    StatDaily,
)
from app.services import clock, output_files
from app.services.output_files import OutputRefused

BATCH = 20_000
CASE_TABLES = (Case.__table__, CaseEvent.__table__, Callback.__table__, KnowledgeAnswer.__table__)
LEFT_OUT = (AccessLog.__table__, CallbackClaim.__table__)  # who logged in where, and who is calling whom now, stay on the server

Progress = Callable[[str, int, int], None]  # (table, rows done, rows in all)
ALL = "all"
Scope = date | str | None  # None: no cases; ALL: every case; a day: the cases received from that day on
ACCOUNT_ROLES = ("supervisor", "admin")  # the accounts that may sign in on a snapshot


@dataclass(frozen=True)
class SnapshotInfo:
    """What an offline copy holds (read from the copy by `describe`)."""

    made_at: str  # local time, "YYYY-MM-DD HH:MM"
    cases: str  # "none", "all" or "from"
    since: date | None = None

    def holds_cases_from(self, day: date | None) -> bool:
        """Whether every case received from `day` on (None: from the beginning) is in the copy."""
        if self.cases == "all":
            return True
        if self.cases == "from" and self.since is not None:
            return day is not None and day >= self.since
        return False


def scope_text(cases: Scope) -> str:
    if cases is None:
        return "none"
    if cases == ALL:
        return "all"
    return f"from {cases.isoformat()}"


def describe(engine: Engine) -> SnapshotInfo | None:
    """What the copy holds, when the engine's database is a snapshot (None for any other database)."""
    if not output_files.database_files(engine):
        return None
    try:
        with engine.execution_options(read_only=True).connect() as conn:
            if conn.exec_driver_sql("PRAGMA application_id").scalar() != output_files.SNAPSHOT_ID:
                return None
            values = dict(conn.exec_driver_sql("SELECT key, value FROM snapshot_info").all())
            conn.rollback()
    except Exception:  # not a snapshot this version wrote: treat it as a plain database
        return None
    scope = values.get("cases", "none")
    if scope.startswith("from "):
        return SnapshotInfo(values.get("made_at", ""), "from", date.fromisoformat(scope[5:]))
    return SnapshotInfo(values.get("made_at", ""), scope if scope in ("all", "none") else "none")


@dataclass(frozen=True)
class SnapshotResult:
    path: Path
    cases: int
    events: int
    callbacks: int
    summary_rows: int


RecordFn = Callable[[int], None]  # (cases about to be copied): the access log, before any case is written


def write_snapshot(source: Engine, path: Path, cases: Scope = None, force: bool = False,
                   progress: Progress | None = None, record: RecordFn | None = None) -> SnapshotResult:
    """Writes the copy (see the module); `record(cases)` runs before any case is copied."""
    protected = output_files.database_files(source)
    # refused before any work: an existing file without force, the source database itself, another
    # database that is not a snapshot, a folder, a link, a missing or read-only folder (OutputRefused)
    target_path = output_files.check_target(path, force, protected, output_files.SNAPSHOT_ID)
    with output_files.written_whole(target_path, force, protected, replaceable_id=output_files.SNAPSHOT_ID,
                                    suffix=".tmp", checked=target_path) as tmp:
        try:
            target = db.make_engine(f"sqlite:///{tmp}")
            db.upgrade(target, load_reference=False)
        except Exception as exc:  # cannot create the database here (read-only medium, no space…)
            raise OutputRefused("unwritable", target_path.parent, str(exc).splitlines()[0]) from exc
        try:
            result = _copy(source, target, cases, progress or (lambda *_: None), record)
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


def _copy_rows(src_conn, dst_raw, table: Table, query, total: int, progress: Progress,
               transform: Callable[[tuple], tuple] | None = None) -> int:
    dialect = dst_raw.dialect
    cols = list(table.columns)
    procs = [c.type._cached_bind_processor(dialect) for c in cols]
    sql = f'INSERT INTO "{table.name}" ({", ".join(c.name for c in cols)}) VALUES ({", ".join("?" * len(cols))})'
    done = 0
    progress(table.name, 0, total)
    result = src_conn.execution_options(stream_results=True, yield_per=BATCH).execute(query)
    for part in result.partitions(BATCH):
        if transform is not None:
            part = [transform(tuple(row)) for row in part]
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

    def note(self, values: dict[str, str]) -> None:
        """What the copy holds, in a table of its own (not part of the schema's models)."""
        self._conn.execute("CREATE TABLE snapshot_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        self._conn.executemany("INSERT INTO snapshot_info (key, value) VALUES (?, ?)", list(values.items()))

    def commit(self) -> None:
        self._conn.execute("COMMIT")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._fairy.close()

    def abandon(self) -> None:
        self._conn.rollback()
        self._fairy.close()


def _case_ids_query(since: date):
    """The chosen cases and, recursively, the cases they were merged into (so every reference holds)."""
    chosen = select(Case.id, Case.merged_into_id).where(Case.received_at >= datetime.combine(since, datetime.min.time()))
    tree = chosen.cte("chosen", recursive=True)
    tree = tree.union(select(Case.id, Case.merged_into_id).join(tree, Case.id == tree.c.merged_into_id))
    return select(tree.c.id)


def _staff_query(with_cases: bool):
    """Supervisors and administrators as they are; with cases, the other staff too (authors of events)
    but as names only: no password hash, disabled, so nobody else can sign in on the copy."""
    table = Staff.__table__
    query = select(table).order_by(table.c.id)
    if not with_cases:
        return query.where(table.c.role.in_(ACCOUNT_ROLES)), None
    names = [c.name for c in table.columns]
    role, pw, active, failed, locked = (names.index(n) for n in
                                        ("role", "password_hash", "active", "failed_logins", "locked_until"))

    def name_only(row: tuple) -> tuple:
        if row[role] in ACCOUNT_ROLES:
            return row
        row = list(row)
        row[pw], row[active], row[failed], row[locked] = None, False, 0, None
        return tuple(row)

    return query, name_only


def _copy(source: Engine, target: Engine, cases: Scope, progress: Progress,
          record: RecordFn | None) -> tuple[int, int, int, int]:
    out = _Target(target)
    try:
        # one consistent view of the source while copying, without blocking the workstations:
        # PostgreSQL a repeatable-read snapshot, SQLite a read transaction (no write lock)
        with source.execution_options(read_only=True).connect() as conn:
            if source.dialect.name == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                if cases is None:
                    ids = select(Case.id).where(false())
                elif cases == ALL:
                    ids = None
                else:
                    ids = _case_ids_query(cases)
                if record is not None:  # the access log first: if it cannot be written, nothing is copied
                    chosen = select(Case.id) if ids is None else ids
                    record(conn.scalar(select(func.count()).select_from(chosen.subquery())))
                # every other table whole: reference data, rules, settings, counters, summaries; some staff
                for table in Base.metadata.sorted_tables:
                    if table in CASE_TABLES or table in LEFT_OUT:
                        continue
                    transform = None
                    if table is Staff.__table__:
                        query, transform = _staff_query(cases is not None)
                    else:
                        query = select(table).order_by(*table.primary_key.columns)
                    total = conn.scalar(select(func.count()).select_from(query.subquery()))
                    _copy_rows(conn, out, table, query, total, progress, transform)
                counts = []
                for model, key in ((Case, Case.id), (CaseEvent, CaseEvent.case_id), (Callback, Callback.case_id)):
                    table = model.__table__
                    query = select(table)
                    if ids is not None:
                        query = query.where(key.in_(ids))
                    total = conn.scalar(select(func.count()).select_from(query.subquery()))
                    counts.append(_copy_rows(conn, out, table, query.order_by(table.c.id), total, progress))
                answers = select(KnowledgeAnswer.__table__)  # the knowledge article that answered a copied case
                if ids is not None:
                    answers = answers.where(KnowledgeAnswer.case_id.in_(ids))
                _copy_rows(conn, out, KnowledgeAnswer.__table__, answers.order_by(KnowledgeAnswer.case_id),
                           conn.scalar(select(func.count()).select_from(answers.subquery())), progress)
                summary_rows = conn.scalar(select(func.count()).select_from(StatDaily))
        out.note({"made_at": clock.now().strftime("%Y-%m-%d %H:%M"), "cases": scope_text(cases)})
    except BaseException:
        out.abandon()
        raise
    out.commit()
    return counts[0], counts[1], counts[2], summary_rows
