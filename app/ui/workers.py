"""Runs database and file work off the Qt event loop and hands the result back to the UI thread."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

log = logging.getLogger(__name__)


# every job until its result is delivered, so that a job outlives the widget (and runner) that started it
_LIVE: set[Job] = set()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class Job(QRunnable):
    """One call of `fn` in the thread pool; `done(result)` or `failed(exception)` arrive on the UI thread.

    `fn` may take a keyword `progress` (a callable(done, total)) to report progress.
    """

    def __init__(self, fn: Callable[..., Any], *args, with_progress: bool = False, **kwargs):
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = _Signals()
        if with_progress:
            self.kwargs["progress"] = self.signals.progress.emit
        self.setAutoDelete(False)

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn(*self.args, **self.kwargs)
        except Exception as exc:  # handed to the UI, which turns it into a sentence
            log.exception("background job failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class JobRunner(QObject):
    """Keeps the jobs of one widget alive until they finish; stale results can be told apart by a ticket."""

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None):
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._jobs: set[Job] = set()
        self._ticket = 0

    def start(self, fn: Callable[..., Any], *args, on_done: Callable[[Any], None] | None = None,
              on_error: Callable[[Exception], None] | None = None, on_progress: Callable[[int, int], None] | None = None,
              latest_only: bool = False, **kwargs) -> Job:
        """Run fn(*args, **kwargs) in the pool. With latest_only, results of superseded calls are dropped."""
        self._ticket += 1
        ticket = self._ticket
        job = Job(fn, *args, with_progress=on_progress is not None, **kwargs)

        def finish(callback, value):
            _LIVE.discard(job)
            self._jobs.discard(job)
            if not shiboken6.isValid(self):  # the widget that asked is gone (closed tab, ended test)
                return
            if latest_only and ticket != self._ticket:
                return
            if callback is not None:
                callback(value)

        job.signals.done.connect(lambda result: finish(on_done, result))
        job.signals.failed.connect(lambda exc: finish(on_error, exc))
        if on_progress is not None:
            job.signals.progress.connect(on_progress)
        self._jobs.add(job)
        _LIVE.add(job)
        self.pool.start(job)
        return job

    def pending(self) -> int:
        return len(self._jobs)


def periodic_check(parent: QObject, interval_ms: int, check: Callable[[], None]) -> tuple[JobRunner, QTimer]:
    """A runner on its own one-thread pool (a check never waits behind tab work stuck on a dead
    connection) and a timer calling `check`, for the console's health and account checks."""
    pool = QThreadPool(parent)
    pool.setMaxThreadCount(1)
    timer = QTimer(parent)
    timer.setInterval(interval_ms)
    timer.timeout.connect(check)
    return JobRunner(parent, pool), timer
