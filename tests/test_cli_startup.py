"""A command imports only what it uses: building the parser loads no ORM, no demo generator, no accounts; the
console shows its login dialog before the main window and pyqtgraph are imported (issue 18, 3)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("sqlalchemy", "sqlalchemy.orm", "alembic", "app.db", "app.models", "app.services.demo",
         "app.services.accounts", "app.services.metrics", "PySide6")


def _loaded_after(code: str) -> dict[str, bool]:
    probe = f"import json, sys\n{code}\nprint(json.dumps({{m: m in sys.modules for m in {HEAVY!r}}}))"
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
    loaded = _loaded_after(code)
    assert loaded["app.services.metrics"]  # it did rank
    assert not loaded["app.services.demo"] and not loaded["app.services.accounts"] and not loaded["alembic"]
    assert not loaded["PySide6"]
    assert not loaded["sqlalchemy.orm"] and not loaded["app.models"]  # Core statements on app/summary_tables.py


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
