"""The knowledge base (知识库): articles for answering a consultation on the phone, their versions, synonyms,
and the matching that puts the right articles beside the intake form as the receptionist types.

Editing (administrators only, `edit_knowledge`): create (a draft), edit (a new version), publish, retire.
Every change appends the whole article to `knowledge_article_versions` (append-only) with who and when;
`knowledge_articles.version` is the number of the latest one, and a case answered from an article
records that number (`knowledge_answers`).

Matching (no database, no Qt: `KnowledgeIndex`, built from the published articles and the synonyms):

- Chinese text has no spaces: it is cut into overlapping character bigrams (a run of one character is
  kept as itself), not into words: no word list to maintain, and a new term (a new policy's name)
  matches from the day its article is written. Latin letters and digits are kept as whole tokens.
- Pinyin initials: a token of letters typed by the receptionist (``jzz``) matches the initials of an
  article's title and keywords (居住证 → jzz), also as a part of them (from pypinyin's character table;
  a character read with different first letters, 行 x/h, gives both).
- Synonyms (暂住证 → 居住证): a term found in the text adds the words it means to the query.
- Score: the sum over the query's distinct terms found in the article of idf(term) × the field's
  weight (title and keywords 3, answer 1); the category picked on the form adds a bonus to the articles
  of that category (or of a category above or below it), and alone lists them. An article scoring
  under RELATIVE_FLOOR of the best is left out (it shares only common bigrams with the text).
- Only published articles valid on the given day are returned (checked at each search, so an article
  past its last day disappears at midnight without a rebuild). Best first; ties by title.

`KnowledgeCache` keeps one index per process and builds it again when the articles or synonyms change
(it compares a cheap stamp of the tables, at most every STAMP_SECONDS): rebuilt when articles change.
"""
from __future__ import annotations

import itertools
import math
import re
import threading
import time
import unicodedata
import weakref
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Category, KnowledgeArticle, KnowledgeArticleVersion, KnowledgeSynonym, Unit
from app.models.knowledge import ARTICLE_STATES
from app.services import clock
from app.services.actors import Actor
from app.services.errors import FieldProblem, NotFound, ValidationFailed
from app.services.periods import end_of_day
from app.services.permissions import require_role
from app.services.validation import text_problem

TITLE_MAX = 100
KEYWORD_MAX = 32
SYNONYM_MAX = 32
TITLE_WEIGHT = 3.0
ANSWER_WEIGHT = 1.0
CATEGORY_BONUS = 4.0
RELATIVE_FLOOR = 0.3  # an article scoring under this share of the best one is noise (a shared common bigram)
INITIALS_MAX = 8  # the longest part of a title's pinyin initials that is indexed
STAMP_SECONDS = 5.0
KEYWORD_SPLIT = re.compile(r"[\s,,、;;]+")


# ------------------------------------------------------------------ articles


@dataclass
class ArticleInput:
    """What the editor types. `keywords`: words separated by spaces, commas or 、."""

    title: str
    answer: str
    source: str
    valid_from: date | None
    valid_to: date | None = None
    keywords: str = ""
    category_ids: list[int] = field(default_factory=list)
    owner_unit_id: int | None = None


@dataclass(frozen=True)
class Article:
    id: int
    title: str
    answer: str
    keywords: tuple[str, ...]
    category_ids: tuple[int, ...]
    source: str
    owner_unit_id: int | None
    valid_from: date
    valid_to: date | None
    status: str
    version: int
    updated_at: datetime

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def needs_review(self, day: date) -> bool:
        """Published but past its last day: gone from intake, listed for the editors to renew or retire."""
        return self.status == "published" and self.valid_to is not None and self.valid_to < day


@dataclass(frozen=True)
class ArticleVersion:
    version: int
    action: str
    at: datetime
    actor_name: str | None
    title: str
    answer: str
    status: str
    valid_from: date
    valid_to: date | None


