"""Rules page: deadline tiers, scoring weights and settings, each added as a new rule in force from a date."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.messages import tier_name
from app.services import admin, clock
from app.services.validation import DEADLINE_TIERS
from app.ui.admin.page import AdminPage
from app.ui.context import AppContext
from app.ui.rows_model import RowsModel


def _district_today() -> QDate:
    """Today in the district (Asia/Shanghai), which the services compare with, not the computer's own date."""
    today = clock.today()
    return QDate(today.year, today.month, today.day)


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit(_district_today(), objectName=name, calendarPopup=True, displayFormat="yyyy-MM-dd")
    edit.setMinimumDate(_district_today())  # a rule cannot take effect in the past
    return edit


def _weight(name: str, value: float) -> QDoubleSpinBox:
    return QDoubleSpinBox(objectName=name, minimum=0.0, maximum=1.0, singleStep=0.05, decimals=2, value=value)


def _day(edit: QDateEdit) -> date:
    return edit.date().toPython()


class RulesPage(AdminPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, "rulesPage", parent)
        self.setWindowTitle(self.tr("时限与考核规则"))
        hours = self.tr("{n} 小时")

        # deadlines
        self.deadlines = RowsModel([
            (self.tr("时限档次"), lambda r: tier_name(r.tier)),
            (self.tr("生效日期"), lambda r: f"{r.effective_from:%Y-%m-%d}"),
            (self.tr("联系时限"), lambda r: hours.format(n=r.contact_hours)),
            (self.tr("答复时限"), lambda r: hours.format(n=r.reply_hours)),
        ], self)
        self.tier = QComboBox(objectName="ruleTier")
        for tier in DEADLINE_TIERS:
            self.tier.addItem(tier_name(tier), tier)
        self.deadline_from = _date_edit("deadlineFrom")
        self.contact_hours = QSpinBox(objectName="contactHours", minimum=1, maximum=1440, value=24, suffix=" h")
        self.reply_hours = QSpinBox(objectName="replyHours", minimum=1, maximum=1440, value=168, suffix=" h")
        add_deadline = QPushButton(self.tr("添加时限规则"), objectName="addDeadlineButton")
        add_deadline.clicked.connect(self._add_deadline)
        deadline_box = self._group(self.tr("时限档次"), "deadlineRulesTable", self.deadlines, [
            (self.tr("档次"), self.tier), (self.tr("生效日期"), self.deadline_from),
            (self.tr("联系时限"), self.contact_hours), (self.tr("答复时限"), self.reply_hours)], add_deadline)

        # scoring
        self.scoring = RowsModel([
            (self.tr("生效日期"), lambda r: f"{r.effective_from:%Y-%m-%d}"),
            (self.tr("响应率"), lambda r: f"{r.w_response:.2f}"),
            (self.tr("解决率"), lambda r: f"{r.w_resolution:.2f}"),
            (self.tr("满意率"), lambda r: f"{r.w_satisfaction:.2f}"),
            (self.tr("基本满意折算"), lambda r: f"{r.w_basic:.2f}"),
        ], self)
        self.scoring_from = _date_edit("scoringFrom")
        self.w_response = _weight("weightResponse", 0.10)
        self.w_resolution = _weight("weightResolution", 0.45)
        self.w_satisfaction = _weight("weightSatisfaction", 0.45)
        self.w_basic = _weight("weightBasic", 1.0)
        add_scoring = QPushButton(self.tr("添加考核权重"), objectName="addScoringButton")
        add_scoring.clicked.connect(self._add_scoring)
        scoring_box = self._group(self.tr("综合成绩权重"), "scoringRulesTable", self.scoring, [
            (self.tr("生效日期"), self.scoring_from), (self.tr("响应率权重"), self.w_response),
            (self.tr("解决率权重"), self.w_resolution), (self.tr("满意率权重"), self.w_satisfaction),
            (self.tr("基本满意折算系数"), self.w_basic)], add_scoring)

        # settings
        self.settings = RowsModel([
            (self.tr("参数"), lambda r: self._setting_name(r.key)),
            (self.tr("生效日期"), lambda r: f"{r.effective_from:%Y-%m-%d}"),
            (self.tr("取值"), lambda r: r.value),
        ], self)
        self.setting_key = QComboBox(objectName="settingKey")
        for key in admin.EDITABLE_SETTINGS:
            self.setting_key.addItem(self._setting_name(key), key)
        self.setting_from = _date_edit("settingFrom")
        self.setting_value = QLineEdit(objectName="settingValue")
        add_setting = QPushButton(self.tr("添加参数值"), objectName="addSettingButton")
        add_setting.clicked.connect(self._add_setting)
        setting_box = self._group(self.tr("其他参数"), "settingsTable", self.settings, [
            (self.tr("参数"), self.setting_key), (self.tr("生效日期"), self.setting_from),
            (self.tr("取值"), self.setting_value)], add_setting)

        grid = QGridLayout()
        grid.addWidget(deadline_box, 0, 0)
        grid.addWidget(scoring_box, 0, 1)
        grid.addWidget(setting_box, 1, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.message)

    def _group(self, title: str, table_name: str, model: RowsModel, fields, button: QPushButton) -> QGroupBox:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        form.addRow(self.table(box, table_name, model))
        for label, widget in fields:
            form.addRow(label, widget)
        form.addRow("", button)
        return box

    def _setting_name(self, key: str) -> str:
        names = {
            "callback.max_attempts": self.tr("回访最多尝试次数"), "callback.window_hours": self.tr("答复后回访期限(小时)"),
            "governance.top_n": self.tr("治理类街镇数量"), "case.nearly_overdue_hours": self.tr("临近超期提醒(小时)"),
            "login.max_failures": self.tr("登录失败锁定次数"), "login.lock_minutes": self.tr("锁定时长(分钟)"),
        }
        return names.get(key, key)

    def refresh(self, info: str = "") -> None:
        def load(sf):
            return admin.list_deadline_rules(sf), admin.list_scoring_rules(sf), admin.list_settings(sf)

        def shown(result):
            deadlines, scoring, settings = result
            self.deadlines.set_rows(deadlines)
            self.scoring.set_rows(scoring)
            self.settings.set_rows(settings)
            if info:
                self.show_info(info)
        self.run(load, self.ctx.sf, on_done=shown, busy_text=self.tr("正在读取规则…"))

    def _added(self, _row) -> None:
        self.ctx.reference.reload()  # the intake form's tier texts say the hours in force (reference_store.py)
        self.refresh(info=self.tr("已添加,自生效日期起执行;此前的期间仍按原规则计算"))

    def _add_deadline(self) -> None:
        self.run(admin.add_deadline_rule, self.ctx.sf, self.ctx.actor, self.tier.currentData(), _day(self.deadline_from),
                 self.contact_hours.value(), self.reply_hours.value(), on_done=self._added)

    def _add_scoring(self) -> None:
        self.run(admin.add_scoring_rule, self.ctx.sf, self.ctx.actor, _day(self.scoring_from), self.w_response.value(),
                 self.w_resolution.value(), self.w_satisfaction.value(), self.w_basic.value(), on_done=self._added)

    def _add_setting(self) -> None:
        self.run(admin.add_setting, self.ctx.sf, self.ctx.actor, self.setting_key.currentData(), _day(self.setting_from),
                 self.setting_value.text(), on_done=self._added)
