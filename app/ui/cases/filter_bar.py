"""The cases tab's filters: a strip of state buttons with their counts, and a row of search fields."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.messages import status_name
from app.services import clock
from app.services.case_queries import CaseFilter
from app.services.lifecycle import OPEN_STATES
from app.services.validation import STATUSES
from app.ui.context import AppContext
from app.ui.icons import OVERDUE, icon
from app.ui.intake.form_panel import key_topic_year
from app.ui.pickers import NamePicker, place_index, refill_combo, street_and_community

PERIODS = ("all", "today", "7d", "30d", "month", "last_month", "year", "custom")
# buttons of the strip that narrow whatever states are chosen, each on its own: 待审批 and 超期
TOGGLES = ("pending", "overdue")
# 待办 of a unit handler: its open cases, the earliest reply deadline (the most overdue) first
TODO_STATES = OPEN_STATES
TODO_SORT = ("reply_deadline", False)
DEFAULT_SORT = ("received_at", True)


def period_range(code: str, today: date) -> tuple[date | None, date | None]:
    if code == "today":
        return today, today
    if code == "7d":
        return today - timedelta(days=6), today
    if code == "30d":
        return today - timedelta(days=29), today
    if code == "month":
        return today.replace(day=1), today
    if code == "last_month":
        end = today.replace(day=1) - timedelta(days=1)
        return end.replace(day=1), end
    if code == "year":
        return today.replace(month=1, day=1), today
    return None, None


class CaseFilterBar(QWidget):
    """Emits `changed(CaseFilter)`; typing is debounced, clicks and choices apply at once."""

    changed = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._quiet = False
        self.statuses: tuple[str, ...] = ()
        self.sort_request: tuple[str, bool] | None = None  # an order the last choice asks for (待办), for the table
        self.state_buttons: dict[str, QPushButton] = {}
        strip = QHBoxLayout()
        strip.setSpacing(4)
        todo = ("todo",) if ctx.actor.role == "handler" else ()
        if todo:  # a unit handler opens on its open cases
            self.statuses = TODO_STATES
            self.sort_request = TODO_SORT
        for code in todo + ("all",) + STATUSES + TOGGLES:
            button = QPushButton(self, objectName=f"state_{code}")
            button.setCheckable(True)
            button.clicked.connect(lambda _checked=False, c=code: self._state_clicked(c))
            self.state_buttons[code] = button
            strip.addWidget(button)
        strip.addStretch(1)
        self.state_buttons["overdue"].setStyleSheet("QPushButton { color: #a1160a; }")
        self.state_buttons["overdue"].setIcon(icon(OVERDUE))
        self.state_buttons["pending"].setStyleSheet("QPushButton { color: #8a4b00; }")
        # the buttons' own tooltips (a count's "estimate" note is added to them)
        self.tips = {"pending": self.tr("承办单位申请退单或延期、等待派单员审批的工单")}
        self.counts: dict[str, int] = {}

        self.search = QLineEdit(self, objectName="caseSearch")
        self.search.setPlaceholderText(self.tr("工单号、来电号码、地址或内容关键词"))
        self.search.setToolTip(self.tr("Ctrl+F:从本页任意处回到搜索框,回车查询"))
        self.search.setClearButtonEnabled(True)
        self.unit = NamePicker(lambda q: place_index(ctx.directory).find_units(q), self.tr("承办单位(含下级)"), self)
        self.unit.setObjectName("unitFilter")
        self.street, self.community = street_and_community(lambda: ctx.directory, self.tr("街道/乡镇"), self.tr("社区/村"), self)
        self.street.setObjectName("streetFilter")
        self.community.setObjectName("communityFilter")
        self.category = QComboBox(self, objectName="categoryFilter")
        self.category.addItem(self.tr("全部分类"), None)
        self._fill_categories(ctx.directory)
        ctx.reference.changed.connect(self._reference_changed)
        self.year = key_topic_year(ctx)
        self.key_topic = QCheckBox(self.tr("{year}重点题目").format(year=self.year or ""), self, objectName="keyTopicFilter")
        self.key_topic.setEnabled(self.year is not None)
        self.period = QComboBox(self, objectName="periodFilter")
        for code, label in zip(PERIODS, (self.tr("全部时间"), self.tr("今天"), self.tr("近7天"), self.tr("近30天"),
                                         self.tr("本月"), self.tr("上月"), self.tr("今年"), self.tr("自定义")), strict=True):
            self.period.addItem(label, code)
        self.date_from = QDateEdit(self, objectName="dateFrom", calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.date_to = QDateEdit(self, objectName="dateTo", calendarPopup=True, displayFormat="yyyy-MM-dd")
        today = clock.today()
        self.date_from.setDate(QDate(today.year, today.month, 1))
        self.date_to.setDate(QDate(today.year, today.month, today.day))
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)

        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.addWidget(QLabel(self.tr("搜索"), self), 0, 0)
        grid.addWidget(self.search, 0, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("单位"), self), 0, 4)
        grid.addWidget(self.unit, 0, 5)
        grid.addWidget(QLabel(self.tr("街道"), self), 0, 6)
        grid.addWidget(self.street, 0, 7)
        grid.addWidget(QLabel(self.tr("社区"), self), 0, 8)
        grid.addWidget(self.community, 0, 9)
        grid.addWidget(QLabel(self.tr("分类"), self), 1, 0)
        grid.addWidget(self.category, 1, 1)
        grid.addWidget(self.key_topic, 1, 2)
        grid.addWidget(QLabel(self.tr("受理时间"), self), 1, 4)
        grid.addWidget(self.period, 1, 5)
        dates = QHBoxLayout()
        for edit in (self.date_from, self.date_to):
            edit.setFixedWidth(130)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("—", self))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        grid.addLayout(dates, 1, 6, 1, 4)
        for col in (1, 3, 5, 7, 9):
            grid.setColumnStretch(col, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # the strip scrolls sideways on a narrow screen instead of widening the whole window (ten buttons
        # with their counts take about 840 px; a 1366 screen shows them all)
        strip_holder = QWidget(self)
        strip_holder.setLayout(strip)
        strip.setContentsMargins(0, 0, 0, 0)
        strip_area = QScrollArea(self, objectName="stateStrip")
        strip_area.setWidget(strip_holder)
        strip_area.setWidgetResizable(True)
        strip_area.setFrameShape(QFrame.Shape.NoFrame)
        strip_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        strip_area.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        strip_area.setFixedHeight(strip_holder.sizeHint().height() + strip_area.horizontalScrollBar().sizeHint().height())
        layout.addWidget(strip_area)
        layout.addLayout(grid)

        self.timer = QTimer(self, singleShot=True, interval=250, timeout=self._emit)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.search.returnPressed.connect(self._emit)
        for picker in (self.unit, self.street, self.community):
            picker.chosen.connect(lambda _v: self._emit())
        self.category.currentIndexChanged.connect(lambda _i: self._emit())
        self.key_topic.toggled.connect(lambda _b: self._emit())
        self.period.currentIndexChanged.connect(self._period_changed)
        self.date_from.dateChanged.connect(lambda _d: self._emit())
        self.date_to.dateChanged.connect(lambda _d: self._emit())
        self.show_counts({})

    # ------------------------------------------------------------ state strip

    def _state_clicked(self, code: str) -> None:
        if code in TOGGLES:
            self._emit()
            return
        if code == "todo":
            self.statuses = () if self.statuses == TODO_STATES else TODO_STATES
            self.sort_request = TODO_SORT if self.statuses else None
        else:
            if self.statuses == TODO_STATES:  # leaving 待办: back to the usual order, newest first
                self.sort_request = DEFAULT_SORT
            self.statuses = () if code == "all" or self.statuses == (code,) else (code,)
        self._sync_state_buttons()
        self._emit()

    def _sync_state_buttons(self) -> None:
        for code, button in self.state_buttons.items():
            if code == "all":
                button.setChecked(not self.statuses)
            elif code == "todo":
                button.setChecked(self.statuses == TODO_STATES)
            elif code not in TOGGLES:
                button.setChecked(self.statuses == (code,))

    def show_counts(self, counts: dict[str, int]) -> None:
        """The numbers beside the buttons; those that are estimates (a StateCounts' `estimated` keys, or a
        sum with one of them) as 约N, with a tooltip saying so."""
        self.counts = counts
        estimated = getattr(counts, "estimated", frozenset())
        tip = (self.tr("估计数:由全文索引抽样估算,未逐件计数") if getattr(counts, "basis", "") == "words"
               else self.tr("估计数:工单很多,按抽样估算,未逐件计数"))
        summed = {"all": [k for k in counts if k not in TOGGLES], "todo": list(TODO_STATES)}
        total = sum(counts.get(k, 0) for k in summed["all"])
        for code, button in self.state_buttons.items():
            name = {"all": self.tr("全部"), "overdue": self.tr("超期"), "pending": self.tr("待审批"),
                    "todo": self.tr("待办")}.get(code) or status_name(code)
            n = total if code == "all" else (sum(counts.get(c, 0) for c in TODO_STATES) if code == "todo"
                                             else counts.get(code, 0))
            about = any(k in estimated for k in summed.get(code, (code,)))
            shown = self.about(n) if about else f"{n:,}"
            button.setText(f"{name} {shown}" if counts else name)
            button.setToolTip("\n".join(t for t in (self.tips.get(code, ""), tip if about else "") if t))
        self._sync_state_buttons()

    def about(self, n: int) -> str:
        """An estimated count, rounded: 约12万 / 约3,400 (about 120k / about 3,400)."""
        if n >= 10_000:
            return self.tr("约{wan}万").format(wan=f"{n / 10_000:.0f}" if n >= 100_000 else f"{n / 10_000:.1f}",
                                               k=f"{n / 1000:.0f}")
        rounded = int(float(f"{n:.2g}")) if n >= 100 else n
        return self.tr("约{n}").format(n=f"{rounded:,}")

    # ------------------------------------------------------------ the filter

    def _fill_categories(self, directory) -> None:
        """The category list (kept chosen, without a change of filter, when it is filled again)."""
        refill_combo(self.category, [(c.id, ("    " if c.parent_id else "") + c.name)
                                     for c in sorted(directory.categories.values(), key=lambda c: c.code)])

    def _reference_changed(self, directory) -> None:
        """An administrator changed units or categories: the lists follow; the pickers search afresh."""
        self._fill_categories(directory)
        for picker in (self.unit, self.street, self.community):
            picker.forget_matches()

    def _period_changed(self, _index: int) -> None:
        custom = self.period.currentData() == "custom"
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        self._emit()

    def current(self) -> CaseFilter:
        code = self.period.currentData()
        if code == "custom":
            start, end = self.date_from.date().toPython(), self.date_to.date().toPython()
        else:
            start, end = period_range(code, clock.today())
        return CaseFilter(
            statuses=self.statuses, unit_id=self.unit.value, street_id=self.street.value,
            community_id=self.community.value, category_id=self.category.currentData(),
            key_topic_year=self.year if self.key_topic.isChecked() else None, received_from=start, received_to=end,
            overdue=self.state_buttons["overdue"].isChecked(), search=self.search.text().strip(),
            pending=self.state_buttons["pending"].isChecked())

    def _emit(self) -> None:
        self.timer.stop()
        if not self._quiet:
            self.changed.emit(self.current())

    def set_filter(self, flt: CaseFilter) -> None:
        """Show `flt` in the widgets (a drill-down from elsewhere), then emit it once."""
        self._quiet = True
        try:
            units = self.ctx.directory.units

            def name(unit_id):
                return units[unit_id].name if unit_id in units else ""
            self.statuses = tuple(flt.statuses)
            self.state_buttons["overdue"].setChecked(flt.overdue)
            self.state_buttons["pending"].setChecked(flt.pending)
            self._sync_state_buttons()
            self.search.setText(flt.search)
            self.unit.set_value(flt.unit_id, name(flt.unit_id))
            self.street.set_value(flt.street_id, name(flt.street_id))
            self.community.set_value(flt.community_id, name(flt.community_id))
            self.category.setCurrentIndex(max(0, self.category.findData(flt.category_id)))
            if flt.key_topic_year is not None and flt.key_topic_year != self.year:
                self.year = flt.key_topic_year
                self.key_topic.setText(self.tr("{year}重点题目").format(year=self.year))
            self.key_topic.setChecked(flt.key_topic_year is not None)
            if flt.received_from or flt.received_to:
                self.period.setCurrentIndex(self.period.findData("custom"))
                start = flt.received_from or date(2000, 1, 1)
                end = flt.received_to or clock.today()
                self.date_from.setDate(QDate(start.year, start.month, start.day))
                self.date_to.setDate(QDate(end.year, end.month, end.day))
            else:
                self.period.setCurrentIndex(0)
        finally:
            self._quiet = False
        self._emit()
