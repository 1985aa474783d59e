"""Organisation and classification: units in three levels, the category tree, key topics per year."""
from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base

# kind -> level (1: district and its hotline centre, 2: streets/towns/bureaus/companies,
# 3: communities/villages and sections/stations/teams)
UNIT_KIND_LEVEL = {
    "district": 1,
    "hotline_centre": 1,
    "street": 2,
    "town": 2,
    "bureau": 2,
    "company": 2,
    "community": 3,
    "section": 3,
}


class Unit(Base):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    level: Mapped[int] = mapped_column(Integer)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    population: Mapped[int | None] = mapped_column(Integer)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str | None] = mapped_column(String(200))
    # the pinyin that orders lists and breaks ranking ties (None: computed from the name), and other
    # names people use for the unit, joined with 、 (app/services/directory.py); migration 0005
    sort_key: Mapped[str | None] = mapped_column(String(128))
    aliases: Mapped[str | None] = mapped_column(String(200))


class Category(Base):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), index=True)
    # a unit code, or "street" for the street of the case's address
    default_handler: Mapped[str | None] = mapped_column(String(32))
    deadline_tier: Mapped[str | None] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class KeyTopic(Base):
    """A category named a key topic (每月一题, "17+4") for one year, by the city or the district."""

    __tablename__ = "key_topics"
    __table_args__ = (UniqueConstraint("year", "category_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"))
    scope: Mapped[str] = mapped_column(String(16))  # municipal | district
