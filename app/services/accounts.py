"""Staff accounts: password hashing, login with throttling and lockout, first start, administration of accounts.

Passwords are stored only as ``scrypt$n$r$p$salt$hash`` (standard library scrypt, random salt,
base64 fields) and compared in constant time. After each failed login the account refuses further
attempts for a growing pause (1, 2, 4, 8 s …); after ``login.max_failures`` failures in a row it is
locked for ``login.lock_minutes``. Both are settings (Setting table) with defaults 5 and 15.
Logins, failures and every change to an account are written to the access log.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from app.models import ROLES, AccessLog, Staff, Unit
from app.services import clock
from app.services.actors import Actor, this_workstation
from app.services.errors import FieldProblem, LoginRefused, NotFound, PermissionDenied, ValidationFailed
from app.services.permissions import require
from app.services.rules import int_setting

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1  # 16 MiB of memory per hash, ~50 ms on these machines
SALT_BYTES = 16
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128
MAX_PAUSE_SECONDS = 30
_USERNAME = re.compile(r"^[A-Za-z0-9_.\-@\u4e00-\u9fff]{2,64}$")
DEMO_PREFIX = "demo_"
DEMO_DISPLAY_NAMES = {"receptionist": "演示接线员", "dispatcher": "演示派单员", "handler": "演示承办人",
                      "callback": "演示回访员", "supervisor": "演示督办领导", "admin": "演示管理员"}


# ---------------------------------------------------------------- passwords

def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    salt = secrets.token_bytes(SALT_BYTES)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=2 * 128 * n * r * p + 2**20,
                            dklen=32)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str | None) -> bool:
    """Constant-time comparison against a stored ``scrypt$n$r$p$salt$hash``; False for anything malformed."""
    try:
        scheme, n, r, p, salt, digest = (stored or "").split("$")
        if scheme != "scrypt":
            return False
        n, r, p = int(n), int(r), int(p)
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=n, r=r, p=p,
                                maxmem=2 * 128 * n * r * p + 2**20, dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


_DUMMY_HASH = None


def _burn_time(password: str) -> None:
    """Spend the time of one real check, so an unknown user name is not told apart by speed."""
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_password("not a password")
    verify_password(password, _DUMMY_HASH)


def password_problems(password: str, repeat: str | None = None, field: str = "password") -> list[FieldProblem]:
    problems = []
    if not password:
        problems.append(FieldProblem(field, "required"))
    elif len(password) < MIN_PASSWORD_LENGTH:
        problems.append(FieldProblem(field, "too_short", str(MIN_PASSWORD_LENGTH)))
    elif len(password) > MAX_PASSWORD_LENGTH:
        problems.append(FieldProblem(field, "too_long", str(MAX_PASSWORD_LENGTH)))
    if repeat is not None and repeat != password:
        problems.append(FieldProblem("password_repeat", "mismatch"))
    return problems


# ---------------------------------------------------------------- what the UI gets

@dataclass(frozen=True)
class StaffInfo:
    id: int
    username: str
    display_name: str
    role: str
    unit_id: int | None
    unit_name: str | None
    active: bool
    failed_logins: int
    locked_until: datetime | None
    created_at: datetime
    locked: bool = False  # locked out after too many failures, now


def _info(s: Session, staff: Staff, unit_names: dict[int, str] | None = None,
          max_failures: int | None = None) -> StaffInfo:
    """The account as the UI shows it; a listing passes the unit names and the lockout setting once for all rows."""
    if unit_names is None:
        unit_name = s.scalar(select(Unit.name).where(Unit.id == staff.unit_id)) if staff.unit_id else None
    else:
        unit_name = unit_names.get(staff.unit_id)
    now = clock.now()
    if max_failures is None:
        max_failures = int_setting(s, "login.max_failures", now.date())
    locked = (staff.locked_until is not None and staff.locked_until > now and (staff.failed_logins or 0) >= max_failures)
    return StaffInfo(staff.id, staff.username, staff.display_name, staff.role, staff.unit_id, unit_name,
                     bool(staff.active), staff.failed_logins or 0, staff.locked_until, staff.created_at, locked)


def actor_for(staff: Staff, workstation: str | None) -> Actor:
    return Actor(staff_id=staff.id, role=staff.role, unit_id=staff.unit_id,
                 workstation=(workstation or this_workstation())[:64], name=staff.display_name)


def session_ended(sf: sessionmaker[Session], actor: Actor) -> str | None:
    """Why the session of a signed-in actor can go on no longer, or None while it can.

    "disabled": an administrator disabled the account; "changed": its role or unit changed (what the
    console shows and allows was decided at sign-in); "gone": the account no longer exists.
    Consoles without a staff account (tests, the command line) never end.
    """
    if actor.staff_id is None:
        return None
    with sf() as s:
        staff = s.execute(select(Staff.active, Staff.role, Staff.unit_id).where(Staff.id == actor.staff_id)).first()
    if staff is None:
        return "gone"
    if not staff.active:
        return "disabled"
    if (staff.role, staff.unit_id) != (actor.role, actor.unit_id):
        return "changed"
    return None


def _log(s: Session, actor: Actor | None, action: str, detail: str | None = None, at: datetime | None = None,
         staff_id: int | None = None, workstation: str | None = None) -> None:
    s.add(AccessLog(at=at or clock.now(), staff_id=staff_id if actor is None else actor.staff_id,
                    workstation=workstation if actor is None else actor.workstation, action=action,
                    case_id=None, detail=detail))


# ---------------------------------------------------------------- login

def pause_after(failures: int) -> int:
    """Seconds a user must wait after `failures` failed attempts in a row: 0, 1, 2, 4, 8 … at most 30."""
    return 0 if failures <= 0 else min(2 ** (failures - 1), MAX_PAUSE_SECONDS)


def login(sf: sessionmaker[Session], username: str, password: str, workstation: str | None = None,
          now: datetime | None = None) -> Actor:
    """Check the password and return the Actor for the session, or raise LoginRefused.

    `now` is the current local time (injectable for tests). A wrong password counts a failure,
    pauses the account for pause_after(failures) seconds and, at login.max_failures, locks it for
    login.lock_minutes. A correct password resets the count.

    Whoever does not know the password learns nothing about the account: an unknown user name, a
    wrong password, and any attempt while the account is paused or locked (the password is then not
    checked at all) get the same refusal after the same scrypt time. Only the right password on a
    disabled account is told "disabled".
    """
    now = now or clock.now()
    workstation = (workstation or this_workstation())[:64]
    with sf.begin() as s:
        outcome = _check_login(s, (username or "").strip(), password or "", workstation, now)
        if isinstance(outcome, Actor):
            return outcome
    if outcome is _UNCHECKED:  # no password was checked: spend the time of one check, after the commit
        _burn_time(password or "")  # (not holding the row, or SQLite's write lock, meanwhile)
    raise _refused() if outcome is _UNCHECKED else outcome  # after the commit of the count and the log row


LOGIN_RETRY_SECONDS = 1  # every refusal asks the dialog to wait this long, whatever the account's state


_UNCHECKED = object()  # refused without checking a password (unknown name, paused or locked account)


def _refused() -> LoginRefused:
    return LoginRefused("wrong_password", retry_after=LOGIN_RETRY_SECONDS)


def _check_login(s: Session, username: str, password: str, workstation: str, now: datetime) -> Actor | LoginRefused | object:
    # user names are unique regardless of case, so "Admin" finds "admin". The row stays locked until the
    # commit (FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers), so that
    # simultaneous attempts see each other's failure count and pause: one password is checked per pause.
    staff = s.scalar(select(Staff).where(func.lower(Staff.username) == username.lower()).with_for_update())
    if staff is None or not staff.password_hash:
        # not the name typed: it may be a password typed into the wrong field
        _log(s, None, "login_failed", "unknown user name", now, workstation=workstation)
        return _UNCHECKED
    max_failures = int_setting(s, "login.max_failures", now.date())
    lock_minutes = int_setting(s, "login.lock_minutes", now.date())
    if staff.locked_until is not None and now < staff.locked_until:
        # paused or locked: not checked (a right guess must not be told apart), answered as a wrong password
        state = "locked" if staff.failed_logins >= max_failures else "paused"
        _log(s, None, "login_refused", state, now, staff.id, workstation)
        return _UNCHECKED
    if staff.failed_logins >= max_failures:  # the lock has run out: a fresh series of attempts
        staff.failed_logins = 0
    if verify_password(password, staff.password_hash):
        if not staff.active:  # only someone who knows the password learns that the account is disabled
            _log(s, None, "login_refused", "disabled", now, staff.id, workstation)
            return LoginRefused("disabled")
        staff.failed_logins = 0
        staff.locked_until = None
        _log(s, None, "login", None, now, staff.id, workstation)
        return actor_for(staff, workstation)
    staff.failed_logins += 1
    if staff.failed_logins >= max_failures:
        staff.locked_until = now + timedelta(minutes=lock_minutes)
        _log(s, None, "login_locked", f"{staff.failed_logins} failures", now, staff.id, workstation)
        return _refused()
    staff.locked_until = now + timedelta(seconds=pause_after(staff.failed_logins))
    _log(s, None, "login_failed", f"{staff.failed_logins} failures", now, staff.id, workstation)
    return _refused()


# ---------------------------------------------------------------- first start

def admin_exists(sf: sessionmaker[Session]) -> bool:
    """Whether an active administrator account exists (else the console asks for the first one)."""
    with sf() as s:
        return bool(s.scalar(select(func.count()).select_from(Staff)
                             .where(Staff.role == "admin", Staff.active.is_(True), Staff.password_hash.is_not(None))))


def create_first_admin(sf: sessionmaker[Session], username: str, display_name: str, password: str,
                       password_repeat: str | None = None, workstation: str | None = None) -> Actor:
    """On a database without an administrator: create one and return the Actor logged in as them."""
    workstation = (workstation or this_workstation())[:64]
    with sf.begin() as s:
        _serialise_account_changes(s)
        if s.scalar(select(func.count()).select_from(Staff).where(Staff.role == "admin", Staff.active.is_(True))):
            raise PermissionDenied("create_first_admin", "nobody", ("admin",))
        staff = _new_staff(s, username, display_name, "admin", None, password, password_repeat)
        _log(s, None, "account_create", f"{staff.username} admin (first start)", staff_id=staff.id,
             workstation=workstation)
        return actor_for(staff, workstation)


# ---------------------------------------------------------------- administration

def _staff_problems(s: Session, username: str | None, display_name: str | None, role: str | None,
                    unit_id: int | None, existing_id: int | None = None) -> list[FieldProblem]:
    problems = []
    if username is not None:
        name = username.strip()
        if not name:
            problems.append(FieldProblem("username", "required"))
        elif not _USERNAME.match(name):
            problems.append(FieldProblem("username", "bad_username", name))
        elif s.scalar(select(Staff.id).where(func.lower(Staff.username) == name.lower(), Staff.id != (existing_id or -1))):
            problems.append(FieldProblem("username", "duplicate", name))
    if display_name is not None:
        if not display_name.strip():
            problems.append(FieldProblem("display_name", "required"))
        elif len(display_name.strip()) > 64:
            problems.append(FieldProblem("display_name", "too_long", "64"))
    if role is not None and role not in ROLES:
        problems.append(FieldProblem("role", "not_allowed", role))
    if role == "handler":
        unit = s.get(Unit, unit_id) if unit_id is not None else None
        if unit_id is None:
            problems.append(FieldProblem("unit", "required"))
        elif unit is None:
            problems.append(FieldProblem("unit", "unknown", str(unit_id)))
        elif unit.level < 2:
            problems.append(FieldProblem("unit", "not_allowed", unit.name))
    return problems


def _new_staff(s: Session, username: str, display_name: str, role: str, unit_id: int | None, password: str,
               password_repeat: str | None = None) -> Staff:
    problems = _staff_problems(s, username or "", display_name or "", role, unit_id)
    problems += password_problems(password or "", password_repeat)
    if problems:
        raise ValidationFailed(problems)
    staff = Staff(username=username.strip(), display_name=display_name.strip(), role=role,
                  unit_id=unit_id if role == "handler" else None, password_hash=hash_password(password), active=True,
                  failed_logins=0, locked_until=None, created_at=clock.now())
    s.add(staff)
    s.flush()
    return staff


ACCOUNTS_LOCK = 0x686F746C696E6501  # the advisory lock that serialises changes to accounts on PostgreSQL


def _serialise_account_changes(s: Session) -> None:
    """Wait for any other account change to commit, so that rules over several accounts hold.

    "The last active administrator" and "user names unique regardless of case" are checked by reading
    other rows: two consoles disabling each other at once would each see the other still active. On
    PostgreSQL a transaction-level advisory lock makes the changes one after the other (the reads of
    the second see the first's commit, READ COMMITTED); on SQLite BEGIN IMMEDIATE already does.
    Logins do not take it (they lock their own row).
    """
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ACCOUNTS_LOCK})


def _load(s: Session, staff_id: int) -> Staff:
    staff = s.get(Staff, staff_id)
    if staff is None:
        raise NotFound("staff", staff_id)
    return staff


def _other_active_admins(s: Session, staff_id: int) -> int:
    return s.scalar(select(func.count()).select_from(Staff)
                    .where(Staff.role == "admin", Staff.active.is_(True), Staff.id != staff_id)) or 0


def list_staff(sf: sessionmaker[Session], actor: Actor) -> list[StaffInfo]:
    require(actor, "view_accounts")
    with sf() as s:
        names = dict(s.execute(select(Unit.id, Unit.name)).all())
        limit = int_setting(s, "login.max_failures", clock.today())
        return [_info(s, st, names, limit) for st in s.scalars(select(Staff).order_by(Staff.role, Staff.username))]


def create_staff(sf: sessionmaker[Session], actor: Actor, username: str, display_name: str, role: str,
                 password: str, unit_id: int | None = None, password_repeat: str | None = None) -> StaffInfo:
    require(actor, "edit_accounts")
    with sf.begin() as s:
        _serialise_account_changes(s)
        staff = _new_staff(s, username, display_name, role, unit_id, password, password_repeat)
        _log(s, actor, "account_create", f"{staff.username} {staff.role}" + (f" unit={staff.unit_id}" if staff.unit_id else ""))
        return _info(s, staff)


def update_staff(sf: sessionmaker[Session], actor: Actor, staff_id: int, display_name: str, role: str,
                 unit_id: int | None = None) -> StaffInfo:
    """Change the name shown, the role and the unit of an account (the user name stays)."""
    require(actor, "edit_accounts")
    with sf.begin() as s:
        _serialise_account_changes(s)
        staff = _load(s, staff_id)
        problems = _staff_problems(s, None, display_name or "", role, unit_id, staff.id)
        if problems:
            raise ValidationFailed(problems)
        if staff.role == "admin" and role != "admin" and staff.active and not _other_active_admins(s, staff.id):
            raise ValidationFailed([FieldProblem("role", "last_admin")])
        before = f"{staff.role}/{staff.unit_id}/{staff.display_name}"
        staff.display_name = display_name.strip()
        staff.role = role
        staff.unit_id = unit_id if role == "handler" else None
        _log(s, actor, "account_update", f"{staff.username}: {before} → {staff.role}/{staff.unit_id}/{staff.display_name}")
        return _info(s, staff)


def reset_password(sf: sessionmaker[Session], actor: Actor, staff_id: int, password: str,
                   password_repeat: str | None = None) -> StaffInfo:
    """An administrator sets a new password; this also lifts a lock."""
    require(actor, "edit_accounts")
    problems = password_problems(password or "", password_repeat)
    if problems:
        raise ValidationFailed(problems)
    with sf.begin() as s:
        staff = _load(s, staff_id)
        staff.password_hash = hash_password(password)
        staff.failed_logins = 0
        staff.locked_until = None
        _log(s, actor, "account_password_reset", staff.username)
        return _info(s, staff)


def set_active(sf: sessionmaker[Session], actor: Actor, staff_id: int, active: bool) -> StaffInfo:
    """Disable (or enable again) an account. The last active administrator cannot be disabled."""
    require(actor, "edit_accounts")
    with sf.begin() as s:
        _serialise_account_changes(s)
        staff = _load(s, staff_id)
        if not active and staff.role == "admin" and staff.active and not _other_active_admins(s, staff.id):
            raise ValidationFailed([FieldProblem("active", "last_admin")])
        staff.active = active
        _log(s, actor, "account_enable" if active else "account_disable", staff.username)
        return _info(s, staff)


def unlock(sf: sessionmaker[Session], actor: Actor, staff_id: int) -> StaffInfo:
    require(actor, "edit_accounts")
    with sf.begin() as s:
        staff = _load(s, staff_id)
        staff.failed_logins = 0
        staff.locked_until = None
        _log(s, actor, "account_unlock", staff.username)
        return _info(s, staff)


def change_own_password(sf: sessionmaker[Session], actor: Actor, old: str, new: str, repeat: str | None = None) -> None:
    """Any logged-in user changes their own password, proving the old one."""
    if actor.staff_id is None:
        raise PermissionDenied("change_password", actor.role, tuple(ROLES))
    with sf.begin() as s:
        staff = _load(s, actor.staff_id)
        if not verify_password(old or "", staff.password_hash):
            raise ValidationFailed([FieldProblem("old_password", "wrong")])
        problems = password_problems(new or "", repeat)
        if problems:
            raise ValidationFailed(problems)
        if staff.role != "admin" and _password_function(s):
            # a console login (db grant-console) may not write password_hash: the owner's function does it,
            # for this account, from the hash just checked
            if not s.scalar(text("SELECT hotline_change_password(:id, :old, :new)"),
                            {"id": staff.id, "old": staff.password_hash, "new": hash_password(new)}):
                raise ValidationFailed([FieldProblem("old_password", "wrong")])  # changed meanwhile
        else:
            staff.password_hash = hash_password(new)
        _log(s, actor, "account_password_change", staff.username)


def _password_function(s: Session) -> bool:
    """Whether the least-privilege deployment's password function is installed (PostgreSQL, db grant-console)."""
    return s.get_bind().dialect.name == "postgresql" and s.scalar(
        text("SELECT to_regprocedure('hotline_change_password(integer, text, text)') IS NOT NULL"))


# ---------------------------------------------------------------- demo

def _demo_password() -> str:
    alphabet = "abcdefghijkmnpqrstuvwxyz23456789"  # no look-alikes (l/1, o/0)
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))


