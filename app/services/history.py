"""A caller's earlier cases, for the receptionist while the phone rings: open ones first, then the latest."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, select
from sqlalchemy.orm import Session, aliased

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


def caller_history(session: Session, phone: str, limit: int = 20) -> list[HistoryEntry]:
    """The caller's cases by phone number (in any written form): open cases first, then the most recent."""
    number = normalize_phone(phone)
    if number is None:
        return []
    handler = aliased(Unit)
    street = aliased(Unit)
    is_open = case((Case.status.in_(OPEN_STATES), 1), else_=0)
    rows = session.execute(
        select(Case.id, Case.case_no, Case.received_at, Case.status, is_open, Case.unit_id, handler.name,
               Category.name, street.name, Case.description)
        .outerjoin(handler, handler.id == Case.unit_id)
        .outerjoin(street, street.id == Case.street_id)
        .outerjoin(Category, Category.id == Case.category_id)
        .where(Case.caller_phone == number)
        .order_by(is_open.desc(), Case.received_at.desc(), Case.id.desc())
        .limit(limit)
    ).all()
    return [HistoryEntry(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6], r[7], r[8], r[9]) for r in rows]
