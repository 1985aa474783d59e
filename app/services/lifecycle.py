"""The life of a case: intake, dispatch, handling, returns, extensions, merges, callbacks, reopen, close.

Each operation is one transaction: it checks the role and the case's state, changes the case,
appends its event, and updates the summary counts, all or nothing. A case changed meanwhile by
another workstation is reported as EditConflict (version counter), never overwritten.
"""
from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Date, Integer, Text, bindparam, cast, func, literal, select, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from app.models import Callback, Case, CaseEvent, CaseNumberCounter, Category, Unit
from app.services import case_states, changes, clock, stats
from app.services.actors import Actor
from app.services.case_states import Action
from app.services.errors import EditConflict, FieldProblem, NotFound, TransitionRefused, ValidationFailed
from app.services.permissions import require
from app.services.rules import deadlines_for, int_setting
from app.services.validation import (
    CHANNELS,
    DEADLINE_TIERS,
    REQUEST_TYPES,
    RESOLVED_VALUES,
    SATISFACTION_VALUES,
    URGENCIES,
    caller_phone_problems,
    choice_problem,
    is_blank,
    normalize_phone,
    text_problem,
)

OPEN_STATES = case_states.OPEN_STATES
MERGEABLE_STATES = tuple(str(s) for s in case_states.RULES[Action.MERGE].from_states)
# 直接答复: only a consultation can be answered on the phone; every other request is handled by a unit
ANSWERABLE_REQUEST_TYPES = ("consultation",)


def answer_problem(request_type: str) -> FieldProblem | None:
    """Why a request of this type cannot be answered at intake (None: it can)."""
    if request_type in ANSWERABLE_REQUEST_TYPES:
        return None
    return FieldProblem("request_type", "not_answerable", request_type)


@dataclass(frozen=True)
class CaseRef:
    id: int
    case_no: str
    status: str
    version: int
    unit_id: int | None


@dataclass
class IntakeForm:
    """What the receptionist records. Ids refer to units and categories."""

    caller_phone: str
    description: str
    category_id: int | None
    street_id: int | None = None
    community_id: int | None = None
    caller_name: str = ""
    address: str = ""
    channel: str = "phone"
    request_type: str = "help"
    urgency: str = "normal"
    confidential: bool = False
    no_phone_reason: str | None = None  # a call without a number (withheld): why; caller_phone is then empty
    received_at: datetime | None = None
    unit_id: int | None = None  # overrides the suggested handling unit
    deadline_tier: str | None = None  # overrides the category's tier (a dispatcher may raise it)


def _ref(case: Case) -> CaseRef:
    return CaseRef(case.id, case.case_no, case.status, case.version, case.unit_id)


def _event(s: Session, case: Case, actor: Actor, action: str, from_status: str | None, note: str | None = None,
           unit_id: int | None = None, at: datetime | None = None, to_status: str | None = None) -> None:
    """Appends the event of a change (to_status: the case's status now, unless given)."""
    s.add(CaseEvent(case_id=case.id, at=at or clock.now(), action=action, from_status=from_status,
                    to_status=to_status or case.status, unit_id=unit_id, actor_id=actor.staff_id,
                    workstation=actor.workstation, note=note))


@functools.cache
def _unit_chain_statement():
    """Built once: a unit handler's every change asks for it, and building it costs more than running it."""
    up = (select(Unit.id, Unit.parent_id, literal(0).label("depth")).where(Unit.id == bindparam("unit_id"))
          .cte("up", recursive=True))
    up = up.union_all(select(Unit.id, Unit.parent_id, up.c.depth + 1).join(up, Unit.id == up.c.parent_id)
                      .where(up.c.depth < 8))
    return select(up.c.id).order_by(up.c.depth)


def unit_chain(s: Session, unit_id: int | None) -> list[int]:
    """The unit and its ancestors (three levels at most), in one query."""
    if unit_id is None:
        return []
    return list(s.scalars(_unit_chain_statement(), {"unit_id": unit_id}))


# ---------------------------------------------------------------- intake

def validate_intake(s: Session, form: IntakeForm, answering: bool = False) -> list[FieldProblem]:
    return _check_intake(s, form, answering)[0]


