"""Rules that take effect from a date: deadline tiers, scoring weights, and other settings."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class DeadlineRule(Base):
    __tablename__ = "deadline_rules"
    __table_args__ = (UniqueConstraint("tier", "effective_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tier: Mapped[str] = mapped_column(String(16))  # urgent | utility | general | complex
    effective_from: Mapped[date] = mapped_column(Date)
    contact_hours: Mapped[int] = mapped_column(Integer)
    reply_hours: Mapped[int] = mapped_column(Integer)


class ScoringRule(Base):
    __tablename__ = "scoring_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    effective_from: Mapped[date] = mapped_column(Date, unique=True)
    w_response: Mapped[float] = mapped_column(Float)
    w_resolution: Mapped[float] = mapped_column(Float)
    w_satisfaction: Mapped[float] = mapped_column(Float)
    w_basic: Mapped[float] = mapped_column(Float)  # weight of 基本满意 in the satisfaction rate


class Setting(Base):
    """A named value in force from a date (callback attempts, callback window, governance cut…)."""

    __tablename__ = "settings"
    __table_args__ = (UniqueConstraint("key", "effective_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    effective_from: Mapped[date] = mapped_column(Date)
    value: Mapped[str] = mapped_column(String(200))
