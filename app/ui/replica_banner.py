"""The banner that says when the read replica is out of reach (its screens then read the primary) and when it is back.

The pattern of app/ui/connection_banner.py: a cheap check every two seconds in its own one-thread pool.
The check (StaleReads.check) also switches the reads back to the replica once it answers again.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel

from app.replica import StaleReads
from app.ui.connection_banner import CHECK_EVERY_MS, RECONNECTED_SHOWN_MS
from app.ui.workers import PeriodicCheck

_DOWN_STYLE = "QFrame#replicaBanner { background: #ffb300; } QLabel { color: #3e2723; font-weight: bold; }"
_BACK_STYLE = "QFrame#replicaBanner { background: #c8e6c9; } QLabel { color: #1b5e20; font-weight: bold; }"


class ReplicaBanner(QFrame):
    """Hidden while the replica answers; amber while it does not; green "back" for a few seconds after."""

    lost = Signal()
    restored = Signal()

    def __init__(self, reads: StaleReads, parent=None, interval_ms: int = CHECK_EVERY_MS):
        super().__init__(parent)
        self.setObjectName("replicaBanner")
        self.reads = reads
        self.connected = True
        self.label = QLabel(self)
        self.label.setObjectName("replicaBannerText")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        layout.addWidget(self.label, 1)
        self.hide()
        self._checks = PeriodicCheck(self, interval_ms, self.check)
        self._hide_timer = QTimer(self)
        self._hide_timer.setSingleShot(True)
        self._hide_timer.setInterval(RECONNECTED_SHOWN_MS)
        self._hide_timer.timeout.connect(self.hide)

    def start(self) -> None:
        if self.reads.configured:
            self._checks.start()

    def stop(self) -> None:
        self._checks.stop()
        self._hide_timer.stop()

    def check(self) -> None:
        self._checks.run(self.reads.check, on_done=self._checked, on_error=lambda _exc: self._checked(False))

    def _checked(self, ok: bool) -> None:
        if ok == self.connected:
            return
        self.connected = ok
        if ok:
            self.setStyleSheet(_BACK_STYLE)
            self.label.setText(self.tr("只读副本已恢复:看板与名单重新从副本读取"))
            self._hide_timer.start()
            self.restored.emit()
        else:
            self._hide_timer.stop()
            self.setStyleSheet(_DOWN_STYLE)
            self.label.setText(self.tr("只读副本无法连接:看板、主动治理名单与导出暂时从主库读取"))
            self.show()
            self.lost.emit()