def split_keywords(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for word in KEYWORD_SPLIT.split(text or ""):
        if word.strip():
            seen.setdefault(word.strip(), None)
    return list(seen)


def _ids_text(ids: Iterable[int]) -> str:
    return ",".join(str(i) for i in sorted(set(ids)))


def _ids(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split(",") if x)


def _article(row: KnowledgeArticle) -> Article:
    return Article(row.id, row.title, row.answer, tuple(split_keywords(row.keywords)), _ids(row.category_ids),
                   row.source, row.owner_unit_id, row.valid_from, row.valid_to, row.status, row.version,
                   row.updated_at)


def article_problems(s: Session, data: ArticleInput) -> list[FieldProblem]:
    """Every problem of the editor's input, in the order of the form."""
    problems = [text_problem("article_title", data.title, required=True)]
    if data.title and len(data.title.strip()) > TITLE_MAX:
        problems.append(FieldProblem("article_title", "too_long", str(TITLE_MAX)))
    problems.append(text_problem("article_answer", data.answer, required=True))
    problems.append(text_problem("article_source", data.source, required=True))
    problems.append(text_problem("keywords", data.keywords))
    for word in split_keywords(data.keywords):
        if len(word) > KEYWORD_MAX:
            problems.append(FieldProblem("keywords", "too_long", str(KEYWORD_MAX)))
            break
    if not data.category_ids:
        problems.append(FieldProblem("categories", "required"))
    else:
        known = set(s.scalars(select(Category.id).where(Category.id.in_(data.category_ids))))
        missing = [str(i) for i in data.category_ids if i not in known]
        if missing:
            problems.append(FieldProblem("categories", "unknown", ", ".join(missing)))
    if data.owner_unit_id is not None and s.get(Unit, data.owner_unit_id) is None:
        problems.append(FieldProblem("owner_unit", "unknown", str(data.owner_unit_id)))
    if data.valid_from is None:
        problems.append(FieldProblem("valid_from", "required"))
    elif data.valid_to is not None and data.valid_to < data.valid_from:
        problems.append(FieldProblem("valid_to", "before_start", f"{data.valid_from:%Y-%m-%d}"))
    return [p for p in problems if p]


def _snapshot(s: Session, row: KnowledgeArticle, actor: Actor, action: str, at: datetime) -> None:
    s.add(KnowledgeArticleVersion(
        article_id=row.id, version=row.version, action=action, at=at, actor_id=actor.staff_id,
        workstation=actor.workstation, title=row.title, answer=row.answer, keywords=row.keywords,
        category_ids=row.category_ids, source=row.source, owner_unit_id=row.owner_unit_id,
        valid_from=row.valid_from, valid_to=row.valid_to, status=row.status))


def _fill(row: KnowledgeArticle, data: ArticleInput) -> None:
    row.title = data.title.strip()
    row.answer = data.answer.strip()
    row.source = data.source.strip()
    row.keywords = "、".join(split_keywords(data.keywords))
    row.category_ids = _ids_text(data.category_ids)
    row.owner_unit_id = data.owner_unit_id
    row.valid_from = data.valid_from
    row.valid_to = data.valid_to


def create_article(sf: sessionmaker[Session], actor: Actor, data: ArticleInput, publish: bool = False,
                   at: datetime | None = None) -> Article:
    """A new article, a draft (or published at once, `publish`: the demo's loader)."""
    require_role(actor, "edit_knowledge")
    with sf.begin() as s:
        problems = article_problems(s, data)
        if problems:
            raise ValidationFailed(problems)
        now = at or clock.now()
        row = KnowledgeArticle(status="draft", version=1, updated_at=now)
        _fill(row, data)
        s.add(row)
        s.flush()
        _snapshot(s, row, actor, "create", now)
        if publish:
            row.status, row.version = "published", 2
            _snapshot(s, row, actor, "publish", now)
        return _article(row)


def _changing(s: Session, article_id: int, expected_version: int | None) -> KnowledgeArticle:
    row = s.get(KnowledgeArticle, article_id, with_for_update=True)
    if row is None:
        raise NotFound("knowledge article", article_id)
    if expected_version is not None and row.version != expected_version:
        raise ValidationFailed([FieldProblem("article", "changed_meanwhile", str(row.version))])
    return row


def edit_article(sf: sessionmaker[Session], actor: Actor, article_id: int, data: ArticleInput,
                 expected_version: int | None = None) -> Article:
    """A new version of the article; its state stays (a published article is published in its new words)."""
    require_role(actor, "edit_knowledge")
    with sf.begin() as s:
        row = _changing(s, article_id, expected_version)
        problems = article_problems(s, data)
        if problems:
            raise ValidationFailed(problems)
        now = clock.now()
        _fill(row, data)
        row.version += 1
        row.updated_at = now
        _snapshot(s, row, actor, "edit", now)
        return _article(row)


def _set_status(sf, actor: Actor, article_id: int, status: str, expected_version: int | None) -> Article:
    require_role(actor, "edit_knowledge")
    with sf.begin() as s:
        row = _changing(s, article_id, expected_version)
        if row.status == status:
            raise ValidationFailed([FieldProblem("article", "already", status)])
        if status == "published" and row.valid_to is not None and row.valid_to < clock.today():
            raise ValidationFailed([FieldProblem("valid_to", "expired", f"{row.valid_to:%Y-%m-%d}")])
        now = clock.now()
        row.status = status
        row.version += 1
        row.updated_at = now
        _snapshot(s, row, actor, "publish" if status == "published" else "retire", now)
        return _article(row)


def publish_article(sf, actor: Actor, article_id: int, expected_version: int | None = None) -> Article:
    """Shown at intake from its first valid day (refused when its last day has passed: renew it first)."""
    return _set_status(sf, actor, article_id, "published", expected_version)


def retire_article(sf, actor: Actor, article_id: int, expected_version: int | None = None) -> Article:
    """No longer shown at intake; kept, with its versions, for the cases it answered."""
    return _set_status(sf, actor, article_id, "retired", expected_version)


def article_problem(s: Session, article_id: int, version: int, day: date) -> FieldProblem | None:
    """Why this article version cannot be recorded as a case's answer (None: it can): it must be published
    and valid on `day`, and `version` one of its published versions (the intake panel's index may be a moment
    older than the article, so an earlier published version is accepted; a draft never was an answer)."""
    row = s.get(KnowledgeArticle, article_id)
    version_status = s.scalar(select(KnowledgeArticleVersion.status).where(
        KnowledgeArticleVersion.article_id == article_id, KnowledgeArticleVersion.version == version))
    if row is None or version_status is None:
        return FieldProblem("article", "unknown", f"{article_id}/{version}")
    if version_status != "published" or row.status != "published" or not _article(row).valid_on(day):
        return FieldProblem("article", "not_published", row.title)
    return None


def list_articles(sf: sessionmaker[Session], status: str | None = None) -> list[Article]:
    """Every article (or those in `status`), newest change first."""
    with sf() as s:
        q = select(KnowledgeArticle).order_by(KnowledgeArticle.updated_at.desc(), KnowledgeArticle.id.desc())
        if status is not None:
            if status not in ARTICLE_STATES:
                raise ValidationFailed([FieldProblem("status", "not_allowed", status)])
            q = q.where(KnowledgeArticle.status == status)
        return [_article(r) for r in s.scalars(q)]


def articles_for_review(sf: sessionmaker[Session], day: date | None = None) -> list[Article]:
    """Published articles past their last day: no longer shown at intake, for the editors to renew or retire."""
    day = day or clock.today()
    with sf() as s:
        rows = s.scalars(select(KnowledgeArticle).where(KnowledgeArticle.status == "published",
                                                        KnowledgeArticle.valid_to < day)
                         .order_by(KnowledgeArticle.valid_to, KnowledgeArticle.id))
        return [_article(r) for r in rows]


def article_versions(sf: sessionmaker[Session], article_id: int) -> list[ArticleVersion]:
    """The article's history, newest first, with who made each change."""
    from app.models import Staff

    with sf() as s:
        rows = s.execute(select(KnowledgeArticleVersion, Staff.display_name)
                         .outerjoin(Staff, Staff.id == KnowledgeArticleVersion.actor_id)
                         .where(KnowledgeArticleVersion.article_id == article_id)
                         .order_by(KnowledgeArticleVersion.version.desc())).all()
        return [ArticleVersion(v.version, v.action, v.at, name, v.title, v.answer, v.status, v.valid_from, v.valid_to)
                for v, name in rows]


def article_version(sf: sessionmaker[Session], article_id: int, version: int) -> ArticleVersion | None:
    return next((v for v in article_versions(sf, article_id) if v.version == version), None)


# ------------------------------------------------------------------ synonyms


@dataclass(frozen=True)
class Synonym:
    id: int
    term: str
    means: str


def add_synonym(sf: sessionmaker[Session], actor: Actor, term: str, means: str) -> Synonym:
    """`term` (a word callers use) is read as `means` (the articles' word) when matching."""
    require_role(actor, "edit_knowledge")
    problems = [text_problem("synonym_term", term, required=True), text_problem("synonym_means", means, required=True)]
    problems = [p for p in problems if p]
    term, means = (term or "").strip(), (means or "").strip()
    for name, value in (("synonym_term", term), ("synonym_means", means)):
        if len(value) > SYNONYM_MAX and not any(p.field == name for p in problems):
            problems.append(FieldProblem(name, "too_long", str(SYNONYM_MAX)))
    if not problems and term == means:
        problems.append(FieldProblem("synonym_means", "same_as_term", term))
    with sf.begin() as s:
        if not problems and s.scalar(select(KnowledgeSynonym.id).where(KnowledgeSynonym.term == term)):
            problems.append(FieldProblem("synonym_term", "duplicate", term))
        if problems:
            raise ValidationFailed(problems)
        row = KnowledgeSynonym(term=term, means=means, created_at=clock.now(), created_by_id=actor.staff_id)
        s.add(row)
        s.flush()
        return Synonym(row.id, row.term, row.means)


def remove_synonym(sf: sessionmaker[Session], actor: Actor, synonym_id: int) -> None:
    require_role(actor, "edit_knowledge")
    with sf.begin() as s:
        row = s.get(KnowledgeSynonym, synonym_id)
        if row is None:
            raise NotFound("synonym", synonym_id)
        s.delete(row)


def list_synonyms(sf: sessionmaker[Session]) -> list[Synonym]:
    with sf() as s:
        return [Synonym(r.id, r.term, r.means) for r in s.scalars(select(KnowledgeSynonym).order_by(KnowledgeSynonym.term))]


# ------------------------------------------------------------------ matching

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"[a-z0-9]+")


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def terms(text: str) -> set[str]:
    """Character bigrams of each Chinese run (a one-character run as itself), and Latin/digit tokens."""
    text = normalize(text)
    out: set[str] = set()
    for run in _CJK.findall(text):
        if len(run) == 1:
            out.add(run)
        else:
            out.update(run[i:i + 2] for i in range(len(run) - 1))
    out.update(_LATIN.findall(text))
    return out


