"""Each role is allowed or refused every case action in the services, whatever the interface shows."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.messages import error_text
from app.models import ROLES, Case, CaseEvent
from app.services import clock
from app.services import lifecycle as lc
from app.services.errors import PermissionDenied
from app.services.permissions import ALLOWED, visible_cases_clause
from tests.case_states import case_in_state, form, places
from tests.conftest import make_actor

# action -> (state of the case it needs, how to do it)
ACTIONS = {
    "create": (None, lambda sf, a, c, p: lc.create_case(sf, a, form(p))),
    "answer": (None, lambda sf, a, c, p: lc.answer_at_intake(sf, a, replace(form(p), request_type="consultation"), "可拨打物业电话咨询")),
    "link_repeat": ("dispatched", lambda sf, a, c, p: lc.link_repeat_call(sf, a, c.id, "市民再次来电")),
    "dispatch": ("new", lambda sf, a, c, p: lc.dispatch(sf, a, c.id, p.street_id)),
    "approve_return": ("pending_return", lambda sf, a, c, p: lc.approve_return(sf, a, c.id)),
    "reject_return": ("pending_return", lambda sf, a, c, p: lc.reject_return(sf, a, c.id, "属于本单位职责")),
    "approve_extension": ("pending_extension", lambda sf, a, c, p: lc.approve_extension(sf, a, c.id)),
    "reject_extension": ("pending_extension", lambda sf, a, c, p: lc.reject_extension(sf, a, c.id, "请按时办结")),
    "merge": ("new", lambda sf, a, c, p: lc.merge(sf, a, c.id, c.id - 1)),  # into the case made just before
    "close": ("new", lambda sf, a, c, p: lc.close(sf, a, c.id, "无效来电")),
    "sign": ("dispatched", lambda sf, a, c, p: lc.sign(sf, a, c.id)),
    "contact": ("accepted", lambda sf, a, c, p: lc.record_contact(sf, a, c.id, "已电话联系")),
    "reply": ("accepted", lambda sf, a, c, p: lc.reply(sf, a, c.id, "已处理完毕", no_contact_reason="号码停机")),
    "request_return": ("dispatched", lambda sf, a, c, p: lc.request_return(sf, a, c.id, "非本单位职责")),
    "request_extension": ("dispatched", lambda sf, a, c, p: lc.request_extension(
        sf, a, c.id, clock.now() + timedelta(days=30), "需要协调")),
    "callback": ("replied", lambda sf, a, c, p: lc.record_callback(sf, a, c.id, lc.CallbackAnswers(True, "yes", "satisfied"))),
    "reopen": ("closed", lambda sf, a, c, p: lc.reopen(sf, a, c.id, "市民不满意,重新办理")),
}


def test_every_case_action_is_covered():
    assert set(ACTIONS) == set(ALLOWED)


def _events(sf) -> int:
    with sf() as s:
        return s.scalar(select(func.count()).select_from(CaseEvent))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(ALLOWED))
def test_role_may_or_may_not_do_case_action(sqlite_sf, action, role):
    sf = sqlite_sf
    p = places(sf)
    state, do = ACTIONS[action]
    if action == "merge":
        case_in_state(sf, "new", p)  # the original the repeat is merged into
    case = case_in_state(sf, state, p) if state else None
    actor = make_actor(role, unit_id=p.street_id if role == "handler" else None)
    before = _events(sf)
    if role in ALLOWED[action]:
        ref = do(sf, actor, case, p)
        assert ref.id
        assert _events(sf) > before
    else:
        with pytest.raises(PermissionDenied) as refused:
            do(sf, actor, case, p)
        # the refusal names who may do it, and nothing was written
        sentence = error_text(refused.value)
        assert "可以操作的角色" in sentence
        assert _events(sf) == before


@pytest.mark.parametrize("action", ["sign", "contact", "reply", "request_return", "request_extension"])
def test_handler_acts_only_on_own_units_cases(sf, action):
    p = places(sf)
    state, do = ACTIONS[action]
    case = case_in_state(sf, state, p)
    stranger = make_actor("handler", unit_id=p.other_street_id)
    with pytest.raises(PermissionDenied):
        do(sf, stranger, case, p)
    with sf() as s:
        assert s.get(Case, case.id).version == case.version
    do(sf, make_actor("handler", unit_id=p.street_id), case, p)


def test_street_handler_acts_on_its_communitys_case_but_community_not_on_streets(sf):
    p = places(sf)
    community_case = case_in_state(sf, "dispatched", p, unit_id=p.community_id)
    street_case = case_in_state(sf, "dispatched", p)
    lc.sign(sf, make_actor("handler", unit_id=p.street_id), community_case.id)
    with pytest.raises(PermissionDenied):
        lc.sign(sf, make_actor("handler", unit_id=p.community_id), street_case.id)


def test_handler_lists_only_own_units_cases(sf):
    p = places(sf)
    mine = case_in_state(sf, "dispatched", p)
    below = case_in_state(sf, "dispatched", p, unit_id=p.community_id)
    other = case_in_state(sf, "dispatched", p, unit_id=p.other_street_id)
    new = case_in_state(sf, "new", p)

    def visible(actor):
        with sf() as s:
            return set(s.scalars(select(Case.id).where(visible_cases_clause(actor))))

    assert visible(make_actor("handler", unit_id=p.street_id)) == {mine.id, below.id}
    assert visible(make_actor("handler", unit_id=p.community_id)) == {below.id}
    assert visible(make_actor("handler", unit_id=None)) == set()
    for role in ("dispatcher", "supervisor", "callback", "receptionist", "admin"):
        assert visible(make_actor(role)) == {mine.id, below.id, other.id, new.id}


def test_supervisor_changes_nothing(sqlite_sf):
    p = places(sqlite_sf)
    supervisor = make_actor("supervisor")
    for action, (state, do) in ACTIONS.items():
        if action == "merge":
            case_in_state(sqlite_sf, "new", p)
        case = case_in_state(sqlite_sf, state, p) if state else None
        with pytest.raises(PermissionDenied):
            do(sqlite_sf, supervisor, case, p)
        assert action not in [a for a, roles in ALLOWED.items() if "supervisor" in roles]


def test_callback_clerk_cannot_change_a_reply(sf):
    p = places(sf)
    case = case_in_state(sf, "accepted", p)
    with pytest.raises(PermissionDenied) as refused:
        lc.reply(sf, make_actor("callback"), case.id, "回访员改写的答复")
    assert "承办单位" in error_text(refused.value)
    with sf() as s:
        assert s.get(Case, case.id).reply_text is None
