"""The 主动治理 tab as its users live in it: a dispatcher sees a surge, opens its cases, makes a task for a unit;
the unit reports what it did; the dispatcher accepts it; the list then shows the task's measured effect."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services import clock
from app.ui.governance.tab import GovernanceTab
from app.ui.main_window import MainWindow
from tests.test_hotspots import AS_OF, STREET, _Cases
from tests.ui_helpers import console, type_text

NOW = datetime(2022, 8, 15, 18, 0)


@pytest.fixture
def history(sqlite_url, sqlite_sf, monkeypatch):
    """A quiet district with 12 heating calls in 双晨社区 over the last three days."""
    moment = {"now": NOW}
    monkeypatch.setattr(clock, "now", lambda: moment["now"])
    from tests.factories import directory

    d = directory(sqlite_sf)
    shuangchen = d.unit_by_name("双晨社区")
    heating = d.category_by_name("供暖").id
    others = [u for u in d.units.values() if u.kind == "community" and u.id != shuangchen.id][:5]
    cases = _Cases(sqlite_sf)
    first = AS_OF - timedelta(days=120)
    for day in range(121):
        at = datetime.combine(first + timedelta(days=day), datetime.min.time()) + timedelta(hours=9)
        for i, c in enumerate(others):
            if (day + i) % 3 == 0:
                cases.add(at + timedelta(minutes=i), c.parent_id, c.id, heating)
    for i in range(12):
        cases.add(datetime(2022, 8, 13, 8) + timedelta(hours=5 * i), shuangchen.parent_id, shuangchen.id, heating,
                  address="角门西里晨新园小区3号楼")
    cases.write()
    return dict(url=sqlite_url, sf=sqlite_sf, moment=moment, heating_office=d.unit_by_name("丰台区供暖办").id)


def _tab(qtbot, url, role, unit_id=None) -> GovernanceTab:
    ctx = console(url, role, unit_id)
    tab = GovernanceTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    return tab


def _idle(qtbot, *pages):
    qtbot.waitUntil(lambda: all(not p.runner.pending() for p in pages), timeout=10_000)


def _dialog(name: str):
    return next((w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()), None)


def test_dispatcher_turns_a_surge_into_a_task_and_sees_its_effect(qtbot, history):
    tab = _tab(qtbot, history["url"], "dispatcher")
    surges = tab.surges
    _idle(qtbot, surges)
    qtbot.waitUntil(lambda: surges.model.rowCount() >= 1)
    top = surges.model.row(0)
    assert (top.street, top.community, top.category, top.cases) == (STREET, "双晨社区", "供暖", 12)
    assert surges.as_of.date().toPython() == AS_OF  # the clock's day: the newest day with cases
    assert "1 处突发聚集" in surges.status.text()

    surges.view.setFocus()
    surges.view.selectRow(0)
    qtbot.mouseClick(surges.cases_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _dialog("surgeCasesDialog") is not None, timeout=5000)
    listed = _dialog("surgeCasesDialog")
    assert listed.findChild(type(surges.view), "surgeCasesTable").model().rowCount() == 12
    listed.close()

    qtbot.mouseClick(surges.task_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _dialog("taskDialog") is not None)
    dialog = _dialog("taskDialog")
    assert tab.pages.currentWidget() is tab.tasks
    assert "双晨社区" in dialog.title.text() and dialog.category.currentText() == "供暖"
    assert dialog.due.date().toPython() == date(2022, 8, 22)
    dialog.unit.setFocus()
    type_text(qtbot, dialog.unit.lineEdit(), "丰台区供暖办")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    _idle(qtbot, tab.tasks)
    qtbot.waitUntil(lambda: tab.tasks.model.rowCount() == 1)
    task = tab.tasks.model.row(0)
    assert (task.status, task.unit, task.source, task.address) == ("open", "丰台区供暖办", "surge", "")

    # the heating office reports; the dispatcher accepts; weeks later the effect is measured
    unit = _tab(qtbot, history["url"], "handler", history["heating_office"])
    assert unit.pages.currentWidget() is unit.tasks
    _idle(qtbot, unit.tasks)
    qtbot.waitUntil(lambda: unit.tasks.model.rowCount() == 1)
    assert not unit.tasks.new_button.isVisible() and not unit.tasks.close_button.isVisible()
    unit.tasks.view.selectRow(0)
    qtbot.mouseClick(unit.tasks.report_button, Qt.MouseButton.LeftButton)
    step = _dialog("taskStepDialog")
    qtbot.mouseClick(step.buttons.button(step.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert step.isVisible() and step.message.text() == "请填写内容"  # nothing written without text
    type_text(qtbot, step.text, "已排查供暖管线,更换阀门")
    qtbot.mouseClick(step.buttons.button(step.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not step.isVisible(), timeout=5000)

    history["moment"]["now"] = NOW + timedelta(days=3)
    tab.tasks.reload()
    _idle(qtbot, tab.tasks)
    tab.tasks.view.selectRow(0)
    assert tab.tasks.close_button.isEnabled()
    qtbot.mouseClick(tab.tasks.close_button, Qt.MouseButton.LeftButton)
    step = _dialog("taskStepDialog")
    qtbot.mouseClick(step.buttons.button(step.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not step.isVisible(), timeout=5000)
    _idle(qtbot, tab.tasks)
    qtbot.waitUntil(lambda: tab.tasks.model.row(0).status == "closed")
    effect = tab.tasks.model.row(0).effect
    # the 8 weeks before the day the task was made (the surge's calls of 13 and 14 August) against after closing
    assert effect.place_before == 8 and effect.place_after == 0 and not effect.complete
    shown = tab.tasks.model.data(tab.tasks.model.index(0, 7))
    assert shown.startswith("治理前 8 件 → 治理后 0 件(-100.0%)") and "尚未结束" in shown
    assert "已排查供暖管线" in tab.tasks.detail.toPlainText()


def test_a_task_form_with_a_problem_keeps_what_was_typed_and_says_what_is_wrong(qtbot, history):
    tab = _tab(qtbot, history["url"], "dispatcher")
    tab.pages.setCurrentWidget(tab.tasks)
    _idle(qtbot, tab.tasks)
    qtbot.mouseClick(tab.tasks.new_button, Qt.MouseButton.LeftButton)
    dialog = _dialog("taskDialog")
    type_text(qtbot, dialog.title, "清理积水点")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=5000)
    assert dialog.isVisible() and dialog.title.text() == "清理积水点"
    assert "承办单位" in dialog.message.text() and "街道" in dialog.message.text()
    assert tab.tasks.model.rowCount() == 0


@pytest.mark.parametrize("role, sees", [("dispatcher", True), ("supervisor", True), ("handler", True),
                                        ("receptionist", False), ("callback", False)])
def test_who_sees_the_tab(qtbot, history, role, sees):
    ctx = console(history["url"], role, history["heating_office"] if role == "handler" else None)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert (window.tab("governanceTab") is not None) == sees
    window.close()


def test_the_seasonal_list_offers_a_task_due_before_the_season(qtbot, history):
    tab = _tab(qtbot, history["url"], "supervisor")
    tab.pages.setCurrentWidget(tab.seasons)
    qtbot.waitUntil(lambda: tab.seasons.season.count() == 3, timeout=10_000)
    assert not tab.seasons.task_button.isVisible()  # a supervisor reads; tasks are the dispatchers'
    assert tab.seasons.season.currentData() == "供暖"


def test_the_seasonal_status_reads_as_english_in_english(qtbot, history, qapp):
    """The past seasons were joined by a Chinese "；" inside the English sentence, and "1 communities"."""
    from app.ui.i18n import install_translators

    translators = install_translators(qapp, "en")
    try:
        tab = _tab(qtbot, history["url"], "supervisor")
        tab.pages.setCurrentWidget(tab.seasons)
        page = tab.seasons
        qtbot.waitUntil(lambda: page.status.text().startswith("From the seasons"), timeout=10_000)
        _idle(qtbot, page)
        text, n = page.status.text(), page.model.rowCount()
        assert "；" not in text and text.count(" – ") >= 2 and "; 20" in text, text
        assert text.endswith(f"; {n} community" if n == 1 else f"; {n} communities"), text
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_a_dispatcher_plans_a_key_topic_and_sees_each_streets_progress(qtbot, history):
    history["moment"]["now"] = datetime(2022, 9, 5, 10, 0)
    tab = _tab(qtbot, history["url"], "dispatcher")
    tab.pages.setCurrentWidget(tab.plans)
    page = tab.plans
    _idle(qtbot, page)
    page.month.setDate(page.month.date().addMonths(-1))  # August
    _idle(qtbot, page)
    assert page.model.rowCount() == 0 and "2022-08 没有每月一题计划" in page.status.text()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = _dialog("planDialog")
    qtbot.waitUntil(lambda: dialog.topic.count() > 0, timeout=5000)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=5000)
    assert dialog.isVisible() and "牵头区领导" in dialog.message.text()  # what is missing, in words
    type_text(qtbot, dialog.leader, "王区长")
    dialog.lead_unit.setCurrentIndex(dialog.lead_unit.findText("丰台区供暖办"))
    dialog.topic.setCurrentIndex(max(0, dialog.topic.findText("供暖")))
    for i in range(dialog.streets.count()):
        if dialog.streets.item(i).text() == STREET:
            dialog.streets.item(i).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    _idle(qtbot, page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    plan = page.model.row(0)
    assert (plan.leader, plan.lead_unit, [x.street for x in plan.streets]) == ("王区长", "丰台区供暖办", [STREET])
    assert page.streets.rowCount() == 1 and "与去年同月比较" in page.status.text()


def test_on_an_offline_copy_without_cases_the_lists_say_so(qtbot, history, tmp_path):
    from app.cli import main

    copy = tmp_path / "laptop.db"
    assert main(["snapshot", str(copy), "--db", history["url"]]) == 0
    tab = _tab(qtbot, f"sqlite:///{copy}", "supervisor")
    note = tab.findChild(type(tab.surges.status), "governanceSnapshotNote")
    assert note is not None and note.text().startswith("此离线副本不含工单")
    live = _tab(qtbot, history["url"], "supervisor")
    assert live.findChild(type(tab.surges.status), "governanceSnapshotNote") is None


def test_the_dashboards_alert_panel_shows_the_surge_and_opens_its_cases(qtbot, history):
    from app.ui.dashboard.alerts_panel import AlertsPanel

    panel = AlertsPanel(console(history["url"], "supervisor"))
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10_000)
    row = panel.model.row(0)
    assert (row.community, row.category, row.cases) == ("双晨社区", "供暖", 12)
    assert panel.status.text().startswith(f"截至 {AS_OF:%Y-%m-%d} 的 7 天:1 处突发聚集")
    panel.show_cases(row)
    qtbot.waitUntil(lambda: _dialog("surgeCasesDialog") is not None, timeout=5000)
    _dialog("surgeCasesDialog").close()


def test_the_dashboard_carries_the_alert_panel(qtbot, history):
    from app.ui.dashboard.tab import DashboardTab

    tab = DashboardTab(console(history["url"], "supervisor"))
    qtbot.addWidget(tab)
    assert tab.findChild(type(tab.alerts_panel), "alertsPanel") is tab.alerts_panel


def test_lists_opened_after_the_data_ends_run_up_to_its_end(qtbot, history):
    """A supervisor opens a snapshot (or the demo) years later: the chronic list runs up to the end of the
    data, not to today (which would list nothing), and the seasonal list offers the data's year; a day the
    supervisor picks is kept."""
    from app.services import stats

    with history["sf"].begin() as s:  # the fixture writes bare cases: the summaries say where the data ends
        stats.rebuild(s)
    history["moment"]["now"] = datetime(2026, 12, 5, 10, 0)
    tab = _tab(qtbot, history["url"], "supervisor")
    tab.pages.setCurrentWidget(tab.chronic)
    page = tab.chronic
    _idle(qtbot, page)
    assert page.as_of.date().toPython() == date(2022, 8, 31), page.status.text()
    _idle(qtbot, page)
    assert "正在计算" not in page.status.text()
    page.as_of.setDate(page.as_of.date().addMonths(-1))  # the user's day
    _idle(qtbot, page)
    assert page.as_of.date().toPython() == date(2022, 7, 31)
    tab.pages.setCurrentWidget(tab.seasons)
    qtbot.waitUntil(lambda: tab.seasons.season.count() == 3, timeout=10_000)
    assert tab.seasons.year.value() == 2022
