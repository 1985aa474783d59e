"""routing learned from history: where cases of a kind and place finally ended, by month

Revision ID: 0014_routing
Revises: 0013_knowledge

The table is filled from the cases already there by app/services/routing.rebuild (also run by
`db rebuild-stats`, the demo and the import).
"""
import sqlalchemy as sa
from alembic import op

revision = "0014_routing"
down_revision = "0013_knowledge"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "routing_counts",
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("street_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("handled", sa.Integer(), nullable=False),
        sa.Column("first_right", sa.Integer(), nullable=False),
        sa.Column("returned", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("category_id", "street_id", "community_id", "unit_id", "month",
                                name=op.f("pk_routing_counts")),
    )
    op.create_index("ix_routing_counts_category_month", "routing_counts", ["category_id", "month"], unique=False)
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT 1 FROM cases LIMIT 1")).first() is None:
        return
    from sqlalchemy.orm import Session

    from app.services import routing

    routing.rebuild(Session(bind=bind))


def downgrade() -> None:
    op.drop_table("routing_counts")
