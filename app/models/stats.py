"""Summary counts kept in the same transaction as each lifecycle change, so dashboards never scan cases.

unit_id 0 means "no handling unit yet"; category_id 0 means "not classified".
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base
from app.summary_tables import COUNTERS  # noqa: F401  (one list, beside the Core tables the figures are read from)


class _Counters:
    received: Mapped[int] = mapped_column(Integer, default=0)
    replied: Mapped[int] = mapped_column(Integer, default=0)
    overdue: Mapped[int] = mapped_column(Integer, default=0)
    callbacks: Mapped[int] = mapped_column(Integer, default=0)
    reached: Mapped[int] = mapped_column(Integer, default=0)
    contacted: Mapped[int] = mapped_column(Integer, default=0)
    resolved: Mapped[int] = mapped_column(Integer, default=0)
    partly: Mapped[int] = mapped_column(Integer, default=0)
    satisfied: Mapped[int] = mapped_column(Integer, default=0)
    basic: Mapped[int] = mapped_column(Integer, default=0)
    unsatisfied: Mapped[int] = mapped_column(Integer, default=0)


class StatDaily(_Counters, Base):
    __tablename__ = "stat_daily"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    unit_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category_id: Mapped[int] = mapped_column(Integer, primary_key=True)


class StatMonthlyUnit(_Counters, Base):
    """Per month and handling unit; cases without a unit yet are only in StatDaily and StatMonthlyCategory."""

    __tablename__ = "stat_monthly_unit"

    month: Mapped[date] = mapped_column(Date, primary_key=True)  # first day of the month
    unit_id: Mapped[int] = mapped_column(Integer, primary_key=True)


class StatMonthlyCategory(_Counters, Base):
    __tablename__ = "stat_monthly_category"

    month: Mapped[date] = mapped_column(Date, primary_key=True)
    category_id: Mapped[int] = mapped_column(Integer, primary_key=True)


class StatPlace(Base):
    """Per month received, place (street, community), category and unit: what the chronic watch list reads.

    A case counts in the month it was received, with its current handling unit (0: none yet; street,
    community and category 0: not given). Its reached callbacks count in the same month and place, with the
    unit the callback was about (Callback.unit_id, which never changes), so that re-dispatching a case does not
    move the counts of its stored callbacks.
    """

    __tablename__ = "stat_place"

    month: Mapped[date] = mapped_column(Date, primary_key=True)  # first day of the month the case was received
    street_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    community_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    received: Mapped[int] = mapped_column(Integer, default=0)
    reached: Mapped[int] = mapped_column(Integer, default=0)  # reached callbacks of those cases
    resolved: Mapped[int] = mapped_column(Integer, default=0)  # … answered "solved"