def _check_intake(s: Session, form: IntakeForm, answering: bool) -> tuple[list[FieldProblem], list]:
    """The form's problems, and the rows looked up (kept by the caller, so that the session need not load them again)."""
    problems = caller_phone_problems(form.caller_phone, form.no_phone_reason) + [p for p in (
        choice_problem("channel", form.channel, CHANNELS),
        choice_problem("request_type", form.request_type, REQUEST_TYPES),
        choice_problem("urgency", form.urgency, URGENCIES),
        text_problem("caller_name", form.caller_name),
        text_problem("address", form.address),
        text_problem("description", form.description, required=True),
    ) if p]
    if answering and not any(p.field == "request_type" for p in problems):
        problems += [p for p in (answer_problem(form.request_type),) if p]
    if form.category_id is None:
        problems.append(FieldProblem("category", "required"))
    category = s.get(Category, form.category_id) if form.category_id is not None else None
    if form.category_id is not None and category is None:
        problems.append(FieldProblem("category", "unknown", str(form.category_id)))
    if form.street_id is None and not answering:
        problems.append(FieldProblem("street", "required"))
    street = s.get(Unit, form.street_id) if form.street_id is not None else None
    if form.street_id is not None and (street is None or street.kind not in ("street", "town")):
        problems.append(FieldProblem("street", "unknown", str(form.street_id)))
    if form.community_id is not None:
        community = s.get(Unit, form.community_id)
        if community is None or community.level != 3 or (street and community.parent_id != street.id):
            problems.append(FieldProblem("community", "not_in_street", str(form.community_id)))
    unit = s.get(Unit, form.unit_id) if form.unit_id is not None else None
    if form.unit_id is not None and unit is None:
        problems.append(FieldProblem("unit", "unknown", str(form.unit_id)))
    if form.deadline_tier is not None and form.deadline_tier not in DEADLINE_TIERS:
        problems.append(FieldProblem("deadline_tier", "not_allowed", form.deadline_tier))
    return problems, [category, street, unit]


def suggest_unit(s: Session, category_id: int | None, street_id: int | None) -> int | None:
    """The category's default handler (walking up the tree), 'street' meaning the case's street."""
    handler = None
    cat = s.get(Category, category_id) if category_id else None
    while cat is not None and handler is None:
        handler = cat.default_handler
        cat = s.get(Category, cat.parent_id) if cat.parent_id else None
    if handler == "street" or handler is None:
        if street_id is not None:
            return street_id
        handler = None
    if handler:
        unit_id = s.scalar(select(Unit.id).where(Unit.code == handler))
        if unit_id is not None:
            return unit_id
    return street_id or hotline_centre_id(s)


def suggested_dispatch(s: Session, category_id: int | None, street_id: int | None) -> int | None:
    """The suggested unit when dispatch can send a case there; None when it cannot (the hotline centre,
    the district level): such a case is saved new and waits for the dispatcher."""
    unit_id = suggest_unit(s, category_id, street_id)
    unit = s.get(Unit, unit_id) if unit_id is not None else None
    return unit_id if unit is not None and unit.level >= 2 else None


def learned_dispatch(s: Session, category_id: int | None, street_id: int | None,
                     community_id: int | None = None) -> int | None:
    """The unit a new case goes to when the receptionist names none: the routing learned from where such cases
    finally ended (app/services/routing.py), which falls back to suggested_dispatch (today's rule)."""
    from app.services import routing

    got = routing.suggest(s, category_id, street_id, community_id, alternatives=False)  # the unit is all it needs
    return got.unit_id if got is not None else suggested_dispatch(s, category_id, street_id)


def tier_for(s: Session, category_id: int | None, urgency: str) -> str:
    if urgency == "urgent":
        return "urgent"
    cat = s.get(Category, category_id) if category_id else None
    while cat is not None:
        if cat.deadline_tier:
            return cat.deadline_tier
        cat = s.get(Category, cat.parent_id) if cat.parent_id else None
    return "general"


def hotline_centre_id(s: Session) -> int | None:
    return s.scalar(select(Unit.id).where(Unit.kind == "hotline_centre"))


def can_send_back(s: Session, unit_id: int | None) -> bool:
    """A reopened case goes back to its handling unit: there must be one, and not the hotline centre."""
    return unit_id is not None and unit_id != hotline_centre_id(s)


