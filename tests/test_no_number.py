"""Calls from withheld numbers: recorded without a phone and with the reason, never joined by phone."""
from __future__ import annotations

import csv

import pytest
from sqlalchemy import select

from app import db
from app.models import Case
from app.services import case_queries as Q
from app.services import lifecycle as L
from app.services.errors import ValidationFailed
from app.services.exchange import export_cases, import_cases
from app.ui.cases.detail_pane import phone_html
from tests.conftest import new_pg_url, new_sqlite_url
from tests.factories import form


def _no_number(sf, reason="主叫隐藏号码", **extra):
    return form(sf, phone="", no_phone_reason=reason, **extra)


def test_a_call_without_a_number_is_saved_with_the_reason_and_matches_no_caller(sf, system):
    first = L.create_case(sf, system, _no_number(sf))
    second = L.create_case(sf, system, _no_number(sf, reason="来电人不愿留号码"))
    with sf() as s:
        rows = {c.id: c for c in s.scalars(select(Case))}
    assert (rows[first.id].caller_phone, rows[first.id].no_phone_reason) == (None, "主叫隐藏号码")
    assert rows[second.id].no_phone_reason == "来电人不愿留号码"
    for phone in ("", " ", "无号码"):
        assert Q.caller_history(sf, system, phone).rows == []
    detail = Q.case_detail(sf, first.id, system)
    assert (detail.caller_phone, detail.no_phone_reason) == (None, "主叫隐藏号码")
    assert phone_html(detail, None, True) == "无号码(主叫隐藏号码)"


@pytest.mark.parametrize(("phone", "reason", "problem"), [
    ("", None, ("caller_phone", "required")),
    ("", "  ", ("no_phone_reason", "required")),
    ("13812345678", "主叫隐藏号码", ("no_phone_reason", "not_allowed")),
    ("", "隐" * 101, ("no_phone_reason", "too_long")),
])
def test_a_number_or_a_reason_but_not_both(sf, system, phone, reason, problem):
    with pytest.raises(ValidationFailed) as err:
        L.create_case(sf, system, form(sf, phone=phone, no_phone_reason=reason))
    assert problem in [(p.field, p.code) for p in err.value.problems]
    with sf() as s:
        assert s.scalars(select(Case)).first() is None


def test_exchange_csv_round_trips_a_call_without_a_number(request, db_url, sf, system, tmp_path):
    L.create_case(sf, system, _no_number(sf))
    L.create_case(sf, system, form(sf))
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    assert export_cases(sf, first) == 2
    with open(first, encoding="utf-8", newline="") as f:
        assert [r["caller_phone"] for r in csv.DictReader(f)] == ["", "13812345678"]
    if db_url.startswith("sqlite"):
        url = new_sqlite_url(request.getfixturevalue("sqlite_template"), tmp_path)
    else:
        url = new_pg_url(request.getfixturevalue("pg_server"), request.getfixturevalue("pg_template"))
    engine = db.make_engine(url)
    try:
        other = db.make_session_factory(engine)
        import_cases(other, first)
        export_cases(other, second)
        with other() as s:
            assert sorted(c.caller_phone or "" for c in s.scalars(select(Case))) == ["", "13812345678"]
    finally:
        engine.dispose()
    assert second.read_bytes() == first.read_bytes()


def test_a_replied_call_without_a_number_is_marked_in_the_queue_and_closes_at_the_first_not_reached(sf, system):
    """No one to call back: the queue says 无号码, and one 未接通 closes it as unreachable (no rate counts it),
    not after the configured number of attempts; a case with a number still waits for the others."""
    from app.services import callback_queue

    ids = []
    for f in (_no_number(sf), form(sf)):
        ref = L.create_case(sf, system, f)
        if ref.unit_id is None:
            L.dispatch(sf, system, ref.id, Q.case_detail(sf, ref.id, system).street_id)
        L.sign(sf, system, ref.id)
        L.record_contact(sf, system, ref.id)
        L.reply(sf, system, ref.id, "已处理")
        ids.append(ref.id)
    queue = {r.case_id: r for r in callback_queue.load_queue(sf).rows}
    assert queue[ids[0]].no_number and not queue[ids[1]].no_number
    for case_id in ids:
        L.record_callback(sf, system, case_id, None)
    with sf() as s:
        rows = {c.id: c for c in s.scalars(select(Case).where(Case.id.in_(ids)))}
    assert (rows[ids[0]].status, rows[ids[0]].close_reason) == ("closed", "unreachable")
    assert rows[ids[1]].status == "replied"
