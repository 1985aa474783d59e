"""What every administration page shares: the context, a job runner for the database work, a message line."""
from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QWidget

from app.messages import error_text
from app.ui.context import AppContext
from app.ui.workers import JobRunner


class AdminPage(QWidget):
    """A page of the administration tab. Database work goes through `self.jobs`; results and errors
    are reported on `self.message`, one sentence in the user's language."""

    def __init__(self, ctx: AppContext, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(name)
        self.jobs = JobRunner(self)
        self.message = QLabel(self)
        self.message.setObjectName(f"{name}Message")
        self.message.setWordWrap(True)

    def run(self, fn, *args, on_done=None, busy_text: str | None = None, **kwargs) -> None:
        self.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(busy_text or self.tr("正在处理…"))

        def done(result):
            self.setEnabled(True)
            self.message.setText("")
            if on_done is not None:
                on_done(result)

        self.jobs.start(fn, *args, on_done=done, on_error=self.show_error, **kwargs)

    def show_error(self, exc: Exception) -> None:
        self.setEnabled(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setText(error_text(exc))

    def show_info(self, text: str) -> None:
        self.message.setStyleSheet("color: #1b6e20;")
        self.message.setText(text)

    @staticmethod
    def table(parent: QWidget, name: str, model) -> QTableView:
        view = QTableView(parent)
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # a few hundred rows at most
        view.horizontalHeader().setStretchLastSection(True)
        return view
