"""Copies of the embedded database: the pre-migration `.bak`, `python main.py backup`, the console's daily backups."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from app import db

ROOT = Path(__file__).resolve().parent.parent


def _previous_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(db.alembic_config())
    return script.get_revision(script.get_current_head()).down_revision


def _complete(path: Path) -> bool:
    """A whole SQLite database: its pages fill the file and the integrity check passes."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        pages, size = conn.execute("PRAGMA page_count").fetchone()[0], conn.execute("PRAGMA page_size").fetchone()[0]
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok" and pages * size == path.stat().st_size
    finally:
        conn.close()


def test_a_kill_during_the_pre_migration_copy_leaves_no_partial_bak(sqlite_url, tmp_path):
    """The console is killed while it copies the database aside before migrating: whatever carries the
    final `.bak` name is a whole database (copied beside under a temporary name, then renamed)."""
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    engine = db.make_engine(sqlite_url)
    with engine.begin() as conn:  # 40 MB, so that the copy takes a while
        conn.exec_driver_sql("CREATE TABLE ballast (x BLOB)")
        conn.exec_driver_sql("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 40) "
                             "INSERT INTO ballast SELECT randomblob(1000000) FROM c")
    db.downgrade(engine, _previous_revision())
    db.sqlite_checkpoint(engine)
    engine.dispose()
    code = f"from app import db; db.upgrade(db.make_engine({sqlite_url!r}))"
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    try:
        seen = None
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            found = [p for p in path.parent.iterdir() if p.name.endswith(".bak")]
            if found:
                os.kill(proc.pid, signal.SIGKILL)  # the moment the final name appears
                seen = found[0]
                break
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    baks = [p for p in path.parent.iterdir() if p.name.endswith(".bak")]
    assert seen is not None or baks, "the upgrade made no copy"
    for bak in baks:
        assert _complete(bak), f"{bak.name} is not a whole database"
        assert bak.stat().st_mode & 0o777 == 0o600
