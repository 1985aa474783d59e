"""What only an administrator changes: units, categories, key topics per year, deadline tiers, scoring weights, settings.

Rules take effect from a date: a change inserts a new DeadlineRule / ScoringRule / Setting row in
force from that date (today or later), so past periods keep the rules they were judged by; rows
already in force are never rewritten. Every change is written to the access log.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased, sessionmaker

from app.models import (
    UNIT_KIND_LEVEL,
    AccessLog,
    Category,
    DeadlineRule,
    KeyTopic,
    ScoringRule,
    Setting,
    Unit,
)
from app.services import clock
from app.services.actors import Actor
from app.services.directory import (
    ALIASES_LENGTH,
    SORT_KEY_LENGTH,
    join_aliases,
    place_sort_key,
    split_aliases,
)
from app.services.errors import FieldProblem, NotFound, ValidationFailed
from app.services.permissions import require
from app.services.reference import DEFAULT_SETTINGS
from app.services.rules import SETTING_DEFAULTS
from app.services.validation import DEADLINE_TIERS, character_problem, is_blank

KEY_TOPIC_SCOPES = ("municipal", "district")
# settings an administrator may change, with their defaults (all whole numbers ≥ 1)
EDITABLE_SETTINGS: dict[str, str] = {**DEFAULT_SETTINGS, **{
    key: str(SETTING_DEFAULTS[key]) for key in ("login.max_failures", "login.lock_minutes")}}
MAX_POPULATION = 10_000_000


def _log(s: Session, actor: Actor, action: str, detail: str) -> None:
    s.add(AccessLog(at=clock.now(), staff_id=actor.staff_id, workstation=actor.workstation, action=action,
                    case_id=None, detail=detail[:1000]))


def _raise(problems: list[FieldProblem]) -> None:
    if problems:
        raise ValidationFailed(problems)


def _effective_problem(effective_from: date | None, today: date) -> FieldProblem | None:
    if effective_from is None:
        return FieldProblem("effective_from", "required")
    if effective_from < today:
        return FieldProblem("effective_from", "in_past", f"{today:%Y-%m-%d}")
    return None


# ---------------------------------------------------------------- units

@dataclass(frozen=True)
class UnitRow:
    id: int
    code: str
    name: str
    kind: str
    level: int
    parent_id: int | None
    parent_name: str | None
    population: int | None
    active: bool
    sort_key: str = ""  # the key in force (the stored one, or the name's pinyin)
    aliases: tuple[str, ...] = ()


def _unit_rows(s: Session, *where) -> list[UnitRow]:
    """Units by level, then by sort key (the order every list of units has)."""
    parent = aliased(Unit)
    rows = [UnitRow(u.id, u.code, u.name, u.kind, u.level, u.parent_id, pname, u.population, bool(u.active),
                    u.sort_key or place_sort_key(u.name), split_aliases(u.aliases))
            for u, pname in s.execute(select(Unit, parent.name).outerjoin(parent, parent.id == Unit.parent_id)
                                      .where(*where))]
    return sorted(rows, key=lambda r: (r.level, r.sort_key, r.name))


SORT_KEY = re.compile(r"[a-z0-9]+( [a-z0-9]+)*")


def _sort_key_problem(key: str) -> FieldProblem | None:
    if len(key) > SORT_KEY_LENGTH:
        return FieldProblem("sort_key", "too_long", str(SORT_KEY_LENGTH))
    if not SORT_KEY.fullmatch(key):
        return FieldProblem("sort_key", "not_allowed", key)
    return None


def _aliases_problem(s: Session, aliases: tuple[str, ...], unit_id: int | None) -> FieldProblem | None:
    if len(join_aliases(aliases) or "") > ALIASES_LENGTH:
        return FieldProblem("aliases", "too_long", str(ALIASES_LENGTH))
    taken = s.scalar(select(Unit.name).where(Unit.name.in_(aliases), Unit.id != (unit_id or -1)))
    if taken:  # another unit's own name: the picker would offer two units for it
        return FieldProblem("aliases", "duplicate", taken)
    return None


def list_units(sf: sessionmaker[Session]) -> list[UnitRow]:
    with sf() as s:
        return _unit_rows(s)


def _unit_name_problem(s: Session, name: str, unit_id: int | None) -> FieldProblem | None:
    if is_blank(name):
        return FieldProblem("name", "required")
    if len(name) > 64:
        return FieldProblem("name", "too_long", "64")
    if problem := character_problem("name", name):
        return problem
    if s.scalar(select(Unit.id).where(Unit.name == name, Unit.id != (unit_id or -1))):
        return FieldProblem("name", "duplicate", name)
    return None


def _population_problem(population: int | None) -> FieldProblem | None:
    if population is not None and not (0 <= population <= MAX_POPULATION):
        return FieldProblem("population", "out_of_range", f"0–{MAX_POPULATION}")
    return None


def update_unit(sf: sessionmaker[Session], actor: Actor, unit_id: int, name: str, population: int | None,
                active: bool, sort_key: str | None = None, aliases: str | tuple[str, ...] | None = None) -> UnitRow:
    """`sort_key`: None keeps it (a key that was the old name's pinyin follows a new name), "" sets the
    name's pinyin, else the pinyin given (lower-case letters and digits, words separated by spaces).
    `aliases`: None keeps them, else the new list (text separated by 、 , or spaces, or a tuple)."""
    require(actor, "edit_units")
    with sf.begin() as s:
        unit = s.get(Unit, unit_id)
        if unit is None:
            raise NotFound("unit", unit_id)
        name = (name or "").strip()
        problems = [_unit_name_problem(s, name, unit.id), _population_problem(population)]
        old_key = unit.sort_key or place_sort_key(unit.name)
        if sort_key is None:
            key = place_sort_key(name) if old_key == place_sort_key(unit.name) else old_key
        else:
            key = " ".join(sort_key.lower().split()) or place_sort_key(name)
            problems.append(_sort_key_problem(key))
        names = split_aliases(unit.aliases) if aliases is None else \
            split_aliases(aliases) if isinstance(aliases, str) else split_aliases("、".join(aliases))
        problems.append(_aliases_problem(s, names, unit.id))
        _raise([p for p in problems if p])
        detail = (f"{unit.code}: {unit.name}/{unit.population}/{unit.active}/{old_key}/{unit.aliases or ''} → "
                  f"{name}/{population}/{active}/{key}/{join_aliases(names) or ''}")
        unit.name, unit.population, unit.active = name, population, active
        unit.sort_key, unit.aliases = key, join_aliases(names)
        _log(s, actor, "admin_unit", detail)
        return _unit_rows(s, Unit.id == unit_id)[0]


def create_unit(sf: sessionmaker[Session], actor: Actor, code: str, name: str, kind: str, parent_id: int | None,
                population: int | None = None) -> UnitRow:
    """A new unit (a new community, a new section of a bureau) under its parent of the level above."""
    require(actor, "edit_units")
    with sf.begin() as s:
        code, name = (code or "").strip(), (name or "").strip()
        problems = [p for p in (_unit_name_problem(s, name, None), _population_problem(population)) if p]
        if not re.fullmatch(r"[A-Za-z0-9_\-]{1,32}", code):
            problems.append(FieldProblem("code", "required" if not code else "not_allowed", code))
        elif s.scalar(select(Unit.id).where(Unit.code == code)):
            problems.append(FieldProblem("code", "duplicate", code))
        level = UNIT_KIND_LEVEL.get(kind)
        if level is None:
            problems.append(FieldProblem("kind", "not_allowed", kind))
        parent = s.get(Unit, parent_id) if parent_id is not None else None
        if level is not None and level > 1 and (parent is None or parent.level != level - 1):
            problems.append(FieldProblem("parent", "required" if parent_id is None else "not_allowed", str(parent_id)))
        _raise(problems)
        unit = Unit(code=code, name=name, kind=kind, level=level, parent_id=parent.id if parent else None,
                    population=population, is_demo=False, active=True, sort_key=place_sort_key(name) if name else None)
        s.add(unit)
        s.flush()  # the new id
        _log(s, actor, "admin_unit", f"new {code} {name} {kind}")
        return _unit_rows(s, Unit.id == unit.id)[0]


# ---------------------------------------------------------------- categories and key topics

@dataclass(frozen=True)
class CategoryRow:
    id: int
    code: str
    name: str
    parent_id: int | None
    parent_name: str | None
    default_handler: str | None  # a unit code, or "street"
    deadline_tier: str | None
    active: bool


def _category_rows(s: Session, *where) -> list[CategoryRow]:
    parent = aliased(Category)
    rows = s.execute(select(Category, parent.name).outerjoin(parent, parent.id == Category.parent_id).where(*where)
                     .order_by(Category.code))
    return [CategoryRow(c.id, c.code, c.name, c.parent_id, pname, c.default_handler, c.deadline_tier,
                        bool(c.active)) for c, pname in rows]


def list_categories(sf: sessionmaker[Session]) -> list[CategoryRow]:
    with sf() as s:
        return _category_rows(s)


def update_category(sf: sessionmaker[Session], actor: Actor, category_id: int, name: str,
                    default_handler: str | None, deadline_tier: str | None, active: bool) -> CategoryRow:
    """default_handler: a unit code, "street" (the street of the address) or None (the parent's)."""
    require(actor, "edit_categories")
    with sf.begin() as s:
        cat = s.get(Category, category_id)
        if cat is None:
            raise NotFound("category", category_id)
        name = (name or "").strip()
        handler = (default_handler or "").strip() or None
        tier = deadline_tier or None
        problems = []
        if is_blank(name):
            problems.append(FieldProblem("name", "required"))
        elif len(name) > 64:
            problems.append(FieldProblem("name", "too_long", "64"))
        elif problem := character_problem("name", name):
            problems.append(problem)
        elif s.scalar(select(Category.id).where(Category.name == name, Category.id != cat.id)):
            problems.append(FieldProblem("name", "duplicate", name))
        if handler not in (None, "street") and s.scalar(select(Unit.id).where(Unit.code == handler)) is None:
            problems.append(FieldProblem("default_handler", "unknown", handler))
        if tier is not None and tier not in DEADLINE_TIERS:
            problems.append(FieldProblem("deadline_tier", "not_allowed", tier))
        _raise(problems)
        detail = (f"{cat.code}: {cat.name}/{cat.default_handler}/{cat.deadline_tier}/{cat.active} → "
                  f"{name}/{handler}/{tier}/{active}")
        cat.name, cat.default_handler, cat.deadline_tier, cat.active = name, handler, tier, active
        _log(s, actor, "admin_category", detail)
        return _category_rows(s, Category.id == category_id)[0]


@dataclass(frozen=True)
class KeyTopicRow:
    id: int
    year: int
    category_id: int
    category_name: str
    scope: str


def _key_topic_rows(s: Session, *where) -> list[KeyTopicRow]:
    rows = s.execute(select(KeyTopic, Category.name).join(Category, Category.id == KeyTopic.category_id)
                     .where(*where).order_by(KeyTopic.scope.desc(), Category.code))
    return [KeyTopicRow(k.id, k.year, k.category_id, name, k.scope) for k, name in rows]


def list_key_topics(sf: sessionmaker[Session], year: int) -> list[KeyTopicRow]:
    with sf() as s:
        return _key_topic_rows(s, KeyTopic.year == year)


def set_key_topic(sf: sessionmaker[Session], actor: Actor, year: int, category_id: int, scope: str) -> KeyTopicRow:
    """Name a category a key topic of the year (or change its scope)."""
    require(actor, "edit_categories")
    with sf.begin() as s:
        problems = []
        if not (2000 <= year <= 2100):
            problems.append(FieldProblem("year", "out_of_range", "2000–2100"))
        if s.get(Category, category_id) is None:
            problems.append(FieldProblem("category", "unknown", str(category_id)))
        if scope not in KEY_TOPIC_SCOPES:
            problems.append(FieldProblem("scope", "not_allowed", scope))
        _raise(problems)
        topic = s.scalar(select(KeyTopic).where(KeyTopic.year == year, KeyTopic.category_id == category_id))
        if topic is None:
            topic = KeyTopic(year=year, category_id=category_id, scope=scope)
            s.add(topic)
        topic.scope = scope
        _log(s, actor, "admin_key_topic", f"{year} category={category_id} {scope}")
        return _key_topic_rows(s, KeyTopic.year == year, KeyTopic.category_id == category_id)[0]


def remove_key_topic(sf: sessionmaker[Session], actor: Actor, year: int, category_id: int) -> None:
    require(actor, "edit_categories")
    with sf.begin() as s:
        topic = s.scalar(select(KeyTopic).where(KeyTopic.year == year, KeyTopic.category_id == category_id))
        if topic is None:
            raise NotFound("key topic", f"{year}/{category_id}")
        s.delete(topic)
        _log(s, actor, "admin_key_topic", f"{year} category={category_id} removed")


# ---------------------------------------------------------------- rules in force from a date

@dataclass(frozen=True)
class DeadlineRow:
    id: int
    tier: str
    effective_from: date
    contact_hours: int
    reply_hours: int


@dataclass(frozen=True)
class ScoringRow:
    id: int
    effective_from: date
    w_response: float
    w_resolution: float
    w_satisfaction: float
    w_basic: float


@dataclass(frozen=True)
class SettingRow:
    id: int
    key: str
    effective_from: date
    value: str


def list_deadline_rules(sf: sessionmaker[Session]) -> list[DeadlineRow]:
    with sf() as s:
        return [DeadlineRow(r.id, r.tier, r.effective_from, r.contact_hours, r.reply_hours)
                for r in s.scalars(select(DeadlineRule).order_by(DeadlineRule.effective_from.desc(), DeadlineRule.tier))]


def list_scoring_rules(sf: sessionmaker[Session]) -> list[ScoringRow]:
    with sf() as s:
        return [ScoringRow(r.id, r.effective_from, r.w_response, r.w_resolution, r.w_satisfaction, r.w_basic)
                for r in s.scalars(select(ScoringRule).order_by(ScoringRule.effective_from.desc()))]


def list_settings(sf: sessionmaker[Session]) -> list[SettingRow]:
    with sf() as s:
        return [SettingRow(r.id, r.key, r.effective_from, r.value)
                for r in s.scalars(select(Setting).order_by(Setting.key, Setting.effective_from.desc()))]


def add_deadline_rule(sf: sessionmaker[Session], actor: Actor, tier: str, effective_from: date, contact_hours: int,
                      reply_hours: int, today: date | None = None) -> DeadlineRow:
    require(actor, "edit_rules")
    today = today or clock.now().date()
    with sf.begin() as s:
        problems = [p for p in (_effective_problem(effective_from, today),) if p]
        if tier not in DEADLINE_TIERS:
            problems.append(FieldProblem("deadline_tier", "not_allowed", tier))
        if not (1 <= contact_hours <= 24 * 60):
            problems.append(FieldProblem("contact_hours", "out_of_range", "1–1440"))
        if not (1 <= reply_hours <= 24 * 60):
            problems.append(FieldProblem("reply_hours", "out_of_range", "1–1440"))
        elif contact_hours > reply_hours:
            problems.append(FieldProblem("contact_hours", "after_reply"))
        if not problems and s.scalar(select(DeadlineRule.id).where(DeadlineRule.tier == tier,
                                                                  DeadlineRule.effective_from == effective_from)):
            problems.append(FieldProblem("effective_from", "duplicate", f"{tier} {effective_from:%Y-%m-%d}"))
        _raise(problems)
        rule = DeadlineRule(tier=tier, effective_from=effective_from, contact_hours=contact_hours, reply_hours=reply_hours)
        s.add(rule)
        s.flush()
        _log(s, actor, "admin_rule", f"deadline {tier} from {effective_from}: {contact_hours}h/{reply_hours}h")
        return DeadlineRow(rule.id, tier, effective_from, contact_hours, reply_hours)


def add_scoring_rule(sf: sessionmaker[Session], actor: Actor, effective_from: date, w_response: float,
                     w_resolution: float, w_satisfaction: float, w_basic: float,
                     today: date | None = None) -> ScoringRow:
    """Weights of the composite score (they must add up to 1) and of 基本满意 in the satisfaction rate."""
    require(actor, "edit_rules")
    today = today or clock.now().date()
    with sf.begin() as s:
        problems = [p for p in (_effective_problem(effective_from, today),) if p]
        weights = {"w_response": w_response, "w_resolution": w_resolution, "w_satisfaction": w_satisfaction,
                   "w_basic": w_basic}
        for field, value in weights.items():
            if not (0.0 <= value <= 1.0):
                problems.append(FieldProblem(field, "out_of_range", "0–1"))
        if abs(w_response + w_resolution + w_satisfaction - 1.0) > 1e-6:
            problems.append(FieldProblem("weights", "bad_sum", f"{w_response + w_resolution + w_satisfaction:.4f}"))
        if not problems and s.scalar(select(ScoringRule.id).where(ScoringRule.effective_from == effective_from)):
            problems.append(FieldProblem("effective_from", "duplicate", f"{effective_from:%Y-%m-%d}"))
        _raise(problems)
        rule = ScoringRule(effective_from=effective_from, **weights)
        s.add(rule)
        s.flush()
        _log(s, actor, "admin_rule", f"scoring from {effective_from}: {w_response}/{w_resolution}/{w_satisfaction} basic={w_basic}")
        return ScoringRow(rule.id, effective_from, w_response, w_resolution, w_satisfaction, w_basic)


def add_setting(sf: sessionmaker[Session], actor: Actor, key: str, effective_from: date, value: str,
                today: date | None = None) -> SettingRow:
    require(actor, "edit_rules")
    today = today or clock.now().date()
    with sf.begin() as s:
        value = (value or "").strip()
        problems = [p for p in (_effective_problem(effective_from, today),) if p]
        if key not in EDITABLE_SETTINGS:
            problems.append(FieldProblem("setting", "not_allowed", key))
        if not value.isdigit() or int(value) < 1:
            problems.append(FieldProblem("value", "not_whole_number", value))
        if not problems and s.scalar(select(Setting.id).where(Setting.key == key, Setting.effective_from == effective_from)):
            problems.append(FieldProblem("effective_from", "duplicate", f"{key} {effective_from:%Y-%m-%d}"))
        _raise(problems)
        row = Setting(key=key, effective_from=effective_from, value=str(int(value)))
        s.add(row)
        s.flush()
        _log(s, actor, "admin_rule", f"setting {key} from {effective_from}: {row.value}")
        return SettingRow(row.id, key, effective_from, row.value)
