"""The English interface as an English-speaking user sees it: whole words, capitalised buttons, no stray
mnemonics, titles that fit."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from app.services import lifecycle as L
from app.services.actors import system_actor
from app.ui.cases.tab import CasesTab
from app.ui.i18n import install_translators
from tests.factories import case_in_state
from tests.ui_helpers import console, wait_idle

I18N = Path(__file__).resolve().parent.parent / "resources" / "i18n"


@pytest.fixture
def english(qapp):
    translators = install_translators(qapp, "en")
    yield
    for t in translators:
        qapp.removeTranslator(t)
    install_translators(qapp, "zh")


def test_no_translation_takes_an_ampersand_for_a_mnemonic_by_mistake():
    """'Save & dispatch' showed as 'Save_dispatch': a lone & marks the next letter as the shortcut."""
    wrong = []
    for ts in sorted(I18N.glob("*_en.ts")):
        for message in ET.parse(ts).getroot().iter("message"):
            source, text = message.findtext("source") or "", message.findtext("translation") or ""
            rest = text.replace("&&", "")
            if "&" not in rest:
                continue
            after = rest[rest.index("&") + 1:rest.index("&") + 2]
            if "(&" not in source or not after.isalnum() or rest.count("&") > 1:
                wrong.append((ts.name, source, text))
    assert not wrong, wrong


def _title_fits(header, col) -> bool:
    return header.sectionSize(col) >= header.sectionSizeHint(col)


def test_cases_tab_in_english_capitalised_buttons_whole_titles(qtbot, sqlite_url, english):
    ctx = console(sqlite_url, "dispatcher")
    ref = case_in_state(ctx.sf, system_actor(), "new")
    asked = case_in_state(ctx.sf, system_actor(), "accepted")
    L.request_return(ctx.sf, system_actor(), asked.id, "不属于本单位职责")
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    wait_idle(qtbot, tab)
    header = tab.table.horizontalHeader()
    assert header.model().headerData(4, header.orientation()) == "Urgency"
    assert all(_title_fits(header, col) for col in range(header.count() - 1)), \
        [(header.model().headerData(c, header.orientation()), header.sectionSize(c), header.sectionSizeHint(c))
         for c in range(header.count())]
    # a code's name, not an action's that shares its Chinese words ("ask for a return", "General")
    row = next(i for i, r in enumerate(tab.model.rows) if r.id == asked.id)
    assert tab.model.index(row, 2).data() == "Accepted·Return requested"
    assert tab.model.index(row, 4).data() == "Normal"
    tab.select_case(ref.id)
    qtbot.waitUntil(lambda: tab.detail.detail is not None)
    shown = [b.text() for b in tab.findChildren(QPushButton) if b.objectName().startswith("action_") and b.isVisible()]
    assert "Dispatch" in shown and all(t[:1].isupper() for t in shown), shown
    # the timeline's column titles stay whole words ("Workstati on" was broken over two lines)
    doc = tab.detail.view.document()
    block = doc.begin()
    titles = {}
    while block.isValid():
        if block.text() in ("Workstation", "Action", "State"):
            titles[block.text()] = block.layout().lineCount()
        block = block.next()
    assert titles.get("Workstation") == 1, titles


def test_intake_in_english_at_1366_shows_a_whole_phone_number(qtbot, sqlite_url, english):
    """English's longer labels squeezed the phone field to eight digits at 1366 px."""
    from app.ui.intake.tab import IntakeTab

    tab = IntakeTab(console(sqlite_url, "receptionist"))
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    qtbot.waitExposed(tab)
    phone = tab.form.phone
    assert phone.width() >= phone.fontMetrics().horizontalAdvance("010-63812345-123")
    street = tab.form.street
    assert street.width() >= street.fontMetrics().horizontalAdvance("东铁匠营街道")
