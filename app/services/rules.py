"""Rules in force on a date: deadline tiers, scoring weights, settings. Past periods keep the rules they had."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import DeadlineRule, ScoringRule, Setting
from app.services.errors import NotFound


@dataclass(frozen=True)
class Deadlines:
    tier: str
    contact_by: datetime
    reply_by: datetime


@dataclass(frozen=True)
class Scoring:
    effective_from: date
    w_response: float
    w_resolution: float
    w_satisfaction: float
    w_basic: float


def deadlines_for(session: Session, tier: str, received_at: datetime) -> Deadlines:
    rule = session.scalars(
        select(DeadlineRule)
        .where(DeadlineRule.tier == tier, DeadlineRule.effective_from <= received_at.date())
        .order_by(DeadlineRule.effective_from.desc())
        .limit(1)
    ).first()
    if rule is None:
        raise NotFound("deadline rule", tier)
    return Deadlines(
        tier,
        received_at + timedelta(hours=rule.contact_hours),
        received_at + timedelta(hours=rule.reply_hours),
    )


def scoring_for(session: Session, day: date) -> Scoring:
    """The scoring rule in force on `day` (for a period: its first day)."""
    rule = session.scalars(
        select(ScoringRule).where(ScoringRule.effective_from <= day).order_by(ScoringRule.effective_from.desc()).limit(1)
    ).first()
    if rule is None:
        rule = session.scalars(select(ScoringRule).order_by(ScoringRule.effective_from).limit(1)).first()
    if rule is None:
        return Scoring(date(2000, 1, 1), 0.10, 0.45, 0.45, 1.0)
    return Scoring(rule.effective_from, rule.w_response, rule.w_resolution, rule.w_satisfaction, rule.w_basic)


def setting(session: Session, key: str, day: date | None = None, default: str | None = None) -> str | None:
    q = select(Setting.value).where(Setting.key == key)
    if day is not None:
        q = q.where(Setting.effective_from <= day)
    value = session.scalars(q.order_by(Setting.effective_from.desc()).limit(1)).first()
    return value if value is not None else default


def int_setting(session: Session, key: str, day: date | None = None, default: int = 0) -> int:
    value = setting(session, key, day)
    return int(value) if value is not None else default
