"""Imports an exchange CSV file, all or nothing, in one streaming pass inside one transaction.

Each row is checked and, while no problem has been found, written with the rows before it in bulk
(bounded memory: a chunk of rows plus 8 bytes per case number for the duplicate check). Every
problem is collected with its line and column; any problem raises ImportRejected and the transaction
is rolled back, so nothing is written. Then the case number counters are raised and the summary
tables rebuilt in the same transaction. What a row becomes is in docs/DECISIONS.md.
"""
from __future__ import annotations

import csv
import io
import os
import re
import time
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import summary_tables
from app.db import make_session_factory
from app.models import Callback, Case, CaseEvent, DeadlineRule
from app.services import clock, stats
from app.services.actors import system_actor
from app.services.directory import Directory
from app.services.errors import ExchangeFileError, ImportProblem, ImportRejected
from app.services.exchange.bulk import BulkWriter
from app.services.exchange.progress import ExchangeProgress, ProgressFn
from app.services.exchange.rows import COLUMNS, ParsedRow, RowChecker, header_problem
from app.services.lifecycle import tier_for
from app.services.rules import SETTING_DEFAULTS
from app.services.table_files import restored
from app.services.validation import has_bad_character

CHUNK = 5000
CASE_NO_PATTERN = re.compile(r"^(\d{4})(\d{2})(\d{2})(\d{5})$")

CASE_COLUMNS = (
    "id", "case_no", "received_at", "channel", "request_type", "caller_name", "caller_phone", "confidential",
    "address", "street_id", "community_id", "category_id", "description", "urgency", "deadline_tier", "unit_id",
    "status", "contact_deadline", "reply_deadline", "replied_at", "callback_due", "callback_attempts", "closed_at",
    "close_reason", "repeat_count", "reopen_count", "updated_at", "version",
)
CALLBACK_COLUMNS = ("case_id", "round", "attempt", "at", "unit_id", "reached", "contacted", "resolved", "satisfaction")
EVENT_COLUMNS = ("case_id", "at", "action", "from_status", "to_status", "unit_id", "actor_id", "workstation", "note")


@dataclass(frozen=True)
class ImportSummary:
    cases: int
    callbacks: int
    seconds: float


class _ProblemLog:
    def __init__(self):
        self.kept: list[ImportProblem] = []
        self.total = 0

    def add(self, problems: list[ImportProblem]) -> None:
        self.total += len(problems)
        room = ImportRejected.MAX_KEPT - len(self.kept)
        if room > 0:
            self.kept.extend(problems[:room])

    def raise_if_any(self) -> None:
        if self.total:
            raise ImportRejected(sorted(self.kept, key=lambda p: p.line), self.total)


@dataclass(frozen=True)
class Unreadable:
    """A record the csv module refused (its reason); the file is read on from the next line."""

    reason: str

    def problem(self, line: int) -> ImportProblem:
        return ImportProblem(line, "", "bad_csv", self.reason)


