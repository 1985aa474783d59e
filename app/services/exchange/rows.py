"""One row of the exchange CSV: its columns, and the checks that turn its cells into a ParsedRow.

The checks are those of intake (app/services/validation.py) plus the consistency rules of a row
(docs/DECISIONS.md, "Exchange CSV"). Names of units and categories resolve through the Directory.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.services.clock import DISTRICT_TZ, to_local
from app.services.directory import Directory
from app.services.errors import ImportProblem
from app.services.validation import (
    CHANNELS,
    REQUEST_TYPES,
    RESOLVED_VALUES,
    SATISFACTION_VALUES,
    STATUSES,
    URGENCIES,
    character_problem,
    has_bad_character,
    is_blank,
    normalize_phone,
    text_problem,
)

# the format's columns; files written before `confidential` (the 保密 flag) was added end after
# `satisfaction` (BASE_COLUMNS) and are still accepted: their cases are not confidential
COLUMNS = (
    "case_no", "received_at", "channel", "request_type", "caller_name", "caller_phone", "address", "street",
    "community", "category", "description", "urgency", "unit", "status", "replied_at", "callback_at", "reached",
    "contacted", "resolved", "satisfaction", "confidential",
)
BASE_COLUMNS = COLUMNS[:20]
CASE_NO_MAX = 32
DISTRICT_OFFSET = DISTRICT_TZ.utcoffset(None)
YES_NO = ("yes", "no")
ANSWERS = ("contacted", "resolved", "satisfaction")
NOT_REPLIED_STATES = ("new", "dispatched", "accepted", "returned", "merged")
WITH_UNIT_STATES = ("dispatched", "accepted", "replied")


@dataclass(slots=True)
class ParsedRow:
    case_no: str
    received_at: datetime
    channel: str
    request_type: str
    caller_name: str | None
    caller_phone: str | None
    address: str | None
    street_id: int | None
    community_id: int | None
    category_id: int | None
    description: str
    urgency: str
    unit_id: int | None
    status: str
    replied_at: datetime | None
    callback_at: datetime | None
    reached: bool | None
    contacted: bool | None
    resolved: str | None
    satisfaction: str | None
    confidential: bool = False

    @property
    def callback_in_this_round(self) -> bool:
        """The callback followed the case's current reply (else it belongs to a round before a reopen)."""
        return (self.callback_at is not None and self.status in ("replied", "closed")
                and self.replied_at is not None and self.callback_at >= self.replied_at)

    def latest_time(self) -> datetime:
        return max(t for t in (self.received_at, self.replied_at, self.callback_at) if t is not None)


def header_problem(header: list[str]) -> ImportProblem | None:
    """None when the header is the exchange columns in order (spaces around names allowed; without
    `confidential` in an older file), else where it first differs."""
    header = [h.strip() for h in header]
    if tuple(header) in (COLUMNS, BASE_COLUMNS):
        return None
    if "confidential" not in header:
        header = [*header, "confidential"]  # optional: never reported missing
    missing = [c for c in COLUMNS if c not in header]
    extra = [c for c in header if c not in COLUMNS]
    if missing or extra:
        parts = []
        if missing:
            parts.append("missing " + ", ".join(missing[:6]) + (" …" if len(missing) > 6 else ""))
        if extra:
            parts.append("unexpected " + ", ".join(extra[:6]) + (" …" if len(extra) > 6 else ""))
        column = extra[0] if extra else missing[0]
    else:
        parts = ["columns in another order (or one twice)"]
        column = next((h for h, c in zip(header, COLUMNS, strict=False) if h != c), header[-1])
    detail = "; ".join(parts) + "; expected: " + ",".join(COLUMNS) + " (confidential may be left out)"
    return ImportProblem(1, column, "bad_header", detail)


