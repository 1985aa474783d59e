"""Bulk inserts of tuples inside the caller's transaction: executemany on SQLite, COPY on PostgreSQL."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import Date, DateTime, Table, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import Case, CaseNumberCounter
from app.services import word_search


class BulkWriter:
    def __init__(self, session: Session):
        self.conn = session.connection()
        self.dialect = self.conn.dialect
        self.postgres = self.dialect.name == "postgresql"
        self._next_case_id: int | None = None
        self._dropped: list[tuple[str, str]] = []
        self._foreign_keys: list[tuple[str, str, str]] = []  # (table, name, definition) on PostgreSQL
        self._word_index = False  # SQLite's word index was taken down by drop_indexes

    def drop_indexes(self) -> None:
        """Drop the secondary indexes of cases, case_events and callbacks (not the unique constraints), and on
        PostgreSQL the foreign keys of case_events and callbacks to cases;
        `restore_indexes` creates them again from their own SQL. Building an index once over all rows
        is several times faster than keeping it up to date row by row. Inside the caller's
        transaction on both backends, so a rollback brings them back."""
        if self.postgres:
            rows = self.conn.exec_driver_sql(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
                "AND i.tablename IN ('cases', 'case_events', 'callbacks') AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) ORDER BY i.indexname").all()
        else:
            rows = self.conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
                "('cases', 'case_events', 'callbacks') ORDER BY name").all()
        self._dropped = [(name, sql) for name, sql in rows]
        quote = self.dialect.identifier_preparer.quote
        for name, _sql in self._dropped:
            self.conn.exec_driver_sql(f"DROP INDEX {quote(name)}")
        if self.postgres:
            # the events' and callbacks' keys to their case: checked row by row (a locking read of the case
            # for each) they cost about a third of the COPY; added again at the end, checked in one join.
            # The tables are locked by the DROP INDEX above already.
            self._foreign_keys = self.conn.exec_driver_sql(
                "SELECT t.relname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
                "JOIN pg_class t ON t.oid = c.conrelid WHERE c.contype = 'f' AND c.confrelid = 'cases'::regclass "
                "AND t.relname IN ('case_events', 'callbacks') AND t.relnamespace = "
                "(SELECT relnamespace FROM pg_class WHERE oid = 'cases'::regclass) ORDER BY c.conname").all()
            for table, name, _definition in self._foreign_keys:
                self.conn.exec_driver_sql(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        # SQLite's word index is an FTS5 table kept by triggers (PostgreSQL's is an index of cases, dropped
        # above): filled row by row through the triggers it is several times slower than in one statement
        self._word_index = not self.postgres and word_search.is_whole(self.conn)
        if self._word_index:
            word_search.uninstall(self.conn)

    def restore_indexes(self) -> None:
        """The indexes (and on PostgreSQL the foreign keys) that `drop_indexes` took down."""
        quote = self.dialect.identifier_preparer.quote
        for table, name, definition in self._foreign_keys:
            self.conn.exec_driver_sql(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
        self._foreign_keys = []
        for _name, sql in self._dropped:
            self.conn.exec_driver_sql(sql)
        self._dropped = []
        if self._word_index:
            word_search.install(self.conn)  # the triggers again, and the index filled from every case at once
            self._word_index = False

    def case_ids(self, count: int) -> list[int]:
        """Ids for `count` new cases, so that their events and callbacks can refer to them.

        PostgreSQL takes them from the table's sequence (safe beside other writers); SQLite
        continues after the largest id, which this transaction's write lock keeps stable.
        """
        if self.postgres:
            return list(self.conn.execute(
                text("SELECT nextval(pg_get_serial_sequence('cases', 'id')) FROM generate_series(1, :n)"),
                {"n": count}).scalars())
        if self._next_case_id is None:
            self._next_case_id = (self.conn.scalar(select(func.max(Case.id))) or 0) + 1
        first = self._next_case_id
        self._next_case_id += count
        return list(range(first, first + count))

    def datetime_stamp(self):
        """The function that turns a datetime into what `insert(..., stored=True)` expects: on SQLite the
        text SQLAlchemy stores (so that the caller converts each value once, where it makes it), None on
        PostgreSQL (COPY takes the datetime itself)."""
        if self.postgres:
            return None
        return self._stored_form(Case.__table__.c.received_at.type)

    def insert(self, table: Table, columns: Sequence[str], rows: list[tuple], stored: bool = False) -> None:
        """`stored`: the dates and times of `rows` are already in their stored form (`datetime_stamp`)."""
        if not rows:
            return
        quote = self.dialect.identifier_preparer.quote
        names = ", ".join(quote(c) for c in columns)
        if self.postgres:
            import psycopg

            raw = self.conn.connection.driver_connection
            statement = f"COPY {quote(table.name)} ({names}) FROM STDIN"
            try:
                with raw.cursor() as cur, cur.copy(statement) as copy:
                    for row in rows:
                        copy.write_row(row)
            except psycopg.IntegrityError as exc:  # as SQLAlchemy reports it for its own statements
                raise IntegrityError(statement, None, exc) from exc
            return
        # Stored exactly as SQLAlchemy stores these types on SQLite (text), so comparisons stay right.
        processors = [] if stored else [(i, self._stored_form(table.c[c].type)) for i, c in enumerate(columns)
                                        if isinstance(table.c[c].type, DateTime | Date)]
        if processors:
            converted = []
            for row in rows:
                values = list(row)
                for i, process in processors:
                    if values[i] is not None:
                        values[i] = process(values[i])
                converted.append(tuple(values))
            rows = converted
        marks = ", ".join("?" for _ in columns)
        self.conn.exec_driver_sql(f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})", rows)

    def _stored_form(self, column_type):
        """SQLAlchemy's conversion of a date or time for SQLite, or the same text made faster by isoformat."""
        process = column_type.dialect_impl(self.dialect).bind_processor(self.dialect)
        sample = datetime(2022, 8, 1, 9, 30, 5, 17)
        if isinstance(column_type, DateTime):
            if process(sample) == sample.isoformat(" ", "microseconds"):
                return lambda value: value.isoformat(" ", "microseconds")
        elif process(sample.date()) == sample.date().isoformat():
            return date.isoformat
        return process

    def raise_case_counters(self, last_by_day: dict[date, int]) -> None:
        """Make the per-day case number counters at least the imported numbers, so intake never reuses one."""
        if not last_by_day:
            return
        if self.postgres:
            from sqlalchemy.dialects.postgresql import insert
            higher = func.greatest
        else:
            from sqlalchemy.dialects.sqlite import insert
            higher = func.max
        stmt = insert(CaseNumberCounter)
        stmt = stmt.on_conflict_do_update(
            index_elements=["day"], set_={"last": higher(CaseNumberCounter.last, stmt.excluded.last)})
        self.conn.execute(stmt, [{"day": day, "last": last} for day, last in sorted(last_by_day.items())])
