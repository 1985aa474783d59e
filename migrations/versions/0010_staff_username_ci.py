"""staff user names unique regardless of case: a unique index on lower(username)

Accounts whose names already differ only in case (possible before this revision; login could not tell
them apart) keep the oldest one's name; each later one is renamed to `<name>.dup<id>` so that an
administrator can see and sort them out (docs/DECISIONS.md, "Staff, roles and privacy").

Revision ID: 0010_staff_username_ci
Revises: 0009_no_number
"""
import sqlalchemy as sa
from alembic import op

revision = "0010_staff_username_ci"
down_revision = "0009_no_number"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, username FROM staff ORDER BY id")).all()
    taken = {name.lower() for _, name in rows}
    first: set[str] = set()
    for staff_id, name in rows:
        key = name.lower()
        if key not in first:
            first.add(key)
            continue
        suffix = f".dup{staff_id}"
        new = name[:64 - len(suffix)] + suffix
        while new.lower() in taken:
            suffix = "." + suffix
            new = name[:64 - len(suffix)] + suffix
        taken.add(new.lower())
        conn.execute(sa.text("UPDATE staff SET username = :new WHERE id = :id"), {"new": new, "id": staff_id})
    op.create_index("uq_staff_username_lower", "staff", [sa.text("lower(username)")], unique=True)


def downgrade() -> None:
    op.drop_index("uq_staff_username_lower", table_name="staff")
