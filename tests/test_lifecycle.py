"""A case through every state of DESIGN section 2, and every refused transition, on SQLite and PostgreSQL."""
from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.models import Callback, Case, CaseEvent
from app.services import lifecycle as L
from app.services.errors import EditConflict, NotFound, PermissionDenied, TransitionRefused, ValidationFailed
from tests.conftest import make_actor
from tests.factories import case_in_state, directory, form

STATES = ("new", "dispatched", "accepted", "returned", "replied", "closed", "merged")


def timeline(sf, case_id):
    with sf() as s:
        return [(e.action, e.from_status, e.to_status) for e in
                s.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id))]


def case_row(sf, case_id) -> Case:
    with sf() as s:
        return s.get(Case, case_id)


def test_a_dispatched_intake_is_written_by_one_insert_without_reading_every_place(sf, system):
    """Saving a call is on the receptionist's critical path: the case is inserted already dispatched (the reads
    that choose its unit once flushed it as new and then updated it), and the routing reads only its own rows,
    not the set of every street and community first (two round trips of ten on PostgreSQL)."""
    from sqlalchemy import event

    d = directory(sf)
    centre = d.hotline_centre().code
    category = next(c for c in d.leaf_categories() if c.default_handler not in (None, "street", centre))
    engine = sf.kw["bind"]
    statements: list[str] = []

    def spy(conn, cursor, statement, *args):
        statements.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", spy)
    try:
        ref = L.create_case(sf, system, form(sf, category=category.name))
    finally:
        event.remove(engine, "before_cursor_execute", spy)
    assert ref.status == "dispatched" and ref.unit_id == d.unit_by_code(category.default_handler).id
    assert len([st for st in statements if st.startswith("INSERT INTO cases ")]) == 1
    # the only change after the insert is the number, the transaction's last write (UPDATE … SET case_no)
    changes = [st for st in statements if re.search(r"\bUPDATE cases SET\b", st)]
    assert len(changes) == 1 and "UPDATE cases SET case_no" in changes[0] and changes[0] == statements[-1], changes
    assert not [st for st in statements if st.startswith("SELECT units.id FROM units WHERE units.kind IN")], statements
    assert timeline(sf, ref.id) == [("create", None, "new"), ("dispatch", "new", "dispatched")]


def test_receptionist_takes_a_call_and_it_is_dispatched_to_the_street(sf, system):
    d = directory(sf)
    ref = L.create_case(sf, system, form(sf, received_at=datetime(2022, 8, 1, 9, 30)))
    assert ref.case_no == "2022080100001"
    assert ref.status == "dispatched"
    assert ref.unit_id == d.unit_by_name("太平桥街道").id  # 无障碍设施: default handler is the street
    case = case_row(sf, ref.id)
    assert case.caller_phone == "13812345678"
    assert case.contact_deadline == datetime(2022, 8, 2, 9, 30)  # general tier: 24 h
    assert case.reply_deadline == datetime(2022, 8, 8, 9, 30)  # 7 days
    assert timeline(sf, ref.id) == [("create", None, "new"), ("dispatch", "new", "dispatched")]


def test_case_numbers_count_per_day(sf, system):
    nos = [L.create_case(sf, system, form(sf, received_at=datetime(2022, 8, d, 10))).case_no for d in (1, 1, 2)]
    assert nos == ["2022080100001", "2022080100002", "2022080200001"]


