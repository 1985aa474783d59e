"""The 主动治理 tab (未诉先办): the lists that point at problems first, and the tasks that act on them."""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.services.tasks import TaskForm
from app.ui.context import AppContext
from app.ui.governance.lists import ChronicPage, SeasonPage, SurgePage
from app.ui.governance.plans_page import PlansPage
from app.ui.governance.tasks_page import TasksPage


class GovernanceTab(QWidget):
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
        layout.addWidget(self.pages)

    def _make_task(self, form: TaskForm, place: str) -> None:
        self.pages.setCurrentWidget(self.tasks)
        self.tasks.open_new_task(form, place)
