"""`rank` on a SQLite file runs without SQLAlchemy (app/services/sqlite_reader.py): the statements compiled ahead of
time from the same factories (app/services/_compiled_sql.py), the same Python, and the same bytes on stdout and
stderr and the same exit code as the SQLAlchemy path, for every kind of period, level and format, and every
refusal (issue 18, 3)."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from app import db
from app.cli import main
from app.services import sqlite_reader

ROOT = Path(__file__).resolve().parent.parent
DEMO_CASES = 6000
STREETS = ("右安门街道", "长辛店街道")  # communities ranked at the community level


@pytest.fixture(scope="module")
def demo_file(sqlite_template, tmp_path_factory) -> Path:
    from app.services import demo

    path = tmp_path_factory.mktemp("fast") / "demo.db"
    shutil.copy(sqlite_template, path)
    engine = db.make_engine(f"sqlite:///{path}")
    demo.generate(db.make_session_factory(engine), DEMO_CASES, seed=5)
    db.sqlite_checkpoint(engine)
    engine.dispose()
    return path


def _run(capsys, monkeypatch, argv: list[str], fast: bool, readers=sqlite_reader) -> tuple[int, str, str, bool]:
    """main(argv) with the reader of `readers` (sqlite_reader or pg_reader) allowed (fast) or not; also whether
    the reader did the work."""
    used = []
    opener = readers.open_reader

    def spy(args):
        reader = opener(args) if fast else None
        used.append(reader is not None)
        return reader

    with monkeypatch.context() as m:
        m.setattr(readers, "open_reader", spy)
        code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err, any(used)


def _same(capsys, monkeypatch, argv: list[str], expect_fast: bool = True, readers=sqlite_reader) -> tuple[int, str, str]:
    slow = _run(capsys, monkeypatch, argv, False, readers)
    fast = _run(capsys, monkeypatch, argv, True, readers)
    assert fast[:3] == slow[:3], argv
    assert fast[3] is expect_fast, argv
    return fast[:3]


PERIODS = ("2022-07", "2022-08", "2022-Q2", "2021", "2022", "2022-06-10..2022-08-05", "2022-02-03..2022-02-27",
           "2022-08-15", "2019-01", "2030-01", "2021-12-20..2022-01-10")


@pytest.mark.parametrize("today", [None, datetime(2022, 8, 20, 10, 0)], ids=["after-the-data", "in-august"])
@pytest.mark.parametrize("period", PERIODS)
def test_the_demo_ranks_the_same_without_sqlalchemy(demo_file, period, today, capsys, monkeypatch):
    if today is not None:  # August 2022 not over: compared with the same days of July
        from app.services import clock

        monkeypatch.setattr(clock, "now", lambda: today)
    url = f"sqlite:///{demo_file}"
    printed = []
    for argv in (["rank", "--period", period, "--db", url],
                 ["rank", "--period", period, "--level", "bureau", "--format", "table", "--db", url],
                 ["--db", url, "rank", "--period", period, "--level", "street", "--format", "table"],
                 *(["rank", "--period", period, "--level", "community", "--street", street, "--format", fmt,
                    "--db", url] for street in STREETS for fmt in ("csv", "table"))):
        code, out, err = _same(capsys, monkeypatch, argv)
        assert (code, err) == (0, "")
        printed.append(out)
    if period not in ("2030-01", "2019-01", "2022-08-15"):  # no data, or a single day
        assert all(len(out.splitlines()) > 3 for out in printed[:3]), printed  # real rankings, not only headers
        assert any(len(out.splitlines()) > 1 for out in printed[3:]), printed


def test_the_database_url_of_the_environment_is_read_without_sqlalchemy(demo_file, capsys, monkeypatch):
    monkeypatch.setenv(db.ENV_VAR, f"sqlite:///{demo_file}")
    code, out, _ = _same(capsys, monkeypatch, ["rank", "--period", "2022-Q3", "--level", "bureau"])
    assert code == 0 and len(out.splitlines()) > 2


@pytest.mark.parametrize("argv, message", [
    (["--level", "community"], "--level community needs --street NAME"),
    (["--level", "community", "--street", "没有这个街道"], "unknown street or town: '没有这个街道'"),
    (["--level", "community", "--street", "丰台区住房和城乡建设委员会"], "unknown street or town"),
    (["--level", "street", "--street", "右安门街道"], "--street is only used with --level community"),
    (["--level", "bureau", "--street", "右安门街道"], "--street is only used with --level community"),
])
def test_refusals_are_the_same(demo_file, argv, message, capsys, monkeypatch):
    code, out, err = _same(capsys, monkeypatch, ["rank", "--period", "2022-08", *argv, "--db", f"sqlite:///{demo_file}"])
    assert code == 2 and out == "" and err.startswith("error: ") and message in err


@pytest.mark.parametrize("period", ["2022-13", "2022-Q5", "2022-08-31..2022-08-01", "soon"])
def test_a_bad_period_is_refused_before_the_database_is_opened(demo_file, period, capsys, monkeypatch):
    code, out, err = _same(capsys, monkeypatch, ["rank", "--period", period, "--db", f"sqlite:///{demo_file}"],
                           expect_fast=False)
    assert code == 2 and out == "" and err.startswith("error: --period: ")


@pytest.mark.parametrize("argv", [["--period", "2022-08"], ["--period", "2022", "--format", "table"],
                                  ["--period", "2022-08", "--level", "community", "--street", "右安门街道"],
                                  ["--period", "2022-08-01..2022-08-10", "--level", "bureau"]])
def test_an_empty_database_ranks_the_same(sqlite_url, argv, capsys, monkeypatch):
    code, _, err = _same(capsys, monkeypatch, ["rank", *argv, "--db", sqlite_url])
    assert (code, err) == (0, "")


def _copies(tmp_path: Path, source: Path | None, change=None) -> tuple[str, str]:
    """Two files alike (each run may change its own: the SQLAlchemy path makes a missing file, repairs an index)."""
    urls = []
    for name in ("slow.db", "fast.db"):
        path = tmp_path / name
        if source is not None:
            shutil.copy(source, path)
            if change is not None:
                conn = sqlite3.connect(path)
                change(conn)
                conn.commit()
                conn.close()
        urls.append(f"sqlite:///{path}")
    return urls[0], urls[1]


def _same_on_copies(capsys, monkeypatch, slow_url: str, fast_url: str, expect_fast: bool, period: str = "2022-08"):
    slow = _run(capsys, monkeypatch, ["rank", "--period", period, "--db", slow_url], fast=False)
    fast = _run(capsys, monkeypatch, ["rank", "--period", period, "--db", fast_url], fast=True)
    assert fast[0] == slow[0]
    assert (fast[1], fast[2].replace(fast_url[10:], "FILE")) == (slow[1], slow[2].replace(slow_url[10:], "FILE"))
    assert fast[3] is expect_fast
    return fast[:3]


def _write_garbage(path: Path) -> None:
    path.write_bytes(b"not a database at all, " * 100)


@pytest.mark.parametrize("case", ["missing", "not-migrated", "not-a-database", "older", "newer", "index-broken"])
def test_every_unusual_file_is_left_to_the_sqlalchemy_path(case, demo_file, sqlite_template, tmp_path, capsys,
                                                            monkeypatch):
    if case == "missing":
        slow, fast = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    elif case == "not-migrated":
        (tmp_path / "a.db").touch()
        (tmp_path / "b.db").touch()
        slow, fast = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    elif case == "not-a-database":
        _write_garbage(tmp_path / "a.db")
        _write_garbage(tmp_path / "b.db")
        slow, fast = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    elif case == "older":
        slow, fast = _copies(tmp_path, sqlite_template,
                             lambda c: c.execute("UPDATE alembic_version SET version_num = '0015_place_stats'"))
    elif case == "newer":
        slow, fast = _copies(tmp_path, sqlite_template,
                             lambda c: c.execute("UPDATE alembic_version SET version_num = '0099_future'"))
    else:  # a migration that copied `cases` dropped a trigger: the SQLAlchemy path puts it back, then ranks
        slow, fast = _copies(tmp_path, demo_file, lambda c: c.execute("DROP TRIGGER case_words_ai"))
    code, out, err = _same_on_copies(capsys, monkeypatch, slow, fast, expect_fast=False)
    if case == "index-broken":
        assert code == 0 and len(out.splitlines()) > 2
        assert sqlite_reader.open_reader(type("Args", (), {"db": fast})()) is not None  # repaired: fast again
    else:
        assert code == 2 and out == "" and err.startswith("error: "), err


def test_a_failure_while_reading_is_reported_by_the_sqlalchemy_path(demo_file, tmp_path, capsys, monkeypatch):
    """The reader starts (revision and tables as expected) but a statement fails: nothing is printed by it, the
    SQLAlchemy path reads again and reports the failure as it always has."""
    slow, fast = _copies(tmp_path, demo_file, lambda c: c.execute("DROP TABLE stat_daily"))
    used = []
    opener = sqlite_reader.open_reader
    monkeypatch.setattr(sqlite_reader, "open_reader", lambda args: used.append(opener(args)) or used[-1])
    code, out, err = _same_on_copies(capsys, monkeypatch, slow, fast, expect_fast=True, period="2022-08-01..2022-08-10")
    assert used and used[-1] is not None  # the reader was opened, and gave up
    assert code == 2 and out == "" and err.startswith("error: cannot use the database ") and "stat_daily" in err


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", "sqlite:///file:x.db?mode=ro&uri=true",
                                 "sqlite:///x.db?timeout=3", "sqlite:///my%20file.db", "sqlite:///~/x.db", "postgresql://h/db",
                                 "postgresql+psycopg://u:p@h/db", "mysql://h/db", "x.db"])
def test_only_a_plain_sqlite_file_url_is_read_without_sqlalchemy(url):
    assert sqlite_reader.sqlite_file(url) is None
    assert sqlite_reader.sqlite_file("sqlite:///some/where.db") == Path("some/where.db")
    assert sqlite_reader.sqlite_file("sqlite+pysqlite:////abs/x.db") == Path("/abs/x.db")


def test_a_read_replica_keeps_the_sqlalchemy_path(demo_file, monkeypatch):
    from app import replica

    assert sqlite_reader.READ_ENV_VAR == replica.READ_ENV_VAR
    args = type("Args", (), {"db": f"sqlite:///{demo_file}"})()
    reader = sqlite_reader.open_reader(args)
    assert reader is not None
    reader.close()
    args.read_db = "postgresql://standby/h"
    assert sqlite_reader.open_reader(args) is None
    del args.read_db
    monkeypatch.setenv(replica.READ_ENV_VAR, "postgresql://standby/h")
    assert sqlite_reader.open_reader(args) is None


def test_the_reader_opens_the_file_read_only(demo_file, tmp_path):
    path = tmp_path / "ro.db"
    shutil.copy(demo_file, path)
    reader = sqlite_reader.open_reader(type("Args", (), {"db": f"sqlite:///{path}"})())
    with reader, pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader.conn.execute("DELETE FROM units")


PROBE = """
import contextlib, io, json, sys
from app.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(sys.argv[1:])
print(json.dumps([code, len(out.getvalue().splitlines()), sorted(m for m in sys.modules
      if m.split(".")[0] in ("sqlalchemy", "alembic", "PySide6", "pypinyin_never"))]))
