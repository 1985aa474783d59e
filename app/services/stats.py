"""Summary counts per day, unit and category, kept in the same transaction as each lifecycle change.

Every case contributes counts (received, replied, callbacks…) to a few keys
(day, unit, category), and to one key of the place summary (month received, street, community,
category, unit: what the chronic watch list reads). A lifecycle change computes the case's contributions
before and after, and adds the difference to the summary tables; `rebuild` recomputes them from the cases
in SQL. A test checks that both ways agree after random lifecycle sequences.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import Date, Integer, bindparam, cast, delete, event, func, literal, select, union_all
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.models import COUNTERS, Callback, Case, StatDaily, StatMonthlyCategory, StatMonthlyUnit, StatPlace
from app.services import routing

Key = tuple[date, int, int]  # day, unit id (0: none), category id (0: none)
Contribution = dict[Key, dict[str, int]]
Place = tuple[date, int, int, int]  # month received, street id, community id, category id (0: none)
PLACE_COUNTERS = ("received", "reached", "resolved")  # the counters of StatPlace


def contributions(case: Case, callbacks: Iterable[Callback]) -> Contribution:
    """Everything one case adds to the summary: its own counts and those of its callbacks."""
    out = _case_counts(case)
    _add_callbacks(out, case.category_id, callbacks)
    return out


def _case_counts(case: Case) -> Contribution:
    """The case's own counts: received, and replied (late or not)."""
    out: Contribution = defaultdict(lambda: defaultdict(int))
    unit = case.unit_id or 0
    cat = case.category_id or 0
    out[(case.received_at.date(), unit, cat)]["received"] += 1
    if case.replied_at is not None:
        counts = out[(case.replied_at.date(), unit, cat)]
        counts["replied"] += 1
        if case.reply_deadline is not None and case.replied_at > case.reply_deadline:
            counts["overdue"] += 1
    return out


def _add_callbacks(out: Contribution, category_id: int | None, callbacks: Iterable[Callback]) -> None:
    cat = category_id or 0
    for cb in callbacks:
        counts = out[(cb.at.date(), cb.unit_id or 0, cat)]
        counts["callbacks"] += 1
        if cb.reached:
            counts["reached"] += 1
            counts["contacted"] += 1 if cb.contacted else 0
            counts["resolved"] += 1 if cb.resolved == "yes" else 0
            counts["partly"] += 1 if cb.resolved == "partly" else 0
            if cb.satisfaction in ("satisfied", "basic", "unsatisfied"):
                counts[cb.satisfaction] += 1


def _place_of(case: Case) -> Place:
    return (case.received_at.date().replace(day=1), case.street_id or 0, case.community_id or 0, case.category_id or 0)


def _place_counts(case: Case) -> Contribution:
    """The case's own count in the place summary: received, in its month and place, with its current unit."""
    out: Contribution = defaultdict(lambda: defaultdict(int))
    out[(*_place_of(case), case.unit_id or 0)]["received"] += 1
    return out


def _add_place_callbacks(out: Contribution, place: Place, callbacks: Iterable[Callback]) -> None:
    """Reached callbacks count in the place summary at the case's month and place, with the callback's unit."""
    for cb in callbacks:
        if cb.reached:
            counts = out[(*place, cb.unit_id or 0)]
            counts["reached"] += 1
            counts["resolved"] += 1 if cb.resolved == "yes" else 0


def difference(before: Contribution, after: Contribution) -> Contribution:
    diff: Contribution = {}
    for key in set(before) | set(after):
        b, a = before.get(key, {}), after.get(key, {})
        d = {c: a.get(c, 0) - b.get(c, 0) for c in set(a) | set(b)}
        d = {c: v for c, v in d.items() if v}
        if d:
            diff[key] = d
    return diff


def insert_for(dialect: str):
    """The INSERT construct with ON CONFLICT of the backend (SQLite or PostgreSQL)."""
    return sqlite.insert if dialect == "sqlite" else postgresql.insert


# The summary tables with their keys and a short name, in the order SQLite writes them (PostgreSQL: _pg_statement).
SUMMARY_TABLES = ((StatDaily, ("day", "unit_id", "category_id"), "d"), (StatMonthlyUnit, ("month", "unit_id"), "u"),
                  (StatMonthlyCategory, ("month", "category_id"), "c"),
                  (StatPlace, ("month", "street_id", "community_id", "category_id", "unit_id"), "p"))


