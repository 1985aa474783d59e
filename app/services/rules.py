"""Rules in force on a date: deadline tiers, scoring weights, settings. Past periods keep the rules they had."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from app.services import statements
from app.services.errors import NotFound

if TYPE_CHECKING:  # scoring and settings are read with Core statements (a Session or a Connection)
    from sqlalchemy.orm import Session


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


@functools.cache
def _deadline_rule_statement():
    """Built once: every intake asks for it."""
    from sqlalchemy import Date, bindparam, select

    from app.models import DeadlineRule

    return (select(DeadlineRule)
            .where(DeadlineRule.tier == bindparam("tier"), DeadlineRule.effective_from <= bindparam("day", type_=Date))
            .order_by(DeadlineRule.effective_from.desc()).limit(1))


def deadlines_for(session: Session, tier: str, received_at: datetime) -> Deadlines:
    rule = session.scalars(_deadline_rule_statement(), {"tier": tier, "day": received_at.date()}).first()
    if rule is None:
        raise NotFound("deadline rule", tier)
    return Deadlines(
        tier,
        received_at + timedelta(hours=rule.contact_hours),
        received_at + timedelta(hours=rule.reply_hours),
    )


def scoring_for(session: Session, day: date) -> Scoring:
    """The scoring rule in force on `day` (for a period: its first day)."""
    rule = next(iter(statements.fetch(session, "app.services.rules:scoring_in_force_statement", {"day": day})), None)
    if rule is None:
        rule = next(iter(statements.fetch(session, "app.services.rules:first_scoring_statement")), None)
    if rule is None:
        return Scoring(date(2000, 1, 1), 0.10, 0.45, 0.45, 1.0)
    return Scoring(*rule)


def scoring_columns():
    """The scoring rules' table and the columns of Scoring in its order (every reader of the rules selects these)."""
    from app import summary_tables as tables

    t = tables.scoring_rules
    return t, (t.c.effective_from, t.c.w_response, t.c.w_resolution, t.c.w_satisfaction, t.c.w_basic)


@functools.cache
def scoring_in_force_statement():
    """The latest rule in force on the day `day` (the columns of Scoring in its order)."""
    from sqlalchemy import Date, bindparam, select

    t, columns = scoring_columns()
    return (select(*columns).where(t.c.effective_from <= bindparam("day", type_=Date))
            .order_by(t.c.effective_from.desc()).limit(1))


@functools.cache
def first_scoring_statement():
    """The first rule (a day before every rule's start falls back to it)."""
    from sqlalchemy import select

    t, columns = scoring_columns()
    return select(*columns).order_by(t.c.effective_from).limit(1)


@functools.cache
def _setting_statement():
    """Built once: replies and callbacks ask for settings."""
    from sqlalchemy import Date, bindparam, select

    from app import summary_tables as tables

    t = tables.settings
    return (select(t.c.value)
            .where(t.c.key == bindparam("key"), t.c.effective_from <= bindparam("day", type_=Date))
            .order_by(t.c.effective_from.desc()).limit(1))


def setting(session: Session, key: str, day: date | None = None, default: str | None = None) -> str | None:
    """The setting's value in force on `day` (without a day: the latest value)."""
    value = session.scalars(_setting_statement(), {"key": key, "day": day or date.max}).first()
    return value if value is not None else default


# The value of each setting where the database holds none in force (the shipped defaults). An empty
# database gets the first four as rows (app/services/reference.py); all but the last are editable.
SETTING_DEFAULTS: dict[str, int] = {
    "callback.max_attempts": 3,  # failed attempts before a case closes as unreachable
    "callback.window_hours": 72,  # a callback is due this long after the reply
    "governance.top_n": 5,  # streets in the governance class (治理类) of the watch list
    "case.nearly_overdue_hours": 4,  # a case this close to its reply deadline stands out
    "login.max_failures": 5,  # wrong passwords in a row before an account locks
    "login.lock_minutes": 15,  # how long it stays locked
    "hotspot.min_cases": 5,  # a surge (app/services/hotspots.py) has at least this many cases
    "chronic.months": 6,  # a chronic problem (app/services/watch.py) has cases in this many of 12 months
    "chronic.address_months": 3,  # an address called about again and again: cases in this many of 12 months
    "watch.top_n": 20,  # the seasonal watch list's length, and the top list a season is counted in
    "task.effect_weeks": 8,  # a proactive task's effect: these many weeks after closing against before
    "callback.retry_minutes": 30,  # a citizen not reached waits this long before the queue offers them again
    "report.improved_n": 3,  # the monthly report's 进步较大: this many streets with the largest score change
    "report.bottom_n": 3,  # the monthly report's 约谈名单: the last this many ranked streets and towns
}


def int_setting(session: Session, key: str, day: date | None = None, default: int | None = None) -> int:
    """The whole-number setting in force on `day`; without a row, `default` or the shipped default."""
    value = setting(session, key, day)
    if value is not None:
        return int(value)
    return default if default is not None else SETTING_DEFAULTS[key]


def tier_hours(sf, day: date) -> dict[str, tuple[int, int]]:
    """The contact and reply limits (hours) of each tier in force on `day`, for showing them; a tier
    without a rule is left out. The administrator changes them (rules page): never write them down."""
    from sqlalchemy import select

    from app.models import DeadlineRule  # the ORM only here (rank starts without it)

    limits = {}
    with sf() as s:
        for rule in s.scalars(select(DeadlineRule).where(DeadlineRule.effective_from <= day)
                              .order_by(DeadlineRule.effective_from)):
            limits[rule.tier] = (rule.contact_hours, rule.reply_hours)  # the latest one wins
    return limits
