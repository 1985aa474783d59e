"""The intake form: fields in the order of a call, each with its message in place, checked as the user types."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from app.messages import problem_text, tier_text
from app.services import clock, rules
from app.services.errors import FieldProblem
from app.services.lifecycle import IntakeForm
from app.services.validation import CHANNELS, DEADLINE_TIERS, REQUEST_TYPES, URGENCIES
from app.ui.context import AppContext
from app.ui.intake.routing_hint import RoutingHint
from app.ui.pickers import CategoryPicker, NamePicker, place_index, street_and_community

# the form's message label for each FieldProblem.field
FIELD_OF_PROBLEM = {"caller_phone": "phone", "no_phone_reason": "phone", "caller_name": "name", "street": "street",
                    "community": "community", "address": "address", "category": "category",
                    "description": "description", "answer": "answer", "reply_text": "answer", "unit": "unit",
                    "deadline_tier": "tier"}


def key_topic_year(ctx: AppContext) -> int | None:
    """The latest year with key topics, not after this year."""
    years = [y for y in ctx.directory.key_topics if y <= clock.today().year]
    return max(years) if years else None


class MessageLine(QLabel):
    """One line reserved for a message: shown or hidden, it keeps its height, so nothing below it moves.

    A message longer than the line is cut with "…" and shown whole in the tooltip; `text()` is the whole message.
    """

    def __init__(self, parent: QWidget, name: str, color: str):
        super().__init__(parent, objectName=name)
        self._message = ""
        self.setStyleSheet(f"color: {color}")
        self.setFixedHeight(self.fontMetrics().height() + 2)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)

    def text(self) -> str:  # the whole message, not the cut one on the screen
        return self._message

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        self._message = text
        self.setToolTip(text)
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        super().setText(self.fontMetrics().elidedText(self._message, Qt.TextElideMode.ElideRight, max(0, self.width())))


class IntakeFormPanel(QWidget):
    """Messages follow "on leaving the field or on save": a field says nothing while it is typed into until
    the user leaves it (or tries to save); a message already shown follows the typing and goes as soon as
    the problem is fixed. Every message has its line reserved."""

    changed = Signal()
    field_left = Signal()  # a field the user typed into lost the focus: its message may show now

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.touched: set[str] = set()
        self.checked: set[str] = set()  # fields left after typing: their messages are shown
        self.save_tried = False  # after a save was tried, every message stays shown until the form is cleared
        self.errors: dict[str, QLabel] = {}

        self.phone = QLineEdit(self, objectName="phoneEdit")
        self.phone.setPlaceholderText(self.tr("手机号或带区号的固话,如 13812345678、010-63812345-123"))
        # a call without a number (withheld): the box is on the Tab path only while the phone is empty
        self.no_number = QCheckBox(self.tr("无号码"), self, objectName="noNumberCheck")
        self.no_number.setToolTip(self.tr("来电没有显示号码:不填号码,选择或填写原因(此类工单不会按号码关联为重复来电)"))
        self.no_number_reason = QComboBox(self, objectName="noNumberReason")
        self.no_number_reason.setEditable(True)
        self.no_number_reason.addItems([self.tr("主叫隐藏号码"), self.tr("来电显示无号码"), self.tr("来电人不愿留号码")])
        self.no_number_reason.setCurrentIndex(-1)
        self.no_number_reason.lineEdit().setPlaceholderText(self.tr("选择或填写原因"))
        self.no_number_reason.setMinimumContentsLength(8)
        self.no_number_reason.hide()
        self.no_number.toggled.connect(self._no_number_toggled)
        self.phone.textChanged.connect(self._phone_text_changed)
        phone_row = QWidget(self)
        phone_box = QHBoxLayout(phone_row)
        phone_box.setContentsMargins(0, 0, 0, 0)
        phone_box.addWidget(self.phone, 1)
        phone_box.addWidget(self.no_number)
        phone_box.addWidget(self.no_number_reason, 1)
        self.name = QLineEdit(self, objectName="callerNameEdit")
        self.name.setPlaceholderText(self.tr("可不填"))
        self.channel = self._combo("channelCombo", CHANNELS, {
            "phone": self.tr("电话"), "web": self.tr("网站"), "wechat": self.tr("微信"), "weibo": self.tr("微博"),
            "app": self.tr("客户端"), "forwarded": self.tr("上级转办")})
        self.request_type = self._combo("requestTypeCombo", REQUEST_TYPES, {
            "consultation": self.tr("咨询"), "help": self.tr("求助"), "complaint": self.tr("投诉"),
            "report": self.tr("举报"), "suggestion": self.tr("建议"), "praise": self.tr("表扬")})
        self.request_type.setCurrentIndex(REQUEST_TYPES.index("help"))
        self.urgency = self._combo("urgencyCombo", URGENCIES, {"normal": self.tr("一般"), "urgent": self.tr("紧急")})
        self.confidential = QCheckBox(self.tr("保密"), self, objectName="confidentialCheck")
        self.confidential.setToolTip(self.tr("来电人要求保密(举报时默认勾选):承办单位看不到来电人的姓名和号码"))
        self._confidential_by_hand = False  # the receptionist set it: a change of request type leaves it alone
        self.confidential.clicked.connect(self._confidential_clicked)
        self.request_type.currentIndexChanged.connect(self._request_type_changed)
        self.street, self.community = street_and_community(
            lambda: ctx.directory, self.tr("输入街道名称或拼音首字母,回车选定"), self.tr("输入社区名称或拼音首字母(如 tlbl)"), self)
        self.street.setObjectName("streetPicker")
        self.community.setObjectName("communityPicker")
        self.address = QLineEdit(self, objectName="addressEdit")
        self.address.setPlaceholderText(self.tr("小区、楼号、门牌"))
        self.category = CategoryPicker(ctx.directory, key_topic_year(ctx), parent=self)
        self.category.setObjectName("categoryPicker")
        ctx.reference.changed.connect(self._reference_changed)
        # minimum heights keep the whole tab within a 1366×768 screen with the routing hint shown
        # (tests/test_layout.py); the tree and the description grow with the window
        self.category.tree.setMinimumHeight(84)
        self.category.tree.setMaximumHeight(170)
        self.description = QPlainTextEdit(self, objectName="descriptionEdit")
        self.description.setPlaceholderText(self.tr("诉求人反映的问题、时间、地点"))
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(48)  # grows with the window (its row stretches)
        # the pickers search the units in use at each search (ctx.directory follows ctx.reference)
        self.unit = NamePicker(lambda q: place_index(ctx.directory).find_handlers(q), self.tr("按建议派单,或输入其他承办单位"),
                               self)
        self.unit.setObjectName("unitPicker")
        # each tier with the limits in force today (the administrator may change them: never hard-coded)
        limits = ctx.reference.tier_hours
        if limits is None:  # the first form: read now, and kept in the store, which tells when they change
            limits = ctx.reference.tier_hours = rules.tier_hours(ctx.sf, clock.today())
        self.tier = self._combo("tierCombo", ("",) + DEADLINE_TIERS, {
            "": self.tr("按分类"), **{tier: tier_text(tier, limits.get(tier)) for tier in DEADLINE_TIERS}})
        self.suggestion = QLabel(self, objectName="suggestionLabel")
        self.suggestion.setWordWrap(True)
        self.routing_hint = RoutingHint(self)  # the learned suggestion's basis and two alternatives (Alt+1, Alt+2)
        self.routing_hint.taken.connect(lambda unit_id, name: self.unit.set_value(unit_id, name))
        self.answer = QPlainTextEdit(self, objectName="answerEdit")
        self.answer.setPlaceholderText(self.tr("仅“直接答复”时填写:在电话中给出的答复"))
        self.answer.setTabChangesFocus(True)
        self.answer.setMaximumHeight(60)
        self.answer.setMinimumHeight(44)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(1)
        row = 0

        def add(label: str, key: str, widget: QWidget, col: int = 0, span: int = 1) -> None:
            nonlocal row
            tall = isinstance(widget, (QPlainTextEdit, CategoryPicker))
            caption = QLabel(label, self)
            if tall:
                caption.setContentsMargins(0, 4, 0, 0)
            grid.addWidget(caption, row, col * 2, Qt.AlignmentFlag.AlignTop if tall else Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(widget, row, col * 2 + 1, 1, span)
            error = MessageLine(self, f"{key}Error", "#b3261e")
            error.hide()
            self.errors[key] = error
            grid.addWidget(error, row + 1, col * 2 + 1, 1, span)

        add(self.tr("来电号码*"), "phone", phone_row)
        add(self.tr("来电人"), "name", self.name, 1)
        row += 2
        grid.addWidget(QLabel(self.tr("渠道 / 类型 / 紧急"), self), row, 0)  # then the 保密 box
        combos = QWidget(self)
        combo_row = QGridLayout(combos)
        combo_row.setContentsMargins(0, 0, 0, 0)
        for i, w in enumerate((self.channel, self.request_type, self.urgency, self.confidential)):
            combo_row.addWidget(w, 0, i)
        grid.addWidget(combos, row, 1, 1, 3)
        row += 1
        add(self.tr("街道/乡镇*"), "street", self.street)
        add(self.tr("社区/村"), "community", self.community, 1)
        row += 2
        add(self.tr("地址"), "address", self.address, 0, 3)
        row += 2
        add(self.tr("诉求分类*"), "category", self.category, 0, 3)
        row += 2
        add(self.tr("诉求内容*"), "description", self.description, 0, 3)
        grid.setRowStretch(row, 1)
        row += 2
        add(self.tr("承办单位"), "unit", self.unit)
        add(self.tr("时限档次"), "tier", self.tier, 1)
        row += 2
        grid.addWidget(self.suggestion, row, 1, 1, 3)
        row += 1
        grid.addWidget(self.routing_hint, row, 1, 1, 3)
        row += 1
        add(self.tr("答复内容"), "answer", self.answer, 0, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        # a whole number stays readable however long the labels of the language are (English's squeezed the
        # phone to 8 digits at 1366 px): room for 010-63812345-123, and for a street's name
        digits = self.phone.fontMetrics().horizontalAdvance("010-63812345-123")
        self.phone.setMinimumWidth(digits + 16)
        self.street.setMinimumWidth(self.street.fontMetrics().horizontalAdvance("东铁匠营街道") + 48)

        for w in (self.phone, self.name, self.address):
            w.textChanged.connect(self._edited)
        for w in (self.description, self.answer):
            w.textChanged.connect(self._edited)
        for w in (self.street, self.community, self.unit):
            w.textChanged.connect(self._edited)
            w.chosen.connect(self._edited)
        self.category.chosen.connect(self._edited)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        for w in (self.channel, self.request_type, self.urgency, self.tier):
            w.currentIndexChanged.connect(self._edited)
        self.confidential.toggled.connect(self._edited)
        self.no_number.toggled.connect(self._edited)
        self.no_number_reason.currentTextChanged.connect(self._edited)
        for first, second in ((self.phone, self.no_number), (self.no_number, self.no_number_reason),
                              (self.no_number_reason, self.name), (self.name, self.channel), (self.channel, self.request_type),
                              (self.request_type, self.urgency), (self.urgency, self.confidential),
                              (self.confidential, self.street),
                              (self.street, self.community), (self.community, self.address),
                              (self.address, self.category.filter), (self.category.filter, self.category.tree),
                              (self.category.tree, self.description), (self.description, self.unit),
                              (self.unit, self.tier), (self.tier, self.answer)):
            QWidget.setTabOrder(first, second)

    def _reference_changed(self, directory) -> None:
        """An administrator changed units or categories: the category tree is built again; the pickers'
        matches are looked up again at the next search."""
        self.category.set_directory(directory)
        limits = self.ctx.reference.tier_hours or {}
        for i in range(self.tier.count()):
            tier = self.tier.itemData(i)
            if tier in limits:
                self.tier.setItemText(i, tier_text(tier, limits[tier]))
        for picker in (self.street, self.community, self.unit):
            picker.forget_matches()

    def _combo(self, name: str, codes: tuple[str, ...], labels: dict[str, str]) -> QComboBox:
        combo = QComboBox(self, objectName=name)
        for code in codes:
            combo.addItem(labels[code], code)
        return combo

    def _phone_text_changed(self, text: str) -> None:
        """With a number typed, Tab goes from the phone straight to the caller's name."""
        self.no_number.setFocusPolicy(Qt.FocusPolicy.NoFocus if text.strip() else Qt.FocusPolicy.StrongFocus)

    def _no_number_toggled(self, checked: bool) -> None:
        if checked:
            self.phone.clear()
        else:
            self.no_number_reason.setCurrentIndex(-1)
            self.no_number_reason.clearEditText()
        self.phone.setEnabled(not checked)
        self.phone.setVisible(not checked)  # the reason takes its place
        self.no_number_reason.setVisible(checked)

    def _confidential_clicked(self, _checked: bool) -> None:
        self._confidential_by_hand = True

    def _request_type_changed(self, _index: int) -> None:
        """A report (举报) is confidential unless the receptionist decided otherwise for this call."""
        if not self._confidential_by_hand:
            self.confidential.setChecked(self.request_type.currentData() == "report")

    def _fields(self) -> tuple[tuple[str, QWidget], ...]:
        return (("phone", self.phone), ("phone", self.no_number_reason), ("name", self.name), ("street", self.street),
                ("community", self.community), ("address", self.address), ("category", self.category),
                ("description", self.description), ("answer", self.answer), ("unit", self.unit))

    def _edited(self, *_args) -> None:
        sender = self.sender()
        for key, widget in self._fields():
            if sender is widget:
                self.touched.add(key)
                if not self.errors[key].isVisible():  # quiet while typing, until the field is left
                    self.checked.discard(key)
        self.changed.emit()

    def _key_of(self, widget: QWidget | None) -> str | None:
        for key, field in self._fields():
            if widget is not None and (widget is field or field.isAncestorOf(widget)):
                return key
        return None

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """The focus went from a field to another widget of this window (not to a popup, not away with the
        window): the field was left. Qt says so after the field handled its focus-out (a picker settles)."""
        if old is None or new is None or new.window() is not self.window():
            return
        key = self._key_of(old)
        if key is not None and self._key_of(new) != key:
            self._left(key)

    def _left(self, key: str) -> None:
        if key in self.touched and key not in self.checked:
            self.checked.add(key)
            self.field_left.emit()

    # ------------------------------------------------------------ values

    def intake_form(self) -> IntakeForm:
        return IntakeForm(
            caller_phone=self.phone.text().strip(), description=self.description.toPlainText().strip(),
            no_phone_reason=self.no_number_reason.currentText().strip() if self.no_number.isChecked() else None,
            category_id=self.category.value, street_id=self.street.value, community_id=self.community.value,
            caller_name=self.name.text().strip(), address=self.address.text().strip(),
            channel=self.channel.currentData(), request_type=self.request_type.currentData(),
            urgency=self.urgency.currentData(), confidential=self.confidential.isChecked(), unit_id=self.unit.value,
            deadline_tier=self.tier.currentData() or None, received_at=None)

    def picker_problems(self) -> list[FieldProblem]:
        """Text typed into a place or unit field that picks nothing (a name of another street, a typo)."""
        problems = []
        units = self.ctx.directory
        for field, picker in (("street", self.street), ("community", self.community), ("unit", self.unit)):
            text = picker.text().strip()
            if not text or picker.value is not None:
                continue
            named = units.unit_by_name(text)
            if field == "community" and named is not None and named.level == 3 and self.street.value is not None:
                problems.append(FieldProblem(field, "not_in_street", text))
            else:
                problems.append(FieldProblem(field, "unknown", text))
        return problems

    def answer_text(self) -> str:
        return self.answer.toPlainText().strip()

    def is_empty(self) -> bool:
        return not any((self.phone.text().strip(), self.no_number.isChecked(), self.name.text().strip(),
                        self.address.text().strip(),
                        self.description.toPlainText().strip(), self.answer.toPlainText().strip(),
                        self.street.text().strip(), self.community.text().strip(), self.category.value))

    def to_dict(self) -> dict:
        return {
            "phone": self.phone.text(), "name": self.name.text(), "channel": self.channel.currentData(),
            "no_number": self.no_number.isChecked(), "no_number_reason": self.no_number_reason.currentText(),
            "request_type": self.request_type.currentData(), "urgency": self.urgency.currentData(),
            "confidential": self.confidential.isChecked(), "confidential_by_hand": self._confidential_by_hand,
            "street_id": self.street.value, "street_text": self.street.text(),
            "community_id": self.community.value, "community_text": self.community.text(),
            "address": self.address.text(), "category_id": self.category.value,
            "description": self.description.toPlainText(), "unit_id": self.unit.value, "unit_text": self.unit.text(),
            "tier": self.tier.currentData(), "answer": self.answer.toPlainText(),
        }

    def load_dict(self, d: dict) -> None:
        def unit_name(unit_id):
            u = self.ctx.directory.units.get(unit_id) if unit_id else None
            return u.name if u else ""

        def set_combo(combo: QComboBox, code) -> None:
            i = combo.findData(code)
            if i >= 0:
                combo.setCurrentIndex(i)

        self.no_number.setChecked(bool(d.get("no_number", False)))
        if self.no_number.isChecked():
            self.no_number_reason.setEditText(d.get("no_number_reason", ""))
        self.phone.setText(d.get("phone", ""))
        self.name.setText(d.get("name", ""))
        set_combo(self.channel, d.get("channel", "phone"))
        set_combo(self.request_type, d.get("request_type", "help"))
        set_combo(self.urgency, d.get("urgency", "normal"))
        self._confidential_by_hand = bool(d.get("confidential_by_hand", False))
        self.confidential.setChecked(bool(d.get("confidential", d.get("request_type") == "report")))
        self.street.set_value(d.get("street_id"), unit_name(d.get("street_id")))
        if d.get("street_id") is None:
            self.street.setText(d.get("street_text", ""))
        self.community.set_value(d.get("community_id"), unit_name(d.get("community_id")))
        if d.get("community_id") is None:
            self.community.setText(d.get("community_text", ""))
        self.address.setText(d.get("address", ""))
        self.category.set_value(d.get("category_id"))
        self.description.setPlainText(d.get("description", ""))
        self.unit.set_value(d.get("unit_id"), unit_name(d.get("unit_id")))
        set_combo(self.tier, d.get("tier") or "")
        self.answer.setPlainText(d.get("answer", ""))
        self.touched = {k for k, v in (("phone", d.get("phone")), ("description", d.get("description"))) if v}
        self.checked.clear()

    def clear(self) -> None:
        self.blockSignals(True)
        self.load_dict({})
        self.blockSignals(False)
        self.touched.clear()
        self.checked.clear()
        self.save_tried = False
        self.show_problems([], everything=False)

    # ------------------------------------------------------------ messages

    def show_problems(self, problems: list[FieldProblem], everything: bool) -> None:
        """Each field's message in place, for the fields left after typing (`checked`), or all after a save was tried."""
        everything = everything or self.save_tried
        texts: dict[str, str] = {}
        for p in problems:
            key = FIELD_OF_PROBLEM.get(p.field)
            if key is None or key in texts:
                continue
            if everything or key in self.checked:
                texts[key] = problem_text(p)
        for key, label in self.errors.items():
            label.setText(texts.get(key, ""))
            label.setVisible(key in texts)

    def focus_field(self, field: str) -> None:
        if field == "no_phone_reason" or (field == "caller_phone" and self.no_number.isChecked()):
            self.no_number_reason.setFocus()
            return
        widget = {"phone": self.phone, "name": self.name, "street": self.street, "community": self.community,
                  "address": self.address, "category": self.category.filter, "description": self.description,
                  "answer": self.answer, "unit": self.unit,
                  "request_type": self.request_type}.get(FIELD_OF_PROBLEM.get(field, field))  # 直接答复: a consultation only
        if widget is not None:
            widget.setFocus()

    def show_suggestion(self, unit_name: str | None, tier_label: str, contact_by: datetime, reply_by: datetime,
                        refused_name: str | None = None) -> None:
        """The unit "save and dispatch" sends the case to; with none that dispatch accepts, that the case
        will wait for the dispatcher (`refused_name`: the category's handler that takes no dispatch)."""
        if unit_name is None and refused_name:
            unit = self.tr("无({refused}不接收派单,保存后待派单员派单;咨询可“直接答复”)").format(refused=refused_name)
        else:
            unit = unit_name or self.tr("(未定)")
        self.suggestion.setText(self.tr("建议承办单位:{unit};时限:{tier},{contact} 前联系诉求人,{reply} 前答复").format(
            unit=unit, tier=tier_label, contact=f"{contact_by:%m-%d %H:%M}", reply=f"{reply_by:%m-%d %H:%M}"))
