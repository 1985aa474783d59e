"""Reading cases for the intake and cases tabs: filtered, sorted pages, counts per state, one case in full,
a caller's history, possible duplicates, and which actions the acting user may take on a case."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from sqlalchemy import (
    ARRAY,
    Select,
    Text,
    and_,
    bindparam,
    cast,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    tuple_,
)
from sqlalchemy import case as sql_case
from sqlalchemy.dialects.postgresql import array
from sqlalchemy.orm import Session, aliased, sessionmaker
from sqlalchemy.sql.util import ClauseAdapter
from sqlalchemy.sql.visitors import iterate

from app.models import Case, CaseEvent, Category, KeyTopic, Staff, Unit
from app.models.codes import Status
from app.services import case_states, clock, history, privacy, routing, word_search
from app.services.actors import Actor
from app.services.errors import NotFound
from app.services.lifecycle import (
    OPEN_STATES,
    suggest_unit,
    suggested_dispatch,
    tier_for,
    unit_chain,
)
from app.services.periods import end_of_day
from app.services.permissions import allows, may_see_case, visible_cases_clause
from app.services.rules import deadlines_for, int_setting
from app.services.validation import has_bad_character, normalize_phone

PAGE_SIZE = 200
LINKABLE_STATES = tuple(str(s) for s in case_states.RULES[case_states.Action.LINK_REPEAT].from_states)
DUPLICATE_DAYS = 30
SORT_KEYS = ("received_at", "case_no", "status", "reply_deadline")  # each served by an index
PENDING_STATES = tuple(str(s) for s in case_states.RULES[case_states.Action.REQUEST_RETURN].from_states)  # where a unit can ask


@dataclass(frozen=True)
class CaseFilter:
    """What the cases table shows. Empty fields filter nothing.

    unit_id includes the unit's sub-units; category_id includes its sub-categories;
    received_from/received_to are days, both included; key_topic_year keeps categories that were key
    topics in that year; search matches a case number (prefix), a phone, or address/description text
    (as a substring, through the word index: app/services/word_search.py); overdue keeps the open
    cases past their reply deadline, pending those with a return or extension request to decide.
    """

    statuses: tuple[str, ...] = ()
    unit_id: int | None = None
    street_id: int | None = None
    community_id: int | None = None
    category_id: int | None = None
    key_topic_year: int | None = None
    received_from: date | None = None
    received_to: date | None = None
    overdue: bool = False
    search: str = ""
    pending: bool = False  # 待审批: a return (退单) or an extension (延期) waiting for the dispatcher

    def with_changes(self, **changes) -> CaseFilter:
        return replace(self, **changes)


@dataclass(frozen=True)
class CaseRow:
    id: int
    case_no: str
    received_at: datetime
    status: str
    request_type: str
    urgency: str
    category_id: int | None
    street_id: int | None
    community_id: int | None
    unit_id: int | None
    caller_phone: str | None
    address: str | None
    summary: str
    reply_deadline: datetime | None
    pending_request: str | None
    overdue: bool
    nearly_overdue: bool
    confidential: bool = False
    contact_missed: bool = False  # dispatched or signed, its contact deadline passed, the citizen not contacted


@dataclass(frozen=True)
class Page:
    """Rows in the order asked for, continuing after the row whose sort key is `after` (None: the first page);
    the next page continues after `page_key(rows[-1], …)`."""

    rows: list[CaseRow]
    after: tuple | None
    exhausted: bool


@dataclass(frozen=True)
class ListedCase:
    """A case as the `cases` command lists it: no caller's name or phone."""

    id: int
    case_no: str
    received_at: datetime
    status: str
    street_id: int | None
    community_id: int | None
    category_id: int | None
    unit_id: int | None
    description: str
    confidential: bool


@dataclass(frozen=True)
class EventRow:
    at: datetime
    action: str
    from_status: str | None
    to_status: str | None
    unit_name: str | None
    actor_name: str | None
    workstation: str | None
    note: str | None


@dataclass(frozen=True)
class CaseDetail:
    id: int
    case_no: str
    version: int
    status: str
    received_at: datetime
    channel: str
    request_type: str
    caller_name: str | None
    caller_phone: str | None
    confidential: bool
    address: str | None
    street_name: str | None
    community_name: str | None
    category_path: str
    description: str
    urgency: str
    deadline_tier: str
    unit_id: int | None
    unit_name: str | None
    unit_chain: tuple[int, ...]
    contact_deadline: datetime | None
    reply_deadline: datetime | None
    dispatched_at: datetime | None
    signed_at: datetime | None
    contacted_at: datetime | None
    replied_at: datetime | None
    reply_text: str | None
    callback_due: datetime | None
    closed_at: datetime | None
    close_reason: str | None
    merged_into_no: str | None
    repeat_count: int
    reopen_count: int
    pending_request: str | None
    pending_note: str | None
    pending_until: datetime | None
    overdue: bool
    nearly_overdue: bool
    now: datetime
    events: list[EventRow] = field(default_factory=list)
    contact_missed: bool = False
    no_phone_reason: str | None = None  # a call without a number: why


