"""Accounts under concurrency, on both backends: simultaneous logins, administrators disabling each other,
two accounts created at once whose names differ only in case."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from app import db
from app.models import AccessLog, Staff
from app.services import accounts, clock
from app.services.errors import LoginRefused, ValidationFailed
from tests.conftest import make_actor

THREADS = 20
ADMIN = make_actor("admin")


@pytest.fixture
def wide_sf(db_url):
    """A session factory whose pool lets 20 threads connect at once (on SQLite too: the file serialises writers)."""
    engine = db.make_engine(db_url, **({} if db_url.startswith("sqlite") else {"pool_size": THREADS + 2}))
    yield db.make_session_factory(engine)
    engine.dispose()


def _all_at_once(calls) -> list:
    """Run the calls in threads released together; each result is the return value or the exception."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        try:
            results[i] = call()
        except Exception as exc:  # noqa: BLE001  (kept to be checked by the test)
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results


def test_simultaneous_logins_check_one_password_per_pause(wide_sf):
    info = accounts.create_staff(wide_sf, ADMIN, "target", "目标", "receptionist", "right-pass")
    wave = [lambda i=i: accounts.login(wide_sf, "target", f"guess-{i}", "ws") for i in range(THREADS - 1)]
    wave.append(lambda: accounts.login(wide_sf, "target", "right-pass", "ws"))
    results = _all_at_once(wave)
    assert all(isinstance(r, (LoginRefused, accounts.Actor)) for r in results), results
    logged_in = sum(1 for r in results if not isinstance(r, Exception))
    with wide_sf() as s:
        failures = s.scalar(select(Staff.failed_logins).where(Staff.id == info.id))
        checked = s.scalar(select(func.count()).select_from(AccessLog).where(
            AccessLog.staff_id == info.id, AccessLog.action.in_(("login", "login_failed", "login_locked"))))
    # the first attempt to get the row is checked; every later one finds the account paused: one failure at
    # most (and when the right password came first, it got in and the next guess was checked and failed)
    assert failures <= 1
    assert checked == failures + logged_in
    assert logged_in == 0 or checked <= 2


def test_waves_of_simultaneous_logins_lock_after_the_fifth_failure(wide_sf):
    from datetime import timedelta

    info = accounts.create_staff(wide_sf, ADMIN, "target", "目标", "receptionist", "right-pass")
    now = clock.now()
    for wave_no in range(5):
        at = now + timedelta(seconds=60 * wave_no)  # after each pause
        _all_at_once([lambda i=i, at=at: accounts.login(wide_sf, "target", f"guess-{i}", "ws", now=at)
                      for i in range(THREADS)])
        with wide_sf() as s:
            assert s.scalar(select(Staff.failed_logins).where(Staff.id == info.id)) == wave_no + 1
            assert s.scalar(select(func.count()).select_from(AccessLog).where(  # passwords checked
                AccessLog.staff_id == info.id, AccessLog.action.in_(("login_failed", "login_locked")))) == wave_no + 1
    # locked now: the right password is refused like a wrong one
    results = _all_at_once([lambda: accounts.login(wide_sf, "target", "right-pass", "ws", now=now + timedelta(minutes=5))
                            for _ in range(THREADS)])
    assert all(isinstance(r, LoginRefused) for r in results)
    with wide_sf() as s:
        assert s.scalar(select(Staff.failed_logins).where(Staff.id == info.id)) == 5


def _two_admins(sf):
    first = accounts.create_first_admin(sf, "admin1", "管理员甲", "admin-pass-1")
    accounts.create_staff(sf, first, "admin2", "管理员乙", "admin", "admin-pass-2")
    return first, accounts.login(sf, "admin2", "admin-pass-2", "ws-2")


def _active_admins(sf) -> int:
    with sf() as s:
        return s.scalar(select(func.count()).select_from(Staff).where(Staff.role == "admin", Staff.active.is_(True)))


@pytest.mark.parametrize("change", ["disable", "demote"])
def test_two_administrators_removing_each_other_at_once_leave_one(wide_sf, change):
    first, second = _two_admins(wide_sf)

    def remove(actor, target_id):
        if change == "disable":
            return accounts.set_active(wide_sf, actor, target_id, False)
        return accounts.update_staff(wide_sf, actor, target_id, "前管理员", "supervisor")

    for _ in range(5):  # the race was lost 15 times out of 15
        results = _all_at_once([lambda: remove(first, second.staff_id), lambda: remove(second, first.staff_id)])
        refused = [r for r in results if isinstance(r, Exception)]
        assert len(refused) == 1 and isinstance(refused[0], ValidationFailed), results
        assert {p.code for p in refused[0].problems} == {"last_admin"}
        assert _active_admins(wide_sf) == 1
        assert accounts.admin_exists(wide_sf)
        with wide_sf.begin() as s:  # both administrators again for the next round
            s.execute(update(Staff).where(Staff.id.in_((first.staff_id, second.staff_id)))
                      .values(active=True, role="admin"))


def test_names_differing_only_in_case_created_at_once_give_one_account(wide_sf):
    names = ["Clerk", "clerk", "CLERK", "cLeRk"]
    results = _all_at_once([lambda n=n: accounts.create_staff(wide_sf, ADMIN, n, "回访员", "callback", "secret-pass")
                            for n in names])
    assert sum(1 for r in results if not isinstance(r, Exception)) == 1, results
    assert all({p.code for p in r.problems} == {"duplicate"} for r in results if isinstance(r, Exception))
    with wide_sf() as s:
        assert s.scalar(select(func.count()).select_from(Staff)) == 1


def test_first_administrator_created_from_two_consoles_at_once(wide_sf):
    results = _all_at_once([lambda i=i: accounts.create_first_admin(wide_sf, f"admin{i}", "管理员", "admin-pass-1")
                            for i in range(4)])
    assert sum(1 for r in results if not isinstance(r, Exception)) == 1, results
    assert _active_admins(wide_sf) == 1


def test_the_database_refuses_a_user_name_differing_only_in_case(wide_sf):
    accounts.create_staff(wide_sf, ADMIN, "Clerk", "回访员", "callback", "secret-pass")
    with pytest.raises(IntegrityError), wide_sf.begin() as s:  # as psql would: past the service's check
        s.execute(insert(Staff).values(username="cLERK", display_name="x", role="admin", active=True,
                                       failed_logins=0, created_at=clock.now()))
