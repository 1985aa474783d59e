"""Proactive tasks: created by a dispatcher, reported by the unit, closed; append-only steps; the measured effect."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, insert, select, text

from app.models import Case, StatDaily
from app.models.governance import ProactiveTask, Season, TaskEvent
from app.services import clock, tasks
from app.services.errors import AppendOnly, EditConflict, PermissionDenied, ValidationFailed
from app.services.tasks import TaskForm, TaskRefused
from tests.conftest import make_actor
from tests.factories import directory

NOW = datetime(2022, 6, 10, 9, 0)


@pytest.fixture
def clock_at(monkeypatch):
    moment = {"now": NOW}
    monkeypatch.setattr(clock, "now", lambda: moment["now"])
    return moment


@pytest.fixture
def place(sf):
    d = directory(sf)
    community = d.unit_by_name("双晨社区")
    return dict(street=community.parent_id, community=community.id, category=d.category_by_name("供暖").id,
                unit=d.unit_by_name("丰台区供暖办").id, other_unit=d.unit_by_name("丰台区水务局").id,
                street_unit=community.parent_id)


def _form(place, **changes) -> TaskForm:
    values = dict(title="更换晨新园小区供暖管线", category_id=place["category"], unit_id=place["unit"],
                  due=date(2022, 10, 31), source="seasonal", detail="往年供暖季投诉集中",
                  street_id=place["street"], community_id=place["community"])
    values.update(changes)
    return TaskForm(**values)


def test_a_task_goes_from_dispatcher_to_unit_and_back_with_every_step_recorded(sf, place, clock_at):
    dispatcher = make_actor("dispatcher")
    handler = make_actor("handler", unit_id=place["unit"])
    task_id = tasks.create_task(sf, dispatcher, _form(place))
    [row] = tasks.list_tasks(sf, handler)
    assert (row.status, row.unit, row.community, row.category, row.effect) == ("open", "丰台区供暖办", "双晨社区", "供暖", None)
    clock_at["now"] = NOW + timedelta(days=60)
    tasks.report_task(sf, handler, task_id, "已更换 3 号楼至 8 号楼供暖管线", version=row.version)
    clock_at["now"] = NOW + timedelta(days=62)
    tasks.close_task(sf, dispatcher, task_id, "验收合格")
    [row] = tasks.list_tasks(sf, make_actor("supervisor"))
    assert row.status == "closed" and row.report.startswith("已更换")
    steps = tasks.timeline(sf, dispatcher, task_id)
    assert [(e.action, e.at) for e in steps] == [
        ("create", NOW), ("report", NOW + timedelta(days=60)), ("close", NOW + timedelta(days=62))]


def test_tasks_never_count_as_citizens_requests(sf, place, clock_at):
    tasks.create_task(sf, make_actor("dispatcher"), _form(place))
    with sf() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 0
        assert s.scalar(select(func.count()).select_from(StatDaily)) == 0


def test_who_may_do_what(sf, place, clock_at):
    with pytest.raises(PermissionDenied):
        tasks.create_task(sf, make_actor("receptionist"), _form(place))
    with pytest.raises(PermissionDenied):
        tasks.create_task(sf, make_actor("handler", unit_id=place["unit"]), _form(place))
    task_id = tasks.create_task(sf, make_actor("dispatcher"), _form(place))
    with pytest.raises(PermissionDenied):  # another unit's task
        tasks.report_task(sf, make_actor("handler", unit_id=place["other_unit"]), task_id, "已办")
    assert tasks.list_tasks(sf, make_actor("handler", unit_id=place["other_unit"])) == []
    with pytest.raises(PermissionDenied):
        tasks.list_tasks(sf, make_actor("receptionist"))
    with pytest.raises(PermissionDenied):
        tasks.close_task(sf, make_actor("supervisor"), task_id)


def test_steps_out_of_order_and_stale_versions_are_refused(sf, place, clock_at):
    dispatcher, handler = make_actor("dispatcher"), make_actor("handler", unit_id=place["unit"])
    task_id = tasks.create_task(sf, dispatcher, _form(place))
    with pytest.raises(TaskRefused) as refused:
        tasks.close_task(sf, dispatcher, task_id)
    assert refused.value.status == "open"
    tasks.report_task(sf, handler, task_id, "已办", version=1)
    with pytest.raises(TaskRefused):
        tasks.report_task(sf, handler, task_id, "又办")
    with pytest.raises(EditConflict):
        tasks.close_task(sf, dispatcher, task_id, version=1)
    with sf() as s:
        assert s.scalar(select(func.count()).select_from(TaskEvent)) == 2


@pytest.mark.parametrize("changes, field, code", [
    (dict(title="  "), "title", "required"),
    (dict(title="修" * 101), "title", "too_long"),
    (dict(unit_id=None), "unit", "required"),
    (dict(category_id=None), "category", "required"),
    (dict(due=date(2022, 6, 9)), "due", "due_in_past"),
    (dict(due=None), "due", "required"),
    (dict(detail="a\x00b"), "detail", "not_allowed"),
    (dict(source="rumour"), "source", "not_allowed"),
    (dict(street_id=None, community_id=None), "street", "required"),
])
def test_bad_task_forms_are_refused_and_nothing_is_written(sf, place, clock_at, changes, field, code):
    with pytest.raises(ValidationFailed) as refused:
        tasks.create_task(sf, make_actor("dispatcher"), _form(place, **changes))
    assert (field, code) in [(p.field, p.code) for p in refused.value.problems]
    with sf() as s:
        assert s.scalar(select(func.count()).select_from(ProactiveTask)) == 0


def test_a_community_of_another_street_is_refused(sf, place, clock_at):
    other_street = directory(sf).unit_by_name("太平桥街道").id
    with pytest.raises(ValidationFailed) as refused:
        tasks.create_task(sf, make_actor("dispatcher"), _form(place, street_id=other_street))
    assert [(p.field, p.code) for p in refused.value.problems] == [("community", "not_in_street")]


def test_report_needs_text(sf, place, clock_at):
    task_id = tasks.create_task(sf, make_actor("dispatcher"), _form(place))
    with pytest.raises(ValidationFailed):
        tasks.report_task(sf, make_actor("handler", unit_id=place["unit"]), task_id, "  ")


def test_task_events_are_append_only(sf, place, clock_at):
    tasks.create_task(sf, make_actor("dispatcher"), _form(place))
    with sf.begin() as s, pytest.raises(AppendOnly):
        s.scalars(select(TaskEvent)).first().note = "改写"
        s.flush()
    with pytest.raises(Exception, match="append-only"), sf.begin() as s:
        s.execute(text("UPDATE task_events SET note = 'x'"))


def _cases(sf, rows):
    """rows: (received day, community id or None for elsewhere, street id, category id, count)."""
    d = directory(sf)
    elsewhere = d.unit_by_name("天伦北里社区")
    values, n = [], 0
    for day, community, street, category, count in rows:
        for i in range(count):
            n += 1
            at = datetime.combine(day, datetime.min.time()) + timedelta(hours=8, minutes=i)
            values.append(dict(
                case_no=f"E{n:08d}", received_at=at, channel="phone", request_type="complaint", confidential=False,
                address="某小区", street_id=street if community else elsewhere.parent_id,
                community_id=community or elsewhere.id, category_id=category, description="暖气不热",
                urgency="normal", deadline_tier="utility", status="new", callback_attempts=0, repeat_count=0,
                reopen_count=0, updated_at=at, version=1))
    with sf.begin() as s:
        s.execute(insert(Case), values)


def test_the_effect_of_a_seasonal_task_is_the_next_season_against_the_last_one(sf, place, clock_at):
    dispatcher, handler = make_actor("dispatcher"), make_actor("handler", unit_id=place["unit"])
    with sf() as s:
        heating = s.scalar(select(Season.id).where(Season.name == "供暖"))
    task_id = tasks.create_task(sf, dispatcher, _form(place, season_id=heating))
    clock_at["now"] = datetime(2022, 8, 20, 10, 0)
    tasks.report_task(sf, handler, task_id, "管线已更换")
    clock_at["now"] = datetime(2022, 8, 25, 10, 0)
    tasks.close_task(sf, dispatcher, task_id)
    # the season before (2021-11-15 … 2022-03-15): 40 here, 200 elsewhere; the one after: 10 here, 220 elsewhere
    c, st, cat = place["community"], place["street"], place["category"]
    _cases(sf, [(date(2021, 12, 1), c, st, cat, 40), (date(2022, 1, 5), None, st, cat, 200),
                (date(2022, 12, 1), c, st, cat, 10), (date(2023, 1, 5), None, st, cat, 220),
                (date(2022, 6, 1), c, st, cat, 99)])  # outside both seasons: not counted
    clock_at["now"] = datetime(2023, 3, 20, 10, 0)
    [row] = tasks.list_tasks(sf, dispatcher)
    e = row.effect
    assert (e.before, e.after) == ((date(2021, 11, 15), date(2022, 3, 15)), (date(2022, 11, 15), date(2023, 3, 15)))
    assert (e.place_before, e.place_after, e.district_before, e.district_after) == (40, 10, 200, 220)
    assert e.place_change == pytest.approx(-0.75) and e.district_change == pytest.approx(0.10)
    assert e.net_change == pytest.approx(-0.85) and e.expected_after == pytest.approx(44.0)
    assert e.complete


def test_the_effect_of_a_task_without_season_is_weeks_after_against_weeks_before(sf, place, clock_at):
    dispatcher, handler = make_actor("dispatcher"), make_actor("handler", unit_id=place["unit"])
    task_id = tasks.create_task(sf, dispatcher, _form(place, source="surge", due=date(2022, 6, 30)))
    tasks.report_task(sf, handler, task_id, "已处理")
    clock_at["now"] = datetime(2022, 6, 20, 10, 0)
    tasks.close_task(sf, dispatcher, task_id)
    c, st, cat = place["community"], place["street"], place["category"]
    _cases(sf, [(date(2022, 5, 1), c, st, cat, 12), (date(2022, 7, 1), c, st, cat, 3)])
    [row] = tasks.list_tasks(sf, dispatcher)
    e = row.effect
    assert (e.before, e.after) == ((date(2022, 4, 15), date(2022, 6, 9)), (date(2022, 6, 20), date(2022, 8, 14)))
    assert (e.place_before, e.place_after, e.district_before, e.district_after) == (12, 3, 0, 0)
    assert e.place_change == pytest.approx(-0.75) and e.district_change is None and e.net_change is None
    assert not e.complete
