"""Monthly key-topic plans (每月一题): a key topic, a leading official and unit, the streets taking part, a target.

Progress of a plan: per street taking part, the cases of the topic's category whose place is in that
street in the plan's month against the same month of the year before; while the month is not over, the
same days of both (1st to today), and the result says so. The target is a change (−0.20: a fifth fewer);
a street meets it when its change is at or below the target.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, delete, func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Case, Category, KeyTopic, Unit
from app.models.governance import TopicPlan, TopicPlanStreet
from app.services import clock
from app.services.actors import Actor
from app.services.errors import FieldProblem, NotFound, ValidationFailed
from app.services.periods import months_back, next_month
from app.services.permissions import require_role

MAX_LEADER = 64


@dataclass(frozen=True)
class PlanForm:
    month: date | None  # any day of the month
    category_id: int | None
    leader: str
    lead_unit_id: int | None
    street_ids: tuple[int, ...]
    target_change: float | None  # -0.20 for a fifth fewer cases
    note: str = ""


@dataclass(frozen=True)
class StreetProgress:
    street_id: int
    street: str
    cases: int
    last_year: int
    change: float | None
    met: bool | None  # None: no cases last year, nothing to compare


@dataclass(frozen=True)
class PlanRow:
    id: int
    month: date
    category_id: int
    topic: str
    leader: str
    lead_unit: str
    target_change: float
    note: str
    streets: tuple[StreetProgress, ...]
    days: tuple[date, date]  # the days counted this year
    partial: bool  # the month is not over: the same days of both years

    @property
    def cases(self) -> int:
        return sum(s.cases for s in self.streets)

    @property
    def last_year(self) -> int:
        return sum(s.last_year for s in self.streets)

    @property
    def change(self) -> float | None:
        return self.cases / self.last_year - 1 if self.last_year else None

    @property
    def met(self) -> bool | None:
        return None if self.change is None else self.change <= self.target_change


def _first(day: date) -> date:
    return day.replace(day=1)


def _problems(s: Session, form: PlanForm) -> list[FieldProblem]:
    problems = []
    if form.month is None:
        problems.append(FieldProblem("month", "required"))
    if form.category_id is None:
        problems.append(FieldProblem("category", "required"))
    elif form.month is not None and not s.scalar(select(func.count()).select_from(KeyTopic).where(
            KeyTopic.category_id == form.category_id, KeyTopic.year == form.month.year)):
        problems.append(FieldProblem("category", "not_a_key_topic", str(form.month.year)))
    leader = (form.leader or "").strip()
    if not leader:
        problems.append(FieldProblem("leader", "required"))
    elif len(leader) > MAX_LEADER or "\x00" in leader:
        problems.append(FieldProblem("leader", "too_long", str(MAX_LEADER)))
    if form.lead_unit_id is None:
        problems.append(FieldProblem("unit", "required"))
    elif (s.get(Unit, form.lead_unit_id) or Unit(level=0)).level < 1:
        problems.append(FieldProblem("unit", "unknown", str(form.lead_unit_id)))
    if not form.street_ids:
        problems.append(FieldProblem("street", "required"))
    else:
        kinds = dict(s.execute(select(Unit.id, Unit.kind).where(Unit.id.in_(form.street_ids))).all())
        if any(kinds.get(i) not in ("street", "town") for i in form.street_ids):
            problems.append(FieldProblem("street", "not_a_street"))
    if form.target_change is None:
        problems.append(FieldProblem("target", "required"))
    elif not -1 <= form.target_change <= 1:
        problems.append(FieldProblem("target", "out_of_range", "-100% … +100%"))
    if len(form.note or "") > 2000:
        problems.append(FieldProblem("note", "too_long", "2000"))
    return problems


def save_plan(sf: sessionmaker[Session], actor: Actor, form: PlanForm, plan_id: int | None = None) -> int:
    """A new plan, or the plan `plan_id` changed; one plan per key topic and month."""
    require_role(actor, "create_task")
    with sf.begin() as s:
        problems = _problems(s, form)
        month = _first(form.month) if form.month else None
        if not problems:
            clash = s.scalar(select(TopicPlan.id).where(TopicPlan.month == month, TopicPlan.category_id == form.category_id))
            if clash is not None and clash != plan_id:
                problems.append(FieldProblem("category", "duplicate", f"{month:%Y-%m}"))
        if problems:
            raise ValidationFailed(problems)
        plan = s.get(TopicPlan, plan_id) if plan_id is not None else None
        if plan_id is not None and plan is None:
            raise NotFound("plan", plan_id)
        if plan is None:
            plan = TopicPlan(created_at=clock.now(), created_by_id=actor.staff_id)
            s.add(plan)
        plan.month, plan.category_id, plan.leader = month, form.category_id, form.leader.strip()
        plan.lead_unit_id, plan.target_change, plan.note = form.lead_unit_id, form.target_change, form.note.strip() or None
        s.flush()
        s.execute(delete(TopicPlanStreet).where(TopicPlanStreet.plan_id == plan.id))
        s.add_all(TopicPlanStreet(plan_id=plan.id, street_id=i) for i in sorted(set(form.street_ids)))
        return plan.id


def _start(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


def _counts(s: Session, pairs: set[tuple[int, int]], now: tuple[date, date], before: tuple[date, date]
            ) -> dict[tuple[int, int], tuple[int, int]]:
    """(cases in `now`, cases in `before`) per (category, street) of `pairs`, first and last days included.

    One grouped query for every plan and street of a month (it was two per street and plan).
    """
    if not pairs:
        return {}
    in_now = and_(Case.received_at >= _start(now[0]), Case.received_at < _start(now[1] + timedelta(days=1)))
    in_before = and_(Case.received_at >= _start(before[0]), Case.received_at < _start(before[1] + timedelta(days=1)))
    counted = {(category_id, street_id): (int(n or 0), int(b or 0)) for category_id, street_id, n, b in s.execute(
        select(Case.category_id, Case.street_id, func.sum(case((in_now, 1), else_=0)),
               func.sum(case((in_before, 1), else_=0)))
        .where(Case.category_id.in_({c for c, _ in pairs}), Case.street_id.in_({st for _, st in pairs}),
               or_(in_now, in_before))
        .group_by(Case.category_id, Case.street_id))}
    return {pair: counted.get(pair, (0, 0)) for pair in pairs}


def plans_of_month(sf: sessionmaker[Session], actor: Actor, month: date, today: date | None = None) -> list[PlanRow]:
    """The plans of a month with each street's progress."""
    require_role(actor, "view_tasks")
    with sf() as s:
        return plans_in(s, month, today)


