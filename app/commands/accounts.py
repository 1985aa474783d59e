"""`python main.py accounts …`: list staff accounts, reset a forgotten password, create the demo accounts.

These run as the system on the machine that holds the database (whoever can run them can open
the database anyway); every change is written to the access log like a change made in the console.
"""
from __future__ import annotations

import argparse
import getpass
import sys

from app.commands import engine_for


def add_parsers(sub, add_db) -> None:
    acc = sub.add_parser("accounts", help="staff accounts")
    accsub = acc.add_subparsers(dest="accounts_command", required=True)
    add_db(accsub.add_parser("list", help="list the staff accounts"))
    reset = accsub.add_parser("reset-password", help="set a new password (asked twice) and lift a lock")
    reset.add_argument("username")
    add_db(reset)
    add_db(accsub.add_parser("demo", help="create one demo account per role and print user names and passwords"))


def _sf(args: argparse.Namespace):
    from app import db

    engine = engine_for(args)
    return db.make_session_factory(engine)


def _ask(prompt: str) -> str:
    """A password from the terminal, without echo; from a pipe (no terminal), the next line, without a prompt.

    The end of the input raises EOFError (the command line says so in one line; nothing is changed).
    """
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        raise EOFError
    return line.rstrip("\r\n")


def cmd_list(args) -> int:
    from app.services import accounts
    from app.services.actors import system_actor

    for s in accounts.list_staff(_sf(args), system_actor()):
        state = "active" if s.active else "disabled"
        if s.locked:
            state = f"locked until {s.locked_until:%Y-%m-%d %H:%M}"
        print(f"{s.username}\t{s.display_name}\t{s.role}\t{s.unit_name or ''}\t{state}")
    return 0


def cmd_reset_password(args) -> int:
    from app.services import accounts
    from app.services.actors import system_actor

    sf = _sf(args)
    staff = next((s for s in accounts.list_staff(sf, system_actor()) if s.username == args.username), None)
    if staff is None:
        print(f"error: no account named {args.username}", file=sys.stderr)
        return 2
    password = _ask("new password: ")
    repeat = _ask("repeat: ")
    problems = accounts.password_problems(password, repeat)
    if problems:
        print("error: " + "; ".join(f"{p.field}: {p.code} {p.detail}".strip() for p in problems), file=sys.stderr)
        return 2
    accounts.reset_password(sf, system_actor(), staff.id, password, repeat)
    print(f"password of {args.username} changed; the account is unlocked")
    return 0


def cmd_demo(args) -> int:
    from app.services import accounts

    print("demo accounts (user name, password, role):")
    for username, password, role in accounts.create_demo_accounts(_sf(args)):
        print(f"  {username}\t{password}\t{role}")
    return 0


COMMANDS = {
    ("accounts", "list"): cmd_list,
    ("accounts", "reset-password"): cmd_reset_password,
    ("accounts", "demo"): cmd_demo,
}
