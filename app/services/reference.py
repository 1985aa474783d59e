"""Loads the shipped Fengtai reference data (units, categories, key topics, default rules) into an empty database."""
from __future__ import annotations

import csv
from datetime import date
from importlib.resources import files
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import UNIT_KIND_LEVEL, Category, DeadlineRule, KeyTopic, ScoringRule, Setting, Unit
from app.models.governance import Season, SeasonCategory
from app.services.directory import join_aliases, place_sort_key, split_aliases
from app.services.rules import SETTING_DEFAULTS

REFERENCE_DIR = Path(str(files("resources") / "reference"))  # package data: also in an installed wheel
# Rules shipped with the product are in force from this date on (before any case of the seed).
RULES_FROM = date(2000, 1, 1)

DEFAULT_DEADLINES = {  # tier: (contact within hours, reply within hours), docs/RULES.md
    "urgent": (2, 24),
    "utility": (2, 24),
    "general": (24, 7 * 24),
    "complex": (24, 15 * 24),
}
# settings written into an empty database (their values: rules.SETTING_DEFAULTS)
DEFAULT_SETTINGS = {key: str(SETTING_DEFAULTS[key]) for key in (
    "callback.max_attempts", "callback.window_hours", "governance.top_n", "case.nearly_overdue_hours")}


def _read(name: str) -> list[dict[str, str]]:
    with open(REFERENCE_DIR / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_reference_data(session_factory: sessionmaker[Session]) -> bool:
    """Fill an empty database; returns False (and changes nothing) when units already exist."""
    with session_factory.begin() as s:
        if s.scalar(select(func.count()).select_from(Unit)):
            return False
        _load_units(s)
        _load_categories(s)
        for tier, (contact, reply) in DEFAULT_DEADLINES.items():
            s.add(DeadlineRule(tier=tier, effective_from=RULES_FROM, contact_hours=contact, reply_hours=reply))
        s.add(ScoringRule(effective_from=RULES_FROM, w_response=0.10, w_resolution=0.45, w_satisfaction=0.45, w_basic=1.0))
        for key, value in DEFAULT_SETTINGS.items():
            s.add(Setting(key=key, effective_from=RULES_FROM, value=value))
        _load_seasons(s)
    return True


def _load_seasons(s: Session) -> None:
    categories = dict(s.execute(select(Category.code, Category.id)).all())
    for row in _read("seasons.csv"):
        season = Season(name=row["name"], first_day=row["first_day"], last_day=row["last_day"], active=True)
        s.add(season)
        s.flush()
        for code in row["category_codes"].split():
            s.add(SeasonCategory(season_id=season.id, category_id=categories[code]))


def _load_units(s: Session) -> None:
    ids: dict[str, int] = {}
    for row in _read("units.csv"):  # parents come before their children in the file
        unit = Unit(
            code=row["code"],
            name=row["name"],
            kind=row["kind"],
            level=UNIT_KIND_LEVEL[row["kind"]],
            parent_id=ids.get(row["parent_code"]) if row["parent_code"] else None,
            population=int(row["population"]) if row["population"] else None,
            is_demo=False,
            active=True,
            note=row["note"] or None,
            sort_key=row.get("sort_key") or place_sort_key(row["name"]),
            aliases=join_aliases(split_aliases(row.get("aliases"))),
        )
        s.add(unit)
        s.flush()
        ids[unit.code] = unit.id


def _load_categories(s: Session) -> None:
    ids: dict[str, int] = {}
    for row in _read("categories.csv"):
        cat = Category(
            code=row["code"],
            name=row["name"],
            parent_id=ids.get(row["parent_code"]) if row["parent_code"] else None,
            default_handler=row["default_handler"] or None,
            deadline_tier=row["deadline_tier"] or None,
            active=True,
        )
        s.add(cat)
        s.flush()
        ids[cat.code] = cat.id
        if row["key_topic_2022"]:
            s.add(KeyTopic(year=2022, category_id=cat.id, scope=row["key_topic_2022"]))
