"""What the 主动治理 dialogs share: a red message line, the buttons, and the save that runs in a worker."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from app.messages import error_text
from app.ui.workers import JobRunner


class WorkDialog(QDialog):
    """`saved(result)` once the work given to `submit` is done; a refusal stays on the message line, with
    everything typed kept and the buttons enabled again."""

    saved = Signal(object)

    def __init__(self, name: str, ok_button: QDialogButtonBox.StandardButton, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.runner = JobRunner(self)
        self.message = QLabel(self)
        self.message.setObjectName(name.removesuffix("Dialog") + "Message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(ok_button | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def save(self) -> None:
        raise NotImplementedError

    def submit(self, work: Callable, *args) -> None:
        self.buttons.setEnabled(False)
        self.message.setText("")
        self.runner.start(work, *args, on_done=self._done, on_error=self._failed)

    def _done(self, result) -> None:
        self.saved.emit(result)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(error_text(error))
