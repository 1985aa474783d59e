"""Export and import of the exchange CSV: the same file after a round trip, and what an import writes."""
from __future__ import annotations

import csv
from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app import db
from app.models import (
    Callback,
    Case,
    CaseEvent,
    CaseNumberCounter,
    StatDaily,
    StatMonthlyCategory,
    StatMonthlyUnit,
)
from app.services import lifecycle as lc
from app.services import stats
from app.services.directory import Directory
from app.services.errors import ImportRejected
from app.services.exchange import COLUMNS, ExchangeProgress, export_cases, import_cases
from tests.conftest import new_pg_url, new_sqlite_url
from tests.exchange_files import GOOD_ROW, generated_rows, numbered, write_csv


@pytest.fixture
def empty_sf(request, db_url, tmp_path):
    """A second fresh database on the same backend as `sf`."""
    if db_url.startswith("sqlite"):
        url = new_sqlite_url(request.getfixturevalue("sqlite_template"), tmp_path)
    else:
        url = new_pg_url(request.getfixturevalue("pg_server"), request.getfixturevalue("pg_template"))
    engine = db.make_engine(url)
    yield db.make_session_factory(engine)
    engine.dispose()


def _ids(sf):
    with sf() as s:
        d = Directory.load(s)
    return (lambda name: d.unit_by_name(name).id), (lambda name: d.category_by_name(name).id)


def _record_every_state(sf, system):
    """Cases in every state through the lifecycle services, as the console would leave them."""
    unit, category = _ids(sf)
    street, community = unit("太平桥街道"), unit("天伦北里社区")
    received = datetime.now().replace(microsecond=0) - timedelta(days=3)

    def intake(n, dispatch=True, **kw):
        form = lc.IntakeForm(caller_phone="010-63812345-12", description=f"诉求 {n}\n第二行, \"引号\"",
                             category_id=category("施工扰民"), street_id=street, community_id=community,
                             caller_name="王女士", address="天伦北里3号楼", received_at=received + timedelta(minutes=n),
                             **kw)
        return lc.create_case(sf, system, form, dispatch=dispatch).id

    def replied(n, **kw):
        case = intake(n, **kw)
        lc.sign(sf, system, case)
        lc.record_contact(sf, system, case)
        lc.reply(sf, system, case, "已处理")
        return case

    intake(1, dispatch=False)
    intake(2, channel="web", request_type="report", urgency="urgent", confidential=True)  # a whistleblower
    lc.sign(sf, system, intake(3))
    returned = intake(4)
    lc.request_return(sf, system, returned, "不属于本单位")
    lc.approve_return(sf, system, returned)
    replied(5)
    lc.record_callback(sf, system, replied(6), None)
    lc.record_callback(sf, system, replied(7), lc.CallbackAnswers(True, "yes", "satisfied"))
    lc.record_callback(sf, system, replied(8), lc.CallbackAnswers(False, "partly", "basic", "还行"))
    unreachable = replied(9)
    for _ in range(3):
        lc.record_callback(sf, system, unreachable, None)
    lc.close(sf, system, intake(10, dispatch=False), "无效来电")
    original = intake(11)
    lc.merge(sf, system, intake(12), original)
    answered = lc.answer_at_intake(sf, system, lc.IntakeForm(
        caller_phone="13812345678", description="咨询政策", category_id=category("施工扰民"),
        request_type="consultation", received_at=received + timedelta(minutes=13)), "已解答").id
    lc.record_callback(sf, system, answered, lc.CallbackAnswers(True, "yes", "basic"))
    reopened = replied(14)
    earlier = datetime.now().replace(microsecond=0) - timedelta(hours=1)
    lc.record_callback(sf, system, reopened, lc.CallbackAnswers(True, "no", "unsatisfied"), at=earlier)
    lc.reopen(sf, system, reopened, "未解决")
    replied_again = replied(15)
    lc.record_callback(sf, system, replied_again, lc.CallbackAnswers(False, "no", "unsatisfied"), at=earlier)
    lc.reopen(sf, system, replied_again, "未解决")
    lc.sign(sf, system, replied_again)
    lc.record_contact(sf, system, replied_again)
    lc.reply(sf, system, replied_again, "再次处理")


