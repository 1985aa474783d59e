"""The intake form shows the learned routing: the unit with its basis in words, two alternatives a key away,
and never a suggestion of the call before."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from tests.factories import directory
from tests.routing_history import closed_cases
from tests.test_intake_tab import fill_call, make_tab, stored_cases
from tests.ui_helpers import console, wait_idle


def test_receptionist_sees_the_learned_unit_and_takes_an_alternative_by_keyboard(qtbot, sqlite_url, tmp_path):
    ctx = console(sqlite_url, "receptionist")
    d = directory(ctx.sf)
    street = d.unit_by_name("太平桥街道")
    community = d.unit_by_name("天伦北里社区")
    ramp = d.category_by_name("无障碍设施")  # today's rule: the street
    bureau = d.unit_by_name("丰台区城市管理委员会")
    closed_cases(ctx.sf, [(ramp.id, street.id, community.id, community.id, datetime(2022, 8, 2 + i)) for i in range(5)]
                 + [(ramp.id, street.id, community.id, bureau.id, datetime(2022, 7, 20 + i)) for i in range(2)])
    tab = make_tab(qtbot, ctx, tmp_path)
    hint = tab.form.routing_hint
    # call 1: the community's own history decides, and the case goes there
    fill_call(qtbot, tab)
    qtbot.waitUntil(lambda: "天伦北里社区" in tab.form.suggestion.text())
    assert hint.basis.text() == "依据:近12个月本社区同类诉求 7 件,5 件由 天伦北里社区 办理"
    assert hint.buttons[0].text() == "或 丰台区城市管理委员会 (Alt+1)"
    assert hint.buttons[1].text() == "或 太平桥街道 (Alt+2)"  # the rule's unit comes last
    qtbot.keyClick(tab.form.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已受理并派单" in tab.result.text())
    assert stored_cases(sqlite_url)[0][-1].unit_id == community.id
    assert hint.basis.text() == "" and not hint.buttons[0].isVisible()  # the next call starts empty
    # call 2, same place and kind: Alt+1 takes the first alternative into the unit field
    fill_call(qtbot, tab, phone="13900001111")
    qtbot.waitUntil(lambda: hint.buttons[0].isVisible())
    qtbot.keyClick(tab.form.description, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert (tab.form.unit.value, tab.form.unit.text()) == (bureau.id, "丰台区城市管理委员会")
    tab.form.unit.setFocus()
    qtbot.keyClick(tab.form.unit, Qt.Key.Key_Tab)  # the alternatives are keys, not stops on the Tab path
    assert tab.focusWidget() is tab.form.tier
    qtbot.keyClick(tab.form.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(stored_cases(sqlite_url)[0]) == 9 and tab.form.street.text() == "")
    assert stored_cases(sqlite_url)[0][-1].unit_id == bureau.id
    # call 3: a kind with no history here: today's rule, said so, and nothing of the calls before
    fill_call(qtbot, tab, phone="13900002222", category="噪音", description="楼下饭店夜间噪声扰民")
    qtbot.waitUntil(lambda: "依据:分类的默认承办单位" in hint.basis.text())
    qtbot.waitUntil(lambda: "依据:分类的默认承办单位" in hint.basis.text())
    assert "天伦北里社区" not in tab.form.suggestion.text() and "太平桥街道" in tab.form.suggestion.text()
    assert not hint.buttons[0].isVisible()
    # call 4: the call ends (清空) while its suggestion is still being looked up: it never shows afterwards
    fill_call(qtbot, tab, phone="13900003333")
    tab.lookup_timer.stop()
    tab.refresh_lookups()
    qtbot.mouseClick(tab.clear_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab)
    assert hint.basis.text() == "" and tab.form.suggestion.text() == "" and not hint.buttons[0].isVisible()


def test_a_unit_learned_as_each_cases_own_street_is_said_so(qtbot, sqlite_url, tmp_path):
    """Across the district ramps are repaired by the street the case is in: a call from a street without such
    history of its own is sent to its own street, and the basis says "each case's own street", not that this
    street handled the district's cases ("全区同类诉求 40 件,40 件由 卢沟桥街道 办理" read as if it had)."""
    ctx = console(sqlite_url, "receptionist")
    d = directory(ctx.sf)
    ramp = d.category_by_name("无障碍设施")
    others = [u for u in d.streets() if u.name not in ("太平桥街道", "卢沟桥街道")][:3]
    closed_cases(ctx.sf, [(ramp.id, street.id, None, street.id, datetime(2022, 8, 2 + i))
                          for i, street in enumerate(others * 2)])
    tab = make_tab(qtbot, ctx, tmp_path)
    hint = tab.form.routing_hint
    fill_call(qtbot, tab, street="lgq", community="")
    qtbot.waitUntil(lambda: "卢沟桥街道" in tab.form.suggestion.text())
    assert hint.basis.text() == "依据:近12个月全区同类诉求 6 件,6 件由各自所在街道办理(本案即 卢沟桥街道)"
    qtbot.keyClick(tab.form.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已受理并派单" in tab.result.text())
    assert stored_cases(sqlite_url)[0][-1].unit_id == d.unit_by_name("卢沟桥街道").id
    # a street with a third such case of its own decides at its own level: named, as before
    closed_cases(ctx.sf, [(ramp.id, others[0].id, None, others[0].id, datetime(2022, 8, 20))])
    fill_call(qtbot, tab, phone="13900001111", street=others[0].name, community="")
    qtbot.waitUntil(lambda: others[0].name in tab.form.suggestion.text() and hint.basis.text() != "")
    assert hint.basis.text() == f"依据:近12个月本街道同类诉求 3 件,3 件由 {others[0].name} 办理"
