"""Side panels of the intake tab: the caller's earlier cases (with the repeat-call link) and possible duplicates."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from app.messages import status_name
from app.services.case_queries import HistoryRow

OPEN_BRUSH = QBrush(QColor("#1d6b2f"))


class CaseListPanel(QWidget):
    """A titled list of cases (number, date, state, unit, category, summary); double-click or Enter opens one."""

    open_requested = Signal(int)

    def __init__(self, title: str, empty_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[HistoryRow] = []
        self.title = QLabel(title, self)
        self.title.setStyleSheet("font-weight: bold")
        self.status = QLabel(empty_text, self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #666")
        self.empty_text = empty_text
        self.list = QTreeWidget(self)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setHeaderLabels([self.tr("工单号"), self.tr("受理日期"), self.tr("状态"), self.tr("承办单位"),
                                   self.tr("分类"), self.tr("内容")])
        fm = self.list.fontMetrics()
        for col, sample in enumerate(("2022083100003", "2022-08-31", "已答复", "丰台区水务局", "噪音扰民")):
            width = max(fm.horizontalAdvance(sample), fm.horizontalAdvance(self.list.headerItem().text(col))) + 16
            self.list.setColumnWidth(col, width)
        self.list.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(self.list)

    def show_rows(self, rows: list[HistoryRow], status: str) -> None:
        self.rows = rows
        self.list.clear()
        for r in rows:
            item = QTreeWidgetItem([r.case_no, f"{r.received_at:%Y-%m-%d}", status_name(r.status), r.unit_name or "",
                                    r.category_name or "", r.summary])
            item.setData(0, Qt.ItemDataRole.UserRole, r.id)
            item.setToolTip(5, r.summary)
            if r.is_open:
                for col in range(6):
                    item.setForeground(col, OPEN_BRUSH)
            self.list.addTopLevelItem(item)
        self.status.setText(status)

    def clear_rows(self) -> None:
        self.rows = []
        self.list.clear()
        self.status.setText(self.empty_text)

    def selected(self) -> HistoryRow | None:
        item = self.list.currentItem()
        if item is None:
            return None
        case_id = item.data(0, Qt.ItemDataRole.UserRole)
        return next((r for r in self.rows if r.id == case_id), None)

    def select_first_open(self) -> None:
        for i, r in enumerate(self.rows):
            if r.is_open:
                self.list.setCurrentItem(self.list.topLevelItem(i))
                return

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.open_requested.emit(item.data(0, Qt.ItemDataRole.UserRole))