class _CsvFile:
    """The file as (line, cells) records, where line is the physical line the record starts on."""

    def __init__(self, path: str | os.PathLike):
        self.path = str(path)
        p = Path(path)
        if not p.exists():
            raise ExchangeFileError("missing", self.path)
        if not p.is_file():
            raise ExchangeFileError("unreadable", self.path, "not a file")
        try:
            self.binary = open(p, "rb")
        except OSError as exc:
            raise ExchangeFileError("unreadable", self.path, exc.strerror or str(exc)) from None
        self.size = os.fstat(self.binary.fileno()).st_size
        if self.size == 0:
            self.binary.close()
            raise ExchangeFileError("empty", self.path)
        # utf-8-sig: a byte order mark (as Excel writes) is skipped
        self.text = io.TextIOWrapper(self.binary, encoding="utf-8-sig", newline="")
        self.line = 0
        self.width = len(COLUMNS)  # the header's, once read (20: an older file without `confidential`)

    def position(self) -> int:
        return self.binary.raw.tell()

    def records(self) -> Iterator[tuple[int, list[str] | Unreadable]]:
        """The records; one that the csv module cannot read (a cell beyond csv.field_size_limit) is an
        Unreadable, and reading goes on at the next line."""
        reader = csv.reader(self.text)
        self.line = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                raise ExchangeFileError("not_utf8", self.path,
                                        f"byte 0x{exc.object[exc.start]:02x} near line {self.line}") from None
            except csv.Error as exc:
                cells = Unreadable(str(exc))
            if cells:
                yield self.line, cells
            self.line = reader.line_num + 1

    def close(self) -> None:
        self.text.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _rows(csv_file: _CsvFile) -> Iterator[tuple[int, list[str]]]:
    """The data records, after checking the header."""
    records = csv_file.records()
    first = next(records, None)
    if first is None:
        raise ExchangeFileError("empty", csv_file.path)
    if isinstance(first[1], Unreadable):
        raise ImportRejected([first[1].problem(first[0])])
    problem = header_problem(first[1])
    if problem is not None:
        raise ImportRejected([problem])
    csv_file.width = len(first[1])
    for line, cells in records:
        if not isinstance(cells, Unreadable) and "'" in "".join(cells):
            cells = [restored(c) for c in cells]  # the reverse of export's `'` before = + - @
        yield line, cells


def _duplicate_hashes(hashes: array) -> set[int]:
    if not hashes:
        return set()
    ordered = np.sort(np.frombuffer(hashes, dtype=np.int64))
    return set(np.unique(ordered[1:][ordered[1:] == ordered[:-1]]).tolist())


def _name_duplicates(path, repeated: set[int], log: _ProblemLog) -> None:
    """Read the file again for the case numbers whose hash came twice: each later line is named."""
    first_line: dict[str, int] = {}
    with _CsvFile(path) as f:
        for line, cells in _rows(f):
            if isinstance(cells, Unreadable):
                continue
            case_no = cells[0].strip()
            if case_no and hash(case_no) in repeated:
                if case_no in first_line:
                    log.add([ImportProblem(line, "case_no", "duplicate_in_file", str(first_line[case_no]))])
                else:
                    first_line[case_no] = line


def _same(value):
    return value


