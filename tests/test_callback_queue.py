"""The callback desk's services: the queue, a case's callback view, saving answers, the clerk's tally (both backends)."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.models import Callback, Case, CaseEvent, Setting, StatMonthlyUnit, Unit
from app.services import callback_queue as cq
from app.services import clock, lifecycle
from app.services.actors import Actor
from app.services.errors import EditConflict, TransitionRefused
from app.services.lifecycle import CallbackAnswers
from tests.callback_cases import make_desk, replied_case


@pytest.fixture
def desk(sf):
    return make_desk(sf)


def month_row(sf, unit_id) -> StatMonthlyUnit | None:
    with sf() as s:
        return s.get(StatMonthlyUnit, (clock.today().replace(day=1), unit_id))


def test_clerk_sees_oldest_reply_first_with_counts_and_overdue_marks(sf, desk):
    first = replied_case(sf, desk)
    second = replied_case(sf, desk, street_id=desk.other_street_id)
    page = cq.load_queue(sf)
    assert [r.case_no for r in page.rows] == [first.case_no, second.case_no]
    assert (page.waiting, page.overdue) == (2, 0)
    assert not any(r.overdue for r in page.rows)

    later = cq.load_queue(sf, at=clock.now() + timedelta(hours=73))  # past the 72-hour callback window
    assert (later.waiting, later.overdue) == (2, 2)
    assert all(r.overdue for r in later.rows)


def test_clerk_filters_queue_by_street_unit_and_category(sf, desk):
    a = replied_case(sf, desk)
    b = replied_case(sf, desk, street_id=desk.other_street_id, category_id=desk.other_category_id)
    by_street = cq.load_queue(sf, cq.QueueFilter(street_id=desk.other_street_id))
    assert [r.case_id for r in by_street.rows] == [b.id] and by_street.waiting == 1
    assert [r.case_id for r in cq.load_queue(sf, cq.QueueFilter(unit_id=desk.street_id)).rows] == [a.id]
    with sf() as s:
        district = s.scalar(select(Unit.id).where(Unit.kind == "district"))
        parent_cat = s.scalar(select(lifecycle.Category.parent_id).where(lifecycle.Category.id == desk.other_category_id))
    assert {r.case_id for r in cq.load_queue(sf, cq.QueueFilter(unit_id=district)).rows} == {a.id, b.id}
    assert [r.case_id for r in cq.load_queue(sf, cq.QueueFilter(category_id=parent_cat)).rows] == [b.id]
    nothing = cq.load_queue(sf, cq.QueueFilter(street_id=desk.street_id, category_id=desk.other_category_id))
    assert nothing.rows == [] and nothing.waiting == 0


def test_callback_view_shows_request_reply_replier_phone_and_earlier_rounds(sf, desk):
    ref = replied_case(sf, desk, phone="010-63812345")
    cq.save(sf, desk.clerk, ref.id, ref.version, None)  # not reached once
    view = cq.load_view(sf, desk.clerk, ref.id)
    assert cq.save(sf, desk.clerk, ref.id, view.version, CallbackAnswers(True, "no", "unsatisfied", "还在打桩"),
                   reopen_note="市民说:还在打桩").reopened
    handler = Actor(None, "handler", ref.unit_id, "ws")
    lifecycle.sign(sf, handler, ref.id)
    lifecycle.record_contact(sf, handler, ref.id)
    lifecycle.reply(sf, handler, ref.id, "已责令施工方停工整改")

    view = cq.load_view(sf, desk.clerk, ref.id)
    assert view.caller_phone == "010-****2345"  # masked: the full number is a recorded reveal
    assert view.description.startswith("夜间施工噪音")
    assert view.reply_text == "已责令施工方停工整改" and view.replied_by is None  # replied without a staff id
    assert (view.round, view.attempts_this_round, view.max_attempts) == (1, 0, 3)
    assert [(a.round, a.attempt, a.reached, a.clerk) for a in view.attempts] == [
        (0, 1, False, "回访员李娜"), (0, 2, True, "回访员李娜")]
    assert view.attempts[1].remark == "还在打桩" and view.can_reopen
    assert cq.load_view(sf, desk.clerk, 999_999) is None


def test_replier_is_shown_by_display_name(sf, desk):
    ref = replied_case(sf, desk)
    assert cq.load_view(sf, desk.clerk, ref.id).replied_by == desk.handler_name


def test_not_reached_goes_to_the_end_then_closes_unreachable_without_counting(sf, desk):
    a = replied_case(sf, desk)
    b = replied_case(sf, desk)
    out = cq.save(sf, desk.clerk, a.id, a.version, None)
    assert (out.reached, out.closed_as, out.attempts) == (False, None, 1)
    page = cq.load_queue(sf)
    assert [r.case_id for r in page.rows] == [b.id, a.id]
    assert page.rows[1].later and page.rows[1].attempts == 1
    assert not cq.load_queue(sf, at=clock.now() + timedelta(minutes=31)).rows[0].later  # retry time passed

    version = out.ref.version
    out = cq.save(sf, desk.clerk, a.id, version, None)
    out = cq.save(sf, desk.clerk, a.id, out.ref.version, None)
    assert (out.closed_as, out.attempts) == ("unreachable", 3)
    with sf() as s:
        case = s.get(Case, a.id)
        assert (case.status, case.close_reason) == ("closed", "unreachable")
        assert s.scalars(select(Callback.reached).where(Callback.case_id == a.id)).all() == [False] * 3
        assert s.scalars(select(CaseEvent.action).where(CaseEvent.case_id == a.id, CaseEvent.action.like("callback%"))
                         ).all() == ["callback_attempt", "callback_attempt", "callback_unreachable"]
    stat = month_row(sf, a.unit_id)
    assert (stat.callbacks, stat.reached, stat.contacted, stat.resolved, stat.satisfied) == (3, 0, 0, 0, 0)
    assert [r.case_id for r in cq.load_queue(sf).rows] == [b.id]


def test_max_attempts_follow_the_setting(sf, desk):
    with sf.begin() as s:
        s.add(Setting(key="callback.max_attempts", effective_from=clock.today() - timedelta(days=1), value="1"))
    ref = replied_case(sf, desk)
    assert cq.load_view(sf, desk.clerk, ref.id).max_attempts == 1
    assert cq.save(sf, desk.clerk, ref.id, ref.version, None).closed_as == "unreachable"


@pytest.mark.parametrize("contacted", [True, False])
@pytest.mark.parametrize("resolved", ["yes", "partly", "no"])
@pytest.mark.parametrize("satisfaction", ["satisfied", "basic", "unsatisfied"])
def test_reached_answers_are_stored_and_counted(sf, desk, contacted, resolved, satisfaction):
    ref = replied_case(sf, desk)
    out = cq.save(sf, desk.clerk, ref.id, ref.version, CallbackAnswers(contacted, resolved, satisfaction, "市民原话"))
    assert (out.reached, out.closed_as, out.reopened) == (True, "callback", False)
    with sf() as s:
        cb = s.scalars(select(Callback).where(Callback.case_id == ref.id)).one()
        assert (cb.reached, cb.contacted, cb.resolved, cb.satisfaction, cb.remark, cb.clerk_id) == (
            True, contacted, resolved, satisfaction, "市民原话", desk.clerk.staff_id)
    stat = month_row(sf, ref.unit_id)
    assert (stat.callbacks, stat.reached, stat.contacted) == (1, 1, int(contacted))
    assert (stat.resolved, stat.partly) == (int(resolved == "yes"), int(resolved == "partly"))
    assert (stat.satisfied, stat.basic, stat.unsatisfied) == tuple(
        int(satisfaction == v) for v in ("satisfied", "basic", "unsatisfied"))
    assert cq.tally(sf, desk.clerk).satisfaction == {satisfaction: 1}


def test_unsatisfied_answer_reopens_case_to_its_unit_with_the_citizens_words(sf, desk):
    ref = replied_case(sf, desk)
    out = cq.save(sf, desk.clerk, ref.id, ref.version, CallbackAnswers(True, "partly", "unsatisfied", "噪音只小了一点"),
                  reopen_note="噪音只小了一点")
    assert out.reopened and out.closed_as is None
    with sf() as s:
        case = s.get(Case, ref.id)
        assert (case.status, case.unit_id, case.reopen_count, case.reply_text) == ("dispatched", ref.unit_id, 1, None)
        last, reset = s.scalars(select(CaseEvent).where(CaseEvent.case_id == ref.id).order_by(CaseEvent.id.desc())
                                .limit(2)).all()[::-1]
        assert (last.action, last.note, last.actor_id) == ("reopen", "噪音只小了一点", desk.clerk.staff_id)
        assert reset.action == "deadlines_reset"  # then new deadlines from the reopening
    stat = month_row(sf, ref.unit_id)
    assert (stat.reached, stat.partly, stat.unsatisfied) == (1, 1, 1)  # the callback still counts
    assert cq.load_queue(sf).rows == []


def test_case_answered_at_intake_cannot_be_reopened_but_callback_is_kept(sf, desk):
    form = lifecycle.IntakeForm(caller_phone="13900001111", description="咨询办理居住证需要哪些材料",
                                category_id=desk.category_id, request_type="consultation")
    ref = lifecycle.answer_at_intake(sf, desk.receptionist, form, "携带身份证和租房合同到社区服务站办理")
    assert not cq.load_view(sf, desk.clerk, ref.id).can_reopen
    out = cq.save(sf, desk.clerk, ref.id, ref.version, CallbackAnswers(False, "no", "unsatisfied"), reopen_note="不满意")
    assert isinstance(out.reopen_refused, TransitionRefused) and not out.reopened and out.closed_as == "callback"
    with sf() as s:
        assert s.get(Case, ref.id).close_reason == "callback"
        assert s.scalar(select(Callback.satisfaction).where(Callback.case_id == ref.id)) == "unsatisfied"


def test_second_clerk_saving_the_same_case_is_told_it_was_just_done(sf, desk):
    ref = replied_case(sf, desk)
    seen_by_both = cq.load_view(sf, desk.clerk, ref.id)
    cq.save(sf, desk.clerk, ref.id, seen_by_both.version, CallbackAnswers(True, "yes", "satisfied"))
    with pytest.raises(EditConflict) as err:
        cq.save(sf, desk.other_clerk, ref.id, seen_by_both.version, CallbackAnswers(False, "no", "unsatisfied"))
    assert err.value.fresh.status == "closed"
    with sf() as s:
        assert s.scalars(select(Callback.clerk_id).where(Callback.case_id == ref.id)).all() == [desk.clerk.staff_id]
    assert cq.current_version(sf, ref.id) == ("closed", err.value.fresh.version)
    assert month_row(sf, ref.unit_id).reached == 1


def test_clerk_tally_counts_only_own_callbacks_of_the_day(sf, desk):
    refs = [replied_case(sf, desk) for _ in range(4)]
    cq.save(sf, desk.clerk, refs[0].id, refs[0].version, CallbackAnswers(True, "yes", "satisfied"))
    cq.save(sf, desk.clerk, refs[1].id, refs[1].version, CallbackAnswers(False, "partly", "basic"))
    cq.save(sf, desk.clerk, refs[2].id, refs[2].version, None)
    cq.save(sf, desk.other_clerk, refs[3].id, refs[3].version, CallbackAnswers(True, "no", "unsatisfied"))
    mine = cq.tally(sf, desk.clerk)
    assert (mine.done, mine.reached, mine.reached_share) == (3, 2, pytest.approx(2 / 3))
    assert mine.contacted == {"yes": 1, "no": 1}
    assert mine.resolved == {"yes": 1, "partly": 1}
    assert mine.satisfaction == {"satisfied": 1, "basic": 1}
    assert cq.tally(sf, desk.clerk, clock.today() - timedelta(days=1)).done == 0
    theirs = cq.tally(sf, desk.other_clerk)
    assert (theirs.done, theirs.resolved) == (1, {"no": 1})


def test_tally_without_staff_id_counts_this_workstation(sf, desk):
    refs = [replied_case(sf, desk) for _ in range(3)]
    here = Actor(None, "admin", None, "ws-desk-7", "")
    there = Actor(None, "admin", None, "ws-desk-8", "")
    cq.save(sf, here, refs[0].id, refs[0].version, CallbackAnswers(True, "yes", "satisfied"))
    cq.save(sf, here, refs[1].id, refs[1].version, None)
    cq.save(sf, there, refs[2].id, refs[2].version, CallbackAnswers(True, "no", "basic"))
    t = cq.tally(sf, here)
    assert (t.done, t.reached, t.satisfaction) == (2, 1, {"satisfied": 1})
    assert cq.tally(sf, there).resolved == {"no": 1}
    assert cq.tally(sf, desk.clerk).done == 0


def test_tally_counts_cases_closed_as_unreachable(sf, desk):
    with sf.begin() as s:
        s.add(Setting(key="callback.max_attempts", effective_from=clock.today() - timedelta(days=1), value="2"))
    ref = replied_case(sf, desk)
    out = cq.save(sf, desk.clerk, ref.id, ref.version, None)
    cq.save(sf, desk.clerk, ref.id, out.ref.version, None)
    t = cq.tally(sf, desk.clerk)
    assert (t.done, t.reached, t.unreachable_closed, t.reached_share) == (2, 0, 1, 0.0)


# ---------------------------------------------------------------- claims

def test_a_case_on_one_clerks_screen_is_held_for_that_workstation(sf, desk):
    a, b = replied_case(sf, desk), replied_case(sf, desk, phone="13600001111")
    first = cq.claim(sf, desk.clerk, a.id)
    assert (first.taken, first.status, first.version) == (True, "replied", a.version)
    assert cq.claim(sf, desk.clerk, a.id).taken  # the same workstation again: still its own
    refused = cq.claim(sf, desk.other_clerk, a.id)
    assert (refused.taken, refused.holder, refused.status) == (False, "回访员李娜", "replied")
    # the other clerk's queue shows who is calling, and puts that case last; the holder's own queue does not
    theirs = cq.load_queue(sf, actor=desk.other_clerk)
    assert [(r.case_id, r.claimed_by) for r in theirs.rows] == [(b.id, None), (a.id, "回访员李娜")]
    assert [r.claimed_by for r in cq.load_queue(sf, actor=desk.clerk).rows] == [None, None]
    # another clerk on the same computer (a terminal server) is another clerk
    same_host = Actor(desk.other_clerk.staff_id, "callback", None, desk.clerk.workstation, "回访员赵敏")
    assert not cq.claim(sf, same_host, a.id).taken
    # moving on to another case lets go of the first
    assert cq.claim(sf, desk.clerk, b.id).taken
    assert cq.claim(sf, desk.other_clerk, a.id).taken
    assert not cq.claim(sf, desk.clerk, a.id).taken


def test_a_claim_runs_out_and_release_frees_the_case_at_once(sf, desk):
    a = replied_case(sf, desk)
    assert cq.claim(sf, desk.clerk, a.id).taken
    almost = clock.now() + timedelta(minutes=cq.CLAIM_MINUTES - 1)
    assert not cq.claim(sf, desk.other_clerk, a.id, at=almost).taken
    later = clock.now() + timedelta(minutes=cq.CLAIM_MINUTES, seconds=1)
    assert [r.claimed_by for r in cq.load_queue(sf, at=later, actor=desk.other_clerk).rows] == [None]
    assert cq.claim(sf, desk.other_clerk, a.id, at=later).taken
    cq.release(sf, desk.other_clerk)
    assert cq.claim(sf, desk.clerk, a.id).taken


def test_a_clerk_still_on_the_case_renews_the_claim_and_only_their_own(sf, desk):
    a = replied_case(sf, desk)
    assert cq.claim(sf, desk.clerk, a.id).taken
    t = clock.now() + timedelta(minutes=cq.CLAIM_MINUTES - 1)
    assert cq.renew(sf, desk.clerk, a.id, at=t) == t + timedelta(minutes=cq.CLAIM_MINUTES)
    later = clock.now() + timedelta(minutes=cq.CLAIM_MINUTES + 5)  # past the first claim, inside the renewed one
    assert not cq.claim(sf, desk.other_clerk, a.id, at=later).taken
    assert [r.claimed_by for r in cq.load_queue(sf, at=later, actor=desk.other_clerk).rows] == ["回访员李娜"]
    assert cq.renew(sf, desk.other_clerk, a.id, at=later) is None  # not theirs to renew
    much_later = t + timedelta(minutes=cq.CLAIM_MINUTES + 1)  # ran out: taken by the colleague
    assert cq.claim(sf, desk.other_clerk, a.id, at=much_later).taken
    assert cq.renew(sf, desk.clerk, a.id, at=much_later) is None
    cq.release(sf, desk.other_clerk)
    assert cq.renew(sf, desk.other_clerk, a.id) is None  # let go: nothing to renew


def test_claiming_a_case_done_or_gone_says_so(sf, desk):
    a = replied_case(sf, desk)
    cq.save(sf, desk.other_clerk, a.id, a.version, CallbackAnswers(True, "yes", "satisfied"))
    done = cq.claim(sf, desk.clerk, a.id)
    assert (done.status, done.version) == ("closed", a.version + 1)
    gone = cq.claim(sf, desk.clerk, 999_999)
    assert (gone.taken, gone.status, gone.version) == (False, None, None)


@pytest.mark.parametrize("role", ["receptionist", "dispatcher", "handler", "supervisor"])
def test_only_those_who_call_back_may_hold_a_case(sf, desk, role):
    from app.models import CallbackClaim
    from app.services.errors import PermissionDenied

    ref = replied_case(sf, desk)
    actor = Actor(None, role, ref.unit_id if role == "handler" else None, f"ws-{role}")
    with pytest.raises(PermissionDenied):
        cq.claim(sf, actor, ref.id)
    with sf() as s:
        assert s.scalars(select(CallbackClaim)).all() == []
    assert cq.claim(sf, desk.clerk, ref.id).taken  # the clerk still gets it


def test_view_masks_the_phone_and_hides_a_confidential_caller_from_the_unit(sf, desk):
    from sqlalchemy import update

    ref = replied_case(sf, desk, phone="13912345678")
    with sf.begin() as s:
        s.execute(update(Case).where(Case.id == ref.id).values(confidential=True))
    clerk = cq.load_view(sf, desk.clerk, ref.id)
    assert (clerk.caller_name, clerk.caller_phone, clerk.confidential) == ("张先生", "139****5678", True)
    unit = cq.load_view(sf, Actor(None, "handler", ref.unit_id, "ws-unit"), ref.id)
    assert (unit.caller_name, unit.caller_phone) == (None, None)
    assert unit.description == clerk.description
    assert cq.load_view(sf, Actor(None, "handler", desk.other_street_id, "ws-other"), ref.id) is None  # not its case
