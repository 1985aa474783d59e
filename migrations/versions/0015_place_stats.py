"""place stats: a summary per month received, street, community, category and unit, for the chronic watch list

Revision ID: 0015_place_stats
Revises: 0014_routing

`watch --chronic` grouped twelve months of cases (3.5 s at 1.3 M cases); it reads this summary instead,
kept by every lifecycle change (app/services/stats.py) and rebuilt by `db rebuild-stats`. The upgrade fills
it from the cases and their reached callbacks, in SQL written out here as it is today (a migration must not
change when the code does): the same rows as stats.place_rebuild_statement.
"""
import sqlalchemy as sa
from alembic import op

revision = "0015_place_stats"
down_revision = "0014_routing"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stat_place",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("street_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("received", sa.Integer(), nullable=False),
        sa.Column("reached", sa.Integer(), nullable=False),
        sa.Column("resolved", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("month", "street_id", "community_id", "category_id", "unit_id",
                                name=op.f("pk_stat_place")),
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    month = "date(c.received_at, 'start of month')" if sqlite else "CAST(date_trunc('month', c.received_at) AS DATE)"
    yes = "CASE WHEN b.resolved = 'yes' THEN 1 ELSE 0 END"
    place = f"{month} AS month, COALESCE(c.street_id, 0) AS street_id, COALESCE(c.community_id, 0) AS community_id, " \
            "COALESCE(c.category_id, 0) AS category_id"
    op.execute(sa.text(
        "INSERT INTO stat_place (month, street_id, community_id, category_id, unit_id, received, reached, resolved) "
        "SELECT month, street_id, community_id, category_id, unit_id, SUM(received), SUM(reached), SUM(resolved) "
        f"FROM (SELECT {place}, COALESCE(c.unit_id, 0) AS unit_id, 1 AS received, 0 AS reached, 0 AS resolved "
        "FROM cases c "
        f"UNION ALL SELECT {place}, COALESCE(b.unit_id, 0), 0, 1, {yes} "
        "FROM callbacks b JOIN cases c ON b.case_id = c.id WHERE b.reached) AS parts "
        "GROUP BY month, street_id, community_id, category_id, unit_id"))


def downgrade() -> None:
    op.drop_table("stat_place")