def _counters(model) -> tuple[str, ...]:
    return PLACE_COUNTERS if model is StatPlace else COUNTERS
Rows = list[tuple[tuple, dict[str, int]]]  # (key, counts), sorted by key


@functools.lru_cache(maxsize=256)
def _upsert_statement(dialect: str, model, key_names: tuple[str, ...], touched: tuple[str, ...]):
    """Built once per table and set of counters, so SQLAlchemy compiles it once."""
    insert = insert_for(dialect)
    table = model.__table__
    stmt = insert(table)
    return stmt.on_conflict_do_update(index_elements=list(key_names),
                                      set_={c: table.c[c] + stmt.excluded[c] for c in touched})


def _touched(rows: Rows) -> tuple[str, ...]:
    return tuple(sorted({c for _key, counts in rows for c in counts}))


def _upsert(session: Session, model, key_names: tuple[str, ...], rows: Rows) -> None:
    """Adds the rows' counts to the table (rows in key order, so that locks are taken in that order)."""
    stmt = _upsert_statement(session.get_bind().dialect.name, model, key_names, _touched(rows))
    params = [{**dict(zip(key_names, key, strict=True)), **{c: counts.get(c, 0) for c in _counters(model)}}
              for key, counts in rows]
    session.execute(stmt, params)


@functools.lru_cache(maxsize=512)
def _pg_statement(dialect, shape: tuple[tuple[int, int, tuple[str, ...]], ...]) -> str:
    """PostgreSQL: the upserts of several summary tables as one statement, compiled once per shape.

    (SQLAlchemy does not cache the compiled form of a multi-row INSERT … ON CONFLICT with WITH parts,
    and compiling it costs more than running it: so it is compiled here, once, and run as SQL text.)

    shape: (index in SUMMARY_TABLES, number of rows, counters touched) per table with rows, in
    SUMMARY_TABLES order. The last table is the main statement and the others are WITH parts:
    PostgreSQL runs the main statement first, then the WITH parts in reverse order, so the rows
    are locked place first, then monthly category, monthly unit, then daily, whatever the shape
    (tests/test_concurrency.py checks that order on the server).
    """
    parts = []
    for index, n, touched in shape:
        model, keys, name = SUMMARY_TABLES[index]
        table = model.__table__
        values = [{c: bindparam(f"{name}{i}_{c}") for c in (*keys, *_counters(model))} for i in range(n)]
        stmt = postgresql.insert(table).values(values)
        parts.append(stmt.on_conflict_do_update(index_elements=list(keys),
                                                set_={c: table.c[c] + stmt.excluded[c] for c in touched}))
    *ctes, main = parts
    stmt = main.add_cte(*(cte.cte(SUMMARY_TABLES[index][2]) for cte, (index, _n, _t) in zip(ctes, shape[:-1], strict=True)))
    return str(stmt.compile(dialect=dialect))


def _upsert_together(session: Session, tables: list[tuple[int, Rows]]) -> None:
    """One round trip for every summary row of a change: the rows shared by every workstation stay locked shorter."""
    params = {}
    for index, rows in tables:
        model, keys, name = SUMMARY_TABLES[index]
        for i, (key, counts) in enumerate(rows):
            params.update({f"{name}{i}_{k}": v for k, v in zip(keys, key, strict=True)})
            params.update({f"{name}{i}_{c}": counts.get(c, 0) for c in _counters(model)})
    connection = session.connection()
    sql = _pg_statement(connection.dialect, tuple((index, len(rows), _touched(rows)) for index, rows in tables))
    connection.exec_driver_sql(sql, params)


def _summed(rows: Iterable[tuple[tuple, dict[str, int]]]) -> Rows:
    """Adds counts per key, drops zero counts and keys, and sorts by key."""
    total: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for key, counts in rows:
        for c, v in counts.items():
            total[key][c] += v
    out = [(key, {c: v for c, v in counts.items() if v}) for key, counts in total.items()]
    return sorted((key, counts) for key, counts in out if counts)


