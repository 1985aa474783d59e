"""The banner at the top of the main window that says when the database is out of reach, and when it is back.

Every two seconds a cheap health check (db.ping: SELECT 1 on a pre-pinged pooled connection) runs
in its own one-thread pool, so that it is never queued behind tab work stuck on a dead connection.
The engines reconnect by themselves (pool_pre_ping); the banner only tells the user.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel

from app import db
from app.ui.workers import PeriodicCheck

CHECK_EVERY_MS = 2000
RECONNECTED_SHOWN_MS = 4000

class HealthBanner(QFrame):
    """A banner hidden while `probe()` answers True; shown with the lost text while it does not,
    then with the back text for a few seconds after. Subclasses give the name, styles and texts
    (the texts through their own tr(), so each keeps its translation context)."""

    lost = Signal()
    restored = Signal()

    NAME = ""
    LOST_STYLE = ""
    BACK_STYLE = ""
    MARGIN = 6

    def __init__(self, parent=None, interval_ms: int = CHECK_EVERY_MS):
        super().__init__(parent)
        self.setObjectName(self.NAME)
        self.connected = True
        self.label = QLabel(self)
        self.label.setObjectName(self.NAME + "Text")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, self.MARGIN, 12, self.MARGIN)
        layout.addWidget(self.label, 1)
        self.hide()
        self._checks = PeriodicCheck(self, interval_ms, self.check)
        self._hide_timer = QTimer(self)
        self._hide_timer.setSingleShot(True)
        self._hide_timer.setInterval(RECONNECTED_SHOWN_MS)
        self._hide_timer.timeout.connect(self.hide)

    def start(self) -> None:
        self._checks.start()

    def stop(self) -> None:
        self._checks.stop()
        self._hide_timer.stop()

    def check(self) -> None:
        self._checks.run(self.probe, on_done=self._checked, on_error=lambda _exc: self._checked(False))

    def probe(self) -> bool:  # runs in the check's own thread
        raise NotImplementedError

    def lost_text(self) -> str:
        raise NotImplementedError

    def back_text(self) -> str:
        raise NotImplementedError

    def _checked(self, ok: bool) -> None:
        if ok == self.connected:
            return
        self.connected = ok
        if ok:
            self.setStyleSheet(self.BACK_STYLE)
            self.label.setText(self.back_text())
            self._hide_timer.start()
            self.restored.emit()
        else:
            self._hide_timer.stop()
            self.setStyleSheet(self.LOST_STYLE)
            self.label.setText(self.lost_text())
            self.show()
            self.lost.emit()


class ConnectionBanner(HealthBanner):
    """Hidden while the database answers; red while it does not; amber "reconnected" for a few seconds after."""

    NAME = "connectionBanner"
    LOST_STYLE = "QFrame#connectionBanner { background: #c62828; } QLabel { color: white; font-weight: bold; }"
    BACK_STYLE = "QFrame#connectionBanner { background: #ffb300; } QLabel { color: #3e2723; font-weight: bold; }"

    def __init__(self, engine, parent=None, interval_ms: int = CHECK_EVERY_MS):
        self.engine = engine
        super().__init__(parent, interval_ms)

    def probe(self) -> bool:
        return db.ping(self.engine)

    def lost_text(self) -> str:
        return self.tr("与数据库的连接已断开,正在重新连接…")

    def back_text(self) -> str:
        return self.tr("已重新连接")
