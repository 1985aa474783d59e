"""Finding streets, communities, units and categories by Chinese text or pinyin (full or initials: `tlbl` → 天伦北里社区)."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice, product

from pypinyin import Style, pinyin

from app.services.directory import Directory

STREET_KINDS = ("street", "town")


@dataclass(frozen=True)
class NameEntry:
    id: int
    name: str
    initials: tuple[str, ...]  # ("tlblsq",); several when a character has several readings (长: c/z)
    spelled: tuple[str, ...]  # ("tianlunbeilishequ",)
    parent_id: int | None
    aliases: tuple[str, ...] = ()  # other names (住建委), matched like the name; their pinyin is in the readings


def _readings(name: str, style: Style) -> tuple[str, ...]:
    """Every reading of the name (heteronyms such as 长 chang/zhang), the common one first, at most 16."""
    options = [list(dict.fromkeys(r.lower() for r in readings)) for readings in pinyin(name, style=style, heteronym=True)]
    return tuple("".join(p) for p in islice(product(*options), 16))


def name_entry(item_id: int, name: str, parent_id: int | None = None, aliases: tuple[str, ...] = ()) -> NameEntry:
    names = (name, *aliases)
    return NameEntry(item_id, name, tuple(r for n in names for r in _readings(n, Style.FIRST_LETTER)),
                     tuple(r for n in names for r in _readings(n, Style.NORMAL)), parent_id, aliases)


def _rank(entry: NameEntry, query: str) -> int | None:
    """0 best … 3 worst; None when the entry does not match."""
    q = query.strip().lower()
    if not q:
        return 3
    if entry.name.startswith(q) or any(a.startswith(q) for a in entry.aliases) or \
            any(i.startswith(q) for i in entry.initials):
        return 0
    if any(s.startswith(q) for s in entry.spelled):
        return 1
    if q in entry.name or any(q in a for a in entry.aliases) or \
            (q.isascii() and any(q in t for t in entry.initials + entry.spelled)):
        return 2
    return None


def search_entries(entries: list[NameEntry], query: str, limit: int = 30) -> list[NameEntry]:
    ranked = [(r, i, e) for i, e in enumerate(entries) if (r := _rank(e, query)) is not None]
    return [e for _r, _i, e in sorted(ranked, key=lambda t: (t[0], t[1]))][:limit]


def matches(entry: NameEntry, query: str) -> bool:
    return _rank(entry, query) is not None


class PlaceIndex:
    """Streets/towns, communities/villages and handling units with their pinyin, built once from the Directory."""

    def __init__(self, directory: Directory):
        units = directory.in_order(u for u in directory.units.values() if u.active)  # matches of equal quality
        entries = {u.id: name_entry(u.id, u.name, u.parent_id, u.aliases) for u in units}  # come in this order
        self.streets = [entries[u.id] for u in units if u.kind in STREET_KINDS]
        self.communities = [entries[u.id] for u in units if u.level == 3
                            and directory.units.get(u.parent_id) is not None
                            and directory.units[u.parent_id].kind in STREET_KINDS]
        self.handlers = [entries[u.id] for u in units if u.level >= 2]
        self.all_units = [entries[u.id] for u in units]

    def find_streets(self, query: str, limit: int = 30) -> list[NameEntry]:
        return search_entries(self.streets, query, limit)

    def find_communities(self, query: str, street_id: int | None = None, limit: int = 30) -> list[NameEntry]:
        pool = self.communities if street_id is None else [c for c in self.communities if c.parent_id == street_id]
        return search_entries(pool, query, limit)

    def find_handlers(self, query: str, limit: int = 30) -> list[NameEntry]:
        return search_entries(self.handlers, query, limit)

    def find_units(self, query: str, limit: int = 30) -> list[NameEntry]:
        return search_entries(self.all_units, query, limit)