def next_case_no(s: Session, day: date) -> str:
    """YYYYMMDD + a five-digit number, unique and gap-free per day, also under simultaneous intake."""
    insert = stats.insert_for(s.get_bind().dialect.name)
    stmt = insert(CaseNumberCounter).values(day=day, last=1)
    stmt = stmt.on_conflict_do_update(index_elements=["day"], set_={"last": CaseNumberCounter.last + 1})
    last = s.execute(stmt.returning(CaseNumberCounter.last)).scalar_one()
    return f"{day:%Y%m%d}{last:05d}"


def _new_case(s: Session, actor: Actor, form: IntakeForm, answering: bool) -> tuple[Case, list]:
    """The new case, added but not yet written (the caller sets what else it needs, then _write_new writes it).

    Also returns the reference rows the validation loaded: held, they stay in the session's identity map.
    """
    problems, looked_up = _check_intake(s, form, answering)
    if problems:
        raise ValidationFailed(problems)
    received = clock.to_local(form.received_at) if form.received_at else clock.now()
    tier = form.deadline_tier or tier_for(s, form.category_id, form.urgency)
    deadlines = deadlines_for(s, tier, received)
    case = Case(
        # a unique placeholder: the real number is issued last (_number)
        case_no=uuid.uuid4().hex, received_at=received, channel=form.channel,
        request_type=form.request_type, caller_name=form.caller_name.strip() or None,
        caller_phone=normalize_phone(form.caller_phone), confidential=form.confidential,
        no_phone_reason=form.no_phone_reason.strip() if form.no_phone_reason is not None else None,
        address=form.address.strip() or None, street_id=form.street_id, community_id=form.community_id,
        category_id=form.category_id, description=form.description.strip(), urgency=form.urgency,
        deadline_tier=tier, status="new", contact_deadline=deadlines.contact_by, reply_deadline=deadlines.reply_by,
        callback_attempts=0, repeat_count=0, reopen_count=0, created_by_id=actor.staff_id, updated_at=received,
    )
    s.add(case)
    return case, looked_up


def _write_new(s: Session, case: Case, actor: Actor, *then: tuple) -> None:
    """Inserts the new case as it is now, then its events: "create", and `then` (action, from, to, unit, note)."""
    s.flush()
    _event(s, case, actor, "create", None, at=case.received_at, to_status="new")
    for action, from_status, to_status, unit_id, note in then:
        _event(s, case, actor, action, from_status, note, unit_id, case.received_at, to_status)


def _number(s: Session, case: Case) -> None:
    """Gives a new case its number, as the transaction's last write.

    The day's counter row stays locked until the commit (that is what keeps numbers gap-free), so
    it is taken after the validation, the inserts and the summary updates, not before them.
    """
    day = case.received_at.date()
    cases = Case.__table__
    if s.get_bind().dialect.name != "postgresql":
        number = next_case_no(s, day)
        s.execute(update(cases).where(cases.c.id == case.id).values(case_no=number))
    else:  # one round trip: the counter row is locked for this statement and the commit only
        number = s.execute(_pg_number_statement(), {"number_day": day, "number_prefix": f"{day:%Y%m%d}",
                                                    "number_case": case.id}).scalar_one()
    set_committed_value(case, "case_no", number)


@functools.cache
def _pg_number_statement():
    """PostgreSQL: counts the day on and writes the number into the case, in one statement (built once)."""
    cases = Case.__table__
    counter = (postgresql.insert(CaseNumberCounter).values(day=bindparam("number_day", type_=Date), last=1)
               .on_conflict_do_update(index_elements=["day"], set_={"last": CaseNumberCounter.last + 1})
               .returning(CaseNumberCounter.last).cte("counter"))
    digits = cast(counter.c.last, Text)
    number_sql = select(bindparam("number_prefix", type_=Text)
                        + func.lpad(digits, func.greatest(5, func.length(digits)), "0"))
    return (update(cases).where(cases.c.id == bindparam("number_case", type_=Integer))
            .values(case_no=number_sql.scalar_subquery()).add_cte(counter).returning(cases.c.case_no))


