"""The callback desk: the queue of replied cases to call back, one case's callback view, saving an answer, the clerk's day.

Claims: the case a clerk has on screen is held for that clerk (CallbackClaim, CLAIM_MINUTES; by staff
account, or by workstation for a console without login), so that the other clerks are given other
cases and never ring the same citizen at once; a clerk holds one case at a time. A claim only steers who calls whom: saving still goes through
lifecycle's version check, so if a claim ran out and two clerks saved the same case, the first wins
and the second gets EditConflict. A case not reached recently goes to the end of the queue for a
while (Setting `callback.retry_minutes`), so the clerk does not ring the same number again at once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session, aliased

from app.models import Callback, CallbackClaim, Case, CaseEvent, Category, Staff, Unit
from app.services import changes, clock, lifecycle, privacy, stats
from app.services.actors import Actor
from app.services.case_queries import subtree_ids
from app.services.errors import HotlineError
from app.services.lifecycle import CallbackAnswers, CaseRef, can_send_back
from app.services.permissions import require, visible_cases_clause
from app.services.rules import int_setting

QUEUE_PAGE = 200
CLAIM_MINUTES = 15  # longer than a call; short enough that a case held by a console that died is not lost for long
CALLBACK_ACTIONS = ("callback", "callback_attempt", "callback_unreachable")


@dataclass(frozen=True)
class QueueFilter:
    street_id: int | None = None  # the case's street (address)
    unit_id: int | None = None  # the handling unit or a unit above it
    category_id: int | None = None  # the category or its parent


@dataclass(frozen=True)
class QueueRow:
    case_id: int
    case_no: str
    replied_at: datetime
    callback_due: datetime | None
    unit_id: int | None
    street_id: int | None
    category_id: int | None
    attempts: int  # failed attempts in this round
    last_attempt_at: datetime | None
    overdue: bool  # past callback_due
    later: bool  # not reached a short while ago: waits at the end of the queue
    claimed_by: str | None = None  # a clerk at another workstation is calling: their name (or workstation)
    no_number: bool = False  # the call came without a number (无号码): one 未接通 closes it, uncounted


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    waiting: int  # replied cases matching the filter
    overdue: int  # of which past their callback deadline
    at: datetime


@dataclass(frozen=True)
class Attempt:
    round: int
    attempt: int
    at: datetime
    clerk: str
    reached: bool
    contacted: bool | None
    resolved: str | None
    satisfaction: str | None
    remark: str | None


@dataclass(frozen=True)
class CallbackView:
    """What the clerk needs to make the call."""

    case_id: int
    case_no: str
    version: int
    status: str
    received_at: datetime
    request_type: str
    channel: str
    caller_name: str | None
    caller_phone: str | None
    address: str | None
    street_id: int | None
    community_id: int | None
    category_id: int | None
    description: str
    unit_id: int | None
    reply_text: str | None
    replied_by: str | None  # staff display name
    replied_at: datetime | None
    callback_due: datetime | None
    attempts_this_round: int
    max_attempts: int
    round: int  # reopen_count: 0 for the first callback round
    attempts: list[Attempt] = field(default_factory=list)  # earlier rounds too, oldest first
    can_reopen: bool = False  # an unsolved answer may send the case back to its unit
    confidential: bool = False  # the caller asked to stay unknown to the unit (保密)

    @property
    def waiting(self) -> bool:
        return self.status == "replied"


@dataclass(frozen=True)
class Tally:
    """A clerk's callbacks on one day."""

    day: date
    done: int = 0
    reached: int = 0
    unreachable_closed: int = 0
    contacted: dict[str, int] = field(default_factory=dict)  # yes | no
    resolved: dict[str, int] = field(default_factory=dict)  # yes | partly | no
    satisfaction: dict[str, int] = field(default_factory=dict)  # satisfied | basic | unsatisfied

    @property
    def reached_share(self) -> float | None:
        return self.reached / self.done if self.done else None


@dataclass(frozen=True)
class SaveOutcome:
    case_no: str
    reached: bool
    closed_as: str | None  # callback | unreachable | None (still waiting, or reopened)
    reopened: bool
    attempts: int
    ref: CaseRef
    reopen_refused: HotlineError | None = None