@dataclass(frozen=True)
class HistoryRow:
    """A case in the intake tab's side lists; `is_open`: still open to a repeat call (not yet closed)."""

    id: int
    case_no: str
    received_at: datetime
    status: str
    unit_name: str | None
    category_name: str | None
    summary: str
    is_open: bool
    caller_name: str | None = None  # as the asking staff member may see it (privacy.masked)
    caller_phone: str | None = None  # masked
    confidential: bool = False


@dataclass(frozen=True)
class CallerHistory:
    """The caller's cases as listed (open first, then the latest, at most `limit`) and the true counts."""

    rows: list[HistoryRow]
    total: int  # all the caller's cases the staff member may see, listed or not
    unfinished: int  # of them, not yet closed (open, or replied and awaiting the callback)

    @property
    def cut(self) -> bool:
        return self.total > len(self.rows)


@dataclass(frozen=True)
class IntakePreview:
    """The suggested handling unit and the deadlines a new case would get now.

    `unit_id` is the unit "save and dispatch" sends the case to; None when there is none that dispatch
    accepts (`refused_unit_id`: the suggestion it would refuse, the hotline centre for 政策咨询), and then
    the case is saved new for the dispatcher.
    """

    unit_id: int | None
    tier: str
    contact_by: datetime
    reply_by: datetime
    refused_unit_id: int | None = None
    alternatives: tuple[int, ...] = ()  # two other units the learned routing offers, best first
    basis: routing.Basis | None = None  # why `unit_id` (app/services/routing.py); level "rule": today's rule


# ---------------------------------------------------------------- the cases table

def subtree_ids(s: Session, model, root_id: int) -> list[int]:
    """The id and every descendant id of a unit or category (both trees are a few hundred rows)."""
    parents = dict(s.execute(select(model.id, model.parent_id)).all())
    ids, frontier = {root_id}, {root_id}
    while frontier:
        frontier = {i for i, p in parents.items() if p in frontier and i not in ids}
        ids |= frontier
    return sorted(ids)


def is_text_search(text: str) -> bool:
    """Words to look for in addresses and descriptions (a scan), not a phone or a case number (an index)."""
    text = text.strip()
    return bool(text) and normalize_phone(text) is None and not re.fullmatch(r"\d{6,}", text)


def contains(text: str, dialect: str):
    """The case's address or description holds `text`, ASCII letters in either case (the exact check of
    the candidates the word index finds; by itself, a scan)."""
    t = word_search.fold(text)
    if dialect == "postgresql":
        def folded(col):
            return func.translate(col, word_search.UPPER, word_search.UPPER.lower())
        return or_(func.strpos(folded(Case.address), t) > 0, func.strpos(folded(Case.description), t) > 0)
    return or_(func.instr(func.lower(Case.address), t) > 0, func.instr(func.lower(Case.description), t) > 0)


# Below this many candidates in the word index, the cases are read by id and sorted; above, the table is
# walked in the order asked for and each case checked (a common word fills a page within a few thousand)
WORD_CANDIDATES_BY_ID = 20_000


def word_candidates(s: Session, text: str, limit: int | None = None) -> int | None:
    """How many cases the word index holds as candidates for `text` (at most `limit`; None: not indexed)."""
    dialect = s.get_bind().dialect.name
    if dialect == "postgresql":
        inner = select(literal(1)).where(_pg_words(text))
    else:
        query = word_search.fts_query(text)
        if query is None:
            return None
        inner = _fts_ids(query)
    if limit is not None:
        inner = inner.limit(limit)
    return s.scalar(select(func.count()).select_from(inner.subquery()))


def _fts_ids(query: str):
    """SQLite: the ids (rowids) of the cases the word index `case_words` holds for the FTS `query`."""
    return select(literal_column("rowid")).select_from(table("case_words")).where(
        literal_column("case_words").op("MATCH")(query))


def _pg_words(text: str):
    return func.hotline_grams(Case.address, Case.description).op("@>")(
        cast(array(word_search.pg_grams(text), type_=Text), ARRAY(Text)))


def _index_narrows(s: Session, text: str) -> bool:
    """The word index finds `text` in fewer than WORD_CANDIDATES_BY_ID cases (asked once per session).

    SQLite counts the candidates (up to that many: ~1 ms, FTS5 reads only its own index). PostgreSQL would have
    to visit each candidate's row to count it (0.1 s for 漏水 at 10.4 M cases, 2.1 s for 2单元): it takes its
    planner's estimate from the statistics of the indexed bigrams instead (漏水: 362 842 estimated, 361 648
    true; 2单元 1 772 675 / 1 734 144; 龙卷风 126 / 0), which is what the planner decides its plans by."""
    known = s.info.setdefault("word_index_narrows", {})
    if text not in known:
        if not word_search.indexed(text):
            known[text] = False
        elif s.get_bind().dialect.name == "postgresql":
            known[text] = _pg_estimated_candidates(s, text) < WORD_CANDIDATES_BY_ID
        else:
            known[text] = (word_candidates(s, text, WORD_CANDIDATES_BY_ID) or 0) < WORD_CANDIDATES_BY_ID
    return known[text]


