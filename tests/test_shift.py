"""A shift at the front desk and in the back office, as the people there live it (issue 12's scripted shift).

A receptionist takes 30 calls one after the other by keyboard alone (some with a place and a unit, some
with fields left empty that the last call had filled), and every case is stored as that call said, never
as the call before. Then the cases go through the day: a unit returns one, the dispatcher approves and
sends it elsewhere; a unit asks for more time and gets it; a repeat call is merged into the first; a case
replied and found unsolved at the callback is reopened and starts new deadlines.
"""
from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDateTime, Qt
from sqlalchemy import select

from app import db
from app.models import Case
from app.services import lifecycle as L
from tests.test_cases_tab import act, make_tab, open_case, status_of
from tests.test_intake_tab import choose_category, pick, stored_cases
from tests.test_intake_tab import make_tab as make_intake_tab
from tests.ui_helpers import console, type_text

# (phone, street, community or "", category, description): streets, communities, categories and so units
# change from call to call, and half the calls leave the community empty after one that filled it
CALLS = [
    ("1381000{:04d}", "tpq", "tlbl", "无障碍", "小区门口无障碍坡道损坏"),
    ("1391000{:04d}", "mjb", "", "噪音", "夜间施工噪音扰民"),
    ("1371000{:04d}", "mjb", "jyel", "停车", "路边乱停车堵住消防通道"),
    ("1361000{:04d}", "tpq", "", "供水", "楼内停水一天未通知"),
]
NAMES = {"tpq": "太平桥街道", "mjb": "马家堡街道"}


def _take_call(qtbot, tab, n: int) -> None:
    phone, street, community, category, description = CALLS[n % len(CALLS)]
    form = tab.form
    type_text(qtbot, form.phone, phone.format(n))
    qtbot.keyClick(form.phone, Qt.Key.Key_Tab)
    pick(qtbot, form.street, street)
    if community:
        pick(qtbot, form.community, community)
    else:  # Tab through the empty community, Enter in it as a receptionist confirming
        form.community.setFocus()
        qtbot.keyClick(form.community, Qt.Key.Key_Return)
        qtbot.keyClick(form.community, Qt.Key.Key_Tab)
    choose_category(qtbot, tab, category)
    type_text(qtbot, form.description, f"{description}(第{n + 1}通)")
    qtbot.keyClick(form.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    try:
        qtbot.waitUntil(lambda: form.phone.text() == "" and "已受理" in tab.result.text(), timeout=10_000)
    except Exception:
        raise AssertionError(f"call {n + 1} not saved: {tab.readiness.text()} | {tab.result.text()}") from None


def test_a_receptionists_thirty_calls_and_the_day_that_follows(qtbot, sqlite_url, tmp_path):
    desk = make_intake_tab(qtbot, console(sqlite_url, "receptionist"), tmp_path)
    for n in range(30):
        _take_call(qtbot, desk, n)
    cases, _events = stored_cases(sqlite_url)
    assert len(cases) == 30
    ctx = console(sqlite_url)
    d = ctx.directory
    for n, case in enumerate(cases):
        phone, street, community, _category, description = CALLS[n % len(CALLS)]
        assert case.caller_phone == phone.format(n) and case.description.endswith(f"(第{n + 1}通)")
        # nothing inherited from the call before: an empty field stays empty
        assert case.street_id == d.unit_by_name(NAMES[street]).id, n
        assert (case.community_id is not None) == bool(community), n
    # each kind of call went to its own unit every time, never to the unit of the call before
    units = {i: {c.unit_id for n, c in enumerate(cases) if n % len(CALLS) == i} for i in range(len(CALLS))}
    assert all(len(u) == 1 and None not in u for u in units.values()), units
    assert len({next(iter(u)) for u in units.values()}) > 1

    sf = ctx.sf
    by_no = {c.case_no: c for c in cases}
    first, second, third, fourth = (cases[i] for i in (0, 1, 4, 8))  # 无障碍 at 天伦北里, 噪音, 无障碍, 无障碍
    dispatcher = make_tab(qtbot, console(sqlite_url, "dispatcher"))

    # a unit returns a case that is not its own; the dispatcher approves and sends it elsewhere
    unit = status_of(sf, second.id).unit_id
    handler = make_tab(qtbot, console(sqlite_url, "handler", unit))
    open_case(qtbot, handler, second.case_no)
    act(qtbot, handler, "request_return", text="噪音属于城管执法,不属本单位")
    dispatcher.reload()
    qtbot.waitUntil(lambda: second.case_no in [r.case_no for r in dispatcher.model.rows])
    open_case(qtbot, dispatcher, second.case_no)
    act(qtbot, dispatcher, "approve_return")
    act(qtbot, dispatcher, "dispatch", unit="丰台区城市管理委员会")
    assert status_of(sf, second.id).unit_name == "丰台区城市管理委员会"

    # a unit signs, contacts the citizen and asks for more time; the dispatcher grants it
    unit = status_of(sf, first.id).unit_id
    handler = make_tab(qtbot, console(sqlite_url, "handler", unit))
    open_case(qtbot, handler, first.case_no)
    act(qtbot, handler, "sign")
    act(qtbot, handler, "contact", text="已电话联系诉求人")
    before = status_of(sf, first.id).reply_deadline
    later = QDateTime(before + timedelta(days=7))
    act(qtbot, handler, "request_extension", text="坡道需重新浇筑,养护期一周", until=later)
    open_case(qtbot, dispatcher, first.case_no)
    act(qtbot, dispatcher, "approve_extension")
    assert status_of(sf, first.id).reply_deadline > before

    # a repeat call about the same ramp is merged into the first case
    open_case(qtbot, dispatcher, third.case_no)
    act(qtbot, dispatcher, "merge", case_no=first.case_no)
    assert status_of(sf, third.id).status == "merged"

    # the unit replies to another case; the citizen says it is not solved; the dispatcher reopens it
    unit = status_of(sf, fourth.id).unit_id
    handler = make_tab(qtbot, console(sqlite_url, "handler", unit))
    open_case(qtbot, handler, fourth.case_no)
    act(qtbot, handler, "sign")
    act(qtbot, handler, "contact", text="已联系")
    act(qtbot, handler, "reply", text="已修复坡道")
    L.record_callback(sf, ctx.actor, fourth.id, L.CallbackAnswers(True, "no", "unsatisfied", remark="坡道仍有裂缝"))
    dispatcher.reload()
    qtbot.waitUntil(lambda: fourth.case_no in [r.case_no for r in dispatcher.model.rows])
    open_case(qtbot, dispatcher, fourth.case_no)
    act(qtbot, dispatcher, "reopen", text="回访未解决,重新办理")
    reopened = status_of(sf, fourth.id)
    assert reopened.status == "dispatched" and reopened.reply_deadline > reopened.received_at + timedelta(days=1)
    assert not reopened.overdue and reopened.contacted_at is None

    engine = db.make_engine(sqlite_url)
    with db.make_session_factory(engine)() as s:
        statuses = dict(s.execute(select(Case.case_no, Case.status)).all())
    engine.dispose()
    assert statuses[first.case_no] == "accepted" and statuses[second.case_no] == "dispatched"
    assert statuses[third.case_no] == "merged" and statuses[fourth.case_no] == "dispatched"
    assert len(by_no) == 30
