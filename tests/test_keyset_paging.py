"""Keyset paging of the cases table (issue 18, 2): each page continues after the last row read, in every sort
order (NULL deadlines included), on SQLite and PostgreSQL; cases arriving or leaving the filter while a
dispatcher scrolls neither repeat nor skip a row (with OFFSET they did)."""
from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select, update

from app.models import Case
from app.services import case_queries as Q
from app.services import clock
from app.services import lifecycle as L
from app.services.case_queries import CaseFilter
from app.ui.cases.tab import CasesTab
from tests.conftest import make_actor
from tests.factories import directory, form
from tests.ui_helpers import console, wait_idle

ADMIN = make_actor("admin")


def new_cases(sf, n: int, start_minutes_ago: int = 600) -> list[L.CaseRef]:
    base = clock.now() - timedelta(minutes=start_minutes_ago)
    return [L.create_case(sf, ADMIN, form(sf, phone=f"1380000{i:04d}", received_at=base + timedelta(minutes=i)),
                          dispatch=False) for i in range(n)]


def all_pages(sf, flt: CaseFilter, sort_key: str, descending: bool, limit: int) -> list[int]:
    ids, after = [], None
    for _ in range(1000):
        page = Q.fetch_page(sf, flt, sort_key, descending, after=after, limit=limit)
        ids += [r.id for r in page.rows]
        if page.exhausted:
            return ids
        after = Q.page_key(page.rows[-1], sort_key)
    raise AssertionError("paging did not end")


@pytest.mark.parametrize("sort_key", Q.SORT_KEYS)
@pytest.mark.parametrize("descending", [True, False], ids=["desc", "asc"])
def test_pages_follow_the_database_order_in_every_sort(sf, sort_key, descending):
    """Ties on the sort column (same minute, same state, same deadline) and NULL deadlines where the database
    sorts them: the pages joined are the whole ordered list, each case once."""
    refs = new_cases(sf, 13)
    with sf.begin() as s:
        same = clock.now() - timedelta(hours=3)
        s.execute(update(Case).where(Case.id.in_([r.id for r in refs[2:7]])).values(received_at=same, reply_deadline=same))
        s.execute(update(Case).where(Case.id.in_([r.id for r in refs[7:11]])).values(reply_deadline=None))
        s.execute(update(Case).where(Case.id.in_([r.id for r in refs[::3]])).values(status="dispatched"))
    columns = [getattr(Case, sort_key)] + ([Case.received_at] if sort_key == "status" else []) + [Case.id]
    with sf() as s:
        expected = s.scalars(select(Case.id).order_by(*[c.desc() if descending else c.asc() for c in columns])).all()
    for limit in (1, 2, 3, 5, 200):
        assert all_pages(sf, CaseFilter(), sort_key, descending, limit) == expected, limit


def test_cases_arriving_and_leaving_the_filter_neither_repeat_nor_skip(sf):
    refs = new_cases(sf, 10)
    flt = CaseFilter(statuses=("new",))
    first = Q.fetch_page(sf, flt, limit=3)
    at_first = [r.id for r in reversed(refs)]
    assert [r.id for r in first.rows] == at_first[:3]
    new_cases(sf, 2, start_minutes_ago=5)  # newer calls come in
    second = Q.fetch_page(sf, flt, after=Q.page_key(first.rows[-1]), limit=3)
    unit = directory(sf).unit_by_name("太平桥街道").id
    for r in first.rows + second.rows:  # the cases read so far are dispatched: they leave the filter
        L.dispatch(sf, ADMIN, r.id, unit)
    rest = all_pages_after(sf, flt, second.rows[-1])
    assert [r.id for r in first.rows + second.rows] + rest == at_first


def all_pages_after(sf, flt, row) -> list[int]:
    ids, after = [], Q.page_key(row)
    while True:
        page = Q.fetch_page(sf, flt, after=after, limit=3)
        ids += [r.id for r in page.rows]
        if page.exhausted:
            return ids
        after = Q.page_key(page.rows[-1])