def _pg_estimated_candidates(s: Session, text: str) -> float:
    """PostgreSQL: the planner's estimate of the cases whose bigrams hold those of `text` (EXPLAIN, ~1 ms)."""
    compiled = select(literal(1)).select_from(Case).where(_pg_words(text)).compile(dialect=s.get_bind().dialect)
    plan = s.connection().exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(compiled), compiled.params).scalar()
    return plan[0]["Plan"]["Plan Rows"]


def _words_clause(s: Session, text: str, dialect: str):
    """Cases whose address or description holds `text`: through the word index when it narrows the search
    (a word with a letter or a digit found in fewer than WORD_CANDIDATES_BY_ID cases), checked exactly."""
    exact = contains(text, dialect)
    if not _index_narrows(s, text):
        return exact  # a common word: the page fills while walking the order's index
    if dialect == "postgresql":  # the exact check first: where it is evaluated row by row (the counts' sample),
        return and_(exact, _pg_words(text))  # it spares most rows the bigrams (~70 µs each); the planner reorders
    return and_(Case.id.in_(_fts_ids(word_search.fts_query(text))), exact)


def _search_clause(s: Session, text: str):
    dialect = s.get_bind().dialect.name
    text = text.strip()
    if not text:
        return None
    if has_bad_character(text):  # no stored text holds one (and PostgreSQL cannot even compare a NUL)
        return false()
    phone = normalize_phone(text)
    if phone:
        return Case.caller_phone == phone
    if not is_text_search(text):  # a case number (YYYYMMDDnnnnn) or its beginning (digits only)
        return Case.case_no.like(f"{text}%")
    # the same on both backends: ASCII letters in either case, every other character as itself
    return _words_clause(s, text, dialect)


def _where(s: Session, flt: CaseFilter, now: datetime, with_status: bool = True, paging: bool = False,
           actor: Actor | None = None) -> list:
    clauses = [] if actor is None else [visible_cases_clause(actor)]
    if with_status and flt.statuses:
        clauses.append(Case.status.in_(flt.statuses))
    if flt.unit_id is not None:
        clauses.append(Case.unit_id.in_(subtree_ids(s, Unit, flt.unit_id)))
    if flt.street_id is not None:
        clauses.append(Case.street_id == flt.street_id)
    if flt.community_id is not None:
        clauses.append(Case.community_id == flt.community_id)
    # Several categories at once (a parent, the key topics) match many cases: walking the received_at
    # index until a page is full beats collecting them all through the category index and sorting,
    # so `category_id + 0` keeps the planner off that index unless something narrower is asked for.
    # Counting is the other way round: the category index counts them without reading the table.
    narrow = bool(flt.statuses or flt.unit_id or flt.street_id or flt.community_id or flt.search.strip()
                  or flt.overdue or flt.pending)
    category = Case.category_id if narrow or not paging else Case.category_id + 0
    if flt.category_id is not None:
        ids = subtree_ids(s, Category, flt.category_id)
        clauses.append((Case.category_id if len(ids) == 1 else category).in_(ids))
    if flt.key_topic_year is not None:
        clauses.append(category.in_(select(KeyTopic.category_id).where(KeyTopic.year == flt.key_topic_year)))
    clauses.extend(_period(flt))
    if flt.overdue:
        # nearly every case is past its deadline; only the open ones count: reach them by state, not by
        # the deadline index (coalesce(x, x) is x, but keeps SQLite's planner off that index)
        clauses.append(_overdue(now))
    if flt.pending:
        # requests wait only on dispatched and accepted cases: reached by state, like the overdue ones
        clauses.append(_pending())
    search = _search_clause(s, flt.search)
    if search is not None:
        clauses.append(search)
    return clauses


def _overdue(now: datetime):
    return and_(Case.status.in_(OPEN_STATES), func.coalesce(Case.reply_deadline, Case.reply_deadline) < now)


def _pending():
    return and_(Case.status.in_(PENDING_STATES), Case.pending_request.is_not(None))


def _period(flt: CaseFilter) -> list:
    """The filter's days received (a range of the received_at indexes)."""
    clauses = []
    if flt.received_from is not None:
        clauses.append(Case.received_at >= datetime.combine(flt.received_from, datetime.min.time()))
    if flt.received_to is not None:
        clauses.append(Case.received_at < end_of_day(flt.received_to))
    return clauses


