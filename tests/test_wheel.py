"""The built wheel works on its own: installed outside the checkout it seeds a database, ranks and speaks English."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh virtual environment with only the wheel of this checkout installed in it.

    The dependencies (PySide6, SQLAlchemy …) come from the test's own environment through a .pth line, so
    that the test needs no download of them; the project itself comes only from the wheel (the editable
    install's finder is not loaded there: a .pth line adds a folder, it does not run that folder's .pth files).
    """
    root = tmp_path_factory.mktemp("wheel")
    # built from a copy of what the repository holds, so that nothing left in the checkout's build/ is shipped
    source = root / "source"
    tracked = subprocess.run(["git", "ls-files"], cwd=CHECKOUT, capture_output=True, text=True, check=True)
    for name in tracked.stdout.splitlines():
        if (CHECKOUT / name).is_file() and name.split("/")[0] in ("app", "migrations", "resources", "pyproject.toml",
                                                                  "README.md", "main.py"):
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(CHECKOUT / name, source / name)
    wheels = root / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(wheels)],
        capture_output=True, text=True, cwd=root)
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("hotline_console-*.whl")
    env_dir = root / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    bindir = env_dir / "bin"
    site = Path(subprocess.check_output(
        [str(bindir / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True).strip())
    (site / "deps_from_test_environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(bindir / "python"), "install", "--no-deps", "-q", str(wheel)],
        capture_output=True, text=True, cwd=root)
    assert install.returncode == 0, install.stderr
    return root, bindir


def _run(installed, *args: str) -> subprocess.CompletedProcess:
    root, bindir = installed
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "HOTLINE_DB_URL")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run([str(bindir / "hotline"), *args], capture_output=True, text=True, cwd=root, env=env,
                          timeout=300)


def test_the_installed_wheel_seeds_a_database_and_ranks(installed):
    root, bindir = installed
    url = f"sqlite:///{root / 'fresh.db'}"
    upgrade = _run(installed, "db", "upgrade", "--db", url)
    assert upgrade.returncode == 0, upgrade.stderr
    demo = _run(installed, "demo", "--cases", "400", "--seed", "3", "--db", url)
    assert demo.returncode == 0, demo.stderr
    rank = _run(installed, "rank", "--period", "2022", "--level", "street", "--format", "csv", "--db", url)
    assert rank.returncode == 0, rank.stderr
    lines = rank.stdout.splitlines()
    assert lines[0].startswith("rank,unit,level,cases")
    assert len(lines) > 5 and "街道" in rank.stdout


def test_the_installed_wheel_uses_its_own_files(installed):
    """Code, migrations, reference data and the English translations all come from the installed package."""
    root, bindir = installed
    probe = (
        "import app, migrations, resources; from app.ui.i18n import I18N_DIR; "
        "from app.services.reference import REFERENCE_DIR; from app.db import MIGRATIONS; "
        "print(app.__file__); print(MIGRATIONS); print(REFERENCE_DIR); "
        "print(sorted(p.name for p in I18N_DIR.glob('*_en.qm')))")
    out = subprocess.run([str(bindir / "python"), "-c", probe], capture_output=True, text=True, cwd=root)
    assert out.returncode == 0, out.stderr
    code, migrations, reference, qms = out.stdout.splitlines()
    for path in (code, migrations, reference):
        assert str(CHECKOUT) not in path and str(root / "venv") in path
    assert (Path(reference) / "units.csv").is_file()
    assert "core_en.qm" in qms and "intake_en.qm" in qms
