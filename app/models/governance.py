"""Governance data that is not a citizen's request: seasons, proactive tasks, monthly key-topic plans (每月一题)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
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


class ProactiveTask(Base):
    """A task the district gives a unit before the citizens call (主动治理任务). Not a citizen's request: it
    never counts in the volumes or the three rates."""

    __tablename__ = "proactive_tasks"
    __table_args__ = (Index("ix_proactive_tasks_status_due", "status", "due"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    detail: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16))  # surge | chronic | seasonal | manual
    street_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    community_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    address: Mapped[str | None] = mapped_column(String(200))
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"))
    season_id: Mapped[int | None] = mapped_column(ForeignKey("seasons.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    due: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))  # open | reported | closed
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    reported_at: Mapped[datetime | None] = mapped_column(DateTime)
    report: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}


class TaskEvent(Base):
    """One step of a task. Rows are only ever inserted."""

    __tablename__ = "task_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("proactive_tasks.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    action: Mapped[str] = mapped_column(String(16))  # create | report | close
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    workstation: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)


class TopicPlan(Base):
    """A month's plan for one key topic (每月一题): who leads it, which streets take part, and its target."""

    __tablename__ = "topic_plans"
    __table_args__ = (UniqueConstraint("month", "category_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(Date)  # the first day of the month
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"))
    leader: Mapped[str] = mapped_column(String(64))  # the leading district official, by name
    lead_unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    target_change: Mapped[float] = mapped_column(Float)  # e.g. -0.20: 20 % fewer cases than the same month last year
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class TopicPlanStreet(Base):
    __tablename__ = "topic_plan_streets"

    plan_id: Mapped[int] = mapped_column(ForeignKey("topic_plans.id"), primary_key=True)
    street_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
