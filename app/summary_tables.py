"""The tables the figures are read from, as SQLAlchemy Core tables without the ORM: units, categories, key
topics, scoring rules, settings and the summary counts.

app/services/metrics.py, directory.py and rules.py (settings, scoring) read through these, so that a command
that only reads figures (`rank`) starts without importing sqlalchemy.orm and every model (issue 18, 3: the
ORM and the models are about a third of its start-up). They describe the same tables as app/models, which
remains the schema (the migrations follow app/models); tests/test_cli_startup.py checks that every column
here is there with the same type. Nothing is ever created from this metadata.
"""
from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, Float, Integer, MetaData, String, Table

from app.counters import COUNTERS  # the names (app/counters.py: also read without SQLAlchemy)

metadata = MetaData()


def _counters() -> list[Column]:
    return [Column(name, Integer) for name in COUNTERS]


units = Table(
    "units", metadata,
    Column("id", Integer, primary_key=True), Column("code", String(32)), Column("name", String(64)),
    Column("kind", String(16)), Column("level", Integer), Column("parent_id", Integer), Column("population", Integer),
    Column("is_demo", Boolean), Column("active", Boolean), Column("note", String(200)), Column("sort_key", String(128)),
    Column("aliases", String(200)),
)
categories = Table(
    "categories", metadata,
    Column("id", Integer, primary_key=True), Column("code", String(16)), Column("name", String(64)),
    Column("parent_id", Integer), Column("default_handler", String(32)), Column("deadline_tier", String(16)),
    Column("active", Boolean),
)
key_topics = Table(
    "key_topics", metadata,
    Column("id", Integer, primary_key=True), Column("year", Integer), Column("category_id", Integer),
    Column("scope", String(16)),
)
scoring_rules = Table(
    "scoring_rules", metadata,
    Column("id", Integer, primary_key=True), Column("effective_from", Date), Column("w_response", Float),
    Column("w_resolution", Float), Column("w_satisfaction", Float), Column("w_basic", Float),
)
settings = Table(
    "settings", metadata,
    Column("id", Integer, primary_key=True), Column("key", String(64)), Column("effective_from", Date),
    Column("value", String(200)),
)
stat_daily = Table(
    "stat_daily", metadata,
    Column("day", Date, primary_key=True), Column("unit_id", Integer, primary_key=True),
    Column("category_id", Integer, primary_key=True), *_counters(),
)
stat_monthly_unit = Table(
    "stat_monthly_unit", metadata,
    Column("month", Date, primary_key=True), Column("unit_id", Integer, primary_key=True), *_counters(),
)
stat_monthly_category = Table(
    "stat_monthly_category", metadata,
    Column("month", Date, primary_key=True), Column("category_id", Integer, primary_key=True), *_counters(),
)
stat_place = Table(
    "stat_place", metadata,
    Column("month", Date, primary_key=True), Column("street_id", Integer, primary_key=True),
    Column("community_id", Integer, primary_key=True), Column("category_id", Integer, primary_key=True),
    Column("unit_id", Integer, primary_key=True), Column("received", Integer), Column("reached", Integer),
    Column("resolved", Integer),
)
