"""Start-up as the user waits for it: `rank` for one month as a whole command, the same ranking from DuckDB
as a whole process, and the console's login dialog on screen (issue 18, item 3).

    python bench/bench_startup.py [--db sqlite:///FILE.db] [--runs 15] [--period 2022-07] [--installed]

Without --db it builds bench/out/startup-50000.db once with `python main.py demo --cases 50000`.
Every figure is a whole process timed from the parent (start to exit, or to the line the child prints),
the runs of the different figures interleaved so that a busy machine weighs on all of them alike, after
one warm-up round (the children cache their bytecode, as an installed program has it:
PYTHONDONTWRITEBYTECODE is not passed on); the medians are printed as `median <figure>: <value> ms` (bench/run_all.py reads such lines).

DuckDB (not a dependency of the console: `pip install duckdb` for this benchmark; without it the
comparison is skipped with a message) reads the same SQLite file through its sqlite extension when that
can be loaded without the network; otherwise the three tables the ranking reads (units,
stat_monthly_unit, scoring_rules) are exported to Parquet first and DuckDB reads those (said in the output).

--installed: also as a user runs it. The wheel is built from what the repository holds (as tests/test_wheel.py
builds it) and installed, not editable, into a throw-away virtual environment (bench/out/installed-venv, made
anew each run) with its dependencies from the package index (pip's cache, or the network); when that cannot be
done, the wheel alone (--no-deps) with the dependencies of this interpreter's environment reached through a
.pth line (the output says which). Then `hotline rank …` of that environment is timed beside the development
run (`python main.py rank …` in this checkout, whose editable install's finder every start of the shared
environment imports) and beside DuckDB, all interleaved; DuckDB then runs in that environment too when
`pip install duckdb` works there, so that both sides start the same interpreter the same way.

The login dialog: a small child starts the console (`app.cli.main(["--db", URL])`) under
QT_QPA_PLATFORM=offscreen and prints when the dialog is shown and when its login page is ready for typing
(the user-name field has the focus), then ends.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = sys.executable
# as installed: the children may cache their bytecode (a wheel's install compiles it), whatever this shell says
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

DUCKDB_RANK = """
WITH params AS (SELECT DATE '{month}' AS m, DATE '{previous}' AS p),
rule AS (
  SELECT w_response, w_resolution, w_satisfaction, w_basic FROM {scoring_rules}
  WHERE effective_from <= (SELECT m FROM params) ORDER BY effective_from DESC LIMIT 1),
sums AS (
  SELECT CASE WHEN u.level >= 3 THEN u.parent_id ELSE u.id END AS unit_id, s.month,
         sum(s.received) AS received, sum(s.callbacks) AS callbacks, sum(s.reached) AS reached,
         sum(s.contacted) AS contacted, sum(s.resolved) AS resolved, sum(s.satisfied) AS satisfied,
         sum(s.basic) AS basic
  FROM {stat_monthly_unit} s JOIN {units} u ON u.id = s.unit_id
  WHERE s.month IN ((SELECT m FROM params), (SELECT p FROM params))
  GROUP BY 1, 2),
scored AS (
  SELECT g.id, g.name, g.sort_key, x.month, x.received, x.reached,
         x.contacted / x.reached AS response, x.resolved / x.reached AS resolution,
         (x.satisfied + r.w_basic * x.basic) / x.reached AS satisfaction,
         r.w_response * x.contacted / x.reached + r.w_resolution * x.resolved / x.reached
           + r.w_satisfaction * (x.satisfied + r.w_basic * x.basic) / x.reached AS score
  FROM {units} g JOIN sums x ON x.unit_id = g.id CROSS JOIN rule r
  WHERE g.kind IN ('street', 'town') AND x.reached > 0)
SELECT row_number() OVER (ORDER BY round(c.score, 12) DESC, c.reached DESC, c.sort_key, c.name) AS rank,
       c.name, 'street', c.received, c.reached, c.response, c.resolution, c.satisfaction, c.score,
       c.score - b.score AS change
FROM scored c LEFT JOIN scored b ON b.id = c.id AND b.month = (SELECT p FROM params)
WHERE c.month = (SELECT m FROM params)
ORDER BY 1
"""

DUCKDB_CHILD = """
import csv, sys
import duckdb
con = duckdb.connect()
{attach}
rows = con.execute({query!r}).fetchall()
w = csv.writer(sys.stdout, lineterminator="\\n")
w.writerow(("rank", "unit", "level", "cases", "callbacks", "response_rate", "resolution_rate",
            "satisfaction_rate", "score", "change"))