class _CaseBuilder:
    """Turns checked rows into the tuples of a case, its callback and its import event (rules cached)."""

    def __init__(self, s: Session, note: str, stamp=None):
        """`stamp`: BulkWriter.datetime_stamp, applied to every date and time of the tuples (None: kept)."""
        self.s = s
        self.now = clock.now()
        self.stamp = stamp or _same
        self.stamped_now = self.stamp(self.now)
        self.actor = system_actor()
        self.note = note
        self._tiers: dict[tuple[int | None, str], str] = {}
        self._offsets: dict[tuple[str, date], tuple[timedelta, timedelta] | None] = {}
        self._windows: dict[date, timedelta] = {}
        self.last_number: dict[date, int] = {}
        # the rules in force on a day, read once (as rules.deadlines_for and int_setting read them per day)
        self._rules: dict[str, tuple[list[date], list[tuple[int, int]]]] = {}
        for rule in s.scalars(select(DeadlineRule).order_by(DeadlineRule.effective_from, DeadlineRule.id)):
            days, hours = self._rules.setdefault(rule.tier, ([], []))
            days.append(rule.effective_from)
            hours.append((rule.contact_hours, rule.reply_hours))
        t = summary_tables.settings
        windows = s.execute(select(t.c.effective_from, t.c.value).where(t.c.key == "callback.window_hours")
                            .order_by(t.c.effective_from, t.c.id)).all()
        self._window_days = [day for day, _ in windows]
        self._window_hours = [int(value) for _, value in windows]

    def _tier(self, category_id: int | None, urgency: str) -> str:
        key = (category_id, urgency)
        if key not in self._tiers:
            self._tiers[key] = tier_for(self.s, category_id, urgency)
        return self._tiers[key]

    def _deadlines(self, tier: str, received: datetime) -> tuple[datetime | None, datetime | None]:
        key = (tier, received.date())
        if key not in self._offsets:
            days, hours = self._rules.get(tier, ((), ()))
            i = bisect_right(days, received.date()) - 1  # the latest rule in force that day
            self._offsets[key] = (None if i < 0 else
                                  (timedelta(hours=hours[i][0]), timedelta(hours=hours[i][1])))
        offsets = self._offsets[key]
        return (None, None) if offsets is None else (received + offsets[0], received + offsets[1])

    def _callback_due(self, replied: datetime) -> datetime:
        day = replied.date()
        if day not in self._windows:
            i = bisect_right(self._window_days, day) - 1
            hours = self._window_hours[i] if i >= 0 else SETTING_DEFAULTS["callback.window_hours"]
            self._windows[day] = timedelta(hours=hours)
        return replied + self._windows[day]

    def _count_number(self, case_no: str) -> None:
        m = CASE_NO_PATTERN.match(case_no)
        if m is None:
            return
        try:
            day = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return
        number = int(m[4])
        if number > self.last_number.get(day, 0):
            self.last_number[day] = number

    def build(self, case_id: int, r: ParsedRow) -> tuple[tuple, tuple | None, tuple]:
        self._count_number(r.case_no)
        tier = self._tier(r.category_id, r.urgency)
        contact_by, reply_by = self._deadlines(tier, r.received_at)
        this_round = r.callback_in_this_round
        latest = r.received_at  # r.latest_time(), without a generator per row
        if r.replied_at is not None and r.replied_at > latest:
            latest = r.replied_at
        if r.callback_at is not None and r.callback_at > latest:
            latest = r.callback_at
        close_reason = closed_at = None
        if r.status == "closed":
            close_reason = ("callback" if r.reached else "unreachable") if this_round else "manual"
            closed_at = latest
        elif r.status == "merged":
            close_reason, closed_at = "merged", latest
        stamp = self.stamp
        received = stamp(r.received_at)
        replied = None if r.replied_at is None else stamp(r.replied_at)
        called = None if r.callback_at is None else stamp(r.callback_at)
        # the latest time is one of the three: its text once
        latest_text = received if latest is r.received_at else replied if latest is r.replied_at else called
        case = (
            case_id, r.case_no, received, r.channel, r.request_type, r.caller_name, r.caller_phone, r.confidential,
            r.address, r.street_id, r.community_id, r.category_id, r.description, r.urgency, tier, r.unit_id,
            r.status, None if contact_by is None else stamp(contact_by), None if reply_by is None else stamp(reply_by),
            replied, stamp(self._callback_due(r.replied_at)) if r.status == "replied" else None,
            1 if this_round else 0, None if closed_at is None else latest_text, close_reason, 0,
            1 if r.callback_at is not None and not this_round else 0, latest_text, 1,
        )
        callback = None
        if r.callback_at is not None:
            callback = (case_id, 0, 1, called, r.unit_id, r.reached, r.contacted, r.resolved, r.satisfaction)
        event = (case_id, self.stamped_now, "import", None, r.status, r.unit_id, None, self.actor.workstation,
                 self.note)
        return case, callback, event


