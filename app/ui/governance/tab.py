"""The 主动治理 tab (未诉先办): the lists that point at problems first, and the tasks that act on them."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.services.tasks import TaskForm
from app.ui.context import AppContext
from app.ui.governance.lists import ChronicPage, SeasonPage, SurgePage
from app.ui.governance.plans_page import PlansPage
from app.ui.governance.tasks_page import TasksPage
from app.ui.workers import Activity


class GovernanceTab(QWidget):
    busy_changed = Signal(bool)  # background work under way or done (all of the pages' runners)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("governanceTab")
        self.setWindowTitle(self.tr("主动治理"))
        self.pages = QTabWidget(self)
        self.pages.setObjectName("governancePages")
        self.surges = SurgePage(ctx, self)
        self.chronic = ChronicPage(ctx, self)
        self.seasons = SeasonPage(ctx, self)
        self.tasks = TasksPage(ctx, self)
        self.plans = PlansPage(ctx, self)
        self.pages.addTab(self.surges, self.tr("突发聚集"))
        self.pages.addTab(self.chronic, self.tr("顽疾"))
        self.pages.addTab(self.seasons, self.tr("季节预警"))
        self.pages.addTab(self.tasks, self.tr("治理任务"))
        self.pages.addTab(self.plans, self.tr("每月一题"))
        if ctx.actor.role == "handler":  # a unit works on its tasks; the district's lists are for the centre
            self.pages.setCurrentWidget(self.tasks)
        for page in (self.surges, self.chronic, self.seasons):
            page.make_task.connect(self._make_task)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        if ctx.snapshot is not None and ctx.snapshot.cases != "all":  # the lists are counted from cases
            note = QLabel(self.tr("此离线副本不含工单:突发聚集、顽疾和季节预警由工单算出,请在服务器上查看")
                          if ctx.snapshot.cases == "none" else
                          self.tr("此离线副本只含 {day} 起受理的工单:突发聚集、顽疾和季节预警只按这些工单计算").format(
                              day=ctx.snapshot.since.isoformat() if ctx.snapshot.since else ""), self)
            note.setObjectName("governanceSnapshotNote")
            note.setWordWrap(True)
            note.setStyleSheet("color: #8a5a00; font-weight: bold")
            layout.addWidget(note)
        layout.addWidget(self.pages)
        self.activity = Activity(self)
        self.activity.busy_changed.connect(self.busy_changed)

    def is_busy(self) -> bool:
        """Background work of this tab is under way (busy_changed says when that changes)."""
        return self.activity.is_busy()

    def _make_task(self, form: TaskForm, place: str) -> None:
        self.pages.setCurrentWidget(self.tasks)
        self.tasks.open_new_task(form, place)
