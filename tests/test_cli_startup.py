"""A command imports only what it uses: building the parser loads no ORM, no demo generator, no accounts; the
console shows its login dialog before the main window and pyqtgraph are imported (issue 18, 3)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("sqlalchemy", "sqlalchemy.orm", "alembic", "app.db", "app.models", "app.services.demo",
         "app.services.accounts", "app.services.metrics", "PySide6")


# what `rank` does not need (besides HEAVY's demo, accounts, alembic, ORM and Qt): the other commands' modules
NOT_FOR_RANK = ("app.commands.accounts", "app.commands.exchange", "app.commands.demo", "app.commands.report",
                "app.commands.snapshot", "app.commands.backup", "app.commands.grants", "app.commands.hotspots",
                "app.commands.watch", "getpass")


def _loaded_after(code: str, modules: tuple[str, ...] = HEAVY) -> dict[str, bool]:
    probe = f"import json, sys\n{code}\nprint(json.dumps({{m: m in sys.modules for m in {modules!r}}}))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def test_building_the_parser_imports_no_heavy_module():
    loaded = _loaded_after("import app.cli\napp.cli.build_parser().parse_args(['rank', '--period', '2022-08'])")
    assert [m for m, yes in loaded.items() if yes] == []


def test_help_of_every_command_is_shown_without_heavy_modules():
    code = ("import contextlib, io\nfrom app.cli import main\n"
            "for cmd in (['--help'], ['rank', '--help'], ['demo', '--help'], ['accounts', 'list', '--help'],\n"
            "            ['db', 'upgrade', '--help'], ['import', '--help'], ['hotspots', '--help'], ['watch', '--help']):\n"
            "    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
            "        main(cmd)\n")
    loaded = _loaded_after(code)
    assert [m for m, yes in loaded.items() if yes] == []


def test_rank_runs_without_the_demo_generator_accounts_or_alembic(tmp_path):
    url = f"sqlite:///{tmp_path / 'rank.db'}"
    from app.cli import main

    assert main(["db", "upgrade", "--db", url]) == 0
    code = ("import contextlib, io\nfrom app.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()):\n    assert main(['rank', '--period', '2022-08', '--db', {url!r}]) == 0\n")
    loaded = _loaded_after(code, HEAVY + NOT_FOR_RANK)
    assert loaded["app.services.metrics"]  # it did rank
    assert [m for m in NOT_FOR_RANK if loaded[m]] == []  # main built only the rank command's parser
    assert not loaded["app.services.demo"] and not loaded["app.services.accounts"] and not loaded["alembic"]
    assert not loaded["PySide6"]
    assert not loaded["sqlalchemy.orm"] and not loaded["app.models"]  # Core statements on app/summary_tables.py


@pytest.mark.parametrize("argv", [
    ["rank", "--period", "2022-08"], ["--db", "sqlite:///x.db", "rank", "--period", "2022", "--level", "bureau"],
    ["rank", "--read-db", "postgresql://standby/h", "--period", "2022-Q3", "--format", "table"],
    ["--lang=en", "accounts", "list"], ["--d", "u", "export", "f.csv", "--from", "2022-01-01"],
    ["import", "cases.csv"], ["db", "upgrade", "--db", "x"], ["db", "grant-console", "r", "--admin"],
    ["report", "monthly", "--help"], ["rank", "--help"], ["rank", "--level", "town"], ["rank"], ["accounts"],
    ["hotspots", "--period", "2022-08"], ["watch", "--help"], ["demo", "--cases", "x"], ["backup", "b.db"],
    ["snapshot", "--help"], ["--read-db=x", "--lang", "zh", "report", "street", "--help"]])
def test_a_command_builds_only_its_parser_and_parses_the_same(argv, capsys):
    """main builds only the named command's parser: the same values, help and errors as the whole parser."""
    from app.cli import SUBCOMMANDS, build_parser, command_named

    only = command_named(argv)
    assert only == next(a for a in argv if a in SUBCOMMANDS)
    outcomes = []
    for parser in (build_parser(), build_parser(only=only)):
        try:
            parsed = vars(parser.parse_args(argv))
        except SystemExit as exc:
            parsed = exc.code
        outcomes.append((parsed, *capsys.readouterr()))
    assert outcomes[0] == outcomes[1]
    assert list(build_parser(only=only)._subparsers._group_actions[0].choices) == (
        ["import", "export"] if only in ("import", "export") else [only])


@pytest.mark.parametrize("argv", [[], ["--help"], ["--db", "x"], ["--db", "rank"], ["ranks"], ["--", "rank"],
                                  ["--lang", "en", "-h", "rank"]])
def test_without_a_known_command_the_whole_parser_is_built(argv):
    from app.cli import command_named

    assert command_named(argv) is None


def test_the_core_tables_are_the_models_tables():
    from app import summary_tables
    from app.models import Base

    for table in summary_tables.metadata.tables.values():
        model = Base.metadata.tables[table.name]
        assert [c.name for c in table.columns] == [c.name for c in model.columns], table.name
        for column in table.columns:
            other = model.columns[column.name]
            assert column.type._type_affinity is other.type._type_affinity, (table.name, column.name)
            assert column.primary_key == other.primary_key, (table.name, column.name)
    from app.models import stats

    assert stats.COUNTERS is summary_tables.COUNTERS


def test_the_parser_constants_agree_with_the_services():
    from app.commands import demo as demo_command
    from app.commands import hotspots as hotspots_command
    from app.commands import rank as rank_command
    from app.services import demo, hotspots, metrics

    assert demo_command.MAX_CASES == demo.MAX_CASES
    assert hotspots_command.BY == hotspots.BY
    assert tuple(rank_command.LEVEL_TITLES) == metrics.LEVELS


CONSOLE_PROBE = """
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

app = QApplication(["hotline"])

class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Show and obj.objectName() == "loginDialog":
            print(" ".join(m for m in ("pyqtgraph", "numpy", "app.ui.main_window") if m in sys.modules) or "light",
                  flush=True)
            os._exit(0)
        return False

probe = Probe()
app.installEventFilter(probe)
from app.cli import main
main(["--db", sys.argv[1]])
os._exit(1)
"""


def test_the_login_dialog_is_shown_before_pyqtgraph_and_the_main_window_are_imported(tmp_path):
    url = f"sqlite:///{tmp_path / 'console.db'}"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", CONSOLE_PROBE, url], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "light"


def test_a_command_does_not_walk_its_start_up_objects_again_and_again(tmp_path):
    """While a command runs, the cyclic collector's first threshold is COMMAND_GC_THRESHOLD (the start-up's
    objects all live to the end): a handful of collections instead of hundreds; set back afterwards."""
    url = f"sqlite:///{tmp_path / 'rank.db'}"
    from app.cli import COMMAND_GC_THRESHOLD, main

    assert main(["db", "upgrade", "--db", url]) == 0
    code = ("import contextlib, gc, io\nfrom app.cli import main\nbefore = gc.get_threshold()\nruns = []\n"
            "gc.callbacks.append(lambda phase, info: phase == 'start' and runs.append(info['generation']))\n"
            f"with contextlib.redirect_stdout(io.StringIO()):\n    assert main(['rank', '--period', '2022-08', '--db', {url!r}]) == 0\n"
            "print(len(runs), gc.get_threshold() == before)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    collections, restored = done.stdout.split()
    assert int(collections) < 10, collections  # with the usual threshold (700): about 90
    assert restored == "True"
    assert COMMAND_GC_THRESHOLD >= 50_000
