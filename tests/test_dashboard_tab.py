"""The dashboard tab against the metrics service and the `rank` command, on the hand-made history."""
from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from PySide6.QtCore import QDate, QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QToolTip

from app import cli
from app.services import metrics
from app.services.metrics import Group
from app.services.periods import Period
from app.ui.dashboard.drilldown import UnitCasesDialog
from app.ui.dashboard.tab import DashboardTab
from tests.dashboard_helpers import history_context, wait_drawn
from tests.metrics_fixture import BUREAU_1, BUREAU_3, COMMUNITY_B, TOPIC, A, B, C, D

AUGUST = Period.for_month(2022, 8)


@pytest.fixture
def setup(qtbot, sqlite_url, monkeypatch):
    history, ctx = history_context(sqlite_url, monkeypatch)
    tab = DashboardTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1500, 1000)
    yield history, ctx, tab
    ctx.engine.dispose()


def rank_csv(url: str, *args: str, capsys) -> list[dict]:
    capsys.readouterr()
    assert cli.main(["rank", *args, "--format", "csv", "--db", url]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def test_supervisor_sees_last_full_month_ranked_as_the_rank_command_prints(setup, qtbot, capsys):
    history, ctx, tab = setup
    wait_drawn(qtbot, tab)
    assert not tab.is_loading()
    assert tab.period_selector.period() == AUGUST
    bars = tab.ranking.bars()
    # 太平桥, 大红门 and 西罗园 all score 100: more counted callbacks first (太平桥 2), then by name (da < xi)
    assert [b.label for b in bars] == [f"1  {B}", f"2  {D}", f"3  {C}", f"4  {A}"]
    # 右安门: 3 counted callbacks, response 2/3, resolution 1/3, satisfaction (1 + 1 basic)/3
    assert bars[3].value == pytest.approx(100 * (0.10 * 2 / 3 + 0.45 * 1 / 3 + 0.45 * 2 / 3))
    assert bars[3].text == "51.67  治理类"  # 右安门 is also in the governance cut
    printed = rank_csv(ctx.url_text, "--period", "2022-08", "--level", "street", capsys=capsys)
    assert [r["unit"] for r in printed] == [b.label.split("  ", 1)[1] for b in bars]
    assert [float(r["score"]) for r in printed] == [round(b.value / 100, 4) for b in bars]
    with ctx.read_sf() as s:
        expected = metrics.ranking(s, AUGUST, Group.streets())
    assert [b.key for b in bars] == [f.unit_id for f in expected.rows]
    assert expected.unranked and all(u.name in tab.unranked.text() for u in expected.unranked[:12])
    assert "不参加排名" in tab.unranked.text()
    # the time of the figures is the district's (as the surges' "计算于"), not this machine's zone
    from app.services import clock

    assert f"{len(bars)} 个单位参加排名 · 更新于 {clock.now():%H:%M:%S}" in tab.status.text()


def test_ranking_colours_top_bottom_and_governance_watch_list(setup, qtbot):
    history, ctx, tab = setup
    wait_drawn(qtbot, tab)
    bars = tab.ranking.bars()
    top, bottom = "#2f9e44", "#e8684a"
    assert [b.color for b in bars] == [top, top, top, bottom]
    governance = {r.unit_id for r in tab.figures.watch.governance}
    assert {b.key for b in bars if b.outline} == governance & {b.key for b in bars}
    assert {b.key for b in bars if b.text.endswith("治理类")} == governance & {b.key for b in bars}
    assert "治理类关注名单" in tab.ranking.item.titleLabel.text


def test_tiles_show_district_totals_with_change_against_july(setup, qtbot):
    history, ctx, tab = setup
    wait_drawn(qtbot, tab)
    with ctx.read_sf() as s:
        now = metrics.total(s, AUGUST)
        before = metrics.total(s, Period.for_month(2022, 7))
    assert (now.cases, now.callbacks, before.cases) == (11, 10, 3)
    values = tab.tiles.values()
    assert values["received"] == "11"
    assert values["callbacks"] == "10"
    assert values["response"] == f"{now.response_rate * 100:.2f}%"
    assert values["resolution"] == f"{now.resolution_rate * 100:.2f}%"
    assert values["satisfaction"] == f"{now.satisfaction_rate * 100:.2f}%"
    assert values["score"] == f"{now.score * 100:.2f}"
    changes = tab.tiles.changes()
    assert changes["received"] == "较上期 +8(+266.7%)"
    assert changes["score"].endswith(f"{now.change * 100:+.2f}")
    assert changes["response"].startswith("▲")
    assert tab.tiles.frames["score"].toolTip() == "综合成绩 = 0.1 × 响应率 + 0.45 × 解决率 + 0.45 × 满意率(本期适用的规则)"


def test_trend_shows_24_months_ending_with_the_period(setup, qtbot):
    history, ctx, tab = setup
    wait_drawn(qtbot, tab)
    points = tab.trend_chart.points
    assert len(points) == 24
    assert (points[0].label, points[-1].label) == ("2020-09", "2022-08")
    assert [p.volume for p in points[-2:]] == [3, 11]
    with ctx.read_sf() as s:
        series = metrics.monthly_series(s, months=24, end=AUGUST.end)
    assert [(p.volume, p.response, p.resolution, p.satisfaction) for p in points] == [
        (m.cases, m.response_rate, m.resolution_rate, m.satisfaction_rate) for m in series]
    heights = list(tab.trend_chart.volume.opts["height"])
    assert heights[-2:] == [3, 11]


def test_key_topics_count_this_period_with_change(setup, qtbot):
    history, ctx, tab = setup
    wait_drawn(qtbot, tab)
    bars = tab.topics.bars()
    assert bars[0].label == TOPIC and bars[0].value == 1
    assert bars[0].text == "1  上期无"
    with ctx.read_sf() as s:
        expected = metrics.key_topic_volumes(s, AUGUST)
    assert [(b.key, b.value) for b in bars] == [(t.category_id, t.cases) for t in expected]


def test_watch_list_table_orders_streets_and_marks_the_governance_cut(setup, qtbot):
    history, ctx, tab = setup
    wait_drawn(qtbot, tab)
    with ctx.read_sf() as s:
        expected = metrics.watch_list(s, AUGUST)
    model = tab.watch_model
    names = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert names == [r.name for r in expected.rows]
    flagged = [model.index(r, 1).data() for r in range(model.rowCount()) if model.index(r, 5).data() == "是"]
    assert flagged == [r.name for r in expected.governance]
    assert flagged[0] == A  # 3 cases received in August, the most of any street
    unknown = [model.index(r, 4).data() for r in range(model.rowCount()) if model.index(r, 3).data() == "未知"]
    assert unknown and set(unknown) == {"按诉求量"}
    assert "按诉求量排序" in tab.watch_note.text()
    # the note names the streets without a population (issue 15), and only those
    missing_line = tab.watch_note.text().splitlines()[-1]
    without = {model.index(r, 1).data() for r in range(model.rowCount()) if model.index(r, 3).data() == "未知"}
    assert missing_line.startswith(f"人口未知的街道乡镇({len(without)} 个)")
    assert {name for name in without if name in missing_line} == without
    assert "新村街道" not in missing_line  # its 2020 census figure is known


def test_most_improved_units_listed(setup, qtbot):
    history, ctx, tab = setup
    wait_drawn(qtbot, tab)
    with ctx.read_sf() as s:
        expected = metrics.watch_list(s, AUGUST).improved
    model = tab.improved_model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [f.name for f in expected]
    assert model.rowCount() >= 1  # 大红门: 0 in July, 100 in August
    assert model.index(0, 0).data() == D and model.index(0, 4).data() == "+100.00"


def test_choosing_bureaus_ranks_bureaus_including_their_sections(setup, qtbot, capsys):
    history, ctx, tab = setup
    wait_drawn(qtbot, tab)
    wait_drawn(qtbot, tab, lambda: tab.group_selector.level.setCurrentIndex(1))
    labels = [b.label.split("  ", 1)[1] for b in tab.ranking.bars()]
    assert labels == [BUREAU_3, BUREAU_1]
    printed = rank_csv(ctx.url_text, "--period", "2022-08", "--level", "bureau", capsys=capsys)
    assert [float(r["score"]) for r in printed] == [float(b.text) / 100 for b in tab.ranking.bars()]


def test_choosing_a_streets_communities_ranks_them_and_tiles_sum_the_street(setup, qtbot, capsys):
    history, ctx, tab = setup
    wait_drawn(qtbot, tab)
    street = tab.group_selector.street
    street.setCurrentIndex(street.findData(history.unit(B)))
    wait_drawn(qtbot, tab, lambda: tab.group_selector.level.setCurrentIndex(2))
    assert [b.label for b in tab.ranking.bars()] == [f"1  {COMMUNITY_B}"]
    assert tab.tiles.values()["received"] == "2"  # c5 by the community, c6 by the street itself
    assert B in tab.ranking.item.titleLabel.text
    printed = rank_csv(ctx.url_text, "--period", "2022-08", "--level", "community", "--street", B, capsys=capsys)
    assert [(r["unit"], float(r["score"])) for r in printed] == [(COMMUNITY_B, 1.0)]
    assert tab.trend.name == B  # the trend shows the street whose communities are ranked


def test_changing_the_period_shows_loading_then_the_year(setup, qtbot):
    history, ctx, tab = setup
    wait_drawn(qtbot, tab)
    with qtbot.waitSignal(tab.refreshed, timeout=15000):
        tab.period_selector.kind.setCurrentIndex(2)  # 年度
        assert tab.is_loading()
        assert tab.status.text() == "正在计算…"
    assert not tab.is_loading()
    assert tab.figures.period == Period.for_year(2022)
    assert tab.tiles.values()["received"] == "14"
    assert "2022年" in tab.ranking.item.titleLabel.text


def test_a_range_ending_before_it_starts_is_refused_in_place(setup, qtbot):
    history, ctx, tab = setup
    wait_drawn(qtbot, tab)
    selector = tab.period_selector
    wait_drawn(qtbot, tab, lambda: selector.kind.setCurrentIndex(3))
    assert tab.figures.period == Period.for_range(date(2022, 8, 1), date(2022, 8, 31))
    with qtbot.assertNotEmitted(selector.changed):
        selector.range_to.setDate(QDate(2022, 7, 1))
    assert selector.problem.isVisible() or not selector.problem.isHidden()
    assert "结束日期早于开始日期" in selector.problem.text()
    assert tab.figures.period.end == date(2022, 8, 31)


def test_clicking_a_bar_lists_that_units_cases_when_there_is_no_cases_tab(setup, qtbot):
    history, ctx, tab = setup
    wait_drawn(qtbot, tab)
    tab.show()
    qtbot.waitExposed(tab)
    index = [b.key for b in tab.ranking.bars()].index(history.unit(A))
    view = tab.ranking.plot
    with qtbot.waitSignal(tab.trend_refreshed, timeout=15000):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.mapFromScene(tab.ranking.scene_pos_of(index)))
    dialog = tab.findChild(UnitCasesDialog, "unitCasesDialog")
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.exhausted, timeout=15000)
    numbers = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    assert len(numbers) == 3  # received in August by 右安门 (c2, c3, c4); c1 was received in July
    assert all(n.startswith("202208") for n in numbers)
    assert "共 3 件" in dialog.status.text()
    # the trend now follows the unit looked at
    assert tab.trend.name == A
    with ctx.read_sf() as s:
        series = metrics.monthly_series(s, months=24, end=AUGUST.end, unit_id=history.unit(A))
    assert [p.volume for p in tab.trend_chart.points] == [m.cases for m in series]
    dialog.close()


