"""The queue side of the tab: filters by street, unit and category, the counts, and the table of waiting cases.

It loads its own page (`reload`, in its JobRunner; a newer reload supersedes an older one) and says so
with `loaded(page)` once the page is shown, or `load_failed(exception)`.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services import callback_queue as cq
from app.services.actors import Actor
from app.services.callback_queue import QUEUE_PAGE, QueueFilter, QueuePage
from app.services.directory import Directory
from app.ui.callback.queue_model import CallbackQueueModel
from app.ui.pickers import refill_combo
from app.ui.workers import JobRunner


class QueuePanel(QWidget):
    filter_changed = Signal()
    case_chosen = Signal(int)  # the clerk picked a row
    loaded = Signal(object)  # the QueuePage now shown (after reload)
    load_failed = Signal(object)  # the exception: the list stays as it was

    def __init__(self, directory: Directory, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("callbackQueuePanel")
        self.jobs = JobRunner(self)
        self.counts = QLabel(self.tr("待回访:加载中…"))
        self.counts.setObjectName("callbackCounts")
        self.counts.setStyleSheet("font-size: 14px; font-weight: bold;")
        self.street = self._combo("streetFilter", self.tr("全部街道"))
        self.unit = self._combo("unitFilter", self.tr("全部承办单位"))
        self.category = self._combo("categoryFilter", self.tr("全部分类"))
        self._fill_filters(directory)
        filters = QHBoxLayout()
        for w in (self.street, self.unit, self.category):
            filters.addWidget(w, 1)

        self.model = CallbackQueueModel(directory, self)
        self.table = QTableView()
        self.table.setObjectName("callbackQueue")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CallbackQueueModel.UNIT, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # columns fit (_fit_columns)
        self.table.clicked.connect(self._clicked)
        # arrowing through the list with the keyboard opens the case under the cursor
        self._quiet = False  # set while the tab itself changes the rows or the selection
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._clicked(current) if self.table.hasFocus() and not self._quiet else None)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.counts)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        hint = QLabel(self.tr("灰色:刚刚未接通,稍后再拨 · 红色:已超回访时限 · F5 刷新 · F6 到列表(↑↓ 选工单)"))
        hint.setStyleSheet("color: #777;")
        layout.addWidget(hint)

    def _combo(self, name: str, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(everything, None)
        combo.setMaxVisibleItems(25)
        combo.currentIndexChanged.connect(lambda _i: self.filter_changed.emit())
        return combo

    def _fill_filters(self, directory: Directory) -> None:
        """The filters' streets, units and categories; what was chosen stays chosen (by id)."""
        units = sorted((u for u in directory.units.values() if u.level == 2), key=lambda u: (u.kind, u.code))
        cats = []
        for top in sorted((c for c in directory.categories.values() if c.parent_id is None), key=lambda c: c.code):
            cats.append((top.id, top.name))
            cats += [(c.id, "  " + c.name) for c in sorted(directory.categories.values(), key=lambda c: c.code)
                     if c.parent_id == top.id]
        refill_combo(self.street, [(u.id, u.name) for u in directory.streets()])
        refill_combo(self.unit, [(u.id, u.name) for u in units])
        refill_combo(self.category, cats)

    def set_directory(self, directory: Directory) -> None:
        """An administrator changed units or categories (ctx.reference.changed): the filters and the list's
        names follow."""
        self._fill_filters(directory)
        self.model.directory = directory
        self.model.layoutChanged.emit()

    def current_filter(self) -> QueueFilter:
        return QueueFilter(self.street.currentData(), self.unit.currentData(), self.category.currentData())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """No sideways scrolling: on a narrow screen (1366 px) the reply time, then the street, make room for
        the unit's name (both are in every row's tooltip); at 1920 px every column shows."""
        m, table = self.model, self.table

        def want(col: int) -> int:
            return max(table.sizeHintForColumn(col), table.horizontalHeader().sectionSizeHint(col))

        room = table.viewport().width()
        used = sum(want(c) for c in (m.CASE_NO, m.DUE, m.CATEGORY, m.ATTEMPTS))
        used += table.fontMetrics().horizontalAdvance("城市管理综合行政执法局") + 16  # the longest unit name shown
        for col in (m.STREET, m.REPLIED):
            shown = used + want(col) <= room
            table.setColumnHidden(col, not shown)
            used += want(col) if shown else 0

    def show_page(self, page: QueuePage) -> None:
        self._quiet = True
        try:
            self.model.set_rows(page.rows)
        finally:
            self._quiet = False
        self._fit_columns()
        shown = len(page.rows)
        text = self.tr("待回访 {waiting} 件 · 已超回访时限 {overdue} 件").format(waiting=page.waiting, overdue=page.overdue)
        if page.waiting > shown:
            text += self.tr(" · 列表显示最早的 {n} 件").format(n=min(shown, QUEUE_PAGE))
        self.counts.setText(text)

    def show_loading(self) -> None:
        self.counts.setText(self.counts.text().split(" ⟳")[0] + " ⟳")

    def reload(self, read_sf, actor: Actor) -> None:
        """Load the first page of the queue under the current filter, in a worker; `loaded` when it is shown."""
        self.show_loading()
        self.jobs.start(cq.load_queue, read_sf, self.current_filter(), cq.QUEUE_PAGE, None, actor, latest_only=True,
                        on_done=self._page_loaded, on_error=self.load_failed.emit)

    def _page_loaded(self, page: QueuePage) -> None:
        self.show_page(page)
        self.loaded.emit(page)

    def select_case(self, case_id: int | None) -> None:
        row = self.model.row_of(case_id) if case_id is not None else None
        selection = self.table.selectionModel()
        self._quiet = True
        try:
            if row is None:
                selection.clearSelection()
                return
            index = self.model.index(row, 0)
            selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows)
            self.table.scrollTo(index)
        finally:
            self._quiet = False

    def remove_case(self, case_id: int) -> None:
        self._quiet = True
        try:
            self.model.remove_case(case_id)
        finally:
            self._quiet = False

    def _clicked(self, index) -> None:
        if not index.isValid():
            return
        case_id = self.model.case_id(index.row())
        if case_id is not None:
            self.case_chosen.emit(case_id)
