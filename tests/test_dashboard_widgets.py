"""The dashboard's widgets on their own, with plain data: charts update in place, selectors step periods."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

from app.services.directory import UnitInfo
from app.services.metrics import Group
from app.services.periods import Period
from app.ui.dashboard.hbar_chart import Bar, HBarChart, LegendEntry
from app.ui.dashboard.selectors import GroupSelector, PeriodSelector
from app.ui.dashboard.tiles import Tile, TilesWidget
from app.ui.dashboard.trend_chart import TrendChart, TrendPoint


def test_bar_chart_updates_the_same_items_on_refresh(qtbot):
    chart = HBarChart([LegendEntry("前3名", "#2f9e44")], "无数据")
    qtbot.addWidget(chart)
    chart.set_bars([Bar(i, f"单位{i}", 10 + i, f"{10 + i}") for i in range(5)], "排名")
    item, labels = chart.bars_item, list(chart._labels)
    chart.set_bars([Bar(7, "甲街道", 3, "3"), Bar(8, "乙街道", 2, "2")], "排名")
    assert chart.bars_item is item and chart._labels == labels
    assert list(chart.bars_item.opts["width"]) == [3, 2]
    assert [label.isVisible() for label in labels] == [True, True, False, False, False]
    assert chart.item.getAxis("left")._tickLevels[0] == [(0, "甲街道"), (1, "乙街道")]
    assert not chart._empty.isVisible()


def test_bar_chart_says_when_there_is_nothing_to_rank(qtbot):
    chart = HBarChart([], "本期没有可排名的单位")
    qtbot.addWidget(chart)
    chart.set_bars([Bar(1, "甲", 1)])
    chart.set_bars([])
    assert chart.bars() == [] and chart._empty.isVisible()
    assert chart._empty.textItem.toPlainText() == "本期没有可排名的单位"


def test_trend_chart_leaves_gaps_for_months_without_callbacks(qtbot):
    chart = TrendChart(("受理量", "响应率", "解决率", "满意率"))
    qtbot.addWidget(chart)
    chart.set_points([TrendPoint("2022-07", 3, 0.5, None, 1.0), TrendPoint("2022-08", 11, None, None, None)])
    xs, ys = chart.lines[0].getData()
    assert list(xs) == [0, 1] and ys[0] == 50 and ys[1] != ys[1]  # NaN: no point drawn
    assert list(chart.volume.opts["height"]) == [3, 11]
    assert chart.lines[1].getData()[0] is None or len(chart.lines[1].getData()[0]) == 0  # never a rate


def test_tiles_are_created_once_and_updated(qtbot):
    tiles = TilesWidget()
    qtbot.addWidget(tiles)
    tiles.set_tiles([Tile("received", "受理量", "11", "较上期 +8", "neutral")])
    frame = tiles.frames["received"]
    tiles.set_tiles([Tile("received", "受理量", "12", "较上期 +9", "good")])
    assert tiles.frames["received"] is frame and tiles.values() == {"received": "12"}


def test_period_selector_steps_months_quarters_and_years(qtbot):
    selector = PeriodSelector(Period.for_month(2022, 8))
    qtbot.addWidget(selector)
    with qtbot.waitSignal(selector.changed) as sig:
        selector.step_later()
    assert sig.args[0] == Period.for_month(2022, 9)
    with qtbot.waitSignal(selector.changed) as sig:
        selector.kind.setCurrentIndex(1)
    assert sig.args[0] == Period.for_quarter(2022, 3)
    with qtbot.waitSignal(selector.changed) as sig:
        selector.step_later()
    assert sig.args[0] == Period.for_quarter(2022, 4)
    with qtbot.waitSignal(selector.changed) as sig:
        selector.step_later()
    assert sig.args[0] == Period.for_quarter(2023, 1)
    with qtbot.waitSignal(selector.changed) as sig:
        selector.kind.setCurrentIndex(2)
    assert sig.args[0] == Period.for_year(2023)
    with qtbot.waitSignal(selector.changed) as sig:
        selector.step_earlier()
    assert sig.args[0] == Period.for_year(2022)


def test_period_selector_custom_range_steps_by_its_length(qtbot):
    selector = PeriodSelector(Period.for_range(date(2022, 8, 1), date(2022, 8, 10)))
    qtbot.addWidget(selector)
    assert selector.kind.currentData() == "range"
    with qtbot.waitSignal(selector.changed) as sig:
        selector.range_to.setDate(QDate(2022, 8, 20))
    assert sig.args[0] == Period.for_range(date(2022, 8, 1), date(2022, 8, 20))
    with qtbot.waitSignal(selector.changed) as sig:
        selector.step_later()
    assert sig.args[0] == Period.for_range(date(2022, 8, 21), date(2022, 9, 9))


def _street(i: int, name: str) -> UnitInfo:
    return UnitInfo(i, f"s{i}", name, "street", 2, 1, None, False, True)


def test_group_selector_picks_a_streets_communities(qtbot):
    selector = GroupSelector([_street(5, "太平桥街道"), _street(6, "西罗园街道")])
    qtbot.addWidget(selector)
    assert not selector.street.isEnabled()
    with qtbot.waitSignal(selector.changed) as sig:
        selector.level.setCurrentIndex(2)
    assert sig.args[0] == Group.communities(5) and selector.street.isEnabled()
    with qtbot.waitSignal(selector.changed) as sig:
        selector.street.setCurrentIndex(1)
    assert sig.args[0] == Group.communities(6)
    with qtbot.waitSignal(selector.changed) as sig:
        selector.level.setCurrentIndex(1)
    assert sig.args[0] == Group.bureaus()
    with qtbot.assertNotEmitted(selector.changed):
        selector.street.setCurrentIndex(0)  # the street matters only for communities


def test_english_translation_covers_the_dashboard(qtbot):
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication, QTranslator

    translator = QTranslator()
    assert translator.load(str(Path(__file__).resolve().parent.parent / "resources/i18n/dashboard_en.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        selector = PeriodSelector(Period.for_month(2022, 8))
        qtbot.addWidget(selector)
        assert [selector.kind.itemText(i) for i in range(4)] == ["Month", "Quarter", "Year", "Custom"]
        from app.ui.dashboard import presenters

        assert presenters.period_text(Period.for_quarter(2022, 3)) == "2022 Q3"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_hovering_a_month_of_the_trend_shows_its_figures(qtbot):
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    chart = TrendChart(("受理量", "响应率", "解决率", "满意率"))
    qtbot.addWidget(chart)
    chart.resize(700, 330)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_points([TrendPoint("2022-07", 3, 0.5, 0.5, 1.0, "2022-07 受理 3"),
                      TrendPoint("2022-08", 11, 0.8, 0.7, 0.8, "2022-08 受理 11")])
    view_box = chart.item.getViewBox()
    pos = QPointF(chart.plot.mapFromScene(view_box.mapViewToScene(QPointF(1, 5))))
    assert chart.index_at(view_box.mapViewToScene(QPointF(1, 5))) == 1
    QApplication.sendEvent(chart.plot.viewport(), QMouseEvent(
        QEvent.Type.MouseMove, pos, QPointF(chart.plot.viewport().mapToGlobal(pos.toPoint())),
        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: QToolTip.text() == "2022-08 受理 11", timeout=5000)


def test_trend_axes_are_wide_enough_for_their_labels_in_an_export(qtbot):
    from PySide6.QtGui import QFontMetrics

    from app.ui.dashboard import chart_style

    chart = TrendChart(("受理量", "响应率", "解决率", "满意率"))
    qtbot.addWidget(chart)
    chart.resize(700, 330)
    chart.grab()  # painted empty first, as the tab is before its first figures arrive
    chart.set_points([TrendPoint("2022-08", 56_000, 0.98, 0.91, 0.93)], "趋势")
    chart.grab()
    image = chart.image()
    metrics = QFontMetrics(chart_style.chart_font())
    assert chart.item.getAxis("left").width() >= metrics.horizontalAdvance("6万") + 8
    assert chart.item.getAxis("right").width() >= metrics.horizontalAdvance("100%") + 8
    assert image.width() == 1400


def test_count_axis_writes_large_counts_the_interface_languages_way(qtbot):
    from PySide6.QtCore import QLocale

    from app.ui.dashboard import chart_style

    before = QLocale()
    axis = chart_style.CountAxis("left")
    try:
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        assert axis.tickStrings([0, 5000, 12_000, 60_000, 1_500_000], 1, 1) == ["0", "5000", "1.2万", "6万", "150万"]
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        assert axis.tickStrings([0, 500, 12_000, 60_000, 1_500_000], 1, 1) == ["0", "500", "12k", "60k", "1.5M"]
    finally:
        QLocale.setDefault(before)


def _axis_texts(axis) -> list[str]:
    """The tick labels the axis paints at its present size (what is on screen, or in the PNG being rendered)."""
    from PySide6.QtGui import QImage, QPainter

    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _rect, _flags, text in specs[2]] if specs else []


def test_ranking_axis_reads_0_to_100_points_with_a_title(qtbot):
    """The plot reaches right of 100 for the value labels; the axis never reads 110 or 120."""
    chart = HBarChart([], "", axis_title="综合成绩(分)")
    qtbot.addWidget(chart)
    chart.resize(600, 400)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_bars([Bar(1, "长辛店街道", 100.0, "100.00  治理类类类类类类"), Bar(2, "王佐镇", 51.67, "51.67")], x_max=100)
    chart.grab()
    bottom = chart.item.getAxis("bottom")
    assert chart.item.getViewBox().viewRange()[0][1] > 110  # room for the labels …
    shown = [float(t) for t in _axis_texts(bottom) if t]
    assert shown and max(shown) == 100  # … but the axis ends at 100
    assert "综合成绩(分)" in bottom.labelText and bottom.label.isVisible()


def test_trend_labels_the_latest_month_on_screen_and_in_the_png(qtbot):
    chart = TrendChart(("受理量", "响应率", "解决率", "满意率"), axis_titles=("受理量(件)", "比率(%)"))
    qtbot.addWidget(chart)
    months = [f"{2020 + (8 + i) // 12}-{(8 + i) % 12 + 1:02d}" for i in range(24)]
    assert (months[0], months[-1]) == ("2020-09", "2022-08")
    chart.set_points([TrendPoint(m, 1000 + i, 0.9, 0.8, 0.85) for i, m in enumerate(months)], "趋势")
    for width in (560, 700, 1400):  # the tab at 1366×768, a wider screen, the exported PNG's width
        chart.resize(width, 330)
        chart.show()
        chart.grab()
        texts = _axis_texts(chart.item.getAxis("bottom"))
        assert texts[-1] == "2022-08", (width, texts)
    assert chart.item.getAxis("left").labelText == "受理量(件)"
    assert chart.item.getAxis("right").labelText == "比率(%)"


def test_a_long_title_is_cut_rather_than_pushing_the_bars_out_of_sight(qtbot):
    chart = HBarChart([LegendEntry("Top 3", "#2f9e44")], "")
    qtbot.addWidget(chart)
    chart.resize(500, 400)
    chart.show()
    qtbot.waitExposed(chart)
    title = "Composite score ranking · 2022 (months 1–8, vs same days last year) · Streets and towns"
    chart.set_bars([Bar(1, "长辛店街道", 98.0, "98.00  governance")], title, x_max=100)
    chart.grab()
    assert chart.item.geometry().width() <= chart.width() + 1  # the whole plot, value labels included, is seen
    assert "…" in chart.item.titleLabel.text
    image_title = []
    original = chart.item.setTitle
    chart.item.setTitle = lambda html: (image_title.append(html), original(html))[1]
    chart.image()  # the PNG is wide enough for the whole title
    assert "Streets and towns" in image_title[0] and "…" in chart.item.titleLabel.text
