"""The place and unit pickers shared by the intake and cases tabs: a cleared picker never picks a leftover match."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.case_queries import CaseFilter
from app.ui.cases.filter_bar import CaseFilterBar
from tests.factories import directory
from tests.ui_helpers import console, type_text


def test_cleared_case_filters_stay_cleared_when_tabbed_through(qtbot, sqlite_url):
    ctx = console(sqlite_url, "dispatcher")
    d = directory(ctx.sf)
    bar = CaseFilterBar(ctx)
    qtbot.addWidget(bar)
    bar.show()
    bar.activateWindow()
    qtbot.waitUntil(bar.isActiveWindow)
    emitted: list[CaseFilter] = []
    bar.changed.connect(emitted.append)
    for picker, typed in ((bar.unit, "swj"), (bar.street, "mjb"), (bar.community, "jyel")):
        picker.setFocus()
        type_text(qtbot, picker, typed)
        qtbot.keyClick(picker, Qt.Key.Key_Return)
    assert (bar.current().unit_id, bar.current().street_id, bar.current().community_id) == (
        d.unit_by_name("丰台区水务局").id, d.unit_by_name("马家堡街道").id, d.unit_by_name("嘉园二里社区").id)
    bar.set_filter(CaseFilter(search="暖气"))  # a drill-down from elsewhere replaces every filter
    bar.activateWindow()  # offscreen, a closed completer popup leaves the window inactive (no focus events)
    qtbot.waitUntil(bar.isActiveWindow)
    emitted.clear()
    bar.search.setFocus()
    for _ in range(4):  # search → unit → street → community → category, the way a user tabs along the row
        qtbot.keyClick(bar.focusWidget(), Qt.Key.Key_Tab)
    assert bar.focusWidget() is bar.category
    flt = bar.current()
    assert (flt.unit_id, flt.street_id, flt.community_id) == (None, None, None)
    assert (bar.unit.text(), bar.street.text(), bar.community.text()) == ("", "", "")
    assert all((f.unit_id, f.street_id, f.community_id) == (None, None, None) for f in emitted)


def test_a_cleared_picker_suggests_nothing_and_typing_again_finds_again(qtbot, sqlite_url):
    ctx = console(sqlite_url, "dispatcher")
    bar = CaseFilterBar(ctx)
    qtbot.addWidget(bar)
    bar.show()
    bar.street.setFocus()
    type_text(qtbot, bar.street, "mjb")
    assert bar.street.suggestions() == ["马家堡街道"]
    bar.street.clear()
    assert bar.street.suggestions() == []
    qtbot.keyClick(bar.street, Qt.Key.Key_Return)  # Enter in an empty field picks nothing
    assert bar.street.value is None
    type_text(qtbot, bar.street, "mjb")
    qtbot.keyClick(bar.street, Qt.Key.Key_Return)
    assert bar.street.text() == "马家堡街道" and bar.street.value is not None