def test_clicking_a_bar_opens_the_cases_tab_filtered_when_it_exists(qtbot, sqlite_url, monkeypatch):
    history, ctx = history_context(sqlite_url, monkeypatch)
    from app.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1500, 1000)
    window.show()
    tab = window.tab("dashboardTab")
    wait_drawn(qtbot, tab, lambda: window.tabs.setCurrentWidget(tab))
    index = [b.key for b in tab.ranking.bars()].index(history.unit(D))
    view = tab.ranking.plot
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(tab.ranking.scene_pos_of(index)))
    cases = window.tab("casesTab")
    assert window.tabs.currentWidget() is cases
    assert window.tabs.indexOf(tab) > window.tabs.indexOf(cases)  # the dashboard comes after the cases tab
    flt = cases.filters.current()
    assert (flt.unit_id, flt.received_from, flt.received_to) == (history.unit(D), date(2022, 8, 1), date(2022, 8, 31))
    ctx.engine.dispose()


def test_hovering_a_bar_shows_its_rates(setup, qtbot):
    history, ctx, tab = setup
    wait_drawn(qtbot, tab)
    tab.show()
    qtbot.waitExposed(tab)
    bar = tab.ranking.bars()[3]
    assert "响应率:66.67%" in bar.tooltip and "解决率:33.33%" in bar.tooltip and "满意率:66.67%" in bar.tooltip
    view = tab.ranking.plot
    assert tab.ranking.index_at(tab.ranking.scene_pos_of(3)) == 3
    pos = QPointF(view.mapFromScene(tab.ranking.scene_pos_of(3)))
    move = QMouseEvent(QEvent.Type.MouseMove, pos, QPointF(view.viewport().mapToGlobal(pos.toPoint())),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), move)
    qtbot.waitUntil(lambda: A in QToolTip.text() and "解决率:33.33%" in QToolTip.text(), timeout=5000)


