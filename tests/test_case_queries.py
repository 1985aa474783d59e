"""The reads behind the intake and cases tabs, on SQLite and PostgreSQL: pages, filters, counts, history, duplicates."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.services import case_queries as Q
from app.services import clock
from app.services import lifecycle as L
from app.services.case_queries import CaseFilter
from app.services.errors import NotFound
from app.services.intake_form import form_problems
from app.services.places import PlaceIndex
from tests.conftest import make_actor
from tests.factories import case_in_state, directory, form


def test_dispatcher_pages_through_all_cases_newest_first(sf, system):
    refs = [L.create_case(sf, system, form(sf, phone=f"1381234{i:04d}")) for i in range(7)]
    first = Q.fetch_page(sf, CaseFilter(), limit=3)
    assert [r.id for r in first.rows] == [r.id for r in reversed(refs)][:3]
    assert not first.exhausted
    rest = Q.fetch_page(sf, CaseFilter(), after=Q.page_key(first.rows[-1]), limit=3)
    last = Q.fetch_page(sf, CaseFilter(), after=Q.page_key(rest.rows[-1]), limit=3)
    assert len(rest.rows) == 3 and [r.id for r in last.rows] == [refs[0].id] and last.exhausted


def test_sorting_by_case_number_ascending(sf, system):
    refs = [L.create_case(sf, system, form(sf)) for _ in range(3)]
    page = Q.fetch_page(sf, CaseFilter(), sort_key="case_no", descending=False)
    assert [r.case_no for r in page.rows] == sorted(r.case_no for r in refs)
    with pytest.raises(ValueError):
        Q.fetch_page(sf, CaseFilter(), sort_key="description")


def test_filters_by_state_place_category_topic_period_and_search(sf, system):
    d = directory(sf)
    heating = L.create_case(sf, system, form(sf, street="马家堡街道", community="双晨社区", category="供暖",
                                             phone="010-63812345", address="晨新园小区3号楼",
                                             description="暖气不热"))
    ramp = case_in_state(sf, system, "accepted")
    old = L.create_case(sf, system, form(sf, received_at=clock.now() - timedelta(days=40), description="路灯不亮",
                                         category="路灯"))

    def ids(**f):
        return {r.id for r in Q.fetch_page(sf, CaseFilter(**f)).rows}

    assert ids(statuses=("accepted",)) == {ramp.id}
    assert ids(street_id=d.unit_by_name("马家堡街道").id) == {heating.id}
    assert ids(community_id=d.unit_by_name("天伦北里社区").id) == {ramp.id, old.id}
    assert ids(category_id=d.category_by_name("供暖").id) == {heating.id}
    assert ids(category_id=d.category_by_name("公共服务").id) == {heating.id}  # a parent includes its children
    assert ids(key_topic_year=2022) == {old.id}  # 路灯 is a 2022 district topic
    assert ids(received_from=clock.today() - timedelta(days=7), received_to=clock.today()) == {heating.id, ramp.id}
    assert ids(search=heating.case_no) == {heating.id}
    assert ids(search=heating.case_no[:10]) >= {heating.id}
    assert ids(search="010 63812345") == {heating.id}
    assert ids(search="晨新园") == {heating.id}
    assert ids(search="暖气") == {heating.id}
    assert ids(search="没有这样的内容") == set()


def test_unit_filter_includes_sub_units(sf, system):
    d = directory(sf)
    street = d.unit_by_name("太平桥街道")
    community = d.unit_by_name("天伦北里社区")
    to_community = L.create_case(sf, system, form(sf, unit_id=community.id))
    to_street = L.create_case(sf, system, form(sf, unit_id=street.id))
    assert {r.id for r in Q.fetch_page(sf, CaseFilter(unit_id=street.id)).rows} == {to_community.id, to_street.id}
    assert {r.id for r in Q.fetch_page(sf, CaseFilter(unit_id=community.id)).rows} == {to_community.id}


def test_overdue_and_nearly_overdue_stand_out_and_are_counted(sf, system):
    late = L.create_case(sf, system, form(sf, received_at=clock.now() - timedelta(days=8)))
    nearly = L.create_case(sf, system, form(sf, received_at=clock.now() - timedelta(days=7) + timedelta(hours=2)))
    fresh = L.create_case(sf, system, form(sf))
    rows = {r.id: r for r in Q.fetch_page(sf, CaseFilter()).rows}
    assert rows[late.id].overdue and not rows[late.id].nearly_overdue
    assert rows[nearly.id].nearly_overdue and not rows[nearly.id].overdue
    assert not rows[fresh.id].overdue and not rows[fresh.id].nearly_overdue
    assert {r.id for r in Q.fetch_page(sf, CaseFilter(overdue=True)).rows} == {late.id}
    counts = Q.count_states(sf, CaseFilter(statuses=("new",)))  # the state filter does not narrow the strip
    assert counts["dispatched"] == 3 and counts["overdue"] == 1


def test_pending_returns_and_extensions_are_a_queue_with_a_count(sf, system):
    """Issue 12 item 11: 待审批 finds the cases whose return or extension waits for the dispatcher."""
    asks_return = case_in_state(sf, system, "dispatched")
    L.request_return(sf, system, asks_return.id, "不属于本单位")
    asks_time = case_in_state(sf, system, "accepted")
    L.request_extension(sf, system, asks_time.id, clock.now() + timedelta(days=30), "等待配件")
    decided = case_in_state(sf, system, "accepted")
    L.request_extension(sf, system, decided.id, clock.now() + timedelta(days=30), "等待配件")
    L.approve_extension(sf, system, decided.id)
    case_in_state(sf, system, "new")
    pending = Q.fetch_page(sf, CaseFilter(pending=True)).rows
    assert {r.id for r in pending} == {asks_return.id, asks_time.id}
    assert {r.pending_request for r in pending} == {"return", "extension"}
    assert [r.id for r in Q.fetch_page(sf, CaseFilter(pending=True, statuses=("accepted",))).rows] == [asks_time.id]
    counts = Q.count_states(sf, CaseFilter(pending=True))  # the strip's counts are not narrowed by it
    assert counts["pending"] == 2 and counts["new"] == 1 and counts["accepted"] == 2
    street = directory(sf).unit_by_name("太平桥街道").id
    assert Q.count_states(sf, CaseFilter(), make_actor("handler", unit_id=street + 10_000))["pending"] == 0


def test_case_detail_has_names_and_timeline(sf, system):
    ref = case_in_state(sf, system, "replied")
    d = Q.case_detail(sf, ref.id)
    assert (d.case_no, d.status, d.street_name, d.community_name) == (ref.case_no, "replied", "太平桥街道", "天伦北里社区")
    assert d.category_path == "城乡建设 / 无障碍设施"
    assert [e.action for e in d.events] == ["create", "dispatch", "sign", "contact", "reply"]
    assert d.events[1].unit_name == d.unit_name and d.events[-1].note == "已修复坡道"
    assert d.unit_id in d.unit_chain
    with pytest.raises(NotFound):
        Q.case_detail(sf, 999999)


def test_caller_history_lists_open_cases_first(sf, system):
    closed = case_in_state(sf, system, "closed", phone="13900001111")
    open_ = L.create_case(sf, system, form(sf, phone="139 0000 1111", received_at=clock.now() - timedelta(days=3)))
    L.create_case(sf, system, form(sf, phone="13900002222"))
    found = Q.caller_history(sf, system, "13900001111")
    history = found.rows
    assert [h.id for h in history] == [open_.id, closed.id] and (found.total, found.unfinished) == (2, 1)
    assert history[0].is_open and not history[1].is_open and history[0].unit_name
    assert Q.caller_history(sf, system, "12").rows == []


def test_possible_duplicates_are_open_same_category_and_community_in_30_days(sf, system):
    d = directory(sf)
    recent = L.create_case(sf, system, form(sf))
    case_in_state(sf, system, "closed")
    L.create_case(sf, system, form(sf, received_at=clock.now() - timedelta(days=31)))
    L.create_case(sf, system, form(sf, category="路灯"))
    found = Q.possible_duplicates(sf, d.category_by_name("无障碍设施").id, d.unit_by_name("天伦北里社区").id)
    assert [r.id for r in found] == [recent.id]
    assert Q.possible_duplicates(sf, None, d.unit_by_name("天伦北里社区").id) == []


def test_intake_preview_suggests_the_unit_and_deadlines(sf):
    d = directory(sf)
    p = Q.intake_preview(sf, d.category_by_name("供暖").id, d.unit_by_name("马家堡街道").id, "normal")
    assert p.unit_id == d.unit_by_code("B02").id and p.tier == "utility"
    assert p.reply_by - p.contact_by == timedelta(hours=22)
    street = Q.intake_preview(sf, d.category_by_name("无障碍设施").id, d.unit_by_name("马家堡街道").id, "urgent")
    assert street.unit_id == d.unit_by_name("马家堡街道").id and street.tier == "urgent"


def test_actions_follow_state_and_role(sf, system):
    d = directory(sf)
    new = Q.case_detail(sf, case_in_state(sf, system, "new").id)
    dispatched = Q.case_detail(sf, case_in_state(sf, system, "dispatched").id)
    closed = Q.case_detail(sf, case_in_state(sf, system, "closed").id)
    own_unit = dispatched.unit_id
    other_unit = d.unit_by_name("马家堡街道").id
    assert Q.available_actions(make_actor("dispatcher"), new) == {"dispatch", "merge", "close"}
    assert Q.available_actions(make_actor("dispatcher"), dispatched) == {"merge"}
    assert Q.available_actions(make_actor("handler", own_unit), dispatched) == {"sign", "request_return",
                                                                                 "request_extension"}
    assert Q.available_actions(make_actor("handler", other_unit), dispatched) == set()
    assert Q.available_actions(make_actor("receptionist"), dispatched) == set()
    assert Q.available_actions(make_actor("callback"), closed) == {"reopen"}
    assert "reopen" in Q.available_actions(make_actor("admin"), closed)


def test_pinyin_initials_find_streets_and_communities(sf):
    index = PlaceIndex(directory(sf))
    assert [e.name for e in index.find_communities("tlbl")][0] == "天伦北里社区"
    assert [e.name for e in index.find_communities("天伦")][:2] == ["天伦北里社区", "天伦锦城社区"]
    assert "长辛店街道" in [e.name for e in index.find_streets("cxd")]  # 长 read chang as well as zhang
    assert [e.name for e in index.find_streets("majiapu")] == ["马家堡街道"]
    taiping = directory(sf).unit_by_name("太平桥街道").id
    assert [e.name for e in index.find_communities("sq", street_id=taiping)] == ["天伦北里社区"]
    assert index.find_streets("xyz不存在") == []


def test_form_checks_as_typed(sf):
    d = directory(sf)
    empty = L.IntakeForm(caller_phone="", description="", category_id=None)
    assert [(p.field, p.code) for p in form_problems(empty, d)] == [
        ("caller_phone", "required"), ("street", "required"), ("category", "required"), ("description", "required")]
    bad = form(sf, phone="1381234", community="双晨社区")
    assert [(p.field, p.code) for p in form_problems(bad, d)] == [("caller_phone", "bad_phone"),
                                                                  ("community", "not_in_street")]
    assert form_problems(form(sf), d) == []
    answering = form(sf, street=None, community=None, request_type="consultation")
    assert [p.field for p in form_problems(answering, d, answering=True, answer="")] == ["answer"]
    assert form_problems(answering, d, answering=True, answer="已告知办理地点") == []
    complaint = form(sf, street=None, community=None, request_type="complaint")
    assert [(p.field, p.code) for p in form_problems(complaint, d, answering=True, answer="已告知")] == [
        ("request_type", "not_answerable")]
    assert [p.code for p in form_problems(form(sf, caller_name="张" * 65), d)] == ["too_long"]


def test_period_boundaries_include_both_days(sf, system):
    today = clock.today()
    ref = L.create_case(sf, system, form(sf))
    assert [r.id for r in Q.fetch_page(sf, CaseFilter(received_from=today, received_to=today)).rows] == [ref.id]
    assert Q.fetch_page(sf, CaseFilter(received_to=today - timedelta(days=1))).rows == []
    assert Q.fetch_page(sf, CaseFilter(received_from=date(today.year + 1, 1, 1))).rows == []


def test_words_are_searched_in_every_year(sf, system):
    recent = L.create_case(sf, system, form(sf, description="暖气不热"))
    old = L.create_case(sf, system, form(sf, description="暖气漏水", received_at=clock.now() - timedelta(days=400)))
    assert {r.id for r in Q.fetch_page(sf, CaseFilter(search="暖气")).rows} == {recent.id, old.id}  # the word index
    everything = CaseFilter(search="暖气", received_from=date(2000, 1, 1))
    assert {r.id for r in Q.fetch_page(sf, everything).rows} == {recent.id, old.id}
    assert {r.id for r in Q.fetch_page(sf, CaseFilter(search=old.case_no)).rows} == {old.id}  # numbers: all years
    assert Q.is_text_search("暖气") and not Q.is_text_search("13812345678") and not Q.is_text_search("2022081")


def test_search_finds_percent_underscore_and_backslash_as_themselves_the_same_on_both_backends(sf, system):
    texts = ["满意度100%以上", "编号A_1的路灯", "C:\\temp 文件夹", "Beijing Road 路口", "beijing ROAD 东侧", "普通诉求"]
    refs = {t: L.create_case(sf, system, form(sf, description=t, address="某小区")).id for t in texts}

    def found(text):
        return {t for t, i in refs.items() if i in {r.id for r in Q.fetch_page(sf, CaseFilter(search=text)).rows}}

    assert found("%") == {"满意度100%以上"}  # not every case
    assert found("_") == {"编号A_1的路灯"}
    assert found("100%以") == {"满意度100%以上"} and found("A_1") == {"编号A_1的路灯"}
    assert found("A1") == set() and found("0%上") == set()  # _ and % are not wildcards
    assert found("\\") == {"C:\\temp 文件夹"} and found("C:\\temp") == {"C:\\temp 文件夹"}
    assert found("beijing road") == found("BEIJING ROAD") == {"Beijing Road 路口", "beijing ROAD 东侧"}
    assert found("\x00") == set() and found("路\x00灯") == set()  # a NUL is in no stored text (and no error)