def create_case(sf: sessionmaker[Session], actor: Actor, form: IntakeForm, dispatch: bool = True) -> CaseRef:
    """Record a call; with `dispatch`, send it at once to the chosen or suggested unit.

    A suggestion that cannot take a dispatched case (the hotline centre, for a consultation that was
    not answered at once) leaves the case new, for the dispatcher to send on.
    """
    require(actor, "create")
    with sf.begin() as s:
        case, _held = _new_case(s, actor, form, answering=False)
        tracker = stats.Tracker(s, None)
        # written dispatched at once: one INSERT, no UPDATE after it, so the reads that decide the unit (the
        # routing, the unit's row) must not write the case first
        with s.no_autoflush:  # (_write_new flushes the case itself)
            unit_id = form.unit_id or (learned_dispatch(s, form.category_id, form.street_id, form.community_id)
                                       if dispatch else None)
            if dispatch and unit_id is not None:
                _send(s, case, unit_id, case.received_at)
                _write_new(s, case, actor, ("dispatch", "new", "dispatched", case.unit_id, None))
            else:
                _write_new(s, case, actor)
        changes.announce(s, case.id, case.status)
        tracker.commit(case)  # shared summary rows and the day's counter last:
        _number(s, case)  # they stay locked only to the commit
        return _ref(case)


def answer_at_intake(sf: sessionmaker[Session], actor: Actor, form: IntakeForm, answer: str,
                     article: tuple[int, int] | None = None) -> CaseRef:
    """A consultation answered on the phone: the case is replied by the hotline centre at once.

    Only a consultation (ANSWERABLE_REQUEST_TYPES): any other request type is refused as a field problem.
    `article`: the knowledge-base article and version whose answer was given (recorded with the case).
    """
    require(actor, "answer")
    with sf.begin() as s:
        problems = [FieldProblem("answer", "required")] if is_blank(answer) else [
            p for p in (text_problem("reply_text", answer),) if p]
        if article is not None:
            from app.services.knowledge import article_problem

            problems += [p for p in (article_problem(s, *article, clock.today()),) if p]
        if problems:
            raise ValidationFailed(problems + validate_intake(s, form, answering=True))
        case, _held = _new_case(s, actor, form, answering=True)
        tracker = stats.Tracker(s, None)
        centre = hotline_centre_id(s)
        case.unit_id = centre
        _mark_replied(s, case, actor, answer.strip(), case.received_at)
        _write_new(s, case, actor, ("answer", "new", "replied", centre, answer.strip()))
        if article is not None:
            from app.models import KnowledgeAnswer

            s.add(KnowledgeAnswer(case_id=case.id, article_id=article[0], version=article[1]))
        changes.announce(s, case.id, case.status)
        tracker.commit(case)  # shared summary rows and the day's counter last:
        _number(s, case)  # they stay locked only to the commit
        return _ref(case)


def link_repeat_call(sf: sessionmaker[Session], actor: Actor, case_id: int, note: str,
                     expected_version: int | None = None) -> CaseRef:
    """A caller rings again about an open case: record it on that case instead of opening a new one."""
    def change(s: Session, case: Case) -> None:
        text = _optional_text("note", note)
        _refuse_unless(case, "link_repeat")
        case.repeat_count += 1
        _event(s, case, actor, "repeat_call", case.status, note=text)
    return _change(sf, actor, case_id, expected_version, "link_repeat", change, check_unit=False)


# ---------------------------------------------------------------- the shared frame of a change

def _load(s: Session, case_id: int, lock: bool = False) -> Case:
    # lock: SELECT … FOR UPDATE on PostgreSQL, so that a second workstation changing the same case waits
    # for the first to commit and then sees its change (SQLite's BEGIN IMMEDIATE already serializes writers).
    case = s.get(Case, case_id, with_for_update=lock or None)
    if case is None:
        raise NotFound("case", case_id)
    return case


