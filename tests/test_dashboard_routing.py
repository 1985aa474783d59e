"""The dashboard's 派单质量 panel: the district's first-time-right rate by month and the units' return rates,
as counted straight from the cases and their returns."""
from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from sqlalchemy import select

from app import db
from app.models import Case, CaseEvent
from app.services import clock
from app.ui.application import open_context
from app.ui.dashboard.tab import DashboardTab
from tests.dashboard_helpers import wait_drawn
from tests.routing_history import KnownHistory
from tests.ui_helpers import wait_idle


def cell(table, row: int, column: int) -> str:
    return table.model().index(row, column).data()


def test_supervisor_sees_first_time_right_by_month_and_the_units_return_rates(qtbot, sqlite_url, monkeypatch):
    engine = db.make_engine(sqlite_url)
    sf = db.make_session_factory(engine)
    KnownHistory(sf)
    with sf() as s:  # straight from the cases: August's closed cases, those returned, and each unit's returns
        closed = [c for c in s.scalars(select(Case)) if c.closed_at and c.closed_at.strftime("%Y-%m") == "2022-08"]
        returns = s.execute(select(CaseEvent.case_id, CaseEvent.unit_id, CaseEvent.at)
                            .where(CaseEvent.action == "return_approved")).all()
    engine.dispose()
    returned_ids = {r.case_id for r in returns}
    right = sum(1 for c in closed if c.id not in returned_ids)
    handled = Counter(c.unit_id for c in closed)
    sent_back = Counter(r.unit_id for r in returns if r.at.strftime("%Y-%m") == "2022-08")
    rates = {u: sent_back[u] / (sent_back[u] + handled[u]) for u in set(handled) | set(sent_back)
             if sent_back[u] + handled[u] >= 10}
    worst = max(rates, key=lambda u: (rates[u], sent_back[u], -u))
    monkeypatch.setattr(clock, "now", lambda: datetime(2022, 9, 5, 9, 0))
    ctx = open_context(sqlite_url)
    tab = DashboardTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1500, 1000)
    wait_drawn(qtbot, tab)
    wait_idle(qtbot, tab)
    panel = tab.routing_panel
    months, units = panel.months_table, panel.units_table
    assert months.model().rowCount() == 12
    assert [cell(months, 11, i) for i in range(3)] == ["2022-08", str(len(closed)), f"{right / len(closed):.1%}"]
    assert cell(months, 0, 0) == "2021-09"
    assert cell(units, 0, 0) == ctx.directory.units[worst].name
    assert cell(units, 0, 3) == f"{rates[worst]:.1%}" and cell(units, 0, 2) == str(sent_back[worst])
    assert "2022-08" in panel.status.text() and f"退单 {sum(sent_back.values())} 件" in panel.status.text()
    assert date(2022, 8, 1) == panel.period.start
    ctx.engine.dispose()


def test_a_period_of_days_is_labelled_as_the_whole_months_counted(qtbot, sqlite_url, monkeypatch):
    """The routing counts are monthly: 2022-08-10..08-20 shows August's figures, and says so."""
    from app.services.periods import Period

    engine = db.make_engine(sqlite_url)
    KnownHistory(db.make_session_factory(engine))
    engine.dispose()
    monkeypatch.setattr(clock, "now", lambda: datetime(2022, 9, 5, 9, 0))
    ctx = open_context(sqlite_url)
    tab = DashboardTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1500, 1000)
    wait_drawn(qtbot, tab)
    wait_idle(qtbot, tab)
    panel = tab.routing_panel
    panel.reload(Period.for_range(date(2022, 8, 10), date(2022, 8, 20)))
    qtbot.waitUntil(lambda: "按整月统计" in panel.status.text(), timeout=10_000)
    assert panel.status.text().startswith("2022-08(按整月统计):")
    panel.reload(Period.for_range(date(2022, 7, 10), date(2022, 8, 20)))
    qtbot.waitUntil(lambda: panel.status.text().startswith("2022-07 至 2022-08(按整月统计)"), timeout=10_000)
    ctx.engine.dispose()
