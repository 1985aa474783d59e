"""The caller's history the receptionist sees while the phone rings: open cases first, then the latest."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.models import Category, Unit
from app.services import case_queries as Q
from app.services import lifecycle
from app.services.history import caller_history
from app.services.lifecycle import IntakeForm
from tests.conftest import make_actor
from tests.factories import case_in_state, directory, form


def _form(s, phone: str, received: datetime, description: str) -> IntakeForm:
    street = s.scalar(select(Unit.id).where(Unit.code == "110106002"))
    category = s.scalar(select(Category.id).where(Category.code == "0602"))
    return IntakeForm(caller_phone=phone, description=description, category_id=category, street_id=street,
                      received_at=received)


def test_history_lists_open_cases_first_then_the_latest(sf):
    clerk = make_actor("receptionist")
    with sf() as s:
        old_open = _form(s, "13800138000", datetime(2022, 1, 5, 9), "楼道垃圾")
        answered = _form(s, "13800138000", datetime(2022, 6, 1, 10), "咨询政策")
        newest_open = _form(s, "138 0013 8000", datetime(2022, 5, 2, 11), "路灯不亮")
        stranger = _form(s, "13900139000", datetime(2022, 7, 1, 8), "别人的诉求")
    first = lifecycle.create_case(sf, clerk, old_open)
    answered.request_type = "consultation"
    done = lifecycle.answer_at_intake(sf, clerk, answered, "已解答")
    second = lifecycle.create_case(sf, clerk, newest_open)
    lifecycle.create_case(sf, clerk, stranger)
    with sf() as s:
        history = caller_history(s, "+86 138 0013 8000")
    assert [h.case_no for h in history] == [second.case_no, first.case_no, done.case_no]
    assert [h.is_open for h in history] == [True, True, False]
    assert history[0].status == "dispatched" and history[0].unit_name == "太平桥街道"
    assert history[0].street_name == "太平桥街道" and history[0].category_name == "环境卫生"
    assert history[2].status == "replied" and history[2].unit_name == "丰台区城市管理监督指挥中心"
    assert history[0].received_at == datetime(2022, 5, 2, 11)
    with sf() as s:
        assert [h.case_no for h in caller_history(s, "13800138000", limit=2)] == [second.case_no, first.case_no]


def test_history_of_an_unknown_or_malformed_number_is_empty(sf):
    with sf() as s:
        assert caller_history(s, "13700137000") == []
        assert caller_history(s, "12345") == []
        assert caller_history(s, "") == []


def test_the_true_count_and_that_the_list_is_cut(sf, system):
    for day in range(6):
        lifecycle.create_case(sf, system, form(sf, phone="13800138000", received_at=datetime(2022, 3, day + 1, 9)))
    case_in_state(sf, system, "closed", phone="13800138000")
    found = Q.caller_history(sf, system, "138 0013 8000", limit=4)
    assert (len(found.rows), found.total, found.unfinished, found.cut) == (4, 7, 6, True)
    whole = Q.caller_history(sf, system, "13800138000", limit=50)
    assert (len(whole.rows), whole.total, whole.unfinished, whole.cut) == (7, 7, 6, False)


def test_caller_history_is_masked_and_filtered_for_the_role_in_the_service(sf, system):
    d = directory(sf)
    street = d.unit_by_name("太平桥街道").id
    other = d.unit_by_name("马家堡街道").id
    phone = "13800138000"
    plain = lifecycle.create_case(sf, system, form(sf, phone=phone, caller_name="王先生"))
    secret = lifecycle.create_case(sf, system, form(sf, phone=phone, caller_name="王先生", request_type="report",
                                                    confidential=True))
    elsewhere = lifecycle.create_case(sf, system, form(sf, street="马家堡街道", community=None, phone=phone,
                                                       caller_name="王先生"))
    assert {plain.unit_id, secret.unit_id, elsewhere.unit_id} == {street, other}
    clerk = Q.caller_history(sf, make_actor("receptionist"), phone)
    assert {r.id for r in clerk.rows} == {plain.id, secret.id, elsewhere.id} and clerk.total == 3
    assert {r.caller_phone for r in clerk.rows} == {"138****8000"} and {r.caller_name for r in clerk.rows} == {"王先生"}
    assert next(r for r in clerk.rows if r.id == secret.id).confidential
    # the unit: only its own cases, and never the confidential caller's (the number would name the whistleblower)
    unit = Q.caller_history(sf, make_actor("handler", street), phone)
    assert [r.id for r in unit.rows] == [plain.id] and (unit.total, unit.unfinished) == (1, 1)
    assert unit.rows[0].caller_phone == "138****8000"
    cut = Q.caller_history(sf, make_actor("handler", street), phone, limit=1)  # counted with the same rule
    assert (cut.total, cut.cut) == (1, False)
    supervisor = Q.caller_history(sf, make_actor("supervisor"), phone)
    assert supervisor.total == 3 and all(r.caller_phone == "138****8000" for r in supervisor.rows)
