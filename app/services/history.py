"""A caller's earlier cases, for the receptionist while the phone rings: open ones first, then the latest."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, bindparam, case, func, select
from sqlalchemy.orm import Session

from app.models import Case, Category, Unit
from app.services.lifecycle import OPEN_STATES
from app.services.validation import normalize_phone


@dataclass(frozen=True)
class HistoryEntry:
    case_id: int
    case_no: str
    received_at: datetime
    status: str
    is_open: bool
    unit_id: int | None
    unit_name: str | None
    category_name: str | None
    street_name: str | None
    description: str
    caller_name: str | None = None
    caller_phone: str | None = None
    confidential: bool = False


@dataclass(frozen=True)
class HistoryCounts:
    """All the caller's cases (not only the listed ones) and how many of them are not closed yet."""

    total: int
    unfinished: int


def _statement(where: ColumnElement[bool] | None = None):
    """Built once: the lookup runs while the phone rings, so only the database work is left per call."""
    cases = Case.__table__
    handler = Unit.__table__.alias("handler")
    street = Unit.__table__.alias("street")
    categories = Category.__table__
    is_open = case((cases.c.status.in_(OPEN_STATES), 1), else_=0)
    return (
        select(cases.c.id, cases.c.case_no, cases.c.received_at, cases.c.status, is_open, cases.c.unit_id,
               handler.c.name, categories.c.name, street.c.name, cases.c.description, cases.c.caller_name,
               cases.c.caller_phone, cases.c.confidential)
        .select_from(cases)
        .outerjoin(handler, handler.c.id == cases.c.unit_id)
        .outerjoin(street, street.c.id == cases.c.street_id)
        .outerjoin(categories, categories.c.id == cases.c.category_id)
        .where(cases.c.caller_phone == bindparam("phone"), *(() if where is None else (where,)))
        .order_by(is_open.desc(), cases.c.received_at.desc(), cases.c.id.desc())
        .limit(bindparam("limit"))
    )


_HISTORY = _statement()


def caller_history(session: Session, phone: str, limit: int = 20,
                   where: ColumnElement[bool] | None = None) -> list[HistoryEntry]:
    """The caller's cases by phone number (in any written form): open cases first, then the most recent.

    `where`: a further condition on the cases (which of them the asking staff member may see).
    """
    number = normalize_phone(phone)
    if number is None:
        return []
    statement = _HISTORY if where is None else _statement(where)
    rows = session.execute(statement, {"phone": number, "limit": limit}).all()
    return [HistoryEntry(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6], r[7], r[8], r[9], r[10], r[11], bool(r[12]))
            for r in rows]


def caller_counts(session: Session, phone: str, unfinished_states: tuple[str, ...],
                  where: ColumnElement[bool] | None = None) -> HistoryCounts:
    """How many cases the caller has in all (a list shows only the first `limit`), and how many are in
    `unfinished_states`."""
    number = normalize_phone(phone)
    if number is None:
        return HistoryCounts(0, 0)
    cases = Case.__table__
    row = session.execute(
        select(func.count(), func.coalesce(func.sum(case((cases.c.status.in_(unfinished_states), 1), else_=0)), 0))
        .where(cases.c.caller_phone == number, *(() if where is None else (where,)))).one()
    return HistoryCounts(int(row[0]), int(row[1]))