def test_full_life_with_every_event_recorded_with_actor_and_time(sf):
    d = directory(sf)
    street = d.unit_by_name("太平桥街道").id
    receptionist = make_actor("receptionist")
    dispatcher = make_actor("dispatcher")
    handler = make_actor("handler", unit_id=street)
    clerk = make_actor("callback")
    ref = L.create_case(sf, receptionist, form(sf), dispatch=False)
    ref = L.dispatch(sf, dispatcher, ref.id, street, expected_version=ref.version)
    ref = L.request_return(sf, handler, ref.id, "地址不在本街道")
    ref = L.approve_return(sf, dispatcher, ref.id)
    assert ref.status == "returned" and ref.unit_id is None
    ref = L.dispatch(sf, dispatcher, ref.id, street, "核实后仍属本街道")
    ref = L.sign(sf, handler, ref.id)
    ref = L.record_contact(sf, handler, ref.id, "已电话联系")
    ref = L.request_extension(sf, handler, ref.id, datetime(2099, 1, 1), "需要采购材料")
    ref = L.approve_extension(sf, dispatcher, ref.id)
    assert case_row(sf, ref.id).reply_deadline == datetime(2099, 1, 1)
    ref = L.reply(sf, handler, ref.id, "坡道已修复")
    ref = L.record_callback(sf, clerk, ref.id, None)
    ref = L.record_callback(sf, clerk, ref.id, L.CallbackAnswers(False, "partly", "unsatisfied", "只修了一半"))
    assert ref.status == "closed"
    ref = L.reopen(sf, clerk, ref.id, "市民反映只修了一半")
    assert ref.status == "dispatched" and ref.unit_id == street
    ref = L.sign(sf, handler, ref.id)
    ref = L.record_contact(sf, handler, ref.id, "再次上门")
    ref = L.reply(sf, handler, ref.id, "已全部修复")
    ref = L.record_callback(sf, clerk, ref.id, L.CallbackAnswers(True, "yes", "satisfied"))
    assert ref.status == "closed"
    assert timeline(sf, ref.id) == [
        ("create", None, "new"), ("dispatch", "new", "dispatched"),
        ("return_requested", "dispatched", "dispatched"), ("return_approved", "dispatched", "returned"),
        ("redispatch", "returned", "dispatched"), ("sign", "dispatched", "accepted"), ("contact", "accepted", "accepted"),
        ("extension_requested", "accepted", "accepted"), ("extension_approved", "accepted", "accepted"),
        ("reply", "accepted", "replied"), ("callback_attempt", "replied", "replied"), ("callback", "replied", "closed"),
        ("reopen", "closed", "dispatched"), ("deadlines_reset", "dispatched", "dispatched"),
        ("sign", "dispatched", "accepted"), ("contact", "accepted", "accepted"), ("reply", "accepted", "replied"),
        ("callback", "replied", "closed"),
    ]
    with sf() as s:
        events = list(s.scalars(select(CaseEvent).where(CaseEvent.case_id == ref.id)))
        assert all(e.at is not None and e.workstation == "test-ws" for e in events)
        assert {e.actor_id for e in events} == {None}  # these test actors have no staff row
        rounds = [(c.round, c.attempt, c.reached) for c in s.scalars(select(Callback).order_by(Callback.id))]
        assert rounds == [(0, 1, False), (0, 2, True), (1, 1, True)]


def test_consultation_answered_at_intake(sf, system):
    d = directory(sf)
    f = form(sf, category="政策咨询", street=None, community=None, request_type="consultation")
    ref = L.answer_at_intake(sf, system, f, "新政策自2022年9月1日起施行")
    assert ref.status == "replied"
    assert ref.unit_id == d.hotline_centre().id
    assert timeline(sf, ref.id) == [("create", None, "new"), ("answer", "new", "replied")]


def test_answer_at_intake_needs_the_answer(sf, system):
    with pytest.raises(ValidationFailed) as err:
        L.answer_at_intake(sf, system, form(sf, request_type="consultation"), "  ")
    assert [p.field for p in err.value.problems] == ["answer"]


@pytest.mark.parametrize("request_type", ["help", "complaint", "report", "suggestion", "praise"])
def test_only_a_consultation_is_answered_at_intake(sf, system, request_type):
    """Issue 12 item 14: every other request type goes to a unit; nothing is written."""
    from app.messages import error_text

    with pytest.raises(ValidationFailed) as err:
        L.answer_at_intake(sf, system, form(sf, category="政策咨询", request_type=request_type), "已解答")
    assert [(p.field, p.code) for p in err.value.problems] == [("request_type", "not_answerable")]
    assert "只有“咨询”类诉求可以直接答复" in error_text(err.value)
    with sf() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 0