# ---------------------------------------------------------------- queue

def _filtered(s: Session, query, flt: QueueFilter):
    if flt.street_id is not None:
        query = query.where(Case.street_id == flt.street_id)
    if flt.unit_id is not None:
        query = query.where(Case.unit_id.in_(subtree_ids(s, Unit, flt.unit_id)))
    if flt.category_id is not None:
        query = query.where(Case.category_id.in_(subtree_ids(s, Category, flt.category_id)))
    return query


def load_queue(sf, flt: QueueFilter = QueueFilter(), limit: int = QUEUE_PAGE, at: datetime | None = None,
               actor: Actor | None = None) -> QueuePage:
    """The first `limit` replied cases, oldest reply first (ix_cases_status_replied), with the counts.

    Cases held by another clerk than `actor` say by whom and come last.
    """
    now = at or clock.now()
    with sf() as s:
        retry = timedelta(minutes=int_setting(s, "callback.retry_minutes", now.date()))
        cols = (Case.id, Case.case_no, Case.replied_at, Case.callback_due, Case.unit_id, Case.street_id,
                Case.category_id, Case.callback_attempts, Case.reopen_count, Case.caller_phone.is_(None).label("no_number"))
        q = _filtered(s, select(*cols).where(Case.status == "replied"), flt)
        found = s.execute(q.order_by(Case.replied_at, Case.id).limit(limit)).all()
        tried = [r.id for r in found if r.callback_attempts]
        last: dict[int, datetime] = {}
        if tried:
            rounds = {r.id: r.reopen_count for r in found}
            for case_id, rnd, at_ in s.execute(
                select(Callback.case_id, Callback.round, func.max(Callback.at))
                .where(Callback.case_id.in_(tried)).group_by(Callback.case_id, Callback.round)
            ):
                if rounds.get(case_id) == rnd:
                    last[case_id] = at_
        counts = _filtered(s, select(func.count(), func.count(Case.callback_due).filter(Case.callback_due < now))
                           .where(Case.status == "replied"), flt)
        waiting, overdue = s.execute(counts).one()
        held = _holders(s, CallbackClaim.case_id.in_([r.id for r in found]), CallbackClaim.until > now,
                        *([~_held_by(actor)] if actor is not None else [])) if found else {}
    rows = [QueueRow(r.id, r.case_no, r.replied_at, r.callback_due, r.unit_id, r.street_id, r.category_id,
                     r.callback_attempts, last.get(r.id),
                     r.callback_due is not None and r.callback_due < now,
                     r.id in last and last[r.id] > now - retry, held.get(r.id), bool(r.no_number)) for r in found]
    # stable: the recently unreached keep their order, at the end; the cases other clerks are calling after them
    rows.sort(key=lambda r: (r.claimed_by is not None, r.later))
    return QueuePage(rows, waiting or 0, overdue or 0, now)


# ---------------------------------------------------------------- one case

def load_view(sf, actor: Actor, case_id: int) -> CallbackView | None:
    """The case as `actor` may see it, with every earlier callback attempt; None if it does not exist (or
    is not the actor's to see: a unit handler sees its own unit's cases only).

    The phone comes masked (revealing the number is privacy.reveal_phone, recorded); a confidential
    caller's name and phone are left out for the unit (privacy.masked).
    """
    with sf() as s:
        replier = aliased(Staff)
        row = s.execute(
            select(Case, replier.display_name).outerjoin(replier, replier.id == Case.replied_by_id)
            .where(Case.id == case_id, visible_cases_clause(actor))
        ).first()
        if row is None:
            return None
        case, replied_by = row
        clerk = aliased(Staff)
        attempts = [
            Attempt(cb.round, cb.attempt, cb.at, name or "", cb.reached, cb.contacted, cb.resolved, cb.satisfaction,
                    cb.remark)
            for cb, name in s.execute(
                select(Callback, clerk.display_name).outerjoin(clerk, clerk.id == Callback.clerk_id)
                .where(Callback.case_id == case_id).order_by(Callback.round, Callback.attempt)
            )
        ]
        limit = int_setting(s, "callback.max_attempts", clock.today())
        return privacy.masked(actor, CallbackView(
            case.id, case.case_no, case.version, case.status, case.received_at, case.request_type, case.channel,
            case.caller_name, case.caller_phone, case.address, case.street_id, case.community_id, case.category_id,
            case.description, case.unit_id, case.reply_text, replied_by, case.replied_at, case.callback_due,
            case.callback_attempts, limit, case.reopen_count, attempts,
            can_reopen=can_send_back(s, case.unit_id), confidential=bool(case.confidential),
        ))


