"""An in-memory picture of the units and categories (a few hundred rows), for lookups by id, code and name.

Units carry a sort key (pinyin with the readings places really have: 长辛店 is "chang xin dian", not the
dictionary's "zhang") that orders every list of units and breaks ranking ties, and aliases (住建委 for
丰台区住房和城乡建设委员会) that the pickers search like names. Both are the administrator's to edit;
`place_sort_key(name)` gives the default key and `Directory.sort_key(unit)` the one in force.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.services import statements

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker


@dataclass(frozen=True)
class UnitInfo:
    id: int
    code: str
    name: str
    kind: str
    level: int
    parent_id: int | None
    population: int | None
    is_demo: bool
    active: bool
    sort_key: str | None = None  # as stored (None: not set; Directory.sort_key computes the default)
    aliases: tuple[str, ...] = ()


# Readings that pypinyin's dictionary gets wrong in place names (checked against the official
# romanisation: Changxindian, Chang'an, Changyang); the longest match is used first.
PLACE_READINGS = {
    "长辛店": ("chang", "xin", "dian"),
    "长安": ("chang", "an"),
    "长阳": ("chang", "yang"),
    "长椿": ("chang", "chun"),
}
ALIAS_SEPARATOR = "、"
SORT_KEY_LENGTH, ALIASES_LENGTH = 128, 200


def place_sort_key(name: str) -> str:
    """The default sort key: the name's pinyin, syllables separated by spaces, with PLACE_READINGS."""
    from pypinyin import lazy_pinyin  # a large dictionary: loaded only when a key has to be computed

    out: list[str] = []
    i = 0
    while i < len(name):
        phrase = next((p for p in sorted(PLACE_READINGS, key=len, reverse=True) if name.startswith(p, i)), None)
        if phrase is not None:
            out.extend(PLACE_READINGS[phrase])
            i += len(phrase)
            continue
        j = i
        while j < len(name) and not any(name.startswith(p, j) for p in PLACE_READINGS):
            j += 1
        out.extend(s.lower() for s in lazy_pinyin(name[i:j]))
        i = j
    return " ".join(out)[:SORT_KEY_LENGTH]


def split_aliases(text: str | None) -> tuple[str, ...]:
    """Aliases as typed or stored: separated by 、 , ， ; ； or spaces; empty ones and repeats dropped."""
    parts = (p.strip() for p in re.split(r"[、,，;；\s]+", text or ""))
    return tuple(dict.fromkeys(p for p in parts if p))


def join_aliases(aliases: Iterable[str]) -> str | None:
    """How aliases are stored: joined with 、 (None when there are none)."""
    return ALIAS_SEPARATOR.join(aliases) or None


@dataclass(frozen=True)
class CategoryInfo:
    id: int
    code: str
    name: str
    parent_id: int | None
    default_handler: str | None
    deadline_tier: str | None
    active: bool


