"""Monthly trend: case volume as bars on the left axis, the three rates as lines (percent) on the right axis."""
from __future__ import annotations

import math
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QToolTip, QVBoxLayout, QWidget

from app.ui.dashboard import chart_style as style


@dataclass(frozen=True)
class TrendPoint:
    """One month: `label` like 2022-08, rates as fractions 0–1 or None when no callback was counted."""

    label: str
    volume: int
    response: float | None
    resolution: float | None
    satisfaction: float | None
    tooltip: str = ""


def _percent(value: float | None) -> float:
    return math.nan if value is None else value * 100


class TrendChart(style.TitledChart):
    def __init__(self, names: tuple[str, str, str, str], parent: QWidget | None = None,
                 axis_titles: tuple[str, str] = ("", "")):
        """`names`: the legend's words for volume, response, resolution and satisfaction; `axis_titles`:
        the left (volume) and right (rates) axes' titles with their units."""
        super().__init__(parent)
        self.plot = style.make_plot_widget(self, {"left": style.CountAxis("left"), "right": style.PercentAxis("right")})
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.item = self.plot.getPlotItem()
        self.item.showGrid(x=False, y=True, alpha=style.GRID_ALPHA)
        self.item.showAxis("right")
        self.rates_view = pg.ViewBox(enableMouse=False)
        self.rates_view.setMouseEnabled(x=False, y=False)
        self.item.scene().addItem(self.rates_view)
        self.item.getAxis("right").linkToView(self.rates_view)
        self.rates_view.setXLink(self.item)
        self.item.getViewBox().sigResized.connect(self._sync_views)
        # fixed axis widths: pyqtgraph sizes an axis from the labels it last painted, which leaves a
        # narrow axis whose labels overflow the plot (and are cut off in an exported PNG)
        metrics = QFontMetrics(style.chart_font())
        self.item.getAxis("left").setWidth(metrics.horizontalAdvance("00.0万") + 16)
        self.item.getAxis("right").setWidth(metrics.horizontalAdvance("100%") + 16)
        for name, title in zip(("left", "right"), axis_titles, strict=True):
            if title:
                style.set_axis_title(self.item.getAxis(name), title)
                self.item.getAxis(name).setWidth(self.item.getAxis(name).width() + metrics.height() + 4)
        # a month's label is centred under its bar: the last one overhangs the plot's right end by half its
        # width, which pyqtgraph hides by default (the latest month was never labelled)
        self.item.getAxis("bottom").setStyle(hideOverlappingLabels=metrics.horizontalAdvance("0000-00") // 2 + 6)

        self.volume = pg.BarGraphItem(x=[], height=[], width=0.62, brush=style.VOLUME, pen=None)
        self.item.addItem(self.volume)
        colors = (style.RESPONSE, style.RESOLUTION, style.SATISFACTION)
        self.lines: list[pg.PlotDataItem] = []
        for color in colors:
            line = pg.PlotDataItem([], [], pen=pg.mkPen(color, width=2.2), symbol="o", symbolSize=5,
                                   symbolBrush=color, symbolPen=None, connect="finite")
            self.rates_view.addItem(line)
            self.lines.append(line)
        self._legend = [("■", style.VOLUME.name(), names[0])] + [
            ("━", c.name(), n) for c, n in zip(colors, names[1:], strict=True)]
        self.points: list[TrendPoint] = []
        self._hovered: int | None = None
        self.plot.scene().sigMouseMoved.connect(self._hover)

    def _sync_views(self) -> None:
        self.rates_view.setGeometry(self.item.getViewBox().sceneBoundingRect())
        self.rates_view.linkedViewChanged(self.item.getViewBox(), self.rates_view.XAxis)

    def set_points(self, points: list[TrendPoint], title: str = "") -> None:
        self.points = list(points)
        xs = list(range(len(points)))
        self.volume.setOpts(x=xs, height=[p.volume for p in points], width=0.62)
        series = ([_percent(p.response) for p in points], [_percent(p.resolution) for p in points],
                  [_percent(p.satisfaction) for p in points])
        for line, ys in zip(self.lines, series, strict=True):
            if all(math.isnan(y) for y in ys):
                line.setData([], [])  # no callback counted in any month: nothing to draw
            else:
                line.setData(xs, ys)
        step = 3 if len(points) > 12 else 1
        major = [(i, p.label) for i, p in enumerate(points) if (len(points) - 1 - i) % step == 0]
        minor = [(i, "") for i in xs]
        self.item.getAxis("bottom").setTicks([major, minor])
        self.item.setXRange(-0.6, max(len(points), 1) - 0.4, padding=0)
        top = max((p.volume for p in points), default=0)
        self.item.setYRange(0, max(top, 1) * 1.22, padding=0)  # head room for the legend
        finite = [v for ys in series for v in ys if not math.isnan(v)]
        low = math.floor(min(finite) / 10) * 10 - 10 if finite else 0
        self.rates_view.setYRange(max(low, 0), 104, padding=0)
        self.show_title(title)
        self._sync_views()

    def index_at(self, scene_pos: QPointF) -> int | None:
        if not self.points or not self.item.getViewBox().sceneBoundingRect().contains(scene_pos):
            return None
        index = round(self.item.getViewBox().mapSceneToView(scene_pos).x())
        return index if 0 <= index < len(self.points) else None

    def _hover(self, scene_pos: QPointF) -> None:
        index = self.index_at(scene_pos)
        if index == self._hovered:
            return
        self._hovered = index
        if index is None or not self.points[index].tooltip:
            QToolTip.hideText()
            return
        QToolTip.showText(self.plot.mapToGlobal(self.plot.mapFromScene(scene_pos)), self.points[index].tooltip,
                          self.plot)
