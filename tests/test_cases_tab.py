"""The dispatcher and the unit handler at the cases tab: finding cases, reading one, acting on it."""
from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QTabWidget

from app.services import clock
from app.services import lifecycle as L
from app.services.case_queries import CaseFilter
from app.ui.cases.tab import CasesTab
from tests.conftest import make_actor
from tests.factories import case_in_state, directory, form
from tests.ui_helpers import console, type_text, wait_idle

ADMIN = make_actor("admin")


def make_tab(qtbot, ctx) -> CasesTab:
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1400, 800)
    tab.show()
    settle(qtbot, tab)
    return tab


def settle(qtbot, tab) -> None:
    wait_idle(qtbot, tab)


def shown_numbers(tab) -> list[str]:
    return [r.case_no for r in tab.model.rows]


def open_case(qtbot, tab, case_no: str) -> None:
    row = shown_numbers(tab).index(case_no)
    tab.table.setFocus()
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=tab.table.visualRect(tab.model.index(row, 0)).center())
    qtbot.waitUntil(lambda: tab.detail.detail is not None and tab.detail.detail.case_no == case_no)


def act(qtbot, tab, action: str, text: str = "", unit: str = "", case_no: str = "", until=None) -> None:
    button = tab.action_buttons[action]
    assert button.isVisible(), f"{action} not offered"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    if dialog.text is not None and dialog.text_mode == "required":
        assert not ok.isEnabled() and dialog.problem.text().startswith("请填写")
    if unit:
        dialog.unit.clear()
        type_text(qtbot, dialog.unit, unit)
        qtbot.keyClick(dialog.unit, Qt.Key.Key_Return)
    if case_no:
        type_text(qtbot, dialog.case_no, case_no)
    if until is not None:
        dialog.until.setDateTime(until)
    if text:
        type_text(qtbot, dialog.text, text)
    assert ok.isEnabled(), dialog.problem.text()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    settle(qtbot, tab)  # the action, then the reloads it starts


def status_of(sf, case_id):
    from app.services.case_queries import case_detail
    return case_detail(sf, case_id)


def test_table_opens_with_newest_cases_and_counts(qtbot, sqlite_url):
    ctx = console(sqlite_url, "dispatcher")
    refs = [case_in_state(ctx.sf, ADMIN, s) for s in ("new", "dispatched", "accepted", "replied")]
    tab = make_tab(qtbot, ctx)
    assert set(shown_numbers(tab)) == {r.case_no for r in refs}
    assert shown_numbers(tab)[0] == refs[-1].case_no
    assert tab.filters.state_buttons["all"].text() == "全部 4"
    assert tab.filters.state_buttons["new"].text() == "待派单 1"
    assert tab.filters.state_buttons["accepted"].text() == "已签收 1"
    assert "已显示 4 件" in tab.loading.text()


def test_scrolling_fetches_more_pages(qtbot, sqlite_url):
    ctx = console(sqlite_url)
    for i in range(7):
        L.create_case(ctx.sf, ADMIN, form(ctx.sf, phone=f"1380000{i:04d}"))
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    settle(qtbot, tab)
    tab.model.page_size = 3
    tab.table.verticalHeader().setDefaultSectionSize(90)  # a page of three rows overflows the view
    tab.model.refresh()
    tab.resize(900, 330)
    tab.show()
    settle(qtbot, tab)
    assert len(tab.model.rows) >= 3
    pages = 1
    while not tab.model.exhausted and pages < 10:  # the user scrolls to the end; the view asks for more
        tab.table.verticalScrollBar().setValue(0)
        tab.table.scrollToBottom()
        settle(qtbot, tab)
        pages += 1
    assert len(tab.model.rows) == 7 and tab.model.exhausted
    assert len(set(shown_numbers(tab))) == 7


