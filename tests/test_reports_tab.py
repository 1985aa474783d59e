"""The 报表 tab (issue 15), driven by keyboard at 1366×768 through the real builders on a real SQLite file
(the hand-made July/August 2022 history) and on an offline snapshot: pick, preview, save PDF or XLSX."""
from __future__ import annotations

import dataclasses
import re
import subprocess

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from sqlalchemy import select

from app.models import AccessLog
from app.services import clock
from app.services.snapshot import write_snapshot
from app.ui.application import make_application, open_context
from app.ui.i18n import install_translators
from app.ui.reports.pdf import cell_text
from app.ui.reports.tab import ReportsTab
from tests.conftest import make_actor
from tests.dashboard_helpers import TODAY, history_context
from tests.metrics_fixture import COMMUNITY_B
from tests.ui_helpers import type_text


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def open_tab(qtbot, ctx, role: str = "supervisor", unit_id: int | None = None) -> ReportsTab:
    make_application()
    ctx = dataclasses.replace(ctx, actor=make_actor(role, unit_id))
    tab = ReportsTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    return tab


def key(qtbot, widget, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, k, modifier)


def focus_next(qtbot, tab) -> None:
    key(qtbot, QApplication.focusWidget() or tab, Qt.Key.Key_Tab)


def choose(qtbot, tab, kind: str) -> None:
    """The report by keyboard: arrows in the report list from its first entry."""
    tab.kind.setFocus()
    key(qtbot, tab.kind, Qt.Key.Key_Home)
    for _ in range([tab.kind.itemData(i) for i in range(tab.kind.count())].index(kind)):
        key(qtbot, tab.kind, Qt.Key.Key_Down)
    assert tab.kind.currentData() == kind


