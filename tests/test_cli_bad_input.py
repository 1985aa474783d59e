"""Bad input on the command line: every command says what went wrong in one line on stderr and exits 2, no traceback."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app import db
from app.cli import main
from tests.exchange_files import generated_rows, write_csv

ROOT = Path(__file__).resolve().parent.parent
LONG = "a" * 300  # longer than a file name may be (255 bytes)


def commands(tmp_path: Path, csv_file: Path) -> dict[str, list[str]]:
    """Every command that uses a database, with arguments that are fine on a good database."""
    return {
        "db upgrade": ["db", "upgrade"],
        "db rebuild-stats": ["db", "rebuild-stats"],
        "rank": ["rank", "--period", "2022-08"],
        "accounts list": ["accounts", "list"],
        "accounts demo": ["accounts", "demo"],
        "import": ["import", str(csv_file)],
        "export": ["export", str(tmp_path / "out.csv")],
        "demo": ["demo", "--cases", "5"],
        "snapshot": ["snapshot", str(tmp_path / "copy.db")],
    }


def one_error_line(capsys) -> str:
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert len(lines) == 1 and err.endswith("\n"), err
    assert lines[0].startswith("error: ") and "Traceback" not in err
    return lines[0]


def cli(*argv: str, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run([sys.executable, "main.py", *argv], cwd=ROOT, stderr=subprocess.PIPE, timeout=120,
                          env={**os.environ, "HOTLINE_TRACEBACK": ""}, **kwargs)


@pytest.mark.parametrize("command", list(commands(Path(), Path())))
def test_a_file_that_is_not_a_database(tmp_path, capsys, command):
    not_db = tmp_path / "notes.db"
    not_db.write_bytes(b"shopping list: milk, eggs\n" * 100)
    argv = commands(tmp_path, write_csv(tmp_path / "in.csv", generated_rows(3)))[command]
    assert main([*argv, "--db", f"sqlite:///{not_db}"]) == 2
    assert one_error_line(capsys) == f"error: cannot use the database {not_db}: file is not a database"
    assert not_db.read_bytes() == b"shopping list: milk, eggs\n" * 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "notes.db"]  # no copy, no output


@pytest.mark.parametrize("command", list(commands(Path(), Path())))
def test_a_database_from_a_newer_version(sqlite_url, tmp_path, capsys, command):
    """Every command, `rank` and `db upgrade` included, refuses a database a newer program migrated (db.prepare)."""
    path = sqlite_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_future'")
    conn.close()
    argv = commands(tmp_path, write_csv(tmp_path / "in.csv", generated_rows(3)))[command]
    assert main([*argv, "--db", sqlite_url]) == 2
    line = one_error_line(capsys)
    assert line == (f"error: the database is at revision 0099_future, newer than this program "
                    f"({db.head_revision()}): use the newer program")


@pytest.mark.parametrize("url, driver", [
    ("mysql://clerk@db.example/hotline", "mysql"),
    ("postgresql+psycopg2://clerk@db.example/hotline", "postgresql+psycopg2"),
    ("oracle://clerk@db.example/hotline", "oracle"),
])
def test_a_database_driver_that_is_not_installed(capsys, url, driver):
    assert main(["accounts", "list", "--db", url]) == 2
    line = one_error_line(capsys)
    assert line.startswith(f"error: the database driver for {driver}:// is not installed (Python module ")
    assert "postgresql+psycopg://" in line


def test_the_input_ends_at_a_password_prompt(sqlite_url):
    """No terminal and an empty standard input (`… < /dev/null`, a cron job)."""
    assert cli("accounts", "demo", "--db", sqlite_url).returncode == 0
    done = cli("accounts", "reset-password", "demo_admin", "--db", sqlite_url,
               stdin=subprocess.DEVNULL, start_new_session=True)
    assert (done.returncode, done.stderr) == (2, b"error: the input ended at a prompt (nothing was changed)\n")


@pytest.mark.parametrize("command", ["import", "export", "snapshot"])
def test_a_file_name_that_is_too_long(sqlite_url, tmp_path, capsys, command):
    name = str(tmp_path / f"{LONG}.{'db' if command == 'snapshot' else 'csv'}")
    assert main([command, name, "--db", sqlite_url]) == 2
    line = one_error_line(capsys)
    assert name in line and line.endswith("File name too long")


def test_a_database_url_with_a_folder_name_that_is_too_long(tmp_path, capsys):
    assert main(["accounts", "list", "--db", f"sqlite:///{tmp_path / LONG / 'hotline.db'}"]) == 2
    assert one_error_line(capsys).endswith(f"{tmp_path / LONG}: File name too long")


@pytest.mark.parametrize("argv", [["rank", "--period", "2022-08"], ["rank", "--period", "2022", "--format", "table"],
                                  ["accounts", "demo"], ["db", "upgrade"]], ids=" ".join)
def test_standard_output_is_a_full_disk(sqlite_url, argv):
    with open("/dev/full", "wb") as full:
        done = cli(*argv, "--db", sqlite_url, stdout=full)
    assert done.returncode == 2
    assert done.stderr == b"error: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("argv", [["rank", "--period", "2022-08"], ["accounts", "list"], ["db", "upgrade"]],
                         ids=" ".join)
def test_standard_output_is_closed(sqlite_url, argv):
    done = cli(*argv, "--db", sqlite_url, stdout=None, preexec_fn=lambda: os.close(1))
    assert (done.returncode, done.stderr) == (2, b"error: the standard output is closed; nothing was done\n")


def test_a_folder_where_the_snapshot_goes_is_one_line(sqlite_url, tmp_path, capsys):
    (tmp_path / "copy.db").mkdir()
    assert main(["snapshot", str(tmp_path / "copy.db"), "--db", sqlite_url]) == 2
    assert str(tmp_path / "copy.db") in one_error_line(capsys)
    assert (tmp_path / "copy.db").is_dir() and not any((tmp_path / "copy.db").iterdir())


def test_a_bad_argument_is_one_line(capsys):
    with pytest.raises(SystemExit) as ended:
        main(["rank", "--period", "2022-08", "--level", "city"])
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("hotline rank: error: argument --level: invalid choice: 'city'")
    assert err.rstrip().endswith("(see `hotline rank --help`)")


def test_an_unexpected_failure_is_one_line_without_traceback(sqlite_url, tmp_path, capsys):
    """A database whose tables were damaged by hand: whatever fails, the user reads one line."""
    path = sqlite_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE stat_daily")
    conn.close()
    assert main(["db", "rebuild-stats", "--db", sqlite_url]) == 2
    assert "stat_daily" in one_error_line(capsys)
