"""Proactive tasks (主动治理任务): the list with each task's measured effect, and the dialogs of their steps."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.messages import error_text
from app.services import clock, tasks
from app.services.permissions import may
from app.services.tasks import Effect, TaskForm, TaskRow
from app.ui.context import AppContext
from app.ui.governance.lists import FirstShow, list_view, signed_percent
from app.ui.governance.work_dialog import WorkDialog
from app.ui.rows_model import RowsModel
from app.ui.workers import JobRunner


class TasksPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tasksPage")
        self.ctx = ctx
        self.runner = JobRunner(self)
        self.filter = QComboBox(self)
        self.filter.setObjectName("taskStatusFilter")
        for label, value in ((self.tr("全部"), None), (self.tr("待办理"), "open"), (self.tr("待验收"), "reported"),
                             (self.tr("已办结"), "closed")):
            self.filter.addItem(label, value)
        self.new_button = QPushButton(self.tr("新建任务(&N)…"), self)
        self.new_button.setObjectName("newTaskButton")
        self.report_button = QPushButton(self.tr("上报办理情况(&B)…"), self)
        self.report_button.setObjectName("reportTaskButton")
        self.close_button = QPushButton(self.tr("验收办结(&A)…"), self)
        self.close_button.setObjectName("closeTaskButton")
        self.new_button.setVisible(may(ctx.actor, "create_task"))
        self.report_button.setVisible(may(ctx.actor, "report_task"))
        self.close_button.setVisible(may(ctx.actor, "close_task"))
        self.status = QLabel(self)
        self.status.setObjectName("tasksStatus")
        self.model = RowsModel([
            (self.tr("编号"), lambda t: t.id), (self.tr("任务"), lambda t: t.title),
            (self.tr("地点"), lambda t: " · ".join(x for x in (t.street, t.community, t.address) if x)),
            (self.tr("类别"), lambda t: t.category), (self.tr("承办单位"), lambda t: t.unit),
            (self.tr("期限"), lambda t: f"{t.due:%Y-%m-%d}" + (self.tr("(已超期)") if t.overdue else "")),
            (self.tr("状态"), lambda t: self.status_text(t.status)),
            (self.tr("治理效果"), lambda t: self.effect_text(t.effect)),
        ], self, right_aligned=frozenset({0}))
        self.view = list_view(self, "tasksTable")
        self.view.setModel(self.model)
        self.detail = QPlainTextEdit(self)
        self.detail.setObjectName("taskDetail")
        self.detail.setReadOnly(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("状态"), self))
        top.addWidget(self.filter)
        top.addStretch(1)
        for b in (self.new_button, self.report_button, self.close_button):
            top.addWidget(b)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.view)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        self.filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.new_button.clicked.connect(lambda: self.open_new_task(None))
        self.report_button.clicked.connect(self._report)
        self.close_button.clicked.connect(self._close)
        self._selection_changed()
        FirstShow(self, self.reload)

    def status_text(self, status: str) -> str:
        return {"open": self.tr("待办理"), "reported": self.tr("待验收"), "closed": self.tr("已办结")}.get(status, status)

    def effect_text(self, e: Effect | None) -> str:
        if e is None:
            return ""
        text = self.tr("治理前 {before} 件 → 治理后 {after} 件({change}),全区同类 {district}").format(
            before=e.place_before, after=e.place_after, change=signed_percent(e.place_change),
            district=signed_percent(e.district_change))
        if e.net_change is not None:
            text += self.tr(",净效果 {net} 个百分点").format(net=f"{e.net_change * 100:+.1f}")
        if not e.complete:
            text += self.tr("(统计至 {day},尚未结束)").format(day=f"{e.after[1]:%Y-%m-%d}")
        return text

    def selected(self) -> TaskRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        task = self.selected()
        self.report_button.setEnabled(task is not None and task.status == "open")
        self.close_button.setEnabled(task is not None and task.status == "reported")
        self.detail.setPlainText(self._describe(task) if task else "")

    def _describe(self, t: TaskRow) -> str:
        lines = [t.title, t.detail] if t.detail else [t.title]
        lines.append(self.tr("创建于 {time}").format(time=f"{t.created_at:%Y-%m-%d %H:%M}"))
        if t.season:
            lines.append(self.tr("季节:{season}").format(season=t.season))
        if t.reported_at:
            lines.append(self.tr("{time} 上报:{text}").format(time=f"{t.reported_at:%Y-%m-%d %H:%M}", text=t.report))
        if t.closed_at:
            lines.append(self.tr("{time} 验收办结").format(time=f"{t.closed_at:%Y-%m-%d %H:%M}"))
        if t.effect is not None:
            e = t.effect
            lines.append(self.tr("治理效果:{before0} – {before1} 共 {b} 件;{after0} – {after1} 共 {a} 件;"
                                 "按全区同类变化预计 {expected} 件").format(
                before0=f"{e.before[0]:%Y-%m-%d}", before1=f"{e.before[1]:%Y-%m-%d}", b=e.place_before,
                after0=f"{e.after[0]:%Y-%m-%d}", after1=f"{e.after[1]:%Y-%m-%d}", a=e.place_after,
                expected="—" if e.expected_after is None else f"{e.expected_after:.1f}"))
        return "\n".join(lines)

    def reload(self) -> None:
        self.status.setText(self.tr("正在读取…"))
        self.runner.start(tasks.list_tasks, self.ctx.read_sf, self.ctx.actor, self.filter.currentData(),
                          on_done=self._show, on_error=lambda e: self.status.setText(error_text(e)), latest_only=True)

    def _show(self, rows: list[TaskRow]) -> None:
        chosen = self.selected()
        self.model.set_rows(rows)
        if chosen is not None:
            i = self.model.find(lambda t: t.id == chosen.id)
            if i >= 0:
                self.view.selectRow(i)
        open_ = sum(1 for t in rows if t.status == "open")
        self.status.setText(self.tr("共 {n} 项,待办理 {open},其中超期 {late}", "", len(rows)).format(
            n=len(rows), open=open_, late=sum(1 for t in rows if t.overdue)))
        self._selection_changed()

    def open_new_task(self, prefill: TaskForm | None, place_text: str = "") -> None:
        dialog = TaskDialog(self.ctx, prefill, place_text, self)
        dialog.saved.connect(lambda _id: self.reload())
        dialog.open()

    def _report(self) -> None:
        task = self.selected()
        if task is not None:
            self._step(self.tr("上报办理情况"), self.tr("办理情况(做了什么,结果如何)"), True,
                       lambda text: tasks.report_task(self.ctx.sf, self.ctx.actor, task.id, text, task.version))

    def _close(self) -> None:
        task = self.selected()
        if task is not None:
            self._step(self.tr("验收办结"), self.tr("验收意见(可不填)"), False,
                       lambda text: tasks.close_task(self.ctx.sf, self.ctx.actor, task.id, text, task.version))

    def _step(self, title: str, prompt: str, required: bool, act) -> None:
        dialog = TextStepDialog(title, prompt, required, act, self)
        dialog.saved.connect(lambda _result: self.reload())
        dialog.open()


class TextStepDialog(WorkDialog):
    """One step of a task with a text (a report, an acceptance note), saved in a worker."""

    def __init__(self, title: str, prompt: str, required: bool, act, parent: QWidget | None = None):
        super().__init__("taskStepDialog", QDialogButtonBox.StandardButton.Ok, parent)
        self.setWindowTitle(title)
        self.act, self.required = act, required
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("taskStepText")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt, self))
        layout.addWidget(self.text, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(520, 300)

    def save(self) -> None:
        text = self.text.toPlainText()
        if self.required and not text.strip():
            self.message.setText(self.tr("请填写内容"))
            return
        self.submit(self.act, text)


class TaskDialog(WorkDialog):
    """A new task: what, for which unit, by when; the place and category come from the list row it was made from."""

    def __init__(self, ctx: AppContext, prefill: TaskForm | None, place_text: str, parent: QWidget | None = None):
        super().__init__("taskDialog", QDialogButtonBox.StandardButton.Save, parent)
        self.setWindowTitle(self.tr("新建治理任务"))
        self.ctx = ctx
        self.prefill = prefill
        d = ctx.directory
        self.title = QLineEdit(self)
        self.title.setObjectName("taskTitle")
        self.title.setMaxLength(tasks.MAX_TITLE)
        self.category = QComboBox(self)
        self.category.setObjectName("taskCategory")
        for c in d.leaf_categories():
            self.category.addItem(c.name, c.id)
        self.unit = QComboBox(self)
        self.unit.setObjectName("taskUnit")
        self.unit.setEditable(True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit.addItem("", None)
        for u in sorted((u for u in d.units.values() if u.level >= 2 and u.active), key=lambda u: (u.level, u.name)):
            self.unit.addItem(u.name, u.id)
        self.unit.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.unit.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.due = QDateEdit(self, calendarPopup=True)
        self.due.setObjectName("taskDue")
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.detail = QPlainTextEdit(self)
        self.detail.setObjectName("taskDetailEdit")
        self.place = QLabel(place_text or self.tr("(全区)"), self)
        form = QFormLayout()
        form.addRow(self.tr("任务(&M)"), self.title)
        form.addRow(self.tr("地点"), self.place)
        form.addRow(self.tr("类别(&K)"), self.category)
        form.addRow(self.tr("承办单位(&U)"), self.unit)
        form.addRow(self.tr("完成期限(&D)"), self.due)
        form.addRow(self.tr("说明(&E)"), self.detail)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        due = prefill.due if prefill and prefill.due else clock.today() + timedelta(days=30)
        self.due.setDate(QDate(due.year, due.month, due.day))
        if prefill is not None:
            self.title.setText(prefill.title)
            self.detail.setPlainText(prefill.detail)
            i = self.category.findData(prefill.category_id)
            if i >= 0:
                self.category.setCurrentIndex(i)
            i = self.unit.findData(prefill.unit_id)
            self.unit.setCurrentIndex(max(0, i))
        self.resize(560, 420)

    def form(self) -> TaskForm:
        base = self.prefill or TaskForm(title="", category_id=None, unit_id=None, due=None)
        unit_id = self.unit.currentData() if self.unit.currentText() == self.unit.itemText(self.unit.currentIndex()) \
            else None
        if unit_id is None and self.unit.currentText().strip():
            i = self.unit.findText(self.unit.currentText().strip())
            unit_id = self.unit.itemData(i) if i >= 0 else None
        due: date = self.due.date().toPython()
        return TaskForm(title=self.title.text(), category_id=self.category.currentData(), unit_id=unit_id, due=due,
                        source=base.source, detail=self.detail.toPlainText(), street_id=base.street_id,
                        community_id=base.community_id, address=base.address, season_id=base.season_id)

    def save(self) -> None:
        self.submit(tasks.create_task, self.ctx.sf, self.ctx.actor, self.form())