def _read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_export_then_import_into_an_empty_database_then_export_gives_the_same_file(sf, empty_sf, system, tmp_path):
    _record_every_state(sf, system)
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    assert export_cases(sf, first) == 15
    summary = import_cases(empty_sf, first)
    assert (summary.cases, summary.callbacks) == (15, 7)
    assert export_cases(empty_sf, second) == 15
    assert second.read_bytes() == first.read_bytes()
    rows = _read(first)
    assert {r["status"] for r in rows} == {"new", "dispatched", "accepted", "returned", "replied", "closed", "merged"}
    assert first.read_text(encoding="utf-8").splitlines()[0] == ",".join(COLUMNS)
    assert rows[0]["received_at"].endswith("+08:00") and rows[0]["community"] == "天伦北里社区"
    # the reopened case keeps its latest (earlier-round) callback in the row
    reopened = next(r for r in rows if r["description"].startswith("诉求 14"))
    assert (reopened["status"], reopened["reached"], reopened["satisfaction"]) == ("dispatched", "yes", "unsatisfied")
    unreachable = next(r for r in rows if r["description"].startswith("诉求 9"))
    assert (unreachable["status"], unreachable["reached"], unreachable["contacted"]) == ("closed", "no", "")
    # the 保密 flag survives the migration: the whistleblower stays hidden from the handling unit
    assert [r["description"][:4] for r in rows if r["confidential"] == "yes"] == ["诉求 2"]
    with empty_sf() as s:
        assert s.scalars(select(Case.description).where(Case.confidential)).all() == [rows[1]["description"]]


def test_a_file_without_the_confidential_column_is_accepted(sf, tmp_path):
    """Files written before the column existed: 20 columns, no case confidential; the export then has all 21."""
    old = write_csv(tmp_path / "old.csv", [numbered(1), numbered(2)], header=COLUMNS[:20])
    assert old.read_text(encoding="utf-8").splitlines()[0].endswith(",satisfaction")
    assert import_cases(sf, old).cases == 2
    with sf() as s:
        assert s.scalars(select(Case.confidential)).all() == [False, False]
    export_cases(sf, tmp_path / "new.csv")
    assert [r["confidential"] for r in _read(tmp_path / "new.csv")] == ["no", "no"]