def test_merge_a_repeat_into_its_original(sf, system):
    original = case_in_state(sf, system, "accepted")
    repeat = L.create_case(sf, system, form(sf))
    ref = L.merge(sf, system, repeat.id, original.id)
    assert ref.status == "merged"
    assert case_row(sf, repeat.id).merged_into_id == original.id
    assert case_row(sf, original.id).repeat_count == 1
    assert timeline(sf, original.id)[-1] == ("repeat_merged", "accepted", "accepted")


def test_link_repeat_call_to_open_case(sf, system):
    original = case_in_state(sf, system, "dispatched")
    ref = L.link_repeat_call(sf, system, original.id, "市民再次来电催办")
    assert case_row(sf, ref.id).repeat_count == 1
    assert timeline(sf, ref.id)[-1] == ("repeat_call", "dispatched", "dispatched")


def test_unreachable_after_three_attempts(sf, system):
    ref = case_in_state(sf, system, "replied")
    for _ in range(3):
        ref = L.record_callback(sf, system, ref.id, None)
    assert ref.status == "closed"
    assert case_row(sf, ref.id).close_reason == "unreachable"
    with pytest.raises(TransitionRefused):
        L.reopen(sf, system, ref.id, "再次处理")


def test_reject_return_and_extension_keep_the_unit(sf, system):
    ref = case_in_state(sf, system, "accepted")
    L.request_return(sf, system, ref.id, "不归我们管")
    ref = L.reject_return(sf, system, ref.id, "属于本单位职责")
    assert ref.status == "accepted" and ref.unit_id is not None
    L.request_extension(sf, system, ref.id, datetime(2099, 1, 1), "等待配件")
    before = case_row(sf, ref.id).reply_deadline
    L.reject_extension(sf, system, ref.id, "时限内可以完成")
    assert case_row(sf, ref.id).reply_deadline == before
    assert case_row(sf, ref.id).pending_request is None


def test_close_an_invalid_call_and_a_replied_case_by_hand(sf, system):
    assert L.close(sf, system, case_in_state(sf, system, "new").id, "无效来电").status == "closed"
    assert L.close(sf, system, case_in_state(sf, system, "replied").id, "市民要求不回访").status == "closed"
    with pytest.raises(ValidationFailed):
        L.close(sf, system, case_in_state(sf, system, "new").id, "")


# every operation, in every state that does not allow it, is refused with a typed error
OPERATIONS = {
    "dispatch": (("new", "returned"), lambda sf, a, c, d: L.dispatch(sf, a, c, d.unit_by_name("太平桥街道").id)),
    "sign": (("dispatched",), lambda sf, a, c, d: L.sign(sf, a, c)),
    "contact": (("accepted",), lambda sf, a, c, d: L.record_contact(sf, a, c)),
    "reply": (("accepted",), lambda sf, a, c, d: L.reply(sf, a, c, "答复")),
    "request_return": (("dispatched", "accepted"), lambda sf, a, c, d: L.request_return(sf, a, c, "理由")),
    "request_extension": (("dispatched", "accepted"),
                          lambda sf, a, c, d: L.request_extension(sf, a, c, datetime(2099, 1, 1), "理由")),
    "approve_return": ((), lambda sf, a, c, d: L.approve_return(sf, a, c)),
    "approve_extension": ((), lambda sf, a, c, d: L.approve_extension(sf, a, c)),
    "callback": (("replied",), lambda sf, a, c, d: L.record_callback(sf, a, c, None)),
    "reopen": (("closed",), lambda sf, a, c, d: L.reopen(sf, a, c, "重办")),
    "close": (("new", "replied"), lambda sf, a, c, d: L.close(sf, a, c, "说明")),
    "merge": (("new", "dispatched", "accepted", "returned"), None),
    "link_repeat": (("new", "dispatched", "accepted", "returned", "replied"),
                    lambda sf, a, c, d: L.link_repeat_call(sf, a, c, "再次来电")),
}
REFUSALS = [(op, state) for op, (allowed, _fn) in OPERATIONS.items() for state in STATES if state not in allowed]


