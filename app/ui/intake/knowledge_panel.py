"""The knowledge panel beside the intake form: the published articles matching the description and the
category as the receptionist types, best first; F8 puts the chosen article's answer into 答复内容.

Matching runs in a worker (app/services/knowledge.py: an in-memory index per database, rebuilt when the
articles change), at once on a change when no search is under way, else once more when it is done (so
searches never pile up behind fast typing); only the latest query's result is shown, and `clear()` (the
next call) drops whatever is still under way, so a call never shows the articles of the one before.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.messages import error_text
from app.services import knowledge
from app.services.knowledge import Match
from app.ui.workers import JobRunner

SLOW_MS = 300  # a search still running after this (the first, which builds the index) says so
USE_KEY = "F8"
FOCUS_KEY = "Ctrl+K"


class KnowledgePanel(QWidget):
    use_requested = Signal(object)  # the Match whose answer the receptionist takes

    def __init__(self, sf, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("knowledgePanel")
        self.sf = sf
        self.jobs = JobRunner(self)
        self.matches: list[Match] = []
        self.query: tuple[str, int | None] | None = None  # what the list is (or will be) for
        self.used: Match | None = None
        self.title = QLabel(self.tr("知识库"), self)
        self.title.setStyleSheet("font-weight: bold")
        self.hint = QLabel(self.tr("{use} 采用所选条目的答复,{focus} 选择条目").format(use=USE_KEY, focus=FOCUS_KEY), self,
                           objectName="knowledgeHint")
        self.hint.setStyleSheet("color: #666")
        self.hint.setWordWrap(True)
        self.empty_text = self.tr("输入诉求内容或选择分类后,显示可直接答复的知识条目")
        self.status = QLabel(self.empty_text, self, objectName="knowledgeStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #666")
        self.list = QTreeWidget(self, objectName="knowledgeList")
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setHeaderLabels([self.tr("标题"), self.tr("有效至")])
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        # three articles and the header at least: the intake tab must fit a 1366×768 screen (tests/test_layout.py);
        # the list takes the column's spare height beyond that
        self.list.setMinimumHeight(self.list.fontMetrics().height() * 5)
        self.list.setToolTip(self.tr("上下键选择,回车或 {use} 采用答复").format(use=USE_KEY))
        self.list.currentItemChanged.connect(lambda *_: self._show_selected())
        self.list.itemActivated.connect(lambda *_: self.use_selected())
        self.preview = QPlainTextEdit(self, objectName="knowledgePreview")
        self.preview.setReadOnly(True)
        self.preview.setTabChangesFocus(True)
        self.preview.setMaximumHeight(90)
        self.preview.setMinimumHeight(self.preview.fontMetrics().height() * 2 + 12)  # two lines of the answer
        self.source = QLabel(self, objectName="knowledgeSource")
        self.source.setWordWrap(True)
        self.source.setStyleSheet("color: #666")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.preview)
        layout.addWidget(self.source)
        self._again = False  # the query changed while a search was under way: search again when it is done
        self.slow = QTimer(self, singleShot=True, interval=SLOW_MS, timeout=self._say_searching)

    def is_busy(self) -> bool:
        return self.jobs.is_busy()

    def set_query(self, text: str, category_id: int | None) -> None:
        """The form changed: search again shortly (typing never waits for a search)."""
        query = (text.strip(), category_id)
        if query == self.query:
            return
        self.query = query
        if not query[0] and query[1] is None:
            self._again = False
            self._show([])
            return
        if self.jobs.is_busy():
            self._again = True
        else:
            self._search()

    def _search(self) -> None:
        query, self._again = self.query, False
        if query is None:
            return
        self.slow.start()
        self.jobs.start(knowledge.CACHE.search, self.sf, query[0], query[1], latest_only=True,
                        on_done=lambda found: self._arrived(query, found), on_error=self._failed)

    def _say_searching(self) -> None:
        if self.jobs.is_busy():
            self.status.setText(self.tr("正在载入知识库…"))

    def _arrived(self, query: tuple, found: list[Match]) -> None:
        self.slow.stop()
        if query == self.query:
            self._show(found)
        elif self._again:  # the form changed while it was searched: the latest text now
            self._search()
        # else: the next call began meanwhile (clear): nothing of this one is shown

    def _failed(self, exc: Exception) -> None:
        self.slow.stop()
        if self._again:
            self._search()
            return
        self.status.setText(self.tr("知识库查询失败:{error}").format(error=error_text(exc)))

    def _show(self, found: list[Match]) -> None:
        current = self.selected()
        self.matches = found
        self.list.clear()
        for m in found:
            item = QTreeWidgetItem([m.title, f"{m.valid_to:%Y-%m-%d}" if m.valid_to else self.tr("长期")])
            item.setToolTip(0, m.title)
            self.list.addTopLevelItem(item)
        if found:
            keep = next((i for i, m in enumerate(found) if current and m.article_id == current.article_id), 0)
            self.list.setCurrentItem(self.list.topLevelItem(keep))
            self.status.setText(self.tr("{n} 条相关知识,最相关的在前").format(n=len(found)))
        else:
            self.status.setText(self.empty_text if self.query is None or self.query == ("", None)
                                else self.tr("没有相关的知识条目"))
        self._show_selected()

    def _show_selected(self) -> None:
        m = self.selected()
        self.preview.setPlainText(m.answer if m else "")
        self.source.setText(self.tr("依据:{source}(第 {version} 版)").format(source=m.source, version=m.version)
                            if m else "")

    def selected(self) -> Match | None:
        item = self.list.currentItem()
        if item is None:
            return None
        row = self.list.indexOfTopLevelItem(item)
        return self.matches[row] if 0 <= row < len(self.matches) else None

    def use_selected(self) -> None:
        m = self.selected()
        if m is None:
            self.status.setText(self.tr("没有可采用的知识条目:先输入诉求内容或选择分类"))
            return
        self.used = m
        self.use_requested.emit(m)
        self.status.setText(self.tr("已采用“{title}”(第 {version} 版)的答复,Ctrl+Shift+Enter 直接答复").format(
            title=m.title, version=m.version))

    def focus_list(self) -> None:
        self.list.setFocus()
        if self.list.currentItem() is None and self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))

    def clear(self) -> None:
        """The next call: nothing of this one stays, and a search still under way is dropped."""
        self._again = False
        self.slow.stop()
        self.query = None
        self.used = None
        self._show([])
        self.status.setText(self.empty_text)

    def forget_use(self) -> None:
        self.used = None