"""


@pytest.mark.parametrize("extra", [[], ["--level", "community", "--street", "右安门街道", "--format", "table"]])
def test_rank_on_sqlite_does_not_import_sqlalchemy(demo_file, extra):
    env = {k: v for k, v in os.environ.items() if k not in (db.ENV_VAR, sqlite_reader.READ_ENV_VAR)}
    done = subprocess.run([sys.executable, "-c", PROBE, "rank", "--period", "2022-08", "--db", f"sqlite:///{demo_file}",
                           *extra], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    code, lines, modules = json.loads(done.stdout.splitlines()[-1])
    assert code == 0 and lines > 2
    assert modules == []


def test_the_compiled_statements_are_what_the_factories_build():
    """A change to a statement rank runs (metrics, directory, rules, db) without regenerating fails here."""
    from app.services import compiled_sql

    current = compiled_sql.TARGET.read_text(encoding="utf-8")
    assert current == compiled_sql.render(), (
        f"{compiled_sql.TARGET.name} is out of date: run `{compiled_sql.COMMAND}` and commit the file")


def _statements_asked(capsys, monkeypatch, url: str, readers) -> set[str]:
    """The names the SQLAlchemy path asks statements.build for, ranking a day range at two levels."""
    from app.services import statements

    asked = set()
    build = statements.build

    def spy(name):
        asked.add(name)
        return build(name)

    monkeypatch.setattr(statements, "build", spy)
    for argv in (["--period", "2022-06-10..2022-08-05"], ["--period", "2022-06-10..2022-08-05", "--level", "community",
                                                           "--street", "右安门街道"]):
        assert _run(capsys, monkeypatch, ["rank", *argv, "--db", url], False, readers)[0] == 0
    return asked


def test_every_statement_rank_runs_is_compiled(demo_file, monkeypatch, capsys):
    """The SQLAlchemy path asks statements.build only for names the compiled module holds."""
    from app.services import _compiled_sql, statements

    asked = _statements_asked(capsys, monkeypatch, f"sqlite:///{demo_file}", sqlite_reader)
    assert asked and asked <= set(_compiled_sql.SQLITE) == set(statements.RANK)


def _params(name: str, unit_ids: list[int]) -> list[dict]:
    from datetime import date

    if "stat_daily" in name:
        ranges = [{"lo1": date(2022, 6, 10), "hi1": date(2022, 6, 30), "lo2": date(2022, 8, 1), "hi2": date(2022, 8, 5)},
                  {"lo1": date(2022, 2, 3), "hi1": date(2022, 2, 27), "lo2": date.max, "hi2": date.min}]
    elif "sums_statement" in name:
        ranges = [{"lo": date(2022, 1, 1), "hi": date(2022, 7, 1)}, {"lo": date(2030, 1, 1), "hi": date(2030, 1, 1)}]
    elif "scoring_in_force" in name:
        ranges = [{"day": date(2022, 8, 1)}, {"day": date.min}]
    else:
        ranges = [{}]
    if ",unit,ids," in name:
        return [{**r, "ids": ids} for r in ranges for ids in (unit_ids, unit_ids[:1], [])]
    return ranges


def _compare_statements(url: str, readers, names) -> None:
    """Each named statement read by the reader of `readers` (sqlite_reader or pg_reader) and by SQLAlchemy:
    row for row, value for value and type for type, for the parameters of _params."""
    from app.services import statements

    engine = db.make_engine(url)
    reader = readers.open_reader(type("Args", (), {"db": url})())
    try:
        with engine.connect() as conn, reader:
            unit_ids = [row[0] for row in statements.fetch(conn, "app.services.directory:units_statement")][:40]
            read = 0
            for name in names:
                for params in _params(name, unit_ids):
                    expected = [tuple(row) for row in statements.fetch(conn, name, params)]
                    got = list(statements.fetch(reader, name, params))
                    assert got == expected, (name, params)
                    assert [[type(v) for v in row] for row in got] == [[type(v) for v in row] for row in expected]
                    read += len(got)
            assert read > 500
    finally:
        engine.dispose()


def test_each_compiled_statement_reads_what_sqlalchemy_reads(demo_file):
    """Row for row, value for value and type for type (dates, booleans), IN lists empty or not."""
    from app.services import statements

    _compare_statements(f"sqlite:///{demo_file}", sqlite_reader, statements.RANK)


def test_the_generator_refuses_a_type_the_reader_does_not_convert():
    from sqlalchemy import DateTime, Integer
    from sqlalchemy.dialects import sqlite

    from app.services import compiled_sql

    dialect = sqlite.dialect(paramstyle="named")
    assert compiled_sql._kind(Integer(), dialect, result=True) is None
    with pytest.raises(TypeError, match="does not convert"):
        compiled_sql._kind(DateTime(), dialect, result=True)


def test_the_python_both_paths_share_imports_without_sqlalchemy():
    """The rates, the order, the periods, the directory, the output: importable without SQLAlchemy."""
    probe = ("import sys\nimport app.services.metrics, app.services.directory, app.services.rules, app.db\n"
             "import app.commands.rank, app.services.statements, app.services.sqlite_reader, app.services._compiled_sql\n"
             "import app.services.pg_reader\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'PySide6')))")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_embedded_file_is_read_without_sqlalchemy(tmp_path):
    """No --db, no $HOTLINE_DB_URL: the file in the user's data folder (found with Qt's QStandardPaths)."""
    env = {k: v for k, v in os.environ.items() if k not in (db.ENV_VAR, sqlite_reader.READ_ENV_VAR)}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, "main.py", "db", "upgrade"], cwd=ROOT, env=env, capture_output=True, check=True,
                   timeout=300)
    assert list((tmp_path / "data").rglob("hotline.db"))
    done = subprocess.run([sys.executable, "-c", PROBE, "rank", "--period", "2022-08", "--format", "table"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    code, lines, modules = json.loads(done.stdout.splitlines()[-1])
    assert code == 0 and lines == 3  # title, header, "no callbacks"
    assert [m for m in modules if not m.startswith("PySide6")] == [], done.stderr  # QtCore finds the folder; no SQLAlchemy


# --- PostgreSQL: the psycopg reader (app/services/pg_reader.py) -------------------------------------------------

PG_DEMO_CASES = DEMO_CASES


@pytest.fixture(scope="module")
def pg_demo(pg_server, pg_template) -> str:
    from app.services import demo
    from tests.conftest import new_pg_url

    url = new_pg_url(pg_server, pg_template)
    engine = db.make_engine(url)
    demo.generate(db.make_session_factory(engine), PG_DEMO_CASES, seed=5)
    engine.dispose()
    return url


def _run_pg(capsys, monkeypatch, argv: list[str], fast: bool) -> tuple[int, str, str, bool]:
    from app.services import pg_reader

    return _run(capsys, monkeypatch, argv, fast, pg_reader)


def _same_pg(capsys, monkeypatch, argv: list[str], expect_fast: bool = True) -> tuple[int, str, str]:
    from app.services import pg_reader

    return _same(capsys, monkeypatch, argv, expect_fast, pg_reader)


@pytest.mark.parametrize("today", [None, datetime(2022, 8, 20, 10, 0)], ids=["after-the-data", "in-august"])
@pytest.mark.parametrize("period", ["2022-07", "2022-Q2", "2022", "2022-06-10..2022-08-05", "2022-08-15", "2030-01"])
def test_postgresql_ranks_the_same_without_sqlalchemy(pg_demo, period, today, capsys, monkeypatch):
    if today is not None:
        from app.services import clock

        monkeypatch.setattr(clock, "now", lambda: today)
    printed = []
    for argv in (["rank", "--period", period, "--db", pg_demo],
                 ["rank", "--period", period, "--level", "bureau", "--format", "table", "--db", pg_demo],
                 ["rank", "--period", period, "--level", "community", "--street", STREETS[0], "--db", pg_demo]):
        code, out, err = _same_pg(capsys, monkeypatch, argv)
        assert (code, err) == (0, ""), argv
        printed.append(out)
    if period not in ("2030-01", "2022-08-15"):  # a single day of the small demo may have no callback
        assert len(printed[0].splitlines()) > 2, printed


@pytest.mark.parametrize(("argv", "message"), [
    (["--level", "community"], "--level community needs --street"),
    (["--level", "community", "--street", "没有这个街道"], "unknown street or town"),
    (["--level", "street", "--street", "右安门街道"], "--street is only used with --level community"),
])
def test_postgresql_refusals_are_the_same(pg_demo, argv, message, capsys, monkeypatch):
    code, out, err = _same_pg(capsys, monkeypatch, ["rank", "--period", "2022-08", *argv, "--db", pg_demo])
    assert code == 2 and out == "" and err.startswith("error: ") and message in err


@pytest.mark.parametrize("argv", [["--period", "2022-08"], ["--period", "2022", "--format", "table"],
                                  ["--period", "2022-08-01..2022-08-10", "--level", "bureau"]])
def test_an_empty_postgresql_database_ranks_the_same(pg_server, pg_template, argv, capsys, monkeypatch):
    from tests.conftest import new_pg_url

    code, _, err = _same_pg(capsys, monkeypatch, ["rank", *argv, "--db", new_pg_url(pg_server, pg_template)])
    assert (code, err) == (0, "")


def _pg_change(url: str, sql: str) -> None:
    import psycopg

    from app.services import pg_reader

    with psycopg.connect(**pg_reader.connect_args(url), autocommit=True) as conn:
        conn.execute(sql)


@pytest.mark.parametrize("case", ["unreachable", "no-such-database", "no-such-role", "older", "newer", "not-migrated",
                                  "no-summaries", "statement-fails"])
def test_every_unusual_postgresql_database_is_left_to_the_sqlalchemy_path(case, pg_server, pg_template, pg_demo,
                                                                          capsys, monkeypatch):
    from app.services import pg_reader
    from tests.conftest import new_pg_url

    expect_reader = False
    if case == "unreachable":
        url = f"postgresql+psycopg://{pg_server.user}@127.0.0.1:9/hotline"  # the discard port: nothing listens
    elif case == "no-such-database":
        url = pg_server.url("no_such_database_here")
    elif case == "no-such-role":  # the test server trusts every role it has: the nearest to a refused login
        url = pg_server.url("postgres").replace(f"://{pg_server.user}@", "://nobody_of_ours@")
    elif case == "not-migrated":
        url = pg_server.url("postgres")
    else:
        url = new_pg_url(pg_server, pg_template)
        _pg_change(url, {"older": "UPDATE alembic_version SET version_num = '0015_place_stats'",
                         "newer": "UPDATE alembic_version SET version_num = '0099_future'",
                         "no-summaries": "DROP TABLE stat_monthly_unit CASCADE",
                         "statement-fails": "DROP TABLE stat_daily"}[case])
        expect_reader = case == "statement-fails"  # opened (revision as expected), then gave up while reading
    assert (pg_reader.open_reader(type("Args", (), {"db": url})()) is not None) is expect_reader
    period = "2022-08-01..2022-08-10" if case == "statement-fails" else "2022-08"
    slow = _run_pg(capsys, monkeypatch, ["rank", "--period", period, "--db", url], fast=False)
    fast = _run_pg(capsys, monkeypatch, ["rank", "--period", period, "--db", url], fast=True)
    assert fast[:3] == slow[:3]
    assert fast[3] is expect_reader
    assert fast[0] == 2 and fast[1] == "" and fast[2].startswith("error: "), fast


@pytest.mark.parametrize("url", ["postgresql+psycopg://u@h/db", "postgresql+psycopg://u:pw@127.0.0.1:55440/d13m",
                                 "postgresql+psycopg://u:@h/db", "postgresql+psycopg://u:a+b:c@h:5432/db"])
def test_a_plain_postgresql_url_is_read_without_sqlalchemy(url):
    """Connected with the arguments SQLAlchemy's psycopg dialect passes, and app/db.py's connect timeout."""
    from sqlalchemy.engine import make_url

    from app.services import pg_reader

    expected = make_url(url).translate_connect_args(username="user", database="dbname")
    if "port" in expected:
        expected["port"] = int(expected["port"])
    assert pg_reader.connect_args(url) == {**expected, "connect_timeout": 5}


@pytest.mark.parametrize("url", ["postgresql://u@h/db", "postgresql+psycopg2://u@h/db", "postgresql+psycopg:///db",
                                 "postgresql+psycopg://h/db", "postgresql+psycopg://u@h/db?sslmode=require",
                                 "postgresql+psycopg://u:p%40x@h/db", "postgresql+psycopg://u@h1,h2/db",
                                 "postgresql+psycopg://u@[::1]/db", "postgresql+psycopg://u@h/db#x",
                                 "postgresql+psycopg://u@h/", "sqlite:///x.db"])
def test_an_unusual_postgresql_url_keeps_the_sqlalchemy_path(url):
    from app.services import pg_reader

    assert pg_reader.connect_args(url) is None
    assert pg_reader.open_reader(type("Args", (), {"db": url})()) is None


def test_a_read_replica_keeps_postgresql_on_the_sqlalchemy_path(pg_demo, monkeypatch):
    from app.services import pg_reader

    args = type("Args", (), {"db": pg_demo, "read_db": pg_demo})()
    assert pg_reader.open_reader(args) is None
    args.read_db = None
    monkeypatch.setenv(sqlite_reader.READ_ENV_VAR, pg_demo)
    assert pg_reader.open_reader(args) is None
    monkeypatch.delenv(sqlite_reader.READ_ENV_VAR)
    with pg_reader.open_reader(args) as reader:
        assert reader is not None


def test_the_postgresql_reader_reads_one_read_only_snapshot(pg_demo):
    from app.services import pg_reader

    with pg_reader.open_reader(type("Args", (), {"db": pg_demo})()) as reader:
        with reader.conn.cursor() as cursor:
            assert cursor.execute("SHOW transaction_read_only").fetchone() == ("on",)
            assert cursor.execute("SHOW transaction_isolation").fetchone() == ("repeatable read",)


def test_each_compiled_statement_reads_on_postgresql_what_sqlalchemy_reads(pg_demo):
    """Row for row, value for value and type for type (dates, floats, Decimal sums), IN lists empty or not."""
    from app.services import pg_reader, statements

    _compare_statements(pg_demo, pg_reader, statements.RANK_POSTGRESQL)


def test_every_statement_rank_runs_on_postgresql_is_compiled(pg_demo, monkeypatch, capsys):
    from app.services import _compiled_sql, pg_reader, statements

    asked = _statements_asked(capsys, monkeypatch, pg_demo, pg_reader)
    assert asked and asked <= set(_compiled_sql.POSTGRESQL) == set(statements.RANK_POSTGRESQL)


@pytest.mark.parametrize("extra", [[], ["--level", "community", "--street", "右安门街道", "--format", "table"]])
def test_rank_on_postgresql_does_not_import_sqlalchemy(pg_demo, extra):
    env = {k: v for k, v in os.environ.items() if k not in (db.ENV_VAR, sqlite_reader.READ_ENV_VAR)}
    done = subprocess.run([sys.executable, "-c", PROBE, "rank", "--period", "2022-08", "--db", pg_demo, *extra],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    code, lines, modules = json.loads(done.stdout.splitlines()[-1])
    assert code == 0 and lines > 2
    assert modules == []


def test_the_generator_refuses_a_type_the_postgresql_reader_does_not_convert():
    from sqlalchemy import Float, Integer, Numeric
    from sqlalchemy.dialects.postgresql import psycopg

    from app.services import compiled_sql

    dialect = psycopg.dialect()
    assert compiled_sql._pg_kind(Integer(), dialect, result=True) is None
    assert compiled_sql._pg_kind(Float(), dialect, result=True) == "float"
    with pytest.raises(TypeError, match="Decimal"):
        compiled_sql._pg_kind(Numeric(), dialect, result=True)