def test_an_export_to_a_folder_that_does_not_exist_says_so(setup, qtbot, tmp_path, monkeypatch):
    history, ctx, tab = setup
    wait_drawn(qtbot, tab)
    target = tmp_path / "没有这个文件夹" / "排名.csv"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), "CSV 表格 (*.csv)"))
    tab.findChild(type(tab.ranking_panel.export_menu.actions()[0]), "rankingExportCsv").trigger()
    qtbot.waitUntil(lambda: tab.findChild(QMessageBox, "dashboardExportError") is not None, timeout=15000)
    box = tab.findChild(QMessageBox, "dashboardExportError")
    assert "导出失败" in box.text() and str(target) in box.text() and "文件夹不存在" in box.text()
    assert not target.parent.exists()
    box.close()


def test_keyboard_user_picks_a_unit_for_the_trend_and_opens_its_cases(setup, qtbot):
    history, ctx, tab = setup
    wait_drawn(qtbot, tab)
    combo = tab.trend_unit
    with qtbot.waitSignal(tab.trend_refreshed, timeout=15000):
        combo.setCurrentIndex(combo.findText(C))
    assert tab.trend.name == C and tab.trend_chart.points[-1].volume == 1
    qtbot.keyClick(tab.cases_button, Qt.Key.Key_Space)
    dialog = tab.findChild(UnitCasesDialog, "unitCasesDialog")
    qtbot.waitUntil(lambda: dialog.model.exhausted, timeout=15000)
    assert dialog.model.rowCount() == 1 and C in dialog.windowTitle()
    dialog.close()


