"""How fresh a screen's figures are when they were read from a read replica: "数据截至 10:42:05"."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from app.replica import Source, StaleReads
from app.services import clock


class FreshnessLabel(QLabel):
    """Shows the Source of the last read (app/replica.py); hidden when the console has no replica (every
    read is then live on the primary)."""

    def __init__(self, reads: StaleReads, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("freshnessLabel")
        self.source: Source | None = None
        self.setVisible(reads.configured)

    def show_source(self, source: Source) -> None:
        self.source = source
        fmt = "%H:%M:%S" if source.as_of.date() == clock.today() else "%Y-%m-%d %H:%M:%S"
        time = source.as_of.strftime(fmt)
        if source.replica:
            self.setText(self.tr("数据截至 {time}").format(time=time))
            self.setToolTip(self.tr("读自只读副本:此时刻之前在主库提交的变更都已包含"))
            self.setStyleSheet("color: #606266;")
        else:
            self.setText(self.tr("数据截至 {time}(读自主库)").format(time=time))
            self.setToolTip(self.tr("只读副本无法连接:恢复后自动改回从副本读取"))
            self.setStyleSheet("color: #8D6E00;")

    def deliver(self, on_done: Callable[[Any], None]) -> Callable[[tuple[Any, Source]], None]:
        """An on_done for a StaleReads.read job: shows the source, then hands the result to `on_done`."""
        def done(result: tuple[Any, Source]) -> None:
            value, source = result
            self.show_source(source)
            on_done(value)

        return done
