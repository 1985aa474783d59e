"""monthly key-topic plans (每月一题): leader, lead unit, streets taking part, target

Revision ID: 0007_topic_plans
Revises: 0006_tasks
"""
import sqlalchemy as sa
from alembic import op

revision = "0007_topic_plans"
down_revision = "0006_tasks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "topic_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("leader", sa.String(length=64), nullable=False),
        sa.Column("lead_unit_id", sa.Integer(), nullable=False),
        sa.Column("target_change", sa.Float(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["category_id"], ["categories.id"], name=op.f("fk_topic_plans_category_id_categories")),
        sa.ForeignKeyConstraint(["created_by_id"], ["staff.id"], name=op.f("fk_topic_plans_created_by_id_staff")),
        sa.ForeignKeyConstraint(["lead_unit_id"], ["units.id"], name=op.f("fk_topic_plans_lead_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_topic_plans")),
        sa.UniqueConstraint("month", "category_id", name=op.f("uq_topic_plans_month_category_id")),
    )
    op.create_table(
        "topic_plan_streets",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("street_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["topic_plans.id"], name=op.f("fk_topic_plan_streets_plan_id_topic_plans")),
        sa.ForeignKeyConstraint(["street_id"], ["units.id"], name=op.f("fk_topic_plan_streets_street_id_units")),
        sa.PrimaryKeyConstraint("plan_id", "street_id", name=op.f("pk_topic_plan_streets")),
    )


def downgrade() -> None:
    op.drop_table("topic_plan_streets")
    op.drop_table("topic_plans")