def type_date(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def build(qtbot, tab) -> int:
    """Tab to 生成预览 and press it; the page count previewed."""
    while QApplication.focusWidget() is not tab.build_button:
        focus_next(qtbot, tab)
    with qtbot.waitSignal(tab.previewed, timeout=60000) as shown:
        key(qtbot, tab.build_button, Qt.Key.Key_Space)
        # built in a worker: the page answers at once, with its progress bar, and cannot save meanwhile
        assert tab.is_busy() and tab.progress.isVisible() and not tab.save_pdf.isEnabled()
    assert not tab.is_busy() and not tab.progress.isVisible()
    return shown.args[0]


def save(qtbot, tab, button, path, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    button.setFocus()
    with qtbot.waitSignal(tab.saved, timeout=60000):
        key(qtbot, button, Qt.Key.Key_Space)


@pytest.fixture
def history(sqlite_url, monkeypatch):
    return history_context(sqlite_url, monkeypatch)


def test_supervisor_previews_the_monthly_report_and_saves_it_as_pdf_and_xlsx(qtbot, history, monkeypatch, tmp_path):
    _history, ctx = history
    tab = open_tab(qtbot, ctx)
    choose(qtbot, tab, "monthly")
    focus_next(qtbot, tab)
    assert QApplication.focusWidget() is tab.month
    type_date(qtbot, tab.month, "2022-08")
    assert tab.month.date().toPython().strftime("%Y-%m") == "2022-08"
    pages = build(qtbot, tab)
    assert pages == len(tab.page_labels) >= 1 and tab.report.period == "2022年8月"
    assert not tab.progress.isVisible() and tab.save_pdf.isEnabled()
    assert f"共 {pages} 页" in tab.pages_label.text()

    target = tmp_path / "月报.pdf"
    save(qtbot, tab, tab.save_pdf, target, monkeypatch)
    text = pdf_text(target)
    assert re.search(rf"第\s*1\s*页\s*共\s*{pages}\s*页", text)
    ranking = next(t for t in tab.report.tables() if t.sheet == "街道乡镇排名")
    assert ranking.rows
    for row in ranking.rows:  # the PDF says what the builder counted: each street and its score
        assert row[1] in text
        score = ranking.columns.index(next(c for c in ranking.columns if c.title == "综合成绩"))
        assert cell_text(row[score], "score") in text
    save(qtbot, tab, tab.save_xlsx, tmp_path / "月报.xlsx", monkeypatch)
    assert "街道乡镇排名" in load_workbook(tmp_path / "月报.xlsx").sheetnames
    with ctx.sf() as s:
        logged = s.scalars(select(AccessLog.detail).where(AccessLog.action == "report")).all()
    assert len(logged) == 2 and all("2022年8月" in d for d in logged)
    assert any(str(target) in d for d in logged)


def test_a_changed_choice_asks_for_a_new_preview_and_a_failure_keeps_the_choices(qtbot, history, monkeypatch):
    _history, ctx = history
    tab = open_tab(qtbot, ctx)
    choose(qtbot, tab, "daily")
    type_date(qtbot, tab.day, "2022-08-15")
    build(qtbot, tab)
    assert tab.save_pdf.isEnabled()
    type_date(qtbot, tab.day, "2022-08-16")
    assert not tab.save_pdf.isEnabled() and not tab.save_xlsx.isEnabled()
    tab.unit.setFocus()
    key(qtbot, tab.unit.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, tab.unit.lineEdit(), "没有这个单位")
    tab.build_button.setFocus()
    with qtbot.waitSignal(tab.failed, timeout=30000) as failed:
        key(qtbot, tab.build_button, Qt.Key.Key_Space)
    assert "没有这个单位" in failed.args[0] and failed.args[0] in tab.status.text()
    assert tab.unit.currentText() == "没有这个单位" and tab.day.date().toPython().isoformat() == "2022-08-16"
    assert not tab.save_pdf.isEnabled() and not tab.progress.isVisible()


def test_a_unit_handler_gets_its_own_reminder_and_its_streets_health_check(qtbot, history):
    history_, ctx = history
    tab = open_tab(qtbot, ctx, "handler", history_.unit(COMMUNITY_B))
    assert [tab.kind.itemData(i) for i in range(tab.kind.count())] == ["daily", "street"]
    assert [tab.unit.itemText(i) for i in range(tab.unit.count())] == [COMMUNITY_B]
    assert [tab.street.itemText(i) for i in range(tab.street.count())] == ["太平桥街道"]
    choose(qtbot, tab, "street")
    focus_next(qtbot, tab)
    assert QApplication.focusWidget() is tab.year
    tab.year.selectAll()
    qtbot.keyClicks(tab.year, "2022")
    build(qtbot, tab)
    assert tab.report.subtitle.startswith("太平桥街道") or "太平桥街道" in tab.report.title


def test_a_file_that_cannot_be_replaced_is_said_and_left_alone(qtbot, history, monkeypatch, tmp_path):
    """The save dialog asked before replacing; a read-only file is still refused, in a sentence naming it."""
    _history, ctx = history
    tab = open_tab(qtbot, ctx)
    choose(qtbot, tab, "monthly")
    type_date(qtbot, tab.month, "2022-08")
    build(qtbot, tab)
    (tmp_path / "out").mkdir()
    locked = tmp_path / "out" / "locked.pdf"
    locked.write_bytes(b"kept")
    locked.chmod(0o444)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(locked), ""))
    tab.save_pdf.setFocus()
    with qtbot.waitSignal(tab.failed, timeout=30000) as failed:
        key(qtbot, tab.save_pdf, Qt.Key.Key_Space)
    assert str(locked) in failed.args[0] and "只读" in failed.args[0] and failed.args[0] == tab.status.text()
    assert locked.read_bytes() == b"kept"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["locked.pdf"]  # no temporary file left
    with ctx.sf() as s:  # refused before anything was logged
        assert not s.scalars(select(AccessLog).where(AccessLog.action == "report")).all()
    assert tab.save_pdf.isEnabled()  # the report is still there to save elsewhere


