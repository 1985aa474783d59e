"""At the cases tab a unit handler sees only its unit's cases; phones are masked and revealed only on request, recorded."""
from __future__ import annotations

from PySide6.QtCore import QUrl
from sqlalchemy import select

from app.models import AccessLog
from app.ui.cases.detail_pane import REVEAL_LINK
from tests.conftest import make_actor
from tests.factories import case_in_state, directory
from tests.test_cases_tab import make_tab, open_case, settle, shown_numbers
from tests.ui_helpers import console

ADMIN = make_actor("admin")


def test_handler_sees_only_own_units_cases(qtbot, sqlite_url):
    ctx0 = console(sqlite_url)
    d = directory(ctx0.sf)
    mine = case_in_state(ctx0.sf, ADMIN, "dispatched")  # 太平桥街道
    other = case_in_state(ctx0.sf, ADMIN, "dispatched", street="西罗园街道", community=None)
    tab = make_tab(qtbot, console(sqlite_url, "handler", d.unit_by_name("太平桥街道").id))
    assert shown_numbers(tab) == [mine.case_no]
    assert other.case_no not in shown_numbers(tab)
    dispatcher_tab = make_tab(qtbot, console(sqlite_url, "dispatcher"))
    assert set(shown_numbers(dispatcher_tab)) == {mine.case_no, other.case_no}


def test_phone_is_masked_until_revealed_and_the_reveal_is_recorded(qtbot, sqlite_url):
    ctx0 = console(sqlite_url)
    ref = case_in_state(ctx0.sf, ADMIN, "dispatched", phone="13812345678")
    tab = make_tab(qtbot, console(sqlite_url, "dispatcher"))
    assert tab.model.rows[0].caller_phone == "138****5678"
    open_case(qtbot, tab, ref.case_no)
    text = tab.detail.view.toPlainText()
    assert "138****5678" in text and "13812345678" not in text and "显示完整号码" in text
    tab.detail.view.anchorClicked.emit(QUrl(REVEAL_LINK))
    qtbot.waitUntil(lambda: "13812345678" in tab.detail.view.toPlainText())
    settle(qtbot, tab)
    with ctx0.sf() as s:
        assert s.execute(select(AccessLog.case_id, AccessLog.workstation)
                         .where(AccessLog.action == "reveal_phone")).all() == [(ref.id, "test-ws")]


def test_confidential_caller_is_hidden_from_the_unit_at_the_cases_tab(qtbot, sqlite_url):
    ctx0 = console(sqlite_url)
    d = directory(ctx0.sf)
    ref = case_in_state(ctx0.sf, ADMIN, "dispatched", confidential=True, caller_name="李女士")
    tab = make_tab(qtbot, console(sqlite_url, "handler", d.unit_by_name("太平桥街道").id))
    assert tab.model.rows[0].caller_phone is None
    open_case(qtbot, tab, ref.case_no)
    text = tab.detail.view.toPlainText()
    assert "保密" in text and "李女士" not in text and "5678" not in text and "显示完整号码" not in text
