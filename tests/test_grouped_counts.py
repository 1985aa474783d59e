"""Tasks' effects and plans' progress come from one grouped query each, with the figures of the per-row counts.

Random cases around many tasks (seasonal and not, at an address, a community or a street) and many plans; the
list's figures equal those counted one task (tasks.effect) or one street (a direct count) at a time, and the
number of statements the list runs does not grow with the number of tasks or plans.
"""
from __future__ import annotations

import random
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from sqlalchemy import event, func, insert, select

from app.models import Case, KeyTopic
from app.models.governance import ProactiveTask, Season
from app.services import clock, plans, tasks
from app.services.periods import months_back
from app.services.plans import PlanForm
from app.services.tasks import TaskForm
from tests.conftest import make_actor
from tests.factories import directory


@contextmanager
def statements(sf):
    """Counts the SQL statements run on the session factory's engine inside the block."""
    engine = sf.kw["bind"]
    seen = []

    def count(*_args):
        seen.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _random_cases(sf, rng, d, categories, first: date, days: int, n: int, addresses) -> None:
    communities = [u for u in d.units.values() if u.kind == "community"][:12]
    rows = []
    for i in range(n):
        at = datetime.combine(first, datetime.min.time()) + timedelta(minutes=rng.randrange(days * 24 * 60))
        community = rng.choice(communities + [None])
        street = community.parent_id if community else rng.choice([u.id for u in d.streets()])
        rows.append(dict(
            case_no=f"G{i:08d}", received_at=at, channel="phone", request_type="complaint", confidential=False,
            address=rng.choice(addresses), street_id=street, community_id=community.id if community else None,
            category_id=rng.choice(categories), description="x", urgency="normal", deadline_tier="general",
            status="new", callback_attempts=0, repeat_count=0, reopen_count=0, updated_at=at, version=1))
    with sf.begin() as s:
        s.execute(insert(Case), rows)


def test_task_effects_equal_the_per_task_counts_from_one_grouped_query(sf, monkeypatch):
    rng = random.Random(4)
    d = directory(sf)
    moment = {"now": datetime(2022, 3, 1, 9, 0)}
    monkeypatch.setattr(clock, "now", lambda: moment["now"])
    categories = [d.category_by_name(name).id for name in ("供暖", "停车管理", "噪音扰民")]
    addresses = ["  晨新园1号楼", "晨新园1号楼", "某小区2号楼", None, ""]
    _random_cases(sf, rng, d, categories, date(2021, 1, 1), 800, 3000, addresses)
    with sf() as s:
        heating = s.scalar(select(Season.id).where(Season.name == "供暖"))
    communities = [u for u in d.units.values() if u.kind == "community"][:6]
    dispatcher = make_actor("dispatcher")
    ids = []
    for i in range(12):
        community = rng.choice(communities)
        form = TaskForm(title=f"任务{i}", category_id=rng.choice(categories), unit_id=d.unit_by_name("丰台区供暖办").id,
                        due=date(2022, 12, 31), source="manual", street_id=community.parent_id,
                        community_id=community.id if i % 3 else None, address="晨新园1号楼" if i % 4 == 0 else "",
                        season_id=heating if i % 2 else None)
        ids.append(tasks.create_task(sf, dispatcher, form))
    handler = make_actor("handler", unit_id=d.unit_by_name("丰台区供暖办").id)
    for n, task_id in enumerate(ids[:10]):  # ten closed (on different days), two still open
        moment["now"] = datetime(2022, 3, 2 + n, 10, 0)
        tasks.report_task(sf, handler, task_id, "已处理")
        tasks.close_task(sf, dispatcher, task_id)
    moment["now"] = datetime(2023, 4, 1, 9, 0)
    with statements(sf) as seen:
        rows = tasks.list_tasks(sf, dispatcher)
    with sf() as s:
        expected = {t.id: tasks.effect(s, t, date(2023, 4, 1)) for t in s.scalars(select(ProactiveTask))}
    assert {r.id: r.effect for r in rows} == expected
    assert sum(1 for e in expected.values() if e is not None) == 10
    assert sum(e.place_before + e.place_after for e in expected.values() if e) > 20  # not all zeros
    assert sum(e.district_before for e in expected.values() if e) > 100
    assert len(seen) <= 8  # the tasks, units, categories, seasons, settings and one grouped count: not 4 per task


def test_plan_progress_equals_the_per_street_counts_from_one_grouped_query(sf):
    rng = random.Random(9)
    d = directory(sf)
    with sf() as s:
        categories = list(s.scalars(select(KeyTopic.category_id).where(KeyTopic.year == 2022).order_by(KeyTopic.id)))[:4]
    _random_cases(sf, rng, d, categories, date(2021, 7, 1), 430, 4000, ["某小区"])
    streets = [u.id for u in d.streets()]
    for category in categories:
        plans.save_plan(sf, make_actor("dispatcher"), PlanForm(
            month=date(2022, 8, 1), category_id=category, leader="王区长",
            lead_unit_id=d.unit_by_name("丰台区住房和城乡建设委员会").id,
            street_ids=tuple(rng.sample(streets, 5)), target_change=-0.1, note=""))
    for today in (date(2022, 9, 5), date(2022, 8, 17)):
        with statements(sf) as seen:
            rows = plans.plans_of_month(sf, make_actor("supervisor"), date(2022, 8, 1), today=today)
        assert len(rows) == 4 and len(seen) <= 6  # not two per plan and street
        last = min(today, date(2022, 8, 31))
        with sf() as s:
            def count(category, street, first, end):
                return s.scalar(select(func.count()).select_from(Case).where(
                    Case.category_id == category, Case.street_id == street,
                    Case.received_at >= datetime.combine(first, datetime.min.time()),
                    Case.received_at < datetime.combine(end + timedelta(days=1), datetime.min.time())))
            for row in rows:
                for x in row.streets:
                    assert (x.cases, x.last_year) == (
                        count(row.category_id, x.street_id, date(2022, 8, 1), last),
                        count(row.category_id, x.street_id, months_back(date(2022, 8, 1), 12), months_back(last, 12)))
        assert sum(x.cases for row in rows for x in row.streets) > 20
        assert sum(x.last_year for row in rows for x in row.streets) > 20

