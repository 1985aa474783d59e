"""seasons: yearly seasons of some categories (heating, flooding, school enrolment) for the seasonal watch list

Revision ID: 0005_seasons
Revises: 0004_callback_claims
"""
import sqlalchemy as sa
from alembic import op

revision = "0005_seasons"
down_revision = "0004_callback_claims"
branch_labels = None
depends_on = None

# the shipped seasons: name, first day, last day, category codes (resources/reference/categories.csv)
SEASONS = (
    ("供暖", "11-15", "03-15", ("0301",)),
    ("汛期", "06-01", "09-15", ("0403", "0402")),
    ("入学季", "05-01", "08-31", ("1101",)),
)


def upgrade() -> None:
    seasons = op.create_table(
        "seasons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("first_day", sa.String(length=5), nullable=False),
        sa.Column("last_day", sa.String(length=5), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seasons")),
        sa.UniqueConstraint("name", name=op.f("uq_seasons_name")),
    )
    links = op.create_table(
        "season_categories",
        sa.Column("season_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["category_id"], ["categories.id"], name=op.f("fk_season_categories_category_id_categories")),
        sa.ForeignKeyConstraint(["season_id"], ["seasons.id"], name=op.f("fk_season_categories_season_id_seasons")),
        sa.PrimaryKeyConstraint("season_id", "category_id", name=op.f("pk_season_categories")),
    )
    conn = op.get_bind()
    categories = dict(conn.execute(sa.text("SELECT code, id FROM categories")).all())
    if not categories:
        return  # an empty database: the reference data loader adds the seasons with the categories
    for n, (name, first, last, codes) in enumerate(SEASONS, 1):
        op.bulk_insert(seasons, [dict(id=n, name=name, first_day=first, last_day=last, active=True)])
        op.bulk_insert(links, [dict(season_id=n, category_id=categories[c]) for c in codes if c in categories])


def downgrade() -> None:
    op.drop_table("season_categories")
    op.drop_table("seasons")
