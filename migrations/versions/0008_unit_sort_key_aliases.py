"""units get a sort key (pinyin with place-name readings: 长辛店 chang, not zhang) and aliases (住建委)

The sort key orders every list of units and breaks ranking ties; aliases are searched like names in the
unit pickers. Both are filled for the units already there: the key from the name
(app.services.directory.place_sort_key), the aliases of the shipped reference units from
resources/reference/units.csv (by code, when the name is still the shipped one).

Revision ID: 0008_unit_sort_key_aliases
Revises: 0007_topic_plans
"""
import csv
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0008_unit_sort_key_aliases"
down_revision = "0007_topic_plans"
branch_labels = None
depends_on = None

UNITS_CSV = Path(__file__).resolve().parents[2] / "resources" / "reference" / "units.csv"


def upgrade() -> None:
    with op.batch_alter_table("units") as batch:
        batch.add_column(sa.Column("sort_key", sa.String(length=128), nullable=True))
        batch.add_column(sa.Column("aliases", sa.String(length=200), nullable=True))
    from app.services.directory import place_sort_key  # the same default the application computes

    bind = op.get_bind()
    shipped = {}
    if UNITS_CSV.exists():
        with UNITS_CSV.open(encoding="utf-8", newline="") as f:
            shipped = {(r["code"], r["name"]): r.get("aliases") or None for r in csv.DictReader(f)}
    units = sa.table("units", sa.column("id", sa.Integer), sa.column("code", sa.String),
                     sa.column("name", sa.String), sa.column("sort_key", sa.String), sa.column("aliases", sa.String))
    rows = bind.execute(sa.select(units.c.id, units.c.code, units.c.name)).all()
    for unit_id, code, name in rows:
        bind.execute(units.update().where(units.c.id == unit_id).values(
            sort_key=place_sort_key(name), aliases=shipped.get((code, name))))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+): a batch copy of units would break the foreign keys to it
    op.drop_column("units", "aliases")
    op.drop_column("units", "sort_key")
