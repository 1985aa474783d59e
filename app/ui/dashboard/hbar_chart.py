"""Horizontal bar chart of named rows (rankings, key topics): first row on top, names as left-axis ticks,
a value label at each bar's end, a tooltip per bar and a click signal carrying the row's key."""
from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFontMetrics
from PySide6.QtWidgets import QToolTip, QVBoxLayout, QWidget

from app.ui.dashboard import chart_style as style

BAR_HEIGHT = 0.66
ROW_PIXELS = 24  # the height a row needs for a readable name; the widget asks for it
MIN_ROWS = 8


@dataclass(frozen=True)
class Bar:
    """One row: `key` identifies it in signals (a unit or category id), colours are '#rrggbb'."""

    key: int
    label: str
    value: float
    text: str = ""
    tooltip: str = ""
    color: str = style.NORMAL.name()
    outline: str | None = None


@dataclass(frozen=True)
class LegendEntry:
    """A filled square in `color`, or with `outline` a hollow square in that colour."""

    name: str
    color: str
    outline: str | None = None


class HBarChart(style.TitledChart):
    """Bars are one BarGraphItem updated in place; value labels come from a pool of text items."""

    clicked = Signal(int)
    double_clicked = Signal(int)

    def __init__(self, legend: list[LegendEntry] | None = None, empty_text: str = "", parent: QWidget | None = None,
                 axis_title: str = ""):
        """`axis_title`: the value axis's title with its unit (综合成绩(分), 受理量(件))."""
        super().__init__(parent)
        self.plot = style.make_plot_widget(self)
        self.plot.setAntialiasing(False)  # bars are axis-aligned: crisp without it, and a third faster to paint
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.item = self.plot.getPlotItem()
        self.item.invertY(True)
        self.item.showGrid(x=True, y=False, alpha=style.GRID_ALPHA)
        self.item.getAxis("left").setStyle(tickLength=0)
        if axis_title:
            style.set_axis_title(self.item.getAxis("bottom"), axis_title)
        self.item.getAxis("bottom").setStyle(hideOverlappingLabels=12)  # "0" at the axis's start overhangs it
        self.bars_item = pg.BarGraphItem(x0=[], y=[], height=BAR_HEIGHT, width=[], brush=style.NORMAL, pen=None)
        self.item.addItem(self.bars_item)
        self._labels: list[pg.TextItem] = []
        self._bars: list[Bar] = []
        self._hovered: int | None = None
        self._span, self._widest_text = 1.0, 0
        self._empty = style.text_item(style.AXIS, anchor=(0.5, 0.5))
        self._empty.setText(empty_text)
        self._empty.setVisible(False)
        self.item.addItem(self._empty, ignoreBounds=True)
        self._legend = self._legend_marks(legend or [])
        self.item.getViewBox().sigResized.connect(self._fit_x)
        self.plot.scene().sigMouseMoved.connect(self._hover)
        self.plot.scene().sigMouseClicked.connect(self._click)

    # ------------------------------------------------------------ data

    def set_bars(self, bars: list[Bar], title: str = "", x_max: float | None = None,
                 legend: list[LegendEntry] | None = None) -> None:
        """`legend` replaces the chart's legend (e.g. without an entry that this data cannot show). With
        `x_max` (a score out of 100) the value axis is marked 0…x_max only, whatever room the labels take."""
        if legend is not None:
            self._legend = self._legend_marks(legend)
        self._bars = list(bars)
        n = len(bars)
        y = list(range(n))
        brushes = [pg.mkBrush(b.color) for b in bars]
        pens = [pg.mkPen(b.outline, width=3) if b.outline else pg.mkPen(QColor(b.color).darker(115), width=1)
                for b in bars]
        # pyqtgraph 0.14 fails on empty per-bar pen lists: an empty chart uses the shared pen and brush
        self.bars_item.setOpts(x0=[0] * n, y=y, height=BAR_HEIGHT, width=[b.value for b in bars],
                               brushes=brushes or None, pens=pens or None, pen=None, brush=style.NORMAL)
        left = self.item.getAxis("left")
        left.setTicks([[(i, b.label) for i, b in enumerate(bars)], []])
        metrics = QFontMetrics(style.chart_font())
        widest = max((metrics.horizontalAdvance(b.label) for b in bars), default=40)
        left.setWidth(widest + 16)
        while len(self._labels) < n:
            label = style.text_item()
            self.item.addItem(label, ignoreBounds=True)
            self._labels.append(label)
        top = max((b.value for b in bars), default=0.0)
        span = x_max if x_max is not None else (top or 1.0)
        for i, label in enumerate(self._labels):
            if i < n:
                label.setText(bars[i].text)
                label.setPos(bars[i].value + span * 0.01, i)
            label.setVisible(i < n)
        self._span = span
        self.item.getAxis("bottom").setTicks(style.score_ticks(x_max) if x_max is not None else None)
        self._widest_text = max((metrics.horizontalAdvance(b.text) for b in bars), default=0)
        self._fit_x()
        self.item.setYRange(-0.6, max(n, MIN_ROWS) - 0.4, padding=0)  # few rows stay slim, at the top
        self._empty.setVisible(n == 0)
        self._empty.setPos(span / 2, 0)
        self.show_title(title)

    @staticmethod
    def _legend_marks(legend: list[LegendEntry]) -> list[tuple[str, str, str]]:
        return [("□" if e.outline else "■", e.outline or e.color, e.name) for e in legend]

    def _fit_x(self) -> None:
        """Leave room right of the longest bar for its value label, whatever the widget's width."""
        plot_width = max(self.item.getViewBox().width(), 200.0)
        room = min(0.6, (self._widest_text + 14) / plot_width)
        self.item.setXRange(0, self._span / (1 - room), padding=0)

    def preferred_height(self) -> int:
        return 90 + ROW_PIXELS * max(len(self._bars), MIN_ROWS)

    def bars(self) -> list[Bar]:
        return list(self._bars)

    # ------------------------------------------------------------ mouse

    def index_at(self, scene_pos: QPointF) -> int | None:
        """The row under a scene position (anywhere on the row, name included), or None."""
        if not self._bars or not self.item.sceneBoundingRect().contains(scene_pos):
            return None
        point = self.item.getViewBox().mapSceneToView(scene_pos)
        index = round(point.y())
        if 0 <= index < len(self._bars) and abs(point.y() - index) <= BAR_HEIGHT / 2 + 0.05:
            return index
        return None

    def scene_pos_of(self, index: int) -> QPointF:
        """The middle of a bar in scene coordinates (for tests and accessibility tools)."""
        bar = self._bars[index]
        return self.item.getViewBox().mapViewToScene(QPointF(max(bar.value, 0) / 2, index))

    def _hover(self, scene_pos: QPointF) -> None:
        index = self.index_at(scene_pos)
        if index == self._hovered:
            return
        self._hovered = index
        if index is None or not self._bars[index].tooltip:
            QToolTip.hideText()
            self.plot.unsetCursor()
            return
        self.plot.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
        view_pos = self.plot.mapFromScene(scene_pos)
        QToolTip.showText(self.plot.mapToGlobal(view_pos), self._bars[index].tooltip, self.plot)

    def _click(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        index = self.index_at(event.scenePos())
        if index is None:
            return
        event.accept()
        key = self._bars[index].key
        (self.double_clicked if event.double() else self.clicked).emit(key)