_FIRST_LETTERS: dict[str, tuple[str, ...]] = {}
MAX_INITIALS_VARIANTS = 8


def _first_letters(char: str) -> tuple[str, ...]:
    """The distinct first letters of a character's readings (行 → x, h), from pypinyin's character table:
    a table lookup, a hundred times faster than pypinyin's phrase conversion (too slow for 10 000 titles)."""
    found = _FIRST_LETTERS.get(char)
    if found is None:
        from pypinyin.pinyin_dict import pinyin_dict

        readings = pinyin_dict.get(ord(char), "")
        letters = dict.fromkeys(unicodedata.normalize("NFKD", r.strip()[:1])[:1].lower()
                                for r in readings.split(",") if r.strip())
        found = _FIRST_LETTERS[char] = tuple(k for k in letters if k.isascii() and k.isalpha())
    return found


def initials(text: str) -> set[str]:
    """The pinyin initials of the Chinese characters of `text` (居住证 → {"jzz"}); a character with readings
    of different first letters gives each (银行 → {"yx", "yh"}), up to MAX_INITIALS_VARIANTS in all."""
    variants = [""]
    for char in "".join(_CJK.findall(normalize(text))):
        letters = _first_letters(char)
        if not letters:
            continue
        if len(variants) * len(letters) > MAX_INITIALS_VARIANTS:
            letters = letters[:1]
        variants = [v + letter for v in variants for letter in letters]
    return {v for v in variants if v}


