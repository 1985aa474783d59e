"""Routing summary: where cases of a kind and place finally ended, by month (app/services/routing.py).

Kept in the same transaction as the lifecycle change that closes, reopens or returns a case, like the
stat_* tables; `routing.rebuild` recomputes it from the cases. 0 in street_id / community_id: not known.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class RoutingCount(Base):
    __tablename__ = "routing_counts"
    __table_args__ = (Index("ix_routing_counts_category_month", "category_id", "month"),)

    # key order: a suggestion reads one category, one street, one community (a prefix of the primary key)
    category_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    street_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    community_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)  # first day of the month
    handled: Mapped[int] = mapped_column(Integer, default=0)  # cases closed that month with this final unit
    first_right: Mapped[int] = mapped_column(Integer, default=0)  # of those, never returned (退单)
    returned: Mapped[int] = mapped_column(Integer, default=0)  # returns from this unit approved that month