def create_demo_accounts(sf: sessionmaker[Session], actor: Actor | None = None) -> list[tuple[str, str, str]]:
    """One account per role (``demo_<role>``) with a fresh random password; returns (username, password, role).

    Running it again gives the existing demo accounts new passwords. The demo handler belongs to the
    street with the most population (a unit that always has cases in the demo).
    """
    from app.services.actors import system_actor

    actor = actor or system_actor()
    require(actor, "edit_accounts")
    out: list[tuple[str, str, str]] = []
    with sf.begin() as s:
        _serialise_account_changes(s)
        street = s.scalar(select(Unit.id).where(Unit.kind.in_(("street", "town")), Unit.active.is_(True))
                          .order_by(Unit.population.desc().nulls_last(), Unit.id).limit(1))
        for role in ROLES:
            username = f"{DEMO_PREFIX}{role}"
            password = _demo_password()
            staff = s.scalar(select(Staff).where(Staff.username == username))
            if staff is None:
                staff = _new_staff(s, username, DEMO_DISPLAY_NAMES[role], role, street if role == "handler" else None,
                                   password)
                _log(s, actor, "account_create", f"{username} {role} (demo)")
            else:
                staff.password_hash = hash_password(password)
                staff.active = True
                staff.failed_logins = 0
                staff.locked_until = None
                _log(s, actor, "account_password_reset", f"{username} (demo)")
            out.append((username, password, role))
    return out
