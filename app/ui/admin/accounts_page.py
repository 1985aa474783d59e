"""Accounts page: create staff, change role and unit, reset a password, disable, unlock."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.messages import role_name
from app.models import ROLES
from app.services import accounts
from app.services.accounts import StaffInfo
from app.ui.admin.page import AdminPage
from app.ui.context import AppContext
from app.ui.rows_model import RowsModel


class AccountsPage(AdminPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, "accountsPage", parent)
        self.setWindowTitle(self.tr("账号"))
        self.model = RowsModel([
            (self.tr("用户名"), lambda r: r.username),
            (self.tr("姓名"), lambda r: r.display_name),
            (self.tr("角色"), lambda r: role_name(r.role)),
            (self.tr("所属单位"), lambda r: r.unit_name),
            (self.tr("状态"), self._state_text),
        ], self)
        self.view = self.table(self, "accountsTable", self.model)
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_selection(cur.row()))

        self.username = QLineEdit(objectName="accountUsername")
        self.display_name = QLineEdit(objectName="accountDisplayName")
        self.role = QComboBox(objectName="accountRole")
        for role in ROLES:
            self.role.addItem(role_name(role), role)
        self.unit = QComboBox(objectName="accountUnit")
        self.unit.setEditable(True)  # type to search among ~60 units
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.password = QLineEdit(objectName="accountPassword", echoMode=QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit(objectName="accountPassword2", echoMode=QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("至少 {n} 位").format(n=accounts.MIN_PASSWORD_LENGTH))
        self.role.currentIndexChanged.connect(self._role_changed)

        form = QFormLayout()
        form.addRow(self.tr("用户名(&U)"), self.username)
        form.addRow(self.tr("姓名(&N)"), self.display_name)
        form.addRow(self.tr("角色(&R)"), self.role)
        form.addRow(self.tr("所属单位(&D)"), self.unit)
        form.addRow(self.tr("密码(&P)"), self.password)
        form.addRow(self.tr("确认密码"), self.password2)
        self.username.setClearButtonEnabled(True)
        self.display_name.setClearButtonEnabled(True)

        self.new_button = QPushButton(self.tr("清空表单(&E)"), objectName="newAccountFormButton")
        self.create_button = QPushButton(self.tr("新建账号(&C)"), objectName="createAccountButton")
        self.save_button = QPushButton(self.tr("保存修改(&S)"), objectName="saveAccountButton")
        self.reset_button = QPushButton(self.tr("重置密码(&W)"), objectName="resetPasswordButton")
        self.active_button = QPushButton(self.tr("停用账号"), objectName="toggleActiveButton")
        self.unlock_button = QPushButton(self.tr("解锁(&L)"), objectName="unlockButton")
        self.new_button.clicked.connect(self._clear)
        self.create_button.clicked.connect(self._create)
        self.save_button.clicked.connect(self._save)
        self.reset_button.clicked.connect(self._reset)
        self.active_button.clicked.connect(self._toggle_active)
        self.unlock_button.clicked.connect(self._unlock)
        buttons = QGridLayout()
        for i, b in enumerate((self.new_button, self.create_button, self.save_button, self.reset_button,
                               self.active_button, self.unlock_button)):
            buttons.addWidget(b, i // 2, i % 2)

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.addLayout(form)
        side_layout.addLayout(buttons)
        side_layout.addWidget(self.message)
        side_layout.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)
        self._fill_units()
        self.ctx.reference.changed.connect(self._units_changed)
        self._clear()

    # ------------------------------------------------------------ data

    def refresh(self, select_id: int | None = None, info: str = "") -> None:
        def shown(rows: list[StaffInfo]):
            self.model.set_rows(rows)
            if info:
                self.show_info(info)
            if select_id is not None and (row := self.model.find(lambda r: r.id == select_id)) >= 0:
                self.view.setCurrentIndex(self.model.index(row, 0))
            self._update_buttons()
        self.run(accounts.list_staff, self.ctx.sf, self.ctx.actor, on_done=shown, busy_text=self.tr("正在读取账号…"))

    def _units_changed(self, _directory) -> None:
        self._fill_units()

    def _fill_units(self) -> None:
        """The units a handler can belong to; filled again when an administrator changes units (the choice kept)."""
        chosen = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(self.tr("(无)"), None)
        units = sorted((u for u in self.ctx.directory.units.values() if u.level >= 2 and u.active),
                       key=lambda u: (u.level, self.ctx.directory.sort_key(u), u.name))  # units' sort keys
        for u in units:
            self.unit.addItem(u.name, u.id)
        self.unit.setCurrentIndex(max(0, self.unit.findData(chosen)))
        self.unit.blockSignals(False)

    def _state_text(self, r: StaffInfo) -> str:
        if not r.active:
            return self.tr("已停用")
        if r.locked:
            return self.tr("锁定至 {time}").format(time=f"{r.locked_until:%m-%d %H:%M}")
        return self.tr("启用")

    def selected(self) -> StaffInfo | None:
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    # ------------------------------------------------------------ form

    def _role_changed(self) -> None:
        is_handler = self.role.currentData() == "handler"
        self.unit.setEnabled(is_handler)
        if not is_handler:
            self.unit.setCurrentIndex(0)

    def _clear(self) -> None:
        self.view.clearSelection()
        self.view.setCurrentIndex(self.model.index(-1, -1))
        self.username.setReadOnly(False)
        for field in (self.username, self.display_name, self.password, self.password2):
            field.clear()
        self.role.setCurrentIndex(0)
        self._role_changed()
        self._update_buttons()
        self.username.setFocus()

    def _show_selection(self, row: int) -> None:
        if row < 0:
            return
        info = self.model.row(row)
        self.username.setText(info.username)
        self.username.setReadOnly(True)  # the user name stays; everything else may change
        self.display_name.setText(info.display_name)
        self.role.setCurrentIndex(self.role.findData(info.role))
        self._role_changed()
        self.unit.setCurrentIndex(max(0, self.unit.findData(info.unit_id)))
        self.password.clear()
        self.password2.clear()
        self._update_buttons()

    def _update_buttons(self) -> None:
        info = self.selected()
        for b in (self.save_button, self.reset_button, self.active_button, self.unlock_button):
            b.setEnabled(info is not None)
        self.create_button.setEnabled(info is None)
        self.active_button.setText(self.tr("启用账号") if info is not None and not info.active else self.tr("停用账号"))

    def _unit_id(self) -> int | None:
        index = self.unit.findText(self.unit.currentText())
        return self.unit.itemData(index) if index >= 0 else None

    # ------------------------------------------------------------ actions

    def _done(self, text: str):
        def finish(info: StaffInfo):
            self.password.clear()
            self.password2.clear()
            self.refresh(select_id=info.id, info=text.format(name=info.display_name, user=info.username))
        return finish

    def _create(self) -> None:
        self.run(accounts.create_staff, self.ctx.sf, self.ctx.actor, self.username.text(), self.display_name.text(),
                 self.role.currentData(), self.password.text(), self._unit_id(), self.password2.text(),
                 on_done=self._done(self.tr("已新建账号 {user}({name})")))

    def _save(self) -> None:
        info = self.selected()
        if info is not None:
            self.run(accounts.update_staff, self.ctx.sf, self.ctx.actor, info.id, self.display_name.text(),
                     self.role.currentData(), self._unit_id(), on_done=self._done(self.tr("已保存 {user}")))

    def _reset(self) -> None:
        info = self.selected()
        if info is not None:
            self.run(accounts.reset_password, self.ctx.sf, self.ctx.actor, info.id, self.password.text(),
                     self.password2.text(), on_done=self._done(self.tr("已为 {user} 设置新密码,账号已解锁")))

    def _toggle_active(self) -> None:
        info = self.selected()
        if info is not None:
            text = self.tr("已启用 {user}") if not info.active else self.tr("已停用 {user}")
            self.run(accounts.set_active, self.ctx.sf, self.ctx.actor, info.id, not info.active, on_done=self._done(text))

    def _unlock(self) -> None:
        info = self.selected()
        if info is not None:
            self.run(accounts.unlock, self.ctx.sf, self.ctx.actor, info.id, on_done=self._done(self.tr("已解锁 {user}")))
