"""A unit's cases for a period, listed when the console has no cases tab to show them in."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from app.messages import error_text, snapshot_missing_cases, status_name
from app.services import case_queries
from app.services.case_queries import CaseFilter, CaseRow, Page
from app.services.periods import Period
from app.ui.context import AppContext
from app.ui.workers import JobRunner

_ROOT = QModelIndex()  # the invisible root: these models are flat

class UnitCasesModel(QAbstractTableModel):
    """Pages of case rows fetched as the list scrolls (a street's year can hold tens of thousands)."""

    def __init__(self, ctx: AppContext, flt: CaseFilter, parent=None):
        super().__init__(parent)
        self.ctx, self.flt = ctx, flt
        self.rows: list[CaseRow] = []
        self.exhausted = False
        self.loading = False
        self.jobs = JobRunner(self)
        self.headers = (self.tr("工单号"), self.tr("受理时间"), self.tr("状态"), self.tr("诉求分类"),
                        self.tr("承办单位"), self.tr("诉求内容"))
        self.error = ""

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        r = self.rows[index.row()]
        d = self.ctx.directory
        unit = d.units.get(r.unit_id) if r.unit_id else None
        category = d.categories.get(r.category_id) if r.category_id else None
        return (r.case_no, f"{r.received_at:%Y-%m-%d %H:%M}", status_name(r.status), category.name if category else "",
                unit.name if unit else "", r.summary)[index.column()]

    def canFetchMore(self, parent=_ROOT) -> bool:
        return not parent.isValid() and not self.exhausted and not self.loading

    def fetchMore(self, parent=_ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        self.loading = True
        after = case_queries.page_key(self.rows[-1]) if self.rows else None
        self.jobs.start(case_queries.fetch_page, self.ctx.read_sf, self.flt, "received_at", True, after,
                        actor=self.ctx.actor, on_done=self._append, on_error=self._failed)

    def _append(self, page: Page) -> None:
        self.loading = False
        self.exhausted = page.exhausted
        if page.rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page.rows) - 1)
            self.rows.extend(page.rows)
            self.endInsertRows()
        self.layoutChanged.emit()

    def _failed(self, exc: Exception) -> None:
        self.loading = False
        self.exhausted = True
        self.error = error_text(exc)
        self.layoutChanged.emit()


class UnitCasesDialog(QDialog):
    def __init__(self, ctx: AppContext, unit_id: int, period: Period, period_label: str,
                 expected: int | None = None, parent: QWidget | None = None):
        """`expected`: the unit's case count in the ranking, said while the list is still loading."""
        super().__init__(parent)
        self.expected = expected
        self.snapshot, self.received_from = ctx.snapshot, period.start
        self.setObjectName("unitCasesDialog")
        unit = ctx.directory.units.get(unit_id)
        name = unit.name if unit else str(unit_id)
        self.setWindowTitle(self.tr("{unit} · {period} 受理的诉求").format(unit=name, period=period_label))
        flt = CaseFilter(unit_id=unit_id, received_from=period.start, received_to=period.end)
        self.model = UnitCasesModel(ctx, flt, self)
        self.table = QTableView(self)
        self.table.setObjectName("unitCasesTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((130, 130, 70, 130, 150)):
            self.table.setColumnWidth(col, width)
        self.status = QLabel(self)
        self.status.setObjectName("unitCasesStatus")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("包括其下属单位承办的诉求;按受理时间倒序,滚动加载更多。"), self))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.model.layoutChanged.connect(self._update_status)
        self.model.rowsInserted.connect(self._update_status)
        self.resize(960, 560)
        self.status.setText(self.tr("正在读取…"))
        self.model.fetchMore()

    def _update_status(self, *_args) -> None:
        m = self.model
        if m.error:
            self.status.setText(m.error)
        elif m.exhausted and self.snapshot is not None and not self.snapshot.holds_cases_from(self.received_from):
            self.status.setText(snapshot_missing_cases(self.snapshot))  # the copy has not got these cases
        elif m.exhausted:
            self.status.setText(self.tr("共 {n} 件", "", len(m.rows)).format(n=len(m.rows)))
        else:
            self.status.setText(self.tr("已显示 {n} / {total} 件,向下滚动加载更多").format(
                n=len(m.rows), total=f"{self.expected:,}" if self.expected is not None else "…"))
