"""The dashboard's 预警 panel: the surges (突发聚集) of the last 7 days, recomputed in a worker every few minutes."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from app.messages import error_text
from app.services import clock
from app.services.hotspots import Surge
from app.ui.context import AppContext
from app.ui.dashboard.panel import Panel
from app.ui.freshness import FreshnessLabel
from app.ui.governance.lists import LiveRefresh, find_surges, list_view, open_surge_cases
from app.ui.rows_model import RowsModel
from app.ui.workers import JobRunner

DAYS = 7
SHOWN = 8  # the most significant; the 主动治理 tab has them all


class AlertsPanel(Panel):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        body = QWidget(parent)
        super().__init__("alertsPanel", body, self.tr("预警:突发聚集"), parent)
        self.ctx = ctx
        self.runner = JobRunner(self)
        self.export_button.hide()
        self.status = QLabel(body)
        self.status.setObjectName("alertsStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #606266;")
        self.freshness = FreshnessLabel(ctx.reads, body)  # with a read replica: 数据截至 …
        self.model = RowsModel([
            (self.tr("街道乡镇"), lambda r: r.street), (self.tr("社区(村)"), lambda r: r.community),
            (self.tr("类别"), lambda r: r.category), (self.tr("件数"), lambda r: r.cases),
            (self.tr("通常"), lambda r: f"{r.expected:.1f}"),
            (self.tr("首件受理"), lambda r: f"{r.first_received:%m-%d %H:%M}"),
        ], self, right_aligned=frozenset({3, 4}))
        self.table: QTableView = list_view(body, "alertsTable")
        self.table.setModel(self.model)
        self.table.setMaximumHeight(220)
        self.table.doubleClicked.connect(lambda index: self.show_cases(self.model.row(index.row())))
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.freshness)
        layout.addWidget(self.table)
        self.as_of: date | None = None
        self.live = LiveRefresh(self, self.reload)

    def reload(self) -> None:
        if self.ctx.snapshot is not None and self.ctx.snapshot.cases != "all":
            self.status.setText(self.tr("此离线副本不含全部工单,突发聚集请在服务器上查看"))
            return
        self.runner.start(find_surges, self.ctx, None, DAYS, "community", on_done=self.freshness.deliver(self._show),
                          on_error=lambda e: self.status.setText(error_text(e)), latest_only=True)

    def _show(self, result: tuple[date, list[Surge]]) -> None:
        self.as_of, surges = result
        self.model.set_rows(surges[:SHOWN])
        self.table.setVisible(bool(surges))  # a quiet week is one line
        when = f"{clock.now():%H:%M}"
        if not surges:
            self.status.setText(self.tr("截至 {day} 的 {days} 天没有突发聚集(计算于 {time})").format(
                day=f"{self.as_of:%Y-%m-%d}", days=DAYS, time=when))
        else:
            more = self.tr(",另有 {n} 处见“主动治理”").format(n=len(surges) - SHOWN) if len(surges) > SHOWN else ""
            self.status.setText(self.tr("截至 {day} 的 {days} 天:{n} 处突发聚集,双击查看工单(计算于 {time}){more}", "", len(surges)).format(
                day=f"{self.as_of:%Y-%m-%d}", days=DAYS, n=len(surges), time=when, more=more))

    def show_cases(self, surge: Surge) -> None:
        open_surge_cases(self, self.runner, self.ctx, surge, self.as_of, DAYS,
                         lambda e: self.status.setText(error_text(e)))
