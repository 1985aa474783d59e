"""The word index of case addresses and descriptions: any text, Chinese without spaces included, down to
one character, on SQLite and on PostgreSQL, kept by the database in the transaction that writes the case.

A text is indexed as its character bigrams (the text's ASCII letters lower-cased); a case holds a word
when its address or description holds every bigram of the word, so the index finds a superset of the
cases, and an exact substring check on those candidates (`contains`) makes the result the same as
reading every text:

- SQLite: a contentless FTS5 table `case_words` (rowid = case id, detail none) fed by triggers on `cases`
  with the bigrams and the single characters of the runs of letters and digits (ASCII non-alphanumerics
  separate runs: the FTS5 `ascii` tokenizer would drop them), from `hotline_grams(address, description)`,
  a deterministic function every connection of `app.db.make_engine` registers. (A single character as
  an FTS5 prefix of the bigrams instead took 0.6 s for a character in every case: measured.)
- PostgreSQL: a GIN index over the SQL function `hotline_grams(address, description)`, an array holding
  every bigram and every single character: PostgreSQL keeps it itself, and needs nothing on the connection.

A word without any letter or digit (`%`, `_\\`) has no bigram in the index: it is looked for by reading.
Nothing here imports the ORM: app/db.py registers `grams` on every SQLite connection.
"""
from __future__ import annotations

import re

UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # the letters `fold` lower-cases (SQL: translate(x, UPPER, lower))
_LOWER = str.maketrans(UPPER, UPPER.lower())
_SEPARATORS = re.compile(r"[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+")  # ASCII but not a letter or a digit
SQLITE_FUNCTION = "hotline_grams"
SQLITE_TRIGGERS = ("case_words_ai", "case_words_ad", "case_words_au")


def fold(text: str) -> str:
    """The text as it is compared: ASCII letters lower-cased, nothing else changed (as SQLite's LIKE)."""
    return text.translate(_LOWER)


def _runs(text: str | None) -> list[str]:
    return [r for r in _SEPARATORS.split(fold(text or "")) if r]


def grams(address: str | None, description: str | None) -> str:
    """The FTS5 document of a case (SQLite): its distinct bigrams and single characters, by spaces."""
    tokens: set[str] = set()
    for run in _runs(address) + _runs(description):
        tokens.update(run[i:i + 2] for i in range(len(run) - 1))
        tokens.update(run)
    return " ".join(tokens)


def fts_query(text: str) -> str | None:
    """The FTS5 query whose matches hold every case containing `text` (None: no letter or digit to look up)."""
    terms: set[str] = set()
    for run in _runs(text):
        terms.update(f'"{run[i:i + 2]}"' for i in range(len(run) - 1))
        if len(run) == 1:
            terms.add(f'"{run}"')
    return " AND ".join(sorted(terms)) or None


def pg_grams(text: str) -> list[str]:
    """The elements the PostgreSQL index must hold for a case containing `text` (all its bigrams; one
    character: itself)."""
    t = fold(text)
    if len(t) == 1:
        return [t]
    return sorted({t[i:i + 2] for i in range(len(t) - 1)})


def indexed(text: str) -> bool:
    """Can the index narrow a search for `text`? (Not when it holds no letter or digit, e.g. `%`.)"""
    return fts_query(text) is not None


# ---------------------------------------------------------------- schema (migration 0012_word_search)

# PostgreSQL: every character (string_to_array(x, NULL)) and every bigram, as the pairs from the first and
# from the second character on (regexp_replace puts a \x01 after each pair, string_to_array cuts there):
# no set-returning function, so the SQL function is inlined: ~135 µs for a 130-character text here, where a
# generate_series and array_agg(DISTINCT …) version took ~600 µs (GIN drops repeated keys itself).
# \x01 also joins the address and the description: no stored text holds a control character.
_PG_TEXT = (f"translate(coalesce(address, '') || E'\\001' || coalesce(description, ''), '{UPPER}', "
            f"'{UPPER.lower()}')")