@dataclass
class Directory:
    units: dict[int, UnitInfo]
    categories: dict[int, CategoryInfo]
    key_topics: dict[int, dict[int, str]]  # year -> category id -> scope
    _unit_by_name: dict[str, UnitInfo] = field(default_factory=dict)
    _unit_by_code: dict[str, UnitInfo] = field(default_factory=dict)
    _cat_by_name: dict[str, CategoryInfo] = field(default_factory=dict)
    _sort_keys: dict[int, str] = field(default_factory=dict)

    def __post_init__(self):
        self._unit_by_name = {u.name: u for u in self.units.values()}
        self._unit_by_code = {u.code: u for u in self.units.values()}
        self._cat_by_name = {c.name: c for c in self.categories.values()}

    @classmethod
    def load(cls, session: Session) -> Directory:
        """`session`: a Session, a Connection or the SQLite reader (app/services/statements.py)."""
        units = {
            row[0]: UnitInfo(*row[:9], row[9] or None, split_aliases(row[10]))
            for row in statements.fetch(session, "app.services.directory:units_statement")
        }
        cats = {row[0]: CategoryInfo(*row)
                for row in statements.fetch(session, "app.services.directory:categories_statement")}
        topics: dict[int, dict[int, str]] = {}
        for year, category_id, scope in statements.fetch(session, "app.services.directory:key_topics_statement"):
            topics.setdefault(year, {})[category_id] = scope
        return cls(units, cats, topics)

    def unit_by_name(self, name: str) -> UnitInfo | None:
        return self._unit_by_name.get(name)

    def unit_by_code(self, code: str) -> UnitInfo | None:
        return self._unit_by_code.get(code)

    def sort_key(self, unit: UnitInfo | int) -> str:
        """The unit's sort key: the administrator's, else the pinyin of its name (place_sort_key)."""
        info = self.units[unit] if isinstance(unit, int) else unit
        if info.sort_key:
            return info.sort_key
        key = self._sort_keys.get(info.id)
        if key is None:
            key = self._sort_keys[info.id] = place_sort_key(info.name)
        return key

    def in_order(self, units: Iterable[UnitInfo]) -> list[UnitInfo]:
        """Units as every list shows them: by sort key, then name."""
        return sorted(units, key=lambda u: (self.sort_key(u), u.name))

    def category_by_name(self, name: str) -> CategoryInfo | None:
        return self._cat_by_name.get(name)

    def ancestors(self, unit_id: int) -> list[UnitInfo]:
        """The unit itself, then its parent, up to the top."""
        chain = []
        current = self.units.get(unit_id)
        while current is not None:
            chain.append(current)
            current = self.units.get(current.parent_id) if current.parent_id else None
        return chain

    def ancestor_in(self, unit_id: int | None, group: set[int]) -> int | None:
        """The unit of `group` that is this unit or one of its ancestors, if any."""
        if not unit_id:
            return None
        for u in self.ancestors(unit_id):
            if u.id in group:
                return u.id
        return None

    def children(self, unit_id: int) -> list[UnitInfo]:
        return sorted((u for u in self.units.values() if u.parent_id == unit_id), key=lambda u: u.code)

    def streets(self) -> list[UnitInfo]:
        """Streets and towns (街道/乡镇), by official code."""
        return sorted((u for u in self.units.values() if u.kind in ("street", "town")), key=lambda u: u.code)

    def bureaus(self) -> list[UnitInfo]:
        return sorted((u for u in self.units.values() if u.kind in ("bureau", "company")), key=lambda u: u.code)

    def hotline_centre(self) -> UnitInfo | None:
        return next((u for u in self.units.values() if u.kind == "hotline_centre"), None)

    def leaf_categories(self) -> list[CategoryInfo]:
        parents = {c.parent_id for c in self.categories.values() if c.parent_id}
        return sorted((c for c in self.categories.values() if c.id not in parents), key=lambda c: c.code)

    def category_path(self, category_id: int | None) -> str:
        c = self.categories.get(category_id) if category_id else None
        if c is None:
            return ""
        parent = self.categories.get(c.parent_id) if c.parent_id else None
        return f"{parent.name} / {c.name}" if parent else c.name


# ---------------------------------------------------------------- the statements (app/services/statements.py)

def units_statement():
    """The columns of UnitInfo in its order (Core tables: loading the directory needs no ORM)."""
    from sqlalchemy import select

    from app import summary_tables as tables

    u = tables.units
    return select(u.c.id, u.c.code, u.c.name, u.c.kind, u.c.level, u.c.parent_id, u.c.population, u.c.is_demo,
                  u.c.active, u.c.sort_key, u.c.aliases)


def categories_statement():
    from sqlalchemy import select

    from app import summary_tables as tables

    c = tables.categories
    return select(c.c.id, c.c.code, c.c.name, c.c.parent_id, c.c.default_handler, c.c.deadline_tier, c.c.active)


def key_topics_statement():
    from sqlalchemy import select

    from app import summary_tables as tables

    k = tables.key_topics
    return select(k.c.year, k.c.category_id, k.c.scope)


def load_directory(sf: sessionmaker[Session]) -> Directory:
    """The units, categories and key topics as they are now (at start, and after an administrator's edit)."""
    with sf() as s:
        return Directory.load(s)
