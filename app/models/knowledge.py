"""The knowledge base (知识库): articles a receptionist reads out to answer a consultation at intake.

`knowledge_articles` holds each article as it is now; every change (create, edit, publish, retire)
appends a full copy to `knowledge_article_versions` (append-only, like case events), so the version
that answered a case can always be read again. `knowledge_answers` records which article and version
answered a case (one row per case answered from an article; append-only).
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base

ARTICLE_STATES = ("draft", "published", "retired")
_STATE_CHECK = f"status IN ({', '.join(repr(s) for s in ARTICLE_STATES)})"


class KnowledgeArticle(Base):
    __tablename__ = "knowledge_articles"
    __table_args__ = (CheckConstraint(_STATE_CHECK, name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    answer: Mapped[str] = mapped_column(Text)
    keywords: Mapped[str] = mapped_column(Text, default="")  # separated by "、"
    category_ids: Mapped[str] = mapped_column(Text, default="")  # category ids, separated by ","
    source: Mapped[str] = mapped_column(Text)  # the policy or source it rests on
    owner_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)  # the last day; None: until retired
    status: Mapped[str] = mapped_column(String(12))
    version: Mapped[int] = mapped_column(Integer)  # the latest row of knowledge_article_versions
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class KnowledgeArticleVersion(Base):
    """One change of an article with the whole article as it was after it. Rows are only ever inserted."""

    __tablename__ = "knowledge_article_versions"
    __table_args__ = (UniqueConstraint("article_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("knowledge_articles.id"))
    version: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(12))  # create | edit | publish | retire
    at: Mapped[datetime] = mapped_column(DateTime)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    workstation: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(100))
    answer: Mapped[str] = mapped_column(Text)
    keywords: Mapped[str] = mapped_column(Text)
    category_ids: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    owner_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12))


class KnowledgeSynonym(Base):
    """A word callers use for a word the articles use (暂住证 → 居住证), added by the editors."""

    __tablename__ = "knowledge_synonyms"

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(32), unique=True)
    means: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class KnowledgeAnswer(Base):
    """The article (and its version) whose answer was given for a case at intake. Rows are only ever inserted."""

    __tablename__ = "knowledge_answers"
    __table_args__ = (Index("ix_knowledge_answers_article_id", "article_id"),)

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("knowledge_articles.id"))
    version: Mapped[int] = mapped_column(Integer)
