"""Recording the call: one key per answer (shown on its button), a remark, Enter to save, F2 for not reached.

The panel also stores what was recorded (`store`, in its JobRunner) and reports the outcome with
`stored(view, answers, outcome)` or `store_failed(view, exception)`; what comes next is the tab's.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from app.messages import contacted_name, resolved_name, satisfaction_name
from app.services import callback_queue as cq
from app.services.actors import Actor
from app.services.lifecycle import CallbackAnswers
from app.services.validation import MAX_LENGTH
from app.ui.callback.answers import (
    CONTACTED,
    NOT_REACHED_KEY,
    REMARK_KEY,
    RESOLVED,
    SATISFACTION,
    Choice,
    listed,
)
from app.ui.workers import JobRunner

BUTTON_STYLE = """
QPushButton { padding: 4px 10px; }
QPushButton:checked { background: #1565c0; color: white; font-weight: bold; border: 1px solid #0d47a1; }
"""


class _Question:
    def __init__(self, name: str, choices: tuple[Choice, ...], label_of, panel: RecordPanel):
        self.name = name
        self.group = QButtonGroup(panel)
        self.group.setExclusive(True)
        self.buttons: dict[object, QPushButton] = {}
        for choice in choices:
            button = QPushButton(f"[{choice.key_text}] {label_of(choice.value)}")
            button.setObjectName(f"{name}_{str(choice.value).lower()}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys choose; focus stays where the clerk types
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.group.addButton(button)
            self.buttons[choice.value] = button

    def value(self):
        return next((v for v, b in self.buttons.items() if b.isChecked()), None)

    def choose(self, value) -> None:
        self.buttons[value].setChecked(True)

    def clear(self) -> None:
        self.group.setExclusive(False)
        for b in self.buttons.values():
            b.setChecked(False)
        self.group.setExclusive(True)


class _RemarkKeys(QObject):
    """Esc in the remark line gives the keys back to the answers."""

    def __init__(self, panel: RecordPanel):
        super().__init__(panel)
        self.panel = panel

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.panel.setFocus()
            return True
        return False


class RecordPanel(QWidget):
    save_requested = Signal()
    not_reached_requested = Signal()
    stored = Signal(object, object, object)  # the CallbackView, its CallbackAnswers (None: not reached), SaveOutcome
    store_failed = Signal(object, object)  # the CallbackView, the exception

    def __init__(self, scope: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("callbackRecordPanel")
        self.jobs = JobRunner(self)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(BUTTON_STYLE)
        heading = QLabel(self.tr("记录回访结果"))
        heading.setToolTip(self.tr("按按钮上的键选择,Enter 保存并打开下一件"))
        heading.setStyleSheet("color: #555; font-weight: bold;")
        self.contacted = _Question("contacted", CONTACTED, contacted_name, self)
        self.resolved = _Question("resolved", RESOLVED, resolved_name, self)
        self.satisfaction = _Question("satisfaction", SATISFACTION, satisfaction_name, self)
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.addWidget(heading, 0, 0)
        questions = ((self.tr("1. 承办单位是否联系"), self.contacted), (self.tr("2. 问题是否解决"), self.resolved),
                     (self.tr("3. 是否满意"), self.satisfaction))
        for row, (title, question) in enumerate(questions, start=1):
            grid.addWidget(QLabel(title), row, 0)
            for col, button in enumerate(question.buttons.values()):
                grid.addWidget(button, row, 1 + col)
        self.remark = QLineEdit()
        self.remark.setObjectName("remarkEdit")
        self.remark.setMaxLength(MAX_LENGTH["remark"])
        self.remark.setPlaceholderText(self.tr("[R] 备注:市民原话(Esc 返回答题,Enter 保存)"))
        self.remark.installEventFilter(_RemarkKeys(self))
        grid.addWidget(QLabel(self.tr("备注")), 4, 0)
        grid.addWidget(self.remark, 4, 1, 1, 2)

        self.save_button = QPushButton(self.tr("保存并下一件 [Enter]"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setStyleSheet("QPushButton { font-weight: bold; padding: 6px 16px; }")
        self.not_reached_button = QPushButton(self.tr("未接通 [F2]"))
        self.not_reached_button.setObjectName("notReachedButton")
        for b in (self.save_button, self.not_reached_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.save_button.clicked.connect(self.save_requested)
        self.not_reached_button.clicked.connect(self.not_reached_requested)
        self.problem = QLabel()
        self.problem.setObjectName("recordProblem")
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.setWordWrap(True)
        # compact for a 1366x768 screen: the problem beside the heading, "not reached" in the free cell of
        # the first question (nobody answered: no question asked), save at the end of the remark
        grid.addWidget(self.problem, 0, 1, 1, 3)
        grid.addWidget(self.not_reached_button, 1, 3)
        grid.addWidget(self.save_button, 4, 3)
        self.setLayout(grid)
        self._install_keys(scope)

    def _install_keys(self, scope: QWidget) -> None:
        def key(seq, slot):
            shortcut = QShortcut(QKeySequence(seq), scope)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        for question, choices in ((self.contacted, CONTACTED), (self.resolved, RESOLVED),
                                  (self.satisfaction, SATISFACTION)):
            for choice in choices:
                key(choice.key, lambda q=question, v=choice.value: self._choose(q, v))
        key(Qt.Key.Key_Return, self._save_key)
        key(Qt.Key.Key_Enter, self._save_key)
        key(NOT_REACHED_KEY, self._not_reached_key)
        key(REMARK_KEY, self.remark.setFocus)

    def _choose(self, question: _Question, value) -> None:
        if self.isEnabled():
            question.choose(value)
            self.problem.clear()

    def _save_key(self) -> None:
        if self.isEnabled():
            self.save_requested.emit()

    def _not_reached_key(self) -> None:
        if self.isEnabled():
            self.not_reached_requested.emit()

    def answers(self) -> CallbackAnswers | None:
        """The three answers and the remark; None while one is missing (the problem line says which)."""
        missing = [title for title, q in ((self.tr("是否联系"), self.contacted), (self.tr("是否解决"), self.resolved),
                                          (self.tr("是否满意"), self.satisfaction)) if q.value() is None]
        if missing:
            self.problem.setText(self.tr("请先选择:{missing}(按按钮上的键)").format(missing=listed(missing)))
            return None
        return CallbackAnswers(self.contacted.value(), self.resolved.value(), self.satisfaction.value(),
                               self.remark.text().strip())

    def reset(self) -> None:
        for q in (self.contacted, self.resolved, self.satisfaction):
            q.clear()
        self.remark.clear()
        self.problem.clear()

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)

    def store(self, sf, actor: Actor, view: cq.CallbackView, answers: CallbackAnswers | None,
              reopen_note: str | None) -> None:
        """Save the call of `view` in a worker: the answers (None: the citizen was not reached), reopening
        the case with `reopen_note` when one is given. The panel is disabled until the tab moves on."""
        self.setEnabled(False)
        # answers are checked against the version the clerk saw; a "not reached" is not: two clerks ringing
        # the same number at once both rang it, and both attempts count (lifecycle refuses it if the case
        # was closed meanwhile)
        version = view.version if answers is not None else None
        self.jobs.start(cq.save, sf, actor, view.case_id, version, answers, reopen_note,
                        on_done=lambda out: self.stored.emit(view, answers, out),
                        on_error=lambda exc: self.store_failed.emit(view, exc))
