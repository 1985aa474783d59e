"""Imports an exchange CSV file, all or nothing, in two streaming passes.

Pass 1 checks every row (read-only, bounded memory: a chunk of rows plus 8 bytes per case number
for the duplicate check) and collects every problem with its line and column; any problem raises
ImportRejected and nothing is written. Pass 2 reads the file again and writes the cases, their
callbacks and one "import" event each with bulk inserts, raises the case number counters and
rebuilds the summary tables, all in one transaction. What a row becomes is in docs/DECISIONS.md.
"""
from __future__ import annotations

import csv
import io
import os
import re
import time
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as day_start
from pathlib import Path

import numpy as np
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db import make_session_factory
from app.models import Callback, Case, CaseEvent
from app.services import clock, stats
from app.services.actors import system_actor
from app.services.directory import Directory
from app.services.errors import ExchangeFileError, ImportProblem, ImportRejected, NotFound
from app.services.exchange.bulk import BulkWriter
from app.services.exchange.progress import ExchangeProgress, ProgressFn
from app.services.exchange.rows import COLUMNS, ParsedRow, RowChecker, header_problem
from app.services.lifecycle import tier_for
from app.services.rules import deadlines_for, int_setting
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


def _check(sf, path, progress: ProgressFn | None) -> int:
    """Pass 1: every problem of the file, or the number of rows when there is none."""
    log = _ProblemLog()
    hashes = array("q")
    rows = 0
    with sf() as s:
        conn = s.connection(execution_options={"read_only": True})
        checker = RowChecker(Directory.load(s))
        database_has_cases = conn.scalar(select(Case.id).limit(1)) is not None
        pending: list[tuple[int, str]] = []

        def check_database() -> None:
            taken = set(conn.scalars(select(Case.case_no).where(Case.case_no.in_([n for _, n in pending]))))
            log.add([ImportProblem(line, "case_no", "duplicate_in_db", no) for line, no in pending if no in taken])
            pending.clear()

        with _CsvFile(path) as f:
            for line, cells in _rows(f):
                rows += 1
                if isinstance(cells, Unreadable):  # that line's problem; the others are still found
                    log.add([cells.problem(line)])
                    continue
                _, problems = checker.check(line, cells, f.width)
                if problems:
                    log.add(problems)
                case_no = cells[0].strip()
                if case_no and not has_bad_character(case_no):  # (the server cannot even compare a NUL)
                    hashes.append(hash(case_no))
                    if database_has_cases:
                        pending.append((line, case_no))
                        if len(pending) >= CHUNK:
                            check_database()
                if progress and rows % CHUNK == 0:
                    progress(ExchangeProgress("check", f.position(), f.size))
            if pending:
                check_database()
            if progress:
                progress(ExchangeProgress("check", f.size, f.size))
    repeated = _duplicate_hashes(hashes)
    del hashes
    if repeated:
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
    log.raise_if_any()
    return rows