w.writerows(rows)
"""

LOGIN_CHILD = """
import os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(["hotline"])  # the console's make_application takes this one (QApplication.instance())

class Probe(QObject):
    shown = None

    def eventFilter(self, obj, event):
        if (self.shown is None and event.type() == QEvent.Type.Show
                and obj.objectName() == "loginDialog" and obj.isWindow()):
            self.shown = obj
            print("shown", flush=True)
            self.timer = QTimer(interval=5)
            self.timer.timeout.connect(self.ready)
            self.timer.start()
        return False

    def ready(self):
        d = self.shown
        if d.stack.currentIndex() == 2 and d.username.isVisible():
            print("ready", flush=True)
            os._exit(0)

probe = Probe()
app.installEventFilter(probe)
from app.cli import main
main(["--db", sys.argv[1]])
os._exit(1)
"""


def timed(cmd: list[str], env: dict | None = None, marks: tuple[str, ...] = (), cwd: Path = ROOT) -> list[float]:
    """Seconds from start to exit (no marks), or to each marked line the child prints."""
    env = env or ENV
    began = time.perf_counter()
    if not marks:
        done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True)
        spent = time.perf_counter() - began
        if done.returncode != 0:
            raise SystemExit(f"failed: {' '.join(cmd)}\n{done.stderr.decode()[-2000:]}")
        return [spent]
    child = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    times = []
    for line in child.stdout:
        if line.strip() == marks[len(times)]:
            times.append(time.perf_counter() - began)
            if len(times) == len(marks):
                break
    child.kill()
    child.wait()
    if len(times) != len(marks):
        raise SystemExit(f"the console did not show its login dialog:\n{child.stderr.read()[-2000:]}")
    return times


def demo_database() -> str:
    path = OUT / "startup-50000.db"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        print("building the demo database (python main.py demo --cases 50000) …", flush=True)
        partial = path.with_suffix(".partial.db")
        for side in ("", "-wal", "-shm"):
            Path(f"{partial}{side}").unlink(missing_ok=True)
        subprocess.run([PY, "main.py", "demo", "--cases", "50000", "--db", f"sqlite:///{partial}"], cwd=ROOT,
                       check=True, stdout=subprocess.DEVNULL)
        partial.rename(path)
    return f"sqlite:///{path}"


def sqlite_file(url: str) -> Path:
    if not url.startswith("sqlite:///"):
        raise SystemExit("--db must be a SQLite file URL (sqlite:///FILE.db): DuckDB reads the same file")
    return Path(url[len("sqlite:///"):])


def default_period(path: Path) -> str:
    """The last whole month of the data (the month before the newest one)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    newest = con.execute("SELECT max(month) FROM stat_monthly_unit").fetchone()[0]
    con.close()
    d = date.fromisoformat(str(newest)[:10])
    y, m = (d.year, d.month - 1) if d.month > 1 else (d.year - 1, 12)
    return f"{y:04d}-{m:02d}"


def duckdb_source(path: Path, folder: Path) -> tuple[str, dict[str, str], str] | None:
    """How the DuckDB child reads the data: (attach code, table names, what it reads), or None without duckdb."""
    probe = subprocess.run([PY, "-c", "import duckdb"], capture_output=True)
    if probe.returncode != 0:
        return None
    attach = f"con.execute(\"ATTACH '{path}' AS h (TYPE sqlite, READ_ONLY)\")"
    loaded = subprocess.run([PY, "-c", f"import duckdb\ncon = duckdb.connect()\n{attach}"], capture_output=True,
                            text=True, timeout=60)
    if loaded.returncode == 0:
        return attach, {t: f"h.{t}" for t in ("units", "stat_monthly_unit", "scoring_rules")}, \
            "the SQLite file itself, through DuckDB's sqlite extension"
    import duckdb  # the extension needs the network to be installed: read the same tables from Parquet

    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con = duckdb.connect()
    tables = {}
    for table, ddl in (("units", "id INTEGER, name VARCHAR, kind VARCHAR, level INTEGER, parent_id INTEGER, sort_key VARCHAR"),
                       ("scoring_rules", "effective_from DATE, w_response DOUBLE, w_resolution DOUBLE, "
                                         "w_satisfaction DOUBLE, w_basic DOUBLE"),
                       ("stat_monthly_unit", "month DATE, unit_id INTEGER, received INTEGER, callbacks INTEGER, "
                                             "reached BIGINT, contacted DOUBLE, resolved DOUBLE, satisfied DOUBLE, "
                                             "basic DOUBLE")):
        columns = [c.split()[0] for c in ddl.split(", ")]
        con.execute(f"CREATE TABLE {table} ({ddl})")
        rows = src.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
        if rows:
            con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(columns))})", rows)
        target = folder / f"{table}.parquet"
        con.execute(f"COPY {table} TO '{target}' (FORMAT parquet)")
        tables[table] = f"read_parquet('{target}')"
    src.close()
    con.close()
    reason = _first_line(loaded.stderr)
    return "", tables, f"Parquet files exported from the SQLite file (the sqlite extension cannot be loaded offline: {reason})"


