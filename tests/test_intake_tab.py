"""The receptionist at the intake tab: typing a call, the caller's history, repeat calls, duplicates, drafts."""
from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QTextBrowser
from sqlalchemy import select

from app import db
from app.models import Case, CaseEvent
from app.services import lifecycle as L
from app.ui.intake.draft_store import DraftStore
from app.ui.intake.tab import IntakeTab
from tests.conftest import make_actor
from tests.factories import case_in_state, directory, form
from tests.ui_helpers import console, type_text, wait_idle


def make_tab(qtbot, ctx, tmp_path, owned_by_test: bool = True) -> IntakeTab:
    tab = IntakeTab(ctx, draft_store=DraftStore(tmp_path / "draft.json"))
    if owned_by_test:
        qtbot.addWidget(tab)
    tab.resize(1300, 850)
    tab.show()
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    return tab


def back_to_window(qtbot, widget) -> None:
    """Offscreen, a popup (a picker's list of matches) takes the window's activation and does not give it
    back when it closes: give it back now, as a desktop does at once (coming later, it moves the focus)."""
    window = widget.window()
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)


def press(qtbot, widget, key) -> None:
    """A key as the window system delivers it: to an open popup (a picker's list of matches) first."""
    qtbot.keyClick(QApplication.activePopupWidget() or widget, key)
    back_to_window(qtbot, widget)


def pick(qtbot, picker, typed: str) -> None:
    picker.setFocus()
    type_text(qtbot, picker, typed)
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    back_to_window(qtbot, picker)


def choose_category(qtbot, tab, typed: str) -> None:
    f = tab.form.category.filter
    f.setFocus()
    type_text(qtbot, f, typed)
    qtbot.keyClick(f, Qt.Key.Key_Return)
    back_to_window(qtbot, f)  # its list of matches is a popup too


def fill_call(qtbot, tab, phone="13812345678", street="tpq", community="tlbl", category="无障碍",
              description="小区门口无障碍坡道损坏") -> None:
    type_text(qtbot, tab.form.phone, phone)
    type_text(qtbot, tab.form.name, "张女士")
    pick(qtbot, tab.form.street, street)
    pick(qtbot, tab.form.community, community)
    type_text(qtbot, tab.form.address, "天伦北里5号楼")
    choose_category(qtbot, tab, category)
    type_text(qtbot, tab.form.description, description)


def stored_cases(url):
    engine = db.make_engine(url)
    with db.make_session_factory(engine)() as s:
        cases = list(s.scalars(select(Case).order_by(Case.id)))
        events = list(s.scalars(select(CaseEvent).order_by(CaseEvent.id)))
    engine.dispose()
    return cases, events


