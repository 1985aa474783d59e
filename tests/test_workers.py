"""Background jobs: results come back on the GUI thread, leave nothing alive, and no Qt object is freed on a
worker thread (Python's cycle collector runs only on the GUI thread)."""
from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
import weakref

from PySide6.QtCore import QObject, QThreadPool

from app.ui.workers import Activity, JobRunner


class Payload:
    pass


def test_a_delivered_job_keeps_neither_its_arguments_nor_its_callbacks_alive(qtbot):
    runner = JobRunner()
    argument, seen_by_callback, results = Payload(), Payload(), []
    refs = [weakref.ref(argument), weakref.ref(seen_by_callback)]
    runner.start(lambda a: threading.current_thread() is threading.main_thread(), argument,
                 on_done=lambda ran_here, s=seen_by_callback: results.append(
                     (ran_here, threading.current_thread() is threading.main_thread(), s is not None)))
    del argument, seen_by_callback
    qtbot.waitUntil(lambda: runner.pending() == 0)
    assert results == [(False, True, True)]  # ran on a pool thread, delivered on this one
    QThreadPool.globalInstance().waitForDone()
    gc.collect()
    assert [r() for r in refs] == [None, None]


def test_a_jobs_arguments_and_result_are_freed_on_the_gui_thread(qtbot):
    """Whatever a job is given or returns (a QObject one day) is never freed on a pool thread."""
    runner, freed_on = JobRunner(), []

    def note(_ref):
        freed_on.append(threading.current_thread().name)

    argument = Payload()
    keep = [weakref.ref(argument, note)]

    def work(a):
        result = Payload()
        keep.append(weakref.ref(result, note))
        return result

    for _ in range(20):  # the pool thread must never be the last to let go, however the threads interleave
        runner.start(work, argument)
    del argument
    qtbot.waitUntil(lambda: runner.pending() == 0)
    QThreadPool.globalInstance().waitForDone()
    assert len(freed_on) == 21 and set(freed_on) == {"MainThread"}


def test_a_failed_job_hands_its_exception_to_on_error(qtbot):
    runner, errors = JobRunner(), []

    def fails():
        raise ValueError("坏数据")

    runner.start(fails, on_done=lambda _v: errors.append("done"), on_error=errors.append)
    qtbot.waitUntil(lambda: runner.pending() == 0)
    assert [str(e) for e in errors] == ["坏数据"]


def test_with_latest_only_a_superseded_result_is_dropped(qtbot):
    runner, results = JobRunner(), []
    gate = threading.Event()
    runner.start(lambda: gate.wait(10) and "old", on_done=results.append, latest_only=True)
    runner.start(lambda: "new", on_done=results.append, latest_only=True)
    gate.set()
    qtbot.waitUntil(lambda: runner.pending() == 0)
    assert results == ["new"]


def test_python_collects_garbage_only_on_the_gui_thread(qtbot):
    collections, freed_on = [], []

    def note(phase, _info):
        if phase == "start":
            collections.append(threading.current_thread().name)

    doomed = QObject()
    doomed.itself = doomed  # a reference cycle: only the cycle collector frees it
    ref = weakref.ref(doomed, lambda _r: freed_on.append(threading.current_thread().name))
    del doomed

    def churn():  # a worker allocating as database work does: many short-lived cycles
        for _ in range(50_000):
            cycle = []
            cycle.append(cycle)

    gc.callbacks.append(note)
    try:
        worker = threading.Thread(target=churn, name="worker")
        worker.start()
        worker.join()
        assert "worker" not in collections and ref() is not None
        qtbot.waitUntil(lambda: ref() is None, timeout=5000)  # the GUI thread's collector comes round
    finally:
        gc.callbacks.remove(note)
    assert freed_on == ["MainThread"]


def test_the_console_turns_the_cycle_collector_over_to_the_gui_thread():
    code = ("import gc; from app.ui.application import make_application; make_application(['t']); "
            "print(gc.isenabled())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=True)
    assert out.stdout.strip() == "False"


def test_a_runner_says_when_it_is_busy_and_when_its_last_job_is_delivered(qtbot):
    runner, states, results = JobRunner(), [], []
    runner.busy_changed.connect(states.append)
    gate = threading.Event()

    def first_done(value):  # a callback that starts more work: the runner stays busy through it
        results.append(value)
        runner.start(lambda: "second", on_done=results.append)

    runner.start(lambda: gate.wait(10) and "first", on_done=first_done)
    runner.start(lambda: gate.wait(10) and "also", on_done=results.append)
    assert states == [True] and runner.is_busy()
    gate.set()
    qtbot.waitUntil(lambda: not runner.is_busy())
    assert sorted(results) == ["also", "first", "second"] and states == [True, False]


def test_a_widgets_activity_is_all_of_its_runners_taken_together(qtbot):
    owner = QObject()
    first, second = JobRunner(owner), JobRunner(owner)
    activity, states = Activity(owner), []
    activity.busy_changed.connect(states.append)
    gates = threading.Event(), threading.Event()
    first.start(gates[0].wait, 10)
    second.start(gates[1].wait, 10)
    gates[0].set()
    qtbot.waitUntil(lambda: not first.is_busy())
    assert activity.is_busy() and states == [True]  # the second runner is still at work
    gates[1].set()
    qtbot.waitUntil(lambda: not activity.is_busy())
    assert states == [True, False]


def test_a_superseded_job_still_queued_is_taken_back_and_never_runs(qtbot):
    """latest_only: calls that have not started yet when a newer one comes hold no pool thread and never run;
    what they were given is freed on the GUI thread."""
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    runner, ran, results, freed_on = JobRunner(pool=pool), [], [], []
    gate = threading.Event()
    runner.start(lambda: gate.wait(10) and "first", on_done=results.append)  # holds the only thread
    qtbot.waitUntil(lambda: pool.activeThreadCount() == 1)
    for n in (1, 2, 3):
        argument = Payload()
        weakref.finalize(argument, lambda: freed_on.append(threading.current_thread().name))
        runner.start(lambda a, n=n: ran.append(n) or n, argument, on_done=results.append, latest_only=True)
        del argument
    assert runner.pending() == 2 and freed_on == ["MainThread", "MainThread"]  # 1 and 2 are out of the pool
    gate.set()
    qtbot.waitUntil(lambda: not runner.is_busy())
    pool.waitForDone()
    assert ran == [3] and results == ["first", 3]
    gc.collect()
    assert freed_on == ["MainThread"] * 3


def test_a_superseded_job_already_running_finishes_and_its_result_is_dropped(qtbot):
    pool = QThreadPool()
    pool.setMaxThreadCount(2)
    runner, results = JobRunner(pool=pool), []
    started, gate = threading.Event(), threading.Event()
    runner.start(lambda: started.set() or (gate.wait(10) and "old"), on_done=results.append, latest_only=True)
    started.wait(10)
    runner.start(lambda: "new", on_done=results.append, latest_only=True)
    qtbot.waitUntil(lambda: results == ["new"])
    gate.set()
    qtbot.waitUntil(lambda: not runner.is_busy())
    pool.waitForDone()
    assert results == ["new"]
