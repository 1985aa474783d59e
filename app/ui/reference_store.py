"""Reference data (units, their aliases, categories, key topics) in one place for every tab, with `changed`.

`ctx.reference` (a ReferenceStore) holds what `ctx.directory` is: `reload()` loads the Directory in a
worker and, when it differs from the one in use, puts it in `ctx.directory` and emits `changed(directory)`.
The administrator's pages call `reload()` after each save; pickers find names through `ctx.directory`
at the time of the search (app/ui/pickers.py), and what is built once from it (the category tree, the
filter's category list) rebuilds on `changed`. Other workstations see an administrator's edit by a slow
poll (`start_polling`, every POLL_MS) started and stopped with the main window: reference data changes a
few times a year, a minute's delay is harmless, and the case change watcher (app/ui/live.py) stays
about cases only.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from app.services import clock, rules
from app.services.directory import Directory, load_directory
from app.ui.workers import JobRunner

log = logging.getLogger(__name__)

POLL_MS = 60_000


def _load(sf) -> tuple[Directory, dict[str, tuple[int, int]]]:
    """The units and categories, and each deadline tier's hours in force today (shown beside the tiers)."""
    return load_directory(sf), rules.tier_hours(sf, clock.today())


class ReferenceStore(QObject):
    changed = Signal(object)  # the new Directory

    def __init__(self, ctx, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.jobs = JobRunner(self)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.reload)
        self._again = False  # a reload asked for while one was under way (it may have read before the commit)
        self.tier_hours: dict[str, tuple[int, int]] | None = None  # None: not loaded by the store yet

    @property
    def directory(self) -> Directory:
        return self.ctx.directory

    def reload(self) -> None:
        """Loads the units and categories again (in a worker); `changed` follows when they differ."""
        if self.jobs.pending():  # one load at a time; another follows it
            self._again = True
            return
        self._again = False
        self.jobs.start(_load, self.ctx.sf, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, loaded: tuple[Directory, dict[str, tuple[int, int]]]) -> None:
        directory, tier_hours = loaded
        old = self.ctx.directory
        same = (directory.units, directory.categories, directory.key_topics) == (old.units, old.categories, old.key_topics)
        hours_changed = self.tier_hours is not None and tier_hours != self.tier_hours
        self.tier_hours = tier_hours
        if not same:
            self.ctx.directory = directory
        if not same or hours_changed:
            self.changed.emit(self.ctx.directory)
        if self._again:
            self.reload()

    def _failed(self, exc: Exception) -> None:  # a lost connection: the next poll tries again
        log.warning("reloading the reference data failed: %s", type(exc).__name__)
        if self._again:
            self.reload()

    def start_polling(self) -> None:
        self.timer.start()

    def stop_polling(self) -> None:
        self.timer.stop()
