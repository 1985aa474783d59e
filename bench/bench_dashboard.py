"""Dashboard timings on an existing database (build one with `python main.py demo --cases 1300000`).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_dashboard.py --db sqlite:///demo.db [--runs 15]

Prints medians (wall clock, and CPU time of all threads, which a busy machine inflates less) of:
- start: interpreter start to the dashboard tab drawn with figures (imports, Qt, database, window);
- first show: the tab made current (first time) to every chart drawn;
- period change: a new month / year chosen to every chart, tile and table drawn;
- group change: bureaus / one street's communities chosen to everything drawn;
- trend unit: another unit chosen for the trend to the trend drawn.
"Drawn" means the tab's `refreshed` signal and then a full synchronous paint of the tab (grab()).
"""
from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402

from app.services.periods import Period  # noqa: E402
from app.ui.application import make_application, open_context  # noqa: E402


def until(signal, action, timeout_ms: int = 60000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(timeout_ms)
    action()
    loop.exec()
    signal.disconnect(loop.quit)
    if not timer.isActive():
        raise SystemExit("timed out waiting for the dashboard")


CPU: list[float] = []  # CPU milliseconds (all threads) of each timed run, beside its wall-clock time


def timed(tab, signal, action) -> float:
    began, cpu = time.perf_counter(), time.process_time()
    until(signal, action)
    tab.grab()  # paints every visible chart, tile and table now
    CPU.append((time.process_time() - cpu) * 1000)
    return (time.perf_counter() - began) * 1000


def median_line(name: str, values: list[float]) -> str:
    cpu = statistics.median(CPU[-len(values):])
    return (f"{name:<44} median {statistics.median(values):8.1f} ms   cpu {cpu:7.1f} ms   "
            f"(min {min(values):.1f}, max {max(values):.1f}, n={len(values)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLAlchemy URL of a database holding data")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    app = make_application()
    ctx = open_context(args.db)
    from app.ui.main_window import MainWindow

    window = MainWindow(ctx)
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    tab = window.tab("dashboardTab")
    first_show = timed(tab, tab.refreshed, lambda: window.tabs.setCurrentWidget(tab))
    start = (time.perf_counter() - STARTED) * 1000
    print(f"database: {ctx.url_text}")
    print(f"{'start (interpreter to dashboard drawn)':<44} {start:8.1f} ms")
    print(f"{'first show (tab made current to drawn)':<44} {first_show:8.1f} ms   cpu {CPU[-1]:7.1f} ms")

    last = tab.figures.period
    months = []
    cursor = last
    for _ in range(args.runs):
        months.append(cursor)
        cursor = cursor.previous()
    selector = tab.period_selector
    month_times = [timed(tab, tab.refreshed, lambda p=p: (selector.set_period(p), selector.changed.emit(p)))
                   for p in months[1:] + months[:1]]
    print(median_line("period change: another month", month_times))

    years = [Period.for_year(last.start.year - i % 3) for i in range(args.runs)]
    year_times = [timed(tab, tab.refreshed, lambda p=p: (selector.set_period(p), selector.changed.emit(p)))
                  for p in years]
    print(median_line("period change: a year", year_times))
    selector.set_period(last)

    group = tab.group_selector
    group_times = []
    for i in range(args.runs):
        if i % 2 == 0:
            group_times.append(timed(tab, tab.refreshed, lambda: group.level.setCurrentIndex(1)))
        else:
            group_times.append(timed(tab, tab.refreshed, lambda: group.level.setCurrentIndex(0)))
    print(median_line("group change: bureaus / streets (a month)", group_times))

    group.level.setCurrentIndex(0)
    until(tab.refreshed, lambda: None) if tab.is_loading() else None
    units = [tab.trend_unit.itemData(i) for i in range(1, min(tab.trend_unit.count(), args.runs + 1))]
    trend_times = [timed(tab, tab.trend_refreshed, lambda i=i: tab.trend_unit.setCurrentIndex(i))
                   for i in range(1, len(units) + 1)]
    print(median_line("trend unit change", trend_times))
    window.close()  # stops the change watcher's thread, as closing the console does
    ctx.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
