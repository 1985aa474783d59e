"""Units page: rename a unit, set its population, its sort key (pinyin) and aliases, switch it off, add a unit
under the selected one."""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.messages import unit_kind_name
from app.models import UNIT_KIND_LEVEL
from app.services import admin
from app.services.admin import UnitRow
from app.services.directory import join_aliases
from app.ui.admin.page import AdminPage
from app.ui.context import AppContext
from app.ui.rows_model import RowsModel


class _UnitFilter(QSortFilterProxyModel):
    """Keeps the units whose name, aliases or sort key (pinyin) hold the filter text."""

    COLUMNS = (1, 7, 8)

    def filterAcceptsRow(self, row, parent):  # noqa: N802 (Qt override)
        text = self.filterRegularExpression().pattern()
        if not text:
            return True
        model = self.sourceModel()
        return any(text.lower() in str(model.index(row, c, parent).data() or "").lower() for c in self.COLUMNS)


class UnitsPage(AdminPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, "unitsPage", parent)
        self.setWindowTitle(self.tr("单位"))
        self.model = RowsModel([
            (self.tr("编码"), lambda r: r.code),
            (self.tr("名称"), lambda r: r.name),
            (self.tr("类型"), lambda r: unit_kind_name(r.kind)),
            (self.tr("层级"), lambda r: r.level),
            (self.tr("上级单位"), lambda r: r.parent_name),
            (self.tr("常住人口"), lambda r: r.population),
            (self.tr("状态"), lambda r: self.tr("启用") if r.active else self.tr("停用")),
            (self.tr("别名"), lambda r: join_aliases(r.aliases) or ""),
            (self.tr("排序拼音"), lambda r: r.sort_key),
        ], self)
        self.proxy = _UnitFilter(self)  # a few hundred units at most: filtering in memory is instant
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(objectName="unitFilter", placeholderText=self.tr("按名称、别名或拼音筛选"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda text: self.proxy.setFilterRegularExpression(text.strip()))
        self.view = self.table(self, "unitsTable", self.proxy)
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_selection())

        self.name = QLineEdit(objectName="unitName")
        self.population = QLineEdit(objectName="unitPopulation", placeholderText=self.tr("空白表示未知"))
        self.population.setValidator(QIntValidator(0, admin.MAX_POPULATION, self))
        self.sort_key = QLineEdit(objectName="unitSortKey", placeholderText=self.tr("空白表示按名称的拼音"))
        self.sort_key.setToolTip(self.tr("决定单位在列表和排名并列时的先后,小写拼音,以空格分隔,如 chang xin dian jie dao"))
        self.aliases = QLineEdit(objectName="unitAliases", placeholderText=self.tr("用“、”分隔,如 住建委、区住建委"))
        self.aliases.setToolTip(self.tr("群众和工作人员对单位的其他叫法;选择单位时可按别名及其拼音查找"))
        self.active = QCheckBox(self.tr("启用"), objectName="unitActive")
        self.save_button = QPushButton(self.tr("保存修改(&S)"), objectName="saveUnitButton")
        self.save_button.clicked.connect(self._save)
        edit = QGroupBox(self.tr("所选单位"))
        form = QFormLayout(edit)
        form.addRow(self.tr("名称(&N)"), self.name)
        form.addRow(self.tr("常住人口(&P)"), self.population)
        form.addRow(self.tr("排序拼音(&K)"), self.sort_key)
        form.addRow(self.tr("别名(&A)"), self.aliases)
        form.addRow("", self.active)
        form.addRow("", self.save_button)

        self.new_code = QLineEdit(objectName="newUnitCode")
        self.new_name = QLineEdit(objectName="newUnitName")
        self.new_kind = QComboBox(objectName="newUnitKind")
        for kind, level in UNIT_KIND_LEVEL.items():
            if level > 1:
                self.new_kind.addItem(unit_kind_name(kind), kind)
        self.create_button = QPushButton(self.tr("在所选单位下新增"), objectName="createUnitButton")
        self.create_button.clicked.connect(self._create)
        new = QGroupBox(self.tr("新增下级单位"))
        new_form = QFormLayout(new)
        new_form.addRow(self.tr("编码"), self.new_code)
        new_form.addRow(self.tr("名称"), self.new_name)
        new_form.addRow(self.tr("类型"), self.new_kind)
        new_form.addRow("", self.create_button)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.view)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(edit)
        side_layout.addWidget(new)
        side_layout.addWidget(self.message)
        side_layout.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        QHBoxLayout(self).addWidget(splitter)
        self._show_selection()

    def refresh(self, select_id: int | None = None, info: str = "") -> None:
        def shown(rows: list[UnitRow]):
            self.model.set_rows(rows)
            if info:
                self.show_info(info)
            if select_id is not None and (row := self.model.find(lambda r: r.id == select_id)) >= 0:
                self.view.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
            self._show_selection()
        self.run(admin.list_units, self.ctx.sf, on_done=shown, busy_text=self.tr("正在读取单位…"))

    def selected(self) -> UnitRow | None:
        index = self.proxy.mapToSource(self.view.currentIndex())
        return self.model.row(index.row()) if index.isValid() else None

    def _show_selection(self) -> None:
        unit = self.selected()
        for w in (self.name, self.population, self.sort_key, self.aliases, self.active, self.save_button,
                  self.create_button):
            w.setEnabled(unit is not None)
        if unit is None:
            return
        self.name.setText(unit.name)
        self.population.setText("" if unit.population is None else str(unit.population))
        self.sort_key.setText(unit.sort_key)
        self.aliases.setText(join_aliases(unit.aliases) or "")
        self.active.setChecked(unit.active)

    def _changed(self, row: UnitRow) -> None:
        self.refresh(select_id=row.id, info=self.tr("已保存 {name}").format(name=row.name))
        self.ctx.reference.reload()  # every tab's pickers and lists follow (app/ui/reference_store.py)

    def _save(self) -> None:
        unit = self.selected()
        if unit is not None:
            text = self.population.text().strip()
            key = self.sort_key.text().strip()
            # an untouched key is kept (and follows a rename when it was the name's pinyin)
            self.run(admin.update_unit, self.ctx.sf, self.ctx.actor, unit.id, self.name.text(),
                     int(text) if text else None, self.active.isChecked(),
                     None if key == unit.sort_key else key, self.aliases.text(), on_done=self._changed)

    def _create(self) -> None:
        parent = self.selected()
        if parent is not None:
            self.run(admin.create_unit, self.ctx.sf, self.ctx.actor, self.new_code.text(), self.new_name.text(),
                     self.new_kind.currentData(), parent.id, on_done=self._changed)