def _change(sf: sessionmaker[Session], actor: Actor, case_id: int, expected_version: int | None, action: str,
            change: Callable[[Session, Case], None], check_unit: bool = True) -> CaseRef:
    if not check_unit:
        require(actor, action)
    try:
        with sf.begin() as s:
            case = _load(s, case_id, lock=True)
            if check_unit:  # only a unit handler is limited to its units' cases
                require(actor, action, unit_chain(s, case.unit_id) if actor.role == "handler" else None)
            if expected_version is not None and case.version != expected_version:
                raise EditConflict(case.case_no, _ref(case))
            tracker = stats.Tracker(s, case)
            with s.no_autoflush:  # one UPDATE of the case, so one version step, however many reads change() makes
                change(s, case)
            case.updated_at = clock.now()
            changes.announce(s, case.id, case.status)
            tracker.commit(case)  # shared summary rows last
            return _ref(case)
    except StaleDataError:
        pass
    except DBAPIError as exc:
        # two merges in opposite directions lock the same two cases in opposite orders
        if getattr(exc.orig, "sqlstate", None) not in ("40P01", "40001"):
            raise
    with sf() as s:
        case = _load(s, case_id)
        raise EditConflict(case.case_no, _ref(case)) from None


def _refuse_unless(case: Case, action: str) -> None:
    """Refuses what the state machine's table (case_states.RULES) does not allow in the case's state."""
    refused = case_states.refusal(action, case.status, case.pending_request, case.close_reason)
    if refused is not None:
        raise TransitionRefused(case.case_no, action, case.status, *refused)


def _move(case: Case, action: str) -> str:
    """Puts the case in the state the action leads to (case_states.RULES); returns the state before."""
    before = case.status
    case.status = case_states.target(action)
    return before


def _require_text(field: str, text: str | None) -> str:
    value = (text or "").strip()
    problem = text_problem(field, value, required=True)
    if problem:
        raise ValidationFailed([problem])
    return value


def _optional_text(field: str, text: str | None) -> str | None:
    """A note that may be left empty: None when empty; refused when it cannot be stored or is too long."""
    value = (text or "").strip()
    problem = text_problem(field, value)
    if problem:
        raise ValidationFailed([problem])
    return value or None


# ---------------------------------------------------------------- dispatcher

def _send(s: Session, case: Case, unit_id: int | None, at: datetime | None = None) -> None:
    """The case goes to the unit (a street, bureau, community or section: not the district level)."""
    unit = s.get(Unit, unit_id) if unit_id else None
    if unit is None or unit.level < 2:
        raise ValidationFailed([FieldProblem("unit", "unknown" if unit is None else "not_allowed", str(unit_id))])
    case.status = case_states.target("dispatch")
    case.unit_id = unit.id
    case.dispatched_at = at or clock.now()
    case.signed_at = None


def _dispatch(s: Session, actor: Actor, case: Case, unit_id: int | None, note: str | None) -> None:
    before = case.status
    _send(s, case, unit_id)
    _event(s, case, actor, "dispatch" if before == "new" else "redispatch", before, note, case.unit_id)


def dispatch(sf, actor: Actor, case_id: int, unit_id: int, note: str = "", expected_version: int | None = None):
    """Send a new or returned case to a unit (re-dispatch after a return)."""
    def change(s, case):
        text = _optional_text("note", note)
        _refuse_unless(case, "dispatch")
        _dispatch(s, actor, case, unit_id, text)
    return _change(sf, actor, case_id, expected_version, "dispatch", change, check_unit=False)


def approve_return(sf, actor: Actor, case_id: int, note: str = "", expected_version: int | None = None):
    def change(s, case):
        text = _optional_text("note", note)
        _refuse_unless(case, "approve_return")
        unit = case.unit_id
        before = _move(case, "approve_return")
        case.unit_id = None
        case.pending_request = case.pending_note = None
        _event(s, case, actor, "return_approved", before, text, unit)
    return _change(sf, actor, case_id, expected_version, "approve_return", change, check_unit=False)


def reject_return(sf, actor: Actor, case_id: int, note: str, expected_version: int | None = None):
    def change(s, case):
        _refuse_unless(case, "reject_return")
        text = _require_text("note", note)
        case.pending_request = case.pending_note = None
        _event(s, case, actor, "return_rejected", case.status, text, case.unit_id)
    return _change(sf, actor, case_id, expected_version, "reject_return", change, check_unit=False)


def approve_extension(sf, actor: Actor, case_id: int, note: str = "", expected_version: int | None = None):
    def change(s, case):
        text = _optional_text("note", note)
        _refuse_unless(case, "approve_extension")
        old = case.reply_deadline
        case.reply_deadline = case.pending_until
        case.pending_request = case.pending_note = case.pending_until = None
        _event(s, case, actor, "extension_approved", case.status,
               f"{old:%Y-%m-%d %H:%M} → {case.reply_deadline:%Y-%m-%d %H:%M}" + (f" {text}" if text else ""))
    return _change(sf, actor, case_id, expected_version, "approve_extension", change, check_unit=False)


