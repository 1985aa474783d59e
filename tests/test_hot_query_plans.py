"""The hot queries of the screens use their indexes on PostgreSQL (issue 18.4).

Each service call below runs against a small demo database on the test server while its SQL is
recorded; every recorded SELECT is then EXPLAINed with its own parameters under
`SET enable_seqscan = off`, and the plan must read the cases (and events) through the index named.

Why enable_seqscan = off rather than a fixture big enough for the planner to choose the index by
itself: at a few hundred rows a sequential scan *is* the cheaper plan, and a fixture of the size
where the index wins (hundreds of thousands of cases) would take minutes per run. With sequential
scans priced out, the planner still falls back to one when no index fits the query — so the test
fails exactly when a query stops matching its index (another column order, a function around the
column, a dropped index). That the planner really chooses these plans at 1.3 M and 10 M cases is
measured by bench/bench_scale.py --explain and written down in docs/SCALING.md.
"""
from __future__ import annotations

import json

import pytest
from sqlalchemy import event, select

from app import db
from app.models import Case
from app.services import callback_queue, case_queries, demo
from app.services.actors import Actor
from app.services.directory import Directory
from app.services.history import caller_history
from tests.conftest import new_pg_url

DISPATCHER = Actor(None, "dispatcher", None, "test", "test")
CLERK = Actor(None, "callback", None, "test", "test")


@pytest.fixture(scope="module")
def pg_demo(pg_server, pg_template):
    url = new_pg_url(pg_server, pg_template)
    engine = db.make_engine(url)
    demo.generate(db.make_session_factory(engine), 400, seed=5)
    yield engine
    engine.dispose()


def _recorded(engine, call) -> list[tuple[str, object]]:
    seen: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        call(db.make_session_factory(engine, read_only=True))
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def _nodes(plan: dict, relation: str | None = None):
    """(node, the table it reads): a Bitmap Index Scan's table is its Bitmap Heap Scan's."""
    relation = plan.get("Relation Name", relation)
    yield plan, relation
    for child in plan.get("Plans", ()):
        yield from _nodes(child, relation)


def _scans(engine, statement: str, parameters) -> list[tuple[str, str, str | None]]:
    """(node type, relation, index) of every scan in the plan, with sequential scans priced out."""
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        with raw.cursor() as cur:
            cur.execute("SET enable_seqscan = off")
            cur.execute("EXPLAIN (FORMAT JSON) " + statement, parameters or None)
            plan = cur.fetchone()[0]
        conn.rollback()
    if isinstance(plan, str):
        plan = json.loads(plan)
    return [(n["Node Type"], relation, n.get("Index Name"))
            for n, relation in _nodes(plan[0]["Plan"]) if "Relation Name" in n or "Index Name" in n]


def _plans_of(engine, call, table: str) -> list[list[tuple[str, str, str | None]]]:
    plans = [_scans(engine, st, params) for st, params in _recorded(engine, call)]
    return [p for p in plans if any(rel == table for _, rel, _ in p)]


def _assert_index(plans, table: str, index: str | set[str]) -> None:
    """No sequential scan of `table` in any plan, and at least one reads it through `index` (or one of them)."""
    indexes = {index} if isinstance(index, str) else index
    assert plans, f"no query read {table}"
    for plan in plans:
        on_table = [(node, idx) for node, rel, idx in plan if rel == table]
        assert all(node != "Seq Scan" for node, _ in on_table), plan
    assert any(idx in indexes for plan in plans for _, rel, idx in plan if rel == table), plans


def _a_case(engine, *where):
    with db.make_session_factory(engine)() as s:
        return s.execute(select(Case.id, Case.case_no, Case.caller_phone, Case.street_id).where(*where)
                         .order_by(Case.id).limit(1)).one()


def test_caller_history_reads_the_phone_index(pg_demo):
    phone = _a_case(pg_demo, Case.caller_phone.is_not(None)).caller_phone

    def call(sf):
        with sf() as s:
            caller_history(s, phone)
    _assert_index(_plans_of(pg_demo, call, "cases"), "cases", "ix_cases_caller_phone")


def test_the_callback_queue_reads_the_status_reply_index(pg_demo):
    # both lead with status; at a few hundred rows the planner may take either (it did in CI), at scale the
    # (status, replied_at) index that also gives the queue's order (bench_scale --explain)
    _assert_index(_plans_of(pg_demo, lambda sf: callback_queue.load_queue(sf, actor=CLERK), "cases"),
                  "cases", {"ix_cases_status_replied", "ix_cases_status_reply_deadline"})


def test_the_cases_tab_first_page_reads_the_received_index(pg_demo):
    def call(sf):
        case_queries.fetch_page(sf, case_queries.CaseFilter(), actor=DISPATCHER)
    _assert_index(_plans_of(pg_demo, call, "cases"), "cases", "ix_cases_received_at")


def test_a_street_filter_reads_the_street_index(pg_demo):
    street = _a_case(pg_demo, Case.street_id.is_not(None)).street_id

    def call(sf):
        case_queries.fetch_page(sf, case_queries.CaseFilter(street_id=street), actor=DISPATCHER)
    # both lead with street_id; at a few hundred rows the planner takes the narrower one, at scale the
    # (street_id, received_at) index that also gives the order (docs/SCALING.md)
    _assert_index(_plans_of(pg_demo, call, "cases"), "cases", {"ix_cases_street_received", "ix_cases_street_id"})


def test_a_case_s_events_and_its_number_read_their_indexes(pg_demo):
    case = _a_case(pg_demo)
    _assert_index(_plans_of(pg_demo, lambda sf: case_queries.case_detail(sf, case.id), "case_events"),
                  "case_events", "ix_case_events_case_id")
    _assert_index(_plans_of(pg_demo, lambda sf: case_queries.case_id_by_number(sf, case.case_no), "cases"),
                  "cases", "uq_cases_case_no")


def test_the_month_ranking_reads_the_monthly_summary_by_its_key(pg_demo):
    from app.services import metrics
    from app.services.metrics import Group
    from app.services.periods import Period

    def call(sf):
        with sf() as s:
            metrics.ranking(s, Period.for_month(2022, 7), Group.streets(), Directory.load(s))
    plans = _plans_of(pg_demo, call, "stat_monthly_unit")
    assert plans and all(node != "Seq Scan" for plan in plans for node, rel, _ in plan
                         if rel == "stat_monthly_unit"), plans
