"""no number: a call from a withheld number is recorded without a phone, with the reason

Revision ID: 0009_no_number
Revises: 0008_unit_sort_key_aliases
"""
import sqlalchemy as sa
from alembic import op

revision = "0009_no_number"
down_revision = "0008_unit_sort_key_aliases"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # adding a nullable column: an ALTER TABLE on both backends (batch mode does not copy the cases table)
    with op.batch_alter_table("cases") as batch_op:
        batch_op.add_column(sa.Column("no_phone_reason", sa.String(length=100), nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite (3.35+) drops a column in place; a batch copy of `cases` would have to drop the table,
        # which the foreign keys of events and callbacks refuse once it holds cases
        op.execute("ALTER TABLE cases DROP COLUMN no_phone_reason")
    else:
        op.drop_column("cases", "no_phone_reason")
