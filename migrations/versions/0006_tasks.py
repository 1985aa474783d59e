"""proactive tasks (主动治理任务) and their append-only timeline

Revision ID: 0006_tasks
Revises: 0005_seasons
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_tasks"
down_revision = "0005_seasons"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "proactive_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("street_id", sa.Integer(), nullable=True),
        sa.Column("community_id", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("season_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("reported_at", sa.DateTime(), nullable=True),
        sa.Column("report", sa.Text(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["category_id"], ["categories.id"], name=op.f("fk_proactive_tasks_category_id_categories")),
        sa.ForeignKeyConstraint(["community_id"], ["units.id"], name=op.f("fk_proactive_tasks_community_id_units")),
        sa.ForeignKeyConstraint(["created_by_id"], ["staff.id"], name=op.f("fk_proactive_tasks_created_by_id_staff")),
        sa.ForeignKeyConstraint(["season_id"], ["seasons.id"], name=op.f("fk_proactive_tasks_season_id_seasons")),
        sa.ForeignKeyConstraint(["street_id"], ["units.id"], name=op.f("fk_proactive_tasks_street_id_units")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_proactive_tasks_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proactive_tasks")),
    )
    op.create_index("ix_proactive_tasks_status_due", "proactive_tasks", ["status", "due"], unique=False)
    op.create_index(op.f("ix_proactive_tasks_unit_id"), "proactive_tasks", ["unit_id"], unique=False)
    op.create_table(
        "task_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("workstation", sa.String(length=64), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["actor_id"], ["staff.id"], name=op.f("fk_task_events_actor_id_staff")),
        sa.ForeignKeyConstraint(["task_id"], ["proactive_tasks.id"], name=op.f("fk_task_events_task_id_proactive_tasks")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_events")),
    )
    op.create_index(op.f("ix_task_events_task_id"), "task_events", ["task_id"], unique=False)
    # append-only, as case_events (migration 0002_staff, whose function hotline_refuse_change it reuses)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE TRIGGER task_events_append_only BEFORE UPDATE OR DELETE ON task_events "
                   "FOR EACH ROW EXECUTE FUNCTION hotline_refuse_change()")
        op.execute("CREATE TRIGGER task_events_no_truncate BEFORE TRUNCATE ON task_events "
                   "FOR EACH STATEMENT EXECUTE FUNCTION hotline_refuse_change()")
    else:
        for operation in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER task_events_no_{operation.lower()} BEFORE {operation} ON task_events "
                       f"BEGIN SELECT RAISE(ABORT, 'task_events is append-only: {operation} refused'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS task_events_append_only ON task_events")
        op.execute("DROP TRIGGER IF EXISTS task_events_no_truncate ON task_events")
    op.drop_index(op.f("ix_task_events_task_id"), table_name="task_events")
    op.drop_table("task_events")
    op.drop_index(op.f("ix_proactive_tasks_unit_id"), table_name="proactive_tasks")
    op.drop_index("ix_proactive_tasks_status_due", table_name="proactive_tasks")
    op.drop_table("proactive_tasks")