def apply(session: Session, delta: Contribution, place: Contribution | None = None) -> None:
    """Add a difference of contributions to the daily and monthly summary tables (and `place`'s to StatPlace).

    Two concurrent transactions lock the summary rows they share in the same order (no deadlock
    on PostgreSQL): within a table in key order, and the tables always in the same order (SQLite:
    one statement per table, daily first; PostgreSQL: one statement for all, see _pg_statement).
    A move between two keys of the same month (a dispatch) cancels out in the monthly table and
    writes nothing there.
    """
    daily = _summed(delta.items())
    # no monthly row for "no unit yet" (unit 0): every new case and every dispatch would lock it, and
    # the district's totals come from the monthly category table, which holds every case
    units = _summed(((day.replace(day=1), unit), counts) for (day, unit, _cat), counts in daily if unit)
    cats = _summed(((day.replace(day=1), cat), counts) for (day, _unit, cat), counts in daily)
    places = _summed(place.items()) if place else []
    tables = [(index, rows) for index, rows in enumerate((daily, units, cats, places)) if rows]
    if not tables:
        return
    if session.get_bind().dialect.name == "postgresql":
        _upsert_together(session, tables)
        return
    for index, rows in tables:
        model, keys, _name = SUMMARY_TABLES[index]
        _upsert(session, model, keys, rows)


TRACKER_KEY = "stats.tracker"


class Tracker:
    """Records a case's contributions before a change and applies the difference after it.

    Callbacks are append-only and a change keeps the case's category and place, so the callbacks stored
    before a change contribute the same before and after it and cancel out: only the case's own
    counts and the callbacks added by this transaction are compared, and no callback is read.
    (A change of category or place would move every callback's counts: then the stored ones are read.)
    The callbacks added are collected at each flush of the session (_collect_callbacks).
    """

    def __init__(self, session: Session, case: Case | None):
        self.session = session
        self.case_id = case.id if case is not None else None
        self.category_id = case.category_id if case is not None else None
        self.before: Contribution = _case_counts(case) if case is not None else defaultdict(lambda: defaultdict(int))
        self.place = _place_of(case) if case is not None else None
        self.place_before: Contribution = (_place_counts(case) if case is not None
                                           else defaultdict(lambda: defaultdict(int)))
        self.added: list[Callback] = []
        self.routing = routing.Watch(session, case)  # routing_counts: where cases finally ended, and returns
        session.info[TRACKER_KEY] = self

    def commit(self, case: Case) -> None:
        self.session.flush()
        self.session.info.pop(TRACKER_KEY, None)
        before, after = self.before, _case_counts(case)
        place_before, place_after, place = self.place_before, _place_counts(case), _place_of(case)
        if self.case_id is not None and (case.category_id != self.category_id or place != self.place):
            added = {id(cb) for cb in self.added}
            stored = [cb for cb in self.session.scalars(select(Callback).where(Callback.case_id == case.id))
                      if id(cb) not in added]
            _add_callbacks(before, self.category_id, stored)
            _add_callbacks(after, case.category_id, stored)
            _add_place_callbacks(place_before, self.place, stored)
            _add_place_callbacks(place_after, place, stored)
        _add_callbacks(after, case.category_id, self.added)
        _add_place_callbacks(place_after, place, self.added)
        apply(self.session, difference(before, after), difference(place_before, place_after))
        self.routing.commit(self.session, case)


@event.listens_for(Session, "before_flush")
def _collect_callbacks(session: Session, _context, _instances) -> None:
    tracker = session.info.get(TRACKER_KEY)
    if tracker is not None:
        tracker.added.extend(o for o in session.new
                             if isinstance(o, Callback) and (tracker.case_id is None or o.case_id == tracker.case_id))


def _day(col, dialect: str):
    return func.date(col) if dialect == "sqlite" else cast(col, Date)


def _month(col, dialect: str):
    if dialect == "sqlite":
        return func.date(col, "start of month")
    return cast(func.date_trunc("month", col), Date)


