"""The banner that says when the read replica is out of reach (its screens then read the primary) and when it is back.

The mechanism of app/ui/connection_banner.py: a cheap check every two seconds in its own one-thread pool.
The check (StaleReads.check) also switches the reads back to the replica once it answers again.
"""
from __future__ import annotations

from app.replica import StaleReads
from app.ui.connection_banner import CHECK_EVERY_MS, HealthBanner


class ReplicaBanner(HealthBanner):
    """Hidden while the replica answers; amber while it does not; green "back" for a few seconds after."""

    NAME = "replicaBanner"
    LOST_STYLE = "QFrame#replicaBanner { background: #ffb300; } QLabel { color: #3e2723; font-weight: bold; }"
    BACK_STYLE = "QFrame#replicaBanner { background: #c8e6c9; } QLabel { color: #1b5e20; font-weight: bold; }"
    MARGIN = 4

    def __init__(self, reads: StaleReads, parent=None, interval_ms: int = CHECK_EVERY_MS):
        self.reads = reads
        super().__init__(parent, interval_ms)

    def start(self) -> None:
        if self.reads.configured:
            super().start()

    def probe(self) -> bool:
        return self.reads.check()

    def lost_text(self) -> str:
        return self.tr("只读副本无法连接:看板、主动治理名单与导出暂时从主库读取")

    def back_text(self) -> str:
        return self.tr("只读副本已恢复:看板与名单重新从副本读取")
