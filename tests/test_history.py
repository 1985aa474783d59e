"""The caller's history the receptionist sees while the phone rings: open cases first, then the latest."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.models import Category, Unit
from app.services import lifecycle
from app.services.history import caller_history
from app.services.lifecycle import IntakeForm
from tests.conftest import make_actor


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