def test_filters_search_and_sort(qtbot, sqlite_url):
    ctx = console(sqlite_url, "dispatcher")
    d = directory(ctx.sf)
    heating = L.create_case(ctx.sf, ADMIN, form(ctx.sf, street="马家堡街道", community="双晨社区", category="供暖",
                                                 phone="010-63812345", description="暖气不热,室温只有十二度"))
    ramp = case_in_state(ctx.sf, ADMIN, "accepted")
    parking = L.create_case(ctx.sf, ADMIN, form(ctx.sf, category="停车管理", received_at=clock.now() - timedelta(days=40)))
    last_winter = L.create_case(ctx.sf, ADMIN, form(ctx.sf, category="供暖", description="暖气漏水",
                                                     received_at=clock.now() - timedelta(days=400)))
    tab = make_tab(qtbot, ctx)
    # a state button filters, the same button again shows all
    qtbot.mouseClick(tab.filters.state_buttons["accepted"], Qt.MouseButton.LeftButton)
    settle(qtbot, tab)
    assert shown_numbers(tab) == [ramp.case_no]
    qtbot.mouseClick(tab.filters.state_buttons["accepted"], Qt.MouseButton.LeftButton)
    settle(qtbot, tab)
    assert len(shown_numbers(tab)) == 4
    # search box: text, phone, case number
    type_text(qtbot, tab.filters.search, "暖气")
    qtbot.keyClick(tab.filters.search, Qt.Key.Key_Return)
    settle(qtbot, tab)
    assert shown_numbers(tab) == [heating.case_no, last_winter.case_no]  # every year: the word index (issue 18)
    tab.filters.period.setCurrentIndex(tab.filters.period.findData("custom"))
    tab.filters.date_from.setDate(QDate(2020, 1, 1))
    before = clock.today() - timedelta(days=300)
    tab.filters.date_to.setDate(QDate(before.year, before.month, before.day))
    settle(qtbot, tab)
    assert shown_numbers(tab) == [last_winter.case_no]
    tab.filters.period.setCurrentIndex(0)
    tab.filters.search.clear()
    type_text(qtbot, tab.filters.search, ramp.case_no)
    qtbot.keyClick(tab.filters.search, Qt.Key.Key_Return)
    settle(qtbot, tab)
    assert shown_numbers(tab) == [ramp.case_no]
    tab.filters.search.clear()
    qtbot.keyClick(tab.filters.search, Qt.Key.Key_Return)
    # street by pinyin
    type_text(qtbot, tab.filters.street, "mjp")
    qtbot.keyClick(tab.filters.street, Qt.Key.Key_Return)
    settle(qtbot, tab)
    assert shown_numbers(tab) == [heating.case_no]
    tab.filters.street.clear()
    tab.filters.street.textEdited.emit("")
    settle(qtbot, tab)
    # key topic and period
    tab.filters.key_topic.click()
    settle(qtbot, tab)
    assert shown_numbers(tab) == [parking.case_no]
    tab.filters.key_topic.click()
    tab.filters.period.setCurrentIndex(tab.filters.period.findData("7d"))
    settle(qtbot, tab)
    assert set(shown_numbers(tab)) == {heating.case_no, ramp.case_no}
    tab.filters.period.setCurrentIndex(0)
    # category (a parent includes its children) and unit
    tab.filters.category.setCurrentIndex(tab.filters.category.findData(d.category_by_name("公共服务").id))
    settle(qtbot, tab)
    assert shown_numbers(tab) == [heating.case_no, last_winter.case_no]
    tab.filters.category.setCurrentIndex(0)
    settle(qtbot, tab)
    # sort by case number ascending by clicking the header twice
    header = tab.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_point(header, 0))
    settle(qtbot, tab)
    first = list(shown_numbers(tab))
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_point(header, 0))
    settle(qtbot, tab)
    assert shown_numbers(tab) == list(reversed(first))
    assert sorted(first) in (first, list(reversed(first)))
    assert tab.model.sort_key == "case_no"


