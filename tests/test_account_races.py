"""Accounts under concurrency, on both backends: simultaneous logins, administrators disabling each other,
two accounts created at once whose names differ only in case."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from app import db
from app.models import AccessLog, Staff
from app.services import accounts
from app.services.errors import LoginRefused
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

    from app.services import clock

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
