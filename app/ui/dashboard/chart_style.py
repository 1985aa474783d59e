"""How the dashboard's charts look: one font, one palette and one plot setup, so every chart reads alike."""
from __future__ import annotations

from html import escape

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetrics, QImage
from PySide6.QtWidgets import QWidget

CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei")

# AntV-like palette: readable on white, distinguishable for the common colour-vision deficiencies
NORMAL = QColor("#5B8FF9")
TOP = QColor("#2F9E44")
BOTTOM = QColor("#E8684A")
WATCH = QColor("#7B2FBE")
VOLUME = QColor("#9DB8E8")
RESPONSE = QColor("#F6BD16")
RESOLUTION = QColor("#2F9E44")
SATISFACTION = QColor("#E8684A")
MUNICIPAL = QColor("#5B8FF9")
DISTRICT = QColor("#61DDAA")
TEXT = QColor("#303133")
AXIS = QColor("#606266")
GRID_ALPHA = 0.15


def chart_font(point_size: float = 9.5, bold: bool = False) -> QFont:
    """The first installed CJK family, so Chinese unit names never render as boxes."""
    families = set(QFontDatabase.families())
    family = next((f for f in CJK_FAMILIES if f in families), "")
    font = QFont(family, -1) if family else QFont()
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def title_html(text: str, legend: list[tuple[str, str, str]] = ()) -> str:
    """A bold title and, on a second line, the legend as coloured marks: (mark, '#rrggbb', name).

    The legend lives in the title rather than in a pyqtgraph LegendItem so that it never covers a
    bar, and so that an exported PNG carries it."""
    family = chart_font().family()
    head = (f'<span style="font-family:\'{family}\'; font-size:11pt; font-weight:600; '
            f'color:{TEXT.name()}">{escape(text)}</span>')
    if not legend:
        return head
    marks = "&nbsp;&nbsp;&nbsp;".join(
        f'<span style="color:{color}">{mark}</span>&nbsp;{escape(name)}' for mark, color, name in legend)
    return (f'{head}<br><span style="font-family:\'{family}\'; font-size:9pt; color:{AXIS.name()}">'
            f'{marks}</span>')


def set_title(item: pg.PlotItem, text: str, legend: list[tuple[str, str, str]] = (), width: float | None = None) -> None:
    """`width`: the chart's width; a longer title is cut with "…" there, because a title label as wide as its
    text widens the whole plot past its widget (the bars' ends and value labels went out of sight)."""
    if width:  # the title sits above the plot area, between the side axes
        sides = sum(max(item.getAxis(n).width(), item.getAxis(n).minimumWidth())  # a width just set is not laid out yet
                    for n in ("left", "right") if item.getAxis(n).isVisible())
        room = int(width - sides) - 24
        text = QFontMetrics(chart_font(11, bold=True)).elidedText(text, Qt.TextElideMode.ElideRight, room)
    html = title_html(text, legend)
    if item.titleLabel.isVisible() and item.titleLabel.text == html:
        return  # relaying out the plot for the same title costs a repaint of everything
    item.setTitle(html)
    height = 50 if legend else 30
    item.titleLabel.setMaximumHeight(height)
    item.layout.setRowFixedHeight(0, height)


def count_label(value: float) -> str:
    """A case count as reports write it: 12 000 is 1.2万 in Chinese, 12k in English."""
    if QLocale().language() == QLocale.Language.Chinese:
        return f"{value / 10000:g}万" if abs(value) >= 10000 else f"{value:.0f}"
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    return f"{value / 1000:g}k" if abs(value) >= 1000 else f"{value:.0f}"


class CountAxis(pg.AxisItem):
    """Case counts, in the interface language's way of writing large numbers (count_label)."""

    def tickStrings(self, values, scale, spacing):
        return [count_label(v) for v in values]


class PercentAxis(pg.AxisItem):
    def tickStrings(self, values, scale, spacing):
        return [f"{v:.0f}%" for v in values]


def make_plot_widget(parent=None, axis_items: dict | None = None) -> pg.PlotWidget:
    """A white, static plot: no panning or zooming (a dashboard is read, not explored), CJK tick labels."""
    plot = pg.PlotWidget(parent=parent, background="w", axisItems=axis_items)
    plot.setAntialiasing(True)
    item = plot.getPlotItem()
    item.setMenuEnabled(False)
    item.hideButtons()
    item.setMouseEnabled(x=False, y=False)
    item.getViewBox().setMouseEnabled(x=False, y=False)
    for name in ("left", "bottom", "right", "top"):
        axis = item.getAxis(name)
        axis.setStyle(tickFont=chart_font(), tickTextOffset=6)
        axis.setTextPen(pg.mkPen(AXIS))
        axis.setPen(pg.mkPen(QColor("#C0C4CC")))
    return plot


def set_axis_title(axis: pg.AxisItem, text: str) -> None:
    """An axis title with its unit ("受理量(件)", "综合成绩(分)"), in the chart font (no SI prefixes)."""
    axis.setLabel(text, **{"font-family": f"'{chart_font().family()}'", "font-size": "9pt", "color": AXIS.name()})


def score_ticks(top: float = 100, step: float = 20) -> list[list[tuple[float, str]]]:
    """Ticks 0, 20 … 100 for a score out of 100 (the plot may reach further right for the value labels,
    but the axis never reads 110 or 120)."""
    count = int(top // step)
    return [[(i * step, f"{i * step:g}") for i in range(count + 1)], [(i * step / 2, "") for i in range(2 * count + 1)]]


def text_item(color: QColor = TEXT, anchor=(0, 0.5)) -> pg.TextItem:
    item = pg.TextItem("", color=color, anchor=anchor)
    item.setFont(chart_font(9))
    return item


def plot_image(item: pg.PlotItem, width: int = 1400) -> QImage:
    """The plot as an image, rendered now (on the UI thread); saving it can happen in a worker."""
    # a title or axis changed just now is laid out by a posted event: lay it out before rendering
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    exporter = ImageExporter(item)
    exporter.parameters()["width"] = width
    return exporter.export(toBytes=True)


class TitledChart(QWidget):
    """A chart widget (its plot in `self.item`, its legend marks in `self._legend`) whose title is cut to the
    widget's width as it resizes, and to an exported image's width."""

    _title = ""

    def show_title(self, title: str) -> None:
        self._title = title
        set_title(self.item, title, self._legend, self.width())

    def image(self, width: int = 1400) -> QImage:
        set_title(self.item, self._title, self._legend, width)  # the image's width has room for more
        try:
            return plot_image(self.item, width)
        finally:
            set_title(self.item, self._title, self._legend, self.width())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self._title:
            set_title(self.item, self._title, self._legend, self.width())
