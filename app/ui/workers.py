"""Runs database and file work off the Qt event loop and hands the result back to the UI thread."""
from __future__ import annotations

import itertools
import logging
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Tells the GUI thread that a job's outcome is ready (a queued signal carrying the job's key).

    One object, made in the GUI thread, for all jobs: a job owns no QObject of its own and no signal
    connection, so a delivered job leaves nothing behind. The pool thread drops its references to
    the job's function, arguments and outcome before it signals; the GUI thread holds them until the
    delivery, so they are freed there, never on a pool thread.
    """

    ready = Signal(object)  # the job's key


_relay: _Relay | None = None
_waiting: dict[int, tuple] = {}  # key -> (delivery, fn, args, kwargs) until the outcome is delivered
_outcomes: dict[int, tuple[bool, Any]] = {}  # key -> (succeeded, result or exception), set by the pool thread
_keys = itertools.count(1)


def _deliver(key: int) -> None:
    deliver, *_job = _waiting.pop(key)  # the job's function and arguments go with this frame, on this thread
    deliver(*_outcomes.pop(key))


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
        _relay.ready.connect(_deliver)
    return _relay


class _Job(QRunnable):
    """One call in the pool: a QRunnable of our own, so that a call still queued can be taken back
    (QThreadPool.tryTake) when a newer one supersedes it.

    It holds only the relay, its key and a one-item list with the call, which the pool thread empties when
    it starts it (an empty list: started). PySide6 makes the pool the runnable's parent (start() adds it),
    and with autoDelete the pool deletes it after run(); the Python object goes with it, holding nothing
    by then. A job taken back is not deleted by the pool (Qt gives it back to the caller): JobRunner
    deletes it with shiboken6.delete, on the GUI thread.
    """

    def __init__(self, relay: _Relay, key: int, call: list):
        super().__init__()
        self.relay, self.key, self.call = relay, key, call

    def run(self) -> None:
        _run(self.relay, self.key, self.call)


def _run(relay: _Relay, key: int, job: list) -> None:
    """In a pool thread: one call of the job's function; its outcome goes to the GUI thread."""
    fn, args, kwargs = job.pop()
    try:
        outcome = (True, fn(*args, **kwargs))
    except Exception as exc:  # handed to the UI, which turns it into a sentence
        log.exception("background job failed")
        outcome = (False, exc)
    del fn, args, kwargs
    _outcomes[key] = outcome
    del outcome
    relay.ready.emit(key)


class JobRunner(QObject):
    """Runs a widget's jobs in a thread pool; results of superseded calls can be dropped (latest_only).

    A latest_only call supersedes the runner's earlier latest_only calls: those still queued (not started)
    are taken back out of the pool and never run, so they hold no pool thread; one already running is let
    finish and its result is dropped.

    `busy_changed(True)` is emitted when the runner gets work while it had none, `busy_changed(False)`
    once its last job has been delivered (after that job's callback, which may start another).
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None):
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._pending: set[int] = set()
        self._queued: dict[int, _Job] = {}  # key -> latest_only job not yet delivered (may be taken back)
        self._ticket = 0
        self._busy = False

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def start(self, fn: Callable[..., Any], *args, on_done: Callable[[Any], None] | None = None,
              on_error: Callable[[Exception], None] | None = None, latest_only: bool = False, **kwargs) -> None:
        """Run fn(*args, **kwargs) in the pool; on_done(result) or on_error(exception) follow on the GUI thread.

        A result that arrives after this runner (its widget) was deleted is dropped.
        """
        self._ticket += 1
        ticket, key = self._ticket, next(_keys)
        # a job under way does not keep its runner alive
        alive, pending, queued = weakref.ref(self), self._pending, self._queued

        def deliver(ok: bool, value: Any) -> None:
            pending.discard(key)
            queued.pop(key, None)
            runner = alive()
            if runner is None or not shiboken6.isValid(runner):  # the widget that asked is gone
                return
            try:
                if latest_only and ticket != runner._ticket:
                    return
                callback = on_done if ok else on_error
                if callback is not None:
                    callback(value)
            finally:
                if shiboken6.isValid(runner):  # the callback may have closed the widget
                    runner._set_busy(bool(pending))

        if latest_only:
            self._take_back_queued()
        relay = _the_relay()
        _waiting[key] = (deliver, fn, args, kwargs)
        self._pending.add(key)
        self._set_busy(True)
        job = _Job(relay, key, [(fn, args, kwargs)])
        if latest_only:
            self._queued[key] = job
        self.pool.start(job)

    def _take_back_queued(self) -> None:
        """The runner's latest_only jobs that have not started yet never will: out of the pool, and freed here."""
        for key, job in list(self._queued.items()):
            # a started job has emptied its list; the GIL is held from this test until tryTake has the
            # pointer, and tryTake only compares it with the queue's, so a job the pool starts meanwhile
            # (or has just deleted) is simply not found
            if not (shiboken6.isValid(job) and job.call and self.pool.tryTake(job)):
                continue
            del self._queued[key]
            job.call.clear()
            _waiting.pop(key, None)  # its function, arguments and callbacks go here, on the GUI thread
            self._pending.discard(key)
            shiboken6.delete(job)  # taken back: Qt no longer deletes it, so it is ours to free

    def pending(self) -> int:
        return len(self._pending)

    def is_busy(self) -> bool:
        return bool(self._pending)


class Activity(QObject):
    """Whether a widget has background work under way: its JobRunners taken together.

    Made at the end of a tab's __init__, it watches every JobRunner below the tab at that moment
    (`watch` adds one made later). `busy_changed(True)` when the first of them gets work,
    `busy_changed(False)` when the last one is done; tests wait on this instead of on private runners.
    """

    busy_changed = Signal(bool)

    def __init__(self, owner: QObject):
        super().__init__(owner)
        self._runners: list[JobRunner] = []
        self._busy = False
        for runner in owner.findChildren(JobRunner):
            self.watch(runner)

    def watch(self, runner: JobRunner) -> None:
        self._runners.append(runner)
        runner.busy_changed.connect(self._update)
        self._update()

    def is_busy(self) -> bool:
        return any(r.is_busy() for r in self._runners if shiboken6.isValid(r))

    def _update(self, *_busy) -> None:
        busy = self.is_busy()
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)


class PeriodicCheck(QObject):
    """A check run every `interval_ms` in a worker, for the console's health and account checks.

    It has its own one-thread pool, so a check never waits behind tab work stuck on a dead
    connection; a round is skipped while the last one is still out (a connect timeout).
    """

    def __init__(self, parent: QObject, interval_ms: int, check: Callable[[], None]):
        super().__init__(parent)
        pool = QThreadPool(self)
        pool.setMaxThreadCount(1)
        self.runner = JobRunner(self, pool)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(check)

    def run(self, fn: Callable[..., Any], *args, on_done: Callable[[Any], None],
            on_error: Callable[[Exception], None]) -> None:
        """fn(*args) in the check's thread, unless the last check has not answered yet."""
        if not self.runner.pending():
            self.runner.start(fn, *args, on_done=on_done, on_error=on_error)

    def pending(self) -> int:
        return self.runner.pending()

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        """No more rounds; waits for the one under way."""
        self.timer.stop()
        self.runner.pool.waitForDone()