def reject_extension(sf, actor: Actor, case_id: int, note: str, expected_version: int | None = None):
    def change(s, case):
        _refuse_unless(case, "reject_extension")
        text = _require_text("note", note)
        case.pending_request = case.pending_note = case.pending_until = None
        _event(s, case, actor, "extension_rejected", case.status, text)
    return _change(sf, actor, case_id, expected_version, "reject_extension", change, check_unit=False)


def merge(sf, actor: Actor, case_id: int, into_case_id: int, note: str = "", expected_version: int | None = None):
    """Close a repeat request into its original; the original counts one more repeat."""
    def change(s, case):
        text = _optional_text("note", note)
        _refuse_unless(case, "merge")
        original = _load(s, into_case_id, lock=True)
        if original.id == case.id:
            raise TransitionRefused(case.case_no, "merge", case.status, "merge_into_itself")
        if original.status == "merged":
            raise TransitionRefused(case.case_no, "merge", case.status, "merge_into_merged", original.case_no)
        before = _move(case, "merge")
        case.merged_into_id = original.id
        case.closed_at = clock.now()
        case.close_reason = "merged"
        case.pending_request = case.pending_note = case.pending_until = None
        _event(s, case, actor, "merge", before, f"→ {original.case_no}" + (f" {text}" if text else ""))
        original.repeat_count += 1
        original.updated_at = clock.now()
        _event(s, original, actor, "repeat_merged", original.status, f"← {case.case_no}")
    return _change(sf, actor, case_id, expected_version, "merge", change, check_unit=False)


def close(sf, actor: Actor, case_id: int, note: str, expected_version: int | None = None):
    """Close by hand: a new case that needs no handling (invalid call), or a replied case without callback."""
    def change(s, case):
        _refuse_unless(case, "close")
        text = _require_text("note", note)
        before = _move(case, "close")
        case.closed_at = clock.now()
        case.close_reason = "manual"
        _event(s, case, actor, "close", before, text)
    return _change(sf, actor, case_id, expected_version, "close", change, check_unit=False)


def reopen(sf, actor: Actor, case_id: int, note: str, expected_version: int | None = None):
    """Send a closed case back to its unit (an unsolved or unsatisfied callback, or the dispatcher's call)."""
    def change(s, case):
        _refuse_unless(case, "reopen")
        if not can_send_back(s, case.unit_id):
            raise TransitionRefused(case.case_no, "reopen", case.status, "no_unit")
        text = _require_text("note", note)
        now = clock.now()
        # handled again from now: new contact and reply deadlines of the case's tier, counted from the
        # reopening (the old ones stay in the timeline), and the citizen is to be contacted again
        fresh = deadlines_for(s, case.deadline_tier, now)
        old = (case.contact_deadline, case.reply_deadline)
        _move(case, "reopen")
        case.reopen_count += 1
        case.callback_attempts = 0
        case.dispatched_at = now
        case.signed_at = case.replied_at = case.reply_text = case.replied_by_id = case.contacted_at = None
        case.callback_due = case.closed_at = case.close_reason = None
        case.contact_deadline, case.reply_deadline = fresh.contact_by, fresh.reply_by
        _event(s, case, actor, "reopen", "closed", text, case.unit_id, at=now)
        _event(s, case, actor, "deadlines_reset", "dispatched", deadline_change_note(old, fresh), case.unit_id, at=now)
    return _change(sf, actor, case_id, expected_version, "reopen", change, check_unit=False)


def deadline_change_note(old: tuple[datetime | None, datetime | None], fresh) -> str:
    """The note of a "deadlines_reset" event: contact deadline old → new; reply deadline old → new."""
    def t(value: datetime | None) -> str:
        return f"{value:%Y-%m-%d %H:%M}" if value else "—"
    return f"{t(old[0])} → {t(fresh.contact_by)}; {t(old[1])} → {t(fresh.reply_by)}"


# ---------------------------------------------------------------- unit handler