def test_f5_recomputes_what_is_shown(setup, qtbot):
    history, ctx, tab = setup
    wait_drawn(qtbot, tab)
    tab.show()
    qtbot.waitExposed(tab)
    tab.refresh_button.setFocus()
    with qtbot.waitSignal(tab.refreshed, timeout=15000):
        qtbot.keyClick(tab.refresh_button, Qt.Key.Key_F5)
    assert tab.figures.period == AUGUST and not tab.is_loading()


def test_a_failed_computation_is_said_and_the_loading_stops(setup, qtbot, monkeypatch):
    history, ctx, tab = setup
    wait_drawn(qtbot, tab)
    from sqlalchemy.exc import OperationalError

    from app.services import dashboard

    def unreachable(*args, **kwargs):
        raise OperationalError("SELECT", {}, Exception("database is locked"))

    monkeypatch.setattr(dashboard, "dashboard_figures", unreachable)
    tab.period_selector.step_earlier()
    qtbot.waitUntil(lambda: not tab.is_loading(), timeout=15000)
    assert tab.status.text().startswith("计算失败:")
    assert "Traceback" not in tab.status.text()
    assert tab.figures.period == AUGUST  # the last good figures stay on screen


def test_a_new_empty_database_opens_on_the_last_full_month_with_nothing_ranked(qtbot, sqlite_url, monkeypatch):
    from app.services import clock
    from app.ui.application import open_context
    from tests.dashboard_helpers import TODAY

    monkeypatch.setattr(clock, "now", lambda: TODAY)
    ctx = open_context(sqlite_url)
    tab = DashboardTab(ctx)
    qtbot.addWidget(tab)
    wait_drawn(qtbot, tab)
    assert tab.figures.period == AUGUST
    assert tab.ranking.bars() == [] and tab.ranking._empty.isVisible()
    assert tab.tiles.values()["received"] == "0" and tab.tiles.values()["score"] == "—"
    assert all(p.volume == 0 for p in tab.trend_chart.points)
    assert tab.improved_model.rowCount() == 0
    assert not tab.status.text().startswith("计算失败")
    ctx.engine.dispose()


