"""Benchmarks of the intake and cases tabs, measured through the real widgets (offscreen), printing medians.

    python bench/bench_intake.py --db sqlite:////tmp/big.db [--fill 1300000] [--repeat 15]

--fill N first bulk-inserts N synthetic cases (no events; only for measuring, into a database made for it)
when the database holds fewer cases. Measured:
  history   typing the last digit of a phone → the caller's history shown         (target ≤ 100 ms)
  save      Ctrl+Enter on a filled form → case saved and dispatched, form clean  (target ≤ 150 ms)
  first     cases tab created → first page of rows shown                         (target ≤ 300 ms)
  filter    a filter change → first page of the new rows shown                   (target ≤ 300 ms)
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt, QThreadPool  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import func, insert, select  # noqa: E402

from app import db  # noqa: E402
from app.models import Case  # noqa: E402
from app.services import clock  # noqa: E402
from app.services.case_queries import CaseFilter  # noqa: E402
from app.services.directory import Directory  # noqa: E402
from app.services.lifecycle import OPEN_STATES  # noqa: E402
from app.ui.application import make_application, open_context  # noqa: E402

STATES = ["closed"] * 80 + ["replied"] * 6 + ["dispatched"] * 5 + ["accepted"] * 5 + ["new", "returned", "merged",
                                                                                         "closed"]
PHONES = 400_000  # distinct callers: a few cases each on average


def phone_of(i: int) -> str:
    return f"139{i:08d}"


def fill(engine, n: int, seed: int = 7) -> None:
    """Synthetic cases over the last 3.5 years, in bulk (executemany of plain rows)."""
    sf = db.make_session_factory(engine)
    with sf() as s:
        d = Directory.load(s)
        have = s.scalar(select(func.count()).select_from(Case)) or 0
    if have >= n:
        return
    rng = random.Random(seed)
    streets = d.streets()
    communities = {st.id: [c.id for c in d.children(st.id)] for st in streets}
    leaves = [c.id for c in d.leaf_categories()]
    now = clock.now()
    span = int(timedelta(days=3 * 365 + 180).total_seconds())
    start = time.perf_counter()
    batch = []
    for i in range(have, n):
        received = now - timedelta(seconds=span * (1 - i / n) + rng.randint(0, 600))
        street = rng.choice(streets)
        community = rng.choice(communities[street.id]) if communities[street.id] and rng.random() < 0.5 else None
        status = rng.choice(STATES)
        if received > now - timedelta(days=20):  # recent cases are still open more often
            status = rng.choice(list(OPEN_STATES) + ["replied", "closed"])
        reply_deadline = received + timedelta(days=7)
        batch.append({
            "case_no": f"{received:%Y%m%d}{i:07d}",  # longer than real numbers, so never the same
            "received_at": received, "channel": "phone", "request_type": "help", "caller_name": "市民",
            "caller_phone": phone_of(rng.randrange(PHONES)), "confidential": False, "address": f"{street.name}{i % 97}号院",
            "street_id": street.id, "community_id": community, "category_id": rng.choice(leaves),
            "description": f"诉求内容样例 {i}:小区环境问题", "urgency": "normal", "deadline_tier": "general",
            "unit_id": street.id if status != "new" else None, "status": status,
            "contact_deadline": received + timedelta(hours=24), "reply_deadline": reply_deadline,
            "replied_at": received + timedelta(days=3) if status in ("replied", "closed") else None,
            "callback_attempts": 0, "repeat_count": 0, "reopen_count": 0, "updated_at": received, "version": 1,
        })
        if len(batch) == 20_000:
            with engine.begin() as conn:
                conn.execute(insert(Case), batch)
            batch = []
    if batch:
        with engine.begin() as conn:
            conn.execute(insert(Case), batch)
    print(f"filled {n - have:,} cases in {time.perf_counter() - start:.1f} s", flush=True)


def wait(app: QApplication, condition, timeout: float = 30.0) -> float:
    """Seconds until condition() holds, processing events meanwhile."""
    start = time.perf_counter()
    while not condition():
        app.processEvents()
        if time.perf_counter() - start > timeout:
            raise TimeoutError("condition not reached")
        time.sleep(0.0005)
    return time.perf_counter() - start


def bench_history(app, ctx, repeat: int, tmp: Path) -> list[float]:
    from app.ui.intake.draft_store import DraftStore
    from app.ui.intake.tab import IntakeTab

    tab = IntakeTab(ctx, draft_store=DraftStore(tmp / "draft.json"))
    tab.show()
    times = []
    for k in range(repeat):
        number = phone_of((k * 7919) % PHONES) if k % 3 else "13812345678"
        tab.form.phone.clear()
        wait(app, lambda: tab.history.list.topLevelItemCount() == 0)
        QTest.keyClicks(tab.form.phone, number[:-1])
        app.processEvents()
        start = time.perf_counter()
        QTest.keyClicks(tab.form.phone, number[-1])
        wait(app, lambda n=number: n in tab.history.status.text() and "正在" not in tab.history.status.text())
        times.append(time.perf_counter() - start)
    tab.close()
    return times


def bench_save(app, ctx, repeat: int, tmp: Path) -> list[float]:
    from app.ui.intake.draft_store import DraftStore
    from app.ui.intake.tab import IntakeTab

    tab = IntakeTab(ctx, draft_store=DraftStore(tmp / "draft.json"))
    tab.show()
    d = ctx.directory
    street = d.unit_by_name("太平桥街道")
    community = d.unit_by_name("天伦北里社区")
    times = []
    for k in range(repeat):
        tab.form.phone.setText(f"1370000{k:04d}")
        tab.form.street.set_value(street.id, street.name)
        tab.form.community.set_value(community.id, community.name)
        tab.form.category.set_value(d.category_by_name("无障碍设施").id)
        tab.form.description.setPlainText("小区门口无障碍坡道损坏")
        wait(app, lambda: tab.save_button.isEnabled() and tab.history_jobs.pending() == 0
             and tab.lookup_jobs.pending() == 0 and tab.preview_jobs.pending() == 0)
        start = time.perf_counter()
        QTest.keyClick(tab.form.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        wait(app, lambda: not tab.saving and tab.form.is_empty())
        times.append(time.perf_counter() - start)
        assert "已受理" in tab.result.text(), tab.result.text()
    tab.close()
    return times


def bench_cases(app, ctx, repeat: int) -> tuple[list[float], dict[str, list[float]]]:
    from app.ui.cases.tab import CasesTab

    first = []
    for _ in range(max(3, repeat // 3)):
        start = time.perf_counter()
        tab = CasesTab(ctx)
        tab.show()
        wait(app, lambda t=tab: len(t.model.rows) > 0)
        first.append(time.perf_counter() - start)
        tab.close()
        tab.deleteLater()
    tab = CasesTab(ctx)
    tab.show()
    wait(app, lambda: len(tab.model.rows) > 0)
    d = ctx.directory
    today = clock.today()
    filters = {
        "state dispatched": CaseFilter(statuses=("dispatched",)),
        "overdue": CaseFilter(overdue=True),
        "street": CaseFilter(street_id=d.unit_by_name("马家堡街道").id),
        "unit + month": CaseFilter(unit_id=d.unit_by_name("太平桥街道").id, received_from=today.replace(day=1),
                                   received_to=today),
        "category": CaseFilter(category_id=d.category_by_name("供暖").id),
        "key topic": CaseFilter(key_topic_year=2022),
        "phone search": CaseFilter(search=phone_of(4242)),
        "text search": CaseFilter(search="环境问题"),
        "sort by deadline": None,
        "sort by state": "status",
    }
    results: dict[str, list[float]] = {}
    for _ in range(max(2, repeat // 5)):
        for name, flt in filters.items():
            tab.model.set_query(CaseFilter())
            wait(app, lambda: not tab.model.busy)
            start = time.perf_counter()
            if flt is None or isinstance(flt, str):
                tab.model.set_query(sort_key=flt or "reply_deadline", descending=False)
            else:
                tab.filters.set_filter(flt)
            wait(app, lambda: not tab.model.busy)
            results.setdefault(name, []).append(time.perf_counter() - start)
            tab.model.sort_key, tab.model.descending = "received_at", True
    tab.close()
    return first, results


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.1f} ms (n={len(values)}, max {max(values) * 1000:.1f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="SQLAlchemy URL of a database made for measuring")
    parser.add_argument("--fill", type=int, default=0, help="bulk-insert synthetic cases up to this many")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    engine = db.make_engine(args.db)
    db.upgrade(engine)
    if args.fill:
        fill(engine, args.fill)
        if engine.dialect.name == "sqlite":
            db.sqlite_checkpoint(engine)
    with db.make_session_factory(engine)() as s:
        total = s.scalar(select(func.count()).select_from(Case))
    engine.dispose()
    app = make_application()
    ctx = open_context(args.db)
    print(f"{datetime.now():%Y-%m-%d %H:%M} {ctx.url_text}: {total:,} cases", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        print("history after last phone digit:", ms(bench_history(app, ctx, args.repeat, Path(tmp))), flush=True)
        print("save & dispatch to clean form: ", ms(bench_save(app, ctx, args.repeat, Path(tmp))), flush=True)
    first, filters = bench_cases(app, ctx, args.repeat)
    print("cases tab first page:          ", ms(first), flush=True)
    for name, values in filters.items():
        print(f"filter change {name:18s}", ms(values), flush=True)
    print("filter change (all, median):   ", ms([v for vs in filters.values() for v in vs]), flush=True)
    QThreadPool.globalInstance().waitForDone()  # counts still running must not outlive the application
    return 0


if __name__ == "__main__":
    sys.exit(main())
