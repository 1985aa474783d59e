"""Proactive tasks (主动治理任务): the district acting first, and whether acting worked.

A dispatcher gives a unit a task from a surge, a chronic problem or a seasonal row (or by hand): what,
where, which category, by when. The unit records what it did (open → reported); the dispatcher closes
it (reported → closed). Every step is a row of the append-only `task_events`. Tasks are not citizens'
requests: no case is created, so they never count in the volumes or the three rates.

The effect of a closed task compares the calls of its category at its place after it with before it,
against the same change in the rest of the district (a difference in differences):
- a task tied to a season: the first season that starts after the task was closed, against the same
  season one year earlier;
- else the `task.effect_weeks` (default 8) weeks after closing, against the same number of weeks before
  the task was created.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Boolean, DateTime, Integer, String, and_, case, func, literal, select, union_all
from sqlalchemy.orm import Session, sessionmaker

from app.models import Case, Category, Setting, Unit
from app.models.governance import ProactiveTask, Season, TaskEvent
from app.services import clock
from app.services.actors import Actor
from app.services.errors import (
    EditConflict,
    FieldProblem,
    NotFound,
    TaskRefused,
    ValidationFailed,
)
from app.services.lifecycle import unit_chain
from app.services.periods import end_of_day
from app.services.permissions import require, require_role, unit_subtree_ids
from app.services.rules import SETTING_DEFAULTS, int_setting
from app.services.watch import season_span

SOURCES = ("surge", "chronic", "seasonal", "manual")
STATUSES = ("open", "reported", "closed")
MAX_TITLE = 100
MAX_TEXT = 2000


@dataclass(frozen=True)
class TaskForm:
    title: str
    category_id: int | None
    unit_id: int | None
    due: date | None
    source: str = "manual"
    detail: str = ""
    street_id: int | None = None
    community_id: int | None = None
    address: str = ""
    season_id: int | None = None


@dataclass(frozen=True)
class Effect:
    place_before: int
    place_after: int
    district_before: int  # the rest of the district, same category
    district_after: int
    before: tuple[date, date]  # first and last day
    after: tuple[date, date]
    complete: bool  # the after period is over

    @property
    def place_change(self) -> float | None:
        return self.place_after / self.place_before - 1 if self.place_before else None

    @property
    def district_change(self) -> float | None:
        return self.district_after / self.district_before - 1 if self.district_before else None

    @property
    def net_change(self) -> float | None:
        """The place's change less the district's (in fractions; -0.6 = 60 points fewer than the trend)."""
        if self.place_change is None or self.district_change is None:
            return None
        return self.place_change - self.district_change

    @property
    def expected_after(self) -> float | None:
        """The calls the place would have had after, had it followed the district."""
        if self.district_change is None:
            return None
        return self.place_before * (1 + self.district_change)


@dataclass(frozen=True)
class TaskRow:
    id: int
    title: str
    detail: str
    source: str
    street: str
    community: str
    address: str
    category: str
    category_id: int
    unit: str
    unit_id: int
    season: str
    due: date
    status: str
    created_at: datetime
    reported_at: datetime | None
    report: str
    closed_at: datetime | None
    version: int
    overdue: bool
    effect: Effect | None


def _require_task(actor: Actor, action: str, chain: list[int] | None = None) -> None:
    """Role check; reporting also needs the task's unit to be the handler's own unit or below it."""
    if action == "report_task":
        require(actor, action, chain)
    else:
        require_role(actor, action)


def _text_problems(field: str, value: str | None, limit: int, required: bool) -> list[FieldProblem]:
    text = (value or "").strip()
    if required and not text:
        return [FieldProblem(field, "required")]
    if len(text) > limit:
        return [FieldProblem(field, "too_long", str(limit))]
    if "\x00" in text:
        return [FieldProblem(field, "not_allowed", "NUL")]
    return []


def _form_problems(s: Session, form: TaskForm, today: date) -> list[FieldProblem]:
    problems = _text_problems("title", form.title, MAX_TITLE, True)
    problems += _text_problems("detail", form.detail, MAX_TEXT, False)
    problems += _text_problems("address", form.address, 200, False)
    if form.source not in SOURCES:
        problems.append(FieldProblem("source", "not_allowed", form.source))
    if form.category_id is None:
        problems.append(FieldProblem("category", "required"))
    elif s.get(Category, form.category_id) is None:
        problems.append(FieldProblem("category", "unknown", str(form.category_id)))
    unit = s.get(Unit, form.unit_id) if form.unit_id is not None else None
    if form.unit_id is None:
        problems.append(FieldProblem("unit", "required"))
    elif unit is None or not unit.active or unit.level < 2:
        problems.append(FieldProblem("unit", "unknown", str(form.unit_id)))
    if form.due is None:
        problems.append(FieldProblem("due", "required"))
    elif form.due < today:
        problems.append(FieldProblem("due", "due_in_past", f"{today:%Y-%m-%d}"))
    street = s.get(Unit, form.street_id) if form.street_id is not None else None
    if form.street_id is not None and (street is None or street.kind not in ("street", "town")):
        problems.append(FieldProblem("street", "unknown", str(form.street_id)))
    if form.community_id is not None:
        community = s.get(Unit, form.community_id)
        if community is None or community.kind != "community":
            problems.append(FieldProblem("community", "unknown", str(form.community_id)))
        elif form.street_id is not None and community.parent_id != form.street_id:
            problems.append(FieldProblem("community", "not_in_street", street.name if street else ""))
    if form.street_id is None and form.community_id is None:
        problems.append(FieldProblem("street", "required"))
    if form.season_id is not None and s.get(Season, form.season_id) is None:
        problems.append(FieldProblem("season", "unknown", str(form.season_id)))
    return problems


def _event(s: Session, task: ProactiveTask, actor: Actor, action: str, at: datetime, note: str | None) -> None:
    s.add(TaskEvent(task_id=task.id, at=at, action=action, actor_id=actor.staff_id, workstation=actor.workstation,
                    note=note))


def create_task(sf: sessionmaker[Session], actor: Actor, form: TaskForm) -> int:
    """A new open task for a unit; returns its id."""
    _require_task(actor, "create_task")
    now = clock.now()
    with sf.begin() as s:
        problems = _form_problems(s, form, now.date())
        if problems:
            raise ValidationFailed(problems)
        street_id = form.street_id
        if street_id is None and form.community_id is not None:
            street_id = s.scalar(select(Unit.parent_id).where(Unit.id == form.community_id))
        task = ProactiveTask(
            title=form.title.strip(), detail=form.detail.strip() or None, source=form.source, street_id=street_id,
            community_id=form.community_id, address=form.address.strip() or None, category_id=form.category_id,
            season_id=form.season_id, unit_id=form.unit_id, due=form.due, status="open", created_at=now,
            created_by_id=actor.staff_id, version=1)
        s.add(task)
        s.flush()
        _event(s, task, actor, "create", now, task.title)
        return task.id


def _locked(s: Session, task_id: int, version: int | None) -> ProactiveTask:
    task = s.scalars(select(ProactiveTask).where(ProactiveTask.id == task_id).with_for_update()).first()
    if task is None:
        raise NotFound("task", task_id)
    if version is not None and task.version != version:
        raise EditConflict(f"T{task_id}")
    return task


def report_task(sf: sessionmaker[Session], actor: Actor, task_id: int, report: str, version: int | None = None) -> None:
    """The unit records what it did (open → reported)."""
    now = clock.now()
    with sf.begin() as s:
        task = _locked(s, task_id, version)
        _require_task(actor, "report_task", unit_chain(s, task.unit_id))
        if task.status != "open":
            raise TaskRefused(task_id, "report_task", task.status)
        problems = _text_problems("report", report, MAX_TEXT, True)
        if problems:
            raise ValidationFailed(problems)
        task.status, task.report, task.reported_at = "reported", report.strip(), now
        _event(s, task, actor, "report", now, report.strip())


def close_task(sf: sessionmaker[Session], actor: Actor, task_id: int, note: str = "", version: int | None = None) -> None:
    """The dispatcher accepts the unit's work (reported → closed); the effect is measured from here."""
    _require_task(actor, "close_task")
    now = clock.now()
    with sf.begin() as s:
        task = _locked(s, task_id, version)
        if task.status != "reported":
            raise TaskRefused(task_id, "close_task", task.status)
        problems = _text_problems("note", note, MAX_TEXT, False)
        if problems:
            raise ValidationFailed(problems)
        task.status, task.closed_at = "closed", now
        _event(s, task, actor, "close", now, note.strip() or None)