def _initials_parts(code: str) -> set[str]:
    return {code[i:j] for i in range(len(code)) for j in range(i + 2, min(len(code), i + INITIALS_MAX) + 1)}


@dataclass(frozen=True)
class Match:
    article_id: int
    version: int
    title: str
    answer: str
    source: str
    valid_to: date | None
    score: float


def _up_from(category_id: int | None, parent: dict[int, int | None]) -> Iterator[int]:
    """The category and the categories above it, nearest first (a loop in the parents ends the walk)."""
    seen = set()
    c = category_id
    while c is not None and c not in seen:
        yield c
        seen.add(c)
        c = parent.get(c)


class KnowledgeIndex:
    """The published articles in memory, for matching as the receptionist types (see the module's notes)."""

    def __init__(self, articles: list[Article], synonyms: dict[str, list[str]] | None = None,
                 category_parent: dict[int, int | None] | None = None):
        self.articles = [a for a in articles if a.status == "published"]
        self.synonyms = {normalize(k): v for k, v in (synonyms or {}).items()}
        self.parent = category_parent or {}
        n = len(self.articles)
        big = date.max.toordinal()
        self.valid_from = np.array([a.valid_from.toordinal() for a in self.articles], dtype=np.int64)
        self.valid_to = np.array([a.valid_to.toordinal() if a.valid_to else big for a in self.articles], dtype=np.int64)
        postings: dict[str, dict[int, float]] = defaultdict(dict)
        by_initials: dict[str, set[int]] = defaultdict(set)
        by_category: dict[int, list[int]] = defaultdict(list)
        for i, a in enumerate(self.articles):
            strong = terms(a.title) | terms(" ".join(a.keywords))
            for t in terms(a.answer) - strong:
                postings[t][i] = ANSWER_WEIGHT
            for t in strong:
                postings[t][i] = TITLE_WEIGHT
            for word in (a.title, *a.keywords):
                for code in initials(word):
                    for part in _initials_parts(code):
                        by_initials[part].add(i)
            for c in a.category_ids:
                by_category[c].append(i)
        self.postings = {t: (np.fromiter(p.keys(), dtype=np.int64, count=len(p)),
                             np.fromiter(p.values(), dtype=np.float64, count=len(p)) * math.log(1 + n / len(p)))
                         for t, p in postings.items()}
        self.by_initials = {k: np.fromiter(sorted(v), dtype=np.int64, count=len(v)) for k, v in by_initials.items()}
        self.by_category = {c: np.array(v, dtype=np.int64) for c, v in by_category.items()}
        self.initials_weight = TITLE_WEIGHT * math.log(1 + n) if n else 0.0

    def __len__(self) -> int:
        return len(self.articles)

    def _related_categories(self, category_id: int) -> set[int]:
        """The category, the categories above it and those below it."""
        return {c for c in {category_id, *self.parent} if self._is_below(c, category_id)
                or self._is_below(category_id, c)}

    def _is_below(self, c: int | None, ancestor: int) -> bool:
        return ancestor in _up_from(c, self.parent)

    def search(self, text: str, category_id: int | None = None, day: date | None = None, limit: int = 8) -> list[Match]:
        """The best published articles valid on `day` for the typed text and the picked category, best first."""
        n = len(self.articles)
        if n == 0:
            return []
        day = day or clock.today()
        query = normalize(text)
        extra = [means for term, words in self.synonyms.items() if term in query for means in words]
        wanted = terms(query + " " + " ".join(extra))
        scores = np.zeros(n, dtype=np.float64)
        for t in wanted:
            posting = self.postings.get(t)
            if posting is not None:
                scores[posting[0]] += posting[1]
        for token in _LATIN.findall(query):
            if token.isalpha() and 2 <= len(token) <= INITIALS_MAX:
                hit = self.by_initials.get(token)
                if hit is not None:
                    scores[hit] += self.initials_weight
        if category_id is not None:
            for c in self._related_categories(category_id):
                hit = self.by_category.get(c)
                if hit is not None:
                    scores[hit] += CATEGORY_BONUS
        today = day.toordinal()
        scores[(self.valid_from > today) | (self.valid_to < today)] = 0.0
        found = np.flatnonzero(scores > 0)
        if found.size == 0:
            return []
        if found.size > limit * 4:
            top = np.argpartition(-scores[found], limit * 4)[:limit * 4]
            found = found[top]
        ranked = sorted(found.tolist(), key=lambda i: (-scores[i], self.articles[i].title))[:limit]
        floor = scores[ranked[0]] * RELATIVE_FLOOR
        ranked = [i for i in ranked if scores[i] >= floor]
        return [Match(a.id, a.version, a.title, a.answer, a.source, a.valid_to, float(scores[i]))
                for i in ranked for a in (self.articles[i],)]


