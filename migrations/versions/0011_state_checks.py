"""state checks: the database refuses a case status, request type, channel or urgency it does not know

Revision ID: 0011_state_checks
Revises: 0010_staff_username_ci

The codes are the StrEnums of app/models/codes.py, written out here as they are today (a migration
must not change when the code does). PostgreSQL adds the CHECK constraints in place. SQLite cannot
add a constraint to a table: batch mode copies `cases` into a new table and drops the old one, which
the foreign keys of events and callbacks refuse while they are enforced; so, as SQLite's own
procedure for changing a table says, foreign keys are off for the copy (outside a transaction, the
only place SQLite lets that pragma change), the copy is checked with PRAGMA foreign_key_check, and
they are on again before the rest of the upgrade goes on.
"""
from contextlib import contextmanager

from alembic import op

revision = "0011_state_checks"
down_revision = "0010_staff_username_ci"
branch_labels = None
depends_on = None

CODES = {
    "status": ("new", "dispatched", "accepted", "returned", "replied", "closed", "merged"),
    "request_type": ("consultation", "help", "complaint", "report", "suggestion", "praise"),
    "channel": ("phone", "web", "wechat", "weibo", "app", "forwarded"),
    "urgency": ("normal", "urgent"),
}


def _sql(column: str) -> str:
    return f"{column} IN ({', '.join(repr(c) for c in CODES[column])})"


@contextmanager
def _sqlite_foreign_keys_off():
    """The table copy of batch mode, in its own transaction with foreign keys off, checked before its commit."""
    raw = op.get_bind().connection.driver_connection
    was_in_transaction = raw.in_transaction
    if was_in_transaction:
        raw.execute("COMMIT")
    enforced = raw.execute("PRAGMA foreign_keys").fetchone()[0]
    raw.execute("PRAGMA foreign_keys=OFF")
    raw.execute("BEGIN IMMEDIATE")
    try:
        yield
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"0011_state_checks: foreign keys broken by the copy of cases: {broken[:5]}")
        raw.execute("COMMIT")
    except BaseException:
        raw.execute("ROLLBACK")
        raise
    finally:
        raw.execute(f"PRAGMA foreign_keys={'ON' if enforced else 'OFF'}")
        if was_in_transaction:
            raw.execute("BEGIN IMMEDIATE")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with _sqlite_foreign_keys_off(), op.batch_alter_table("cases", recreate="always") as batch_op:
            for column in CODES:
                batch_op.create_check_constraint(op.f(f"ck_cases_{column}"), _sql(column))
    else:
        for column in CODES:
            op.create_check_constraint(op.f(f"ck_cases_{column}"), "cases", _sql(column))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with _sqlite_foreign_keys_off(), op.batch_alter_table("cases", recreate="always") as batch_op:
            for column in CODES:
                batch_op.drop_constraint(op.f(f"ck_cases_{column}"), type_="check")
    else:
        for column in CODES:
            op.drop_constraint(op.f(f"ck_cases_{column}"), "cases", type_="check")