@pytest.mark.parametrize(("operation", "state"), REFUSALS)
def test_refused_transition(sqlite_sf, system, operation, state):
    sf = sqlite_sf
    ref = case_in_state(sf, system, state)
    before = (case_row(sf, ref.id).version, len(timeline(sf, ref.id)))
    fn = OPERATIONS[operation][1]
    with pytest.raises(TransitionRefused):
        if operation == "merge":
            target = case_in_state(sf, system, "dispatched")
            L.merge(sf, system, ref.id, target.id)
        else:
            fn(sf, system, ref.id, directory(sf))
    assert (case_row(sf, ref.id).version, len(timeline(sf, ref.id))) == before  # nothing written


def test_refusals_are_also_refused_on_postgresql(sf, system):
    ref = case_in_state(sf, system, "closed")
    with pytest.raises(TransitionRefused):
        L.reply(sf, system, ref.id, "答复")


def test_reply_refused_while_a_return_is_pending(sf, system):
    ref = case_in_state(sf, system, "accepted")
    L.request_return(sf, system, ref.id, "不归我们管")
    with pytest.raises(TransitionRefused):
        L.reply(sf, system, ref.id, "答复")
    with pytest.raises(TransitionRefused):
        L.request_extension(sf, system, ref.id, datetime(2099, 1, 1), "理由")


def test_extension_must_be_later_than_the_deadline(sf, system):
    ref = case_in_state(sf, system, "accepted")
    deadline = case_row(sf, ref.id).reply_deadline
    with pytest.raises(ValidationFailed) as err:
        L.request_extension(sf, system, ref.id, deadline - timedelta(hours=1), "理由")
    assert err.value.problems[0].code == "not_later"


def test_merge_into_itself_or_a_merged_case_is_refused(sf, system):
    a = case_in_state(sf, system, "dispatched")
    with pytest.raises(TransitionRefused):
        L.merge(sf, system, a.id, a.id)
    merged = case_in_state(sf, system, "merged")
    with pytest.raises(TransitionRefused):
        L.merge(sf, system, a.id, merged.id)


def test_unknown_case_is_not_found(sf, system):
    with pytest.raises(NotFound):
        L.sign(sf, system, 999999)


def test_intake_validation_reports_every_field(sf, system):
    bad = form(sf, phone="12345", category=None, street=None, community=None, description=" ",
               channel="fax", caller_name="名" * 65)
    with pytest.raises(ValidationFailed) as err:
        L.create_case(sf, system, bad)
    codes = {(p.field, p.code) for p in err.value.problems}
    assert codes == {("caller_phone", "bad_phone"), ("category", "required"), ("street", "required"),
                     ("description", "required"), ("channel", "not_allowed"), ("caller_name", "too_long")}
    with sf() as s:
        assert s.scalar(select(Case.id)) is None


def test_community_must_belong_to_the_street(sf, system):
    with pytest.raises(ValidationFailed) as err:
        L.create_case(sf, system, form(sf, street="太平桥街道", community="双晨社区"))
    assert err.value.problems[0].code == "not_in_street"


@pytest.mark.parametrize(("raw", "stored"), [
    ("13812345678", "13812345678"), ("+86 138 1234 5678", "13812345678"), ("010-63812345", "010-63812345"),
    ("01063812345", "010-63812345"), ("010-63812345-123", "010-63812345-123"), ("010-63812345转8", "010-63812345-8"),
    ("0755-2345678", "0755-2345678"),
])
def test_phone_formats_accepted(raw, stored):
    from app.services.validation import normalize_phone

    assert normalize_phone(raw) == stored


@pytest.mark.parametrize("raw", ["12812345678", "1381234567", "63812345", "010-123", "abc", ""])
def test_phone_formats_refused(raw):
    from app.services.validation import normalize_phone

    assert normalize_phone(raw) is None


