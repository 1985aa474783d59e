"""knowledge base (知识库): articles, their append-only versions, synonyms, and the article that answered a case

Revision ID: 0013_knowledge
Revises: 0012_word_search
"""
import sqlalchemy as sa
from alembic import op

revision = "0013_knowledge"
down_revision = "0012_word_search"
branch_labels = None
depends_on = None

APPEND_ONLY = ("knowledge_article_versions", "knowledge_answers")


def upgrade() -> None:
    op.create_table(
        "knowledge_articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("keywords", sa.Text(), nullable=False),
        sa.Column("category_ids", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("owner_unit_id", sa.Integer(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("status IN ('draft', 'published', 'retired')", name=op.f("ck_knowledge_articles_status")),
        sa.ForeignKeyConstraint(["owner_unit_id"], ["units.id"], name=op.f("fk_knowledge_articles_owner_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_knowledge_articles")),
    )
    op.create_table(
        "knowledge_article_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=12), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("workstation", sa.String(length=64), nullable=True),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("keywords", sa.Text(), nullable=False),
        sa.Column("category_ids", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("owner_unit_id", sa.Integer(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["staff.id"], name=op.f("fk_knowledge_article_versions_actor_id_staff")),
        sa.ForeignKeyConstraint(["article_id"], ["knowledge_articles.id"],
                                name=op.f("fk_knowledge_article_versions_article_id_knowledge_articles")),
        sa.ForeignKeyConstraint(["owner_unit_id"], ["units.id"],
                                name=op.f("fk_knowledge_article_versions_owner_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_knowledge_article_versions")),
        sa.UniqueConstraint("article_id", "version", name=op.f("uq_knowledge_article_versions_article_id_version")),
    )
    op.create_table(
        "knowledge_synonyms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=32), nullable=False),
        sa.Column("means", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["created_by_id"], ["staff.id"], name=op.f("fk_knowledge_synonyms_created_by_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_knowledge_synonyms")),
        sa.UniqueConstraint("term", name=op.f("uq_knowledge_synonyms_term")),
    )
    op.create_table(
        "knowledge_answers",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["knowledge_articles.id"],
                                name=op.f("fk_knowledge_answers_article_id_knowledge_articles")),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_knowledge_answers_case_id_cases")),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_knowledge_answers")),
    )
    op.create_index("ix_knowledge_answers_article_id", "knowledge_answers", ["article_id"], unique=False)
    # append-only, as case_events (migration 0002_staff, whose function hotline_refuse_change it reuses)
    for table in APPEND_ONLY:
        if op.get_bind().dialect.name == "postgresql":
            op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION hotline_refuse_change()")
            op.execute(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                       "FOR EACH STATEMENT EXECUTE FUNCTION hotline_refuse_change()")
        else:
            for operation in ("UPDATE", "DELETE"):
                op.execute(f"CREATE TRIGGER {table}_no_{operation.lower()} BEFORE {operation} ON {table} "
                           f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {operation} refused'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in APPEND_ONLY:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
    op.drop_index("ix_knowledge_answers_article_id", table_name="knowledge_answers")
    op.drop_table("knowledge_answers")
    op.drop_table("knowledge_synonyms")
    op.drop_table("knowledge_article_versions")
    op.drop_table("knowledge_articles")
