"""Shared set-up for the dashboard tests: the metrics fixture's district history, a context, a shown tab."""
from __future__ import annotations

from datetime import datetime

from app import db
from app.services import clock
from app.ui.application import open_context
from tests.metrics_fixture import build_history

TODAY = datetime(2022, 9, 5, 9, 0)  # the last full month is then August 2022, the fixture's busy month


def history_context(sqlite_url, monkeypatch):
    """The hand-made July/August 2022 history (tests/metrics_fixture.py) and an AppContext on it."""
    engine = db.make_engine(sqlite_url)
    history = build_history(db.make_session_factory(engine), monkeypatch)
    engine.dispose()
    monkeypatch.setattr(clock, "now", lambda: TODAY)
    return history, open_context(sqlite_url)


def wait_drawn(qtbot, tab, action=None, timeout=15000):
    """Runs `action` (or shows the tab) and waits until every chart shows the new figures."""
    with qtbot.waitSignal(tab.refreshed, timeout=timeout):
        if action is None:
            tab.show()
        else:
            action()