def _row(r, now: datetime, nearly: timedelta) -> CaseRow:
    open_ = r.status in OPEN_STATES and r.reply_deadline is not None
    overdue = open_ and r.reply_deadline < now
    text = " ".join((r.description or "").split())
    return CaseRow(r.id, r.case_no, r.received_at, r.status, r.request_type, r.urgency, r.category_id, r.street_id,
                   r.community_id, r.unit_id, r.caller_phone, r.address, text[:80], r.reply_deadline,
                   r.pending_request, overdue, open_ and not overdue and r.reply_deadline < now + nearly,
                   bool(r.confidential), r.status in ("dispatched", "accepted") and r.contacted_at is None
                   and r.contact_deadline is not None and r.contact_deadline < now)


def nearly_overdue_window(s: Session, now: datetime) -> timedelta:
    return timedelta(hours=int_setting(s, "case.nearly_overdue_hours", now.date()))


def _row_select() -> Select:
    return select(Case.id, Case.case_no, Case.received_at, Case.status, Case.request_type, Case.urgency,
                  Case.category_id, Case.street_id, Case.community_id, Case.unit_id, Case.caller_phone, Case.address,
                  func.substr(Case.description, 1, 120).label("description"), Case.reply_deadline, Case.pending_request,
                  Case.confidential, Case.contact_deadline, Case.contacted_at)


def case_row(sf: sessionmaker[Session], case_id: int, actor: Actor | None = None) -> CaseRow | None:
    """One row of the table as it is now (after an action changed it), as `actor` may see it."""
    now = clock.now()
    with sf() as s:
        q = _row_select().where(Case.id == case_id)
        if actor is not None:
            q = q.where(visible_cases_clause(actor))
        r = s.execute(q).first()
        row = _row(r, now, nearly_overdue_window(s, now)) if r else None
    return privacy.masked(actor, row) if row is not None and actor is not None else row


def _order_columns(sort_key: str) -> list:
    # ties: newest first within a state (the (status, received_at) index), else by id
    return [getattr(Case, sort_key)] + ([Case.received_at] if sort_key == "status" else []) + [Case.id]


def page_key(row: CaseRow | ListedCase, sort_key: str = "received_at") -> tuple:
    """The row's place in the order of `sort_key` (what the next page continues after)."""
    if sort_key not in SORT_KEYS:
        raise ValueError(f"unknown sort key {sort_key}")
    return tuple(getattr(row, c.key) for c in _order_columns(sort_key))


def _pages(base: Select, dialect: str, sort_key: str, descending: bool, after: tuple | None) -> list[Select]:
    """The statements that read, one after the other, the rows after `after` in the order asked for (keyset
    paging: the sort columns, then id, compared as a row value, which both databases answer from the index
    range; a page deep in the table costs what the first does, and rows arriving or leaving the filter
    meanwhile neither repeat nor shift the others).

    The reply deadline can be NULL, which no row comparison passes: its NULLs are read by a statement of their
    own, before or after the others where the database sorts them (PostgreSQL: NULL above every value;
    SQLite: below), so each statement stays an index range."""
    columns = _order_columns(sort_key)

    def ordered(q: Select, cols: list) -> Select:
        return q.order_by(*[c.desc() if descending else c.asc() for c in cols])

    def beyond(cols: list, values: tuple):
        row, key = tuple_(*cols), tuple_(*[literal(v, c.type) for c, v in zip(cols, values, strict=True)])
        return row < key if descending else row > key

    if sort_key != "reply_deadline":
        return [ordered(base.where(beyond(columns, after)) if after else base, columns)]
    deadline = Case.reply_deadline
    valued = ordered(base.where(deadline.is_not(None)), columns)
    nulls = ordered(base.where(deadline.is_(None)), [Case.id])
    nulls_last = (dialect == "postgresql") != descending
    if after is None:
        return [valued, nulls] if nulls_last else [nulls, valued]
    if after[0] is None:  # within the NULLs
        rest = nulls.where(beyond([Case.id], after[1:]))
        return [rest] if nulls_last else [rest, valued]
    rest = valued.where(beyond(columns, after))
    return [rest, nulls] if nulls_last else [rest]


def _read_pages(s: Session, statements: list[Select], limit: int) -> list:
    """Up to `limit` rows from the statements in turn."""
    result: list = []
    for q in statements:
        if len(result) >= limit:
            break
        result.extend(s.execute(q.limit(limit - len(result))).all())
    return result