def test_quick_period_changes_end_on_the_last_one_chosen(setup, qtbot):
    history, ctx, tab = setup
    wait_drawn(qtbot, tab)
    shown = []
    tab.refreshed.connect(lambda: shown.append(tab.figures.period))
    with qtbot.waitSignal(tab.refreshed, timeout=15000):
        tab.period_selector.step_earlier()  # July, then at once the year: July's figures must not be drawn
        tab.period_selector.kind.setCurrentIndex(2)
    qtbot.waitUntil(lambda: not tab.is_loading(), timeout=15000)
    assert shown == [Period.for_year(2022)]
    assert tab.period_selector.period() == Period.for_year(2022)
    assert tab.tiles.values()["received"] == "14"


def test_a_unit_handler_drilling_into_another_street_sees_none_of_its_cases(qtbot, sqlite_url, monkeypatch):
    """The fallback list of a drill-down applies the same visibility rule as the cases tab."""
    from tests.conftest import make_actor

    history, ctx = history_context(sqlite_url, monkeypatch)
    own = UnitCasesDialog(ctx, history.unit(A), AUGUST, "2022年8月")
    qtbot.addWidget(own)
    qtbot.waitUntil(lambda: own.model.exhausted, timeout=15000)
    assert own.model.rowCount() == 3
    ctx.actor = make_actor("handler", unit_id=history.unit(B))
    other = UnitCasesDialog(ctx, history.unit(A), AUGUST, "2022年8月")
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: other.model.exhausted, timeout=15000)
    assert other.model.rowCount() == 0
    ctx.engine.dispose()


