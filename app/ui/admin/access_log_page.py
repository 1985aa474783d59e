"""Access log page: who revealed a phone number, exported personal data, logged in or changed an account."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.messages import access_action_name
from app.services import privacy
from app.ui.admin.page import AdminPage
from app.ui.context import AppContext
from app.ui.rows_model import RowsModel

FILTERS = (None, "reveal_phone", "export", "login", "login_failed", "login_locked")


class AccessLogPage(AdminPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, "accessLogPage", parent)
        self.setWindowTitle(self.tr("访问记录"))
        self.model = RowsModel([
            (self.tr("时间"), lambda r: f"{r.at:%Y-%m-%d %H:%M:%S}"),
            (self.tr("人员"), lambda r: r.staff or self.tr("系统")),
            (self.tr("工位"), lambda r: r.workstation),
            (self.tr("操作"), lambda r: access_action_name(r.action)),
            (self.tr("工单"), lambda r: r.case_no),
            (self.tr("详情"), lambda r: r.detail),
        ], self)
        self.view = self.table(self, "accessLogTable", self.model)
        self.filter = QComboBox(objectName="accessLogFilter")
        for action in FILTERS:
            self.filter.addItem(self.tr("全部") if action is None else access_action_name(action), action)
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        reload_button = QPushButton(self.tr("刷新"), objectName="reloadAccessLogButton")
        reload_button.clicked.connect(lambda: self.refresh())
        bar = QHBoxLayout()
        bar.addWidget(self.filter)
        bar.addWidget(reload_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        layout.addWidget(self.message)

    def refresh(self) -> None:
        self.run(privacy.access_log, self.ctx.sf, self.ctx.actor, 500, self.filter.currentData(),
                 on_done=self.model.set_rows, busy_text=self.tr("正在读取访问记录…"))