def test_receptionist_saves_and_dispatches_with_ctrl_enter(qtbot, sqlite_url, tmp_path):
    ctx = console(sqlite_url, "receptionist")
    tab = make_tab(qtbot, ctx, tmp_path)
    assert not tab.save_button.isEnabled()
    fill_call(qtbot, tab)
    assert tab.form.street.text() == "太平桥街道" and tab.form.community.text() == "天伦北里社区"
    assert tab.save_button.isEnabled() and "Ctrl+Enter" in tab.save_button.text()
    qtbot.waitUntil(lambda: "太平桥街道" in tab.form.suggestion.text())  # 无障碍设施 goes to the street
    assert "前答复" in tab.form.suggestion.text()
    qtbot.keyClick(tab.form.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已受理并派单" in tab.result.text())
    cases, _events = stored_cases(sqlite_url)
    assert len(cases) == 1 and cases[0].status == "dispatched" and cases[0].caller_phone == "13812345678"
    assert cases[0].case_no in tab.result.text()
    assert tab.form.phone.text() == "" and tab.form.description.toPlainText() == "" and tab.form.category.value is None
    assert tab.focusWidget() is tab.form.phone
    assert not any(label.isVisible() for label in tab.form.errors.values())
    qtbot.keyClick(tab.form.phone, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert QGuiApplication.clipboard().text() == cases[0].case_no


def test_every_validation_message_in_place(qtbot, sqlite_url, tmp_path):
    """Messages come on leaving a field (or on save), never while typing, and go as soon as fixed."""
    tab = make_tab(qtbot, console(sqlite_url), tmp_path)
    form, errors = tab.form, tab.form.errors

    def y(widget) -> int:
        return widget.mapTo(tab, QPoint(0, 0)).y()

    rows = [form.name, form.street, form.address, form.description, form.unit, form.answer, tab.save_button]
    before = [y(w) for w in rows]
    type_text(qtbot, form.phone, "1381234")
    assert not errors["phone"].isVisible()  # still typing
    qtbot.keyClick(form.phone, Qt.Key.Key_Tab)
    assert errors["phone"].isVisible() and "格式不对" in errors["phone"].text()
    form.phone.setFocus()
    type_text(qtbot, form.phone, "5678")
    assert not errors["phone"].isVisible()  # fixed: the message goes at once
    form.phone.selectAll()
    qtbot.keyClick(form.phone, Qt.Key.Key_Backspace)
    assert not errors["phone"].isVisible()
    qtbot.keyClick(form.phone, Qt.Key.Key_Tab)
    assert errors["phone"].text() == "来电号码必须填写" and errors["phone"].isVisible()
    form.phone.setFocus()
    type_text(qtbot, form.phone, "010-63812345-123")
    assert not errors["phone"].isVisible()
    assert "尚不能保存" in tab.save_button.toolTip() and "街道/乡镇必须填写" in tab.save_button.toolTip()
    assert "尚缺 3 项" in tab.save_button.text() and tab.readiness.text() == ""
    type_text(qtbot, form.name, "张" * 65)
    assert not errors["name"].isVisible()
    qtbot.keyClick(form.name, Qt.Key.Key_Tab)
    assert errors["name"].text() == "来电人太长(最多 64 字)"
    form.street.setFocus()
    type_text(qtbot, form.street, "m")  # the "街道/乡镇不存在:mjb" at the first key
    assert not errors["street"].isVisible()
    type_text(qtbot, form.street, "jb")
    assert not errors["street"].isVisible()
    press(qtbot, form.street, Qt.Key.Key_Tab)  # leaving: the single match is taken, nothing to say
    assert form.street.text() == "马家堡街道" and not errors["street"].isVisible()
    form.street.clear()
    type_text(qtbot, form.street, "不存在的街道")
    assert not errors["street"].isVisible()
    press(qtbot, form.street, Qt.Key.Key_Tab)
    assert errors["street"].text() == "街道/乡镇不存在:不存在的街道"
    form.street.clear()
    pick(qtbot, form.street, "mjp")  # 马家堡街道
    form.community.setFocus()
    type_text(qtbot, form.community, "天伦北里社区")  # typed in full: a community of another street
    assert not errors["community"].isVisible()
    press(qtbot, form.community, Qt.Key.Key_Tab)
    assert errors["community"].text() == "社区/村不属于所选街道"
    assert [y(w) for w in rows] == before  # every message line was there already: nothing moved
    form.community.clear()
    # Ctrl+Enter with fields missing shows every message and puts the cursor on the first
    qtbot.keyClick(form.address, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert errors["category"].text() == "诉求分类必须填写"
    assert errors["description"].text() == "诉求内容必须填写"
    assert "尚不能保存" in tab.readiness.text()
    assert tab.focusWidget() is form.name
    assert [y(w) for w in rows] == before
    form.name.clear()
    choose_category(qtbot, tab, "zcz")  # 政策咨询
    type_text(qtbot, form.description, "问老年卡办理地点")
    form.request_type.setFocus()
    qtbot.keyClick(form.request_type, Qt.Key.Key_Up)  # 求助 → 咨询
    qtbot.keyClick(form.description, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert errors["answer"].text() == "答复内容必须填写" and tab.focusWidget() is form.answer
    assert stored_cases(sqlite_url)[0] == []


def test_receptionist_answers_a_consultation_at_once(qtbot, sqlite_url, tmp_path):
    tab = make_tab(qtbot, console(sqlite_url, "receptionist"), tmp_path)
    type_text(qtbot, tab.form.phone, "13600001111")
    choose_category(qtbot, tab, "政策咨询")
    type_text(qtbot, tab.form.description, "问老年卡办理地点")
    type_text(qtbot, tab.form.answer, "已告知到户籍所在社区办理")
    assert not tab.answer_button.isEnabled()  # 求助 (the default type) is not answered on the phone
    tab.form.request_type.setFocus()
    qtbot.keyClick(tab.form.request_type, Qt.Key.Key_Up)  # 求助 → 咨询
    assert tab.answer_button.isEnabled()
    qtbot.mouseClick(tab.answer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "直接答复" in tab.result.text())
    cases, _ = stored_cases(sqlite_url)
    assert cases[0].status == "replied" and cases[0].reply_text == "已告知到户籍所在社区办理"


def test_receptionist_links_repeat_call_with_ctrl_l(qtbot, sqlite_url, tmp_path):
    ctx = console(sqlite_url, "receptionist")
    closed = case_in_state(ctx.sf, make_actor("admin"), "closed", phone="13900001111")
    open_ = case_in_state(ctx.sf, make_actor("admin"), "dispatched", phone="13900001111")
    tab = make_tab(qtbot, ctx, tmp_path)
    type_text(qtbot, tab.form.phone, "1390000111")
    assert tab.history.list.topLevelItemCount() == 0
    type_text(qtbot, tab.form.phone, "1")
    qtbot.waitUntil(lambda: tab.history.list.topLevelItemCount() == 2)
    items = [tab.history.list.topLevelItem(i).text(0) for i in range(2)]
    assert items == [open_.case_no, closed.case_no]  # open first
    assert tab.history.list.topLevelItem(0).text(2) == "已派单"
    assert "未办结 1 件" in tab.history.status.text()
    assert "Ctrl+L" in tab.link_button.toolTip()
    type_text(qtbot, tab.form.description, "又来电催办")
    qtbot.keyClick(tab.form.description, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "重复来电" in tab.result.text())
    cases, events = stored_cases(ctx.engine.url.render_as_string(hide_password=False))
    linked = next(c for c in cases if c.id == open_.id)
    assert linked.repeat_count == 1 and len(cases) == 2
    assert events[-1].action == "repeat_call" and events[-1].note == "又来电催办"
    assert tab.form.phone.text() == "" and tab.history.list.topLevelItemCount() == 0


def test_ctrl_l_on_a_caller_without_open_cases_says_why(qtbot, sqlite_url, tmp_path):
    ctx = console(sqlite_url, "receptionist")
    case_in_state(ctx.sf, make_actor("admin"), "closed", phone="13900001111")
    tab = make_tab(qtbot, ctx, tmp_path)
    qtbot.keyClick(tab.form.phone, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert tab.result.text() == "请先输入来电号码,再在历史诉求中选择要关联的未办结工单"
    type_text(qtbot, tab.form.phone, "13900001111")
    qtbot.waitUntil(lambda: tab.history.list.topLevelItemCount() == 1)
    assert not tab.link_button.isEnabled()
    qtbot.keyClick(tab.form.phone, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert tab.result.text() == "请在历史诉求中选择一件未办结的工单再关联"


def test_possible_duplicates_are_shown_and_open(qtbot, sqlite_url, tmp_path):
    ctx = console(sqlite_url, "receptionist")
    earlier = case_in_state(ctx.sf, make_actor("admin"), "dispatched", phone="13700000000")
    tab = make_tab(qtbot, ctx, tmp_path)
    pick(qtbot, tab.form.street, "太平桥")
    pick(qtbot, tab.form.community, "tlbl")
    assert tab.duplicates.list.topLevelItemCount() == 0
    choose_category(qtbot, tab, "wza")  # 无障碍设施
    qtbot.waitUntil(lambda: tab.duplicates.list.topLevelItemCount() == 1)
    assert tab.duplicates.list.topLevelItem(0).text(0) == earlier.case_no
    assert "可能是同一问题" in tab.duplicates.status.text()
    tab.duplicates.list.setFocus()
    tab.duplicates.list.setCurrentItem(tab.duplicates.list.topLevelItem(0))
    qtbot.keyClick(tab.duplicates.list, Qt.Key.Key_Return)
    dialog = tab.findChild(QDialog, "caseDetailDialog")
    assert dialog is not None
    view = dialog.findChild(QTextBrowser, "caseDetailView")
    qtbot.waitUntil(lambda: earlier.case_no in view.toPlainText())
    assert "办理过程" in view.toPlainText()


def test_pinyin_initials_pick_street_and_community(qtbot, sqlite_url, tmp_path):
    tab = make_tab(qtbot, console(sqlite_url), tmp_path)
    d = directory(tab.ctx.sf)
    tab.form.community.setFocus()
    type_text(qtbot, tab.form.community, "tlbl")
    assert tab.form.community.suggestions()[0] == "天伦北里社区"
    qtbot.keyClick(tab.form.community, Qt.Key.Key_Return)
    assert tab.form.community.value == d.unit_by_name("天伦北里社区").id
    pick(qtbot, tab.form.street, "cxd")
    assert tab.form.street.value == d.unit_by_name("长辛店街道").id
    assert tab.form.community.value is None  # 天伦北里 is not in 长辛店
    assert tab.form.errors["community"].isHidden()


def test_category_tree_marks_key_topics_and_filters_by_pinyin(qtbot, sqlite_url, tmp_path):
    tab = make_tab(qtbot, console(sqlite_url), tmp_path)
    picker = tab.form.category
    type_text(qtbot, picker.filter, "tcgl")
    parent = picker.proxy.index(0, 0)
    assert parent.data() == "交通管理"
    assert picker.proxy.rowCount(parent) == 1
    assert picker.proxy.index(0, 0, parent).data() == "停车管理 ★2022重点"
    qtbot.keyClick(picker.filter, Qt.Key.Key_Down)
    assert tab.focusWidget() is picker.tree
    qtbot.keyClick(picker.tree, Qt.Key.Key_Down)
    assert picker.value == directory(tab.ctx.sf).category_by_name("停车管理").id


def test_receptionist_overrides_unit_and_tier(qtbot, sqlite_url, tmp_path):
    tab = make_tab(qtbot, console(sqlite_url, "receptionist"), tmp_path)
    d = directory(tab.ctx.sf)
    fill_call(qtbot, tab)
    pick(qtbot, tab.form.unit, "丰台区城市管理委员会")
    tab.form.tier.setCurrentIndex(tab.form.tier.findData("urgent"))
    qtbot.waitUntil(lambda: "24小时答复" in tab.form.suggestion.text())
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已受理" in tab.result.text())
    case = stored_cases(tab.ctx.engine.url.render_as_string(hide_password=False))[0][0]
    assert case.unit_id == d.unit_by_name("丰台区城市管理委员会").id and case.deadline_tier == "urgent"


def test_draft_survives_a_crash_and_is_offered_back(qtbot, sqlite_url, tmp_path):
    ctx = console(sqlite_url)
    tab = make_tab(qtbot, ctx, tmp_path, owned_by_test=False)
    assert not tab.draft_bar.isVisible()
    type_text(qtbot, tab.form.phone, "13812345678")
    pick(qtbot, tab.form.community, "tlbl")
    type_text(qtbot, tab.form.description, "楼道灯不亮")
    draft = tmp_path / "draft.json"
    qtbot.waitUntil(lambda: draft.exists() and "楼道灯不亮" in draft.read_text(encoding="utf-8"))
    with qtbot.waitSignal(tab.destroyed):
        tab.deleteLater()  # the crash: the widget is gone, nothing was saved
    again = make_tab(qtbot, ctx, tmp_path)
    assert again.draft_bar.isVisible() and "13812345678" in again.draft_label.text()
    qtbot.mouseClick(again.draft_bar.findChild(QPushButton, "restoreDraftButton"), Qt.MouseButton.LeftButton)
    assert again.form.phone.text() == "13812345678"
    assert again.form.community.text() == "天伦北里社区"
    assert again.form.description.toPlainText() == "楼道灯不亮"
    assert not again.draft_bar.isVisible()
    qtbot.waitUntil(lambda: "13812345678" in again.history.status.text())


def test_discarded_draft_is_not_offered_again(qtbot, sqlite_url, tmp_path):
    ctx = console(sqlite_url)
    DraftStore(tmp_path / "draft.json").save({"phone": "13812345678"})
    tab = make_tab(qtbot, ctx, tmp_path)
    qtbot.mouseClick(tab.draft_bar.findChild(QPushButton, "discardDraftButton"), Qt.MouseButton.LeftButton)
    assert tab.form.phone.text() == "" and not (tmp_path / "draft.json").exists()
    assert not make_tab(qtbot, ctx, tmp_path).draft_bar.isVisible()


def test_lost_database_keeps_what_was_typed(qtbot, sqlite_url, tmp_path):
    ctx = console(sqlite_url, "receptionist")
    tab = make_tab(qtbot, ctx, tmp_path)
    fill_call(qtbot, tab)
    tab.ctx.sf = db.make_session_factory(db.make_engine(f"sqlite:///{tmp_path}/gone/missing.db"))
    qtbot.keyClick(tab.form.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "未保存" in tab.result.text())
    assert "草稿" in tab.result.text() and "无法访问数据库" in tab.result.text()
    assert tab.form.phone.text() == "13812345678" and tab.form.description.toPlainText() == "小区门口无障碍坡道损坏"
    assert "小区门口无障碍坡道损坏" in (tmp_path / "draft.json").read_text(encoding="utf-8")
    assert stored_cases(sqlite_url)[0] == []
    assert tab.save_button.isEnabled()


def test_role_without_intake_right_is_told_and_keeps_the_form(qtbot, sqlite_url, tmp_path):
    tab = make_tab(qtbot, console(sqlite_url, "callback"), tmp_path)
    fill_call(qtbot, tab)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "未保存" in tab.result.text())
    assert "回访员" in tab.result.text() and tab.form.phone.text() == "13812345678"


def test_history_lookup_is_a_background_job(qtbot, sqlite_url, tmp_path):
    ctx = console(sqlite_url)
    case_in_state(ctx.sf, make_actor("admin"), "new", phone="13900001111")
    tab = make_tab(qtbot, ctx, tmp_path)
    type_text(qtbot, tab.form.phone, "13900001111")
    wait_idle(qtbot, tab.history_jobs)
    assert tab.history.list.topLevelItemCount() == 1


def test_history_lookup_on_a_lost_database_says_so(qtbot, sqlite_url, tmp_path):
    tab = make_tab(qtbot, console(sqlite_url), tmp_path)
    tab.ctx.read_sf = db.make_session_factory(db.make_engine(f"sqlite:///{tmp_path}/gone/missing.db"))
    type_text(qtbot, tab.form.phone, "13812345678")
    qtbot.waitUntil(lambda: tab.history.status.text().startswith("查询失败"))
    assert tab.history.list.topLevelItemCount() == 0


def test_next_call_inherits_no_street_community_or_unit(qtbot, sqlite_url, tmp_path):
    """Call 1 picks street, community and unit by Enter; call 2 goes through those fields empty with Tab,
    pressing Enter in them on the way (a receptionist confirming an empty field)."""
    tab = make_tab(qtbot, console(sqlite_url, "receptionist"), tmp_path)
    d = directory(tab.ctx.sf)
    form = tab.form
    type_text(qtbot, form.phone, "13812345678")
    pick(qtbot, form.street, "mjb")
    pick(qtbot, form.community, "jyel")
    choose_category(qtbot, tab, "无障碍")
    type_text(qtbot, form.description, "小区门口无障碍坡道损坏")
    pick(qtbot, form.unit, "swj")
    assert (form.street.text(), form.community.text(), form.unit.text()) == ("马家堡街道", "嘉园二里社区", "丰台区水务局")
    qtbot.keyClick(form.unit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已受理" in tab.result.text())
    assert tab.focusWidget() is form.phone
    # call 2: the phone, then Tab through every field, typing only the category and the description
    type_text(qtbot, form.phone, "13900002222")
    for _ in range(5):  # name, channel, type, urgency, 保密
        qtbot.keyClick(tab.focusWidget(), Qt.Key.Key_Tab)
    for picker in (form.street, form.community):
        qtbot.keyClick(tab.focusWidget(), Qt.Key.Key_Tab)
        assert tab.focusWidget() is picker and picker.text() == ""
        qtbot.keyClick(picker, Qt.Key.Key_Return)
    for _ in range(2):  # address, category filter
        qtbot.keyClick(tab.focusWidget(), Qt.Key.Key_Tab)
    assert tab.focusWidget() is form.category.filter
    type_text(qtbot, form.category.filter, "噪音")
    qtbot.keyClick(form.category.filter, Qt.Key.Key_Return)  # takes the first leaf, the cursor goes to the tree
    qtbot.keyClick(tab.focusWidget(), Qt.Key.Key_Tab)
    assert tab.focusWidget() is form.description
    type_text(qtbot, form.description, "楼下饭店夜间噪声扰民")
    qtbot.keyClick(form.description, Qt.Key.Key_Tab)
    assert tab.focusWidget() is form.unit
    qtbot.keyClick(form.unit, Qt.Key.Key_Return)
    qtbot.keyClick(form.unit, Qt.Key.Key_Tab)
    assert tab.focusWidget() is form.tier
    assert (form.street.value, form.community.value, form.unit.value) == (None, None, None)
    assert (form.street.text(), form.community.text(), form.unit.text()) == ("", "", "")
    qtbot.keyClick(form.tier, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert form.errors["street"].text() == "街道/乡镇必须填写" and tab.focusWidget() is form.street
    assert len(stored_cases(sqlite_url)[0]) == 1  # nothing saved without a street
    pick(qtbot, form.street, "tpq")
    qtbot.keyClick(form.street, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.result.text().count("已受理") == 1 and len(stored_cases(sqlite_url)[0]) == 2)
    second = stored_cases(sqlite_url)[0][1]
    assert second.street_id == d.unit_by_name("太平桥街道").id and second.community_id is None
    assert second.unit_id != d.unit_by_name("丰台区水务局").id


def test_a_call_no_unit_can_take_is_saved_for_the_dispatcher_and_says_so(qtbot, sqlite_url, tmp_path):
    """政策咨询 goes to the hotline centre, which takes no dispatch: the preview and the result say so."""
    tab = make_tab(qtbot, console(sqlite_url, "receptionist"), tmp_path)
    type_text(qtbot, tab.form.phone, "13600001111")
    pick(qtbot, tab.form.street, "tpq")
    choose_category(qtbot, tab, "zcz")  # 政策咨询
    type_text(qtbot, tab.form.description, "问老年卡办理地点,要求书面答复")
    qtbot.waitUntil(lambda: "待派单员派单" in tab.form.suggestion.text())
    assert tab.form.suggestion.text().startswith("建议承办单位:无(丰台区城市管理监督指挥中心不接收派单")
    assert tab.save_button.text().startswith("保存,待派单")
    qtbot.keyClick(tab.form.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已受理" in tab.result.text())
    case = stored_cases(sqlite_url)[0][0]
    assert (case.status, case.unit_id) == ("new", None)
    assert tab.result.text() == f"已受理,未派单:工单 {case.case_no} 没有可派的承办单位,已留待派单员派单"
    assert "已受理并派单" not in tab.result.text()
    # the next call, to a street: dispatched, and the result names the unit
    fill_call(qtbot, tab)
    qtbot.waitUntil(lambda: "太平桥街道" in tab.form.suggestion.text())
    assert tab.save_button.text() == "保存并派单 (Ctrl+Enter)"
    qtbot.keyClick(tab.form.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已受理并派单" in tab.result.text())
    assert tab.result.text().endswith("承办单位 太平桥街道")


def test_a_report_is_confidential_by_default_and_the_box_is_on_the_keyboard_path(qtbot, sqlite_url, tmp_path):
    tab = make_tab(qtbot, console(sqlite_url, "receptionist"), tmp_path)
    form = tab.form

    def call(phone: str, downs: int, space: bool) -> None:
        # the last call's pickers opened popups: the window has its activation back before the next call
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
        back_to_window(qtbot, form.phone)
        qtbot.wait(50)  # a late activation event moves the focus: let it come before the first key
        form.phone.setFocus()
        type_text(qtbot, form.phone, phone)
        for _ in range(3):  # name, channel, request type
            qtbot.keyClick(tab.focusWidget(), Qt.Key.Key_Tab)
        assert tab.focusWidget() is form.request_type
        for _ in range(downs):  # 求助 → 投诉 → 举报
            qtbot.keyClick(form.request_type, Qt.Key.Key_Down)
        qtbot.keyClick(form.request_type, Qt.Key.Key_Tab)
        qtbot.keyClick(form.urgency, Qt.Key.Key_Tab)
        assert tab.focusWidget() is form.confidential
        if space:
            qtbot.keyClick(form.confidential, Qt.Key.Key_Space)
        qtbot.keyClick(form.confidential, Qt.Key.Key_Tab)
        assert tab.focusWidget() is form.street
        pick(qtbot, form.street, "tpq")
        choose_category(qtbot, tab, "无障碍")
        type_text(qtbot, form.description, "有人私占盲道经营")
        qtbot.keyClick(form.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: form.phone.text() == "" and phone[-4:] not in form.phone.text())

    call("13800000001", 2, space=False)  # 举报: checked by itself
    assert not form.confidential.isChecked()  # the next call starts unchecked
    call("13800000002", 2, space=True)  # 举报, the caller does not mind being named
    call("13800000003", 1, space=True)  # 投诉, the caller asks for 保密
    call("13800000004", 1, space=False)  # 投诉
    cases = stored_cases(sqlite_url)[0]
    assert [(c.request_type, c.confidential) for c in cases] == [
        ("report", True), ("report", False), ("complaint", True), ("complaint", False)]
    assert form.confidential.toolTip().startswith("来电人要求保密")


def test_history_shows_the_true_count_when_the_list_is_cut(qtbot, sqlite_url, tmp_path):
    ctx = console(sqlite_url, "receptionist")
    admin = make_actor("admin")
    for i in range(IntakeTab.HISTORY_LIMIT + 2):
        L.create_case(ctx.sf, admin, form(ctx.sf, phone="13900001111", received_at=datetime(2021, 1, 1) + timedelta(days=i)))
    closed = case_in_state(ctx.sf, admin, "closed", phone="13900001111")
    tab = make_tab(qtbot, ctx, tmp_path)
    type_text(qtbot, tab.form.phone, "13900001111")
    qtbot.waitUntil(lambda: tab.history.list.topLevelItemCount() > 0)
    n = IntakeTab.HISTORY_LIMIT
    assert tab.history.list.topLevelItemCount() == n
    assert tab.history.status.text() == f"13900001111:共 {n + 3} 件,未办结 {n + 2} 件,显示最近 {n} 件(未办结的在前)"
    assert closed.case_no not in [tab.history.list.topLevelItem(i).text(0) for i in range(n)]


def test_a_call_without_a_number_is_recorded_with_its_reason_by_keyboard(qtbot, sqlite_url, tmp_path):
    ctx = console(sqlite_url, "receptionist")
    case_in_state(ctx.sf, make_actor("admin"), "dispatched", phone="13900001111")
    tab = make_tab(qtbot, ctx, tmp_path)
    form = tab.form
    type_text(qtbot, form.phone, "139")
    qtbot.keyClick(form.phone, Qt.Key.Key_Tab)
    assert tab.focusWidget() is form.name  # with a number typed, the box is not on the way
    form.phone.setFocus()
    form.phone.clear()
    qtbot.keyClick(form.phone, Qt.Key.Key_Tab)
    assert tab.focusWidget() is form.no_number
    qtbot.keyClick(form.no_number, Qt.Key.Key_Space)
    assert form.no_number.isChecked() and not form.phone.isEnabled() and form.no_number_reason.isVisible()
    qtbot.keyClick(form.no_number, Qt.Key.Key_Tab)
    assert tab.focusWidget() is form.no_number_reason
    pick(qtbot, form.street, "tpq")
    choose_category(qtbot, tab, "无障碍")
    type_text(qtbot, form.description, "盲道被占")
    qtbot.keyClick(form.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert form.errors["phone"].text() == "无号码原因必须填写" and tab.focusWidget() is form.no_number_reason
    assert len(stored_cases(sqlite_url)[0]) == 1
    qtbot.keyClick(form.no_number_reason, Qt.Key.Key_Down)  # the first reason offered
    assert form.no_number_reason.currentText() == "主叫隐藏号码" and not form.errors["phone"].isVisible()
    qtbot.keyClick(form.no_number_reason, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert tab.result.text() == "无号码的来电没有按号码的历史诉求,不能关联为重复来电"
    assert tab.history.list.topLevelItemCount() == 0
    qtbot.keyClick(form.no_number_reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已受理" in tab.result.text())
    case = stored_cases(sqlite_url)[0][-1]
    assert (case.caller_phone, case.no_phone_reason, case.status) == (None, "主叫隐藏号码", "dispatched")
    assert not form.no_number.isChecked() and form.phone.isEnabled() and not form.no_number_reason.isVisible()


def test_a_draft_belongs_to_the_staff_account_not_to_the_computer(qtbot, sqlite_url, tmp_path, monkeypatch):
    """Two staff members on one PC (one OS user): the second is not offered the first one's draft."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "profile"))
    li = console(sqlite_url, actor=make_actor("receptionist", staff_id=7))
    shared = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    assert shared.is_relative_to(tmp_path / "profile")
    shared.mkdir(parents=True)
    (shared / "intake-draft.json").write_text('{"saved_at": "2022-08-01 09:00", "fields": {"phone": "13812345678"}}',
                                              encoding="utf-8")  # left by an earlier version: nobody's
    first = IntakeTab(li)
    qtbot.addWidget(first)
    assert not first.draft_bar.isVisible() and not (shared / "intake-draft.json").exists()
    assert str(first.drafts.path).startswith(str(tmp_path / "profile"))
    type_text(qtbot, first.form.phone, "13900001111")
    type_text(qtbot, first.form.description, "楼道灯不亮")
    qtbot.waitUntil(first.drafts.path.exists)
    with qtbot.waitSignal(first.destroyed):
        first.deleteLater()  # the console closes (or crashes) with the call half taken
    wang = console(sqlite_url, actor=make_actor("receptionist", staff_id=8))
    second = IntakeTab(wang)
    qtbot.addWidget(second)
    second.show()
    assert not second.draft_bar.isVisible() and second.form.phone.text() == ""
    assert second.drafts.path != first.drafts.path and "13900001111" not in second.draft_label.text()
    again = IntakeTab(li)  # 李 logs in again: her draft is offered to her
    qtbot.addWidget(again)
    again.show()
    assert again.draft_bar.isVisible() and "13900001111" in again.draft_label.text()


def test_answer_at_intake_is_offered_and_done_only_for_a_consultation(qtbot, sqlite_url, tmp_path):
    """Issue 12 item 14: the tooltip says consultations only; the button, the shortcut and the service agree."""
    tab = make_tab(qtbot, console(sqlite_url, "receptionist"), tmp_path)
    type_text(qtbot, tab.form.phone, "13600001111")
    choose_category(qtbot, tab, "政策咨询")
    type_text(qtbot, tab.form.description, "楼下饭店油烟扰民")
    type_text(qtbot, tab.form.answer, "已告知向环保部门反映")
    tab.form.request_type.setFocus()
    qtbot.keyClick(tab.form.request_type, Qt.Key.Key_Down)  # 求助 → 投诉
    assert tab.form.request_type.currentData() == "complaint"
    assert not tab.answer_button.isEnabled()
    qtbot.keyClick(tab.form.answer, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "只有“咨询”类诉求可以直接答复" in tab.readiness.text()
    assert tab.focusWidget() is tab.form.request_type
    assert stored_cases(sqlite_url)[0] == []
    qtbot.keyClick(tab.form.request_type, Qt.Key.Key_Up)
    qtbot.keyClick(tab.form.request_type, Qt.Key.Key_Up)  # 投诉 → 求助 → 咨询
    assert tab.answer_button.isEnabled()
    qtbot.keyClick(tab.form.answer, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "直接答复" in tab.result.text())
    assert stored_cases(sqlite_url)[0][0].request_type == "consultation"
