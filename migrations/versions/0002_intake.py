"""indexes for the cases table: a state, a street or a category, newest first; all by reply deadline

Revision ID: 0002_intake
Revises: 0001
"""
from alembic import op

revision = "0002_intake"
down_revision = "0001"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_cases_status_received": ["status", "received_at"],
    "ix_cases_street_received": ["street_id", "received_at"],
    "ix_cases_category_received": ["category_id", "received_at"],
    "ix_cases_reply_deadline": ["reply_deadline"],
}


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        for name, columns in INDEXES.items():
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        for name in INDEXES:
            batch_op.drop_index(name)