def test_dispatcher_scrolling_while_cases_arrive_and_leave(qtbot, sqlite_url):
    """The table of 待派单 cases, three rows a page: between the pages two calls come in, and then the cases
    already shown are dispatched. Scrolled to the end, the table holds the ten cases that were waiting when it
    was opened, newest first, each once."""
    ctx = console(sqlite_url, "dispatcher")
    refs = new_cases(ctx.sf, 10)
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    wait_idle(qtbot, tab)
    tab.model.page_size = 3
    tab.table.verticalHeader().setDefaultSectionSize(90)  # a page of three rows overflows the view
    tab.resize(900, 330)
    tab.show()
    qtbot.mouseClick(tab.filters.state_buttons["new"], Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab)
    qtbot.waitUntil(lambda: len(tab.model.rows) >= 3)
    shown_at_first = len(tab.model.rows)

    def scroll_once():
        before = len(tab.model.rows)
        tab.table.scrollToBottom()
        qtbot.waitUntil(lambda: len(tab.model.rows) > before or tab.model.exhausted)
        wait_idle(qtbot, tab)

    new_cases(ctx.sf, 2, start_minutes_ago=5)
    scroll_once()
    assert len(tab.model.rows) > shown_at_first
    unit = directory(ctx.sf).unit_by_name("太平桥街道").id
    for case_id in dict.fromkeys(r.id for r in tab.model.rows):  # each once (with OFFSET, rows came twice)
        L.dispatch(ctx.sf, ADMIN, case_id, unit)
    for _ in range(10):
        if tab.model.exhausted:
            break
        scroll_once()
    assert [r.id for r in tab.model.rows] == [r.id for r in reversed(refs)]


@pytest.mark.parametrize("sort_key", ["received_at", "status", "case_no"])
def test_a_deep_page_starts_in_the_index_where_the_last_one_ended(engine, sf, sort_key):
    """The plan of the page after a key: a range of the order's index (an index condition on the sort column),
    not a walk from the first row (which is what made OFFSET pages cost more the deeper they were)."""
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    refs = new_cases(sf, 3)
    row = Q.fetch_page(sf, CaseFilter(), sort_key, limit=200).rows[1]
    with Session(engine) as s:
        if engine.dialect.name == "postgresql":
            s.execute(text("SET enable_seqscan = off"))
        base = Q._row_select().where(*Q._where(s, CaseFilter(), clock.now(), paging=True))
        (query,) = Q._pages(base, engine.dialect.name, sort_key, True, Q.page_key(row, sort_key))
        sql = query.limit(201).compile(engine, compile_kwargs={"literal_binds": True})
        explain = "EXPLAIN QUERY PLAN" if engine.dialect.name == "sqlite" else "EXPLAIN"
        plan = "\n".join(str(r[-1]) for r in s.execute(text(f"{explain} {sql}")))
    assert len(refs) == 3
    if engine.dialect.name == "sqlite":  # e.g. SEARCH cases USING INDEX ix_cases_received_at (received_at<?)
        compact = plan.replace(" ", "")
        assert "USINGINDEX" in compact and (f"({sort_key}<?)" in compact or "((status,received_at)<(?,?))" in compact), plan
    else:  # the row comparison cut to the index's columns: Index Cond: (received_at <= '…')
        assert "Index Cond" in plan and sort_key in plan.split("Index Cond")[1], plan


def test_a_case_changed_on_screen_keeps_the_pages_in_place(qtbot, sqlite_url):
    """Sorted by state, the last row of the first page is dispatched from the table (its row is read again):
    the next page still continues after it as it was read, so no waiting case is skipped, and the case, now
    further down the order, is not shown a second time."""
    ctx = console(sqlite_url, "dispatcher")
    refs = new_cases(ctx.sf, 7)
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    wait_idle(qtbot, tab)
    tab.model.page_size = 3
    tab.table.verticalHeader().setDefaultSectionSize(90)
    tab.resize(900, 330)
    tab.show()
    tab.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # 状态: the header's sort, as a click does
    wait_idle(qtbot, tab)
    qtbot.waitUntil(lambda: len(tab.model.rows) == 3)
    last = tab.model.rows[-1]
    L.dispatch(ctx.sf, ADMIN, last.id, directory(ctx.sf).unit_by_name("太平桥街道").id)
    tab.model.refresh_case(last.id)  # what the tab does after an action on the open case
    qtbot.waitUntil(lambda: tab.model.rows[-1].status == "dispatched")
    for _ in range(10):
        if tab.model.exhausted:
            break
        before = len(tab.model.rows)
        tab.table.scrollToBottom()
        qtbot.waitUntil(lambda b=before: len(tab.model.rows) > b or tab.model.exhausted)
        wait_idle(qtbot, tab)
    assert [r.id for r in tab.model.rows] == [r.id for r in reversed(refs)]
