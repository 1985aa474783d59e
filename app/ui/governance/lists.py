"""The three lists that point at problems first: surges (突发聚集), chronic problems (顽疾), the seasonal watch list."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, QSignalBlocker, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.messages import error_text, status_name
from app.services import clock, hotspots, watch
from app.services.hotspots import Surge
from app.services.permissions import may
from app.services.tasks import TaskForm
from app.services.watch import WatchRow
from app.ui.context import AppContext
from app.ui.freshness import FreshnessLabel
from app.ui.rows_model import RowsModel
from app.ui.workers import JobRunner

SURGE_REFRESH_MS = 5 * 60 * 1000  # the live surge list is recomputed at most this often


class LiveRefresh(QObject):
    """Calls `reload` when the widget is shown, and every `interval_ms` while it stays shown (a live list)."""

    def __init__(self, widget: QWidget, reload, interval_ms: int = SURGE_REFRESH_MS):
        super().__init__(widget)
        self.reload = reload
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(reload)
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Show and not self.timer.isActive():
            self.timer.start()
            self.reload()
        elif event.type() == QEvent.Type.Hide:
            self.timer.stop()
        return False


class FirstShow(QObject):
    """Calls `load` once, when the widget is first shown (a page's list is not read before anyone looks at it)."""

    def __init__(self, widget: QWidget, load):
        super().__init__(widget)
        self.load = load
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Show:
            watched.removeEventFilter(self)
            self.load()
        return False


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def signed_percent(value: float | None) -> str:
    """A change as a signed percentage ("+12.5%", "-3.0%"); "—" when there is none."""
    return "—" if value is None else f"{value * 100:+.1f}%"


def list_view(parent: QWidget, name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class _ListPage(QWidget):
    """A list computed in a worker, with a status line and a button that makes a task from the chosen row."""

    make_task = Signal(object, str)  # a TaskForm filled from the chosen row, and its place in words

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.runner = JobRunner(self)
        self.controls = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("listStatus")
        self.freshness = FreshnessLabel(ctx.reads, self)  # with a read replica: 数据截至 …
        self.task_button = QPushButton(self.tr("创建治理任务(&T)…"), self)
        self.task_button.setObjectName("makeTaskButton")
        self.task_button.setVisible(may(ctx.actor, "create_task"))
        self.task_button.setEnabled(False)
        self.task_button.clicked.connect(self._make_task)
        self.refresh_button = QPushButton(self.tr("刷新(&R)"), self)
        self.refresh_button.clicked.connect(self.reload)

    def _finish_layout(self, view: QTableView) -> None:
        self.view = view
        self.controls.addWidget(self.refresh_button)
        self.controls.addStretch(1)
        self.controls.addWidget(self.task_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.controls)
        status = QHBoxLayout()
        status.addWidget(self.status, 1)
        status.addWidget(self.freshness)
        layout.addLayout(status)
        layout.addWidget(view, 1)
        view.selectionModel().selectionChanged.connect(
            lambda *_: self.task_button.setEnabled(self.selected() is not None))

    def selected(self):
        rows = self.view.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _make_task(self) -> None:
        row = self.selected()
        if row is not None:
            self.make_task.emit(*self.prefill(row))

    def prefill(self, row) -> tuple[TaskForm, str]:
        raise NotImplementedError

    def _ids(self, row) -> dict:
        """Ids of a row's street, community, category and usual unit (names are unique in the directory)."""
        d = self.ctx.directory

        def unit_id(name: str) -> int | None:
            unit = d.unit_by_name(name) if name else None
            return unit.id if unit else None

        category = d.category_by_name(row.category)
        return dict(street_id=unit_id(row.street), community_id=unit_id(row.community),
                    category_id=category.id if category else None, address=row.address)

    def _day_follows_data(self) -> None:
        """Until the user picks a day in `self.as_of`, the list runs up to where the data ends (a snapshot or
        the demo ends before today) and the day box shows that day (`_show_day`)."""
        self._dated = False
        self.as_of.dateChanged.connect(self._user_dated)

    def _user_dated(self, _date) -> None:
        self._dated = True
        self.reload()

    def _chosen_day(self) -> date | None:
        return self.as_of.date().toPython() if self._dated else None

    def _show_day(self, day: date) -> None:
        with QSignalBlocker(self.as_of):  # the list's own day, not the user's choice
            self.as_of.setDate(QDate(day.year, day.month, day.day))

    def _failed(self, error: Exception) -> None:
        self.status.setText(error_text(error))

    def busy(self) -> bool:
        return self.runner.pending() > 0

    def reload(self) -> None:
        raise NotImplementedError


class SurgePage(_ListPage):
    """Today's surges (or those of the newest day with cases), recomputed in a worker every few minutes."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setObjectName("surgePage")
        self.as_of = QDateEdit(self, calendarPopup=True)
        self.as_of.setObjectName("surgeAsOf")
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.days = QSpinBox(self, minimum=1, maximum=56, value=7)
        self.days.setObjectName("surgeDays")
        self.by = QComboBox(self)
        self.by.setObjectName("surgeBy")
        self.by.addItem(self.tr("按社区"), "community")
        self.by.addItem(self.tr("按地址"), "address")
        for label, widget in ((self.tr("截至"), self.as_of), (self.tr("天数"), self.days), (None, self.by)):
            if label:
                self.controls.addWidget(QLabel(label, self))
            self.controls.addWidget(widget)
        self.model = RowsModel([
            (self.tr("街道乡镇"), lambda r: r.street), (self.tr("社区(村)"), lambda r: r.community),
            (self.tr("地址"), lambda r: r.address), (self.tr("类别"), lambda r: r.category),
            (self.tr("件数"), lambda r: r.cases), (self.tr("预期"), lambda r: f"{r.expected:.1f}"),
            (self.tr("倍数"), lambda r: f"{r.ratio:.1f}"), (self.tr("P值"), lambda r: f"{r.p_value:.1e}"),
            (self.tr("首件受理"), lambda r: f"{r.first_received:%m-%d %H:%M}"),
            (self.tr("末件受理"), lambda r: f"{r.last_received:%m-%d %H:%M}"),
        ], self, right_aligned=frozenset({4, 5, 6, 7}))
        view = list_view(self, "surgeTable")
        view.setModel(self.model)
        view.doubleClicked.connect(lambda index: self.show_cases(self.model.row(index.row())))
        self._finish_layout(view)
        self.cases_button = QPushButton(self.tr("查看工单(&C)…"), self)
        self.cases_button.setObjectName("surgeCasesButton")
        self.cases_button.clicked.connect(lambda: self.selected() and self.show_cases(self.selected()))
        self.controls.insertWidget(self.controls.count() - 1, self.cases_button)
        self._day_follows_data()
        self.days.valueChanged.connect(lambda _v: self.reload())
        self.by.currentIndexChanged.connect(lambda _i: self.reload())
        self.live = LiveRefresh(self, self.reload)

    def reload(self) -> None:
        as_of = self._chosen_day()
        self.status.setText(self.tr("正在计算…"))
        self.runner.start(find_surges, self.ctx, as_of, self.days.value(), self.by.currentData(),
                          on_done=self.freshness.deliver(self._show), on_error=self._failed, latest_only=True)

    def _show(self, result: tuple[date, list[Surge]]) -> None:
        as_of, surges = result
        self._show_day(as_of)
        self.model.set_rows(surges)
        self.view.setColumnHidden(2, self.by.currentData() != "address")
        when = clock.now()
        self.status.setText(self.tr("截至 {day} 的 {days} 天:{n} 处突发聚集(计算于 {time})", "", len(surges)).format(
            day=f"{as_of:%Y-%m-%d}", days=self.days.value(), n=len(surges), time=f"{when:%H:%M:%S}")
            if surges else self.tr("截至 {day} 的 {days} 天没有突发聚集(计算于 {time})").format(
            day=f"{as_of:%Y-%m-%d}", days=self.days.value(), time=f"{when:%H:%M:%S}"))
        self.task_button.setEnabled(self.selected() is not None)

    def prefill(self, row: Surge) -> tuple[TaskForm, str]:
        form = TaskForm(
            title=self.tr("{place}{category}突发聚集处置").format(place=row.address or row.community, category=row.category),
            detail=self.tr("{first} – {last} 受理 {n} 件,通常约 {expected:.1f} 件", "", row.cases).format(
                first=f"{row.first_received:%m-%d %H:%M}", last=f"{row.last_received:%m-%d %H:%M}", n=row.cases,
                expected=row.expected),
            source="surge", unit_id=None, due=clock.today() + timedelta(days=7), **self._ids(row))
        return form, " · ".join(x for x in row_place(row) if x)

    def show_cases(self, surge: Surge) -> None:
        open_surge_cases(self, self.runner, self.ctx, surge, self.as_of.date().toPython(), self.days.value(),
                         self._failed)


def find_surges(ctx: AppContext, as_of: date | None, days: int, by: str):
    """The surges of the `days` up to `as_of` (in a worker; hotspots.surges_up_to says which day without one),
    read where moment-old data may be read (the replica), with the Source of the read."""
    return ctx.reads.read(hotspots.surges_up_to, as_of, days, by, ctx.directory)


def open_surge_cases(parent: QWidget, runner: JobRunner, ctx: AppContext, surge: Surge, as_of: date, days: int,
                     on_error) -> None:
    """The surge's cases, read in a worker, in a dialog over `parent`."""
    runner.start(hotspots.surge_cases, ctx.read_sf, surge, as_of, days, on_done=lambda cases: SurgeCasesDialog(surge, cases, parent).open(), on_error=on_error)


class SurgeCasesDialog(QDialog):
    """The cases behind a surge: number, time, state, address and request (no caller's name or phone)."""

    def __init__(self, surge: Surge, cases: list, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("surgeCasesDialog")
        place = surge.address or surge.community
        self.setWindowTitle(self.tr("{place} · {category}:{n} 件", "", len(cases)).format(place=place, category=surge.category,
                                                                           n=len(cases)))
        model = RowsModel([
            (self.tr("工单编号"), lambda c: c.case_no), (self.tr("受理时间"), lambda c: f"{c.received_at:%Y-%m-%d %H:%M}"),
            (self.tr("状态"), lambda c: status_name(c.status)), (self.tr("地址"), lambda c: c.address),
            (self.tr("诉求内容"), lambda c: c.description),
        ], self)
        model.set_rows(cases)
        view = list_view(self, "surgeCasesTable")
        view.setModel(model)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view, 1)
        layout.addWidget(buttons)
        self.resize(900, 480)


class ChronicPage(_ListPage):
    """Chronic problems of the 12 months up to a day: community × category, or addresses called again and again."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setObjectName("chronicPage")
        self.as_of = QDateEdit(self, calendarPopup=True)
        self.as_of.setObjectName("chronicAsOf")
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        today = clock.today()
        self.as_of.setDate(QDate(today.year, today.month, today.day))
        self.by = QComboBox(self)
        self.by.setObjectName("chronicBy")
        self.by.addItem(self.tr("社区 × 类别"), "community")
        self.by.addItem(self.tr("地址"), "address")
        self.controls.addWidget(QLabel(self.tr("截至"), self))
        self.controls.addWidget(self.as_of)
        self.controls.addWidget(self.by)
        self.district = None
        self.model = RowsModel([
            (self.tr("街道乡镇"), lambda r: r.street), (self.tr("社区(村)"), lambda r: r.community),
            (self.tr("地址"), lambda r: r.address), (self.tr("类别"), lambda r: r.category),
            (self.tr("件数"), lambda r: r.cases), (self.tr("月数"), lambda r: r.months),
            (self.tr("解决率"), lambda r: _percent(r.resolution_rate)), (self.tr("主要承办单位"), lambda r: r.unit),
        ], self, right_aligned=frozenset({4, 5, 6}))
        view = list_view(self, "chronicTable")
        view.setModel(self.model)
        self._finish_layout(view)
        self._day_follows_data()  # a list up to today would be empty when the data ends earlier
        self.by.currentIndexChanged.connect(lambda _i: self.reload())
        FirstShow(self, self.reload)

    def reload(self) -> None:
        self.status.setText(self.tr("正在计算…"))
        self.runner.start(self._compute, self._chosen_day(),
                          self.by.currentData(), on_done=self.freshness.deliver(self._show), on_error=self._failed,
                          latest_only=True)

    def _compute(self, as_of: date | None, by: str):
        return self.ctx.reads.read(watch.chronic_through_data, as_of, by, self.ctx.directory)

    def prefill(self, row: WatchRow) -> tuple[TaskForm, str]:
        unit = self.ctx.directory.unit_by_name(row.unit) if row.unit else None
        form = TaskForm(
            title=self.tr("{place}{category}顽疾治理").format(place=row.address or row.community, category=row.category),
            detail=self.tr("近 12 个月中 {months} 个月有诉求,共 {n} 件,解决率 {rate}").format(
                months=row.months, n=row.cases, rate=_percent(row.resolution_rate)),
            source="chronic", unit_id=unit.id if unit else None, due=clock.today() + timedelta(days=30), **self._ids(row))
        return form, " · ".join(x for x in row_place(row) if x)

    def _show(self, found) -> None:
        day, result = found
        self._show_day(day)
        self.model.set_rows(result.rows)
        self.view.setColumnHidden(2, self.by.currentData() != "address")
        self.status.setText(self.tr("{n} 项;全区同期解决率 {rate}", "", len(result.rows)).format(
            n=len(result.rows), rate=_percent(result.district_resolution_rate)))


class SeasonPage(_ListPage):
    """Where the next season's calls will likely come from, by the three seasons before it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setObjectName("seasonPage")
        self.season = QComboBox(self)
        self.season.setObjectName("seasonChoice")
        self.season.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.year = QSpinBox(self, minimum=2000, maximum=2100, value=clock.today().year)
        self.year.setObjectName("seasonYear")
        self.controls.addWidget(QLabel(self.tr("季节"), self))
        self.controls.addWidget(self.season)
        self.controls.addWidget(QLabel(self.tr("年度"), self))
        self.controls.addWidget(self.year)
        self.model = RowsModel([
            (self.tr("街道乡镇"), lambda r: r.street), (self.tr("社区(村)"), lambda r: r.community),
            (self.tr("类别"), lambda r: r.category), (self.tr("上季件数"), lambda r: r.cases),
            (self.tr("季均件数"), lambda r: f"{r.cases_per_season:.1f}"),
            (self.tr("每千人"), lambda r: "—" if r.per_1000 is None else f"{r.per_1000:.2f}"),
            (self.tr("上榜季数"), lambda r: r.seasons_listed), (self.tr("解决率"), lambda r: _percent(r.resolution_rate)),
            (self.tr("主要承办单位"), lambda r: r.unit),
        ], self, right_aligned=frozenset({3, 4, 5, 6, 7}))
        view = list_view(self, "seasonTable")
        view.setModel(self.model)
        self._finish_layout(view)
        self.seasons: list[watch.SeasonInfo] = []
        self.season.currentIndexChanged.connect(lambda _i: self.reload())
        self.year.valueChanged.connect(lambda _v: self.reload())
        FirstShow(self, lambda: self.runner.start(self._load_seasons, on_done=self._seasons_loaded,
                                                  on_error=self._failed))

    def _load_seasons(self):
        return watch.active_seasons(self.ctx.read_sf), watch.data_year(self.ctx.read_sf)

    def _seasons_loaded(self, loaded) -> None:
        seasons, year = loaded
        if year < self.year.value():  # the data ends before this year (a snapshot, the demo): its year first
            self.year.blockSignals(True)
            self.year.setValue(year)
            self.year.blockSignals(False)
        self.seasons = seasons
        self.season.blockSignals(True)
        for x in seasons:
            self.season.addItem(f"{x.name}({x.first_day} – {x.last_day})", x.name)
        self.season.blockSignals(False)
        self.reload()

    def current_season(self) -> watch.SeasonInfo | None:
        return next((x for x in self.seasons if x.name == self.season.currentData()), None)

    def reload(self) -> None:
        if self.season.currentData() is None:
            self.status.setText(self.tr("没有季节:请管理员在系统管理中添加"))
            return
        self.status.setText(self.tr("正在计算…"))
        self.runner.start(self._compute, self.season.currentData(), self.year.value(),
                          on_done=self.freshness.deliver(self._show), on_error=self._failed, latest_only=True)

    def _compute(self, name: str, year: int):
        return self.ctx.reads.read(watch.seasonal_list, name, year, self.ctx.directory)

    def prefill(self, row: WatchRow) -> tuple[TaskForm, str]:
        season = self.current_season()
        unit = self.ctx.directory.unit_by_name(row.unit) if row.unit else None
        start = season.span(self.year.value())[0] if season else clock.today() + timedelta(days=30)
        form = TaskForm(
            title=self.tr("{place}{category}季前整治({season})").format(
                place=row.community, category=row.category, season=season.name if season else ""),
            detail=self.tr("往季季均 {mean:.1f} 件,{listed} 季上榜,解决率 {rate}", "", row.seasons_listed).format(
                mean=row.cases_per_season, listed=row.seasons_listed, rate=_percent(row.resolution_rate)),
            source="seasonal", unit_id=unit.id if unit else None,
            due=max(clock.today(), start - timedelta(days=1)), season_id=season.id if season else None,
            **self._ids(row))
        return form, " · ".join(x for x in row_place(row) if x)

    def _show(self, result) -> None:
        self.model.set_rows(result.rows)
        spans = self.tr(";").join(f"{a:%Y-%m-%d} – {b:%Y-%m-%d}" for a, b in reversed(result.spans))
        basis = self.tr("按每千人件数排序") if result.by_population else self.tr("按件数排序(部分社区无人口数据)")
        self.status.setText(self.tr("依据往季 {spans};{basis};{n} 个社区", "", len(result.rows)).format(
            spans=spans, basis=basis, n=len(result.rows)))


def row_place(row: Surge | WatchRow) -> tuple[str, str, str]:
    """(street, community, address) of a list row."""
    return row.street, row.community, row.address
