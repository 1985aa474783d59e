"""the monthly unit summary keeps no row for cases without a unit yet (unit 0)

Every new case and every dispatch changed that one row of the month, so every workstation's intake
and dispatch waited for it. The whole district's months are summed from the monthly category
summary instead, which holds every case; the days of unit 0 stay in stat_daily.

Revision ID: 0003_no_unit_monthly
Revises: 0002_staff
"""
import sqlalchemy as sa
from alembic import op

revision = "0003_no_unit_monthly"
down_revision = "0002_staff"
branch_labels = None
depends_on = None

COUNTERS = ("received", "replied", "overdue", "callbacks", "reached", "contacted", "resolved", "partly",
            "satisfied", "basic", "unsatisfied")


def upgrade() -> None:
    op.execute("DELETE FROM stat_monthly_unit WHERE unit_id = 0")


def downgrade() -> None:
    month = ("date(day, 'start of month')" if op.get_bind().dialect.name == "sqlite"
             else "CAST(date_trunc('month', day) AS DATE)")
    sums = ", ".join(f"SUM({c})" for c in COUNTERS)
    op.execute(sa.text(f"INSERT INTO stat_monthly_unit (month, unit_id, {', '.join(COUNTERS)}) "
                       f"SELECT {month}, 0, {sums} FROM stat_daily WHERE unit_id = 0 GROUP BY {month}"))
