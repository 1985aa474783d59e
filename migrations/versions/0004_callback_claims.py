"""callback claims: a clerk's hold on the case being called, so that clerks at other workstations take other cases

Revision ID: 0004_callback_claims
Revises: 0003_no_unit_monthly
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_callback_claims"
down_revision = "0003_no_unit_monthly"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "callback_claims",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("workstation", sa.String(length=64), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("until", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_callback_claims_case_id_cases")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_callback_claims_staff_id_staff")),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_callback_claims")),
    )


def downgrade() -> None:
    op.drop_table("callback_claims")