def test_a_year_not_over_is_compared_with_the_same_months_and_marked_partial(qtbot, sqlite_url, monkeypatch,
                                                                            tmp_path):
    """The data ends in August 2022: 年度 2022 compares with January–August 2021 and says so everywhere."""
    from datetime import datetime

    from PySide6.QtGui import QAction

    from app import db
    from app.services import clock
    from tests.dashboard_helpers import TODAY
    from tests.metrics_fixture import add_case, answers

    history, ctx = history_context(sqlite_url, monkeypatch)
    engine = db.make_engine(sqlite_url)
    sf = db.make_session_factory(engine)
    add_case(sf, monkeypatch, A, datetime(2021, 3, 10, 9), answers("yes", "yes", "satisfied"))
    add_case(sf, monkeypatch, A, datetime(2021, 10, 10, 9), answers("no", "no", "unsatisfied"))
    engine.dispose()
    monkeypatch.setattr(clock, "now", lambda: TODAY)
    tab = DashboardTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    wait_drawn(qtbot, tab)
    assert not tab.figures.comparison.partial and "同期" not in tab.ranking.item.titleLabel.text  # August is over
    wait_drawn(qtbot, tab, lambda: tab.period_selector.kind.setCurrentIndex(2))  # 年度
    assert tab.figures.period == Period.for_year(2022)
    # 14 cases in 2022 against 1 in January–August 2021 (against all of 2021, 2: "+12(+600.0%)")
    assert tab.tiles.changes()["received"] == "较上年同期 +13(+1300.0%)"
    assert all(frame.title.text().endswith(" · 1–8月") for frame in tab.tiles.frames.values())
    for chart in (tab.ranking, tab.topics):
        assert "2022年(1–8月,同比同期)" in chart.item.titleLabel.text
    assert "1–8月,同比同期" in tab.watch_panel.title.text() and "1–8月" in tab.improved_panel.title.text()
    # A: 2022 score 0.6375 against 1.0 in January–August 2021 (the whole year: 0.5)
    a = next(b for b in tab.ranking.bars() if b.key == history.unit(A))
    assert "较上年同期:-36.25" in a.tooltip
    path = tmp_path / "year.csv"
    seen = {}

    def choose(parent, caption, proposed, filters):
        seen["name"] = proposed
        return str(path), ""

    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", choose)
    with qtbot.waitSignal(tab.exporter.saved, timeout=15000):
        tab.findChild(QAction, "rankingExportCsv").trigger()
    assert seen["name"].endswith("综合成绩排名_2022(截至2022-08-31).csv")
    with path.open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[0][-1] == "较上年同期"
    assert next(r for r in rows if r[1] == A)[-1] == "-0.3625"
    ctx.engine.dispose()