def sign(sf, actor: Actor, case_id: int, expected_version: int | None = None):
    def change(s, case):
        _refuse_unless(case, "sign")
        _move(case, "sign")
        case.signed_at = clock.now()
        _event(s, case, actor, "sign", "dispatched", None, case.unit_id)
    return _change(sf, actor, case_id, expected_version, "sign", change)


def record_contact(sf, actor: Actor, case_id: int, note: str = "", expected_version: int | None = None):
    def change(s, case):
        text = _optional_text("note", note)
        _refuse_unless(case, "contact")
        now = clock.now()
        case.contacted_at = case.contacted_at or now
        _event(s, case, actor, "contact", case.status, text, case.unit_id)
    return _change(sf, actor, case_id, expected_version, "contact", change)


def _mark_replied(s: Session, case: Case, actor: Actor, text: str, at: datetime) -> None:
    window = timedelta(hours=int_setting(s, "callback.window_hours", at.date()))  # read first: no flush between
    case.status = case_states.target("reply")
    case.replied_at = at
    case.reply_text = text
    case.replied_by_id = actor.staff_id
    case.callback_attempts = 0
    case.callback_due = at + window


def reply(sf, actor: Actor, case_id: int, text: str, expected_version: int | None = None,
          no_contact_reason: str = ""):
    """The unit's answer. The citizen must have been contacted in this round (record_contact), or
    `no_contact_reason` says why that was not possible (kept as a "no_contact" event before the reply)."""
    def change(s, case):
        _refuse_unless(case, "reply")
        reason = (no_contact_reason or "").strip()
        if case.contacted_at is None and not reason:
            raise TransitionRefused(case.case_no, "reply", case.status, "not_contacted")
        body = _require_text("reply_text", text)
        now = clock.now()
        if case.contacted_at is None:
            _event(s, case, actor, "no_contact", "accepted", _require_text("reason", reason), case.unit_id, at=now)
        _mark_replied(s, case, actor, body, now)
        _event(s, case, actor, "reply", "accepted", body, case.unit_id, at=now)
    return _change(sf, actor, case_id, expected_version, "reply", change)


def request_return(sf, actor: Actor, case_id: int, reason: str, expected_version: int | None = None):
    """退单: the unit says the case is not theirs; the dispatcher decides where it goes."""
    def change(s, case):
        _refuse_unless(case, "request_return")
        case.pending_request = "return"
        case.pending_note = _require_text("reason", reason)
        _event(s, case, actor, "return_requested", case.status, case.pending_note, case.unit_id)
    return _change(sf, actor, case_id, expected_version, "request_return", change)


def request_extension(sf, actor: Actor, case_id: int, until: datetime, reason: str,
                      expected_version: int | None = None):
    """延期: the unit asks for a later reply deadline, with a reason."""
    def change(s, case):
        _refuse_unless(case, "request_extension")
        text = _require_text("reason", reason)
        if case.reply_deadline is not None and until <= case.reply_deadline:
            raise ValidationFailed([FieldProblem("until", "not_later", f"{case.reply_deadline:%Y-%m-%d %H:%M}")])
        case.pending_request = "extension"
        case.pending_note = text
        case.pending_until = until
        _event(s, case, actor, "extension_requested", case.status, f"{until:%Y-%m-%d %H:%M} {text}", case.unit_id)
    return _change(sf, actor, case_id, expected_version, "request_extension", change)


# ---------------------------------------------------------------- callback

@dataclass
class CallbackAnswers:
    contacted: bool
    resolved: str  # yes | partly | no
    satisfaction: str  # satisfied | basic | unsatisfied
    remark: str = ""


