"""Live change notification: a commit on one workstation is seen by a watcher on another; a refused change is not."""
from __future__ import annotations

import pytest

from app import db
from app.services import changes, lifecycle
from app.services.errors import TransitionRefused
from tests.conftest import make_actor
from tests.workstations import intake_form, street_and_category


@pytest.fixture
def other_workstation(db_url):
    engine = db.make_engine(db_url)
    yield db.make_session_factory(engine)
    engine.dispose()


def _wait_for_change(watcher, rounds=20):
    for _ in range(rounds):
        seen = watcher.wait(0.5)
        if seen:
            return seen
    return []


def test_watcher_sees_a_case_taken_on_another_workstation(engine, other_workstation):
    watcher = changes.watcher_for(engine)
    try:
        street, category = street_and_category(other_workstation)
        ref = lifecycle.create_case(other_workstation, make_actor("receptionist"), intake_form(street, category))
        seen = _wait_for_change(watcher)
        assert seen
        if engine.dialect.name == "postgresql":
            assert changes.Change(ref.id, "dispatched") in seen
        assert watcher.wait(0) == []  # each change is reported once
    finally:
        watcher.close()


def test_refused_change_sends_no_notification(engine, other_workstation):
    street, category = street_and_category(other_workstation)
    ref = lifecycle.create_case(other_workstation, make_actor("receptionist"), intake_form(street, category))
    watcher = changes.watcher_for(engine)
    try:
        with pytest.raises(TransitionRefused):
            lifecycle.reply(other_workstation, make_actor("handler", street), ref.id, "已处理")  # not signed yet
        lifecycle.sign(other_workstation, make_actor("handler", street), ref.id)
        seen = _wait_for_change(watcher)
        if engine.dialect.name == "postgresql":
            assert seen == [changes.Change(ref.id, "accepted")]  # the sign only, not the refused reply
        else:
            assert seen == [changes.Change()]
    finally:
        watcher.close()


def test_change_payload_is_parsed():
    assert changes.Change.parse("42:replied") == changes.Change(42, "replied")
    assert changes.Change.parse("garbage") == changes.Change()


def test_own_commits_are_not_changes_elsewhere(engine, other_workstation):
    """A console's own change is not reported to its own watcher; another console's still is, also when
    it was committed just before one of ours."""
    own = db.make_session_factory(engine)
    watcher = changes.watcher_for(engine)
    try:
        street, category = street_and_category(own)
        lifecycle.create_case(own, make_actor("receptionist"), intake_form(street, category, n=1))
        assert watcher.wait(0.6) == []
        assert watcher.wait(0.3) == []
        theirs = lifecycle.create_case(other_workstation, make_actor("receptionist"), intake_form(street, category, n=2))
        lifecycle.create_case(own, make_actor("receptionist"), intake_form(street, category, n=3))
        seen = _wait_for_change(watcher)
        if engine.dialect.name == "postgresql":
            assert seen == [changes.Change(theirs.id, "dispatched")]
        else:
            assert seen == [changes.Change()]
        assert watcher.wait(0.3) == []
    finally:
        watcher.close()


def test_payload_names_its_origin():
    assert changes.Change.parse("42:replied:abc") == changes.Change(42, "replied")
    assert changes.payload_origin("42:replied:abc") == "abc"
    assert changes.payload_origin("42:replied") is None