def _section_point(header, section):
    return QPoint(header.sectionViewportPosition(section) + 10, header.height() // 2)


def test_overdue_rows_stand_out_in_colour_and_text(qtbot, sqlite_url):
    ctx = console(sqlite_url)
    late = L.create_case(ctx.sf, ADMIN, form(ctx.sf, received_at=clock.now() - timedelta(days=8)))
    nearly = L.create_case(ctx.sf, ADMIN, form(ctx.sf, received_at=clock.now() - timedelta(days=7, hours=-2)))
    tab = make_tab(qtbot, ctx)
    rows = {r.case_no: i for i, r in enumerate(tab.model.rows)}
    late_cell = tab.model.index(rows[late.case_no], 3)
    nearly_cell = tab.model.index(rows[nearly.case_no], 3)
    # never contacted either: the missed contact is the mark, the reply deadline's nearness the tooltip
    assert late_cell.data().startswith("超期") and nearly_cell.data().startswith("联系超时")
    assert "即将超过答复时限" in nearly_cell.data(Qt.ItemDataRole.ToolTipRole)
    assert late_cell.data(Qt.ItemDataRole.BackgroundRole) != nearly_cell.data(Qt.ItemDataRole.BackgroundRole)
    assert tab.filters.state_buttons["overdue"].text() == "超期 1"
    qtbot.mouseClick(tab.filters.state_buttons["overdue"], Qt.MouseButton.LeftButton)
    settle(qtbot, tab)
    assert shown_numbers(tab) == [late.case_no]
    open_case(qtbot, tab, late.case_no)
    assert "已超期 1天" in tab.detail.view.toPlainText()


def _drawn(icon) -> bool:
    """The icon paints something (an SVG that failed to load paints nothing)."""
    image = icon.pixmap(16, 16).toImage()
    return not image.isNull() and any(image.pixelColor(x, y).alpha() > 0 for x in range(16) for y in range(16))


def test_deadline_marks_are_shipped_icons_with_the_year_and_a_missed_contact(qtbot, sqlite_url):
    ctx = console(sqlite_url)
    now = clock.now()
    late = L.create_case(ctx.sf, ADMIN, form(ctx.sf, received_at=now - timedelta(days=8)))
    nearly = L.create_case(ctx.sf, ADMIN, form(ctx.sf, received_at=now - timedelta(days=7, hours=-2)))
    L.sign(ctx.sf, ADMIN, nearly.id)
    L.record_contact(ctx.sf, ADMIN, nearly.id, "已电话联系")
    old = L.create_case(ctx.sf, ADMIN, form(ctx.sf, received_at=now.replace(month=1, day=5) - timedelta(days=30)))
    silent = L.create_case(ctx.sf, ADMIN, form(ctx.sf, received_at=now - timedelta(days=2)))
    tab = make_tab(qtbot, ctx)
    rows = {r.case_no: i for i, r in enumerate(tab.model.rows)}

    def cell(ref):
        return tab.model.index(rows[ref.case_no], 3)

    texts = {ref.case_no: cell(ref).data() for ref in (late, nearly, old, silent)}
    assert texts[nearly.case_no].startswith("将超期 ")
    assert not any(ch in "".join(texts.values()) for ch in "⚠⏰☒"), texts  # no emoji: their glyph depends on fonts
    old_deadline = status_of(ctx.sf, old.id).reply_deadline
    assert texts[old.case_no] == f"超期 {old_deadline:%Y-%m-%d %H:%M}"  # another year: the year is shown
    late_deadline = status_of(ctx.sf, late.id).reply_deadline
    if late_deadline.year == now.year:
        assert texts[late.case_no] == f"超期 {late_deadline:%m-%d %H:%M}"
    assert texts[silent.case_no].startswith("联系超时 ")
    assert "尚未联系" in cell(silent).data(Qt.ItemDataRole.ToolTipRole)
    for ref in (late, nearly, old, silent):
        assert _drawn(cell(ref).data(Qt.ItemDataRole.DecorationRole)), ref.case_no
    assert cell(late).data(Qt.ItemDataRole.DecorationRole).cacheKey() != \
        cell(nearly).data(Qt.ItemDataRole.DecorationRole).cacheKey()
    assert _drawn(tab.filters.state_buttons["overdue"].icon())

    open_case(qtbot, tab, silent.case_no)
    assert "联系超时" in tab.detail.view.toPlainText()
    assert "contact_missed.svg" in tab.detail.view.toHtml()
    open_case(qtbot, tab, nearly.case_no)
    assert "即将超期" in tab.detail.view.toPlainText() and "nearly_overdue.svg" in tab.detail.view.toHtml()


def test_dispatcher_works_through_the_pending_requests_queue(qtbot, sqlite_url):
    """Issue 12 item 11: 待审批 in the state strip, with its count, lists the returns and extensions to decide."""
    ctx = console(sqlite_url, "dispatcher")
    asks_return = case_in_state(ctx.sf, ADMIN, "dispatched")
    L.request_return(ctx.sf, ADMIN, asks_return.id, "不属于本单位")
    asks_time = case_in_state(ctx.sf, ADMIN, "accepted")
    L.request_extension(ctx.sf, ADMIN, asks_time.id, clock.now() + timedelta(days=30), "等待配件")
    others = [case_in_state(ctx.sf, ADMIN, state) for state in ("new", "accepted", "replied")]
    tab = make_tab(qtbot, ctx)
    pending = tab.filters.state_buttons["pending"]
    assert pending.text() == "待审批 2" and tab.filters.state_buttons["all"].text() == "全部 5"
    qtbot.mouseClick(pending, Qt.MouseButton.LeftButton)
    settle(qtbot, tab)
    assert pending.isChecked() and set(shown_numbers(tab)) == {asks_return.case_no, asks_time.case_no}
    assert not set(shown_numbers(tab)) & {r.case_no for r in others}
    open_case(qtbot, tab, asks_time.case_no)
    act(qtbot, tab, "approve_extension")
    qtbot.waitUntil(lambda: pending.text() == "待审批 1")
    tab.reload()
    settle(qtbot, tab)
    assert shown_numbers(tab) == [asks_return.case_no]
    qtbot.mouseClick(pending, Qt.MouseButton.LeftButton)  # off again: every case
    settle(qtbot, tab)
    assert len(shown_numbers(tab)) == 5


def test_detail_shows_fields_deadlines_and_timeline(qtbot, sqlite_url):
    ctx = console(sqlite_url)
    ref = case_in_state(ctx.sf, ADMIN, "accepted")
    tab = make_tab(qtbot, ctx)
    open_case(qtbot, tab, ref.case_no)
    text = tab.detail.view.toPlainText()
    for expected in ("已签收", "太平桥街道 / 天伦北里社区", "城乡建设 / 无障碍设施", "小区门口无障碍坡道损坏", "(剩余 ",
                     "受理", "派单", "签收", "待派单 → 已派单", "test-ws"):
        assert expected in text, expected


def dispatcher_and_handler(sqlite_url, state):
    ctx = console(sqlite_url, "dispatcher")
    ref = case_in_state(ctx.sf, ADMIN, state)
    return ctx, ref


def test_dispatcher_dispatches_a_new_case_to_a_unit_found_by_pinyin(qtbot, sqlite_url):
    ctx, ref = dispatcher_and_handler(sqlite_url, "new")
    tab = make_tab(qtbot, ctx)
    open_case(qtbot, tab, ref.case_no)
    assert {a for a, b in tab.action_buttons.items() if b.isVisible()} == {"dispatch", "merge", "close"}
    act(qtbot, tab, "dispatch", unit="tpq")
    d = status_of(ctx.sf, ref.id)
    assert d.status == "dispatched" and d.unit_name == "太平桥街道"
    assert "已派单:工单" in tab.message.text()
    assert tab.model.rows[0].status == "dispatched"


def test_handler_signs_contacts_replies(qtbot, sqlite_url):
    ctx0 = console(sqlite_url)
    ref = case_in_state(ctx0.sf, ADMIN, "dispatched")
    unit = status_of(ctx0.sf, ref.id).unit_id
    ctx = console(sqlite_url, "handler", unit)
    tab = make_tab(qtbot, ctx)
    open_case(qtbot, tab, ref.case_no)
    act(qtbot, tab, "sign")
    assert status_of(ctx.sf, ref.id).status == "accepted"
    act(qtbot, tab, "contact", text="已电话联系张女士")
    assert status_of(ctx.sf, ref.id).contacted_at is not None
    act(qtbot, tab, "reply", text="坡道已修复")
    d = status_of(ctx.sf, ref.id)
    assert d.status == "replied" and d.reply_text == "坡道已修复"
    assert not any(b.isVisible() for b in tab.action_buttons.values())


def test_return_asked_by_unit_then_approved_and_redispatched(qtbot, sqlite_url):
    ctx0 = console(sqlite_url)
    ref = case_in_state(ctx0.sf, ADMIN, "dispatched")
    unit = status_of(ctx0.sf, ref.id).unit_id
    handler_tab = make_tab(qtbot, console(sqlite_url, "handler", unit))
    open_case(qtbot, handler_tab, ref.case_no)
    act(qtbot, handler_tab, "request_return", text="不属于本街道职责")
    assert status_of(ctx0.sf, ref.id).pending_request == "return"
    assert not handler_tab.action_buttons["request_extension"].isVisible()
    tab = make_tab(qtbot, console(sqlite_url, "dispatcher"))
    open_case(qtbot, tab, ref.case_no)
    assert tab.action_buttons["approve_return"].isVisible() and tab.action_buttons["reject_return"].isVisible()
    act(qtbot, tab, "approve_return")
    assert status_of(ctx0.sf, ref.id).status == "returned"
    assert tab.action_buttons["dispatch"].text() == "重新派单"
    act(qtbot, tab, "dispatch", unit="丰台区城市管理委员会")
    d = status_of(ctx0.sf, ref.id)
    assert d.status == "dispatched" and d.unit_name == "丰台区城市管理委员会"
    assert [e.action for e in d.events][-3:] == ["return_requested", "return_approved", "redispatch"]


def test_return_rejected_with_a_reason(qtbot, sqlite_url):
    ctx = console(sqlite_url, "dispatcher")
    ref = case_in_state(ctx.sf, ADMIN, "dispatched")
    L.request_return(ctx.sf, ADMIN, ref.id, "不属于本单位")
    tab = make_tab(qtbot, ctx)
    open_case(qtbot, tab, ref.case_no)
    act(qtbot, tab, "reject_return", text="属于街道职责,请继续办理")
    d = status_of(ctx.sf, ref.id)
    assert d.pending_request is None and d.status == "dispatched"
    assert d.events[-1].note == "属于街道职责,请继续办理"


def test_extension_asked_approved_and_rejected(qtbot, sqlite_url):
    ctx0 = console(sqlite_url)
    first = case_in_state(ctx0.sf, ADMIN, "accepted")
    second = case_in_state(ctx0.sf, ADMIN, "accepted")
    unit = status_of(ctx0.sf, first.id).unit_id
    handler_tab = make_tab(qtbot, console(sqlite_url, "handler", unit))
    old = status_of(ctx0.sf, first.id).reply_deadline
    for ref in (first, second):
        open_case(qtbot, handler_tab, ref.case_no)
        act(qtbot, handler_tab, "request_extension", text="需协调产权单位")
    asked = status_of(ctx0.sf, first.id)
    assert asked.pending_request == "extension" and asked.pending_until > old
    tab = make_tab(qtbot, console(sqlite_url, "dispatcher"))
    open_case(qtbot, tab, first.case_no)
    act(qtbot, tab, "approve_extension")
    assert status_of(ctx0.sf, first.id).reply_deadline == asked.pending_until
    open_case(qtbot, tab, second.case_no)
    act(qtbot, tab, "reject_extension", text="可在时限内完成")
    assert status_of(ctx0.sf, second.id).pending_request is None


def test_extension_not_later_than_deadline_is_refused_plainly(qtbot, sqlite_url):
    ctx0 = console(sqlite_url)
    ref = case_in_state(ctx0.sf, ADMIN, "accepted")
    tab = make_tab(qtbot, console(sqlite_url, "admin"))
    open_case(qtbot, tab, ref.case_no)
    deadline = status_of(ctx0.sf, ref.id).reply_deadline
    act(qtbot, tab, "request_extension", text="需协调", until=deadline - timedelta(days=1))
    assert "延期至必须晚于现在的答复时限" in tab.message.text()
    assert status_of(ctx0.sf, ref.id).pending_request is None


def test_dispatcher_merges_a_repeat_into_its_original(qtbot, sqlite_url):
    ctx = console(sqlite_url, "dispatcher")
    original = case_in_state(ctx.sf, ADMIN, "dispatched")
    repeat = case_in_state(ctx.sf, ADMIN, "new")
    tab = make_tab(qtbot, ctx)
    open_case(qtbot, tab, repeat.case_no)
    act(qtbot, tab, "merge", case_no="20000101" + "99999")
    assert "未找到" in tab.message.text() and status_of(ctx.sf, repeat.id).status == "new"
    act(qtbot, tab, "merge", case_no=original.case_no)
    assert status_of(ctx.sf, repeat.id).status == "merged"
    assert status_of(ctx.sf, original.id).repeat_count == 1
    assert f"合并到\n{original.case_no}" in tab.detail.view.toPlainText()


def test_merge_into_the_case_itself_is_refused_with_the_real_reason(qtbot, sqlite_url):
    """Issue 12 item 15: the dialog says it is the case's own number; the service says so too, in Chinese."""
    from app.ui.cases.tab import perform_action

    ctx = console(sqlite_url, "dispatcher")
    repeat = case_in_state(ctx.sf, ADMIN, "new")
    tab = make_tab(qtbot, ctx)
    open_case(qtbot, tab, repeat.case_no)
    qtbot.mouseClick(tab.action_buttons["merge"], Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    qtbot.keyClicks(dialog.case_no, repeat.case_no)
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert dialog.problem.text() == "这是本工单自己的编号:请输入要合并到的另一件(原)工单的编号"
    qtbot.keyClick(dialog.case_no, Qt.Key.Key_Escape)
    tab.action_jobs.start(perform_action, ctx.sf, ctx.actor, "merge", repeat.id, repeat.version,
                          {"case_no": repeat.case_no}, on_done=lambda ref: tab._done("merge", ref), on_error=tab._failed)
    settle(qtbot, tab)
    assert tab.message.text() == f"不能把工单 {repeat.case_no}合并到它自己:请填写另一件(最初受理的)工单的编号"
    assert status_of(ctx.sf, repeat.id).status == "new"


def test_closed_case_reopened_and_new_case_closed(qtbot, sqlite_url):
    ctx = console(sqlite_url, "dispatcher")
    closed = case_in_state(ctx.sf, ADMIN, "closed")
    new = case_in_state(ctx.sf, ADMIN, "new")
    tab = make_tab(qtbot, ctx)
    open_case(qtbot, tab, closed.case_no)
    act(qtbot, tab, "reopen", text="回访不满意,重新办理")
    assert status_of(ctx.sf, closed.id).status == "dispatched"
    open_case(qtbot, tab, new.case_no)
    act(qtbot, tab, "close", text="无效来电")
    assert status_of(ctx.sf, new.id).status == "closed"


def test_change_by_another_workstation_is_shown_plainly_with_fresh_state(qtbot, sqlite_url):
    ctx0 = console(sqlite_url)
    ref = case_in_state(ctx0.sf, ADMIN, "dispatched")
    tab = make_tab(qtbot, console(sqlite_url, "admin"))
    open_case(qtbot, tab, ref.case_no)
    L.sign(ctx0.sf, make_actor("admin"), ref.id)  # the unit signs at its own workstation meanwhile
    act(qtbot, tab, "request_return", text="不属于本单位")
    assert "刚被其他工位修改" in tab.message.text()
    assert status_of(ctx0.sf, ref.id).pending_request is None
    qtbot.waitUntil(lambda: tab.detail.detail.status == "accepted")
    assert "已签收" in tab.detail.view.toPlainText()
    assert tab.action_buttons["reply"].isVisible() and not tab.action_buttons["sign"].isVisible()


@pytest.mark.parametrize("role, offered", [
    ("receptionist", set()),
    ("dispatcher", {"merge"}),
    ("handler", {"sign", "request_return", "request_extension"}),
    ("callback", set()),
    ("supervisor", set()),
])
def test_actions_offered_follow_the_role(qtbot, sqlite_url, role, offered):
    ctx0 = console(sqlite_url)
    ref = case_in_state(ctx0.sf, ADMIN, "dispatched")
    unit = status_of(ctx0.sf, ref.id).unit_id
    tab = make_tab(qtbot, console(sqlite_url, role, unit if role == "handler" else None))
    open_case(qtbot, tab, ref.case_no)
    assert {a for a, b in tab.action_buttons.items() if b.isVisible()} == offered


def test_show_cases_drills_down_and_brings_the_tab_forward(qtbot, sqlite_url):
    ctx = console(sqlite_url)
    d = directory(ctx.sf)
    to_bureau = L.create_case(ctx.sf, ADMIN, form(ctx.sf, unit_id=d.unit_by_name("丰台区城市管理委员会").id))
    L.create_case(ctx.sf, ADMIN, form(ctx.sf))
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QTabWidget(), "other")
    tab = CasesTab(ctx, tabs)
    tabs.addTab(tab, tab.windowTitle())
    settle(qtbot, tab)
    today = clock.today()
    tab.show_cases(unit_id=d.unit_by_name("丰台区城市管理委员会").id, received_from=today.replace(day=1),
                   received_to=today)
    settle(qtbot, tab)
    assert tabs.currentWidget() is tab
    assert shown_numbers(tab) == [to_bureau.case_no]
    assert tab.filters.unit.text() == "丰台区城市管理委员会"
    assert tab.filters.period.currentData() == "custom"
    tab.show_cases(CaseFilter(search=to_bureau.case_no))
    settle(qtbot, tab)
    assert shown_numbers(tab) == [to_bureau.case_no] and tab.filters.unit.text() == ""


def test_dispatch_from_the_keyboard_enter_picks_then_enter_dispatches(qtbot, sqlite_url):
    ctx, ref = dispatcher_and_handler(sqlite_url, "new")
    tab = make_tab(qtbot, ctx)
    open_case(qtbot, tab, ref.case_no)
    qtbot.mouseClick(tab.action_buttons["dispatch"], Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    qtbot.keyClicks(dialog.unit, "mjp")
    qtbot.keyClick(dialog.unit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.unit.text() == "马家堡街道"
    qtbot.keyClick(dialog.unit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    settle(qtbot, tab)
    assert status_of(ctx.sf, ref.id).unit_name == "马家堡街道"


def test_ctrl_f_goes_to_the_search_from_anywhere_and_a_new_word_replaces_the_last(qtbot, sqlite_url):
    """A dispatcher reading a case searches again without the mouse: Ctrl+F, type, Enter."""
    ctx = console(sqlite_url, "dispatcher")
    heating = L.create_case(ctx.sf, ADMIN, form(ctx.sf, description="暖气片不热,家中温度只有十四度"))
    ramp = L.create_case(ctx.sf, ADMIN, form(ctx.sf, phone="13900001111"))  # 无障碍坡道损坏
    tab = make_tab(qtbot, ctx)
    open_case(qtbot, tab, ramp.case_no)
    qtbot.keyClick(tab.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is tab.filters.search
    type_text(qtbot, tab.filters.search, "暖气")
    qtbot.keyClick(tab.filters.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown_numbers(tab) == [heating.case_no])
    open_case(qtbot, tab, heating.case_no)
    qtbot.keyClick(tab.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is tab.filters.search and tab.filters.search.selectedText() == "暖气"
    type_text(qtbot, tab.filters.search, "坡道")  # the last word is selected: typing replaces it
    qtbot.keyClick(tab.filters.search, Qt.Key.Key_Return)
    assert tab.filters.search.text() == "坡道"
    qtbot.waitUntil(lambda: shown_numbers(tab) == [ramp.case_no])


def test_lost_database_is_reported_under_the_table(qtbot, sqlite_url, tmp_path):
    from app import db

    ctx = console(sqlite_url)
    tab = make_tab(qtbot, ctx)
    ctx.read_sf = db.make_session_factory(db.make_engine(f"sqlite:///{tmp_path}/gone/missing.db"))
    type_text(qtbot, tab.filters.search, "暖气")
    qtbot.keyClick(tab.filters.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.loading.text().startswith("读取失败"))
    assert "无法访问数据库" in tab.loading.text()
    assert tab.model.rows == []


def test_unit_handler_opens_on_its_open_cases_most_overdue_first(qtbot, sqlite_url):
    """Issue 12 item 12: 待办 (open cases, the most overdue first) instead of every case of the unit."""
    ctx0 = console(sqlite_url)
    street = directory(ctx0.sf).unit_by_name("太平桥街道").id
    late = L.create_case(ctx0.sf, ADMIN, form(ctx0.sf, received_at=clock.now() - timedelta(days=9)))
    later = L.create_case(ctx0.sf, ADMIN, form(ctx0.sf, received_at=clock.now() - timedelta(days=8)))
    fresh = case_in_state(ctx0.sf, ADMIN, "accepted")
    done = [case_in_state(ctx0.sf, ADMIN, state) for state in ("replied", "closed", "closed")]
    tab = make_tab(qtbot, console(sqlite_url, "handler", street))
    todo = tab.filters.state_buttons["todo"]
    assert todo.isChecked() and not tab.filters.state_buttons["all"].isChecked()
    assert shown_numbers(tab) == [late.case_no, later.case_no, fresh.case_no]
    assert todo.text() == "待办 3" and tab.filters.state_buttons["all"].text() == "全部 6"
    header = tab.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (3, Qt.SortOrder.AscendingOrder)
    qtbot.mouseClick(tab.filters.state_buttons["all"], Qt.MouseButton.LeftButton)
    settle(qtbot, tab)
    assert set(shown_numbers(tab)) == {r.case_no for r in [late, later, fresh, *done]} and not todo.isChecked()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (1, Qt.SortOrder.DescendingOrder)
    qtbot.mouseClick(todo, Qt.MouseButton.LeftButton)
    settle(qtbot, tab)
    assert shown_numbers(tab) == [late.case_no, later.case_no, fresh.case_no]
    assert "todo" not in make_tab(qtbot, console(sqlite_url, "dispatcher")).filters.state_buttons


def test_main_window_shows_the_handlers_unit(qtbot, sqlite_url):
    from PySide6.QtWidgets import QLabel

    from app.ui.main_window import MainWindow

    ctx = console(sqlite_url, "handler", directory(console(sqlite_url).sf).unit_by_name("太平桥街道").id)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.statusBar().findChild(QLabel, "statusUnit").text() == "单位:太平桥街道"
    dispatcher = MainWindow(console(sqlite_url, "dispatcher"))
    qtbot.addWidget(dispatcher)
    assert dispatcher.statusBar().findChild(QLabel, "statusUnit") is None


def test_reply_without_contact_asks_why_the_citizen_was_not_reached(qtbot, sqlite_url):
    """Issue 12 item 12: the reply dialog of a case nobody contacted needs the reason; it goes into the timeline."""
    ctx0 = console(sqlite_url)
    ref = case_in_state(ctx0.sf, ADMIN, "accepted")
    tab = make_tab(qtbot, console(sqlite_url, "handler", status_of(ctx0.sf, ref.id).unit_id))
    open_case(qtbot, tab, ref.case_no)
    qtbot.mouseClick(tab.action_buttons["reply"], Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.no_contact is not None and dialog.no_contact.isVisible()
    type_text(qtbot, dialog.text, "坡道已修复")
    assert not ok.isEnabled() and "尚未联系诉求人" in dialog.problem.text()
    type_text(qtbot, dialog.no_contact, "三次拨打均无人接听")
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    settle(qtbot, tab)  # the action, then the reloads it starts
    d = status_of(ctx0.sf, ref.id)
    assert d.status == "replied" and d.contacted_at is None
    assert [(e.action, e.note) for e in d.events][-2:] == [("no_contact", "三次拨打均无人接听"), ("reply", "坡道已修复")]
    assert "未能联系诉求人" in tab.detail.view.toPlainText()


def test_a_locked_database_says_busy_and_the_action_works_when_tried_again(qtbot, sqlite_url, monkeypatch):
    """Issue 12 item 20: another program holds SQLite's write lock; not "check the network", not OperationalError."""
    import sqlite3

    from sqlalchemy.engine import make_url

    from app import db

    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 300)  # the console gives up after 0.3 s instead of 10 s
    ctx = console(sqlite_url, "dispatcher")
    ref = case_in_state(ctx.sf, ADMIN, "new")
    tab = make_tab(qtbot, ctx)
    open_case(qtbot, tab, ref.case_no)
    other = sqlite3.connect(make_url(sqlite_url).database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # e.g. a backup or another console in the middle of a long write
    try:
        act(qtbot, tab, "close", text="无效来电")
        text = tab.message.text()
        assert text == "数据库正忙(其他工位正在保存),本次操作没有完成,请稍后再试一次"
        assert "网络" not in text and "Error" not in text
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert status_of(ctx.sf, ref.id).status == "new"  # nothing half-written
    act(qtbot, tab, "close", text="无效来电")  # tried again: done
    assert status_of(ctx.sf, ref.id).status == "closed" and tab.message.text().startswith("已办结")


def test_common_word_shows_an_estimated_count(qtbot, sqlite_url, monkeypatch):
    """A word in very many cases (here: more than a lowered threshold) shows "约…" counts from the word
    index instead of counting every case; a rare word shows exact counts again."""
    from app.services import case_queries

    monkeypatch.setattr(case_queries, "WORD_CANDIDATES_BY_ID", 4)
    monkeypatch.setattr(case_queries, "ESTIMATE_SAMPLE", 2)
    ctx = console(sqlite_url, "dispatcher")
    for i in range(8):
        L.create_case(ctx.sf, ADMIN, form(ctx.sf, description=f"楼上漏水第{i}次"))
    rare = L.create_case(ctx.sf, ADMIN, form(ctx.sf, description="电梯困人"))
    tab = make_tab(qtbot, ctx)
    type_text(qtbot, tab.filters.search, "漏水")
    qtbot.keyClick(tab.filters.search, Qt.Key.Key_Return)
    settle(qtbot, tab)
    assert len(shown_numbers(tab)) == 8
    all_button = tab.filters.state_buttons["all"]
    assert all_button.text().startswith("全部 约") and all_button.toolTip()
    tab.filters.search.clear()
    type_text(qtbot, tab.filters.search, "电梯")
    qtbot.keyClick(tab.filters.search, Qt.Key.Key_Return)
    settle(qtbot, tab)
    assert shown_numbers(tab) == [rare.case_no]
    assert all_button.text() == "全部 1" and not all_button.toolTip()