def _choose_kind(qtbot, tab, text: str) -> None:
    """Picks a period type from the keyboard: Alt+P goes to the type box, the arrow keys choose."""
    kind = tab.period_selector.kind
    qtbot.keyClick(tab, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert kind.hasFocus()
    target = kind.findText(text)
    key = Qt.Key.Key_Down if target > kind.currentIndex() else Qt.Key.Key_Up
    with qtbot.waitSignal(tab.refreshed, timeout=15000):
        for _ in range(abs(target - kind.currentIndex())):
            qtbot.keyClick(kind, key)


def test_switching_the_period_type_and_stepping_stay_inside_the_data(setup, qtbot):
    """The data holds July and August 2022: 年度 → 月度 gives 2022-08 (not 2022-12), ▶ stops there, ◀ at July."""
    history, ctx, tab = setup
    tab.show()
    qtbot.waitExposed(tab)
    qtbot.waitUntil(lambda: tab.figures is not None and not tab.is_loading(), timeout=15000)
    selector = tab.period_selector
    _choose_kind(qtbot, tab, "年度")
    assert tab.figures.period == Period.for_year(2022) and not selector.later.isEnabled()
    _choose_kind(qtbot, tab, "月度")
    assert tab.figures.period == AUGUST and tab.tiles.values()["received"] == "11"
    assert not selector.later.isEnabled() and selector.month.date() == QDate(2022, 8, 1)
    with qtbot.assertNotEmitted(selector.changed):
        qtbot.mouseClick(selector.later, Qt.MouseButton.LeftButton)
        qtbot.keyClick(tab, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert selector.period() == AUGUST
    with qtbot.waitSignal(tab.refreshed, timeout=15000):
        qtbot.mouseClick(selector.earlier, Qt.MouseButton.LeftButton)
    assert tab.figures.period == Period.for_month(2022, 7) and not selector.earlier.isEnabled()
    with qtbot.assertNotEmitted(selector.changed):
        qtbot.keyClick(tab, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # June holds nothing
    _choose_kind(qtbot, tab, "季度")
    assert tab.figures.period == Period.for_quarter(2022, 3)
    with qtbot.assertNotEmitted(selector.changed):
        selector.quarter.setCurrentIndex(3)  # the fourth quarter of 2022 has not begun in the data
    assert selector.period() == Period.for_quarter(2022, 3) and selector.quarter.currentIndex() == 2


def test_the_current_year_never_shows_a_future_month(qtbot, sqlite_url, monkeypatch):
    """An empty database on 5 September 2022: 月度 ▶ reaches September, never October; 年度 → 月度 is September."""
    from app.services import clock
    from app.ui.application import open_context
    from tests.dashboard_helpers import TODAY

    monkeypatch.setattr(clock, "now", lambda: TODAY)
    ctx = open_context(sqlite_url)
    tab = DashboardTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    qtbot.waitUntil(lambda: tab.figures is not None and not tab.is_loading(), timeout=15000)
    selector = tab.period_selector
    assert tab.figures.period == AUGUST
    with qtbot.waitSignal(tab.refreshed, timeout=15000):
        qtbot.mouseClick(selector.later, Qt.MouseButton.LeftButton)
    assert tab.figures.period == Period.for_month(2022, 9) and not selector.later.isEnabled()
    assert tab.figures.comparison.partial  # September 1–5
    with qtbot.assertNotEmitted(selector.changed):
        qtbot.mouseClick(selector.later, Qt.MouseButton.LeftButton)
    _choose_kind(qtbot, tab, "年度")
    _choose_kind(qtbot, tab, "月度")
    assert tab.figures.period == Period.for_month(2022, 9)
    ctx.engine.dispose()


def test_key_topic_legend_counts_the_topics_of_the_year(setup, qtbot):
    """The legend says how many municipal and district topics the database has for the year, not "17+4"."""
    from sqlalchemy import func, select

    from app.models import KeyTopic

    history, ctx, tab = setup
    wait_drawn(qtbot, tab)
    with ctx.read_sf() as s:
        counts = dict(s.execute(select(KeyTopic.scope, func.count()).where(KeyTopic.year == 2022)
                                .group_by(KeyTopic.scope)).all())
    title = tab.topics.item.titleLabel.text
    assert f"市级重点({counts['municipal']})" in title and f"区级重点({counts['district']})" in title
    assert "(17)" not in title and "+4" not in title
    assert tab.topics.item.getAxis("bottom").labelText == "受理量(件)"
    assert tab.ranking.item.getAxis("bottom").labelText == "综合成绩(分)"


def test_a_drill_down_is_a_signal_whoever_listens(setup, qtbot):
    """The dashboard asks for cases by a signal (the main window connects the cases tab); it does not look
    for a widget called casesTab, and opens no list of its own when someone listens."""
    from app.services.case_queries import CaseFilter

    history, ctx, tab = setup
    wait_drawn(qtbot, tab)
    tab.show()
    qtbot.waitExposed(tab)
    index = [b.key for b in tab.ranking.bars()].index(history.unit(C))
    view = tab.ranking.plot
    with qtbot.waitSignal(tab.cases_requested, timeout=5000) as asked:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.mapFromScene(tab.ranking.scene_pos_of(index)))
    assert asked.args == [CaseFilter(unit_id=history.unit(C), received_from=date(2022, 8, 1),
                                     received_to=date(2022, 8, 31))]
    assert tab.findChild(UnitCasesDialog, "unitCasesDialog") is None