def test_the_confidential_column_is_checked(sf, tmp_path):
    with pytest.raises(ImportRejected) as bad_value:
        import_cases(sf, write_csv(tmp_path / "a.csv", [numbered(1, confidential="保密"), numbered(2, confidential="")]))
    assert [(p.line, p.column, p.code) for p in bad_value.value.problems] == [(2, "confidential", "not_allowed")]
    old = write_csv(tmp_path / "b.csv", [numbered(1)], header=COLUMNS[:20])
    old.write_text(old.read_text(encoding="utf-8") + ",".join(numbered(2).values()) + "\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as too_many:
        import_cases(sf, old)
    assert [(p.line, p.code, p.detail) for p in too_many.value.problems] == [(3, "field_count_base", "21")]
    assert str(too_many.value.problems[0]).startswith("line 3: expected 20 fields (as the header")


def test_import_writes_cases_with_rule_deadlines_one_import_event_and_the_callback(sf, tmp_path):
    path = write_csv(tmp_path / "one.csv", [GOOD_ROW, numbered(2, received_at="2022-08-01T03:30:00+02:00",
                                                               urgency="urgent", status="dispatched", replied_at="",
                                                               callback_at="", reached="", contacted="",
                                                               resolved="", satisfaction="")])
    import_cases(sf, path)
    with sf() as s:
        closed = s.scalars(select(Case).where(Case.case_no == "2022080100001")).one()
        urgent = s.scalars(select(Case).where(Case.case_no == "2022080100002")).one()
        assert closed.received_at == datetime(2022, 8, 1, 9, 30)
        assert urgent.received_at == datetime(2022, 8, 1, 9, 30)  # 03:30+02:00 is 09:30 in Beijing
        assert (closed.deadline_tier, closed.reply_deadline) == ("general", datetime(2022, 8, 8, 9, 30))
        assert (urgent.deadline_tier, urgent.contact_deadline) == ("urgent", datetime(2022, 8, 1, 11, 30))
        assert (closed.status, closed.close_reason, closed.closed_at) == ("closed", "callback", datetime(2022, 8, 3, 11))
        assert closed.reply_text is None and closed.version == 1
        events = s.scalars(select(CaseEvent).where(CaseEvent.case_id == closed.id)).all()
        assert [(e.action, e.to_status, e.actor_id, e.note) for e in events] == [("import", "closed", None, "one.csv")]
        cb = s.scalars(select(Callback).where(Callback.case_id == closed.id)).one()
        assert (cb.at, cb.reached, cb.contacted, cb.resolved, cb.satisfaction) == (
            datetime(2022, 8, 3, 11), True, True, "yes", "satisfied")
        assert s.scalar(select(func.count()).select_from(Callback).where(Callback.case_id == urgent.id)) == 0
        assert s.get(CaseNumberCounter, date(2022, 8, 1)).last == 2
        month = s.scalars(select(StatMonthlyUnit).where(StatMonthlyUnit.month == date(2022, 8, 1),
                                                        StatMonthlyUnit.unit_id == closed.unit_id)).one()
        assert (month.received, month.replied, month.reached, month.satisfied) == (2, 1, 1, 1)


def test_intake_after_an_import_does_not_reuse_an_imported_case_number(sf, system, tmp_path):
    import_cases(sf, write_csv(tmp_path / "f.csv", [numbered(1), numbered(7)]))
    unit, category = _ids(sf)
    form = lc.IntakeForm(caller_phone="13812345678", description="新诉求", category_id=category("施工扰民"),
                         street_id=unit("太平桥街道"), received_at=datetime(2022, 8, 1, 18, 0))
    assert lc.create_case(sf, system, form).case_no == "2022080100008"


def test_import_into_a_database_that_already_has_cases(sf, system, tmp_path):
    _record_every_state(sf, system)
    with sf() as s:
        before = s.scalar(select(func.count()).select_from(Case))
    summary = import_cases(sf, write_csv(tmp_path / "more.csv", generated_rows(300)))
    with sf() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == before + 300 == summary.cases + before
        assert s.scalar(select(func.count()).select_from(CaseEvent).where(CaseEvent.action == "import")) == 300
    # an old case still changes through the lifecycle, and a new intake still gets a fresh id and number
    unit, category = _ids(sf)
    form = lc.IntakeForm(caller_phone="13812345678", description="又一个", category_id=category("施工扰民"),
                         street_id=unit("太平桥街道"))
    assert lc.create_case(sf, system, form).status == "dispatched"


def test_a_case_number_already_in_the_database_is_rejected_and_nothing_is_written(sf, tmp_path):
    import_cases(sf, write_csv(tmp_path / "a.csv", [numbered(1)]))
    with pytest.raises(ImportRejected) as caught:
        import_cases(sf, write_csv(tmp_path / "b.csv", [numbered(2), numbered(1), numbered(3)]))
    assert [(p.line, p.column, p.code, p.detail) for p in caught.value.problems] == [
        (3, "case_no", "duplicate_in_db", "2022080100001")]
    with sf() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 1


def test_one_bad_row_among_good_ones_writes_nothing(sf, tmp_path):
    rows = generated_rows(12_000)
    rows[11_000] = {**rows[11_000], "street": "不存在街道"}
    with pytest.raises(ImportRejected) as caught:
        import_cases(sf, write_csv(tmp_path / "bad.csv", rows))
    assert [(p.line, p.column, p.code) for p in caught.value.problems] == [(11_002, "street", "unknown")]
    with sf() as s:
        for model in (Case, CaseEvent, Callback, StatDaily, CaseNumberCounter):
            assert s.scalar(select(func.count()).select_from(model)) == 0


def test_export_by_received_day_inclusive(sf, tmp_path):
    rows = [numbered(i, received_at=f"2022-08-{d:02d}T{h}+08:00", replied_at="", callback_at="", reached="",
                     contacted="", resolved="", satisfaction="", status="dispatched")
            for i, (d, h) in enumerate([(1, "00:00:00"), (2, "23:59:59"), (3, "00:00:00"), (4, "12:00:00")], 1)]
    import_cases(sf, write_csv(tmp_path / "in.csv", rows))
    out = tmp_path / "out.csv"
    assert export_cases(sf, out, date(2022, 8, 2), date(2022, 8, 3)) == 2
    assert [r["received_at"] for r in _read(out)] == ["2022-08-02T23:59:59+08:00", "2022-08-03T00:00:00+08:00"]
    assert export_cases(sf, out, date_from=date(2022, 8, 4), force=True) == 1
    assert export_cases(sf, out, date_to=date(2022, 8, 1), force=True) == 1
    assert export_cases(sf, out, date(2023, 1, 1), force=True) == 0
    assert out.read_text(encoding="utf-8").strip() == ",".join(COLUMNS)


def test_progress_is_reported_while_importing_and_exporting(sf, tmp_path):
    seen: list[ExchangeProgress] = []
    import_cases(sf, write_csv(tmp_path / "in.csv", generated_rows(12_000)), progress=seen.append)
    phases = [p.phase for p in seen]
    assert phases[0] == "load" and phases[-1] == "summary"
    loads = [p for p in seen if p.phase == "load"]
    assert [p.rows for p in loads] == [5000, 10_000, 12_000]
    assert loads[-1].fraction == 1.0 and all(0 < p.done <= p.total for p in loads)
    seen.clear()
    export_cases(sf, tmp_path / "out.csv", progress=seen.append)
    assert [(p.phase, p.done, p.total) for p in seen][-1] == ("export", 12_000, 12_000)


def test_twenty_thousand_rows_import_and_the_summary_matches_the_file(sf, tmp_path):
    rows = generated_rows(20_000, seed=11)
    import_cases(sf, write_csv(tmp_path / "big.csv", rows))
    expected = Counter()
    for r in rows:
        expected["received", r["received_at"][:7]] += 1
        if r.get("replied_at"):
            expected["replied", r["replied_at"][:7]] += 1
        if r.get("callback_at"):
            month = r["callback_at"][:7]
            expected["callbacks", month] += 1
            if r["reached"] == "yes":
                expected["reached", month] += 1
                expected["contacted", month] += r["contacted"] == "yes"
                expected["resolved", month] += r["resolved"] == "yes"
                expected[r["satisfaction"], month] += 1
    with sf() as s:
        for counter in ("received", "replied", "callbacks", "reached", "contacted", "resolved", "satisfied",
                        "basic", "unsatisfied"):
            col = getattr(StatMonthlyCategory, counter)  # the district's months (every case, with a unit or not)
            got = {f"{m:%Y-%m}": n for m, n in s.execute(
                select(StatMonthlyCategory.month, func.sum(col)).group_by(StatMonthlyCategory.month)) if n}
            assert got == {m: n for (c, m), n in expected.items() if c == counter and n}, counter
        daily = sorted(tuple(r) for r in s.execute(select(StatDaily.__table__)).all())
    with sf.begin() as s:
        stats.rebuild(s)
    with sf() as s:
        assert sorted(tuple(r) for r in s.execute(select(StatDaily.__table__)).all()) == daily


def test_texts_that_look_like_formulas_are_neutralised_and_restored(sf, empty_sf, system, tmp_path):
    """Exported cells beginning with = + - @ (or the mark ') get a ' in front; import takes exactly that one off."""
    unit, category = _ids(sf)
    words = ['=HYPERLINK("http://evil.example","点击")', "+1 楼道灯坏", "-5 度停暖", "@物业", "'=1", "'普通引号"]
    for n, text in enumerate(words):
        lc.create_case(sf, system, lc.IntakeForm(
            caller_phone="13812345678", description=text, caller_name=text[:8], address=text,
            category_id=category("施工扰民"), street_id=unit("太平桥街道"),
            received_at=datetime(2022, 8, 1, 9, n)))
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    export_cases(sf, first)
    rows = _read(first)
    assert [r["description"] for r in rows] == ["'" + w for w in words[:5]] + ["''普通引号"]
    import_cases(empty_sf, first)
    with empty_sf() as s:
        assert s.scalars(select(Case.description).order_by(Case.received_at)).all() == words
        assert s.scalars(select(Case.address).order_by(Case.received_at)).all() == words
    export_cases(empty_sf, second)
    assert second.read_bytes() == first.read_bytes()


def test_a_file_from_elsewhere_keeps_its_texts(sf, tmp_path):
    """Cells a spreadsheet wrote without the mark, and a ' that is not the mark, are imported as they are."""
    rows = [numbered(1, description="=1+1"), numbered(2, description="'abc"), numbered(3, description="''=x")]
    import_cases(sf, write_csv(tmp_path / "other.csv", rows))
    with sf() as s:
        assert s.scalars(select(Case.description).order_by(Case.case_no)).all() == ["=1+1", "'abc", "'=x"]


def _bulk_indexes(sf) -> set[str]:
    """The bulk tables' indexes and foreign keys."""
    from sqlalchemy import inspect

    with sf() as s:
        found = inspect(s.connection())
        tables = ("cases", "case_events", "callbacks")
        return ({ix["name"] for table in tables for ix in found.get_indexes(table)}
                | {fk["name"] for table in tables for fk in found.get_foreign_keys(table)})


def test_an_import_into_an_empty_database_leaves_every_index_whether_it_succeeds_or_not(sf, tmp_path):
    """The one-pass import drops the bulk tables' indexes while it writes into an empty database and builds
    them again; a rejected file (a bad row late in it, a case number twice) gets them back with the rollback."""
    before = _bulk_indexes(sf)
    assert {"ix_cases_caller_phone", "ix_cases_received_at", "ix_case_events_case_id",
            "fk_case_events_case_id_cases", "fk_callbacks_case_id_cases"} <= before
    rows = generated_rows(11_000)
    late_bad = [*rows[:10_500], {**rows[10_500], "category": "不存在类别"}, *rows[10_501:]]
    twice = [*rows[:10_600], {**rows[10_600], "case_no": rows[3]["case_no"]}, *rows[10_601:]]
    for name, bad in (("late_bad.csv", late_bad), ("twice.csv", twice)):
        with pytest.raises(ImportRejected):
            import_cases(sf, write_csv(tmp_path / name, bad))
        assert _bulk_indexes(sf) == before
        with sf() as s:
            assert s.scalar(select(func.count()).select_from(Case)) == 0
    with pytest.raises(ImportRejected) as caught:
        import_cases(sf, write_csv(tmp_path / "twice.csv", twice))
    assert [(p.line, p.column, p.code, p.detail) for p in caught.value.problems] == [
        (10_602, "case_no", "duplicate_in_file", "5")]
    assert import_cases(sf, write_csv(tmp_path / "good.csv", rows)).cases == 11_000
    assert _bulk_indexes(sf) == before
    from app.services import word_search

    with sf() as s:  # the word index (SQLite: FTS5 + triggers, taken down for the writing) holds every case
        conn = s.connection()
        assert word_search.is_whole(conn)
        if conn.dialect.name == "sqlite":  # every imported case is found through the index by its own words
            word = rows[-1]["description"][:2]
            found = conn.exec_driver_sql("SELECT count(*) FROM case_words WHERE case_words MATCH ?",
                                         (word_search.fts_query(word),)).scalar()
            assert found == sum(word in (r["description"] + (r["address"] or "")) for r in rows) > 0


def test_postgresql_checks_the_events_and_callbacks_keys_once_after_the_copy_not_row_by_row(pg_server, pg_template,
                                                                                             tmp_path):
    """Into an empty PostgreSQL database the keys of the events and callbacks to their case are dropped while
    the rows are copied (checked row by row they cost about a third of the COPY) and added again, checked at
    once, before the commit: they hold afterwards."""
    from sqlalchemy import event, text
    from sqlalchemy.exc import IntegrityError

    engine = db.make_engine(new_pg_url(pg_server, pg_template))
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda conn, cursor, statement, *a: statements.append(statement))
    imported = import_cases(db.make_session_factory(engine), write_csv(tmp_path / "good.csv", generated_rows(300)))
    assert imported.cases == 300
    changes = [st.split(" CONSTRAINT ")[0] + " " + st.split(" CONSTRAINT ")[1].split()[0].strip('"')
               for st in statements if " CONSTRAINT " in st]
    assert changes == ["ALTER TABLE callbacks DROP fk_callbacks_case_id_cases",
                       "ALTER TABLE case_events DROP fk_case_events_case_id_cases",
                       "ALTER TABLE callbacks ADD fk_callbacks_case_id_cases",
                       "ALTER TABLE case_events ADD fk_case_events_case_id_cases"], changes
    with engine.connect() as conn, pytest.raises(IntegrityError):
        conn.execute(text("INSERT INTO case_events (case_id, at, action) VALUES (987654321, now(), 'import')"))
    engine.dispose()
