"""Live queues: a watcher thread tells the tabs when another workstation changed a case.

`ctx.changes` (a ChangeWatcher, created by application.open_context and started/stopped with the
main window) emits `changed` at most a few times a second, shortly after any committed lifecycle
change on any workstation (PostgreSQL LISTEN/NOTIFY; SQLite: the file's change counter). A tab
connects it to its reload:

    ctx.changes.changed.connect(self.reload)

and, if it cares which cases, reads `ctx.changes.last_case_ids` (empty: unknown, reload everything).
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from app.services import changes

log = logging.getLogger(__name__)

DEBOUNCE_MS = 300
WAIT_SECONDS = 0.5


class _WatchThread(QThread):
    seen = Signal(object)  # list[changes.Change]
    listening = Signal()  # connected: every change committed from now on will be seen

    def __init__(self, engine, parent: QObject | None = None):
        super().__init__(parent)
        self.engine = engine
        self._stopping = False

    def stop(self) -> None:
        self._stopping = True

    def run(self) -> None:
        watcher = None
        while not self._stopping:
            try:
                if watcher is None:
                    watcher = changes.watcher_for(self.engine)
                    self.listening.emit()
                found = watcher.wait(WAIT_SECONDS)
            except Exception:  # the database is out of reach: try again shortly (the banner says so)
                log.info("change watcher cannot reach the database", exc_info=True)
                if watcher is not None:
                    watcher.close()
                    watcher = None
                self.msleep(int(WAIT_SECONDS * 1000))
                continue
            if found:
                self.seen.emit(found)
        if watcher is not None:
            watcher.close()


class ChangeWatcher(QObject):
    """Emits `changed` (debounced) after other workstations' commits; start() and stop() with the window."""

    changed = Signal()
    listening = Signal()  # the watcher (re)connected: changes committed from now on will be told
    # and, once it listens, `changed` (unknown cases) follows: what was committed before it listened,
    # after the tabs' first load or while the connection was lost, is not lost either

    def __init__(self, engine, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS):
        super().__init__(parent)
        self.setObjectName("changeWatcher")
        self.engine = engine
        self.last_case_ids: frozenset[int] = frozenset()
        self._pending: set[int] = set()
        self._unknown = False
        self._thread: _WatchThread | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._fire)

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = _WatchThread(self.engine)
        self._thread.seen.connect(self._on_seen)
        self._thread.listening.connect(self._on_listening)
        self._thread.start()

    def stop(self) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        thread.stop()
        thread.wait()
        self._timer.stop()

    def is_running(self) -> bool:
        return self._thread is not None

    def _on_listening(self) -> None:
        self.listening.emit()
        self._on_seen([changes.Change()])

    def _on_seen(self, found: list) -> None:
        for change in found:
            if change.case_id is None:
                self._unknown = True
            else:
                self._pending.add(change.case_id)
        if not self._timer.isActive():
            self._timer.start()

    def _fire(self) -> None:
        self.last_case_ids = frozenset() if self._unknown else frozenset(self._pending)
        self._pending.clear()
        self._unknown = False
        self.changed.emit()
