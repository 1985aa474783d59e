"""Fault injection for the files the commands write: kill -9 during export, snapshot, backup, import and migration.

    .venv/bin/python bench/fault_files.py [--cases 20000] [--tries 8] [--folder /tmp/hotline-faults]

For each operation it runs it once undisturbed (to learn how long it takes), then `--tries` times
killed with SIGKILL at an evenly spread moment of that time, and checks after each kill:
- the source database is whole (`PRAGMA integrity_check`) and holds the same cases;
- the target under its final name is either absent or complete (an export with every row, a
  snapshot or backup that is a whole database with every case, a migrated database at the old or the
  new revision and its `.bak` whole); never a partial file;
- the next undisturbed run succeeds and leaves no temporary file of the killed one beside the target;
- an import into an empty database holds none or all of the file's cases, and when none, the next
  import brings them all.
A server restart during load is bench/bench_load.py --restart-at S.
It prints what it tried and how many held.
"""
from __future__ import annotations

import argparse
import csv
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import db  # noqa: E402


def run(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True)


def killed(args: list[str], after: float) -> int:
    proc = subprocess.Popen([sys.executable, "main.py", *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    time.sleep(after)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    return proc.wait()


def whole(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False


def cases_in(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM cases").fetchone()[0]
    finally:
        conn.close()


def revision(path: Path) -> str | None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def csv_rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def temporaries(folder: Path, name: str) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(f".{name}.")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--tries", type=int, default=8)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/hotline-faults"))
    args = parser.parse_args()
    folder = args.folder
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "out").mkdir(parents=True)
    source = folder / "hotline.db"
    url = f"sqlite:///{source}"
    done = run(["demo", "--cases", str(args.cases), "--db", url])
    if done.returncode:
        print(done.stderr)
        return 1
    total = cases_in(source)
    out = folder / "out"

    # a copy of the database one revision back, for the migration
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(db.alembic_config())
    head = script.get_current_head()
    previous = script.get_revision(head).down_revision
    old = folder / "old.db"
    engine = db.make_engine(url)
    db.backup_sqlite(engine, old)
    engine.dispose()
    engine = db.make_engine(f"sqlite:///{old}")
    db.downgrade(engine, previous)
    db.sqlite_checkpoint(engine)
    engine.dispose()

    def check_export(target: Path) -> str | None:
        if target.exists() and csv_rows(target) != total:
            return f"partial export: {csv_rows(target)} of {total} rows"
        return None

    def check_copy(target: Path) -> str | None:
        if target.exists() and not (whole(target) and cases_in(target) == total):
            return "partial database under the final name"
        return None

    operations = {
        "export": (lambda t: ["export", str(t), "--db", url, "--force"], "cases.csv", check_export),
        "snapshot --cases all": (lambda t: ["snapshot", str(t), "--db", url, "--cases", "all", "--force"],
                                 "laptop.db", check_copy),
        "backup": (lambda t: ["backup", str(t), "--db", url, "--force"], "copy.db", check_copy),
    }
    results = []
    for label, (command, name, check) in operations.items():
        target = out / name
        started = time.perf_counter()
        done = run(command(target))
        took = time.perf_counter() - started
        if done.returncode:
            print(f"{label}: the undisturbed run failed: {done.stderr.strip()}")
            return 1
        target.unlink()
        held, problems = 0, []
        for i in range(args.tries):
            killed(command(target), took * (i + 0.5) / args.tries)
            problem = check(target)
            if problem is None and not (whole(source) and cases_in(source) == total):
                problem = "source database damaged"
            if problem is None:
                again = run(command(target))
                if again.returncode or temporaries(out, name) or check(target):
                    problem = f"the next run: {again.stderr.strip() or temporaries(out, name)}"
            if problem is None:
                held += 1
            else:
                problems.append(problem)
            target.unlink(missing_ok=True)
        results.append((label, took, args.tries, held, problems))

    # import: all or nothing into an empty database, whatever moment it is killed at
    exchange = folder / "exchange.csv"
    done = run(["export", str(exchange), "--db", url])
    if done.returncode:
        print(f"import: the export to import failed: {done.stderr.strip()}")
        return 1
    empty = folder / "empty.db"  # the source's units and categories (the demo's communities), no case
    done = run(["snapshot", str(empty), "--db", url])
    if done.returncode:
        print(f"import: cannot make an empty database: {done.stderr.strip()}")
        return 1
    imp = folder / "import"
    imp.mkdir()
    into = imp / "hotline.db"

    def fresh() -> list[str]:
        for p in imp.iterdir():
            p.unlink()
        shutil.copy(empty, into)
        return ["import", str(exchange), "--db", f"sqlite:///{into}"]

    started = time.perf_counter()
    done = run(fresh())
    took = time.perf_counter() - started
    if done.returncode or cases_in(into) != total:
        print(f"import: the undisturbed run failed: {done.stderr.strip()}")
        return 1
    held, problems = 0, []
    for i in range(args.tries):
        command = fresh()
        killed(command, took * (i + 0.5) / args.tries)
        problem = None
        n = cases_in(into) if whole(into) else -1
        if n not in (0, total):
            problem = f"after the kill the database holds {n} of {total} cases (or is damaged)"
        elif n == 0 and (run(command).returncode or cases_in(into) != total):
            problem = "the next import did not bring every case"
        if problem is None:
            held += 1
        else:
            problems.append(problem)
    results.append(("import (all or nothing)", took, args.tries, held, problems))

    # migration: the console's start migrates an older embedded database, copying it aside first
    migrate = folder / "migrate"
    migrate.mkdir()
    upgrade = ["db", "upgrade", "--db", f"sqlite:///{migrate / 'hotline.db'}"]
    shutil.copy(old, migrate / "hotline.db")
    started = time.perf_counter()
    done = run(upgrade)
    took = time.perf_counter() - started
    held, problems = 0, []
    for i in range(args.tries):
        shutil.rmtree(migrate)
        migrate.mkdir()
        shutil.copy(old, migrate / "hotline.db")
        killed(upgrade, took * (i + 0.5) / args.tries)
        live = migrate / "hotline.db"
        baks = list(migrate.glob("hotline.db.before-*.bak"))
        problem = None
        if not whole(live) or revision(live) not in (previous, head) or cases_in(live) != total:
            problem = f"database after the kill: revision {revision(live)}"
        elif any(not (whole(b) and cases_in(b) == total) for b in baks):
            problem = "partial .bak under its final name"
        elif run(upgrade).returncode or revision(live) != head:
            problem = "the next start did not migrate"
        if problem is None:
            held += 1
        else:
            problems.append(problem)
    results.append(("migration (pre-migration .bak)", took, args.tries, held, problems))

    print(f"{total:,} cases; each operation killed (SIGKILL) at {args.tries} moments spread over its run")
    for label, took, tried, held, problems in results:
        print(f"{label:32} run {took:5.1f} s   tried {tried:3}   held {held:3}"
              + (f"   problems: {problems}" if problems else ""))
    return 0 if all(held == tried for _l, _t, tried, held, _p in results) else 1


if __name__ == "__main__":
    sys.exit(main())