def _load(sf, path, progress: ProgressFn | None) -> tuple[int, int]:
    """One pass in one transaction: every row is checked and, while no problem has been found, written.

    The first problem stops the writing; the checking goes on to the end of the file so that every
    problem is named, then ImportRejected rolls everything back. Into an empty database the secondary
    indexes of the bulk tables are dropped first and built again once at the end (inside the same
    transaction: a rejected import gets them back with the rollback).
    """
    log = _ProblemLog()
    hashes = array("q")
    cases = callbacks = rows = 0
    with sf.begin() as s:
        conn = s.connection()
        checker = RowChecker(Directory.load(s))
        writer = BulkWriter(s)
        builder = _CaseBuilder(s, Path(path).name, writer.datetime_stamp())
        database_has_cases = conn.scalar(select(Case.id).limit(1)) is not None
        if not database_has_cases:
            writer.drop_indexes()
        writing = True
        write_error: IntegrityError | None = None
        first_id: int | None = None  # the first id this import gave (rows from there on are its own)
        chunk: list[ParsedRow] = []
        pending: list[tuple[int, str]] = []

        def check_database() -> None:
            query = select(Case.case_no).where(Case.case_no.in_([n for _, n in pending]))
            if first_id is not None:
                query = query.where(Case.id < first_id)
            taken = set(conn.scalars(query))
            log.add([ImportProblem(line, "case_no", "duplicate_in_db", no) for line, no in pending if no in taken])
            pending.clear()

        def flush() -> None:
            nonlocal cases, callbacks, first_id, writing, write_error
            if pending:
                check_database()
            if log.total:
                writing = False
            if not writing or not chunk:
                chunk.clear()
                return
            case_rows, callback_rows, event_rows = [], [], []
            ids = writer.case_ids(len(chunk))
            if first_id is None:
                first_id = ids[0]
            for case_id, row in zip(ids, chunk, strict=True):
                case, callback, event = builder.build(case_id, row)
                case_rows.append(case)
                event_rows.append(event)
                if callback is not None:
                    callback_rows.append(callback)
            chunk.clear()
            try:
                with s.begin_nested():  # a case number twice in the file: stop writing, keep checking
                    writer.insert(Case.__table__, CASE_COLUMNS, case_rows, stored=True)
                    writer.insert(Callback.__table__, CALLBACK_COLUMNS, callback_rows, stored=True)
                    writer.insert(CaseEvent.__table__, EVENT_COLUMNS, event_rows, stored=True)
            except IntegrityError as exc:
                writing, write_error = False, exc
                return
            cases += len(case_rows)
            callbacks += len(callback_rows)

        with _CsvFile(path) as f:
            for line, cells in _rows(f):
                rows += 1
                if isinstance(cells, Unreadable):  # that line's problem; the others are still found
                    log.add([cells.problem(line)])
                    continue
                row, problems = checker.check(line, cells, f.width)
                if problems:
                    log.add(problems)
                case_no = cells[0].strip()
                if case_no and not has_bad_character(case_no):  # (the server cannot even compare a NUL)
                    hashes.append(hash(case_no))
                    if database_has_cases:
                        pending.append((line, case_no))
                if row is not None and writing:
                    chunk.append(row)
                if rows % CHUNK == 0:
                    flush()
                    if progress:
                        progress(ExchangeProgress("load", f.position(), f.size, cases))
            flush()
            if progress:
                progress(ExchangeProgress("load", f.size, f.size, cases))
        repeated = _duplicate_hashes(hashes)
        del hashes
        if repeated:
            _name_duplicates(path, repeated, log)
        log.raise_if_any()
        if write_error is not None:  # not explained by the file: someone wrote the same case meanwhile
            raise write_error
        writer.raise_case_counters(builder.last_number)
        if progress:
            progress(ExchangeProgress("summary", 0, 1))
        writer.restore_indexes()
        stats.rebuild(s)
        if progress:
            progress(ExchangeProgress("summary", 1, 1))
    return cases, callbacks


def import_cases(sf_or_engine, path: str | os.PathLike, progress: ProgressFn | None = None) -> ImportSummary:
    """Import the exchange CSV at `path`; raises ImportRejected (nothing written) or ExchangeFileError."""
    sf = make_session_factory(sf_or_engine) if isinstance(sf_or_engine, Engine) else sf_or_engine
    started = time.perf_counter()
    try:
        cases, callbacks = _load(sf, path, progress)
    except IntegrityError as exc:
        raise ImportRejected([ImportProblem(0, "", "changed_meanwhile", str(exc.orig).splitlines()[0])]) from None
    return ImportSummary(cases, callbacks, time.perf_counter() - started)
