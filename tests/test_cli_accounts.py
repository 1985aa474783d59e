"""The accounts commands: demo accounts printed, a forgotten password reset from the command line."""
from __future__ import annotations

import io
import sys

from app import db
from app.cli import main
from app.services import accounts


def test_demo_accounts_are_printed_and_log_in(sqlite_url, capsys):
    assert main(["accounts", "demo", "--db", sqlite_url]) == 0
    lines = [line.split("\t") for line in capsys.readouterr().out.splitlines()[1:]]
    assert sorted(role for _, _, role in lines) == sorted(accounts.ROLES)
    sf = db.make_session_factory(db.make_engine(sqlite_url))
    for username, password, role in lines:
        assert accounts.login(sf, username.strip(), password, "ws").role == role
    assert main(["accounts", "list", "--db", sqlite_url]) == 0
    assert "demo_handler" in capsys.readouterr().out


def test_forgotten_admin_password_is_reset(sqlite_url, sqlite_sf, monkeypatch, capsys):
    accounts.create_first_admin(sqlite_sf, "admin", "管理员", "forgotten-1")
    # no terminal: the passwords are the lines of the standard input
    monkeypatch.setattr(sys, "stdin", io.StringIO("too-short\ntoo-short!\nbrand-new-1\nbrand-new-1\n"))
    assert main(["accounts", "reset-password", "admin", "--db", sqlite_url]) == 2
    assert "password_repeat: mismatch" in capsys.readouterr().err
    assert main(["accounts", "reset-password", "admin", "--db", sqlite_url]) == 0
    assert accounts.login(sqlite_sf, "admin", "brand-new-1", "ws").role == "admin"
    assert main(["accounts", "reset-password", "nobody", "--db", sqlite_url]) == 2


def test_demo_command_prints_one_account_per_role(sqlite_url, capsys):
    assert main(["demo", "--cases", "200", "--db", sqlite_url]) == 0
    out = capsys.readouterr().out
    block = out.split("demo accounts (user name, password, role):\n")[1].splitlines()
    lines = [line.strip().split("\t") for line in block]
    assert sorted(role for _, _, role in lines) == sorted(accounts.ROLES)
    sf = db.make_session_factory(db.make_engine(sqlite_url))
    username, password, _role = next(line for line in lines if line[2] == "handler")
    handler = accounts.login(sf, username, password, "ws")
    from sqlalchemy import func, select

    from app.models import Case
    from app.services.permissions import visible_cases_clause

    with sf() as s:  # the demo handler has cases of its own to work on
        assert s.scalar(select(func.count()).select_from(Case).where(visible_cases_clause(handler))) > 0


def test_the_input_ends_at_the_password_prompt(sqlite_url, sqlite_sf, monkeypatch, capsys):
    accounts.create_first_admin(sqlite_sf, "admin", "管理员", "forgotten-1")
    monkeypatch.setattr(sys, "stdin", io.StringIO("only-one-line\n"))
    assert main(["accounts", "reset-password", "admin", "--db", sqlite_url]) == 2
    assert capsys.readouterr().err == "error: the input ended at a prompt (nothing was changed)\n"
    assert accounts.login(sqlite_sf, "admin", "forgotten-1", "ws").role == "admin"