def test_dispatch_to_a_district_level_unit_is_refused(sf, system):
    d = directory(sf)
    ref = case_in_state(sf, system, "new")
    with pytest.raises(ValidationFailed):
        L.dispatch(sf, system, ref.id, d.unit_by_code("110106").id)


def test_deadlines_across_month_and_year_ends(sf, system):
    f = form(sf, category="施工扰民", received_at=datetime(2022, 1, 31, 18, 0))
    case = case_row(sf, L.create_case(sf, system, f).id)
    assert case.reply_deadline == datetime(2022, 2, 7, 18, 0)  # 7 days over the end of January
    f = form(sf, category="不动产登记与房产证", received_at=datetime(2021, 12, 20, 9, 0))
    case = case_row(sf, L.create_case(sf, system, f).id)
    assert case.deadline_tier == "complex"
    assert case.reply_deadline == datetime(2022, 1, 4, 9, 0)  # 15 days over the year end
    f = form(sf, category="供暖", received_at=datetime(2022, 2, 28, 23, 0))
    case = case_row(sf, L.create_case(sf, system, f).id)
    assert (case.contact_deadline, case.reply_deadline) == (datetime(2022, 3, 1, 1, 0), datetime(2022, 3, 1, 23, 0))
    f = form(sf, urgency="urgent", received_at=datetime(2024, 2, 28, 12, 0))  # leap year
    case = case_row(sf, L.create_case(sf, system, f).id)
    assert case.reply_deadline == datetime(2024, 2, 29, 12, 0)


def test_deadlines_use_the_rules_in_force_on_the_received_day(sf, system):
    from datetime import date

    from app.models import DeadlineRule

    with sf.begin() as s:
        s.add(DeadlineRule(tier="general", effective_from=date(2022, 6, 1), contact_hours=12, reply_hours=5 * 24))
    before = case_row(sf, L.create_case(sf, system, form(sf, received_at=datetime(2022, 5, 31, 10))).id)
    after = case_row(sf, L.create_case(sf, system, form(sf, received_at=datetime(2022, 6, 1, 10))).id)
    assert before.reply_deadline - before.received_at == timedelta(days=7)
    assert after.reply_deadline - after.received_at == timedelta(days=5)


def test_overdue_detection(sf, system):
    old = L.create_case(sf, system, form(sf, received_at=datetime(2020, 1, 1, 9)))
    fresh = L.create_case(sf, system, form(sf))
    assert L.overdue_case_ids(sf) == [old.id]
    assert L.is_overdue(case_row(sf, old.id)) and not L.is_overdue(case_row(sf, fresh.id))
    ref = L.sign(sf, system, old.id)
    L.record_contact(sf, system, ref.id)
    L.reply(sf, system, ref.id, "迟到的答复")
    assert L.is_overdue(case_row(sf, old.id))  # replied after the deadline stays overdue
    assert L.overdue_case_ids(sf) == []


def test_two_workstations_editing_the_same_case(sf, system):
    ref = case_in_state(sf, system, "accepted")
    L.reply(sf, system, ref.id, "第一个工位的答复", expected_version=ref.version, no_contact_reason="号码停机")
    with pytest.raises(EditConflict) as err:
        L.request_return(sf, system, ref.id, "第二个工位", expected_version=ref.version)
    assert err.value.fresh.status == "replied"
    assert case_row(sf, ref.id).reply_text == "第一个工位的答复"


def test_conflict_between_two_sessions_is_detected_by_the_version_counter(sf, system):
    """Session 1 reads the case; session 2 changes and commits it; session 1's write is refused, not applied."""
    from sqlalchemy.orm.exc import StaleDataError

    ref = case_in_state(sf, system, "accepted")
    with sf() as s1:
        c1 = s1.get(Case, ref.id)
        s1.commit()  # the first workstation has the case on screen, no transaction open
        with sf.begin() as s2:
            s2.get(Case, ref.id).address = "第二个工位改的地址"
        c1.address = "第一个工位改的地址"
        with pytest.raises(StaleDataError):
            s1.flush()
        s1.rollback()
    assert case_row(sf, ref.id).address == "第二个工位改的地址"
    assert case_row(sf, ref.id).version == ref.version + 1