@dataclass(frozen=True)
class Claim:
    case_id: int
    taken: bool  # held for this workstation now
    holder: str | None  # when not taken: who holds it (name, or workstation)
    status: str | None  # the case now (None: no such case)
    version: int | None


def _held_by(actor: Actor):
    """Claims of this clerk: by staff id (two clerks on one terminal server are two clerks); else by workstation."""
    if actor.staff_id is not None:
        return CallbackClaim.staff_id == actor.staff_id
    return and_(CallbackClaim.staff_id.is_(None), CallbackClaim.workstation == (actor.workstation or ""))


def _holders(s: Session, *where) -> dict[int, str]:
    """Case id -> who holds it: the clerk's name, or the workstation of a console without login."""
    rows = s.execute(select(CallbackClaim.case_id, CallbackClaim.workstation, Staff.display_name)
                     .outerjoin(Staff, Staff.id == CallbackClaim.staff_id).where(*where))
    return {case_id: name or ws for case_id, ws, name in rows}


def claim(sf, actor: Actor, case_id: int, at: datetime | None = None) -> Claim:
    """Hold the case for this clerk for CLAIM_MINUTES, letting go of the case they held before.

    Refused (taken False) while another clerk holds it. Also tells the case's status and
    version now, so that a view loaded earlier can be checked in the same round.
    """
    require(actor, "callback")  # only whoever may record the call holds the case
    now = at or clock.now()
    workstation = actor.workstation or ""
    with sf.begin() as s:
        s.execute(delete(CallbackClaim).where(_held_by(actor), CallbackClaim.case_id != case_id))
        case = s.execute(select(Case.status, Case.version).where(Case.id == case_id)).first()
        if case is None:
            return Claim(case_id, False, None, None, None)
        insert = stats.insert_for(s.get_bind().dialect.name)
        stmt = insert(CallbackClaim).values(case_id=case_id, workstation=workstation, staff_id=actor.staff_id,
                                            until=now + timedelta(minutes=CLAIM_MINUTES))
        stmt = stmt.on_conflict_do_update(
            index_elements=["case_id"],
            set_={"workstation": stmt.excluded.workstation, "staff_id": stmt.excluded.staff_id,
                  "until": stmt.excluded.until},
            where=or_(CallbackClaim.until <= now, _held_by(actor)))
        if s.execute(stmt.returning(CallbackClaim.case_id)).first() is not None:
            changes.announce(s, case_id, case.status)  # the other queues show it as taken
            return Claim(case_id, True, None, case.status, case.version)
        return Claim(case_id, False, _holders(s, CallbackClaim.case_id == case_id)[case_id], case.status,
                     case.version)


def renew(sf, actor: Actor, case_id: int, at: datetime | None = None) -> datetime | None:
    """The clerk is still on the case: their claim on it runs CLAIM_MINUTES from now.

    Returns the new end of the claim, or None when this clerk no longer holds the case (the claim
    ran out and another clerk took it, or it was let go): then `claim` says who holds it.
    """
    until = (at or clock.now()) + timedelta(minutes=CLAIM_MINUTES)
    with sf.begin() as s:
        done = s.execute(update(CallbackClaim).where(CallbackClaim.case_id == case_id, _held_by(actor))
                         .values(until=until))
    return until if done.rowcount else None


def release(sf, actor: Actor) -> None:
    """The clerk holds no case any more (they closed the console)."""
    with sf.begin() as s:
        s.execute(delete(CallbackClaim).where(_held_by(actor)))