Periods = tuple[tuple[date, date], tuple[date, date]]


def effect_periods(s: Session, task: ProactiveTask) -> Periods | None:
    """(before, after) as first and last days, or None while the task is not closed."""
    if task.closed_at is None:
        return None
    season = s.get(Season, task.season_id) if task.season_id is not None else None
    return _periods(task, season, int_setting(s, "task.effect_weeks", task.closed_at.date()))


def _periods(task: ProactiveTask, season: Season | None, weeks: int) -> Periods:
    closed = task.closed_at.date()
    if season is not None:
        after = season_span(season.first_day, season.last_day, closed.year)
        if after[0] <= closed:
            after = season_span(season.first_day, season.last_day, closed.year + 1)
        before = season_span(season.first_day, season.last_day, after[0].year - 1)
        return before, after
    created = task.created_at.date()
    return (created - timedelta(weeks=weeks), created - timedelta(days=1)), (closed, closed + timedelta(weeks=weeks, days=-1))


def _count(s: Session, task: ProactiveTask, span: tuple[date, date], place: bool) -> int:
    lo = datetime.combine(span[0], datetime.min.time())
    hi = end_of_day(span[1])
    where = [Case.category_id == task.category_id, Case.received_at >= lo, Case.received_at < hi]
    at_place = (Case.community_id == task.community_id) if task.community_id is not None else (
        Case.street_id == task.street_id)
    if task.address:
        at_place = func.trim(Case.address) == task.address
    where.append(at_place if place else ~at_place)
    return s.scalar(select(func.count()).select_from(Case).where(*where)) or 0


