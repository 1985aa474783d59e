"""Intake saves on a workstation while another imports a large exchange file into the same SQLite database.

    .venv/bin/python bench/bench_import_lock.py --rows 200000 [--every 0.5] [--workdir /tmp/importlock]

Writes a file of ROWS generated cases, starts `python main.py import` on a fresh database in another
process, and meanwhile a receptionist saves one intake case after another through
lifecycle.create_case, EVERY seconds after the previous save ended. Prints how many saves succeeded,
how many failed with "database is locked", and how long the saves took (median, longest), then the
import's own summary. `--busy-timeout S` replaces the console's wait for the write lock (db.py).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy.exc import OperationalError  # noqa: E402

from app import db  # noqa: E402
from app.services import lifecycle  # noqa: E402
from app.services.actors import system_actor  # noqa: E402
from app.services.directory import Directory  # noqa: E402
from tests.exchange_files import iter_generated_rows, write_csv  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--every", type=float, default=0.5)
    ap.add_argument("--workdir", default="/tmp/importlock")
    ap.add_argument("--busy-timeout", type=float, default=None, help="seconds (default: db.SQLITE_BUSY_TIMEOUT_MS)")
    args = ap.parse_args()
    if args.busy_timeout is not None:
        db.SQLITE_BUSY_TIMEOUT_MS = int(args.busy_timeout * 1000)
    work = Path(args.workdir)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    source = write_csv(work / "big.csv", iter_generated_rows(args.rows))
    url = f"sqlite:///{work / 'hotline.db'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    sf = db.make_session_factory(engine)
    with sf() as s:
        d = Directory.load(s)
    form = lifecycle.IntakeForm(caller_phone="13812345678", description="停水", category_id=d.category_by_name("施工扰民").id,
                                street_id=d.unit_by_name("太平桥街道").id)
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "main.py", "import", str(source), "--db", url], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    waits: list[float] = []
    locked: list[float] = []

    def receptionist() -> None:
        while proc.poll() is None:
            t = time.perf_counter()
            try:
                lifecycle.create_case(sf, system_actor(), form, dispatch=True)
                waits.append(time.perf_counter() - t)
            except OperationalError as exc:
                if "locked" not in str(exc.orig):
                    raise
                locked.append(time.perf_counter() - t)
            time.sleep(args.every)

    desk = threading.Thread(target=receptionist)  # a worker thread, as in the console
    desk.start()
    desk.join()
    out = proc.stdout.read().strip()
    print(f"import of {args.rows:,} rows: {time.perf_counter() - started:.1f} s; busy timeout "
          f"{db.SQLITE_BUSY_TIMEOUT_MS / 1000:.0f} s")
    print(f"intake saves: {len(waits) + len(locked)} tried, {len(waits)} saved, {len(locked)} 'database is locked'")
    if waits:
        print(f"saves took: median {statistics.median(waits):.2f} s, longest {max(waits):.1f} s")
    print(out)
    engine.dispose()


if __name__ == "__main__":
    main()
