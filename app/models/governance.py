"""Governance data that is not a citizen's request: the seasons the watch list looks back on."""
from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class Season(Base):
    """A yearly season of some categories (供暖 11-15 … 03-15): where its calls came from is fixed before it comes."""

    __tablename__ = "seasons"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)
    first_day: Mapped[str] = mapped_column(String(5))  # MM-DD
    last_day: Mapped[str] = mapped_column(String(5))  # MM-DD; before first_day: the season runs into the next year
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class SeasonCategory(Base):
    __tablename__ = "season_categories"

    season_id: Mapped[int] = mapped_column(ForeignKey("seasons.id"), primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), primary_key=True)