def load_index(sf: sessionmaker[Session]) -> KnowledgeIndex:
    """The index of the published articles and the synonyms, as they are in the database now."""
    with sf() as s:
        rows = s.scalars(select(KnowledgeArticle).where(KnowledgeArticle.status == "published")).all()
        synonyms: dict[str, list[str]] = defaultdict(list)
        for term, means in s.execute(select(KnowledgeSynonym.term, KnowledgeSynonym.means)):
            synonyms[term].append(means)
        parent = dict(s.execute(select(Category.id, Category.parent_id)).all())
        articles = [_article(r) for r in rows]
    return KnowledgeIndex(articles, synonyms, parent)


def stamp(sf: sessionmaker[Session]) -> tuple:
    """Changes whenever an article or a synonym is added, changed or removed (cheap: two aggregate queries)."""
    with sf() as s:
        articles = s.execute(select(func.count(), func.max(KnowledgeArticle.updated_at),
                                    func.sum(KnowledgeArticle.version))).one()
        synonyms = s.execute(select(func.count(), func.max(KnowledgeSynonym.id))).one()
        return (*articles, *synonyms)


@dataclass(frozen=True)
class _CacheEntry:
    index: KnowledgeIndex
    stamp: tuple
    checked: float  # monotonic time at which `stamp` was read (before the reads it guards)
    generation: int  # KnowledgeCache's generation then: invalidate() makes every older entry due for a check