def fetch_page(sf: sessionmaker[Session], flt: CaseFilter, sort_key: str = "received_at", descending: bool = True,
               after: tuple | None = None, limit: int = PAGE_SIZE, actor: Actor | None = None) -> Page:
    """One page of the cases table, filtered and sorted in the database (ties broken by id), continuing after
    the row whose `page_key` is `after` (None: the first page).

    With `actor`: only the cases the actor may see (a handler: its unit's), phones masked.
    """
    if sort_key not in SORT_KEYS:
        raise ValueError(f"unknown sort key {sort_key}")
    now = clock.now()
    with sf() as s:
        base = _row_select().where(*_where(s, flt, now, paging=True, actor=actor))
        result = _read_pages(s, _pages(base, s.get_bind().dialect.name, sort_key, descending, after), limit + 1)
        nearly = nearly_overdue_window(s, now)
    rows = [_row(r, now, nearly) for r in result[:limit]]
    if actor is not None:
        rows = [privacy.masked(actor, r) for r in rows]
    return Page(rows, after, len(result) <= limit)


def list_cases(s: Session, flt: CaseFilter, limit: int, after: tuple | None = None) -> list[ListedCase]:
    """Cases of the filter newest first (the cases tab's filter and word search; for the `cases` command),
    with the whole description."""
    base = select(Case.id, Case.case_no, Case.received_at, Case.status, Case.street_id, Case.community_id,
                  Case.category_id, Case.unit_id, Case.description, Case.confidential).where(
        *_where(s, flt, clock.now(), paging=True))
    rows = _read_pages(s, _pages(base, s.get_bind().dialect.name, "received_at", True, after), limit)
    return [ListedCase(*r[:-1], bool(r[-1])) for r in rows]


class StateCounts(dict):
    """Cases per state (and 'overdue', 'pending'); `estimated`: the keys whose numbers are estimates (from a
    sample), not counts; the others are exact."""

    estimated: frozenset[str] = frozenset()
    basis = ""  # what the estimates come from: "words" (the word index's candidates) or "ids" (id windows)

    @property
    def approximate(self) -> bool:
        """Some of the numbers are estimates."""
        return bool(self.estimated)


ESTIMATE_SAMPLE = 2_000  # candidates checked to estimate the counts of a common word

# Where cases end their life and pile up (闭环): all but a few of a district's cases. Every other state is
# work in hand, few at any size (the open states, replied awaiting its callback; 超期 and 待审批 are among
# them), counted exactly always; these are counted when that is cheap and else estimated.
PILING_STATES: tuple[str, ...] = (Status.CLOSED.value, Status.MERGED.value)
WORKING_STATES: tuple[str, ...] = tuple(s for s in case_states.STATUSES if s not in PILING_STATES)
assert set(OPEN_STATES) | set(PENDING_STATES) <= set(WORKING_STATES)  # 超期 and 待审批 are counted with them


@dataclass(frozen=True)
class Sampling:
    """How count_states estimates the piling states of a plain filter: `windows` evenly spaced runs of
    `width` consecutive ids over [min id, max id] (read by the primary key: the same cost at any size, a
    deterministic function of the ids), filtered like the cases and scaled by the id span. Many narrow
    windows rather than a few wide ones: a period is a run of ids, and gets its fair share of them
    (half a year of a street: −12 % with 200 × 50 ids at 1.3 M, +2 % with 2 000 × 5). When the sample
    says one index reads the filter's cases in fewer than `exact_below` rows, they are counted instead."""

    windows: int = 2_000
    width: int = 5
    exact_below: int = 20_000


COUNT_SAMPLING = Sampling()
RARE_HITS = 10  # fewer sampled cases of a state than this: an error of a third or more (1/√hits)
UNREACHED = 2**62  # a LIMIT that is never reached (see _through)


