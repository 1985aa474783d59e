"""The dashboard tab (数据看板): rankings, tiles, trends, key topics and the watch list for one period.

Everything is computed by app/services/dashboard (through app/services/metrics) in a worker; the tab
only draws, updating the same chart items on every refresh."""
from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QMetaMethod, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.messages import error_text
from app.services import clock
from app.services import dashboard as service
from app.services.case_queries import CaseFilter
from app.services.dashboard import DashboardFigures, Trend
from app.services.output_files import database_files
from app.services.periods import Period, last_full_month, next_month
from app.ui.context import AppContext
from app.ui.dashboard import presenters as present
from app.ui.dashboard.alerts_panel import AlertsPanel
from app.ui.dashboard.drilldown import UnitCasesDialog
from app.ui.dashboard.exports import Exporter
from app.ui.dashboard.hbar_chart import HBarChart
from app.ui.dashboard.panel import Panel
from app.ui.dashboard.routing_panel import RoutingPanel
from app.ui.dashboard.selectors import GroupSelector, PeriodSelector
from app.ui.dashboard.tiles import TilesWidget
from app.ui.dashboard.trend_chart import TrendChart
from app.ui.freshness import FreshnessLabel
from app.ui.rows_model import RowsModel
from app.ui.workers import Activity, JobRunner

DISTRICT = -1  # the trend combo's item for the whole district (unit ids are positive)


def _first_figures(sf, directory, today, group):
    """The first load: the default period (which needs the database) and its figures, in one worker call."""
    period = service.default_period(sf, today)
    return service.dashboard_figures(sf, period, group, None, directory, today)