def effect(s: Session, task: ProactiveTask, today: date | None = None) -> Effect | None:
    periods = effect_periods(s, task)
    if periods is None:
        return None
    before, after = periods
    today = today or clock.today()
    return Effect(
        place_before=_count(s, task, before, True), place_after=_count(s, task, after, True),
        district_before=_count(s, task, before, False), district_after=_count(s, task, after, False),
        before=before, after=after, complete=today > after[1])


def _effects(s: Session, closed: list[ProactiveTask], today: date) -> dict[int, Effect]:
    """The effect of each closed task, its four counts from one grouped query for all of them.

    Each task asks four counts (its place and the rest of the district, before and after); they are rows of a
    small table of (task, part, category, days, place) joined to the cases by category and received time and
    grouped (it was four queries per task).
    """
    if not closed:
        return {}
    seasons = {x.id: x for x in s.scalars(select(Season).where(Season.id.in_({t.season_id for t in closed if t.season_id})))}
    # the setting's values by the day they came into force, read once (int_setting per day, as effect_periods)
    history = s.execute(select(Setting.effective_from, Setting.value).where(Setting.key == "task.effect_weeks")
                        .order_by(Setting.effective_from)).all()

    def weeks(day: date) -> int:
        in_force = [value for since, value in history if since <= day]
        return int(in_force[-1]) if in_force else SETTING_DEFAULTS["task.effect_weeks"]

    periods = {task.id: _periods(task, seasons.get(task.season_id), weeks(task.closed_at.date())) for task in closed}
    counts: dict[tuple[int, int], int] = {}
    for chunk in range(0, len(closed), 100):  # SQLite joins at most 500 SELECTs in one UNION ALL
        parts = []
        for task in closed[chunk:chunk + 100]:
            for part, (span, inside) in enumerate(((periods[task.id][0], True), (periods[task.id][1], True),
                                                   (periods[task.id][0], False), (periods[task.id][1], False))):
                parts.append(select(
                    literal(task.id, Integer).label("task_id"), literal(part, Integer).label("part"),
                    literal(task.category_id, Integer).label("category_id"),
                    literal(datetime.combine(span[0], datetime.min.time()), DateTime).label("lo"),
                    literal(end_of_day(span[1]), DateTime).label("hi"),
                    literal(task.street_id, Integer).label("street_id"),
                    literal(task.community_id, Integer).label("community_id"),
                    literal(task.address or None, String).label("address"),
                    literal(inside, Boolean).label("inside")))
        table = union_all(*parts).subquery("parts")
        p = table.c
        at_place = case((p.address.is_not(None), func.trim(Case.address) == p.address),
                        (p.community_id.is_not(None), Case.community_id == p.community_id),
                        else_=Case.street_id == p.street_id)
        counts.update({(task_id, part): n for task_id, part, n in s.execute(
            select(p.task_id, p.part, func.count(Case.id)).select_from(table)
            .join(Case, and_(Case.category_id == p.category_id, Case.received_at >= p.lo, Case.received_at < p.hi,
                             at_place == p.inside))
            .group_by(p.task_id, p.part))})
    return {task.id: Effect(
        place_before=counts.get((task.id, 0), 0), place_after=counts.get((task.id, 1), 0),
        district_before=counts.get((task.id, 2), 0), district_after=counts.get((task.id, 3), 0),
        before=periods[task.id][0], after=periods[task.id][1], complete=today > periods[task.id][1][1])
        for task in closed}


