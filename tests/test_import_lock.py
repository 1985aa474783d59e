"""A receptionist saves while another workstation imports into the same SQLite file: the save waits for the
import's write lock (up to a minute, longer than the import of 200 000 rows holds it) and says that it waits."""
from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt, QTimer
from sqlalchemy.exc import OperationalError

from app import db
from app.messages import error_text
from tests.test_intake_tab import fill_call, make_tab, stored_cases
from tests.ui_helpers import console

HELD_MS = 11_000  # longer than the 10 s a writer used to wait before "database is locked"


def test_a_save_waits_for_a_long_writer_and_says_so(qtbot, sqlite_url, tmp_path):
    ctx = console(sqlite_url, "receptionist")
    tab = make_tab(qtbot, ctx, tmp_path)
    fill_call(qtbot, tab)
    importer = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    importer.execute("BEGIN IMMEDIATE")  # as `import` holds it while it writes its cases
    QTimer.singleShot(HELD_MS, lambda: importer.execute("COMMIT"))
    qtbot.keyClick(tab.form.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "数据库正忙" in tab.result.text(), timeout=5000)
    assert "正在等待" in tab.result.text() and not tab.form.isEnabled()
    qtbot.waitUntil(lambda: "已受理并派单" in tab.result.text(), timeout=HELD_MS + 20_000)
    importer.close()
    cases, _events = stored_cases(sqlite_url)
    assert len(cases) == 1 and cases[0].case_no in tab.result.text()


def test_a_writer_that_keeps_the_lock_longer_is_said_plainly():
    locked = OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))
    assert error_text(locked) == "数据库正忙(其他工位正在保存),本次操作没有完成,请稍后再试一次"
    assert db.SQLITE_BUSY_TIMEOUT_MS >= 60_000