def count_states(sf: sessionmaker[Session], flt: CaseFilter, actor: Actor | None = None,
                 sampling: Sampling | None = None) -> StateCounts:
    """Cases per state under every filter except the state itself, plus 'overdue' (open and late) and
    'pending' (a return or extension waiting for the dispatcher).

    The states of work in hand (WORKING_STATES), 'overdue' and 'pending' are always counted (reached
    through the (status, received_at) index). The piling states (closed, merged) too when a sample of id
    windows (`sampling`, default COUNT_SAMPLING) says that one index reads the filter's cases in fewer than
    `exact_below` rows (a period, a small street, a leaf category; not a street with a big category, nor
    a common word that no index narrows), and are then read through that index; else they are estimated
    from that sample and listed in `estimated`.
    A word found in more than WORD_CANDIDATES_BY_ID cases, with no filter but the states: on SQLite closed
    and merged are estimated from every n-th candidate of the word index, the work in hand counted (on
    PostgreSQL as above). Never estimated
    for a unit handler, who sees only its unit's cases (visible_cases_clause): a sample of the district would
    say 约0 beside rows."""
    sampling = sampling or COUNT_SAMPLING
    now = clock.now()
    with sf() as s:
        plain = flt.with_changes(overdue=False, pending=False)
        search = _search_clause(s, plain.search)
        period = _period(plain)
        base = _where(s, plain.with_changes(search="", received_from=None, received_to=None), now,
                      with_status=False, actor=actor) + ([search] if search is not None else [])
        where = base + period
        restricted = actor is not None and actor.role == "handler"
        estimated = None if restricted else _estimated_counts(s, flt, now, where)
        if estimated is not None:
            return estimated
        # the ways an index reads the filter's cases: one filter with the period (every index of the cases
        # table ends with received_at), or the period alone; a common word is no way (no index narrows it)
        text = flt.search.strip()
        scanned = is_text_search(text) and not has_bad_character(text) and not _index_narrows(s, text)
        ways = [[c, *period] for c in base if not (scanned and c is search)] + ([period] if period else [])
        sample = None if restricted else _window_estimates(s, where, ways, sampling, period)
        if sample is None:  # a unit handler's cases, or a small table: counted as the planner likes
            counts = _counted(s.execute(_state_rows(now, *where)))
        elif sample.way is not None and sample.reads < sampling.exact_below:  # few: through that index
            counts = _counted(s.execute(_through(_state_rows(now, *where), sample.way)))
        else:
            counts = _working_counts(s, now, where, period)
            counts.update({st: sample.states.get(st, 0) for st in PILING_STATES})
            counts.estimated, counts.basis = frozenset(PILING_STATES), "ids"
            # a state the sample barely saw would read 约0 or 约N at ±50 %: counted when that state is small in
            # the period (by the same sample: no read in vain of a state too big to count)
            for st in PILING_STATES:
                if sample.hits.get(st, 0) < RARE_HITS and sample.sizes.get(st, 0) < sampling.exact_below:
                    exact = _rare_state(s, now, where, period, st, sampling.exact_below)
                    if exact is not None:
                        counts[st] = exact
                        counts.estimated -= {st}
    return counts


def _counted(rows) -> StateCounts:
    """The counts from `_state_rows`' rows: each state's cases, and 'overdue' and 'pending' summed over them."""
    counts = StateCounts.fromkeys(("overdue", "pending"), 0)
    for status, n, overdue, pending in rows:
        counts[status] = n
        counts["overdue"] += overdue or 0
        counts["pending"] += pending or 0
    return counts


def _state_rows(now: datetime, *where) -> Select:
    """(status, cases, of them overdue, of them pending) for the cases of `where`, one row per state."""
    return (select(Case.status, func.count(), func.sum(sql_case((_overdue(now), 1), else_=0)),
                   func.sum(sql_case((_pending(), 1), else_=0))).select_from(Case)
            .where(*where).group_by(Case.status))


def _through(query: Select, first: list, limit: int = UNREACHED) -> Select:
    """`query` (on cases) reading only the cases of `first`, by the index that serves `first`, and checking the
    rest of its WHERE on each: the cases of `first` as a subquery with a LIMIT, which neither SQLite nor
    PostgreSQL merges into the outer query. Without it SQLite (no statistics) reads a whole street or
    category through its index to count a few hundred open cases, or a sample's windows."""
    used = {e.key for e in iterate(query) if getattr(e, "table", None) is Case.__table__}  # not every text
    source = select(*[c for c in Case.__table__.columns if c.key in used]).where(*first).limit(limit)
    return ClauseAdapter(source.subquery("cases_read")).traverse(query)


@dataclass(frozen=True)
class _Sample:
    states: dict[str, int]  # the filter's cases per state, estimated
    way: list | None  # the cheapest of the ways asked about (None: none was given, a whole-table read)
    reads: int  # how many cases reading the filter's cases that way reads, estimated
    hits: dict[str, int] = field(default_factory=dict)  # the sampled cases per state behind `states`
    sizes: dict[str, int] = field(default_factory=dict)  # each state's cases in the period, any filter, estimated


def _window_estimates(s: Session, where: list, ways: list[list], sampling: Sampling,
                      period: list = ()) -> _Sample | None:
    """The cases per state under `where`, and the cheapest of `ways` (lists of clauses, each one an index
    reads) to read them with its cost, estimated from the id windows of `sampling` (scaled by the id
    span), and each state's cases in `period`; None when the windows would cover most ids (a small table:
    counting costs as little)."""
    low = s.scalar(select(func.min(Case.id)))  # apart: each is one step of the primary key, together a scan
    high = s.scalar(select(func.max(Case.id)))
    sampled = sampling.windows * sampling.width
    if low is None or high - low + 1 < 2 * sampled:
        return None
    span = high - low + 1
    step = span / sampling.windows
    # a list, not an OR of ranges (SQLite refuses an expression deeper than 1 000), written into the SQL:
    # 10 000 parameters cost PostgreSQL ~130 ms of planning, the literal list ~5 ms
    ids = [low + int(i * step) + j for i in range(sampling.windows) for j in range(sampling.width)]
    windows = Case.id.in_(bindparam("sample_ids", ids, expanding=True, literal_execute=True))

    def hits(clauses: list):
        return func.sum(sql_case((and_(*clauses), 1), else_=0)) if clauses else func.count()
    query = select(Case.status, hits(list(period)), hits(where), *map(hits, ways)).group_by(Case.status)
    rows = s.execute(_through(query, [windows], sampled)).all()
    scale = span / sampled
    sizes = {status: round((n or 0) * scale) for status, n, *_r in rows}
    states = {status: round((n or 0) * scale) for status, _p, n, *_w in rows}
    seen = {status: n or 0 for status, _p, n, *_w in rows}
    if not ways:
        return _Sample(states, None, span, seen, sizes)
    reads = [round(sum(r[3 + i] or 0 for r in rows) * scale) for i in range(len(ways))]
    cheapest = min(range(len(ways)), key=reads.__getitem__)
    return _Sample(states, ways[cheapest], reads[cheapest], seen, sizes)


