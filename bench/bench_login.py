"""Median time of a password hash, a password check and a whole login (SQLite file), on this machine.

    .venv/bin/python bench/bench_login.py
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import db  # noqa: E402
from app.services import accounts  # noqa: E402
from app.services.actors import system_actor  # noqa: E402


def median_ms(fn, runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def main() -> None:
    stored = accounts.hash_password("secret-pass")
    print(f"scrypt hash (n=2^14, r=8, p=1): {median_ms(lambda: accounts.hash_password('secret-pass')):.1f} ms")
    print(f"password check:                 {median_ms(lambda: accounts.verify_password('secret-pass', stored)):.1f} ms")
    with tempfile.TemporaryDirectory() as folder:
        engine = db.make_engine(f"sqlite:///{folder}/bench.db")
        db.upgrade(engine)
        sf = db.make_session_factory(engine)
        accounts.create_staff(sf, system_actor(), "bench", "测试", "dispatcher", "secret-pass")
        print(f"login (SQLite, access log row): {median_ms(lambda: accounts.login(sf, 'bench', 'secret-pass', 'ws')):.1f} ms")
        engine.dispose()


if __name__ == "__main__":
    main()
