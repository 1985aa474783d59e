"""The case state machine has one home (app/services/case_states.py): the lifecycle, the actions a case
offers, the role checks and the action dialogs all read its table, and the database refuses unknown codes."""
from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from app.models import Case
from app.services import case_queries, case_states
from app.services import lifecycle as L
from app.services.case_states import Action, Status
from app.services.errors import TransitionRefused
from app.services.permissions import ALLOWED
from app.services.validation import CHANNELS, REQUEST_TYPES, STATUSES, URGENCIES
from tests.conftest import make_actor
from tests.factories import case_in_state, directory


def test_every_code_list_is_the_enums():
    assert STATUSES == tuple(Status) and set(case_states.OPEN_STATES) < set(STATUSES)
    assert CHANNELS == tuple(case_states.Channel)
    assert REQUEST_TYPES == tuple(case_states.RequestType) and URGENCIES == tuple(case_states.Urgency)
    assert list(ALLOWED) == [a.value for a in Action]
    assert all(ALLOWED[a] == rule.roles for a, rule in case_states.RULES.items())


def test_the_table_gives_the_actions_of_each_state():
    assert case_states.allowed_actions("new", None, None) == {"dispatch", "merge", "close"}
    assert case_states.allowed_actions("accepted", None, None) == {
        "contact", "reply", "request_return", "request_extension", "merge"}
    assert case_states.allowed_actions("accepted", "return", None) == {
        "contact", "approve_return", "reject_return", "merge"}
    assert case_states.allowed_actions("closed", None, "unreachable") == set()
    assert case_states.allowed_actions("closed", None, "manual") == {"reopen"}
    assert case_states.refusal("reply", "accepted", "extension") == ("pending", "extension")


def test_a_change_of_the_table_is_a_change_of_the_service_and_of_the_offered_actions(sqlite_sf, monkeypatch):
    """One home: forbid signing in the table only, and neither the lifecycle nor the cases tab allows it."""
    sf = sqlite_sf
    d = directory(sf)
    street = d.unit_by_name("太平桥街道").id
    handler = make_actor("handler", unit_id=street)
    ref = case_in_state(sf, make_actor("system"), "dispatched")
    assert "sign" in case_queries.available_actions(handler, case_queries.case_detail(sf, ref.id, handler))
    rules = dict(case_states.RULES)
    rules[Action.SIGN] = dataclasses.replace(rules[Action.SIGN], from_states=(Status.ACCEPTED,))
    monkeypatch.setattr(case_states, "RULES", rules)
    assert "sign" not in case_queries.available_actions(handler, case_queries.case_detail(sf, ref.id, handler))
    with pytest.raises(TransitionRefused):
        L.sign(sf, handler, ref.id)


@pytest.mark.parametrize("column, value", [("status", "lost"), ("request_type", "gossip"), ("channel", "fax"),
                                           ("urgency", "later")])
def test_the_database_refuses_an_unknown_code(sf, system, column, value):
    ref = case_in_state(sf, system, "new")
    with pytest.raises(IntegrityError), sf.begin() as s:
        s.execute(update(Case).where(Case.id == ref.id).values({column: value}))
    with sf.begin() as s:  # a known code is fine
        s.execute(update(Case).where(Case.id == ref.id).values(status=Status.CLOSED.value))


def test_a_sqlite_file_holding_cases_gets_the_checks_and_keeps_its_cases(tmp_path):
    """0011 copies the cases table on SQLite: events and callbacks still point at their cases, and the
    foreign keys are enforced again afterwards."""
    from sqlalchemy import func, select, text

    from app import db
    from app.models import CaseEvent

    engine = db.make_engine(f"sqlite:///{tmp_path / 'hotline.db'}")
    db.upgrade(engine)
    sf = db.make_session_factory(engine)
    ref = case_in_state(sf, make_actor("system"), "closed")
    db.downgrade(engine, "0010_staff_username_ci")  # the copy without the checks, holding cases
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE cases SET urgency = 'normal'")
    db.upgrade(engine)
    with sf() as s:
        assert s.get(Case, ref.id).status == "closed"
        assert s.scalar(select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id == ref.id)) >= 5
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
    with pytest.raises(IntegrityError), sf.begin() as s:
        s.execute(update(Case).where(Case.id == ref.id).values(status="lost"))
    with pytest.raises(IntegrityError), engine.begin() as conn:  # the foreign keys are enforced again
        conn.exec_driver_sql("DELETE FROM cases")
    engine.dispose()


def test_the_demo_timelines_follow_the_table(tmp_path):
    """The demo writes its timelines in bulk, without the lifecycle: every step is one the table allows."""
    from sqlalchemy import select

    from app import db
    from app.models import CaseEvent
    from app.services import demo

    engine = db.make_engine(f"sqlite:///{tmp_path / 'demo.db'}")
    try:
        db.upgrade(engine)
        sf = db.make_session_factory(engine)
        demo.generate(sf, 1500, seed=3)
        with sf() as s:
            events = s.execute(select(CaseEvent.action, CaseEvent.from_status, CaseEvent.to_status)).all()
    finally:
        engine.dispose()
    assert {e.action for e in events} >= {"dispatch", "sign", "reply", "callback", "reopen", "merge"}
    problems = {p for p in (case_states.event_problem(*e) for e in events) if p}
    assert problems == set()