def _rare_state(s: Session, now: datetime, where: list, period: list, status: str, limit: int) -> int | None:
    """The filter's cases in `status`, counted through the (status, received_at) index when that state holds
    fewer than `limit` cases in the period; None when it holds more (reading them would cost what the
    estimate avoids)."""
    found = func.sum(sql_case((and_(*where), 1), else_=0)) if where else func.count(Case.id)
    read, n = s.execute(_through(select(func.count(Case.id), found).select_from(Case),
                                 [Case.status == status, *period], limit)).one()
    return (n or 0) if read < limit else None


def _estimated_counts(s: Session, flt: CaseFilter, now: datetime, where: list) -> StateCounts | None:
    """SQLite: the counts of a common word alone, closed and merged from every n-th candidate of its FTS index,
    the work in hand counted (`_working_counts`). Not on PostgreSQL,
    where reading those candidates means visiting their rows (2.6 s for 漏水 at 10.4 M cases): a common word
    takes the id windows there (count_states), like a plain filter."""
    if s.get_bind().dialect.name == "postgresql":
        return None
    text = flt.search.strip()
    only_words = flt.with_changes(statuses=(), overdue=False, pending=False, search="") == CaseFilter()
    if not only_words or not is_text_search(text) or not word_search.indexed(text) or has_bad_character(text):
        return None
    total = word_candidates(s, text)
    if total is None or total < WORD_CANDIDATES_BY_ID:
        return None
    step = max(1, total // ESTIMATE_SAMPLE)
    sample = Case.id.in_(_fts_ids(word_search.fts_query(text)).where(literal_column("rowid") % step == 0))
    sampled = s.scalar(select(func.count()).select_from(Case).where(sample)) or 0
    if not sampled:
        return None
    rows = s.execute(_state_rows(now, sample, *where)).all()  # (a state in SQL would take the state index)
    scale = total / sampled
    scaled = {status: round(n * scale) for status, n, _o, _p in rows}
    counts = _working_counts(s, now, where)
    counts.update({st: scaled.get(st, 0) for st in PILING_STATES})  # each estimated state shown, 约0 too
    counts.estimated = frozenset(PILING_STATES)
    counts.basis = "words"
    return counts


def _working_counts(s: Session, now: datetime, where: list, period: list = ()) -> StateCounts:
    """The work in hand under `where`, with 超期 and 待审批 among it, counted exactly: read through the state index
    (a few thousand cases at any size) and each checked against `where` (a dispatcher reads 待派单 2, not 约0)."""
    working = [Case.status.in_(WORKING_STATES), *period]
    return _counted(s.execute(_through(_state_rows(now, Case.status.in_(WORKING_STATES), *where), working)))


# ---------------------------------------------------------------- one case

def case_detail(sf: sessionmaker[Session], case_id: int, actor: Actor | None = None) -> CaseDetail:
    """One case in full; with `actor`, as the actor may see it (another unit's case is not found; phone masked)."""
    detail = _case_detail(sf, case_id)
    if actor is None:
        return detail
    if not may_see_case(actor, list(detail.unit_chain)):
        raise NotFound("case", case_id)
    return privacy.masked(actor, detail)


def _case_detail(sf: sessionmaker[Session], case_id: int) -> CaseDetail:
    now = clock.now()
    with sf() as s:
        case = s.get(Case, case_id)
        if case is None:
            raise NotFound("case", case_id)
        names = dict(s.execute(select(Unit.id, Unit.name)).all())
        cat = s.get(Category, case.category_id) if case.category_id else None
        parent = s.get(Category, cat.parent_id) if cat is not None and cat.parent_id else None
        merged_into = s.get(Case, case.merged_into_id) if case.merged_into_id else None
        actor = aliased(Staff)
        events = [
            EventRow(e.at, e.action, e.from_status, e.to_status, names.get(e.unit_id), name, e.workstation, e.note)
            for e, name in s.execute(
                select(CaseEvent, actor.display_name).outerjoin(actor, actor.id == CaseEvent.actor_id)
                .where(CaseEvent.case_id == case_id).order_by(CaseEvent.at, CaseEvent.id))
        ]
        row = _row(case, now, nearly_overdue_window(s, now))
        return CaseDetail(
            case.id, case.case_no, case.version, case.status, case.received_at, case.channel, case.request_type,
            case.caller_name, case.caller_phone, case.confidential, case.address, names.get(case.street_id),
            names.get(case.community_id), f"{parent.name} / {cat.name}" if parent else (cat.name if cat else ""),
            case.description, case.urgency, case.deadline_tier, case.unit_id, names.get(case.unit_id),
            tuple(unit_chain(s, case.unit_id)), case.contact_deadline, case.reply_deadline, case.dispatched_at,
            case.signed_at, case.contacted_at, case.replied_at, case.reply_text, case.callback_due, case.closed_at,
            case.close_reason, merged_into.case_no if merged_into else None, case.repeat_count, case.reopen_count,
            case.pending_request, case.pending_note, case.pending_until, row.overdue, row.nearly_overdue, now, events,
            row.contact_missed, no_phone_reason=case.no_phone_reason)


def case_id_by_number(sf: sessionmaker[Session], case_no: str) -> int | None:
    with sf() as s:
        return s.scalar(select(Case.id).where(Case.case_no == case_no.strip()))


def _allowed_by_state(d: CaseDetail) -> set[str]:
    return case_states.allowed_actions(d.status, d.pending_request, d.close_reason)


UNIT_ACTIONS = ("sign", "contact", "reply", "request_return", "request_extension")


def available_actions(actor: Actor, d: CaseDetail) -> set[str]:
    """Actions the case's state and the actor's role allow (a unit handler only on its own unit's cases)."""
    return {action for action in _allowed_by_state(d) if allows(actor, action, d.unit_chain)}


# ---------------------------------------------------------------- intake helpers

def caller_history(sf: sessionmaker[Session], actor: Actor, phone: str, limit: int = 50) -> CallerHistory:
    """The caller's earlier cases (app.services.history: open ones first, then newest first) as `actor`
    may see them: phones masked; a unit handler gets only its unit's cases and never a confidential
    caller's (a number must not tell a unit who made a 保密 report)."""
    where = visible_cases_clause(actor) if actor.role == "handler" else None
    if privacy.hides_confidential(actor):
        where = and_(where, Case.confidential.is_(False)) if where is not None else Case.confidential.is_(False)
    with sf() as s:
        entries = history.caller_history(s, phone, limit, where)
        counts = (history.caller_counts(s, phone, LINKABLE_STATES, where) if len(entries) >= limit
                  else history.HistoryCounts(len(entries), sum(e.status in LINKABLE_STATES for e in entries)))
    rows = [privacy.masked(actor, HistoryRow(
        e.case_id, e.case_no, e.received_at, e.status, e.unit_name, e.category_name,
        " ".join((e.description or "").split())[:80], e.status in LINKABLE_STATES, e.caller_name, e.caller_phone,
        e.confidential)) for e in entries]
    return CallerHistory(rows, counts.total, counts.unfinished)


def possible_duplicates(sf: sessionmaker[Session], category_id: int | None, community_id: int | None,
                        limit: int = 20) -> list[HistoryRow]:
    """Open cases of the same category in the same community received in the last 30 days."""
    if category_id is None or community_id is None:
        return []
    since = clock.now() - timedelta(days=DUPLICATE_DAYS)
    with sf() as s:
        unit = aliased(Unit)
        rows = s.execute(
            select(Case.id, Case.case_no, Case.received_at, Case.status, unit.name, Category.name,
                   func.substr(Case.description, 1, 80))
            .outerjoin(unit, unit.id == Case.unit_id).outerjoin(Category, Category.id == Case.category_id)
            .where(Case.community_id == community_id, Case.category_id == category_id, Case.received_at >= since,
                   Case.status.in_(OPEN_STATES))
            .order_by(Case.received_at.desc()).limit(limit)).all()
    return [HistoryRow(r[0], r[1], r[2], r[3], r[4], r[5], " ".join((r[6] or "").split()), True) for r in rows]


def intake_preview(sf: sessionmaker[Session], category_id: int | None, street_id: int | None, urgency: str,
                   tier: str | None = None, community_id: int | None = None) -> IntakePreview:
    """What create_case would choose now: the handling unit (learned from history, else today's rule), two
    alternatives and the basis, and the deadlines of the tier."""
    now = clock.now()
    with sf() as s:
        learned = routing.suggest(s, category_id, street_id, community_id)
        unit_id = learned.unit_id if learned is not None else suggested_dispatch(s, category_id, street_id)
        suggested = suggest_unit(s, category_id, street_id) if unit_id is None else None
        chosen = tier or tier_for(s, category_id, urgency)
        d = deadlines_for(s, chosen, now)
    return IntakePreview(unit_id, chosen, d.contact_by, d.reply_by, suggested,
                         learned.alternatives if learned else (), learned.basis if learned else None)