class KnowledgeCache:
    """An index per database (per session factory), built again when its articles change.

    Thread-safe: matching runs in workers. The stamp is compared at most every `stamp_seconds`;
    `invalidate()` makes the next search compare it at once (after an edit on this workstation).
    The database is read outside the lock (the lock only guards swapping entries in), and invalidate()
    takes no lock at all: the GUI thread calls it and must never wait for a worker's round trip.
    """

    def __init__(self, stamp_seconds: float = STAMP_SECONDS):
        self.stamp_seconds = stamp_seconds
        self._lock = threading.Lock()
        self._generations = itertools.count(1)
        self._generation = 0
        # session factory -> _CacheEntry
        self._entries: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def invalidate(self) -> None:
        self._generation = next(self._generations)  # atomic: no lock, never waits

    def index(self, sf: sessionmaker[Session]) -> KnowledgeIndex:
        with self._lock:
            entry = self._entries.get(sf)
        generation = self._generation
        started = time.monotonic()
        if entry is not None and entry.generation == generation and started - entry.checked < self.stamp_seconds:
            return entry.index
        current = stamp(sf)
        index = entry.index if entry is not None and current == entry.stamp else load_index(sf)
        fresh = _CacheEntry(index, current, started, generation)
        with self._lock:
            latest = self._entries.get(sf)
            # a worker that read later (a newer state) already swapped its entry in: keep that one
            if latest is None or latest.checked <= started:
                self._entries[sf] = fresh
        return index

    def search(self, sf: sessionmaker[Session], text: str, category_id: int | None, day: date | None = None,
               limit: int = 8) -> list[Match]:
        return self.index(sf).search(text, category_id, day, limit)


# the console's one cache (the intake panel and the 知识库 page share it)
CACHE = KnowledgeCache()


# ------------------------------------------------------------------ measures


@dataclass(frozen=True)
class AnswerShare:
    """One month of consultations: how many were answered at intake (直接答复), and of those from an article."""

    month: date
    consultations: int
    answered: int
    from_articles: int

    @property
    def share(self) -> float | None:
        return self.answered / self.consultations if self.consultations else None


@dataclass(frozen=True)
class ArticleUse:
    """An article's use in the period and the callbacks of the cases it answered (satisfaction as in metrics)."""

    article_id: int
    title: str
    status: str
    uses: int
    reached: int
    satisfied: int
    basic: int
    unsatisfied: int
    satisfaction: float | None


@dataclass(frozen=True)
class KnowledgeGap:
    """A consultation category often dispatched instead of answered, with no article in force for it."""

    category_id: int
    category_name: str
    consultations: int
    answered: int

    @property
    def dispatched(self) -> int:
        return self.consultations - self.answered