def plans_in(s: Session, month: date, today: date | None = None) -> list[PlanRow]:
    """plans_of_month in a session the caller holds (the monthly report), without a role check."""
    today = today or clock.today()
    first = _first(month)
    last = next_month(first) - timedelta(days=1)
    started = today >= first
    partial = first <= today < last
    counted_to = min(last, today) if started else first
    names = dict(s.execute(select(Unit.id, Unit.name)).all())
    topics = dict(s.execute(select(Category.id, Category.name)).all())
    month_plans = list(s.scalars(select(TopicPlan).where(TopicPlan.month == first).order_by(TopicPlan.id)))
    members: dict[int, list[int]] = {plan.id: [] for plan in month_plans}
    for plan_id, street_id in s.execute(select(TopicPlanStreet.plan_id, TopicPlanStreet.street_id)
                                        .where(TopicPlanStreet.plan_id.in_(members))):
        members[plan_id].append(street_id)
    counts = _counts(s, {(plan.category_id, street_id) for plan in month_plans for street_id in members[plan.id]},
                     (first, counted_to), (months_back(first, 12), months_back(counted_to, 12))) if started else {}
    rows = []
    for plan in month_plans:
        streets = []
        for street_id in members[plan.id]:
            if not started:  # a plan made ahead: nothing to compare yet
                streets.append(StreetProgress(street_id, names.get(street_id, ""), 0, 0, None, None))
                continue
            now_, before = counts[(plan.category_id, street_id)]
            change = now_ / before - 1 if before else None
            streets.append(StreetProgress(street_id, names.get(street_id, ""), now_, before, change,
                                          None if change is None else change <= plan.target_change))
        streets.sort(key=lambda x: (x.change if x.change is not None else 9, x.street))
        rows.append(PlanRow(plan.id, first, plan.category_id, topics.get(plan.category_id, ""), plan.leader,
                            names.get(plan.lead_unit_id, ""), plan.target_change, plan.note or "",
                            tuple(streets), (first, counted_to), partial))
    return rows


def key_topics(sf: sessionmaker[Session], year: int) -> list[tuple[int, str]]:
    """(category id, name) of the year's key topics, for choosing a plan's topic."""
    with sf() as s:
        return [tuple(r) for r in s.execute(
            select(Category.id, Category.name).join(KeyTopic, KeyTopic.category_id == Category.id)
            .where(KeyTopic.year == year).order_by(KeyTopic.scope.desc(), Category.code))]
