"""The administration tab (administrators only): one sub-page per subject, each loading its data when first shown."""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.ui.admin.access_log_page import AccessLogPage
from app.ui.admin.accounts_page import AccountsPage
from app.ui.admin.categories_page import CategoriesPage
from app.ui.admin.knowledge_page import KnowledgePage
from app.ui.admin.rules_page import RulesPage
from app.ui.admin.seasons_page import SeasonsPage
from app.ui.admin.units_page import UnitsPage
from app.ui.context import AppContext


class AdminTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("adminTab")
        self.setWindowTitle(self.tr("系统管理"))
        self.accounts = AccountsPage(ctx, self)
        self.units = UnitsPage(ctx, self)
        self.categories = CategoriesPage(ctx, self)
        self.rules = RulesPage(ctx, self)
        self.seasons = SeasonsPage(ctx, self)
        self.knowledge = KnowledgePage(ctx, self)
        self.access_log = AccessLogPage(ctx, self)
        self.pages = QTabWidget(self)
        self.pages.setObjectName("adminPages")
        for page in (self.accounts, self.units, self.categories, self.rules, self.seasons, self.knowledge,
                     self.access_log):
            self.pages.addTab(page, page.windowTitle())
        self._loaded: set[int] = set()
        self.pages.currentChanged.connect(self._load)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages)
        self._load(0)

    def _load(self, index: int) -> None:
        if index not in self._loaded:
            self._loaded.add(index)
            self.pages.widget(index).refresh()


def make_admin_tab(ctx: AppContext, parent: QWidget) -> QWidget:
    return AdminTab(ctx, parent)
