"""Summary counts per day, unit and category, kept in the same transaction as each lifecycle change.

Every case contributes counts (received, replied, callbacks…) to a few keys
(day, unit, category). A lifecycle change computes the case's contributions before and after,
and adds the difference to the summary tables; `rebuild` recomputes them from the cases in SQL.
A test checks that both ways agree after random lifecycle sequences.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import Date, Integer, cast, delete, func, literal, select, union_all
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.models import COUNTERS, Callback, Case, StatDaily, StatMonthlyCategory, StatMonthlyUnit

Key = tuple[date, int, int]  # day, unit id (0: none), category id (0: none)
Contribution = dict[Key, dict[str, int]]


def contributions(case: Case, callbacks: Iterable[Callback]) -> Contribution:
    out: Contribution = defaultdict(lambda: defaultdict(int))
    unit = case.unit_id or 0
    cat = case.category_id or 0
    out[(case.received_at.date(), unit, cat)]["received"] += 1
    if case.replied_at is not None:
        counts = out[(case.replied_at.date(), unit, cat)]
        counts["replied"] += 1
        if case.reply_deadline is not None and case.replied_at > case.reply_deadline:
            counts["overdue"] += 1
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
    return out


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


@functools.lru_cache(maxsize=256)
def _upsert_statement(dialect: str, model, key_names: tuple[str, ...], touched: tuple[str, ...]):
    """Built once per table and set of counters, so SQLAlchemy compiles it once."""
    insert = insert_for(dialect)
    table = model.__table__
    stmt = insert(table)
    return stmt.on_conflict_do_update(index_elements=list(key_names),
                                      set_={c: table.c[c] + stmt.excluded[c] for c in touched})


def _upsert(session: Session, model, key_names: tuple[str, ...], rows: list[tuple[tuple, dict[str, int]]]) -> None:
    """Adds the rows' counts to the table (rows in key order, so that locks are taken in that order)."""
    if not rows:
        return
    touched = tuple(sorted({c for _key, counts in rows for c in counts}))
    stmt = _upsert_statement(session.get_bind().dialect.name, model, key_names, touched)
    params = [{**dict(zip(key_names, key, strict=True)), **{c: counts.get(c, 0) for c in COUNTERS}}
              for key, counts in rows]
    session.execute(stmt, params)


def _summed(rows: Iterable[tuple[tuple, dict[str, int]]]) -> list[tuple[tuple, dict[str, int]]]:
    """Adds counts per key, drops zero counts and keys, and sorts by key."""
    total: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for key, counts in rows:
        for c, v in counts.items():
            total[key][c] += v
    out = [(key, {c: v for c, v in counts.items() if v}) for key, counts in total.items()]
    return sorted((key, counts) for key, counts in out if counts)


def apply(session: Session, delta: Contribution) -> None:
    """Add a difference of contributions to the daily and monthly summary tables.

    Rows are written table by table in key order, so that two concurrent transactions lock the
    summary rows they share in the same order (no deadlock on PostgreSQL); a move between two keys
    of the same month (a dispatch) cancels out in the monthly table and writes nothing there.
    """
    daily = _summed(delta.items())
    units = _summed(((day.replace(day=1), unit), counts) for (day, unit, _cat), counts in daily)
    cats = _summed(((day.replace(day=1), cat), counts) for (day, _unit, cat), counts in daily)
    _upsert(session, StatDaily, ("day", "unit_id", "category_id"), daily)
    _upsert(session, StatMonthlyUnit, ("month", "unit_id"), units)
    _upsert(session, StatMonthlyCategory, ("month", "category_id"), cats)


class Tracker:
    """Records a case's contributions before a change and applies the difference after it."""

    def __init__(self, session: Session, case: Case | None):
        self.session = session
        self.loaded = self._callbacks(case) if case is not None else []
        self.before: Contribution = contributions(case, self.loaded) if case is not None else {}

    def _callbacks(self, case: Case) -> list[Callback]:
        if case.id is None:
            return []
        return list(self.session.scalars(select(Callback).where(Callback.case_id == case.id)))

    def commit(self, case: Case, callbacks_added: bool = True) -> None:
        """callbacks_added=False: the change added no callback, so those loaded before still hold (one query less)."""
        self.session.flush()
        callbacks = self._callbacks(case) if callbacks_added else self.loaded
        apply(self.session, difference(self.before, contributions(case, callbacks)))


def _day(col, dialect: str):
    return func.date(col) if dialect == "sqlite" else cast(col, Date)


def _month(col, dialect: str):
    if dialect == "sqlite":
        return func.date(col, "start of month")
    return cast(func.date_trunc("month", col), Date)


def rebuild(session: Session) -> int:
    """Recompute every summary table from the cases and callbacks; returns the number of daily rows."""
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

    for model in (StatDaily, StatMonthlyUnit, StatMonthlyCategory):
        session.execute(delete(model))
    cols = ["day", "unit_id", "category_id", *COUNTERS]
    session.execute(StatDaily.__table__.insert().from_select(cols, grouped))
    sums = [func.sum(StatDaily.__table__.c[c]) for c in COUNTERS]
    month = _month(StatDaily.day, dialect)
    session.execute(
        StatMonthlyUnit.__table__.insert().from_select(
            ["month", "unit_id", *COUNTERS], select(month, StatDaily.unit_id, *sums).group_by(month, StatDaily.unit_id)
        )
    )
    session.execute(
        StatMonthlyCategory.__table__.insert().from_select(
            ["month", "category_id", *COUNTERS],
            select(month, StatDaily.category_id, *sums).group_by(month, StatDaily.category_id),
        )
    )
    return session.scalar(select(func.count()).select_from(StatDaily)) or 0