def record_callback(sf, actor: Actor, case_id: int, answers: CallbackAnswers | None,
                    expected_version: int | None = None, at: datetime | None = None):
    """One callback: `answers` None means the citizen was not reached.

    Not reached: the attempt is counted; after the configured number of failed attempts the case
    closes as unreachable and counts in no rate — at the first when the call came without a number (无号码).
    Reached: the three answers are stored and the case closes.
    """
    def change(s, case):
        _refuse_unless(case, "callback")
        when = at or clock.now()
        if answers is not None:
            problems = [p for p in (
                choice_problem("resolved", answers.resolved, RESOLVED_VALUES),
                choice_problem("satisfaction", answers.satisfaction, SATISFACTION_VALUES),
                text_problem("remark", answers.remark),
            ) if p]
            if problems:
                raise ValidationFailed(problems)
        case.callback_attempts += 1
        s.add(Callback(
            case_id=case.id, round=case.reopen_count, attempt=case.callback_attempts, at=when, clerk_id=actor.staff_id,
            unit_id=case.unit_id, reached=answers is not None,
            contacted=answers.contacted if answers else None, resolved=answers.resolved if answers else None,
            satisfaction=answers.satisfaction if answers else None,
            remark=(answers.remark.strip() or None) if answers else None,
        ))
        if answers is not None:
            case.status = case_states.target("callback")
            case.closed_at = when
            case.close_reason = "callback"
            _event(s, case, actor, "callback", "replied",
                   f"contacted={'yes' if answers.contacted else 'no'} resolved={answers.resolved} "
                   f"satisfaction={answers.satisfaction}" + (f" {answers.remark.strip()}" if answers.remark.strip() else ""),
                   case.unit_id, when)
            return
        limit = int_setting(s, "callback.max_attempts", when.date())
        no_number = not case.caller_phone  # a call without a number (无号码): there is no one to call again
        if no_number or case.callback_attempts >= limit:
            case.status = case_states.target("callback")
            case.closed_at = when
            case.close_reason = "unreachable"
            _event(s, case, actor, "callback_unreachable", "replied",
                   "no number" if no_number else f"attempt {case.callback_attempts}/{limit}", case.unit_id, when)
        else:
            _event(s, case, actor, "callback_attempt", "replied", f"attempt {case.callback_attempts}/{limit}",
                   case.unit_id, when)
    return _change(sf, actor, case_id, expected_version, "callback", change, check_unit=False)


# ---------------------------------------------------------------- deadlines

def is_overdue(case: Case, at: datetime | None = None) -> bool:
    """Past the reply deadline while open, or replied after it."""
    if case.reply_deadline is None or case.status == "merged":
        return False
    if case.replied_at is not None:
        return case.replied_at > case.reply_deadline
    if case.status in OPEN_STATES:
        return (at or clock.now()) > case.reply_deadline
    return False


def overdue_case_ids(sf, at: datetime | None = None, limit: int | None = None) -> list[int]:
    """Open cases past their reply deadline, most overdue first."""
    with sf() as s:
        q = (select(Case.id).where(Case.status.in_(OPEN_STATES), Case.reply_deadline < (at or clock.now()))
             .order_by(Case.reply_deadline))
        if limit:
            q = q.limit(limit)
        return list(s.scalars(q))


def count_by_status(sf) -> dict[str, int]:
    with sf() as s:
        return dict(s.execute(select(Case.status, func.count()).group_by(Case.status)).all())


# ---------------------------------------------------------------- the cases tab's actions, by code

OPERATIONS: dict[Action, Callable] = {
    Action.DISPATCH: dispatch, Action.SIGN: sign, Action.CONTACT: record_contact, Action.REPLY: reply,
    Action.REQUEST_RETURN: request_return, Action.APPROVE_RETURN: approve_return, Action.REJECT_RETURN: reject_return,
    Action.REQUEST_EXTENSION: request_extension, Action.APPROVE_EXTENSION: approve_extension,
    Action.REJECT_EXTENSION: reject_extension, Action.MERGE: merge, Action.REOPEN: reopen, Action.CLOSE: close,
}
assert set(OPERATIONS) == set(case_states.CASES_TAB_ACTIONS)


def perform(sf, actor: Actor, action: str, case_id: int, expected_version: int | None, *, unit_id: int | None = None,
            into_case_id: int | None = None, until: datetime | None = None, text: str = "",
            no_contact_reason: str = "") -> CaseRef:
    """One of the cases tab's actions by its code, given what its Needs (case_states.RULES) asked for."""
    act = Action(action)
    needs = case_states.RULES[act].needs
    args: list = [case_id]
    args += [unit_id] if needs.unit else []
    args += [into_case_id] if needs.case else []
    args += [until] if needs.date else []
    args += [text] if needs.text else []
    extra = {"no_contact_reason": no_contact_reason} if act is Action.REPLY else {}
    return OPERATIONS[act](sf, actor, *args, expected_version=expected_version, **extra)
