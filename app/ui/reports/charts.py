"""A report's charts drawn by the dashboard's pyqtgraph code, recorded as vector pictures (QPicture).

A chart is a widget, so it is drawn on the GUI thread; the recorded picture is plain data that the PDF
writer (app/ui/reports/pdf.py) replays in a worker, into the PDF as vector paths and text.
"""
from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPicture
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.services.reports.document import COUNT, RATE, Chart, Report
from app.ui.dashboard import chart_style as style
from app.ui.dashboard.trend_chart import TrendChart, TrendPoint

CHART_SIZE = (700, 310)  # the chart's size on the page, in the dashboard's pixels (drawn 163 mm wide)
COUNT_COLORS = (style.NORMAL, style.DISTRICT, style.WATCH, style.BOTTOM)
RATE_COLORS = (style.RESPONSE, style.RESOLUTION, style.SATISFACTION, style.WATCH, style.NORMAL)


def _is_trend(chart: Chart) -> bool:
    """Volume and the three rates: the dashboard's own trend chart."""
    kinds = [s.kind for s in chart.series]
    return len(kinds) == 4 and kinds[0] == COUNT and kinds[1:] == [RATE, RATE, RATE]


class LineChart(style.TitledChart):
    """Any other chart of a report: counts on the left axis, rates (percent) on the right one, one line a series."""

    def __init__(self, chart: Chart, parent: QWidget | None = None):
        super().__init__(parent)
        counts = [s for s in chart.series if s.kind != RATE]
        rates = [s for s in chart.series if s.kind == RATE]
        axes = {"bottom": pg.AxisItem("bottom")}
        if counts:
            axes["left"] = style.CountAxis("left")
        if rates:
            axes["right" if counts else "left"] = style.PercentAxis("right" if counts else "left")
        self.plot = style.make_plot_widget(self, axes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.item = self.plot.getPlotItem()
        self.item.showGrid(x=False, y=True, alpha=style.GRID_ALPHA)
        metrics = QFontMetrics(style.chart_font())
        self.item.getAxis("left").setWidth(metrics.horizontalAdvance("00.0万") + 16)
        xs = list(range(len(chart.labels)))
        self._legend = []
        rate_view = self.item.getViewBox()
        if counts and rates:
            self.item.showAxis("right")
            self.item.getAxis("right").setWidth(metrics.horizontalAdvance("100%") + 16)
            rate_view = pg.ViewBox(enableMouse=False)
            self.item.scene().addItem(rate_view)
            self.item.getAxis("right").linkToView(rate_view)
            rate_view.setXLink(self.item)
            self.item.getViewBox().sigResized.connect(lambda: rate_view.setGeometry(
                self.item.getViewBox().sceneBoundingRect()))
        self.rate_view = rate_view
        top = 0.0
        for series, color in zip(counts, COUNT_COLORS * 3, strict=False):
            ys = [math.nan if v is None else float(v) for v in series.values]
            if len(counts) == 1:  # one volume: bars, as on the dashboard's trend
                color = style.VOLUME
                self.item.addItem(pg.BarGraphItem(x=xs, height=[0 if math.isnan(y) else y for y in ys], width=0.62,
                                                  brush=color, pen=None))
                self._legend.append(("■", color.name(), series.name))
            else:
                self.item.addItem(pg.PlotDataItem(xs, ys, pen=pg.mkPen(color, width=2.2), symbol="o", symbolSize=5,
                                                  symbolBrush=color, symbolPen=None, connect="finite"))
                self._legend.append(("━", color.name(), series.name))
            top = max([top, *(y for y in ys if not math.isnan(y))])
        finite: list[float] = []
        for series, color in zip(rates, RATE_COLORS * 3, strict=False):
            ys = [math.nan if v is None else float(v) * 100 for v in series.values]
            rate_view.addItem(pg.PlotDataItem(xs, ys, pen=pg.mkPen(color, width=2.2), symbol="o", symbolSize=5,
                                              symbolBrush=color, symbolPen=None, connect="finite"))
            finite += [y for y in ys if not math.isnan(y)]
            self._legend.append(("━", color.name(), series.name))
        room = CHART_SIZE[0] - 2 * (metrics.horizontalAdvance("00.0万") + 16)
        longest = max((metrics.horizontalAdvance(label) for label in chart.labels), default=0) + 12
        step = max(1, math.ceil(len(xs) * longest / max(room, 1)))
        major = [(i, label) for i, label in enumerate(chart.labels) if (len(xs) - 1 - i) % step == 0]
        self.item.getAxis("bottom").setTicks([major, [(i, "") for i in xs]])
        self.item.getAxis("bottom").setStyle(hideOverlappingLabels=metrics.horizontalAdvance("0000-00") // 2 + 6)
        self.item.setXRange(-0.5, max(len(xs), 1) - 0.5, padding=0)
        if counts:
            self.item.setYRange(0, max(top, 1) * 1.15, padding=0)
        if rates:
            low = math.floor(min(finite) / 10) * 10 - 10 if finite else 0
            rate_view.setYRange(max(low, 0), 104, padding=0)
        self.show_title(chart.title)


def _chart_widget(chart: Chart) -> style.TitledChart:
    if _is_trend(chart):
        volume, *rates = chart.series
        widget = TrendChart(tuple(s.name for s in chart.series))
        points = [TrendPoint(label, int(volume.values[i] or 0), *(r.values[i] for r in rates))
                  for i, label in enumerate(chart.labels)]
        widget.set_points(points, chart.title)
        return widget
    return LineChart(chart)


def chart_picture(chart: Chart, size: tuple[int, int] = CHART_SIZE) -> QPicture:
    """The chart drawn at `size` (the dashboard's pixels), recorded; on the GUI thread. Tick labels are
    written the Chinese way (1.2万) whatever the interface language: a report is a Chinese document. The
    chart's text is set in the PDF's family (pdf.py says why), put first in the dashboard's list meanwhile."""
    from app.ui.reports.pdf import PDF_FAMILIES

    before, families = QLocale(), style.CJK_FAMILIES
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    style.CJK_FAMILIES = (PDF_FAMILIES[0], *families)
    widget = None
    try:
        widget = _chart_widget(chart)
        widget.resize(*size)
        widget.plot.resize(*size)
        widget.item.setGeometry(QRectF(0, 0, *size))  # laid out without being shown
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        widget.show_title(chart.title)
        style.set_title(widget.item, chart.title, widget._legend, size[0])
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        if isinstance(widget, TrendChart):
            widget._sync_views()
        elif widget.rate_view is not widget.item.getViewBox():
            widget.rate_view.setGeometry(widget.item.getViewBox().sceneBoundingRect())
        picture = QPicture()
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(QRectF(0, 0, *size), QColor(Qt.GlobalColor.white))
        # in export mode the line's dots are drawn as shapes, not stamped from a cached bitmap
        items = [i for i in widget.plot.scene().items() if hasattr(i, "setExportMode")]
        for item in items:
            item.setExportMode(True, {"antialias": True, "background": QColor(Qt.GlobalColor.white), "painter": painter})
        try:
            widget.plot.scene().render(painter, QRectF(0, 0, *size), widget.item.sceneBoundingRect())
        finally:
            for item in items:
                item.setExportMode(False, None)
            painter.end()
        return picture
    finally:
        QLocale.setDefault(before)
        style.CJK_FAMILIES = families
        if widget is not None:
            widget.deleteLater()


def chart_pictures(report: Report) -> dict[Chart, QPicture]:
    """Every chart of the report, recorded (GUI thread)."""
    return {chart: chart_picture(chart) for chart in report.charts()}
