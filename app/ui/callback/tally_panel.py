"""The clerk's own day: callbacks done, the share reached, and the answers so far."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from app.messages import contacted_name, resolved_name, satisfaction_name
from app.services import callback_queue as cq
from app.services.actors import Actor
from app.services.callback_queue import Tally
from app.ui.workers import JobRunner


class TallyPanel(QLabel):
    load_failed = Signal(object)  # the exception: the tally stays as it was

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("callbackTally")
        self.jobs = JobRunner(self)
        self.setWordWrap(True)
        self.setStyleSheet("QLabel { background: #f3f6fa; border: 1px solid #d5dde8; padding: 6px 10px; }")
        self.setText(self.tr("今日回访:加载中…"))

    def reload(self, read_sf, actor: Actor) -> None:
        """Count the clerk's day again in a worker (a newer reload supersedes an older one)."""
        self.jobs.start(cq.tally, read_sf, actor, latest_only=True, on_done=self.show_tally,
                        on_error=self.load_failed.emit)

    def show_tally(self, t: Tally) -> None:
        share = f"{t.reached_share:.0%}" if t.reached_share is not None else "—"
        parts = [self.tr("今日已回访 {done} 次,接通 {reached}({share})", "", t.done).format(done=t.done, reached=t.reached, share=share)]
        if t.unreachable_closed:
            parts.append(self.tr("无法联系办结 {n} 件").format(n=t.unreachable_closed))
        if t.reached:
            parts.append(self.tr("联系:") + " ".join(
                f"{contacted_name(v)} {t.contacted.get(k, 0)}" for k, v in (("yes", True), ("no", False))))
            parts.append(self.tr("解决:") + " ".join(
                f"{resolved_name(v)} {t.resolved.get(v, 0)}" for v in ("yes", "partly", "no")))
            parts.append(self.tr("满意度:") + " ".join(
                f"{satisfaction_name(v)} {t.satisfaction.get(v, 0)}" for v in ("satisfied", "basic", "unsatisfied")))
        self.setText(" · ".join(parts))
