"""The console keeps daily copies of its embedded SQLite database (app/services/backup.py), in a worker.

A while after start, and then every hour, it makes today's copy if there is none yet and keeps the
newest `backup/keep_days` (QSettings of this workstation, default 7; 0: no daily copies). A database
on a server is backed up with the server's own tools, so there is nothing to do then.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QThreadPool, QTimer, Signal
from sqlalchemy import Engine

from app.services import backup
from app.services.output_files import database_files
from app.ui.workers import JobRunner

log = logging.getLogger(__name__)
SETTINGS_KEY = "backup/keep_days"
FIRST_DELAY_MS = 30_000  # after the tabs' first loads
CHECK_EVERY_MS = 3_600_000


class DailyBackups(QObject):
    """`made(path)` after a new daily copy; `failed(text)` when one could not be made (also logged)."""

    made = Signal(str)
    failed = Signal(str)

    def __init__(self, engine: Engine, parent: QObject | None = None, folder: Path | None = None,
                 first_delay_ms: int = FIRST_DELAY_MS):
        super().__init__(parent)
        self.engine = engine
        self.folder = folder
        self.enabled = bool(database_files(engine))
        self.pool = QThreadPool(self)  # its own thread: a long copy never holds up the tabs' work
        self.pool.setMaxThreadCount(1)
        self.jobs = JobRunner(self, self.pool)
        self.running = False
        self.first = QTimer(self, singleShot=True, interval=first_delay_ms, timeout=self.run)
        self.timer = QTimer(self, interval=CHECK_EVERY_MS, timeout=self.run)

    def start(self) -> None:
        if self.enabled:
            self.first.start()
            self.timer.start()

    def stop(self) -> None:
        self.first.stop()
        self.timer.stop()

    def keep(self) -> int:
        try:
            return max(0, int(QSettings().value(SETTINGS_KEY, backup.DEFAULT_KEEP)))
        except (TypeError, ValueError):
            return backup.DEFAULT_KEEP

    def run(self) -> None:
        if not self.enabled or self.running:
            return
        self.running = True
        self.jobs.start(backup.daily_backup, self.engine, self.keep(), folder=self.folder,
                        on_done=self._done, on_error=self._failed)

    def _done(self, path) -> None:
        self.running = False
        if path is not None:
            self.made.emit(str(path))

    def _failed(self, exc: Exception) -> None:
        self.running = False
        log.warning("the daily backup could not be made: %s", type(exc).__name__)
        self.failed.emit(str(exc))