@dataclass(frozen=True)
class Measures:
    start: date
    end: date
    by_month: list[AnswerShare]
    articles: list[ArticleUse]
    gaps: list[KnowledgeGap]


def _received_between(start: date, end: date):
    from datetime import time as clock_time

    from app.models import Case

    return Case.received_at >= datetime.combine(start, clock_time.min), \
        Case.received_at < end_of_day(end)


def _answered():
    """Whether a case was answered at intake: its timeline has the "answer" event (lifecycle.answer_at_intake).
    Correlated, so that each case of the period is looked up by ix_case_events_case_id instead of reading every
    event of every case (1.3 M cases: 0.95 s → see bench/README, "Reports")."""
    from sqlalchemy import exists

    from app.models import Case, CaseEvent

    return exists().where(CaseEvent.case_id == Case.id, CaseEvent.action == "answer")


def answered_by_month(s: Session, start: date, end: date) -> list[AnswerShare]:
    """Consultations received each month of [start, end], answered at intake, and answered from an article."""
    from sqlalchemy import case as when
    from sqlalchemy import extract

    from app.models import Case, KnowledgeAnswer

    year, month = extract("year", Case.received_at), extract("month", Case.received_at)
    answered = _answered()
    rows = s.execute(
        select(year, month, func.count(), func.sum(when((answered, 1), else_=0)),
               func.count(KnowledgeAnswer.case_id))
        .outerjoin(KnowledgeAnswer, KnowledgeAnswer.case_id == Case.id)
        .where(Case.request_type == "consultation", *_received_between(start, end))
        .group_by(year, month).order_by(year, month)).all()
    return [AnswerShare(date(int(y), int(m), 1), n, int(a or 0), k) for y, m, n, a, k in rows]


def article_use(s: Session, start: date, end: date) -> list[ArticleUse]:
    """Each article that answered cases received in [start, end]: uses and the reached callbacks' answers."""
    from sqlalchemy import case as when

    from app.models import Callback, Case, KnowledgeAnswer
    from app.services import metrics, rules

    scoring = rules.scoring_for(s, end)
    uses = dict(s.execute(select(KnowledgeAnswer.article_id, func.count())
                          .join(Case, Case.id == KnowledgeAnswer.case_id)
                          .where(*_received_between(start, end)).group_by(KnowledgeAnswer.article_id)).all())
    if not uses:
        return []
    answers = {a: (r, sa, b, u) for a, r, sa, b, u in s.execute(
        select(KnowledgeAnswer.article_id, func.count(),
               func.sum(when((Callback.satisfaction == "satisfied", 1), else_=0)),
               func.sum(when((Callback.satisfaction == "basic", 1), else_=0)),
               func.sum(when((Callback.satisfaction == "unsatisfied", 1), else_=0)))
        .join(Case, Case.id == KnowledgeAnswer.case_id)
        .join(Callback, Callback.case_id == Case.id)
        .where(Callback.reached.is_(True), *_received_between(start, end))
        .group_by(KnowledgeAnswer.article_id))}
    titles, states = {}, {}
    for i, title, status in s.execute(select(KnowledgeArticle.id, KnowledgeArticle.title, KnowledgeArticle.status)
                                      .where(KnowledgeArticle.id.in_(list(uses)))):
        titles[i], states[i] = title, status
    out = []
    for article_id, n in uses.items():
        reached, satisfied, basic, unsatisfied = (int(v or 0) for v in answers.get(article_id, (0, 0, 0, 0)))
        rate = metrics.rates_for(metrics.Counts(reached=reached, satisfied=satisfied, basic=basic), scoring).satisfaction
        out.append(ArticleUse(article_id, titles.get(article_id, ""), states.get(article_id, ""), n, reached,
                              satisfied, basic, unsatisfied, rate))
    return sorted(out, key=lambda u: (-u.uses, u.title))


