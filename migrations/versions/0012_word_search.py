"""word search: an index of case addresses and descriptions by character bigrams (app/services/word_search.py)

Revision ID: 0012_word_search
Revises: 0011_state_checks

SQLite: a contentless FTS5 table `case_words` kept by triggers on `cases`; PostgreSQL: a GIN index over the
function `hotline_grams(address, description)`. Both are built here from the cases already stored (1.3 M
cases: see bench/README.md, bench_search.py). The SQL is written out in app/services/word_search.py and
used from there, so that `db rebuild-search` and this migration build the same thing.
"""
from alembic import op

from app.services import word_search

revision = "0012_word_search"
down_revision = "0011_state_checks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    word_search.install(op.get_bind())


def downgrade() -> None:
    word_search.uninstall(op.get_bind())