class DashboardTab(QWidget):
    refreshed = Signal()  # every chart, tile and table shows the latest figures
    trend_refreshed = Signal()
    # a drill-down: the cases of this CaseFilter; the main window connects it to the cases tab (show_cases).
    # With nothing connected (no cases tab for the role, a tab on its own) a list dialog shows them.
    cases_requested = Signal(object)
    busy_changed = Signal(bool)  # background work under way or done (all of the tab's runners)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("dashboardTab")
        self.setWindowTitle(self.tr("数据看板"))
        # its own threads: the figures must not queue behind another tab's long query (the global pool
        # has one thread per core, and the cases tab counts a million rows at start)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.jobs = JobRunner(self, self.pool)
        self.trend_jobs = JobRunner(self, self.pool)
        self.export_jobs = JobRunner(self)
        self.exporter = Exporter(self, self.export_jobs, database_files(ctx.engine))
        self.figures: DashboardFigures | None = None
        self.trend: Trend | None = None
        self._loaded_once = False
        self.unit_names = {u.id: u.name for u in ctx.directory.units.values()}

        self.period_selector = PeriodSelector(last_full_month(clock.today()), self)
        self.period_selector.set_bounds(None, clock.today())  # never a future month; the data's span once known
        self.group_selector = GroupSelector(ctx.directory.in_order(ctx.directory.streets()), self)
        ctx.reference.changed.connect(self._reference_changed)
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.refresh_button.setObjectName("dashboardRefresh")
        self.refresh_button.setToolTip(self.tr("重新计算(F5)"))
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.loading = QProgressBar(self)
        self.loading.setObjectName("dashboardLoading")
        self.loading.setRange(0, 0)
        self.loading.setMaximumWidth(120)
        self.loading.setTextVisible(False)
        self.loading.hide()
        self.status = QLabel(self)
        self.status.setObjectName("dashboardStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # a long line (English, a partial period) is cut at the window's edge rather than widening the window
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.freshness = FreshnessLabel(ctx.reads, self)  # with a read replica: 数据截至 …
        bar = QHBoxLayout()
        for w in (self.period_selector, self.group_selector, self.refresh_button, self.loading, self.freshness):
            bar.addWidget(w)
        bar.addWidget(self.status, 1)

        self.tiles = TilesWidget(self)
        self._build_panels()

        content = QWidget(self)
        content.setObjectName("dashboardContent")
        content.setStyleSheet("#dashboardContent { background: #F5F7FA; }")
        grid = QGridLayout(content)
        grid.setContentsMargins(10, 8, 10, 10)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(10)
        grid.addWidget(self.tiles, 0, 0, 1, 2)
        grid.addWidget(self.ranking_panel, 1, 0, 2, 1)
        grid.addWidget(self.trend_panel, 1, 1)
        grid.addWidget(self.topics_panel, 2, 1)
        grid.addWidget(self.watch_panel, 3, 0)
        grid.addWidget(self.improved_panel, 3, 1)
        self.alerts_panel = AlertsPanel(self.ctx, content)
        grid.addWidget(self.alerts_panel, 4, 0, 1, 2)
        self.routing_jobs = JobRunner(self, self.pool)
        self.routing_panel = RoutingPanel(self.ctx, self.routing_jobs, content)
        grid.addWidget(self.routing_panel, 5, 0, 1, 2)
        grid.setColumnStretch(0, 11)
        grid.setColumnStretch(1, 10)
        scroll = QScrollArea(self)
        scroll.setObjectName("dashboardScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)

        self.period_selector.changed.connect(self.refresh)
        self.group_selector.changed.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        self.ranking.clicked.connect(self.open_unit_cases)
        self.trend_unit.currentIndexChanged.connect(self._trend_unit_chosen)
        self.exporter.saved.connect(lambda path: self._say(self.tr("已导出:{path}").format(path=path)))
        self.exporter.failed.connect(self._export_failed)
        self.activity = Activity(self)
        self.activity.busy_changed.connect(self.busy_changed)

    def is_busy(self) -> bool:
        """Background work of this tab is under way (busy_changed says when that changes)."""
        return self.activity.is_busy()

    def _reference_changed(self, directory) -> None:
        """Units renamed or added by an administrator: names and the street list follow."""
        self.unit_names = {u.id: u.name for u in directory.units.values()}
        self.group_selector.set_streets(directory.in_order(directory.streets()))

    # ------------------------------------------------------------ building

    def _build_panels(self) -> None:
        self.ranking = HBarChart(present.ranking_legend(), self.tr("本期没有可排名的单位(无有效回访)"), self,
                                 axis_title=self.tr("综合成绩(分)"))
        self.ranking.setObjectName("rankingChart")
        self.unranked = QLabel(self)
        self.unranked.setObjectName("unrankedUnits")
        self.unranked.setWordWrap(True)
        self.unranked.setStyleSheet("color: #606266;")
        ranking_body = QWidget(self)
        rl = QVBoxLayout(ranking_body)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.ranking, 1)
        rl.addWidget(self.unranked)
        self.ranking_panel = Panel("rankingPanel", ranking_body, parent=self)
        self.cases_button = QPushButton(self.tr("查看案件(&C)"), self)
        self.cases_button.setObjectName("dashboardOpenCases")
        self.cases_button.setToolTip(self.tr("打开趋势图所选单位本期受理的诉求;也可以单击排名中的条形"))
        self.cases_button.clicked.connect(self._open_selected_unit_cases)
        self.ranking_panel.add_tool(self.cases_button)
        self._add_exports(self.ranking_panel, "ranking", lambda: self.ranking.image(),
                          lambda: present.ranking_table(self.figures.ranking, self._ranking_title(),
                                                       self.figures.comparison),
                          lambda: self.tr("综合成绩排名"))

        self.trend_chart = TrendChart(present.trend_names(), self,
                                      axis_titles=(self.tr("受理量(件)"), self.tr("比率(%)")))
        self.trend_chart.setObjectName("trendChart")
        self.trend_chart.setMinimumHeight(300)
        self.trend_panel = Panel("trendPanel", self.trend_chart, parent=self)
        self.trend_unit = QComboBox(self)
        self.trend_unit.setObjectName("trendUnit")
        self.trend_unit.setMinimumContentsLength(10)
        self.trend_unit.addItem(self.tr("全区"), DISTRICT)
        label = QLabel(self.tr("趋势对象(&T)"), self)
        label.setBuddy(self.trend_unit)
        self.trend_panel.add_tool(label)
        self.trend_panel.add_tool(self.trend_unit)
        self._add_exports(self.trend_panel, "trend", lambda: self.trend_chart.image(),
                          lambda: present.trend_table(self.trend, self._trend_title()), lambda: self.tr("月度趋势"))

        self.topics = HBarChart(present.topic_legend(), self.tr("本年度没有设置重点议题"), self,
                                axis_title=self.tr("受理量(件)"))
        self.topics.setObjectName("topicsChart")
        self.topics_panel = Panel("topicsPanel", self.topics, parent=self)
        self._add_exports(self.topics_panel, "topics", lambda: self.topics.image(),
                          lambda: present.topic_table(self.figures.topics, self._topics_title(), self.figures.comparison),
                          lambda: self.tr("重点议题"))

        self.watch_model = RowsModel.of_tuples(present.watch_headers(), frozenset({0, 2, 3, 4}), self)
        self.watch_table = self._table("watchTable", self.watch_model)
        self.watch_note = QLabel(self)
        self.watch_note.setObjectName("watchNote")
        self.watch_note.setWordWrap(True)
        self.watch_note.setStyleSheet("color: #606266;")
        watch_body = QWidget(self)
        wl = QVBoxLayout(watch_body)
        wl.setContentsMargins(0, 0, 0, 0)
        wl.addWidget(self.watch_note)
        wl.addWidget(self.watch_table, 1)
        self.watch_panel = Panel("watchPanel", watch_body, self.tr("治理类关注名单"), self)
        self._add_exports(self.watch_panel, "watch", None,
                          lambda: present.watch_table(self.figures.watch, self._watch_title()),
                          lambda: self.tr("治理类关注名单"))

        self.improved_model = RowsModel.of_tuples(present.improved_headers(), frozenset({1, 2, 3, 4}), self)
        self.improved_table = self._table("improvedTable", self.improved_model, stretch=0)
        self.improved_panel = Panel("improvedPanel", self.improved_table, self.tr("进步较大"), self)
        self._add_exports(self.improved_panel, "improved", None,
                          lambda: present.improved_table(self.figures.watch, self._improved_title(),
                                                        self.figures.comparison),
                          lambda: self.tr("进步较大"))

    def _table(self, name: str, model: RowsModel, stretch: int = 1) -> QTableView:
        table = QTableView(self)
        table.setObjectName(name)
        table.setModel(model)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)  # the unit's name takes the room
        table.setMinimumHeight(260)
        return table

    def _add_exports(self, panel: Panel, key: str, image, table, name) -> None:
        """PNG for a chart (image not None), CSV and XLSX of its figures for every panel."""
        def file_name():
            f = self.figures
            label = f.period.label if f else ""
            if f is not None and f.comparison.partial:  # a period that is not over says so in the file's name
                label += self.tr("(截至{day})").format(day=f.comparison.through.isoformat())
            return f"{name()}_{label}".replace("..", "至")

        if image is not None:
            panel.add_export(self.tr("图表另存为 PNG…"), f"{key}ExportPng",
                             lambda: self._when_ready(lambda: self.exporter.export_chart(image, file_name())))
        panel.add_export(self.tr("表格另存为 CSV…"), f"{key}ExportCsv",
                         lambda: self._when_ready(lambda: self.exporter.export_table(table, file_name(), "csv")))
        panel.add_export(self.tr("表格另存为 Excel(XLSX)…"), f"{key}ExportXlsx",
                         lambda: self._when_ready(lambda: self.exporter.export_table(table, file_name(), "xlsx")))

    def _when_ready(self, action) -> None:
        if self.figures is None:
            self._say(self.tr("数据还在计算,请稍候再导出"))
            return
        action()

    # ------------------------------------------------------------ titles

    def _context_text(self) -> str:
        f = self.figures
        return f"{present.period_text(f.period, f.comparison)} · {present.group_text(f.group, self.unit_names)}"

    def _ranking_title(self) -> str:
        return self.tr("综合成绩排名 · {context}").format(context=self._context_text())

    def _trend_title(self) -> str:
        title = self.tr("近24个月趋势 · {name}").format(name=self.trend.name if self.trend else "")
        f, points = self.figures, self.trend.points if self.trend else ()
        if f is not None and points and points[-1].month <= f.through < next_month(points[-1].month) - timedelta(days=1):
            # the month in progress is drawn as it stands: say so
            title += self.tr("({month} 截至 {day} 日)").format(month=points[-1].label, day=f.through.day)
        return title

    def _topics_title(self) -> str:
        return self.tr("全区重点议题(每月一题)受理量 · {period}").format(
            period=present.period_text(self.figures.period, self.figures.comparison))

    def _watch_title(self) -> str:
        return self.tr("治理类关注名单 · {period}").format(
            period=present.period_text(self.figures.period, self.figures.comparison))

    def _improved_title(self) -> str:
        return self.tr("进步较大的街道乡镇 · {period}").format(
            period=present.period_text(self.figures.period, self.figures.comparison))

    # ------------------------------------------------------------ loading

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded_once:
            self._loaded_once = True
            self._set_loading(True)
            self.jobs.start(self.ctx.reads.read, _first_figures, self.ctx.directory, clock.today(),
                            self.group_selector.group(), on_done=self.freshness.deliver(self._show_figures),
                            on_error=self._failed, latest_only=True)

    def refresh(self, *_args) -> None:
        """Recomputes for the chosen period and group; an older computation still running is ignored."""
        self._loaded_once = True
        group = self.group_selector.group()
        unit = self._trend_unit_id()
        if self.figures is not None and group != self.figures.group and \
                unit not in {u.id for u in group.members(self.ctx.directory)}:
            # a new group: the trend keeps a unit only if it is ranked there, else shows the tiles' scope
            unit = service.scope_unit(group)
        self._set_loading(True)
        self.jobs.start(self.ctx.reads.read, service.dashboard_figures, self.period_selector.period(), group, unit,
                        self.ctx.directory, on_done=self.freshness.deliver(self._show_figures), on_error=self._failed,
                        latest_only=True)

    def is_loading(self) -> bool:
        return not self.loading.isHidden()

    def _set_loading(self, on: bool) -> None:
        self.loading.setVisible(on)
        if on:
            self._say(self.tr("正在计算…"))

    def _failed(self, exc: Exception) -> None:
        self._set_loading(False)
        self.status.setStyleSheet("color: #C62828;")
        self.status.setText(self.tr("计算失败:{reason}").format(reason=error_text(exc)))

    def _say(self, text: str) -> None:
        self.status.setStyleSheet("color: #606266;")
        self.status.setText(text)
        self.status.setToolTip(text)

    # ------------------------------------------------------------ drawing

    def _show_figures(self, fig: DashboardFigures) -> None:
        self.figures = fig
        if fig.period != self.period_selector.period():
            self.period_selector.set_period(fig.period)
        self.period_selector.set_bounds(fig.first_month, fig.through)
        watched = {r.unit_id for r in fig.watch.governance} if fig.group.level == "street" else set()
        self.ranking.set_bars(present.ranking_bars(fig.ranking, watched, fig.comparison), self._ranking_title(), x_max=100,
                              legend=present.ranking_legend(fig.group.level == "street"))
        self.ranking.setMinimumHeight(self.ranking.preferred_height())
        self.unranked.setText(present.unranked_text(fig.ranking))
        self.unranked.setVisible(bool(fig.ranking.unranked))
        self.tiles.set_tiles(present.tiles(fig))
        self._fill_trend_units(fig)
        self._show_trend(fig.trend)
        self.topics.set_bars(present.topic_bars(fig.topics, fig.comparison), self._topics_title(),
                             legend=present.topic_legend(fig.topics))
        self.topics.setMinimumHeight(max(self.topics.preferred_height(), 260))
        self.watch_model.set_rows(present.watch_rows(fig.watch))
        self.watch_note.setText(present.watch_note(fig.watch))
        self.watch_panel.title.setText(self._watch_title())
        self.improved_model.set_rows(present.improved_rows(fig.watch))
        self.improved_panel.title.setText(self._improved_title())
        self.routing_panel.reload(fig.period)
        self._set_loading(False)
        scope = self.tr("全区") if fig.scope.unit_id is None else fig.scope.name
        self._say(self.tr("{context} · 指标范围:{scope} · {n} 个单位参加排名 · 更新于 {time}", "", len(fig.ranking.rows)).format(
            context=self._context_text(), scope=scope, n=len(fig.ranking.rows), time=f"{clock.now():%H:%M:%S}"))
        self.refreshed.emit()

    def _fill_trend_units(self, fig: DashboardFigures) -> None:
        """The district and the units of the ranking, best first; the current choice kept when it is still there."""
        wanted = fig.trend.unit_id if fig.trend.unit_id is not None else DISTRICT
        self.trend_unit.blockSignals(True)
        try:
            self.trend_unit.clear()
            self.trend_unit.addItem(self.tr("全区"), DISTRICT)
            if fig.scope.unit_id is not None:
                self.trend_unit.addItem(fig.scope.name, fig.scope.unit_id)
            for f in fig.ranking.rows + fig.ranking.unranked:
                self.trend_unit.addItem(f.name, f.unit_id)
            if fig.trend.unit_id is not None and self.trend_unit.findData(wanted) < 0:
                self.trend_unit.addItem(fig.trend.name, wanted)
            self.trend_unit.setCurrentIndex(max(self.trend_unit.findData(wanted), 0))
        finally:
            self.trend_unit.blockSignals(False)

    def _show_trend(self, trend: Trend) -> None:
        self.trend = trend
        self.trend_chart.set_points(present.trend_points(trend), self._trend_title())

    def _trend_unit_id(self) -> int | None:
        data = self.trend_unit.currentData()
        return None if data in (None, DISTRICT) else int(data)

    def _trend_unit_chosen(self, *_args) -> None:
        if self.figures is None:
            return
        period = self.figures.period
        self.trend_jobs.start(self.ctx.reads.read, service.trend_only, period, self._trend_unit_id(),
                              self.ctx.directory, on_done=self.freshness.deliver(lambda trend: self._trend_done(period, trend)),
                              on_error=self._failed, latest_only=True)

    def _trend_done(self, period: Period, trend: Trend) -> None:
        if self.figures is None or self.figures.period != period or trend.unit_id != self._trend_unit_id():
            return  # a newer full refresh or another unit's trend has taken its place
        self._show_trend(trend)
        self.trend_refreshed.emit()

    # ------------------------------------------------------------ drill-down and messages

    def open_unit_cases(self, unit_id: int) -> None:
        """The unit's cases received in the period: in the cases tab when there is one, else in a list."""
        if self.figures is None:
            return
        index = self.trend_unit.findData(unit_id)
        if index >= 0 and index != self.trend_unit.currentIndex():
            self.trend_unit.setCurrentIndex(index)  # the trend follows the unit looked at
        period: Period = self.figures.period
        if self.isSignalConnected(QMetaMethod.fromSignal(self.cases_requested)):
            self.cases_requested.emit(CaseFilter(unit_id=unit_id, received_from=period.start, received_to=period.end))
            return
        figures = next((f for f in self.figures.ranking.rows + self.figures.ranking.unranked if f.unit_id == unit_id),
                       None)
        dialog = UnitCasesDialog(self.ctx, unit_id, period, present.period_text(period),
                                 figures.cases if figures else None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _open_selected_unit_cases(self) -> None:
        unit = self._trend_unit_id()
        if unit is None:
            self._say(self.tr("请先在“趋势对象”中选择一个单位,或单击排名中的条形"))
            return
        self.open_unit_cases(unit)

    def _export_failed(self, message: str) -> None:
        self._say(message.splitlines()[0])
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("导出失败"), message, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("dashboardExportError")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        QTimer.singleShot(0, box.open)
