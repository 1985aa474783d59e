"""Seasons (供暖, 汛期 …): the yearly spans of some categories that the seasonal watch list looks back on."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.services import watch
from app.services.watch import SeasonForm, SeasonRow
from app.ui.admin.page import AdminPage
from app.ui.context import AppContext
from app.ui.rows_model import RowsModel


class SeasonsPage(AdminPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, "seasonsPage", parent)
        self.setWindowTitle(self.tr("季节"))
        self.names = {c.id: c.name for c in ctx.directory.categories.values()}
        self.model = RowsModel([
            (self.tr("名称"), lambda r: r.name), (self.tr("开始"), lambda r: r.first_day),
            (self.tr("结束"), lambda r: r.last_day),
            (self.tr("类别"), lambda r: "、".join(self.names.get(i, str(i)) for i in r.category_ids)),
            (self.tr("状态"), lambda r: self.tr("启用") if r.active else self.tr("停用")),
        ], self)
        self.view = self.table(self, "seasonsTable", self.model)
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_selection())
        self.name = QLineEdit(objectName="seasonName")
        self.name.setMaxLength(watch.MAX_SEASON_NAME)
        self.first_day = QLineEdit(objectName="seasonFirstDay", placeholderText="11-15")
        self.last_day = QLineEdit(objectName="seasonLastDay", placeholderText="03-15")
        self.categories = QListWidget(objectName="seasonCategories")
        self._fill_categories(ctx.directory)
        ctx.reference.changed.connect(self._fill_categories)  # a category renamed or added meanwhile
        self.active = QCheckBox(self.tr("启用"), objectName="seasonActive")
        self.active.setChecked(True)
        self.new_button = QPushButton(self.tr("新建季节(&N)"), objectName="newSeasonButton")
        self.save_button = QPushButton(self.tr("保存(&S)"), objectName="saveSeasonButton")
        self.new_button.clicked.connect(self._new)
        self.save_button.clicked.connect(self._save)
        edit = QGroupBox(self.tr("所选季节"))
        form = QFormLayout(edit)
        form.addRow(self.tr("名称(&M)"), self.name)
        form.addRow(self.tr("开始(月-日)(&F)"), self.first_day)
        form.addRow(self.tr("结束(月-日)(&L)"), self.last_day)
        form.addRow(self.tr("类别(&K)"), self.categories)
        form.addRow("", self.active)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(edit)
        side_layout.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.editing: int | None = None

    def _fill_categories(self, directory) -> None:
        checked = {self.categories.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.categories.count())
                   if self.categories.item(i).checkState() == Qt.CheckState.Checked}
        self.categories.clear()
        for c in directory.leaf_categories():
            item = QListWidgetItem(c.name, self.categories)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if c.id in checked else Qt.CheckState.Unchecked)
        self.names = {c.id: c.name for c in directory.categories.values()}
        self.model.layoutChanged.emit()

    def refresh(self) -> None:
        self.run(watch.every_season, self.ctx.read_sf, on_done=self._loaded)

    def _loaded(self, rows: list[SeasonRow]) -> None:
        editing = self.editing
        self.model.set_rows(rows)
        i = self.model.find(lambda r: r.id == editing)
        if i >= 0:
            self.view.selectRow(i)

    def _show_selection(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return
        row: SeasonRow = self.model.row(rows[0].row())
        self.editing = row.id
        self.name.setText(row.name)
        self.first_day.setText(row.first_day)
        self.last_day.setText(row.last_day)
        self.active.setChecked(row.active)
        for i in range(self.categories.count()):
            item = self.categories.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in row.category_ids
                               else Qt.CheckState.Unchecked)

    def _new(self) -> None:
        self.view.clearSelection()
        self.editing = None
        for widget in (self.name, self.first_day, self.last_day):
            widget.clear()
        self.active.setChecked(True)
        for i in range(self.categories.count()):
            self.categories.item(i).setCheckState(Qt.CheckState.Unchecked)
        self.name.setFocus()

    def form(self) -> SeasonForm:
        chosen = tuple(self.categories.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.categories.count())
                       if self.categories.item(i).checkState() == Qt.CheckState.Checked)
        return SeasonForm(self.name.text(), self.first_day.text(), self.last_day.text(), chosen, self.active.isChecked())

    def _save(self) -> None:
        def saved(season_id: int) -> None:
            self.editing = season_id
            self.show_info(self.tr("已保存季节 {name}").format(name=self.name.text().strip()))
            self.jobs.start(watch.every_season, self.ctx.read_sf, on_done=self._loaded, on_error=self.show_error)

        self.run(watch.save_season, self.ctx.sf, self.ctx.actor, self.form(), self.editing, on_done=saved)