def list_tasks(sf: sessionmaker[Session], actor: Actor, status: str | None = None) -> list[TaskRow]:
    """The tasks the actor may see (a unit handler: its unit's and those below it), open ones by due date first."""
    _require_task(actor, "view_tasks")
    today = clock.today()
    with sf() as s:
        query = select(ProactiveTask)
        if actor.role == "handler":
            if actor.unit_id is None:
                return []
            query = query.where(ProactiveTask.unit_id.in_(unit_subtree_ids(actor.unit_id)))
        if status is not None:
            query = query.where(ProactiveTask.status == status)
        order = {"open": 0, "reported": 1, "closed": 2}
        tasks = sorted(s.scalars(query), key=lambda t: (order.get(t.status, 3), t.due, t.id))
        units = dict(s.execute(select(Unit.id, Unit.name)).all())
        categories = dict(s.execute(select(Category.id, Category.name)).all())
        seasons = dict(s.execute(select(Season.id, Season.name)).all())
        effects = _effects(s, [t for t in tasks if t.closed_at is not None], today)
        return [TaskRow(
            id=t.id, title=t.title, detail=t.detail or "", source=t.source, street=units.get(t.street_id, ""),
            community=units.get(t.community_id, ""), address=t.address or "", category=categories.get(t.category_id, ""),
            category_id=t.category_id, unit=units.get(t.unit_id, ""), unit_id=t.unit_id,
            season=seasons.get(t.season_id, ""), due=t.due, status=t.status, created_at=t.created_at,
            reported_at=t.reported_at, report=t.report or "", closed_at=t.closed_at, version=t.version,
            overdue=t.status == "open" and t.due < today, effect=effects.get(t.id)) for t in tasks]


def timeline(sf: sessionmaker[Session], actor: Actor, task_id: int) -> list[TaskEvent]:
    _require_task(actor, "view_tasks")
    with sf() as s:
        task = s.get(ProactiveTask, task_id)
        if task is None:
            raise NotFound("task", task_id)
        if actor.role == "handler" and actor.unit_id not in unit_chain(s, task.unit_id):
            raise NotFound("task", task_id)
        return list(s.scalars(select(TaskEvent).where(TaskEvent.task_id == task_id).order_by(TaskEvent.id)))
