"""Small dialogs for the case actions: each asks only for what its action needs (a unit, a text, a date, a case)."""
from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDateTime
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.messages import action_name, problem_text
from app.services import clock
from app.services.case_queries import CaseDetail
from app.services.case_states import CASES_TAB_ACTIONS, RULES
from app.services.validation import MAX_LENGTH, text_problem
from app.ui.cases.detail_pane import as_label
from app.ui.context import AppContext
from app.ui.pickers import NamePicker, place_index

# the label of each action's text field; what each action needs comes from the state machine's table
TEXT_LABELS = {
    "dispatch": QT_TRANSLATE_NOOP("ActionDialog", "派单说明"),
    "contact": QT_TRANSLATE_NOOP("ActionDialog", "联系情况"),
    "reply": QT_TRANSLATE_NOOP("ActionDialog", "答复内容"),
    "request_return": QT_TRANSLATE_NOOP("ActionDialog", "退单理由"),
    "approve_return": QT_TRANSLATE_NOOP("ActionDialog", "说明"),
    "reject_return": QT_TRANSLATE_NOOP("ActionDialog", "驳回理由"),
    "request_extension": QT_TRANSLATE_NOOP("ActionDialog", "延期理由"),
    "approve_extension": QT_TRANSLATE_NOOP("ActionDialog", "说明"),
    "reject_extension": QT_TRANSLATE_NOOP("ActionDialog", "驳回理由"),
    "merge": QT_TRANSLATE_NOOP("ActionDialog", "说明"),
    "reopen": QT_TRANSLATE_NOOP("ActionDialog", "重办原因"),
    "close": QT_TRANSLATE_NOOP("ActionDialog", "办结说明"),
}
# action -> (needs a unit, needs a date, needs a case number, text: None | "optional" | "required", text label),
# in the order of the cases tab's buttons (case_states.CASES_TAB_ACTIONS)
NEEDS = {
    action.value: (rule.needs.unit, rule.needs.date, rule.needs.case, rule.needs.text, TEXT_LABELS.get(action, ""))
    for action in CASES_TAB_ACTIONS for rule in (RULES[action],)
}
# the service's field of the text (its length limit, app/services/validation.py MAX_LENGTH)
TEXT_FIELDS = {action.value: RULES[action].needs.text_field for action in CASES_TAB_ACTIONS}


class ActionDialog(QDialog):
    """Collects the inputs of one action; `values()` after accept: unit_id, until, case_no, text."""

    def __init__(self, ctx: AppContext, action: str, detail: CaseDetail, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("actionDialog")
        self.action = action
        needs_unit, needs_date, needs_case, text_mode, text_label = NEEDS[action]
        self.text_mode = text_mode
        self.own_case_no = detail.case_no
        title = action_name(action) if not (action == "dispatch" and detail.status == "returned") else self.tr("重新派单")
        self.setWindowTitle(self.tr("{action}:工单 {no}").format(action=as_label(title), no=detail.case_no))
        form = QFormLayout()
        self.unit = self.until = self.case_no = self.text = self.no_contact = None
        if needs_unit:
            self.unit = NamePicker(place_index(ctx.directory).find_handlers, self.tr("输入单位名称或拼音首字母,回车选定"), self)
            self.unit.setObjectName("actionUnit")
            if detail.unit_id and detail.status != "returned":
                self.unit.set_value(detail.unit_id, detail.unit_name or "")
            form.addRow(self.tr("承办单位*"), self.unit)
            self.unit.chosen.connect(lambda _v: self._check())
        if needs_date:
            base = max(detail.reply_deadline or clock.now(), clock.now()) + timedelta(days=7)
            self.until = QDateTimeEdit(QDateTime(base.date(), base.time()), self, objectName="actionUntil")
            self.until.setDisplayFormat("yyyy-MM-dd HH:mm")
            self.until.setCalendarPopup(True)
            if detail.reply_deadline:
                form.addRow(self.tr("现答复时限"), QLabel(f"{detail.reply_deadline:%Y-%m-%d %H:%M}", self))
            form.addRow(self.tr("延期至*"), self.until)
            self.until.dateTimeChanged.connect(lambda _v: self._check())
        if needs_case:
            self.case_no = QLineEdit(self, objectName="actionCaseNo")
            self.case_no.setPlaceholderText(self.tr("要合并到的原工单号"))
            form.addRow(self.tr("原工单号*"), self.case_no)
            self.case_no.textChanged.connect(lambda _t: self._check())
        if action == "reply" and detail.contacted_at is None:
            # no reply without the contact step: 联系诉求人 first, or say why the citizen could not be reached
            note = QLabel(self.tr("尚未记录联系诉求人。请先用“联系诉求人”记录联系情况;确实无法联系的,请写明原因:"), self,
                          objectName="actionNoContactNote")
            note.setWordWrap(True)
            note.setStyleSheet("color: #8a4b00")
            form.addRow(note)
            self.no_contact = QLineEdit(self, objectName="actionNoContactReason")
            self.no_contact.setPlaceholderText(self.tr("如:三次拨打均无人接听"))
            form.addRow(self.tr("未能联系的原因*"), self.no_contact)
            self.no_contact.textChanged.connect(lambda _t: self._check())
        if text_mode:
            self.text = QPlainTextEdit(self, objectName="actionText")
            self.text_field = TEXT_FIELDS[action]
            self.text.setPlaceholderText(self.tr("最多 {n} 字").format(n=MAX_LENGTH[self.text_field]))
            self.text.setTabChangesFocus(True)
            self.text.setMaximumHeight(100)
            form.addRow(self.tr(text_label) + ("*" if text_mode == "required" else ""), self.text)
            self.text.textChanged.connect(self._check)
        self.problem = QLabel(self, objectName="actionProblem")
        self.problem.setStyleSheet("color: #b3261e")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(title)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if action == "sign":
            layout.addWidget(QLabel(self.tr("确认签收工单 {no}?").format(no=detail.case_no), self))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())
        self._check()

    def _missing(self) -> str:
        if self.unit is not None and self.unit.value is None:
            return self.tr("请选择承办单位")
        if self.case_no is not None and not self.case_no.text().strip():
            return self.tr("请输入原工单号")
        if self.case_no is not None and self.case_no.text().strip() == self.own_case_no:
            return self.tr("这是本工单自己的编号:请输入要合并到的另一件(原)工单的编号")
        if self.text is not None and self.text_mode == "required" and not self.text.toPlainText().strip():
            return self.tr("请填写{what}").format(what=self.tr(NEEDS[self.action][4]))
        if self.text is not None:  # too long, a character that cannot be stored: the service's own check
            problem = text_problem(self.text_field, self.text.toPlainText().strip())
            if problem is not None and problem.code != "required":
                return problem_text(problem)
        if self.no_contact is not None and not self.no_contact.text().strip():
            return self.tr("尚未联系诉求人:请先“联系诉求人”,或写明未能联系的原因")
        return ""

    def _check(self) -> None:
        missing = self._missing()
        self.problem.setText(missing)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not missing)

    def values(self) -> dict:
        until: datetime | None = self.until.dateTime().toPython().replace(second=0, microsecond=0) if self.until else None
        return {
            "unit_id": self.unit.value if self.unit else None, "until": until,
            "case_no": self.case_no.text().strip() if self.case_no else "",
            "text": self.text.toPlainText().strip() if self.text else "",
            "no_contact_reason": self.no_contact.text().strip() if self.no_contact else "",
        }
