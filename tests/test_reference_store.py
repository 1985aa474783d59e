"""An administrator's edit of units and categories reaches the pickers and lists already built, on this
workstation at once and on the others at their next poll (app/ui/reference_store.py)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.services import accounts
from app.ui.admin.admin_tab import AdminTab
from app.ui.application import open_context
from app.ui.cases.filter_bar import CaseFilterBar
from app.ui.intake.draft_store import DraftStore
from app.ui.intake.tab import IntakeTab
from tests.ui_helpers import type_text


@pytest.fixture
def ctx(sqlite_url, sqlite_sf):
    me = accounts.create_first_admin(sqlite_sf, "admin", "管理员", "admin-pass-1", workstation="ws-admin")
    context = open_context(sqlite_url, me)
    yield context
    context.engine.dispose()


def _save(qtbot, page, done: str) -> None:
    assert page.save_button.isEnabled()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: done in page.message.text())


def _found(qtbot, picker, typed: str) -> list[str]:
    picker.clear()
    picker.setFocus()
    type_text(qtbot, picker, typed)
    return picker.suggestions()


def test_a_renamed_unit_and_its_new_alias_are_found_by_the_intake_picker_built_before(qtbot, ctx, tmp_path, sqlite_url):
    intake = IntakeTab(ctx, draft_store=DraftStore(tmp_path / "draft.json"))
    qtbot.addWidget(intake)
    unit_picker = intake.form.unit
    assert "丰台区水务局" in _found(qtbot, unit_picker, "水务局")
    other = open_context(sqlite_url, ctx.actor)  # another workstation, its pickers built before the edit
    try:
        others_filter = CaseFilterBar(other)
        qtbot.addWidget(others_filter)

        admin_tab = AdminTab(ctx)
        qtbot.addWidget(admin_tab)
        admin_tab.pages.setCurrentWidget(admin_tab.units)
        page = admin_tab.units
        qtbot.waitUntil(lambda: page.model.rowCount() > 50)
        type_text(qtbot, page.filter, "丰台区水务局")
        page.view.setCurrentIndex(page.proxy.index(0, 0))
        assert page.name.text() == "丰台区水务局"
        page.name.clear()
        type_text(qtbot, page.name, "丰台区水资源管理局")
        page.aliases.clear()
        type_text(qtbot, page.aliases, "水管局")
        _save(qtbot, page, "已保存 丰台区水资源管理局")

        # this workstation: at once, in the picker built before the edit
        qtbot.waitUntil(lambda: "丰台区水资源管理局" in _found(qtbot, unit_picker, "水资源"), timeout=5000)
        assert _found(qtbot, unit_picker, "水管局") == ["丰台区水资源管理局"]
        qtbot.keyClick(unit_picker, Qt.Key.Key_Return)
        assert unit_picker.value == ctx.directory.unit_by_name("丰台区水资源管理局").id
        assert _found(qtbot, unit_picker, "水务局") == []

        # the other workstation: at its next poll (the timer's slot)
        assert _found(qtbot, others_filter.unit, "水管局") == []
        with qtbot.waitSignal(other.reference.changed, timeout=5000):
            other.reference.reload()
        assert _found(qtbot, others_filter.unit, "水管局") == ["丰台区水资源管理局"]
    finally:
        other.engine.dispose()


def test_a_renamed_category_reaches_the_intake_tree_and_the_cases_filter(qtbot, ctx, tmp_path):
    intake = IntakeTab(ctx, draft_store=DraftStore(tmp_path / "draft.json"))
    qtbot.addWidget(intake)
    filters = CaseFilterBar(ctx)
    qtbot.addWidget(filters)
    admin_tab = AdminTab(ctx)
    qtbot.addWidget(admin_tab)
    admin_tab.pages.setCurrentWidget(admin_tab.categories)
    page = admin_tab.categories
    qtbot.waitUntil(lambda: page.model.rowCount() > 50)
    category = ctx.directory.leaf_categories()[0]
    row = page.model.find(lambda r: r.id == category.id)
    page.view.setCurrentIndex(page.model.index(row, 0))
    assert page.name.text() == category.name
    page.name.clear()
    type_text(qtbot, page.name, "改过名的分类")
    _save(qtbot, page, "已保存 改过名的分类")
    qtbot.waitUntil(lambda: filters.category.findText("改过名的分类", Qt.MatchFlag.MatchContains) >= 0, timeout=5000)
    names = [item.text() for item in intake.form.category._all_items()]
    assert any(n.startswith("改过名的分类") for n in names) and not any(n.startswith(category.name) for n in names)


def test_a_renamed_street_reaches_the_dashboard_built_before(qtbot, ctx):
    from app.services import admin
    from app.ui.dashboard.tab import DashboardTab

    tab = DashboardTab(ctx)
    qtbot.addWidget(tab)
    street = ctx.directory.unit_by_name("太平桥街道")
    streets = tab.group_selector.street
    assert streets.findText("太平桥街道") >= 0
    admin.update_unit(ctx.sf, ctx.actor, street.id, "太平桥地区", street.population, True)
    with qtbot.waitSignal(ctx.reference.changed, timeout=5000):
        ctx.reference.reload()
    assert streets.findText("太平桥地区") >= 0 and streets.findText("太平桥街道") < 0
    assert tab.unit_names[street.id] == "太平桥地区"


def test_a_renamed_street_reaches_the_callback_queue_filter_built_before(qtbot, ctx):
    from app.services import admin
    from app.ui.callback import CallbackTab

    tab = CallbackTab(ctx)
    qtbot.addWidget(tab)
    streets = tab.queue.street
    street = ctx.directory.unit_by_name("太平桥街道")
    streets.setCurrentIndex(streets.findData(street.id))  # the clerk filters on it
    admin.update_unit(ctx.sf, ctx.actor, street.id, "太平桥地区", street.population, True)
    with qtbot.waitSignal(ctx.reference.changed, timeout=5000):
        ctx.reference.reload()
    assert streets.findText("太平桥地区") >= 0 and streets.findText("太平桥街道") < 0
    assert streets.currentData() == street.id  # still chosen
    assert tab.queue.model.directory is ctx.directory
