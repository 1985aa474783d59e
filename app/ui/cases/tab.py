"""The cases tab (工单): every case, filtered and sorted in the database, with its detail and the allowed actions."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.messages import action_name, code_label, error_text, snapshot_missing_cases, status_name
from app.services import case_queries, case_states, lifecycle
from app.services.case_queries import CaseFilter
from app.services.errors import EditConflict, NotFound
from app.services.validation import STATUSES
from app.ui.cases.action_dialogs import NEEDS, ActionDialog
from app.ui.cases.detail_pane import CaseDetailPane, as_label
from app.ui.cases.filter_bar import CaseFilterBar
from app.ui.cases.table_model import COLUMNS, CaseTableModel, deadline_text_sample
from app.ui.context import AppContext
from app.ui.layout_memory import LayoutMemory
from app.ui.workers import Activity, JobRunner


def perform_action(sf, actor, action: str, case_id: int, version: int, values: dict):
    """Calls the lifecycle operation of `action` with what its dialog collected (runs in a worker)."""
    into = None
    if case_states.RULES[case_states.Action(action)].needs.case:
        into = case_queries.case_id_by_number(sf, values["case_no"])
        if into is None:
            raise NotFound("工单号", values["case_no"])
    return lifecycle.perform(sf, actor, action, case_id, version, unit_id=values.get("unit_id"), into_case_id=into,
                             until=values.get("until"), text=values.get("text", ""),
                             no_contact_reason=values.get("no_contact_reason", ""))


# number, received, state, reply deadline, unit, street, community, category, type, urgency, phone, request
VISUAL_ORDER = (0, 1, 2, 3, 9, 7, 8, 6, 5, 4, 10, 11)


def column_samples() -> list[list[str]]:
    """For each column but the last, the widest texts it usually holds (a default width fits them)."""
    return [
        ["2022083100003"], ["2022-08-31 16:43"], [status_name(s) for s in STATUSES] + ["已签收·申请"],
        deadline_text_sample(), [code_label("urgency", c) for c in ("normal", "urgent")],
        [code_label("request_type", c) for c in ("consultation", "help", "complaint", "report", "suggestion", "praise")],
        ["市容环境卫生"], ["卢沟桥街道"], ["嘉园二里社区"], ["丰台区水务局"], ["010-****1090"],
    ]


class CasesTab(QWidget):
    busy_changed = Signal(bool)  # background work under way or done (all of the tab's runners)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("casesTab")
        self.setWindowTitle(self.tr("工单"))
        self.count_jobs = JobRunner(self)
        self.action_jobs = JobRunner(self)
        self.dialog: ActionDialog | None = None
        self.count_again = False
        self._message_case: int | None = None  # the case the message under the actions is about

        self.filters = CaseFilterBar(ctx, self)
        self.filters.setObjectName("caseFilterBar")
        self.model = CaseTableModel(ctx, self)
        self.table = QTableView(self, objectName="casesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionsMovable(True)
        header.setMinimumSectionSize(32)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.loading = QLabel(self, objectName="casesLoading")
        self.loading.setStyleSheet("color: #666")
        self.message = QLabel(self, objectName="caseMessage")
        self.message.setWordWrap(True)
        self.detail = CaseDetailPane(ctx, self)
        self.action_buttons: dict[str, QPushButton] = {}
        actions_row = QHBoxLayout()
        actions_row.setSpacing(4)
        for action in NEEDS:
            button = QPushButton(as_label(action_name(action)), self, objectName=f"action_{action}")
            button.clicked.connect(lambda _c=False, a=action: self.start_action(a))
            button.hide()
            self.action_buttons[action] = button
            actions_row.addWidget(button)
        actions_row.addStretch(1)

        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.table, 1)
        lv.addWidget(self.loading)
        right = QWidget(self)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addLayout(actions_row)
        rv.addWidget(self.message)
        rv.addWidget(self.detail, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self, objectName="casesSplitter")
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter, self.right = splitter, right
        right.hide()  # shown with a case: no empty pane taking the columns' room
        self.layout_memory = LayoutMemory(ctx.actor, "cases", self)
        self._laid_out = False
        outer = QVBoxLayout(self)
        outer.addWidget(self.filters)
        outer.addWidget(splitter, 1)

        self.filters.changed.connect(self._filter_changed)
        self.model.loading.connect(self._loading)
        self.model.failed.connect(lambda text: self.loading.setText(self.tr("读取失败:{error}").format(error=text)))
        self.model.modelReset.connect(lambda: self.detail.load(None))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.detail.loaded.connect(self._detail_loaded)
        self._filter_changed(self.filters.current())  # a unit handler starts on 待办, in deadline order
        self._reselect: int | None = None
        self.model.page_loaded.connect(self._page_loaded)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, activated=self.reload)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, activated=self.find)  # Ctrl+F
        if ctx.changes is not None:
            ctx.changes.changed.connect(self._changed_elsewhere)
        self.activity = Activity(self)
        self.activity.busy_changed.connect(self.busy_changed)

    def find(self) -> None:
        """Ctrl+F from anywhere in the tab: to the search field, its text selected, so that typing starts a new
        search (the filters are otherwise reached only by Tab from the top)."""
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def is_busy(self) -> bool:
        """Background work of this tab is under way (busy_changed says when that changes)."""
        return self.activity.is_busy()

    # ------------------------------------------------------------ layout

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self._laid_out:  # once the fonts are known: widths from what the columns hold
            self._laid_out = True
            self._default_layout()
            self.layout_memory.header("columns", self.table.horizontalHeader())
            self.layout_memory.splitter("splitter", self.splitter)

    def _default_layout(self) -> None:
        header = self.table.horizontalHeader()
        fm = self.table.fontMetrics()
        samples = column_samples()
        for col in range(len(COLUMNS) - 1):
            width = max(fm.horizontalAdvance(s) for s in samples[col]) + 14 + (20 if col == 3 else 0)
            header.resizeSection(col, max(width, header.sectionSizeHint(col)))  # never a cut title (English)
        header.resizeSection(len(COLUMNS) - 1, 10 * fm.horizontalAdvance("内"))  # and what room is left
        # what a dispatcher scans first stays in view when the detail pane takes its part of a 1366 screen
        for target, logical in enumerate(VISUAL_ORDER):
            header.moveSection(header.visualIndex(logical), target)
        total = max(self.width(), 800)
        pane = min(max(total * 37 // 100, 420), 620)  # the detail reads well at 420–620 px; the rest is the list's
        self.splitter.setSizes([total - pane, pane])

    def _show_detail(self, shown: bool) -> None:
        if shown == self.right.isHidden():  # isHidden, not isVisible: the tab itself may be in the background
            self.right.setVisible(shown)

    # ------------------------------------------------------------ public

    def reload(self) -> None:
        """Read the list again from the top (F5, or a change elsewhere), keeping the selected case."""
        self._reselect = self.detail.case_id
        self.model.refresh()
        self._count()

    def _page_loaded(self, _rows: int) -> None:
        if self._reselect is not None and self.select_case(self._reselect):
            self._reselect = None
        self._show_detail(self.detail.case_id is not None)

    def _changed_elsewhere(self) -> None:
        """Another workstation committed a change: rows on screen and the open case follow at once; new or
        moved cases come in by re-reading the top of the list, unless the user has scrolled down it."""
        ids = self.ctx.changes.last_case_ids
        shown = {r.id for r in self.model.rows}
        if ids and ids <= shown or self.table.verticalScrollBar().value() > 0:
            for case_id in ids & shown:
                self.model.refresh_case(case_id)
            if self.detail.case_id is not None and (not ids or self.detail.case_id in ids):
                self.detail.reload()
            self._count()
        else:
            self.reload()

    def show_cases(self, filters: CaseFilter | None = None, **fields) -> None:
        """Show the cases of a filter, e.g. from a dashboard drill-down, and bring this tab to the front.

        `filters` is a CaseFilter; keyword fields (unit_id=…, received_from=date, received_to=date,
        statuses=("dispatched",), overdue=True, category_id=…, key_topic_year=…, street_id=…,
        community_id=…, search="…") override its fields or, without it, start from no filter.
        """
        flt = (filters or CaseFilter()).with_changes(**fields)
        self.filters.set_filter(flt)
        tabs = self.parent()
        while tabs is not None and not isinstance(tabs, QTabWidget):
            tabs = tabs.parent()
        if tabs is not None:
            tabs.setCurrentWidget(self)

    # ------------------------------------------------------------ table

    def _filter_changed(self, flt: CaseFilter) -> None:
        self.message.setText("")
        sort_key, descending = self.filters.sort_request or (None, None)
        self.filters.sort_request = None
        self.model.set_query(flt, sort_key, descending)
        self._show_sort()
        self._count()

    def _show_sort(self) -> None:
        """The header's sort indicator shows the order in force (without asking for it again)."""
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(self.model.sort_column(),
                                Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if COLUMNS[column][1] is None:  # not sortable: keep showing the order in force
            self._show_sort()
            return
        self.model.sort(column, order)

    def _count(self) -> None:
        """Counts per state, one count at a time: over a million cases a count can take a second, and
        counts piling up would keep the pages of rows waiting for a thread."""
        if self.count_jobs.pending():
            self.count_again = True
            return
        self.count_again = False
        self.count_jobs.start(case_queries.count_states, self.ctx.read_sf, self.model.filter, self.ctx.actor,
                              on_done=self._counted, on_error=lambda exc: self._counted(None))

    def _counted(self, counts) -> None:
        if self.count_again:
            self._count()
        elif counts is not None:
            self.filters.show_counts(counts)

    def _loading(self, busy: bool) -> None:
        if busy:
            self.loading.setText(self.tr("正在读取…"))
        else:
            n = len(self.model.rows)
            more = "" if self.model.exhausted else self.tr(",向下滚动读取更多")
            text = self.tr("已显示 {n} 件{more}", "", n).format(n=f"{n:,}", more=more)
            copy = self.ctx.snapshot  # an offline copy without (all of) the cases asked for: say so
            if copy is not None and not copy.holds_cases_from(self.model.filter.received_from):
                text = snapshot_missing_cases(copy) if n == 0 else f"{text} · {snapshot_missing_cases(copy)}"
            self.loading.setText(text)

    def _row_changed(self, current, _previous) -> None:
        row = self.model.row_at(current.row())
        if row is None or row.id != self._message_case:  # the same case again (a reload): its message stays
            self.message.setText("")
            self._message_case = None
        self.detail.load(row.id if row else None)
        if row is not None:
            self._show_detail(True)

    def select_case(self, case_id: int) -> bool:
        for i, r in enumerate(self.model.rows):
            if r.id == case_id:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(i, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                return True
        return False

    # ------------------------------------------------------------ actions

    def _detail_loaded(self, detail) -> None:
        allowed = case_queries.available_actions(self.ctx.actor, detail) if detail else set()
        for action, button in self.action_buttons.items():
            button.setVisible(action in allowed)
            if action == "dispatch" and detail is not None:
                button.setText(as_label(self.tr("重新派单") if detail.status == "returned" else action_name("dispatch")))

    def start_action(self, action: str) -> None:
        detail = self.detail.detail
        if detail is None:
            return
        if self.dialog is not None:
            self.dialog.deleteLater()  # the previous action's dialog, kept until now for its values
        self.dialog = ActionDialog(self.ctx, action, detail, self)
        self.dialog.accepted.connect(lambda d=self.dialog, det=detail: self._run(action, det, d.values()))
        self.dialog.open()

    def _run(self, action: str, detail, values: dict) -> None:
        self._message_case = detail.id
        self.message.setStyleSheet("color: #666")
        self.message.setText(self.tr("正在{action}…").format(action=action_name(action)))
        for button in self.action_buttons.values():
            button.setEnabled(False)
        self.action_jobs.start(perform_action, self.ctx.sf, self.ctx.actor, action, detail.id, detail.version, values,
                               on_done=lambda ref: self._done(action, ref), on_error=self._failed)

    def _done(self, action: str, ref) -> None:
        self._enable_actions()
        self.message.setStyleSheet("color: #1d6b2f; font-weight: bold")
        self.message.setText(self.tr("已{action}:工单 {no}").format(action=action_name(action), no=ref.case_no))
        self._after_change()

    def _failed(self, exc: Exception) -> None:
        self._enable_actions()
        self.message.setStyleSheet("color: #b3261e; font-weight: bold")
        self.message.setText(error_text(exc))
        if isinstance(exc, EditConflict):
            self._after_change()

    def _enable_actions(self) -> None:
        for button in self.action_buttons.values():
            button.setEnabled(True)

    def _after_change(self) -> None:
        """The changed case is shown afresh; its row and the counts follow."""
        self.detail.reload()
        if self.detail.case_id is not None:
            self.model.refresh_case(self.detail.case_id)
        self._count()