def test_handler_acts_only_on_own_units_cases(sf, system):
    d = directory(sf)
    ref = case_in_state(sf, system, "dispatched")  # dispatched to 太平桥街道
    other = make_actor("handler", unit_id=d.unit_by_name("西罗园街道").id)
    with pytest.raises(PermissionDenied):
        L.sign(sf, other, ref.id)
    own = make_actor("handler", unit_id=d.unit_by_name("太平桥街道").id)
    assert L.sign(sf, own, ref.id).status == "accepted"


@pytest.mark.parametrize("role", ["receptionist", "callback", "supervisor"])
def test_roles_that_may_not_dispatch(sf, system, role):
    ref = case_in_state(sf, system, "new")
    with pytest.raises(PermissionDenied) as err:
        L.dispatch(sf, make_actor(role), ref.id, directory(sf).unit_by_name("太平桥街道").id)
    assert "dispatcher" in err.value.allowed


def test_every_change_is_one_version_step_even_when_the_clock_ticks_during_it(sf, system, monkeypatch):
    """A change that reads settings half-way (a callback attempt) still writes the case once: a second
    workstation holding version N sees N+1, not N+2, whatever second the change started in."""
    from app.services import clock

    ticks = iter(datetime(2022, 8, 1, 9, 0) + timedelta(seconds=n) for n in range(10_000))
    monkeypatch.setattr(clock, "now", lambda: next(ticks))
    ref = case_in_state(sf, system, "replied")
    for attempt in (1, 2, 3):  # the third unanswered call closes the case as unreachable
        before = case_row(sf, ref.id).version
        ref = L.record_callback(sf, system, ref.id, None, expected_version=before)
        assert (ref.version, case_row(sf, ref.id).callback_attempts) == (before + 1, attempt)
    assert (ref.status, case_row(sf, ref.id).close_reason) == ("closed", "unreachable")
    ref = case_in_state(sf, system, "replied")
    for step in (lambda v: L.record_callback(sf, system, ref.id, L.CallbackAnswers(True, "no", "unsatisfied"),
                                             expected_version=v),
                 lambda v: L.reopen(sf, system, ref.id, "市民说仍未解决", expected_version=v)):
        before = case_row(sf, ref.id).version
        assert step(before).version == before + 1


