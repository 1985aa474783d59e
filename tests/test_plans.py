"""每月一题 plans: one per key topic and month, with each street's progress against the same month last year."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, insert, select

from app.models import Case, KeyTopic
from app.models.governance import TopicPlan
from app.services import plans
from app.services.errors import PermissionDenied, ValidationFailed
from app.services.plans import PlanForm
from tests.conftest import make_actor
from tests.factories import directory


@pytest.fixture
def topic(sf):
    d = directory(sf)
    with sf() as s:
        category_id = s.scalar(select(KeyTopic.category_id).where(KeyTopic.year == 2022).order_by(KeyTopic.id))
    streets = [d.unit_by_name("太平桥街道").id, d.unit_by_name("马家堡街道").id]
    return dict(category=category_id, streets=streets, lead=d.unit_by_name("丰台区住房和城乡建设委员会").id)


def _form(topic, **changes) -> PlanForm:
    values = dict(month=date(2022, 8, 1), category_id=topic["category"], leader="王区长", lead_unit_id=topic["lead"],
                  street_ids=tuple(topic["streets"]), target_change=-0.2, note="")
    values.update(changes)
    return PlanForm(**values)


def _cases(sf, category: int, street: int, day: date, n: int) -> None:
    rows = []
    with sf() as s:
        start = s.scalar(select(func.count()).select_from(Case))
    for i in range(n):
        at = datetime.combine(day, datetime.min.time()) + timedelta(hours=9, minutes=i)
        rows.append(dict(case_no=f"P{start + i:08d}", received_at=at, channel="phone", request_type="complaint",
                         confidential=False, street_id=street, category_id=category, description="x", urgency="normal",
                         deadline_tier="general", status="new", callback_attempts=0, repeat_count=0, reopen_count=0,
                         updated_at=at, version=1))
    with sf.begin() as s:
        s.execute(insert(Case), rows)


def test_progress_per_street_against_the_same_month_last_year(sf, topic):
    plan_id = plans.save_plan(sf, make_actor("dispatcher"), _form(topic))
    tpq, mjb = topic["streets"]
    _cases(sf, topic["category"], tpq, date(2021, 8, 10), 10)
    _cases(sf, topic["category"], tpq, date(2022, 8, 10), 7)   # −30 %: met
    _cases(sf, topic["category"], mjb, date(2021, 8, 20), 4)
    _cases(sf, topic["category"], mjb, date(2022, 8, 3), 4)    # ±0: not met
    [row] = plans.plans_of_month(sf, make_actor("supervisor"), date(2022, 8, 15), today=date(2022, 9, 5))
    assert row.id == plan_id and row.leader == "王区长" and not row.partial
    assert [(x.street, x.cases, x.last_year, x.met) for x in row.streets] == [
        ("太平桥街道", 7, 10, True), ("马家堡街道", 4, 4, False)]
    assert row.change == pytest.approx(11 / 14 - 1) and row.met is True  # −21 % over both streets


def test_a_month_under_way_compares_the_same_days(sf, topic):
    plans.save_plan(sf, make_actor("dispatcher"), _form(topic))
    tpq = topic["streets"][0]
    _cases(sf, topic["category"], tpq, date(2021, 8, 5), 6)
    _cases(sf, topic["category"], tpq, date(2021, 8, 25), 50)  # after the 12th: not compared yet
    _cases(sf, topic["category"], tpq, date(2022, 8, 6), 3)
    [row] = plans.plans_of_month(sf, make_actor("dispatcher"), date(2022, 8, 1), today=date(2022, 8, 12))
    assert row.partial and row.days == (date(2022, 8, 1), date(2022, 8, 12))
    assert (row.streets[0].cases, row.streets[0].last_year) == (3, 6)


def test_a_plan_made_ahead_shows_nothing_to_compare(sf, topic):
    plans.save_plan(sf, make_actor("dispatcher"), _form(topic))
    [row] = plans.plans_of_month(sf, make_actor("dispatcher"), date(2022, 8, 1), today=date(2022, 7, 20))
    assert all(x.met is None and x.cases == 0 for x in row.streets) and row.change is None


@pytest.mark.parametrize("changes, field, code", [
    (dict(leader=" "), "leader", "required"),
    (dict(street_ids=()), "street", "required"),
    (dict(target_change=None), "target", "required"),
    (dict(target_change=-1.5), "target", "out_of_range"),
    (dict(lead_unit_id=None), "unit", "required"),
    (dict(month=date(2019, 8, 1)), "category", "not_a_key_topic"),
])
def test_bad_plans_are_refused(sf, topic, changes, field, code):
    with pytest.raises(ValidationFailed) as refused:
        plans.save_plan(sf, make_actor("dispatcher"), _form(topic, **changes))
    assert (field, code) in [(p.field, p.code) for p in refused.value.problems]
    with sf() as s:
        assert s.scalar(select(func.count()).select_from(TopicPlan)) == 0


def test_one_plan_per_topic_and_month_and_a_community_is_no_street(sf, topic):
    d = directory(sf)
    plans.save_plan(sf, make_actor("dispatcher"), _form(topic))
    with pytest.raises(ValidationFailed) as refused:
        plans.save_plan(sf, make_actor("admin"), _form(topic, month=date(2022, 8, 20)))
    assert [(p.field, p.code) for p in refused.value.problems] == [("category", "duplicate")]
    with pytest.raises(ValidationFailed):
        plans.save_plan(sf, make_actor("dispatcher"), _form(topic, month=date(2022, 9, 1),
                                                             street_ids=(d.unit_by_name("天伦北里社区").id,)))


def test_who_may_plan(sf, topic):
    for role in ("receptionist", "supervisor", "handler", "callback"):
        with pytest.raises(PermissionDenied):
            plans.save_plan(sf, make_actor(role), _form(topic))
    with pytest.raises(PermissionDenied):
        plans.plans_of_month(sf, make_actor("receptionist"), date(2022, 8, 1))
