"""Every string shown to users goes through tr() and has its English translation shipped in resources/i18n."""
from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"


def _messages(ts: Path) -> set[tuple[str, str]]:
    tree = ET.parse(ts)
    found = set()
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found.add((name, message.findtext("source") or ""))
    return found


def _lupdate() -> str:
    exe = Path(sys.executable).parent / "pyside6-lupdate"
    return str(exe) if exe.exists() else shutil.which("pyside6-lupdate")


def test_every_shipped_translation_is_finished():
    files = sorted(I18N.glob("*_en.ts"))
    assert files
    for ts in files:
        for message in ET.parse(ts).getroot().iter("message"):
            translation = message.find("translation")
            source = message.findtext("source")
            # a lone space is a deliberate translation (a Chinese suffix such as 年 that English does without)
            if message.get("numerus") == "yes":  # "1 case" / "2 cases": one form for one, one for more
                forms = [f.text for f in translation.iter("numerusform")] if translation is not None else []
                assert len(forms) == 2 and all(forms), f"{ts.name}: {source!r} needs its two English forms"
            else:
                assert translation is not None and translation.text, f"{ts.name}: {source!r} untranslated"
            assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), f"{ts.name}: {source!r}"
        assert ts.with_suffix(".qm").exists(), f"{ts.name} is not compiled"
        assert ts.with_suffix(".qm").stat().st_mtime >= ts.stat().st_mtime - 1, f"{ts.name} changed after compiling"


def test_every_string_in_the_code_has_a_translation(tmp_path):
    sources = [str(p) for p in sorted((ROOT / "app").rglob("*.py"))]
    out = tmp_path / "all.ts"
    subprocess.run([_lupdate(), *sources, "-ts", str(out)], check=True, capture_output=True)
    in_code = _messages(out)
    shipped = set().union(*(_messages(ts) for ts in I18N.glob("*_en.ts")))
    missing = sorted(in_code - shipped)
    assert not missing, f"{len(missing)} strings without a shipped translation, e.g. {missing[:5]}"


def test_english_on_request(qapp):
    from app.ui.i18n import install_translators

    translators = install_translators(qapp, "en")
    try:
        assert QCoreApplication.translate("MainWindow", "丰台区 12345 接诉即办工作台") != "丰台区 12345 接诉即办工作台"
        from app.messages import status_name

        assert status_name("replied") == "Replied"
    finally:
        for t in translators:
            qapp.removeTranslator(t)


def test_a_count_of_one_reads_singular_in_english(qapp):
    """"13900003333: 1 cases, 1 open" beside the caller's history: a count chooses its English form."""
    from app import messages
    from app.services.errors import ImportProblem, ImportRejected
    from app.ui.i18n import install_translators

    translators = install_translators(qapp, "en")
    try:
        def history(n: int) -> str:
            return QCoreApplication.translate("IntakeTab", "{phone}:共 {n} 件,未办结 {open} 件", None, n).format(
                phone="13900003333", n=n, open=1)
        assert history(1) == "13900003333: 1 case, 1 open"
        assert history(2) == "13900003333: 2 cases, 1 open"
        assert history(0) == "13900003333: 0 cases, 1 open"
        one = messages.import_rejected_text(ImportRejected([ImportProblem(3, "case_no", "duplicate_in_file", "2")]))
        assert one.startswith("The file has 1 problem; nothing was imported:"), one
        many = [ImportProblem(line, "case_no", "duplicate_in_file", "2") for line in range(3, 25)]
        text = messages.import_rejected_text(ImportRejected(many), shown=21)
        assert text.startswith("The file has 22 problems;") and text.endswith("… and 1 more problem"), text
        # lists inside English sentences are joined with ", ", not the Chinese "、"
        from app.services.errors import PermissionDenied

        refused = messages.error_text(PermissionDenied("dispatch", "receptionist", ("dispatcher", "supervisor")))
        assert refused.endswith("Dispatcher, Supervisor") and "、" not in refused, refused
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)