def _first_line(text: str) -> str:
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    return (lines[-1] if lines else "")[:160]


def installed_environment() -> tuple[Path, str]:
    """bench/out/installed-venv with the wheel of this checkout installed (not editable): (its bin folder, how
    the dependencies came)."""
    folder = OUT / "installed-venv"
    shutil.rmtree(folder, ignore_errors=True)
    source, wheels = OUT / "installed-source", OUT / "installed-wheel"
    for d in (source, wheels):
        shutil.rmtree(d, ignore_errors=True)
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    for name in tracked.stdout.splitlines():
        if (ROOT / name).is_file() and name.split("/")[0] in ("app", "migrations", "resources", "pyproject.toml",
                                                              "README.md", "main.py"):
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    print("building the wheel and installing it into bench/out/installed-venv …", flush=True)
    subprocess.run([PY, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(wheels)], check=True,
                   capture_output=True)
    (wheel,) = wheels.glob("hotline_console-*.whl")
    venv.EnvBuilder(with_pip=False).create(folder)
    bindir = folder / "bin"
    python = str(bindir / "python")
    full = subprocess.run([PY, "-m", "pip", "--python", python, "install", "-q", str(wheel)], capture_output=True,
                          text=True)
    if full.returncode == 0:
        how = "the wheel and its dependencies installed from the package index (pip's cache or the network)"
    else:
        site = subprocess.check_output([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                       text=True).strip()
        import sysconfig

        (Path(site) / "deps_from_benchmark_environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
        subprocess.run([PY, "-m", "pip", "--python", python, "install", "--no-deps", "-q", str(wheel)], check=True,
                       capture_output=True)
        how = (f"the wheel alone (--no-deps: {_first_line(full.stderr)}); its dependencies are this environment's, "
               "reached through a .pth line")
    duck = subprocess.run([PY, "-m", "pip", "--python", python, "install", "-q", "duckdb"], capture_output=True)
    if duck.returncode != 0:
        how += "; duckdb could not be installed there (DuckDB runs in this environment)"
    for d in (source, wheels):
        shutil.rmtree(d, ignore_errors=True)
    return bindir, how


def import_figures(cmd: list[str]) -> list[tuple[str, float]]:
    """Cumulative `python -X importtime` figures (ms) of the top-level imports of the rank command, one run."""
    done = subprocess.run([cmd[0], "-X", "importtime", *cmd[1:]], cwd=ROOT, capture_output=True, text=True, env=ENV)
    out = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        _, cumulative, name = line[len("import time:"):].split("|")
        if name.startswith(" ") and not name.startswith("  "):  # top level: one space after the bar
            out.append((name.strip(), int(cumulative) / 1000))
    return sorted(out, key=lambda x: -x[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a SQLite URL (default: the 50 000-case demo in bench/out)")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--period", help="the month ranked (default: the data's last whole month)")
    parser.add_argument("--installed", action="store_true",
                        help="also time `hotline rank` installed from the wheel (not editable) in a throw-away venv")
    parser.add_argument("--before", metavar="DIR", type=Path,
                        help="also time `python main.py rank` of another checkout in the same rounds (a version "
                             "before a change: git worktree add --detach /tmp/before main)")
    args = parser.parse_args()
    url = args.db or demo_database()
    path = sqlite_file(url)
    period = args.period or default_period(path)
    y, m = map(int, period.split("-"))
    month, previous = date(y, m, 1), (date(y, m - 1, 1) if m > 1 else date(y - 1, 12, 1))

    rank_args = ["rank", "--period", period, "--level", "street", "--db", url]
    rank_cmd = [PY, "main.py", *rank_args]
    installed_cmd, duck_py = None, PY
    if args.installed:
        bindir, how = installed_environment()
        print(f"installed: {how}")
        # the console script, as the user types it (its first line runs the environment's interpreter)
        installed_cmd = [str(bindir / "hotline"), *rank_args]
        if subprocess.run([str(bindir / "python"), "-c", "import duckdb"], capture_output=True).returncode == 0:
            duck_py = str(bindir / "python")
    with tempfile.TemporaryDirectory() as folder:
        figures: dict[str, list[float]] = {"python": [], "rank_command": [], "login_shown": [], "login_ready": []}
        if installed_cmd:
            figures["python_installed"], figures["rank_installed"] = [], []
        if args.before:
            figures["rank_before"] = []
        source = duckdb_source(path, Path(folder))
        duck_cmd = None
        if source is None:
            print("duckdb is not installed (pip install duckdb): the DuckDB comparison is skipped")
        else:
            attach, tables, what = source
            print(f"DuckDB reads {what}")
            query = DUCKDB_RANK.format(month=month, previous=previous, **tables)
            duck_cmd = [duck_py, "-c", DUCKDB_CHILD.format(attach=attach, query=query)]
            figures["duckdb_rank"] = []
            duck_out = subprocess.run(duck_cmd, cwd=ROOT, capture_output=True, text=True, check=True).stdout
            for cmd in filter(None, (rank_cmd, installed_cmd)):
                rank_out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True).stdout
                same = [r.split(",")[:5] for r in duck_out.splitlines()] == [r.split(",")[:5] for r in rank_out.splitlines()]
                print(f"the same ranking from both (rank, unit, level, cases, counted callbacks of every row): "
                      f"{'yes' if same else 'NO'}")
        gui = {**ENV, "QT_QPA_PLATFORM": "offscreen"}
        for round_ in range(args.runs + 1):  # the first round only warms up (bytecode, file cache)
            if round_ == 1:
                figures = {k: [] for k in figures}
            figures["python"] += timed([PY, "-c", "pass"])
            figures["rank_command"] += timed(rank_cmd)
            if args.before:
                figures["rank_before"] += timed(rank_cmd, cwd=args.before.resolve())
            if installed_cmd:
                figures["python_installed"] += timed([str(bindir / "python"), "-c", "pass"])
                figures["rank_installed"] += timed(installed_cmd)
            if duck_cmd:
                figures["duckdb_rank"] += timed(duck_cmd)
            shown, ready = timed([PY, "-c", LOGIN_CHILD, url], env=gui, marks=("shown", "ready"))
            figures["login_shown"].append(shown)
            figures["login_ready"].append(ready)

    print(f"\n{path.name}, rank --period {period}, {args.runs} interleaved runs each (whole processes):")
    labels = {"python": "python -c pass (the interpreter alone)",
              "rank_command": "`python main.py rank` one month, whole command, development (editable) environment",
              "python_installed": "python -c pass in the installed environment",
              "rank_installed": "`hotline rank` one month, whole command, installed from the wheel",
              "rank_before": f"`python main.py rank` of {args.before}",
              "duckdb_rank": "DuckDB, the same ranking, whole process",
              "login_shown": "console: login dialog shown", "login_ready": "console: login page ready for typing"}
    medians = {k: statistics.median(v) * 1000 for k, v in figures.items()}
    for key, value in medians.items():
        print(f"median {key}: {value:.0f} ms   ({labels[key]}; min {min(figures[key]) * 1000:.0f} ms)")
    if "duckdb_rank" in medians:
        for key in ("rank_command", "rank_installed", "rank_before"):
            if key in medians:
                ratio = medians[key] / medians["duckdb_rank"]
                print(f"{key} / DuckDB: {ratio:.2f} (target ≤ 1.5: {'met' if ratio <= 1.5 else 'NOT met'})")
    print(f"login dialog shown: target ≤ 1000 ms: {'met' if medians['login_shown'] <= 1000 else 'NOT met'}")
    cmd = [str(bindir / "python"), *installed_cmd] if installed_cmd else rank_cmd
    print(f"\n`python -X importtime {'hotline' if installed_cmd else 'main.py'} rank …` (one run), cumulative ms of "
          "the top-level imports:")
    for name, ms in import_figures(cmd)[:12]:
        print(f"  {ms:7.1f}  {name}")


if __name__ == "__main__":
    main()