def knowledge_gaps(s: Session, start: date, end: date, day: date | None = None,
                   min_dispatched: int = 5) -> list[KnowledgeGap]:
    """Consultation categories whose consultations in [start, end] were dispatched (not answered at intake) at
    least `min_dispatched` times and more often than answered, with no published article valid on `day`
    for the category or a category above it. Most dispatched first."""
    from sqlalchemy import case as when

    from app.models import Case

    day = day or clock.today()
    answered = _answered()
    rows = s.execute(select(Case.category_id, func.count(), func.sum(when((answered, 1), else_=0)))
                     .where(Case.request_type == "consultation", Case.category_id.is_not(None),
                            *_received_between(start, end))
                     .group_by(Case.category_id)).all()
    parent, names = {}, {}
    for c, parent_id, name in s.execute(select(Category.id, Category.parent_id, Category.name)):
        parent[c], names[c] = parent_id, name
    covered: set[int] = set()
    for row in s.scalars(select(KnowledgeArticle).where(KnowledgeArticle.status == "published")):
        if _article(row).valid_on(day):
            covered.update(_ids(row.category_ids))

    def has_article(category_id: int) -> bool:
        return any(c in covered for c in _up_from(category_id, parent))

    gaps = [KnowledgeGap(c, names.get(c, str(c)), n, int(a or 0)) for c, n, a in rows]
    gaps = [g for g in gaps if g.dispatched >= min_dispatched and g.dispatched > g.answered
            and not has_article(g.category_id)]
    return sorted(gaps, key=lambda g: (-g.dispatched, g.category_name))


def measures(sf: sessionmaker[Session], start: date, end: date, day: date | None = None) -> Measures:
    """The knowledge base's measures for cases received in [start, end] (the 知识库 page's 成效 section)."""
    if end < start:
        raise ValidationFailed([FieldProblem("period", "end_before_start", f"{start:%Y-%m-%d}")])
    with sf() as s:
        return Measures(start, end, answered_by_month(s, start, end), article_use(s, start, end),
                        knowledge_gaps(s, start, end, day))


# ------------------------------------------------------------------ the demo's articles

DEMO_ARTICLES = "knowledge_demo.csv"  # in resources/reference: written for the demo, not real policy
DEMO_SYNONYMS = "knowledge_demo_synonyms.csv"


@dataclass(frozen=True)
class DemoArticle:
    id: int
    version: int
    answer: str
    category_id: int
    valid_from: date
    valid_to: date | None


def load_demo_articles(s: Session) -> list[DemoArticle]:
    """Writes the demo's articles (published on their first valid day, by the system) and synonyms.

    The files are written for the demo (each source says so); a row that does not pass the editor's
    checks is a broken file and stops the demo.
    """
    import csv

    from app.services.reference import REFERENCE_DIR

    categories = dict(s.execute(select(Category.name, Category.id)).all())
    units = dict(s.execute(select(Unit.name, Unit.id)).all())
    out: list[DemoArticle] = []
    with open(REFERENCE_DIR / DEMO_ARTICLES, encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            data = ArticleInput(
                title=row["title"], answer=row["answer"], source=row["source"],
                valid_from=date.fromisoformat(row["valid_from"]),
                valid_to=date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
                keywords=row["keywords"], category_ids=[categories.get(row["category"], -1)],
                owner_unit_id=units.get(row["owner_unit"], -1) if row["owner_unit"] else None)
            problems = article_problems(s, data)
            if problems:
                raise ValueError(f"{DEMO_ARTICLES} line {line}: {problems}")
            at = datetime.combine(data.valid_from, datetime.min.time()).replace(hour=8)
            article = KnowledgeArticle(status="published", version=2, updated_at=at)
            _fill(article, data)
            s.add(article)
            s.flush()
            for version, action, status in ((1, "create", "draft"), (2, "publish", "published")):
                s.add(KnowledgeArticleVersion(
                    article_id=article.id, version=version, action=action, at=at, actor_id=None, workstation="demo",
                    title=article.title, answer=article.answer, keywords=article.keywords,
                    category_ids=article.category_ids, source=article.source, owner_unit_id=article.owner_unit_id,
                    valid_from=article.valid_from, valid_to=article.valid_to, status=status))
            out.append(DemoArticle(article.id, 2, article.answer, data.category_ids[0], data.valid_from, data.valid_to))
    with open(REFERENCE_DIR / DEMO_SYNONYMS, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            s.add(KnowledgeSynonym(term=row["term"], means=row["means"], created_at=datetime(2019, 1, 1, 8)))
    s.flush()
    return out
