"""The least-privilege PostgreSQL deployment (`db grant-console`): a workstation's database login cannot make
itself administrator from psql, and the console still works under it."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from app import db
from app.cli import main
from app.services import accounts, clock, lifecycle, privacy
from app.services import callback_queue as cq
from app.services.errors import LoginRefused
from tests.case_states import form, places
from tests.conftest import make_actor, new_pg_url


@pytest.fixture
def deployment(pg_server, pg_template, capsys):
    """The owner's URL, a console login's and an administrators' login's, on a fresh database."""
    owner_url = new_pg_url(pg_server, pg_template)
    name = make_url(owner_url).database
    owner = db.make_engine(owner_url)
    with owner.begin() as conn:
        for role in ("hotline_console", "hotline_admin"):
            conn.exec_driver_sql(f"DO $$ BEGIN CREATE ROLE {role} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        for login, group in ((f"ws_{name}", "hotline_console"), (f"adm_{name}", "hotline_admin")):
            conn.exec_driver_sql(f'CREATE ROLE "{login}" LOGIN IN ROLE {group}')
    owner.dispose()
    assert main(["db", "grant-console", "hotline_console", "--db", owner_url]) == 0
    assert main(["db", "grant-console", "hotline_admin", "--admin", "--db", owner_url]) == 0
    assert "console privileges granted" in capsys.readouterr().out
    as_login = lambda login: make_url(owner_url).set(username=login).render_as_string(hide_password=False)  # noqa: E731
    return owner_url, as_login(f"ws_{name}"), as_login(f"adm_{name}")


def test_a_console_login_cannot_make_itself_administrator(deployment):
    owner_url, console_url, admin_url = deployment
    owner_sf = db.make_session_factory(db.make_engine(owner_url))
    admin = accounts.create_first_admin(owner_sf, "admin", "管理员", "admin-pass-1")
    clerk = accounts.create_staff(owner_sf, admin, "clerk", "回访员", "callback", "clerk-pass-1")

    console = db.make_engine(console_url)
    attacks = [
        ("UPDATE staff SET role = 'admin' WHERE username = 'clerk'", {}),
        ("UPDATE staff SET active = false WHERE username = 'admin'", {}),
        ("UPDATE staff SET password_hash = :h WHERE username = 'admin'", {"h": accounts.hash_password("mine-now-1")}),
        ("INSERT INTO staff (username, display_name, role, password_hash, active, failed_logins, created_at) "
         "VALUES ('intruder', 'x', 'admin', :h, true, 0, now())", {"h": accounts.hash_password("mine-now-1")}),
        ("DELETE FROM staff WHERE username = 'admin'", {}),
        ("UPDATE case_events SET note = 'x'", {}),
        ("ALTER TABLE staff DISABLE TRIGGER ALL", {}),
    ]
    for sql, params in attacks:  # as from psql with the workstation's login
        with pytest.raises(DBAPIError) as refused, console.begin() as conn:
            conn.execute(text(sql), params)
        assert "permission denied" in str(refused.value.orig) or "must be owner" in str(refused.value.orig), sql
    console_sf = db.make_session_factory(console)
    with pytest.raises(DBAPIError):  # the service's own check passes for an admin actor; the database refuses
        accounts.update_staff(console_sf, admin, clerk.id, "回访员", "admin")
    with pytest.raises(LoginRefused):  # no intruder was created
        accounts.login(console_sf, "intruder", "mine-now-1", "ws")
    assert accounts.login(console_sf, "clerk", "clerk-pass-1", "ws").role == "callback"
    console.dispose()

    admin_engine = db.make_engine(admin_url)  # the administrators' workstations may
    assert accounts.update_staff(db.make_session_factory(admin_engine), admin, clerk.id, "回访员", "dispatcher").role == (
        "dispatcher")
    admin_engine.dispose()


def test_the_console_works_under_a_console_login(deployment):
    owner_url, console_url, _ = deployment
    owner_sf = db.make_session_factory(db.make_engine(owner_url))
    admin = accounts.create_first_admin(owner_sf, "admin", "管理员", "admin-pass-1")
    accounts.create_staff(owner_sf, admin, "jie", "接线员", "receptionist", "desk-pass-1")
    accounts.create_staff(owner_sf, admin, "hui", "回访员", "callback", "call-pass-1")

    console = db.make_engine(console_url)
    db.prepare(console)  # the revision check at start needs only to read
    sf = db.make_session_factory(console)
    now = clock.now()
    with pytest.raises(LoginRefused):  # a wrong password still counts, under the console login
        accounts.login(sf, "jie", "wrong-pass", "ws", now=now)
    receptionist = accounts.login(sf, "jie", "desk-pass-1", "ws-1", now=now + timedelta(seconds=2))
    p = places(sf)
    ref = lifecycle.create_case(sf, receptionist, form(p), dispatch=False)
    dispatched = lifecycle.dispatch(sf, make_actor("dispatcher"), ref.id, p.street_id, expected_version=ref.version)
    assert dispatched.status == "dispatched"
    clerk = accounts.login(sf, "hui", "call-pass-1", "ws-2")
    assert cq.claim(sf, clerk, ref.id).status == "dispatched"
    assert privacy.reveal_phone(sf, receptionist, ref.id) == "13812345678"  # recorded in the access log
    accounts.change_own_password(sf, receptionist, "desk-pass-1", "desk-pass-2", "desk-pass-2")
    assert accounts.login(sf, "jie", "desk-pass-2", "ws-1").staff_id == receptionist.staff_id
    with sf.begin() as s:  # from psql: the function never changes an administrator's password
        admin_hash = s.scalar(text("SELECT password_hash FROM staff WHERE username = 'admin'"))
        assert s.scalar(text("SELECT hotline_change_password(:id, :old, :new)"),
                        {"id": admin.staff_id, "old": admin_hash, "new": accounts.hash_password("mine-now-1")}) is False
    assert accounts.login(sf, "admin", "admin-pass-1", "ws-1").role == "admin"
    # 未诉先办 under the console login: a task from the dispatcher, its report, a key-topic plan, the lists
    from datetime import date

    from app.services import hotspots, plans, tasks, watch

    dispatcher, unit = make_actor("dispatcher"), make_actor("handler", unit_id=p.street_id)
    task_id = tasks.create_task(sf, dispatcher, tasks.TaskForm(
        title="清理积水点", category_id=p.category_id, unit_id=p.street_id, due=clock.today() + timedelta(days=7),
        street_id=p.street_id))
    tasks.report_task(sf, unit, task_id, "已清理")
    tasks.close_task(sf, dispatcher, task_id)
    with sf() as s:
        topic = s.scalar(text("SELECT category_id FROM key_topics ORDER BY id LIMIT 1"))
        year = s.scalar(text("SELECT year FROM key_topics ORDER BY id LIMIT 1"))
    plan = plans.PlanForm(date(year, 8, 1), topic, "王区长", p.street_id, (p.street_id,), -0.2)
    plans.save_plan(sf, dispatcher, plan)
    plans.save_plan(sf, dispatcher, plan, 1)  # its streets replaced
    with sf() as s:
        hotspots.find(s, clock.today())
        watch.chronic(s, clock.today())
    console.dispose()
