"""The timeline (events, callbacks, access log) cannot be changed or deleted: not by the ORM, not by raw SQL."""
from __future__ import annotations

import pytest
from sqlalchemy import delete, inspect, select, text, update
from sqlalchemy.exc import DatabaseError

from app import db
from app.models import AccessLog, Callback, CaseEvent
from app.services import privacy
from app.services.errors import AppendOnly
from tests.case_states import case_in_state, places
from tests.conftest import make_actor


@pytest.fixture
def closed_case(sf):
    case = case_in_state(sf, "closed", places(sf))
    privacy.reveal_phone(sf, make_actor("callback"), case.id)
    return case


@pytest.mark.parametrize("table", ["case_events", "callbacks", "access_log"])
@pytest.mark.parametrize("statement", ["UPDATE {t} SET workstation = 'forged' WHERE id > 0",
                                       "DELETE FROM {t} WHERE id > 0"])
def test_raw_sql_cannot_change_the_timeline(engine, closed_case, table, statement):
    if table == "callbacks":
        statement = statement.replace("workstation = 'forged'", "remark = 'forged'")
    with pytest.raises(DatabaseError, match="append-only"):
        with engine.begin() as conn:
            conn.execute(text(statement.format(t=table)))
    with engine.connect() as conn:
        assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() > 0


def test_truncate_is_refused_on_postgresql(engine, closed_case):
    if engine.dialect.name != "postgresql":
        pytest.skip("TRUNCATE exists only on PostgreSQL")
    with pytest.raises(DatabaseError, match="append-only"):
        with engine.begin() as conn:
            conn.execute(text("TRUNCATE case_events CASCADE"))


@pytest.mark.parametrize("model", [CaseEvent, Callback, AccessLog])
def test_orm_refuses_to_change_or_delete_timeline_rows(sf, closed_case, model):
    with pytest.raises(AppendOnly):
        with sf.begin() as s:
            row = s.scalars(select(model).limit(1)).one()
            setattr(row, "remark" if model is Callback else "workstation", "forged")
    with pytest.raises(AppendOnly):
        with sf.begin() as s:
            s.delete(s.scalars(select(model).limit(1)).one())
    with pytest.raises(AppendOnly):
        with sf.begin() as s:
            s.execute(update(model).values(at=None))
    with pytest.raises(AppendOnly):
        with sf.begin() as s:
            s.execute(delete(model))


def test_every_event_records_staff_and_workstation(sf):
    from app.services import accounts
    from app.services import lifecycle as lc
    from tests.case_states import form

    p = places(sf)
    accounts.create_staff(sf, make_actor("admin"), "zhou", "周接线", "receptionist", "secret-pass")
    clerk = accounts.login(sf, "zhou", "secret-pass", "ws-12")
    ref = lc.create_case(sf, clerk, form(p))
    with sf() as s:
        rows = s.execute(select(CaseEvent.actor_id, CaseEvent.workstation).where(CaseEvent.case_id == ref.id)).all()
    assert len(rows) == 2  # received and dispatched
    assert set(rows) == {(clerk.staff_id, "ws-12")}


def test_downgrade_removes_the_triggers(engine):
    db.downgrade(engine, "0001")
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            assert conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").scalar() == 0
        else:
            assert conn.exec_driver_sql("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal").scalar() == 0
            assert conn.exec_driver_sql("SELECT count(*) FROM pg_proc WHERE proname = 'hotline_refuse_change'").scalar() == 0
    db.upgrade(engine)
    assert "case_events" in inspect(engine).get_table_names()
