"""A framed dashboard panel: an optional title, tools on the right, an export menu, and its content below."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QToolButton, QVBoxLayout, QWidget

from app.ui.dashboard import chart_style as style


class Panel(QFrame):
    def __init__(self, name: str, body: QWidget, title: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setStyleSheet(f"#{name} {{ background: white; border: 1px solid #E4E7ED; border-radius: 6px; }}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(4)
        self.header = QHBoxLayout()
        self.title = QLabel(title, self)
        self.title.setFont(style.chart_font(11, bold=True))
        self.title.setVisible(bool(title))
        self.header.addWidget(self.title)
        self.header.addStretch(1)
        self.export_button = QToolButton(self)
        self.export_button.setObjectName(f"{name}Export")
        self.export_button.setText(self.tr("导出"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_menu = QMenu(self.export_button)
        self.export_button.setMenu(self.export_menu)
        self.header.addWidget(self.export_button)
        layout.addLayout(self.header)
        layout.addWidget(body, 1)
        self.body = body

    def add_tool(self, widget: QWidget) -> None:
        self.header.insertWidget(self.header.count() - 1, widget)

    def add_export(self, text: str, action_name: str, slot: Callable[[], None]) -> QAction:
        action = self.export_menu.addAction(text)
        action.setObjectName(action_name)
        action.triggered.connect(slot)
        return action