_PG_PAIRS = "string_to_array(regexp_replace({x}, '(..)', E'\\\\1\\001', 'g'), E'\\001')"
PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION hotline_grams(address text, description text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT string_to_array({_PG_TEXT}, NULL)
         || {_PG_PAIRS.format(x=_PG_TEXT)}
         || {_PG_PAIRS.format(x=f"substr({_PG_TEXT}, 2)")}
$$
"""
PG_INDEX = "CREATE INDEX ix_cases_words ON cases USING gin (hotline_grams(address, description))"

SQLITE_TABLE = "CREATE VIRTUAL TABLE case_words USING fts5(grams, content='', tokenize='ascii', detail='none', columnsize=0)"
_NEW = f"{SQLITE_FUNCTION}(new.address, new.description)"
_OLD = f"{SQLITE_FUNCTION}(old.address, old.description)"
_DELETE_OLD = f"INSERT INTO case_words(case_words, rowid, grams) VALUES ('delete', old.id, {_OLD});"
_INSERT_NEW = f"INSERT INTO case_words(rowid, grams) VALUES (new.id, {_NEW});"
SQLITE_TRIGGER_SQL = (
    f"CREATE TRIGGER case_words_ai AFTER INSERT ON cases BEGIN {_INSERT_NEW} END",
    f"CREATE TRIGGER case_words_ad AFTER DELETE ON cases BEGIN {_DELETE_OLD} END",
    "CREATE TRIGGER case_words_au AFTER UPDATE OF id, address, description ON cases "
    f"WHEN old.id IS NOT new.id OR old.address IS NOT new.address OR old.description IS NOT new.description "
    f"BEGIN {_DELETE_OLD} {_INSERT_NEW} END",
)
SQLITE_FILL = f"INSERT INTO case_words(rowid, grams) SELECT id, {SQLITE_FUNCTION}(address, description) FROM cases"


def not_the_word_index(_obj, name, _type, _reflected, _compare_to) -> bool:
    """For Alembic's `include_object`: the word index is no model (FTS5 tables; an expression index)."""
    return not (name or "").startswith(("case_words", "ix_cases_words"))


def register(dbapi_connection) -> None:
    """Makes `hotline_grams` known to a sqlite3 connection (the triggers call it)."""
    dbapi_connection.create_function(SQLITE_FUNCTION, 2, grams, deterministic=True)


def install(conn) -> None:
    """Creates the index and fills it from the cases (a SQLAlchemy Connection, in its transaction)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(PG_FUNCTION)
        conn.exec_driver_sql(PG_INDEX)
        return
    register(conn.connection.driver_connection)
    conn.exec_driver_sql(SQLITE_TABLE)
    for sql in SQLITE_TRIGGER_SQL:
        conn.exec_driver_sql(sql)
    conn.exec_driver_sql(SQLITE_FILL)


def uninstall(conn) -> None:
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("DROP INDEX IF EXISTS ix_cases_words")
        conn.exec_driver_sql("DROP FUNCTION IF EXISTS hotline_grams(text, text)")
        return
    for name in SQLITE_TRIGGERS:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    conn.exec_driver_sql("DROP TABLE IF EXISTS case_words")


def is_whole(conn) -> bool:
    """Are the index and (SQLite) its triggers all there? A migration that copies `cases` into a new table
    (SQLite's batch mode) drops the triggers with the old table."""
    if conn.dialect.name == "postgresql":
        return conn.exec_driver_sql("SELECT to_regclass('ix_cases_words') IS NOT NULL").scalar()
    names = {r[0] for r in conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE 'case_words%'")}
    return whole_on_sqlite(names)


def whole_on_sqlite(names) -> bool:
    """Whether SQLite's tables and triggers `names` hold the whole index (is_whole)."""
    return {"case_words", *SQLITE_TRIGGERS} <= set(names)


def rebuild(conn) -> None:
    """Builds the index again from the cases (`python main.py db rebuild-search`; after a table copy)."""
    if conn.dialect.name == "postgresql" and is_whole(conn):
        conn.exec_driver_sql("REINDEX INDEX ix_cases_words")
        return
    uninstall(conn)
    install(conn)
