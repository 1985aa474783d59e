"""每月一题: the month's key-topic plans, each street's progress against the same month last year, and the plan dialog."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.messages import error_text
from app.services import clock, plans
from app.services.permissions import may
from app.services.plans import PlanForm, PlanRow
from app.ui.context import AppContext
from app.ui.governance.lists import FirstShow, list_view, signed_percent
from app.ui.governance.work_dialog import WorkDialog
from app.ui.rows_model import RowsModel
from app.ui.workers import JobRunner


class PlansPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("plansPage")
        self.ctx = ctx
        self.runner = JobRunner(self)
        self.month = QDateEdit(self, calendarPopup=True)
        self.month.setObjectName("planMonth")
        self.month.setDisplayFormat("yyyy-MM")
        today = clock.today()
        self.month.setDate(QDate(today.year, today.month, 1))
        self.new_button = QPushButton(self.tr("新建计划(&N)…"), self)
        self.new_button.setObjectName("newPlanButton")
        self.edit_button = QPushButton(self.tr("修改计划(&E)…"), self)
        self.edit_button.setObjectName("editPlanButton")
        for b in (self.new_button, self.edit_button):
            b.setVisible(may(ctx.actor, "create_task"))
        self.status = QLabel(self)
        self.status.setObjectName("plansStatus")
        self.model = RowsModel([
            (self.tr("题目"), lambda p: p.topic), (self.tr("牵头区领导"), lambda p: p.leader),
            (self.tr("牵头单位"), lambda p: p.lead_unit), (self.tr("目标"), lambda p: signed_percent(p.target_change)),
            (self.tr("参与街乡"), lambda p: len(p.streets)), (self.tr("本期件数"), lambda p: p.cases),
            (self.tr("去年同期"), lambda p: p.last_year), (self.tr("变化"), lambda p: signed_percent(p.change)),
            (self.tr("进度"), lambda p: self.met_text(p.met)),
        ], self, right_aligned=frozenset({3, 4, 5, 6, 7}))
        self.view = list_view(self, "plansTable")
        self.view.setModel(self.model)
        self.streets = RowsModel([
            (self.tr("街道乡镇"), lambda x: x.street), (self.tr("本期件数"), lambda x: x.cases),
            (self.tr("去年同期"), lambda x: x.last_year), (self.tr("变化"), lambda x: signed_percent(x.change)),
            (self.tr("进度"), lambda x: self.met_text(x.met)),
        ], self, right_aligned=frozenset({1, 2, 3}))
        self.street_view = list_view(self, "planStreetsTable")
        self.street_view.setModel(self.streets)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("月份"), self))
        top.addWidget(self.month)
        top.addStretch(1)
        top.addWidget(self.new_button)
        top.addWidget(self.edit_button)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.view)
        split.addWidget(self.street_view)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        self.month.dateChanged.connect(lambda _d: self.reload())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.new_button.clicked.connect(lambda: self._open_dialog(None))
        self.edit_button.clicked.connect(lambda: self._open_dialog(self.selected()))
        self._selection_changed()
        FirstShow(self, self.reload)

    def met_text(self, met: bool | None) -> str:
        return {True: self.tr("达到目标"), False: self.tr("未达目标"), None: "—"}[met]

    def selected(self) -> PlanRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        plan = self.selected()
        self.edit_button.setEnabled(plan is not None)
        self.streets.set_rows(plan.streets if plan else [])

    def reload(self) -> None:
        self.status.setText(self.tr("正在读取…"))
        self.runner.start(plans.plans_of_month, self.ctx.read_sf, self.ctx.actor, self.month.date().toPython(),
                          on_done=self._show, on_error=lambda e: self.status.setText(error_text(e)), latest_only=True)

    def _show(self, rows: list[PlanRow]) -> None:
        chosen = self.selected()
        self.model.set_rows(rows)
        i = self.model.find(lambda p: chosen is not None and p.id == chosen.id)
        if i < 0 and rows:
            i = 0
        if i >= 0:
            self.view.selectRow(i)
        month = self.month.date().toPython()
        if not rows:
            self.status.setText(self.tr("{month} 没有每月一题计划").format(month=f"{month:%Y-%m}"))
        elif rows[0].partial:
            first, last = rows[0].days
            self.status.setText(self.tr("{n} 项计划;本月未结束,与去年同期 {first} – {last} 比较").format(
                n=len(rows), first=f"{first:%m-%d}", last=f"{last:%m-%d}"))
        else:
            self.status.setText(self.tr("{n} 项计划;与去年同月比较").format(n=len(rows)))
        self._selection_changed()

    def _open_dialog(self, plan: PlanRow | None) -> None:
        dialog = PlanDialog(self.ctx, plan, self.month.date().toPython(), self)
        dialog.saved.connect(lambda _id: self.reload())
        dialog.open()


class PlanDialog(WorkDialog):
    def __init__(self, ctx: AppContext, plan: PlanRow | None, month: date, parent: QWidget | None = None):
        super().__init__("planDialog", QDialogButtonBox.StandardButton.Save, parent)
        self.setWindowTitle(self.tr("修改每月一题计划") if plan else self.tr("新建每月一题计划"))
        self.ctx, self.plan = ctx, plan
        d = ctx.directory
        self.month = QDateEdit(self, calendarPopup=True)
        self.month.setObjectName("planDialogMonth")
        self.month.setDisplayFormat("yyyy-MM")
        first = plan.month if plan else month.replace(day=1)
        self.month.setDate(QDate(first.year, first.month, 1))
        self.topic = QComboBox(self)
        self.topic.setObjectName("planTopic")
        self.leader = QLineEdit(plan.leader if plan else "", self)
        self.leader.setObjectName("planLeader")
        self.leader.setMaxLength(plans.MAX_LEADER)
        self.lead_unit = QComboBox(self)
        self.lead_unit.setObjectName("planLeadUnit")
        self.lead_unit.addItem("", None)
        for u in sorted((u for u in d.units.values() if u.level == 2 and u.active), key=lambda u: (u.kind, u.name)):
            self.lead_unit.addItem(u.name, u.id)
        if plan:
            self.lead_unit.setCurrentIndex(max(0, self.lead_unit.findText(plan.lead_unit)))
        self.streets = QListWidget(self)
        self.streets.setObjectName("planStreets")
        chosen = {x.street_id for x in plan.streets} if plan else set()
        for st in d.streets():
            item = QListWidgetItem(st.name, self.streets)
            item.setData(Qt.ItemDataRole.UserRole, st.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if st.id in chosen else Qt.CheckState.Unchecked)
        self.target = QSpinBox(self, minimum=-100, maximum=100, suffix=" %")
        self.target.setObjectName("planTarget")
        self.target.setValue(round(plan.target_change * 100) if plan else -20)
        form = QFormLayout()
        form.addRow(self.tr("月份(&M)"), self.month)
        form.addRow(self.tr("题目(&T)"), self.topic)
        form.addRow(self.tr("牵头区领导(&L)"), self.leader)
        form.addRow(self.tr("牵头单位(&U)"), self.lead_unit)
        form.addRow(self.tr("参与街乡(&S)"), self.streets)
        form.addRow(self.tr("目标(较去年同月)(&G)"), self.target)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.month.dateChanged.connect(lambda _d: self._load_topics())
        self._load_topics()
        self.resize(520, 560)

    def _load_topics(self) -> None:
        year = self.month.date().year()
        self.runner.start(plans.key_topics, self.ctx.read_sf, year, on_done=self._topics_loaded,
                          on_error=lambda e: self.message.setText(error_text(e)), latest_only=True)

    def _topics_loaded(self, topics: list[tuple[int, str]]) -> None:
        current = self.topic.currentData() or (self.plan.category_id if self.plan else None)
        self.topic.clear()
        for category_id, name in topics:
            self.topic.addItem(name, category_id)
        self.topic.setCurrentIndex(max(0, self.topic.findData(current)))
        if not topics:
            self.message.setText(self.tr("{year} 年还没有重点题目:请管理员先在系统管理中设置").format(
                year=self.month.date().year()))

    def form(self) -> PlanForm:
        streets = tuple(self.streets.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.streets.count())
                        if self.streets.item(i).checkState() == Qt.CheckState.Checked)
        return PlanForm(month=self.month.date().toPython(), category_id=self.topic.currentData(),
                        leader=self.leader.text(), lead_unit_id=self.lead_unit.currentData(), street_ids=streets,
                        target_change=self.target.value() / 100)

    def save(self) -> None:
        self.submit(plans.save_plan, self.ctx.sf, self.ctx.actor, self.form(), self.plan.id if self.plan else None)
