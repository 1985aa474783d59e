"""The clerk's own day: callbacks done, the share reached, and the answers so far."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app.messages import contacted_name, resolved_name, satisfaction_name
from app.services.callback_queue import Tally


class TallyPanel(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("callbackTally")
        self.setWordWrap(True)
        self.setStyleSheet("QLabel { background: #f3f6fa; border: 1px solid #d5dde8; padding: 6px 10px; }")
        self.setText(self.tr("今日回访:加载中…"))

    def show_tally(self, t: Tally) -> None:
        share = f"{t.reached_share:.0%}" if t.reached_share is not None else "—"
        parts = [self.tr("今日已回访 {done} 次,接通 {reached}({share})").format(done=t.done, reached=t.reached, share=share)]
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