def test_a_reopened_case_gets_new_deadlines_from_the_reopening_and_must_be_contacted_again(sf, monkeypatch):
    """Issue 12 item 4: reopened three weeks after intake, the case is not overdue at once; the old deadlines
    stay in the timeline, the contact stamp resets, and a reply within the new deadline is counted in time."""
    from app.models import StatDaily
    from app.services import stats
    from tests.metrics_fixture import FakeClock
    from tests.test_stats_equivalence import summary_rows

    clock = FakeClock(monkeypatch, datetime(2022, 8, 1, 9, 30))
    street = directory(sf).unit_by_name("太平桥街道").id
    handler, clerk = make_actor("handler", unit_id=street), make_actor("callback")
    ref = L.create_case(sf, make_actor("receptionist"), form(sf))  # general tier: contact 24 h, reply 7 days
    L.sign(sf, handler, ref.id)
    L.record_contact(sf, handler, ref.id, "已电话联系")
    clock.at = datetime(2022, 8, 5, 9, 0)
    L.reply(sf, handler, ref.id, "已修复")
    clock.at = datetime(2022, 8, 20, 9, 0)
    L.record_callback(sf, clerk, ref.id, L.CallbackAnswers(True, "no", "unsatisfied"))
    clock.at = datetime(2022, 8, 20, 10, 0)
    L.reopen(sf, clerk, ref.id, "市民反映仍未修好")

    case = case_row(sf, ref.id)
    assert case.status == "dispatched"
    assert case.contact_deadline == datetime(2022, 8, 21, 10, 0)
    assert case.reply_deadline == datetime(2022, 8, 27, 10, 0)
    assert case.contacted_at is None
    assert not L.is_overdue(case, datetime(2022, 8, 20, 10, 1))
    assert ref.id not in L.overdue_case_ids(sf, datetime(2022, 8, 20, 10, 1))
    assert timeline(sf, ref.id)[-2:] == [("reopen", "closed", "dispatched"), ("deadlines_reset", "dispatched", "dispatched")]
    with sf() as s:
        note = s.scalars(select(CaseEvent.note).where(CaseEvent.case_id == ref.id, CaseEvent.action == "deadlines_reset")).one()
    assert note == "2022-08-02 09:30 → 2022-08-21 10:00; 2022-08-08 09:30 → 2022-08-27 10:00"

    L.sign(sf, handler, ref.id)
    L.record_contact(sf, handler, ref.id, "再次联系")
    clock.at = datetime(2022, 8, 25, 9, 0)
    L.reply(sf, handler, ref.id, "已全部修好")
    assert case_row(sf, ref.id).contacted_at == datetime(2022, 8, 20, 10, 0)
    assert not L.is_overdue(case_row(sf, ref.id))
    with sf() as s:
        late = s.scalar(select(func.sum(StatDaily.overdue)).where(StatDaily.day == datetime(2022, 8, 25).date()))
        kept = summary_rows(s)
    assert not late  # replied within the new deadline: not counted as late
    with sf.begin() as s:
        stats.rebuild(s)
    with sf() as s:
        assert summary_rows(s) == kept


def _has_latin(text: str) -> bool:
    return re.search("[A-Za-z]", text) is not None


def test_merging_a_case_into_itself_says_the_real_reason_in_chinese(sf, system):
    """Issue 12 item 15: not "the state is wrong (cannot merge into …)", but why, in the user's language."""
    from app.messages import error_text

    ref = case_in_state(sf, system, "dispatched")
    with pytest.raises(TransitionRefused) as err:
        L.merge(sf, system, ref.id, ref.id)
    text = error_text(err.value)
    assert err.value.reason == "merge_into_itself"
    assert "合并到它自己" in text and "状态" not in text and not _has_latin(text)
    original, repeat = case_in_state(sf, system, "new"), case_in_state(sf, system, "new")
    L.merge(sf, system, repeat.id, original.id)
    third = case_in_state(sf, system, "new")
    with pytest.raises(TransitionRefused) as err:
        L.merge(sf, system, third.id, repeat.id)
    text = error_text(err.value)
    assert f"工单 {repeat.case_no}本身已合并到其他工单" in text and not _has_latin(text)
    assert case_row(sf, third.id).status == "new"


def test_every_refusal_reason_is_a_sentence_in_chinese(sf, system):
    from app.messages import error_text
    from app.services.errors import REFUSAL_TEXT

    details = {"closed_as": "unreachable", "pending": "extension", "merge_into_merged": "2022080100001"}
    for reason in REFUSAL_TEXT:
        text = error_text(TransitionRefused("2022080100002", "reply", "accepted", reason, details.get(reason, "")))
        assert not _has_latin(text) and "当前状态" not in text, (reason, text)
    # as the services raise them
    pending = case_in_state(sf, system, "accepted")
    L.request_extension(sf, system, pending.id, datetime(2099, 1, 1), "等待配件")
    with pytest.raises(TransitionRefused) as err:
        L.reply(sf, system, pending.id, "已修复")
    assert error_text(err.value) == f"工单 {pending.case_no}有延期申请等待派单员审批,审批前不能答复"
    with pytest.raises(TransitionRefused) as err:
        L.approve_return(sf, system, pending.id)
    assert error_text(err.value) == f"工单 {pending.case_no}没有待审批的退单申请,无需同意退单"
    unreachable = case_in_state(sf, system, "replied")
    for _ in range(3):
        L.record_callback(sf, system, unreachable.id, None)
    with pytest.raises(TransitionRefused) as err:
        L.reopen(sf, system, unreachable.id, "再次处理")
    assert error_text(err.value) == f"工单 {unreachable.case_no}以“回访未接通”办结,不能重办"
    with pytest.raises(NotFound) as missing:
        L.sign(sf, system, 987654)
    assert error_text(missing.value) == "未找到工单:987654"


