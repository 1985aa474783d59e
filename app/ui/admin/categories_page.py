"""Categories page: name, default handling unit, deadline tier, active; and the key topics of each year."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.messages import scope_name, tier_name
from app.services import admin, clock
from app.services.admin import KEY_TOPIC_SCOPES, CategoryRow, KeyTopicRow
from app.services.validation import DEADLINE_TIERS
from app.ui.admin.page import AdminPage
from app.ui.context import AppContext
from app.ui.rows_model import RowsModel


class CategoriesPage(AdminPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, "categoriesPage", parent)
        self.setWindowTitle(self.tr("分类与重点题目"))
        self.model = RowsModel([
            (self.tr("编码"), lambda r: r.code),
            (self.tr("名称"), lambda r: r.name),
            (self.tr("上级分类"), lambda r: r.parent_name),
            (self.tr("默认承办单位"), lambda r: self._handler_text(r.default_handler)),
            (self.tr("时限档次"), lambda r: tier_name(r.deadline_tier) if r.deadline_tier else self.tr("(沿用上级)")),
            (self.tr("状态"), lambda r: self.tr("启用") if r.active else self.tr("停用")),
        ], self)
        self.view = self.table(self, "categoriesTable", self.model)
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_selection())

        self.name = QLineEdit(objectName="categoryName")
        self.handler = QComboBox(objectName="categoryHandler")
        self.handler.setEditable(True)
        self.handler.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.tier = QComboBox(objectName="categoryTier")
        self.tier.addItem(self.tr("(沿用上级)"), None)
        for tier in DEADLINE_TIERS:
            self.tier.addItem(tier_name(tier), tier)
        self.active = QCheckBox(self.tr("启用"), objectName="categoryActive")
        self.save_button = QPushButton(self.tr("保存修改(&S)"), objectName="saveCategoryButton")
        self.save_button.clicked.connect(self._save)
        edit = QGroupBox(self.tr("所选分类"))
        form = QFormLayout(edit)
        form.addRow(self.tr("名称(&N)"), self.name)
        form.addRow(self.tr("默认承办单位(&H)"), self.handler)
        form.addRow(self.tr("时限档次(&T)"), self.tier)
        form.addRow("", self.active)
        form.addRow("", self.save_button)

        self.year = QSpinBox(objectName="keyTopicYear", minimum=2000, maximum=2100, value=clock.today().year)
        self.year.valueChanged.connect(self._load_topics)
        self.topics = RowsModel([(self.tr("重点题目"), lambda r: r.category_name),
                                 (self.tr("范围"), lambda r: scope_name(r.scope))], self)
        self.topics_view = self.table(self, "keyTopicsTable", self.topics)
        self.scope = QComboBox(objectName="keyTopicScope")
        for scope in KEY_TOPIC_SCOPES:
            self.scope.addItem(scope_name(scope), scope)
        self.add_topic_button = QPushButton(self.tr("将所选分类设为重点题目"), objectName="addKeyTopicButton")
        self.remove_topic_button = QPushButton(self.tr("移除所选重点题目"), objectName="removeKeyTopicButton")
        self.add_topic_button.clicked.connect(self._add_topic)
        self.remove_topic_button.clicked.connect(self._remove_topic)
        topics = QGroupBox(self.tr("年度重点题目(每月一题)"))
        topics_layout = QFormLayout(topics)
        topics_layout.addRow(self.tr("年度(&Y)"), self.year)
        topics_layout.addRow(self.topics_view)
        topics_layout.addRow(self.tr("范围"), self.scope)
        topics_layout.addRow(self.add_topic_button)
        topics_layout.addRow(self.remove_topic_button)

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(edit)
        side_layout.addWidget(topics)
        side_layout.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        QHBoxLayout(self).addWidget(splitter)
        self._fill_handlers()
        self._show_selection()

    def _handler_text(self, code: str | None) -> str:
        if code is None:
            return self.tr("(沿用上级)")
        if code == "street":
            return self.tr("所在街道/乡镇")
        unit = self.ctx.directory.unit_by_code(code)
        return unit.name if unit else code

    def _fill_handlers(self) -> None:
        self.handler.clear()
        self.handler.addItem(self.tr("(沿用上级)"), None)
        self.handler.addItem(self.tr("所在街道/乡镇"), "street")
        for u in self.ctx.directory.in_order(self.ctx.directory.bureaus()):  # by the units' sort keys
            if u.active:
                self.handler.addItem(u.name, u.code)

    def refresh(self, select_id: int | None = None, info: str = "") -> None:
        def shown(rows: list[CategoryRow]):
            self.model.set_rows(rows)
            if info:
                self.show_info(info)
            if select_id is not None and (row := self.model.find(lambda r: r.id == select_id)) >= 0:
                self.view.setCurrentIndex(self.model.index(row, 0))
            self._show_selection()
            self._load_topics()
        self.run(admin.list_categories, self.ctx.sf, on_done=shown, busy_text=self.tr("正在读取分类…"))

    def _load_topics(self) -> None:
        self.jobs.start(admin.list_key_topics, self.ctx.sf, self.year.value(), on_done=self.topics.set_rows,
                        on_error=self.show_error, latest_only=True)

    def selected(self) -> CategoryRow | None:
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _show_selection(self) -> None:
        cat = self.selected()
        for w in (self.name, self.handler, self.tier, self.active, self.save_button, self.add_topic_button):
            w.setEnabled(cat is not None)
        if cat is None:
            return
        self.name.setText(cat.name)
        index = self.handler.findData(cat.default_handler)
        self.handler.setCurrentIndex(index if index >= 0 else 0)
        self.tier.setCurrentIndex(max(0, self.tier.findData(cat.deadline_tier)))
        self.active.setChecked(cat.active)

    def _handler_code(self) -> str | None:
        index = self.handler.findText(self.handler.currentText())
        return self.handler.itemData(index) if index >= 0 else self.handler.currentText().strip() or None

    def _save(self) -> None:
        cat = self.selected()
        if cat is not None:
            self.run(admin.update_category, self.ctx.sf, self.ctx.actor, cat.id, self.name.text(), self._handler_code(),
                     self.tier.currentData(), self.active.isChecked(),
                     on_done=lambda row: self._changed(row.id, self.tr("已保存 {name}").format(name=row.name)))

    def _changed(self, category_id: int, info: str) -> None:
        self.refresh(select_id=category_id, info=info)
        self.ctx.reference.reload()  # every tab's category lists follow (app/ui/reference_store.py)

    def _add_topic(self) -> None:
        cat = self.selected()
        if cat is not None:
            self.run(admin.set_key_topic, self.ctx.sf, self.ctx.actor, self.year.value(), cat.id,
                     self.scope.currentData(), on_done=lambda row: self._changed(
                         cat.id, self.tr("{name} 已设为 {year} 年重点题目").format(name=row.category_name, year=row.year)))

    def _remove_topic(self) -> None:
        index = self.topics_view.currentIndex()
        if index.isValid():
            topic: KeyTopicRow = self.topics.row(index.row())
            self.run(admin.remove_key_topic, self.ctx.sf, self.ctx.actor, topic.year, topic.category_id,
                     on_done=lambda _none: self._changed(topic.category_id, self.tr("已移除 {name}").format(
                         name=topic.category_name)))
