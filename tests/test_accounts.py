"""Staff accounts: hashed passwords, login, throttling and lockout, first start, administration, demo accounts."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update

from app.messages import error_text
from app.models import AccessLog, Setting, Staff
from app.services import accounts
from app.services.errors import LoginRefused, PermissionDenied, ValidationFailed
from tests.case_states import places
from tests.conftest import make_actor

T0 = datetime(2026, 3, 2, 9, 0)
ADMIN = make_actor("admin")


def _codes(exc: ValidationFailed) -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in exc.problems}


def test_password_is_stored_as_salted_scrypt():
    stored = accounts.hash_password("correct horse")
    scheme, n, r, p, salt, digest = stored.split("$")
    assert (scheme, n, r, p) == ("scrypt", "16384", "8", "1")
    assert salt and digest and "correct" not in stored
    assert accounts.hash_password("correct horse") != stored  # a fresh salt each time
    assert accounts.verify_password("correct horse", stored)
    assert not accounts.verify_password("correct horsE", stored)
    assert not accounts.verify_password("x", "md5$abc")
    assert not accounts.verify_password("x", None)


def test_admin_creates_staff_who_logs_in(sf):
    info = accounts.create_staff(sf, ADMIN, "zhangsan", "张三", "dispatcher", "secret-pass")
    with sf() as s:
        row = s.get(Staff, info.id)
        assert row.password_hash.startswith("scrypt$") and "secret-pass" not in row.password_hash
    actor = accounts.login(sf, "ZhangSan ", "secret-pass", "ws-07", now=T0)  # case and spaces do not matter
    assert (actor.staff_id, actor.role, actor.workstation, actor.name) == (info.id, "dispatcher", "ws-07", "张三")
    with sf() as s:
        assert s.scalar(select(AccessLog.action).where(AccessLog.staff_id == info.id, AccessLog.action == "login"))


def test_handler_needs_a_unit_and_logs_in_with_it(sf):
    p = places(sf)
    with pytest.raises(ValidationFailed) as bad:
        accounts.create_staff(sf, ADMIN, "unit1", "李四", "handler", "secret-pass")
    assert ("unit", "required") in _codes(bad.value)
    accounts.create_staff(sf, ADMIN, "unit1", "李四", "handler", "secret-pass", unit_id=p.street_id)
    assert accounts.login(sf, "unit1", "secret-pass", "ws", now=T0).unit_id == p.street_id


def test_bad_account_input_is_reported_field_by_field(sf):
    accounts.create_staff(sf, ADMIN, "wangwu", "王五", "callback", "secret-pass")
    with pytest.raises(ValidationFailed) as bad:
        accounts.create_staff(sf, ADMIN, "WangWu", "", "chief", "short", password_repeat="other")
    assert _codes(bad.value) == {("username", "duplicate"), ("display_name", "required"), ("role", "not_allowed"),
                                 ("password", "too_short"), ("password_repeat", "mismatch")}
    assert "至少 8 位" in error_text(bad.value)
    with pytest.raises(ValidationFailed) as bad:
        accounts.create_staff(sf, ADMIN, "has space", "某人", "callback", "secret-pass")
    assert _codes(bad.value) == {("username", "bad_username")}


WRONG = "用户名或密码错误;连续输错须稍候再试,多次输错账号将被锁定(可请管理员解锁)"


def _answer(refused: LoginRefused) -> tuple:
    return type(refused), refused.reason, refused.retry_after, str(refused), error_text(refused)


def _state(sf, username):
    with sf() as s:
        staff = s.scalar(select(Staff).where(Staff.username == username))
        return staff.failed_logins, staff.locked_until


def test_wrong_password_and_unknown_user_say_the_same(sf):
    accounts.create_staff(sf, ADMIN, "zhao", "赵六", "receptionist", "secret-pass")
    with pytest.raises(LoginRefused) as wrong:
        accounts.login(sf, "zhao", "wrong-pass", "ws", now=T0)
    with pytest.raises(LoginRefused) as unknown:
        accounts.login(sf, "nobody", "secret-pass", "ws", now=T0)
    assert _answer(wrong.value) == _answer(unknown.value)
    assert error_text(unknown.value) == WRONG
    with sf() as s:
        assert s.scalar(select(Staff.failed_logins).where(Staff.username == "zhao")) == 1
        assert [a for (a,) in s.execute(select(AccessLog.action).where(AccessLog.action == "login_failed"))] == [
            "login_failed", "login_failed"]


def test_a_password_typed_as_user_name_is_not_logged(sf):
    with pytest.raises(LoginRefused):
        accounts.login(sf, "Tr0ub4dor&3", "", "ws", now=T0)
    with sf() as s:
        details = [d for (d,) in s.execute(select(AccessLog.detail))]
    assert details == ["unknown user name"]


def test_failures_slow_down_then_lock_then_unlock_after_time(sf):
    accounts.create_staff(sf, ADMIN, "qian", "钱七", "receptionist", "secret-pass")
    now = T0
    pauses = []
    for failures in range(1, 5):
        with pytest.raises(LoginRefused) as refused:
            accounts.login(sf, "qian", "bad-guess", "ws", now=now)
        assert error_text(refused.value) == WRONG
        count, until = _state(sf, "qian")
        assert count == failures
        pauses.append((until - now).total_seconds())
        # too soon: the right password is not even checked, and answered as a wrong one; no failure counted
        with pytest.raises(LoginRefused) as early:
            accounts.login(sf, "qian", "secret-pass", "ws", now=now + (until - now) / 2)
        assert _answer(early.value) == _answer(refused.value)
        assert _state(sf, "qian") == (failures, until)
        now = until
    assert pauses == [1, 2, 4, 8]
    with pytest.raises(LoginRefused):
        accounts.login(sf, "qian", "bad-guess", "ws", now=now)
    until = now + timedelta(minutes=15)
    assert _state(sf, "qian") == (5, until)
    with pytest.raises(LoginRefused) as still:
        accounts.login(sf, "qian", "secret-pass", "ws", now=until - timedelta(minutes=1))
    assert error_text(still.value) == WRONG
    actor = accounts.login(sf, "qian", "secret-pass", "ws", now=until)
    assert actor.role == "receptionist"
    assert _state(sf, "qian") == (0, None)
    with sf() as s:
        assert [d for (d,) in s.execute(select(AccessLog.detail).where(AccessLog.action == "login_refused")
                                        .order_by(AccessLog.id))] == ["paused"] * 4 + ["locked"]


def test_lockout_follows_the_settings(sf):
    accounts.create_staff(sf, ADMIN, "sun", "孙八", "receptionist", "secret-pass")
    with sf.begin() as s:
        s.add_all([Setting(key="login.max_failures", effective_from=T0.date(), value="2"),
                   Setting(key="login.lock_minutes", effective_from=T0.date(), value="60")])
    with pytest.raises(LoginRefused):
        accounts.login(sf, "sun", "bad-guess", "ws", now=T0)
    with pytest.raises(LoginRefused):
        accounts.login(sf, "sun", "bad-guess", "ws", now=T0 + timedelta(seconds=5))
    assert _state(sf, "sun") == (2, T0 + timedelta(seconds=5, minutes=60))


def test_admin_resets_password_of_locked_account(sf):
    info = accounts.create_staff(sf, ADMIN, "zhou", "周九", "callback", "secret-pass")
    now = T0
    for _ in range(5):
        with pytest.raises(LoginRefused):
            accounts.login(sf, "zhou", "bad-guess", "ws", now=now)
        now += timedelta(seconds=30)
    assert _state(sf, "zhou")[0] == 5
    accounts.reset_password(sf, ADMIN, info.id, "new-secret-1")
    with pytest.raises(LoginRefused):
        accounts.login(sf, "zhou", "secret-pass", "ws", now=now)
    now += timedelta(seconds=2)
    assert accounts.login(sf, "zhou", "new-secret-1", "ws", now=now).staff_id == info.id


def test_disabled_account_cannot_log_in(sf):
    info = accounts.create_staff(sf, ADMIN, "wu", "吴十", "dispatcher", "secret-pass")
    accounts.set_active(sf, ADMIN, info.id, False)
    with pytest.raises(LoginRefused) as guessed:  # a wrong password: as for any account
        accounts.login(sf, "wu", "bad-guess", "ws", now=T0)
    assert error_text(guessed.value) == WRONG
    with pytest.raises(LoginRefused) as refused:  # its owner, with the right password, is told why
        accounts.login(sf, "wu", "secret-pass", "ws", now=T0 + timedelta(seconds=2))
    assert refused.value.reason == "disabled" and "已停用" in error_text(refused.value)
    accounts.set_active(sf, ADMIN, info.id, True)
    assert accounts.login(sf, "wu", "secret-pass", "ws", now=T0 + timedelta(seconds=4)).role == "dispatcher"


def test_refusals_take_as_long_as_a_wrong_password(sf):
    """Paused, locked and disabled accounts and unknown names are not told apart by speed (scrypt runs anyway)."""
    import statistics
    import time

    for name in ("paused", "locked", "disabled", "plain"):
        accounts.create_staff(sf, ADMIN, name, name, "receptionist", "secret-pass")
    with sf.begin() as s:
        s.execute(update(Staff).where(Staff.username == "paused").values(failed_logins=1,
                                                                         locked_until=T0 + timedelta(hours=1)))
        s.execute(update(Staff).where(Staff.username == "locked").values(failed_logins=5,
                                                                         locked_until=T0 + timedelta(hours=1)))
        s.execute(update(Staff).where(Staff.username == "disabled").values(active=False))

    def timed(username, at):
        started = time.perf_counter()
        with pytest.raises(LoginRefused) as refused:
            accounts.login(sf, username, "bad-guess", "ws", now=at)
        return time.perf_counter() - started, _answer(refused.value)

    times: dict[str, list[float]] = {}
    answers = set()
    for round_no in range(5):
        at = T0 + timedelta(seconds=40 * round_no)  # "plain" and "disabled" are past their pause each round
        for name in ("plain", "paused", "locked", "disabled", "no-such-user"):
            took, answer = timed(name, at)
            times.setdefault(name, []).append(took)
            answers.add(answer)
    assert len(answers) == 1
    wrong = statistics.median(times["plain"])
    for name in ("paused", "locked", "disabled", "no-such-user"):
        assert statistics.median(times[name]) > wrong / 2, (name, times)


def test_first_start_creates_the_administrator_once(sf):
    assert not accounts.admin_exists(sf)
    with pytest.raises(ValidationFailed) as bad:
        accounts.create_first_admin(sf, "admin", "管理员", "1234567", "1234567")
    assert ("password", "too_short") in _codes(bad.value)
    assert not accounts.admin_exists(sf)
    actor = accounts.create_first_admin(sf, "admin", "系统管理员", "admin-pass-1", "admin-pass-1", "ws-1")
    assert actor.role == "admin" and actor.staff_id and actor.workstation == "ws-1"
    assert accounts.admin_exists(sf)
    with pytest.raises(PermissionDenied) as refused:
        accounts.create_first_admin(sf, "admin2", "另一个", "admin-pass-2", "admin-pass-2")
    assert error_text(refused.value) == "您的角色(未登录用户)不能创建首个管理员;可以操作的角色:管理员"
    assert accounts.login(sf, "admin", "admin-pass-1", "ws", now=T0).staff_id == actor.staff_id


def test_last_administrator_cannot_be_disabled_or_demoted(sf):
    me = accounts.create_first_admin(sf, "admin", "管理员", "admin-pass-1")
    with pytest.raises(ValidationFailed) as bad:
        accounts.set_active(sf, me, me.staff_id, False)
    assert ("active", "last_admin") in _codes(bad.value)
    with pytest.raises(ValidationFailed):
        accounts.update_staff(sf, me, me.staff_id, "管理员", "supervisor")
    other = accounts.create_staff(sf, me, "admin2", "第二管理员", "admin", "admin-pass-2")
    accounts.set_active(sf, me, other.id, False)
    assert [s.username for s in accounts.list_staff(sf, me) if s.active] == ["admin"]


@pytest.mark.parametrize("role", ["receptionist", "dispatcher", "handler", "callback", "supervisor"])
def test_only_admin_manages_accounts(sf, role):
    info = accounts.create_staff(sf, ADMIN, "target", "某员工", "receptionist", "secret-pass")
    actor = make_actor(role, unit_id=places(sf).street_id if role == "handler" else None)
    for attempt in (
        lambda: accounts.create_staff(sf, actor, "newbie", "新人", "receptionist", "secret-pass"),
        lambda: accounts.update_staff(sf, actor, info.id, "某员工", "admin"),
        lambda: accounts.reset_password(sf, actor, info.id, "hijacked-pass"),
        lambda: accounts.set_active(sf, actor, info.id, False),
        lambda: accounts.unlock(sf, actor, info.id),
    ):
        with pytest.raises(PermissionDenied) as refused:
            attempt()
        assert "管理员" in error_text(refused.value)
    if role == "supervisor":  # reads everything
        assert [s.username for s in accounts.list_staff(sf, actor)] == ["target"]
    else:
        with pytest.raises(PermissionDenied):
            accounts.list_staff(sf, actor)
    with sf() as s:
        row = s.get(Staff, info.id)
        assert (row.role, row.active) == ("receptionist", True)
        assert s.scalar(select(Staff.id).where(Staff.username == "newbie")) is None


def test_user_changes_own_password(sf):
    accounts.create_staff(sf, ADMIN, "zheng", "郑一", "callback", "secret-pass")
    me = accounts.login(sf, "zheng", "secret-pass", "ws", now=T0)
    with pytest.raises(ValidationFailed) as bad:
        accounts.change_own_password(sf, me, "not-it", "brand-new-pass", "brand-new-pass")
    assert _codes(bad.value) == {("old_password", "wrong")}
    accounts.change_own_password(sf, me, "secret-pass", "brand-new-pass", "brand-new-pass")
    assert accounts.login(sf, "zheng", "brand-new-pass", "ws", now=T0).staff_id == me.staff_id


def test_demo_accounts_one_per_role_log_in(sf):
    created = accounts.create_demo_accounts(sf)
    assert sorted(role for _, _, role in created) == sorted(accounts.ROLES)
    for username, password, role in created:
        actor = accounts.login(sf, username, password, "ws", now=T0)
        assert actor.role == role
        assert (actor.unit_id is not None) == (role == "handler")
    again = dict((u, pw) for u, pw, _ in accounts.create_demo_accounts(sf))  # run twice: new passwords
    assert accounts.login(sf, "demo_admin", again["demo_admin"], "ws", now=T0).role == "admin"
    with sf() as s:
        assert len(s.scalars(select(Staff)).all()) == len(accounts.ROLES)