class _CaseBuilder:
    """Turns checked rows into the tuples of a case, its callback and its import event (rules cached)."""

    def __init__(self, s: Session, note: str):
        self.s = s
        self.now = clock.now()
        self.actor = system_actor()
        self.note = note
        self._tiers: dict[tuple[int | None, str], str] = {}
        self._offsets: dict[tuple[str, date], tuple[timedelta, timedelta] | None] = {}
        self._windows: dict[date, timedelta] = {}
        self.last_number: dict[date, int] = {}

    def _tier(self, category_id: int | None, urgency: str) -> str:
        key = (category_id, urgency)
        if key not in self._tiers:
            self._tiers[key] = tier_for(self.s, category_id, urgency)
        return self._tiers[key]

    def _deadlines(self, tier: str, received: datetime) -> tuple[datetime | None, datetime | None]:
        key = (tier, received.date())
        if key not in self._offsets:
            midnight = datetime.combine(received.date(), day_start())
            try:
                d = deadlines_for(self.s, tier, midnight)
                self._offsets[key] = (d.contact_by - midnight, d.reply_by - midnight)
            except NotFound:
                self._offsets[key] = None
        offsets = self._offsets[key]
        return (None, None) if offsets is None else (received + offsets[0], received + offsets[1])

    def _callback_due(self, replied: datetime) -> datetime:
        day = replied.date()
        if day not in self._windows:
            self._windows[day] = timedelta(hours=int_setting(self.s, "callback.window_hours", day))
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
        latest = r.latest_time()
        close_reason = closed_at = None
        if r.status == "closed":
            close_reason = ("callback" if r.reached else "unreachable") if this_round else "manual"
            closed_at = latest
        elif r.status == "merged":
            close_reason, closed_at = "merged", latest
        case = (
            case_id, r.case_no, r.received_at, r.channel, r.request_type, r.caller_name, r.caller_phone, r.confidential,
            r.address, r.street_id, r.community_id, r.category_id, r.description, r.urgency, tier, r.unit_id,
            r.status, contact_by, reply_by, r.replied_at,
            self._callback_due(r.replied_at) if r.status == "replied" else None,
            1 if this_round else 0, closed_at, close_reason, 0,
            1 if r.callback_at is not None and not this_round else 0, latest, 1,
        )
        callback = None
        if r.callback_at is not None:
            callback = (case_id, 0, 1, r.callback_at, r.unit_id, r.reached, r.contacted, r.resolved, r.satisfaction)
        event = (case_id, self.now, "import", None, r.status, r.unit_id, None, self.actor.workstation, self.note)
        return case, callback, event


def _write(sf, path, total: int, progress: ProgressFn | None) -> tuple[int, int]:
    """Pass 2: everything in one transaction."""
    cases = callbacks = 0
    with sf.begin() as s:
        checker = RowChecker(Directory.load(s))
        builder = _CaseBuilder(s, Path(path).name)
        writer = BulkWriter(s)
        chunk: list[ParsedRow] = []

        def flush() -> None:
            nonlocal cases, callbacks
            case_rows, callback_rows, event_rows = [], [], []
            for case_id, row in zip(writer.case_ids(len(chunk)), chunk, strict=True):
                case, callback, event = builder.build(case_id, row)
                case_rows.append(case)
                event_rows.append(event)
                if callback is not None:
                    callback_rows.append(callback)
            writer.insert(Case.__table__, CASE_COLUMNS, case_rows)
            writer.insert(Callback.__table__, CALLBACK_COLUMNS, callback_rows)
            writer.insert(CaseEvent.__table__, EVENT_COLUMNS, event_rows)
            cases += len(case_rows)
            callbacks += len(callback_rows)
            chunk.clear()
            if progress:
                progress(ExchangeProgress("write", cases, total))

        if progress:
            progress(ExchangeProgress("write", 0, total))
        with _CsvFile(path) as f:
            for line, cells in _rows(f):
                if isinstance(cells, Unreadable):  # the file changed since it was checked
                    raise ImportRejected([cells.problem(line)])
                row, problems = checker.check(line, cells, f.width)
                if problems:  # the file changed since it was checked
                    raise ImportRejected(problems)
                chunk.append(row)
                if len(chunk) >= CHUNK:
                    flush()
            if chunk:
                flush()
        writer.raise_case_counters(builder.last_number)
        if progress:
            progress(ExchangeProgress("summary", 0, 1))
        stats.rebuild(s)
        if progress:
            progress(ExchangeProgress("summary", 1, 1))
    return cases, callbacks


def import_cases(sf_or_engine, path: str | os.PathLike, progress: ProgressFn | None = None) -> ImportSummary:
    """Import the exchange CSV at `path`; raises ImportRejected (nothing written) or ExchangeFileError."""
    sf = make_session_factory(sf_or_engine) if isinstance(sf_or_engine, Engine) else sf_or_engine
    started = time.perf_counter()
    total = _check(sf, path, progress)
    try:
        cases, callbacks = _write(sf, path, total, progress)
    except IntegrityError as exc:
        raise ImportRejected([ImportProblem(0, "", "changed_meanwhile", str(exc.orig).splitlines()[0])]) from None
    return ImportSummary(cases, callbacks, time.perf_counter() - started)