def parse_time(text: str) -> tuple[datetime | None, str | None]:
    """A local time from ISO 8601 with an offset; else (None, problem code)."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None, "bad_time"
    offset = value.utcoffset()
    if offset is None:
        return None, "no_offset"
    if offset == DISTRICT_OFFSET:  # the usual case, without a conversion
        return value.replace(tzinfo=None), None
    return to_local(value), None


Answer = tuple  # (value, problems of the cell as ((column, code, detail), …))
CACHE_LIMIT = 10_000  # distinct cells remembered per column (a file of mostly distinct values stops adding)
# the columns whose cells repeat across a file (a few dozen values each), with caller names (surnames and
# 先生/女士): their answers are kept; addresses, descriptions, phones and times are checked cell by cell
CACHED_COLUMNS = ("channel", "request_type", "caller_name", "street", "community", "category", "urgency", "unit",
                  "status", "reached", "contacted", "resolved", "satisfaction", "confidential")


class RowChecker:
    """Checks rows against the directory; `check` returns the parsed row or its problems.

    The answer for a cell of a repeating column (its value and its problems, without the line) depends
    on the cell's text alone, exactly as written (no stripping or case folding before the lookup), and
    is remembered per column: the same checks run once per distinct text. What depends on two cells
    (a community in its street, the consistency rules) is checked on every row."""

    def __init__(self, directory: Directory):
        self.directory = directory
        self._answers: dict[str, dict[str, Answer]] = {column: {} for column in CACHED_COLUMNS}
        self._work = {
            "channel": self._choice("channel", CHANNELS, True),
            "request_type": self._choice("request_type", REQUEST_TYPES, True),
            "caller_name": self._free_text("caller_name"),
            "street": self._street,
            "community": self._community,
            "category": self._category,
            "urgency": self._choice("urgency", URGENCIES, True),
            "unit": self._unit,
            "status": self._choice("status", STATUSES, True),
            "reached": self._choice("reached", YES_NO),
            "contacted": self._choice("contacted", YES_NO),
            "resolved": self._choice("resolved", RESOLVED_VALUES),
            "satisfaction": self._choice("satisfaction", SATISFACTION_VALUES),
            "confidential": self._choice("confidential", YES_NO),  # empty: not confidential
        }

    def answer(self, column: str, text: str) -> Answer:
        """The value of a cell of a repeating column and its problems (computed once per distinct text)."""
        answers = self._answers[column]
        found = answers.get(text)
        if found is None:
            found = self._work[column](text)
            if len(answers) < CACHE_LIMIT:
                answers[text] = found
        return found

    @staticmethod
    def _choice(column: str, allowed: tuple[str, ...], required: bool = False):
        def work(text: str) -> Answer:
            text = text.strip()
            if not text:
                return None, (((column, "required", ""),) if required else ())
            if text not in allowed:
                return None, ((column, "not_allowed", f"{text} (allowed: {'/'.join(allowed)})"),)
            return text, ()
        return work

    @staticmethod
    def _free_text(column: str):
        def work(text: str) -> Answer:
            if not text.strip():
                return None, ()
            found = text_problem(column, text)  # only invisible characters, too long
            return text, (((column, found.code, found.detail),) if found else ())
        return work

    def _unit_named(self, column: str, text: str) -> Answer:
        name = text.strip()
        if not name:
            return None, ()
        found = self.directory.unit_by_name(name)
        return found, (((column, "unknown", name),) if found is None else ())

    def _street(self, text: str) -> Answer:
        unit, problems = self._unit_named("street", text)
        if unit is not None and unit.kind not in ("street", "town"):
            return None, (("street", "not_a_street", unit.name),)
        return unit, problems

    def _community(self, text: str) -> Answer:
        unit, problems = self._unit_named("community", text)
        if unit is not None and unit.level != 3:
            return None, (("community", "not_a_community", unit.name),)
        return unit, problems

    def _category(self, text: str) -> Answer:
        name = text.strip()
        if not name:
            return None, ()
        found = self.directory.category_by_name(name)
        return (found.id, ()) if found else (None, (("category", "unknown", name),))

    def _unit(self, text: str) -> Answer:
        return self._unit_named("unit", text)

    def check(self, line: int, cells: list[str], width: int = len(COLUMNS)) -> tuple[ParsedRow | None,
                                                                                        list[ImportProblem]]:
        """`width`: the header's number of columns (20 in a file without `confidential`)."""
        problems: list[ImportProblem] = []

        def bad(column: str, code: str, detail: str = "") -> None:
            problems.append(ImportProblem(line, column, code, detail))

        if len(cells) != width:
            bad("", "field_count" if width == len(COLUMNS) else "field_count_base", str(len(cells)))
            return None, problems
        if width == len(BASE_COLUMNS):
            cells = [*cells, ""]
        if has_bad_character("\n".join(cells)):  # NUL, control characters: only those are reported for the row
            for column, cell in zip(COLUMNS, cells, strict=True):
                found = character_problem(column, cell)
                if found:
                    bad(column, found.code, found.detail)
            return None, problems
        (case_no, received, channel, request_type, caller_name, caller_phone, address, street, community,
         category, description, urgency, unit, status, replied, callback, reached, contacted, resolved,
         satisfaction, confidential) = cells
        answers, answer = self._answers, self.answer
        found_cells: list[tuple[str, str, str]] = []  # the cells' problems, in column order
        extend = found_cells.extend

        def cached(column: str, text: str):
            """The value of a repeating column's cell (its problems noted), from the remembered answers."""
            value, found = answers[column].get(text) or answer(column, text)
            if found:
                extend(found)
            return value

        case_no = case_no.strip()
        if is_blank(case_no):
            bad("case_no", "required")
        elif len(case_no) > CASE_NO_MAX:
            bad("case_no", "too_long", str(CASE_NO_MAX))

        def time(column: str, text: str, required: bool = False) -> datetime | None:
            text = text.strip()
            if not text:
                if required:
                    extend(((column, "required", ""),))
                return None
            value, code = parse_time(text)
            if code:
                extend(((column, code, text),))
            return value

        received_at = time("received_at", received, required=True)
        channel = cached("channel", channel)
        request_type = cached("request_type", request_type)
        caller_name = cached("caller_name", caller_name)
        phone = None
        if caller_phone.strip():
            phone = normalize_phone(caller_phone)
            if phone is None:
                extend((("caller_phone", "bad_phone", caller_phone),))
        if address.strip():
            found = text_problem("address", address)  # only invisible characters, too long
            if found:
                extend((("address", found.code, found.detail),))
        else:
            address = None
        street_unit = cached("street", street)
        community_unit = cached("community", community)
        if community_unit is not None:
            if not street.strip():
                extend((("street", "required_when", "community is given"),))
            elif street_unit is not None and community_unit.parent_id != street_unit.id:
                extend((("community", "not_in_street", street_unit.name),))
        category_id = cached("category", category)
        found = text_problem("description", description, required=True)
        if found:
            extend((("description", found.code, found.detail),))
        urgency = cached("urgency", urgency)
        handler = cached("unit", unit)
        status = cached("status", status)
        replied_at = time("replied_at", replied)
        callback_at = time("callback_at", callback)
        reached_text = cached("reached", reached)
        contacted_text = cached("contacted", contacted)
        resolved = cached("resolved", resolved)
        satisfaction = cached("satisfaction", satisfaction)
        confidential_text = cached("confidential", confidential)
        if found_cells:
            problems.extend(ImportProblem(line, column, code, detail) for column, code, detail in found_cells)
        if problems:
            return None, problems

        row = ParsedRow(
            case_no, received_at, channel, request_type, caller_name, phone, address,
            street_unit.id if street_unit else None, community_unit.id if community_unit else None, category_id,
            description, urgency, handler.id if handler else None, status, replied_at, callback_at,
            None if reached_text is None else reached_text == "yes",
            None if contacted_text is None else contacted_text == "yes", resolved, satisfaction,
            confidential_text == "yes",
        )
        self._check_consistency(row, bad)
        return (None if problems else row), problems

    @staticmethod
    def _check_consistency(row: ParsedRow, bad) -> None:
        answers = {"contacted": row.contacted, "resolved": row.resolved, "satisfaction": row.satisfaction}
        if row.callback_at is None:
            if row.reached is not None:
                bad("reached", "empty_when", "callback_at is empty")
            for column, value in answers.items():
                if value is not None:
                    bad(column, "empty_when", "callback_at is empty")
        elif row.reached is None:
            bad("reached", "required_when", "callback_at is given")
        elif row.reached:
            for column, value in answers.items():
                if value is None:
                    bad(column, "required_when", "reached is yes")
        else:
            for column, value in answers.items():
                if value is not None:
                    bad(column, "empty_when", "reached is no")
        if row.status in NOT_REPLIED_STATES and row.replied_at is not None:
            bad("replied_at", "empty_when", f"status is {row.status}")
        if row.status == "replied" and row.replied_at is None:
            bad("replied_at", "required_when", "status is replied")
        if row.status == "new" and row.callback_at is not None:
            bad("callback_at", "empty_when", "status is new")
        if row.status == "closed" and row.callback_at is not None and row.replied_at is None:
            bad("replied_at", "required_when", "status is closed and callback_at is given")
        if row.status in WITH_UNIT_STATES and row.unit_id is None:
            bad("unit", "required_when", f"status is {row.status}")
        for column, value in (("replied_at", row.replied_at), ("callback_at", row.callback_at)):
            if value is not None and value < row.received_at:
                bad(column, "before_received", row.received_at.isoformat(sep=" "))
        if row.status == "replied" and row.reached and row.callback_in_this_round:
            bad("callback_at", "reached_after_reply", row.status)