def test_a_reply_needs_the_citizen_contacted_or_the_reason_why_not(sf):
    """Issue 12 item 12: no reply without the contact step; a reason why there was none is kept in the timeline."""
    from app.messages import error_text

    street = directory(sf).unit_by_name("太平桥街道").id
    handler = make_actor("handler", unit_id=street)
    ref = L.create_case(sf, make_actor("receptionist"), form(sf))
    ref = L.sign(sf, handler, ref.id)
    with pytest.raises(TransitionRefused) as err:
        L.reply(sf, handler, ref.id, "已修复")
    assert err.value.reason == "not_contacted"
    assert "尚未联系诉求人" in error_text(err.value)
    with pytest.raises(TransitionRefused):
        L.reply(sf, handler, ref.id, "已修复", no_contact_reason="   ")
    assert case_row(sf, ref.id).status == "accepted" and timeline(sf, ref.id)[-1][0] == "sign"
    L.reply(sf, handler, ref.id, "已修复", no_contact_reason="三次来电号码均无人接听")
    case = case_row(sf, ref.id)
    assert case.status == "replied" and case.contacted_at is None
    assert timeline(sf, ref.id)[-2:] == [("no_contact", "accepted", "accepted"), ("reply", "accepted", "replied")]
    with sf() as s:
        note = s.scalars(select(CaseEvent.note).where(CaseEvent.case_id == ref.id, CaseEvent.action == "no_contact")).one()
    assert note == "三次来电号码均无人接听"
    contacted = L.create_case(sf, make_actor("receptionist"), form(sf))
    L.sign(sf, handler, contacted.id)
    L.record_contact(sf, handler, contacted.id, "已电话联系")
    assert L.reply(sf, handler, contacted.id, "已修复").status == "replied"
    assert [a for a, _f, _t in timeline(sf, contacted.id)][-2:] == ["contact", "reply"]


def test_a_case_locked_by_another_workstation_is_reported_as_busy(db_url, monkeypatch, system):
    """Issue 12 item 20, on both backends: a lock held elsewhere is "busy, try again", nothing is written."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from app import db
    from app.messages import error_text

    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 200)
    engine = db.make_engine(db_url, **({} if db_url.startswith("sqlite") else
                                       {"connect_args": {"options": "-c lock_timeout=200"}}))
    sf = db.make_session_factory(engine)
    try:
        ref = case_in_state(sf, system, "new")
        holder = engine.connect()
        holder.begin()
        if db_url.startswith("sqlite"):
            holder.exec_driver_sql("UPDATE cases SET updated_at = updated_at")  # the file's write lock
        else:
            holder.execute(text("SELECT id FROM cases WHERE id = :id FOR UPDATE"), {"id": ref.id})
        try:
            with pytest.raises(DBAPIError) as err:
                L.close(sf, system, ref.id, "无效来电")
        finally:
            holder.rollback()
            holder.close()
        assert db.is_busy(err.value)
        assert error_text(err.value) == "数据库正忙(其他工位正在保存),本次操作没有完成,请稍后再试一次"
        assert case_row(sf, ref.id).status == "new"
        assert L.close(sf, system, ref.id, "无效来电").status == "closed"
    finally:
        engine.dispose()


def test_the_demo_and_snapshot_refusals_are_said_in_chinese_too():
    from pathlib import Path

    from app.messages import error_text
    from app.services.demo import DemoRefused
    from app.services.output_files import OutputRefused

    assert error_text(DemoRefused(12)) == "数据库中已有 12 件工单:演示数据只写入空数据库"
    text = error_text(OutputRefused("exists", Path("offline.db")))
    assert text == "无法写入 offline.db:文件已存在(要替换请加 --force)"
