"""Benchmark of the callback loop: median time from Enter (answers saved) to the next case shown.

Drives the real CallbackTab offscreen, as a clerk would: it waits until the tab is idle (the next
case prefetched, queue and tally refreshed — a real call takes far longer than that), chooses the
three answers with their keys, presses Enter and stops the clock when the next case is on screen.

It WRITES callbacks (each round closes one case): run it on a copy of the database.

    python bench/bench_callback.py --db sqlite:///copy.db [--rounds 40] [--seed 3000]

--seed N first adds N replied cases through the lifecycle (for a database without demo data).
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from app.models import Case, Staff  # noqa: E402
from app.services import callback_queue as cq  # noqa: E402
from app.services import clock, lifecycle  # noqa: E402
from app.services.actors import Actor, system_actor  # noqa: E402

REQUESTS = [  # category, what the citizen said, what the unit replied
    ("施工扰民", "小区南侧工地夜间施工,晚上十一点后还在打桩,噪音很大影响休息", "已联系施工单位,夜间22时后停止高噪声作业,城管将夜查"),
    ("物业服务", "物业不清理楼道堆物,多次反映无人处理,存在消防隐患", "已督促物业公司三日内清理楼道堆物,社区跟进检查"),
    ("房屋漏水与维修", "顶楼房屋漏水,物业说要业主自己找人维修", "已协调物业使用公共维修资金进行屋面防水维修"),
    ("违法建设", "一楼住户私自扩建院墙占用绿地", "经现场核实属违建,已下达限期拆除通知"),
    ("无障碍设施", "小区出入口台阶没有坡道,轮椅无法通行", "已纳入本年度无障碍改造计划,预计下月施工"),
    ("群租房", "楼上一套房住了十几个人,进出频繁,噪音大", "已会同派出所检查,责令房东整改,恢复原状"),
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"


@contextmanager
def replayed_time(at: datetime):
    """Let the lifecycle record a step as if it happened at `at` (for demo data only)."""
    original = clock.now
    clock.now = lambda: at
    try:
        yield
    finally:
        clock.now = original


def _handler(s, unit_id: int, name: str) -> Actor:
    staff = s.scalar(select(Staff).where(Staff.unit_id == unit_id, Staff.role == "handler"))
    if staff is None:
        staff = Staff(username=f"handler-{unit_id}", display_name=name, role="handler", unit_id=unit_id,
                      created_at=clock.now())
        s.add(staff)
        s.flush()
    return Actor(staff.id, "handler", unit_id, "unit-desk", staff.display_name)


def seed_replied_cases(sf, n: int, seed: int = 7, progress=None) -> int:
    """N cases received over the last days, dispatched to their street, signed and replied at varied times;
    about one in six has had a failed callback attempt."""
    from app.services.directory import Directory

    rng = random.Random(seed)
    with sf() as s:
        d = Directory.load(s)
    streets = d.streets()
    system = system_actor()
    now = clock.now()
    for i in range(n):
        cat_name, text, reply = rng.choice(REQUESTS)
        street = rng.choice(streets)
        communities = d.children(street.id)
        received = now - timedelta(hours=rng.uniform(6, 150))
        form = lifecycle.IntakeForm(
            caller_phone=f"1{rng.choice('3589')}{rng.randrange(10**9):09d}", description=text,
            category_id=d.category_by_name(cat_name).id, street_id=street.id,
            community_id=rng.choice(communities).id if communities else None,
            caller_name=rng.choice(SURNAMES) + rng.choice(("先生", "女士")),
            address=f"{street.name.removesuffix('街道')}{rng.randrange(1, 30)}号院{rng.randrange(1, 12)}号楼",
            received_at=received,
        )
        with replayed_time(received):
            ref = lifecycle.create_case(sf, system, form)
        with sf.begin() as s:
            handler = _handler(s, ref.unit_id, f"{street.name}{rng.choice(SURNAMES)}工")
        replied = min(now - timedelta(minutes=5), received + timedelta(hours=rng.uniform(2, 72)))
        with replayed_time(received + (replied - received) / 2):
            lifecycle.sign(sf, handler, ref.id)
            lifecycle.record_contact(sf, handler, ref.id)
        with replayed_time(replied):
            ref = lifecycle.reply(sf, handler, ref.id, reply)
        if rng.random() < 1 / 6:
            clerk = Actor(None, "callback", None, "seed", "")
            with replayed_time(min(now, replied + timedelta(hours=rng.uniform(1, 20)))):
                lifecycle.record_callback(sf, clerk, ref.id, None)
        if progress and (i + 1) % 500 == 0:
            progress(i + 1)
    return n


def _wait(condition, timeout_s: float = 30.0) -> None:
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the tab did not become ready")
        QTimer.singleShot(2, loop.quit)
        loop.exec()


def _idle(tab) -> bool:
    runners = (tab._queue_jobs, tab._tally_jobs, tab._prefetch_jobs, tab._check_jobs, tab._view_jobs, tab._save_jobs)
    return not tab.saving and tab.current is not None and all(r.pending() == 0 for r in runners)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLAlchemy URL of a COPY of the database (callbacks are written)")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0, metavar="N", help="first add N replied cases via the lifecycle")
    args = parser.parse_args(argv)

    from app.ui.application import make_application, open_context
    from app.ui.callback import CallbackTab

    make_application(["bench"])
    clerk = Actor(None, "callback", None, "bench-desk", "bench")
    ctx = open_context(args.db, clerk)
    if args.seed:
        t0 = time.perf_counter()
        seed_replied_cases(ctx.sf, args.seed, progress=lambda k: print(f"  seeded {k}", file=sys.stderr))
        print(f"seeded {args.seed} replied cases in {time.perf_counter() - t0:.1f} s")
    with ctx.read_sf() as s:
        total = s.scalar(select(func.count()).select_from(Case))
        waiting = s.scalar(select(func.count()).select_from(Case).where(Case.status == "replied"))
    print(f"database: {ctx.url_text}: {total} cases, {waiting} waiting for a callback")

    cold = []
    for _ in range(5):
        t0 = time.perf_counter()
        page = cq.load_queue(ctx.read_sf)
        cold.append(("queue", time.perf_counter() - t0))
        if page.rows:
            t0 = time.perf_counter()
            cq.load_view(ctx.read_sf, ctx.actor, page.rows[0].case_id)
            cold.append(("view", time.perf_counter() - t0))
        t0 = time.perf_counter()
        cq.tally(ctx.read_sf, clerk)
        cold.append(("tally", time.perf_counter() - t0))

    tab = CallbackTab(ctx)
    tab.resize(1400, 850)
    tab.show()
    shown: list[float] = []
    tab.case_shown.connect(lambda _id: shown.append(time.perf_counter()))
    timings = []
    for _ in range(min(args.rounds, waiting)):
        _wait(lambda: _idle(tab))
        before = tab.current.case_id
        for key in (Qt.Key.Key_1, Qt.Key.Key_Q, Qt.Key.Key_A):
            QTest.keyClick(tab, key)
        shown.clear()
        t0 = time.perf_counter()
        QTest.keyClick(tab, Qt.Key.Key_Return)
        _wait(lambda: bool(shown) or (tab.current is None and not tab.saving))
        if tab.current is None or tab.current.case_id == before:
            break
        timings.append((shown[0] - t0) * 1000)
    _wait(lambda: _idle(tab) or tab.current is None)
    ctx.engine.dispose()

    for what in ("queue", "view", "tally"):
        values = [t * 1000 for w, t in cold if w == what]
        if values:
            print(f"{what:>6} query (worker side): median {statistics.median(values):7.1f} ms")
    if not timings:
        print("no case could be called back")
        return 1
    timings.sort()
    print(f"median callback_next: {statistics.median(timings):.1f} ms")  # the line bench/run_all.py collects
    print(f"Enter → next case shown: median {statistics.median(timings):.1f} ms, "
          f"p90 {timings[int(len(timings) * 0.9) - 1]:.1f} ms, max {timings[-1]:.1f} ms over {len(timings)} saves")
    return 0


if __name__ == "__main__":
    sys.exit(main())