def current_version(sf, case_id: int) -> tuple[str, int] | None:
    """(status, version) of a case: a cheap check that a prefetched view is still current."""
    with sf() as s:
        row = s.execute(select(Case.status, Case.version).where(Case.id == case_id)).first()
        return (row.status, row.version) if row else None


def save(sf, actor: Actor, case_id: int, version: int, answers: CallbackAnswers | None,
         reopen_note: str | None = None) -> SaveOutcome:
    """Record one callback (answers None: not reached); with `reopen_note`, send the case back to its unit.

    Raises EditConflict when another clerk saved the case first. The callback and the reopen are two
    lifecycle steps: if the reopen is refused, the callback stays recorded and `reopen_refused` says why.
    """
    ref = lifecycle.record_callback(sf, actor, case_id, answers, expected_version=version)
    reopened, refused = False, None
    if answers is not None and reopen_note is not None and ref.status == "closed":
        try:
            ref = lifecycle.reopen(sf, actor, case_id, reopen_note, expected_version=ref.version)
            reopened = True
        except HotlineError as exc:  # the callback is recorded; the clerk is told why the reopen was not
            refused = exc
    with sf() as s:
        case = s.get(Case, case_id)
        closed_as = case.close_reason if case.status == "closed" else None
        attempts = case.callback_attempts
    return SaveOutcome(ref.case_no, answers is not None, closed_as, reopened, attempts, ref, refused)


# ---------------------------------------------------------------- the clerk's day

def _mine(actor: Actor):
    """Callbacks made by this clerk: by staff id; without one (a console not logged in), by workstation.

    Callback rows carry no workstation, so for an actor without staff id the rows are matched with
    the callback events of that workstation (same case, same time).
    """
    if actor.staff_id is not None:
        return Callback.clerk_id == actor.staff_id
    mine = select(CaseEvent.id).where(
        CaseEvent.case_id == Callback.case_id, CaseEvent.at == Callback.at, CaseEvent.action.in_(CALLBACK_ACTIONS),
        CaseEvent.actor_id.is_(None), CaseEvent.workstation == actor.workstation,
    )
    return and_(Callback.clerk_id.is_(None), mine.exists())


def tally(sf, actor: Actor, day: date | None = None) -> Tally:
    day = day or clock.today()
    start = datetime.combine(day, datetime.min.time())
    with sf() as s:
        # the day's callbacks first (ix_callbacks_at, a few hundred rows), then their cases by id:
        # joined in one query, a planner may start from every closed case instead
        rows = s.execute(
            select(Callback.case_id, Callback.round, Callback.attempt, Callback.reached, Callback.contacted,
                   Callback.resolved, Callback.satisfaction)
            .where(Callback.at >= start, Callback.at < start + timedelta(days=1), _mine(actor))
        ).all()
        unreached = {(r.case_id, r.round, r.attempt) for r in rows if not r.reached}
        closed = 0
        if unreached:
            ids = sorted({case_id for case_id, _, _ in unreached})
            for i in range(0, len(ids), 500):
                closed += sum(
                    1 for c in s.execute(
                        select(Case.id, Case.reopen_count, Case.callback_attempts)
                        .where(Case.id.in_(ids[i:i + 500]), Case.status == "closed", Case.close_reason == "unreachable")
                    ) if (c.id, c.reopen_count, c.callback_attempts) in unreached
                )
    contacted: dict[str, int] = {}
    resolved: dict[str, int] = {}
    satisfaction: dict[str, int] = {}
    reached = 0
    for r in rows:
        if not r.reached:
            continue
        reached += 1
        key = "yes" if r.contacted else "no"
        contacted[key] = contacted.get(key, 0) + 1
        if r.resolved:
            resolved[r.resolved] = resolved.get(r.resolved, 0) + 1
        if r.satisfaction:
            satisfaction[r.satisfaction] = satisfaction.get(r.satisfaction, 0) + 1
    return Tally(day, len(rows), reached, closed, contacted, resolved, satisfaction)
