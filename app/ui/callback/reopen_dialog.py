"""Asks, after an unsolved or unsatisfied answer, whether to send the case back to its unit with the citizen's words."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.services.validation import MAX_LENGTH

SAVE_ONLY = 2  # done() code of "save without reopening"; Accepted (1) reopens, Rejected (0) goes back to the case


class ReopenDialog(QDialog):
    def __init__(self, case_no: str, unit_name: str, summary: str, words: str, reopen_default: bool,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reopenDialog")
        self.setWindowTitle(self.tr("退回重办?"))
        question = QLabel(self.tr("工单 {no} 回访结果:{summary}。\n是否退回 {unit} 重新办理?").format(
            no=case_no, summary=summary, unit=unit_name))
        question.setWordWrap(True)
        self.words = QLineEdit(words)
        self.words.setObjectName("reopenWords")
        self.words.setMaxLength(MAX_LENGTH["note"])
        self.words.setPlaceholderText(self.tr("市民原话,随工单退回承办单位"))
        self.problem = QLabel()
        self.problem.setObjectName("reopenProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828;")
        buttons = QDialogButtonBox()
        self.reopen_button = QPushButton(self.tr("退回重办(&Y)"))
        self.reopen_button.setObjectName("reopenYes")
        self.save_only_button = QPushButton(self.tr("只保存,不重办(&N)"))
        self.save_only_button.setObjectName("reopenNo")
        cancel = QPushButton(self.tr("返回修改 [Esc]"))
        cancel.setObjectName("reopenCancel")
        buttons.addButton(self.reopen_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.save_only_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self._default = self.reopen_button if reopen_default else self.save_only_button
        for b in (self.reopen_button, self.save_only_button, cancel):
            b.setAutoDefault(False)
        self.reopen_button.clicked.connect(self._reopen)
        self.save_only_button.clicked.connect(lambda: self.done(SAVE_ONLY))
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(QLabel(self.tr("市民原话(随工单退回):")))
        layout.addWidget(self.words)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.words.setFocus()
        self.resize(520, self.sizeHint().height())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # set after the button box has made its first accept button the default
        self.reopen_button.setDefault(self._default is self.reopen_button)
        self.save_only_button.setDefault(self._default is self.save_only_button)
        QTimer.singleShot(0, self._caret_at_end)

    def _caret_at_end(self) -> None:
        # after the focus-in that selects everything: the clerk adds to the words, not types over them
        self.words.deselect()
        self.words.end(False)

    def _reopen(self) -> None:
        if not self.words.text().strip():
            self.problem.setText(self.tr("请填写市民原话,承办单位据此重新办理"))
            self.words.setFocus()
            return
        self.accept()

    def show_problem(self, text: str) -> None:
        """What happened meanwhile to the case the question names (the question stays on that case)."""
        self.problem.setText(text)

    def note(self) -> str:
        return self.words.text().strip()