def rebuild(session: Session) -> int:
    """Recompute every summary table (and routing_counts) from the cases and callbacks; returns the number of
    daily rows."""
    dialect = session.get_bind().dialect.name
    zero = {c: literal(0, Integer) for c in COUNTERS}

    def part(day, unit, cat, where=None, frm=None, **counts):
        cols = [day.label("day"), func.coalesce(unit, 0).label("unit_id"), func.coalesce(cat, 0).label("category_id")]
        cols += [(counts.get(c, zero[c])).label(c) for c in COUNTERS]
        q = select(*cols)
        if frm is not None:
            q = q.select_from(frm)
        return q.where(where) if where is not None else q

    one = literal(1, Integer)
    received = part(_day(Case.received_at, dialect), Case.unit_id, Case.category_id, received=one)
    late = func.coalesce(cast(Case.replied_at > Case.reply_deadline, Integer), 0)
    replied = part(_day(Case.replied_at, dialect), Case.unit_id, Case.category_id, Case.replied_at.is_not(None),
                   replied=one, overdue=late)
    reached = cast(Callback.reached, Integer)

    def when(cond):
        return func.coalesce(cast(cond, Integer), 0)

    callbacks = part(
        _day(Callback.at, dialect), Callback.unit_id, Case.category_id, None,
        frm=Callback.__table__.join(Case.__table__, Callback.case_id == Case.id),
        callbacks=one, reached=reached,
        contacted=when(Callback.reached & Callback.contacted.is_(True)),
        resolved=when(Callback.reached & (Callback.resolved == "yes")),
        partly=when(Callback.reached & (Callback.resolved == "partly")),
        satisfied=when(Callback.reached & (Callback.satisfaction == "satisfied")),
        basic=when(Callback.reached & (Callback.satisfaction == "basic")),
        unsatisfied=when(Callback.reached & (Callback.satisfaction == "unsatisfied")),
    )
    parts = union_all(received, replied, callbacks).subquery()
    grouped = select(
        parts.c.day, parts.c.unit_id, parts.c.category_id, *[func.sum(parts.c[c]) for c in COUNTERS]
    ).group_by(parts.c.day, parts.c.unit_id, parts.c.category_id)

    for model in (StatDaily, StatMonthlyUnit, StatMonthlyCategory, StatPlace):
        session.execute(delete(model))
    cols = ["day", "unit_id", "category_id", *COUNTERS]
    session.execute(StatDaily.__table__.insert().from_select(cols, grouped))
    sums = [func.sum(StatDaily.__table__.c[c]) for c in COUNTERS]
    month = _month(StatDaily.day, dialect)
    session.execute(
        StatMonthlyUnit.__table__.insert().from_select(
            ["month", "unit_id", *COUNTERS],
            select(month, StatDaily.unit_id, *sums).where(StatDaily.unit_id != 0).group_by(month, StatDaily.unit_id)
        )
    )
    session.execute(
        StatMonthlyCategory.__table__.insert().from_select(
            ["month", "category_id", *COUNTERS],
            select(month, StatDaily.category_id, *sums).group_by(month, StatDaily.category_id),
        )
    )
    session.execute(place_rebuild_statement(dialect))
    routing.rebuild(session)
    return session.scalar(select(func.count()).select_from(StatDaily)) or 0


def place_rebuild_statement(dialect: str):
    """INSERT … SELECT of every StatPlace row from the cases and their reached callbacks (the table is empty)."""
    month = _month(Case.received_at, dialect)
    place = (month.label("month"), func.coalesce(Case.street_id, 0).label("street_id"),
             func.coalesce(Case.community_id, 0).label("community_id"),
             func.coalesce(Case.category_id, 0).label("category_id"))
    one, zero = literal(1, Integer), literal(0, Integer)
    received = select(*place, func.coalesce(Case.unit_id, 0).label("unit_id"), one.label("received"),
                      zero.label("reached"), zero.label("resolved"))
    reached = (select(*place, func.coalesce(Callback.unit_id, 0).label("unit_id"), zero.label("received"),
                      one.label("reached"), func.coalesce(cast(Callback.resolved == "yes", Integer), 0).label("resolved"))
               .select_from(Callback.__table__.join(Case.__table__, Callback.case_id == Case.id))
               .where(Callback.reached.is_(True)))
    parts = union_all(received, reached).subquery()
    keys = [parts.c[k] for k in SUMMARY_TABLES[3][1]]
    grouped = select(*keys, *[func.sum(parts.c[c]) for c in PLACE_COUNTERS]).group_by(*keys)
    return StatPlace.__table__.insert().from_select([*SUMMARY_TABLES[3][1], *PLACE_COUNTERS], grouped)
