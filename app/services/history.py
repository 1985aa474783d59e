"""A caller's earlier cases, for the receptionist while the phone rings: open ones first, then the latest."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, case, select
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


def _statement():
    """Built once: the lookup runs while the phone rings, so only the database work is left per call."""
    cases = Case.__table__
    handler = Unit.__table__.alias("handler")
    street = Unit.__table__.alias("street")
    categories = Category.__table__
    is_open = case((cases.c.status.in_(OPEN_STATES), 1), else_=0)
    return (
        select(cases.c.id, cases.c.case_no, cases.c.received_at, cases.c.status, is_open, cases.c.unit_id,
               handler.c.name, categories.c.name, street.c.name, cases.c.description)
        .select_from(cases)
        .outerjoin(handler, handler.c.id == cases.c.unit_id)
        .outerjoin(street, street.c.id == cases.c.street_id)
        .outerjoin(categories, categories.c.id == cases.c.category_id)
        .where(cases.c.caller_phone == bindparam("phone"))
        .order_by(is_open.desc(), cases.c.received_at.desc(), cases.c.id.desc())
        .limit(bindparam("limit"))
    )


_HISTORY = _statement()


def caller_history(session: Session, phone: str, limit: int = 20) -> list[HistoryEntry]:
    """The caller's cases by phone number (in any written form): open cases first, then the most recent."""
    number = normalize_phone(phone)
    if number is None:
        return []
    rows = session.execute(_HISTORY, {"phone": number, "limit": limit}).all()
    return [HistoryEntry(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6], r[7], r[8], r[9]) for r in rows]
