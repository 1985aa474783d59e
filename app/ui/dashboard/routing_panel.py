"""The dashboard's 派单质量 panel: the district's first-time-right rate (一次派准率) by month and each unit's
return rate (退单率), from the routing summary, computed in the dashboard's worker pool."""
from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from app.messages import error_text
from app.services import routing
from app.services.periods import Period
from app.ui.context import AppContext
from app.ui.dashboard.panel import Panel
from app.ui.rows_model import RowsModel
from app.ui.workers import JobRunner

SHOWN_UNITS = 10


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


class RoutingPanel(Panel):
    def __init__(self, ctx: AppContext, runner: JobRunner, parent: QWidget | None = None):
        body = QWidget(parent)
        super().__init__("routingPanel", body, self.tr("派单质量:一次派准率与退单率"), parent)
        self.ctx = ctx
        self.runner = runner
        self.export_button.hide()
        self.period: Period | None = None
        self.status = QLabel(body, objectName="routingStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #606266;")
        self.months_model = RowsModel([
            (self.tr("月份"), lambda m: f"{m.month:%Y-%m}"), (self.tr("办结"), lambda m: m.handled),
            (self.tr("一次派准率"), lambda m: _percent(m.first_time_right)),
        ], self, right_aligned=frozenset({1, 2}))
        self.units_model = RowsModel([
            (self.tr("承办单位"), lambda u: self._name(u.unit_id)), (self.tr("办结"), lambda u: u.handled),
            (self.tr("退单"), lambda u: u.returned), (self.tr("退单率"), lambda u: _percent(u.return_rate)),
        ], self, right_aligned=frozenset({1, 2, 3}))
        self.months_table = self._table(body, "routingMonthsTable", self.months_model)
        self.units_table = self._table(body, "routingUnitsTable", self.units_model)
        tables = QHBoxLayout()
        tables.addWidget(self.months_table, 2)
        tables.addWidget(self.units_table, 3)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addLayout(tables)

    def _table(self, parent: QWidget, name: str, model: RowsModel) -> QTableView:
        table = QTableView(parent)
        table.setObjectName(name)
        table.setModel(model)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # the twelve months without scrolling
        rows = routing.MONTHS_SHOWN * table.verticalHeader().defaultSectionSize()
        table.setMinimumHeight(rows + table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth())
        return table

    def _name(self, unit_id: int) -> str:
        unit = self.ctx.directory.units.get(unit_id)
        return unit.name if unit else str(unit_id)

    def reload(self, period: Period) -> None:
        self.period = period
        self.runner.start(routing.dispatch_quality, self.ctx.read_sf, period.start, period.end, latest_only=True,
                          on_done=lambda q: self._show(period, q),
                          on_error=lambda e: self.status.setText(error_text(e)))

    def _months_label(self, period: Period) -> str:
        """The routing counts are kept by month: a period that is not whole months is counted as the months it
        touches, and the label says so (never a day range over a whole month's figures)."""
        if period.start.day == 1 and (period.end + timedelta(days=1)).day == 1:
            return period.label
        first, last = f"{period.start:%Y-%m}", f"{period.end:%Y-%m}"
        span = first if first == last else self.tr("{first} 至 {last}").format(first=first, last=last)
        return self.tr("{span}(按整月统计)").format(span=span)

    def _show(self, period: Period, quality: routing.DispatchQuality) -> None:
        if period != self.period:  # another period was chosen while this one was computed
            return
        self.months_model.set_rows(quality.months)
        self.units_model.set_rows(quality.units[:SHOWN_UNITS])
        label = self._months_label(period)
        shown = next((m for m in reversed(quality.months) if m.handled), None)
        if not quality.settled and shown is None:
            self.status.setText(self.tr("{period}:没有办结或退单的工单").format(period=label))
            return
        self.status.setText(self.tr(
            "{period}:退单 {returned} 件,全部单位退单率 {rate};左:近12个月全区一次派准率(办结工单中未经退单的比例);"
            "右:退单率最高的单位(办结与退单合计不少于 {min} 件)").format(
            period=label, returned=quality.returned,
            rate=_percent(quality.returned / quality.settled if quality.settled else None), min=routing.MIN_SETTLED))