def test_on_an_offline_snapshot_in_english(qtbot, history, monkeypatch, tmp_path, qapp):
    _history, ctx = history
    path = tmp_path / "laptop.db"
    write_snapshot(ctx.engine, path)
    monkeypatch.setattr(clock, "now", lambda: TODAY)
    translators = install_translators(qapp, "en")
    try:
        offline = open_context(f"sqlite:///{path}", make_actor("supervisor"))
        tab = open_tab(qtbot, offline)
        assert tab.windowTitle() == "Reports" and tab.kind.currentText() == "Daily report"
        assert tab.findChild(type(tab.status), "reportsSnapshotNote") is not None
        choose(qtbot, tab, "monthly")
        type_date(qtbot, tab.month, "2022-08")
        pages = build(qtbot, tab)
        assert f"{pages} pages" in tab.pages_label.text() and "丰台区" in tab.pages_label.text()
        save(qtbot, tab, tab.save_pdf, tmp_path / "offline.pdf", monkeypatch)
        assert "街道乡镇" in pdf_text(tmp_path / "offline.pdf")  # the report itself stays Chinese
        offline.engine.dispose()
    finally:
        for t in translators:
            qapp.removeTranslator(t)
        install_translators(qapp, "zh")


@pytest.mark.parametrize("role, sees", [("dispatcher", True), ("supervisor", True), ("admin", True),
                                        ("handler", True), ("receptionist", False), ("callback", False)])
def test_who_sees_the_tab(qtbot, history, role, sees):
    from app.ui.main_window import MainWindow
    from tests.ui_helpers import console

    history_, ctx = history
    window = MainWindow(console(str(ctx.engine.url), role, history_.unit(COMMUNITY_B) if role == "handler" else None))
    qtbot.addWidget(window)
    tab = window.tab("reportsTab")
    assert (tab is not None) == sees
    if tab is not None:
        assert window.tabs.tabText(window.tabs.indexOf(tab)) == "报表"
    window.close()


def test_the_lists_follow_a_renamed_street(qtbot, history):
    """An administrator renames a street (here or on another workstation): the street list follows."""
    from app.models import Unit

    _history, ctx = history
    tab = open_tab(qtbot, ctx)
    tab.kind.setCurrentIndex(tab.kind.findData("street"))
    tab.street.setCurrentIndex(tab.street.findText("太平桥街道"))
    with ctx.sf.begin() as s:
        s.execute(Unit.__table__.update().where(Unit.name == "马家堡街道").values(name="马家堡街道办事处"))
    with qtbot.waitSignal(tab.ctx.reference.changed, timeout=10000):
        tab.ctx.reference.reload()
    names = [tab.street.itemText(i) for i in range(tab.street.count())]
    assert "马家堡街道办事处" in names and "马家堡街道" not in names
    assert tab.street.currentText() == "太平桥街道"  # what was chosen stays chosen


def test_the_periods_offered_first_end_where_the_data_ends(qtbot, history):
    """Today is 2022-09-05 and the data ends with August: the daily report offers 2022-08-31, not yesterday (a
    day without data that would only be refused); Alt+G then builds it at once. A date the user chose stays."""
    _history, ctx = history
    tab = open_tab(qtbot, ctx)
    qtbot.waitUntil(lambda: not tab.data_jobs.pending())
    assert tab.day.date().toPython().isoformat() == "2022-08-31"
    assert tab.month.date().toPython().strftime("%Y-%m") == "2022-08"
    with qtbot.waitSignal(tab.previewed, timeout=60000):
        key(qtbot, tab, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert tab.report.period == "2022年8月31日"
    chosen = open_tab(qtbot, ctx)
    type_date(qtbot, chosen.day, "2022-07-20")  # before the data's end is read: the user's choice is kept
    qtbot.waitUntil(lambda: not chosen.data_jobs.pending())
    assert chosen.day.date().toPython().isoformat() == "2022-07-20"
