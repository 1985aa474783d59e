"""Cases (诉求/工单), their append-only event timeline, callbacks, and the per-day case number counter."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base
from app.models.codes import Channel, RequestType, Status, Urgency

# All times are naive local times of the district (Asia/Shanghai, UTC+8 all year, no DST).


def one_of(column: str, codes) -> str:
    """The SQL of a CHECK that `column` holds one of the codes (a StrEnum of app/services/case_states.py)."""
    return f"{column} IN ({', '.join(repr(str(c)) for c in codes)})"


# the codes the database accepts (named ck_cases_<name> by the naming convention; migration 0011_state_checks)
CASE_CHECKS = {"status": one_of("status", Status), "request_type": one_of("request_type", RequestType),
               "channel": one_of("channel", Channel), "urgency": one_of("urgency", Urgency)}


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_status_reply_deadline", "status", "reply_deadline"),
        Index("ix_cases_unit_received", "unit_id", "received_at"),
        Index("ix_cases_community_category_received", "community_id", "category_id", "received_at"),
        Index("ix_cases_status_replied", "status", "replied_at"),
        # the cases table: one state, street or category, newest first; by deadline (migration 0002_intake)
        Index("ix_cases_status_received", "status", "received_at"),
        Index("ix_cases_street_received", "street_id", "received_at"),
        Index("ix_cases_category_received", "category_id", "received_at"),
        Index("ix_cases_reply_deadline", "reply_deadline"),
        *(CheckConstraint(sql, name=name) for name, sql in CASE_CHECKS.items()),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_no: Mapped[str] = mapped_column(String(32), unique=True)
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    channel: Mapped[str] = mapped_column(String(16))
    request_type: Mapped[str] = mapped_column(String(16))
    caller_name: Mapped[str | None] = mapped_column(String(64))
    caller_phone: Mapped[str | None] = mapped_column(String(32), index=True)
    # why a call has no number (withheld, not shown); the phone is then NULL and the case never matches a number
    no_phone_reason: Mapped[str | None] = mapped_column(String(100))
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    address: Mapped[str | None] = mapped_column(String(200))
    street_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    community_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    urgency: Mapped[str] = mapped_column(String(8), default="normal")
    deadline_tier: Mapped[str] = mapped_column(String(16), default="general")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    status: Mapped[str] = mapped_column(String(16))
    contact_deadline: Mapped[datetime | None] = mapped_column(DateTime)
    reply_deadline: Mapped[datetime | None] = mapped_column(DateTime)
    dispatched_at: Mapped[datetime | None] = mapped_column(DateTime)
    signed_at: Mapped[datetime | None] = mapped_column(DateTime)
    contacted_at: Mapped[datetime | None] = mapped_column(DateTime)
    replied_at: Mapped[datetime | None] = mapped_column(DateTime)
    reply_text: Mapped[str | None] = mapped_column(Text)
    replied_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    callback_due: Mapped[datetime | None] = mapped_column(DateTime)
    callback_attempts: Mapped[int] = mapped_column(Integer, default=0)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    close_reason: Mapped[str | None] = mapped_column(String(16))  # callback | unreachable | answered | merged
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    repeat_count: Mapped[int] = mapped_column(Integer, default=0)
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    # a unit's request waiting for the dispatcher: "return" (退单) or "extension" (延期)
    pending_request: Mapped[str | None] = mapped_column(String(16))
    pending_note: Mapped[str | None] = mapped_column(Text)
    pending_until: Mapped[datetime | None] = mapped_column(DateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}


class CaseEvent(Base):
    """One change of a case. Rows are only ever inserted."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    action: Mapped[str] = mapped_column(String(24))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str | None] = mapped_column(String(16))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    workstation: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)


class Callback(Base):
    """One callback attempt: reached or not, and when reached the three answers."""

    __tablename__ = "callbacks"
    __table_args__ = (
        UniqueConstraint("case_id", "round", "attempt"),
        Index("ix_callbacks_at", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    round: Mapped[int] = mapped_column(Integer)  # the case's reopen_count when the callback was made
    attempt: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime)
    clerk_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))  # the unit the answers judge
    reached: Mapped[bool] = mapped_column(Boolean)
    contacted: Mapped[bool | None] = mapped_column(Boolean)
    resolved: Mapped[str | None] = mapped_column(String(8))  # yes | partly | no
    satisfaction: Mapped[str | None] = mapped_column(String(12))  # satisfied | basic | unsatisfied
    remark: Mapped[str | None] = mapped_column(Text)


class CaseNumberCounter(Base):
    """Last case number issued per day, so numbers are unique and gap-free under simultaneous intake."""

    __tablename__ = "case_number_counters"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class CallbackClaim(Base):
    """A callback clerk's hold on a replied case while calling the citizen, so that other clerks take other cases.

    Live workstation state, not history: one row per case at most, replaced when it has expired or
    when its workstation takes another case.
    """

    __tablename__ = "callback_claims"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    workstation: Mapped[str] = mapped_column(String(64))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    until: Mapped[datetime] = mapped_column(DateTime)
