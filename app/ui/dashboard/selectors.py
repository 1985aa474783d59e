"""What the dashboard shows: the period (month, quarter, year or a range of days) and the ranking group."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from app.services.directory import UnitInfo
from app.services.metrics import Group
from app.services.periods import MAX_YEAR, MIN_YEAR, Period

KINDS = ("month", "quarter", "year", "range")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _containing(kind: str, day: date) -> Period:
    """The month, quarter or year of `kind` that holds `day`."""
    if kind == "month":
        return Period.for_month(day.year, day.month)
    if kind == "quarter":
        return Period.for_quarter(day.year, (day.month - 1) // 3 + 1)
    return Period.for_year(day.year)


class PeriodSelector(QWidget):
    """Emits `changed(Period)` whenever a complete, valid period is chosen; a bad range is said inline.

    `set_bounds(first, last)` keeps every period inside the days that can hold data: none ends before
    `first` (the first month with cases) or starts after `last` (today, or the data's last day), so a
    switch of the period type or ◀/▶ never lands on an empty or future month."""

    changed = Signal(object)

    def __init__(self, period: Period, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("periodSelector")
        self._period = period
        self._quiet = False
        self._first: date | None = None
        self._last: date | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("时段(&P)"), self)
        self.kind = QComboBox(self)
        self.kind.setObjectName("periodKind")
        for kind, text in zip(KINDS, (self.tr("月度"), self.tr("季度"), self.tr("年度"), self.tr("自定义")), strict=True):
            self.kind.addItem(text, kind)
        label.setBuddy(self.kind)
        self.earlier = QToolButton(self)
        self.earlier.setObjectName("periodEarlier")
        self.earlier.setText("◀")
        self.earlier.setToolTip(self.tr("上一期(Alt+←)"))
        self.later = QToolButton(self)
        self.later.setObjectName("periodLater")
        self.later.setText("▶")
        self.later.setToolTip(self.tr("下一期(Alt+→)"))
        QShortcut(QKeySequence("Alt+Left"), self, self.step_earlier, context=Qt.ShortcutContext.WindowShortcut)
        QShortcut(QKeySequence("Alt+Right"), self, self.step_later, context=Qt.ShortcutContext.WindowShortcut)

        self.pages = QStackedWidget(self)
        self.month = QDateEdit(self)
        self.month.setObjectName("periodMonth")
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setCurrentSection(QDateEdit.Section.MonthSection)
        self.month.setMinimumWidth(96)
        self.quarter_year = self._year_box("periodQuarterYear")
        self.quarter = QComboBox(self)
        self.quarter.setObjectName("periodQuarter")
        for q in range(1, 5):
            self.quarter.addItem(self.tr("第{n}季度").format(n=q), q)
        self.year = self._year_box("periodYear")
        self.range_from = self._day_edit("periodFrom")
        self.range_to = self._day_edit("periodTo")
        self.problem = QLabel(self)
        self.problem.setObjectName("periodProblem")
        self.problem.setStyleSheet("color: #C62828;")
        self.problem.hide()
        quarter_page, range_page = QWidget(self), QWidget(self)
        ql = QHBoxLayout(quarter_page)
        ql.setContentsMargins(0, 0, 0, 0)
        ql.addWidget(self.quarter_year)
        ql.addWidget(self.quarter)
        rl = QHBoxLayout(range_page)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.range_from)
        rl.addWidget(QLabel(self.tr("至"), range_page))
        rl.addWidget(self.range_to)
        for page in (self.month, quarter_page, self.year, range_page):
            self.pages.addWidget(page)
        for widget in (label, self.kind, self.earlier, self.pages, self.later, self.problem):
            layout.addWidget(widget)
        self.pages.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.pages.currentChanged.connect(self._fit_page)
        self._fit_page()
        self.set_period(period)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.month.dateChanged.connect(self._edited)
        self.quarter_year.valueChanged.connect(self._edited)
        self.quarter.currentIndexChanged.connect(self._edited)
        self.year.valueChanged.connect(self._edited)
        self.range_from.dateChanged.connect(self._edited)
        self.range_to.dateChanged.connect(self._edited)
        self.earlier.clicked.connect(self.step_earlier)
        self.later.clicked.connect(self.step_later)

    def _year_box(self, name: str) -> QSpinBox:
        box = QSpinBox(self)
        box.setObjectName(name)
        box.setRange(MIN_YEAR, MAX_YEAR)
        box.setSuffix(self.tr("年"))
        return box

    def _day_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _fit_page(self, *_args) -> None:
        """A stacked widget is as wide as its widest page; keep it as wide as the page shown."""
        self.pages.setFixedWidth(self.pages.currentWidget().sizeHint().width())

    # ------------------------------------------------------------ the period

    def period(self) -> Period:
        return self._period

    def set_bounds(self, first: date | None, last: date | None) -> None:
        """Periods may not end before `first` nor start after `last` (None: no bound). The shown period
        stays as it is (its figures are on screen); the editors and ◀/▶ keep to the bounds from now on."""
        self._first, self._last = first, last
        self._quiet = True
        try:
            low = _qdate(first) if first else _qdate(date(MIN_YEAR, 1, 1))
            high = _qdate(last) if last else _qdate(date(MAX_YEAR, 12, 31))
            for edit in (self.month, self.range_from, self.range_to):
                edit.setDateRange(low, high)
            for box in (self.quarter_year, self.year):
                box.setRange(low.year(), high.year())
            self.set_period(self._period)  # the editors again, where a range change moved them
        finally:
            self._quiet = False
        self._update_steps()

    def _allowed(self, period: Period) -> bool:
        return (self._last is None or period.start <= self._last) and (self._first is None or period.end >= self._first)

    def _clamp(self, period: Period) -> Period:
        """The period itself when allowed; else the nearest allowed one of the same type (for a range: the
        same days cut to the bounds)."""
        if self._allowed(period):
            return period
        if period.kind == "range":
            start = max(period.start, self._first) if self._first else period.start
            end = min(period.end, self._last) if self._last else period.end
            return Period.for_range(min(start, end), end)
        day = self._last if self._last is not None and period.start > self._last else self._first
        return _containing(period.kind, day)

    def _update_steps(self) -> None:
        self.earlier.setEnabled(self._allowed(self._period.previous()))
        self.later.setEnabled(self._allowed(self._following()))

    def set_period(self, period: Period) -> None:
        """Shows `period` in the editors without emitting `changed`."""
        self._quiet = True
        try:
            kind = period.kind if period.kind in KINDS else "range"
            self.kind.setCurrentIndex(KINDS.index(kind))
            self.pages.setCurrentIndex(KINDS.index(kind))
            self.month.setDate(_qdate(period.start))
            self.quarter_year.setValue(period.start.year)
            self.quarter.setCurrentIndex((period.start.month - 1) // 3)
            self.year.setValue(period.start.year)
            self.range_from.setDate(_qdate(period.start))
            self.range_to.setDate(_qdate(period.end))
            self._period = period if kind == period.kind else Period.for_range(period.start, period.end)
            self.problem.hide()
        finally:
            self._quiet = False
        self._update_steps()

    def _read(self) -> Period | None:
        kind = self.kind.currentData()
        if kind == "month":
            d = self.month.date()
            return Period.for_month(d.year(), d.month())
        if kind == "quarter":
            return Period.for_quarter(self.quarter_year.value(), self.quarter.currentData())
        if kind == "year":
            return Period.for_year(self.year.value())
        start, end = _pydate(self.range_from.date()), _pydate(self.range_to.date())
        if end < start:
            self.problem.setText(self.tr("结束日期早于开始日期,请调整“至”后面的日期"))
            self.problem.show()
            return None
        return Period.for_range(start, end)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.pages.setCurrentIndex(KINDS.index(kind))
        if self._quiet:
            return
        current = self._period
        # keep the chosen time where it is: a month becomes its quarter or year, a range keeps its days;
        # a year becomes its last month (or quarter) that can hold data, never a later one
        anchor = min(current.end, self._last) if self._last else current.end
        anchor = max(anchor, self._first) if self._first else anchor
        self._quiet = True
        try:
            self.month.setDate(_qdate(anchor.replace(day=1)))
            self.quarter_year.setValue(anchor.year)
            self.quarter.setCurrentIndex((anchor.month - 1) // 3)
            self.year.setValue(anchor.year)
            self.range_from.setDate(_qdate(current.start))
            self.range_to.setDate(_qdate(current.end))
        finally:
            self._quiet = False
        self._edited()

    def _edited(self, *_args) -> None:
        if self._quiet:
            return
        period = self._read()
        if period is None:
            return
        self.problem.hide()
        if not self._allowed(period):  # e.g. the fourth quarter of the data's last year
            period = self._clamp(period)
            self.set_period(period)
        if period != self._period:
            self._period = period
            self.changed.emit(period)

    def step_earlier(self) -> None:
        """The period before, unless it ends before the first data (◀ is then disabled)."""
        before = self._period.previous()
        if not self._allowed(before):
            return
        self.set_period(before)
        self.changed.emit(self._period)

    def step_later(self) -> None:
        """The period after, unless it starts after the last day that can hold data (▶ is then disabled)."""
        following = self._following()
        if not self._allowed(following):
            return
        self.set_period(following)
        self.changed.emit(self._period)

    def _following(self) -> Period:
        p = self._period
        if p.kind == "month":
            after = date(p.end.year + (p.end.month == 12), p.end.month % 12 + 1, 1)
            following = Period.for_month(after.year, after.month)
        elif p.kind == "quarter":
            q = (p.start.month - 1) // 3 + 1
            following = Period.for_quarter(p.start.year + (q == 4), q % 4 + 1)
        elif p.kind == "year":
            following = Period.for_year(p.start.year + 1)
        else:
            following = Period.for_range(p.end + timedelta(days=1), p.end + timedelta(days=p.days))
        return following


class GroupSelector(QWidget):
    """Streets and towns; bureaus; or the communities of one street (with a street picker)."""

    changed = Signal(object)

    def __init__(self, streets: list[UnitInfo], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("groupSelector")
        self._quiet = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("排名范围(&G)"), self)
        self.level = QComboBox(self)
        self.level.setObjectName("groupLevel")
        self.level.addItem(self.tr("街道乡镇"), "street")
        self.level.addItem(self.tr("委办局"), "bureau")
        self.level.addItem(self.tr("街道内社区(村)"), "community")
        label.setBuddy(self.level)
        self.street = QComboBox(self)
        self.street.setObjectName("groupStreet")
        self.street.setEditable(True)
        self.street.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.street.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.street.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        for unit in streets:
            self.street.addItem(unit.name, unit.id)
        self.street.setMinimumContentsLength(7)
        self.street.setEnabled(False)
        for widget in (label, self.level, self.street):
            layout.addWidget(widget)
        self.level.currentIndexChanged.connect(self._changed)
        self.street.currentIndexChanged.connect(self._changed)

    def set_streets(self, streets: list[UnitInfo]) -> None:
        """The streets changed (an administrator's edit): the list follows, the chosen street kept, quietly."""
        chosen = self.street.currentData()
        self.street.blockSignals(True)
        self.street.clear()
        for unit in streets:
            self.street.addItem(unit.name, unit.id)
        self.street.setCurrentIndex(max(0, self.street.findData(chosen)))
        self.street.blockSignals(False)

    def group(self) -> Group:
        level = self.level.currentData()
        if level == "community":
            return Group.communities(self.street.currentData())
        return Group.bureaus() if level == "bureau" else Group.streets()

    def _changed(self, *_args) -> None:
        community = self.level.currentData() == "community"
        self.street.setEnabled(community)
        if self._quiet or (self.sender() is self.street and not community):
            return
        if community and self.street.currentData() is None:
            return
        self.changed.emit(self.group())
