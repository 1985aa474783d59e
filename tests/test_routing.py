"""Routing learned from history (issue 17, part 1): the summary, the suggestion and its evaluation."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.cli import main
from app.models import RoutingCount
from app.services import lifecycle, routing, stats
from app.services.actors import system_actor
from app.services.directory import Directory
from app.services.lifecycle import CallbackAnswers, IntakeForm
from tests.metrics_fixture import FakeClock
from tests.routing_history import KnownHistory
from tests.test_stats_equivalence import RandomDistrict


def routing_rows(s) -> dict[tuple, tuple[int, int, int]]:
    t = RoutingCount.__table__
    return {tuple(r[:5]): tuple(r[5:]) for r in s.execute(select(
        t.c.category_id, t.c.street_id, t.c.community_id, t.c.unit_id, t.c.month, t.c.handled, t.c.first_right,
        t.c.returned)) if any(r[5:])}


def test_learned_routing_recovers_a_known_table_clearly_above_the_rule(db_url, sf, capsys):
    history = KnownHistory(sf)
    with sf() as s:
        rule, learned = routing.evaluate(s, date(2022, 5, 31), date(2022, 6, 1), date(2022, 8, 31))
    assert rule.method == "rule" and learned.method == "learned"
    assert learned.cases == rule.cases == 3 * len(history.places) * 3 * 4  # three months, three categories
    assert learned.top1 >= 0.9
    assert learned.top3 >= learned.top1
    assert rule.top1 < 0.7 and learned.top1 - rule.top1 > 0.25
    # the command prints the same figures
    assert main(["routing", "evaluate", "--train-to", "2022-05-31", "--test-from", "2022-06-01",
                 "--test-to", "2022-08-31", "--db", db_url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "method,cases,top1,top3"
    assert lines[1] == f"rule,{rule.cases},{rule.top1:.4f},{rule.top3:.4f}"
    assert lines[2] == f"learned,{learned.cases},{learned.top1:.4f},{learned.top3:.4f}"
    assert main(["routing", "evaluate", "--train-to", "2022-05-31", "--test-from", "2022-06-01",
                 "--test-to", "2022-08-31", "--format", "table", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "历史学习" in out and f"{learned.top1:.1%}" in out


def d_kind(s, unit_id: int) -> str:
    return Directory.load(s).units[unit_id].kind


def test_suggestion_backs_off_and_gives_its_basis(sqlite_sf):
    h = KnownHistory(sqlite_sf)
    street = h.streets[0]
    heated_by_street = next(c for c in h.communities[street] if c in h.street_heated)
    with sqlite_sf() as s:
        got = routing.suggest(s, h.heating, street, heated_by_street, as_of=date(2022, 8, 20))
        # the community's own history: its street heats it, unlike the rule and the district
        assert got.unit_id == street and got.basis.level == "community" and got.basis.months == 12
        assert got.basis.cases >= 40 and got.basis.by_unit >= got.basis.cases - 3
        assert h.heating_office in got.alternatives  # and no other street's own unit (the history's noise)
        assert not [u for u in got.alternatives if d_kind(s, u) in routing.PLACE_KINDS and u != street]
        # no community given: the street's history (mostly the heating office in this street)
        got = routing.suggest(s, h.heating, street, None, as_of=date(2022, 8, 20))
        assert got.basis.level == "street" and got.unit_id == h.heating_office
        # a community with no history of its own: the street's
        other = Directory.load(s).children(street)
        fresh = next((u.id for u in other if u.kind == "community" and u.id not in h.communities[street]), None)
        if fresh is not None:
            assert routing.suggest(s, h.noise, street, fresh, as_of=date(2022, 8, 20)).basis.level == "street"
        # the change of responsibility is learned within a few months, and not before it happened
        moved_street = next(st for st in h.streets if h.moved in h.communities[st])
        assert routing.suggest(s, h.heating, moved_street, h.moved, as_of=date(2021, 12, 20)).unit_id == h.heating_office
        assert routing.suggest(s, h.heating, moved_street, h.moved, as_of=date(2022, 5, 20)).unit_id == moved_street
        # no history at all (before the first case): today's rule
        got = routing.suggest(s, h.noise, street, None, as_of=date(2020, 1, 1))
        assert got.basis.level == "rule" and got.unit_id == street and got.alternatives == ()
        assert routing.suggest(s, None, street, None) is None


def test_a_returned_case_teaches_its_final_unit_and_counts_the_return(sf, monkeypatch):
    """Through the lifecycle: sent to the rule's unit, returned, re-dispatched, handled, called back."""
    FakeClock(monkeypatch, datetime(2022, 3, 10, 9, 0))
    actor = system_actor()
    with sf() as s:
        d = Directory.load(s)
        street = d.streets()[0].id
        heating = next(c.id for c in d.leaf_categories() if c.code == "0301")
        office = d.unit_by_code("B02").id
    for _ in range(3):
        ref = lifecycle.create_case(sf, actor, IntakeForm("13800000000", "暖气不热", heating, street_id=street))
        assert ref.unit_id == office  # today's rule
        lifecycle.request_return(sf, actor, ref.id, "非本单位职责")
        lifecycle.approve_return(sf, actor, ref.id)
        lifecycle.dispatch(sf, actor, ref.id, street)
        lifecycle.sign(sf, actor, ref.id)
        lifecycle.record_contact(sf, actor, ref.id)
        lifecycle.reply(sf, actor, ref.id, "已处理")
        with sf() as s:
            assert routing.suggest(s, heating, street, None, as_of=date(2022, 3, 10)).basis.level == "rule"
        lifecycle.record_callback(sf, actor, ref.id, CallbackAnswers(True, "yes", "satisfied"))
    with sf() as s:
        rows = routing_rows(s)
        got = routing.suggest(s, heating, street, None, as_of=date(2022, 3, 10))
        month = date(2022, 3, 1)
        assert rows[(heating, street, 0, street, month)] == (3, 0, 0)  # handled 3, none first time right
        assert rows[(heating, street, 0, office, month)] == (0, 0, 3)  # 3 returns by the heating office
        assert got.unit_id == street and got.basis == routing.Basis("street", 12, 3, 3)
        assert got.alternatives == (office,)  # the rule's unit, as the alternative
        [returns] = [u for u in routing.unit_returns(s, month, month) if u.unit_id == office]
        assert returns.return_rate == 1.0
        assert [m.first_time_right for m in routing.first_time_right_by_month(s, month, month)] == [0.0]
    # a reopened case teaches nothing until it is closed again
    lifecycle.reopen(sf, actor, ref.id, "回访不满意")
    with sf() as s:
        assert routing_rows(s)[(heating, street, 0, street, month)] == (2, 0, 0)


@pytest.mark.parametrize("seed", [4])
def test_routing_counts_kept_by_each_change_equal_a_rebuild(sf, monkeypatch, seed):
    district = RandomDistrict(sf, monkeypatch, seed)
    for _ in range(1200):
        district.step()
    with sf() as s:
        kept = routing_rows(s)
    assert sum(v[0] for v in kept.values()) > 20 and sum(v[2] for v in kept.values()) > 3
    with sf.begin() as s:
        stats.rebuild(s)
    with sf() as s:
        assert routing_rows(s) == kept


@pytest.mark.parametrize("args, message", [
    (["--train-to", "2022-13-01", "--test-from", "2022-07-01", "--test-to", "2022-08-31"], "--train-to: not a day"),
    (["--train-to", "2022-06-30", "--test-from", "2022-08-01", "--test-to", "2022-07-31"], "is before --test-from"),
    (["--train-to", "2022-07-30", "--test-from", "2022-07-01", "--test-to", "2022-08-31"], "must come after"),
])
def test_evaluate_refuses_bad_input_in_one_line(sqlite_url, capsys, args, message):
    assert main(["routing", "evaluate", *args, "--db", sqlite_url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_the_demo_routes_by_place_returns_misroutes_and_changes_responsibility(sqlite_url):

    from app import db
    from app.models import Case, CaseEvent, Category, Unit
    from app.services import demo

    engine = db.make_engine(sqlite_url)
    try:
        summary = demo.generate(db.make_session_factory(engine), 8000, seed=3)
        with db.make_session_factory(engine)() as s:
            kinds = dict(s.execute(select(Unit.id, Unit.kind)).all())
            heating_id = s.scalar(select(Category.id).where(Category.code == "0301"))
            events: dict[int, list] = {}
            for case_id, action, unit in s.execute(select(CaseEvent.case_id, CaseEvent.action, CaseEvent.unit_id)
                                                   .where(CaseEvent.action.in_(("dispatch", "redispatch", "return_approved")))
                                                   .order_by(CaseEvent.case_id, CaseEvent.at, CaseEvent.id)):
                events.setdefault(case_id, []).append((action, unit))
            cases = {c.id: c for c in s.scalars(select(Case))}
            scores = routing.evaluate(s, date(2022, 4, 30), date(2022, 5, 1), date(2022, 8, 31))
    finally:
        engine.dispose()
    dispatched = sum(1 for evs in events.values() if evs[0][0] == "dispatch")
    returned = [cid for cid, evs in events.items() if any(a == "return_approved" for a, _u in evs)]
    assert 0.03 <= len(returned) / dispatched <= 0.06  # a realistic return rate
    for cid in returned:  # a returned case goes on to another unit, which is where it ends
        evs = events[cid]
        i = next(i for i, (a, _u) in enumerate(evs) if a == "return_approved")
        if i + 1 < len(evs):
            assert evs[i + 1][0] == "redispatch" and evs[i + 1][1] != evs[i][1]
            assert cases[cid].unit_id == evs[i + 1][1]
    # heating: the heating office, except where the street's property office heats, and where it took over
    heating = [c for c in cases.values() if c.category_id == heating_id and c.unit_id and c.community_id]
    handover = datetime(2021, 11, 15)

    def street_share(cs):
        return sum(1 for c in cs if kinds[c.unit_id] == "street") / len(cs)

    by_street = [c for c in heating if c.community_id in summary.heating_by_street]
    handed = [c for c in heating if c.community_id in summary.heating_handed_over]
    others = [c for c in heating if c.community_id not in set(summary.heating_by_street) | set(summary.heating_handed_over)]
    assert street_share(by_street) > 0.8 and street_share(others) < 0.1
    assert street_share([c for c in handed if c.received_at < handover]) < 0.2
    assert street_share([c for c in handed if c.received_at >= handover]) > 0.8
    rule, learned = scores
    assert learned.top1 > rule.top1 + 0.1


def test_the_migration_fills_the_counts_from_the_cases_already_there(db_url, sf):
    from app import db

    KnownHistory(sf)
    with sf() as s:
        before = routing_rows(s)
    engine = sf.kw["bind"]
    db.downgrade(engine, "0011_state_checks")
    db.upgrade(engine)
    with sf() as s:
        assert routing_rows(s) == before and before


def test_another_places_own_unit_is_never_offered(sqlite_sf):
    """A few cases of this community kept by another street (sent there by mistake) must not make that street
    an alternative: the receptionist is offered the units that handle such cases here."""
    with sqlite_sf() as s:
        d = Directory.load(s)
        street = next(u.id for u in d.streets() if any(c.kind == "community" for c in d.children(u.id)))
        other_street = next(u.id for u in d.streets() if u.id != street)
        community = next(u.id for u in d.children(street) if u.kind == "community")
        heating = next(c.id for c in d.leaf_categories() if c.code == "0301")
        office, bureau = d.unit_by_code("B02").id, d.bureaus()[0].id
        for unit, n in ((office, 10), (street, 3), (other_street, 2), (bureau, 1)):
            s.add(RoutingCount(category_id=heating, street_id=street, community_id=community, unit_id=unit,
                               month=date(2022, 7, 1), handled=n, first_right=n, returned=0))
        s.commit()
        got = routing.suggest(s, heating, street, community, as_of=date(2022, 8, 20))
    assert got.unit_id == office and got.basis.level == "community"
    assert got.alternatives == (street, bureau)  # not the other street, though it kept more of them


def test_a_unit_that_kept_a_stray_case_is_not_offered(sqlite_sf):
    """One heating case in 51 ended at a bureau (sent there by mistake and kept): below 5 % of the cases it is
    no alternative for the receptionist (the demo offered 公安分局 for a heating call)."""
    with sqlite_sf() as s:
        d = Directory.load(s)
        street = next(u.id for u in d.streets() if any(c.kind == "community" for c in d.children(u.id)))
        community = next(u.id for u in d.children(street) if u.kind == "community")
        heating = next(c.id for c in d.leaf_categories() if c.code == "0301")
        office, bureau = d.unit_by_code("B02").id, d.bureaus()[0].id
        for unit, n in ((office, 40), (street, 10), (bureau, 1)):
            s.add(RoutingCount(category_id=heating, street_id=street, community_id=community, unit_id=unit,
                               month=date(2022, 7, 1), handled=n, first_right=n, returned=0))
        s.commit()
        got = routing.suggest(s, heating, street, community, as_of=date(2022, 8, 20))
    assert got.unit_id == office and bureau not in got.alternatives and street in got.alternatives


def test_a_history_of_other_places_only_gives_todays_rule_not_a_crash(sqlite_sf):
    """A case of a street matter with no street given: the history's units are all some street's own (another
    place for this case) and the rule has no unit (the hotline centre takes no dispatch). Saving must not fail:
    the suggestion is today's rule (none), as without history."""
    with sqlite_sf() as s:
        d = Directory.load(s)
        street = d.streets()[0].id
        category = next(c.id for c in d.leaf_categories() if c.default_handler == "street")
        s.add(RoutingCount(category_id=category, street_id=0, community_id=0, unit_id=street,
                           month=date(2022, 7, 1), handled=3, first_right=3, returned=0))
        s.commit()
        got = routing.suggest(s, category, None, None, as_of=date(2022, 8, 20))
    assert got.basis.level == "rule" and got.alternatives == ()


def test_the_basis_months_end_with_the_data_not_with_the_categorys_last_case(sqlite_sf, monkeypatch):
    """Heating's last cases were in February; the data runs to August. "近12个月" are the 12 months to August,
    not to February (which would count last May's cases too)."""
    from app.models import StatMonthlyUnit
    from app.services import clock

    monkeypatch.setattr(clock, "today", lambda: date(2022, 8, 20))
    with sqlite_sf() as s:
        d = Directory.load(s)
        street = next(u.id for u in d.streets() if any(c.kind == "community" for c in d.children(u.id)))
        heating = next(c.id for c in d.leaf_categories() if c.code == "0301")
        office = d.unit_by_code("B02").id
        for month, n in ((date(2021, 5, 1), 5), (date(2022, 2, 1), 3)):
            s.add(RoutingCount(category_id=heating, street_id=street, community_id=0, unit_id=office,
                               month=month, handled=n, first_right=n, returned=0))
        s.add(StatMonthlyUnit(month=date(2022, 8, 1), unit_id=street, received=1, replied=1))
        s.commit()
        got = routing.suggest(s, heating, street, None)
    assert (got.unit_id, got.basis.level, got.basis.months, got.basis.cases) == (office, "street", 12, 3)


def test_a_return_approved_as_the_month_ends_is_counted_in_the_month_of_its_event(sf, monkeypatch):
    """The clock ticks a second at each reading from 2022-08-31 23:59:58: the approval's event falls in August
    or September, and the live count must be in the event's month, as a rebuild counts it."""
    from datetime import timedelta

    from app.services import clock

    actor = system_actor()
    with sf() as s:
        d = Directory.load(s)
        street = d.streets()[0].id
        heating = next(c.id for c in d.leaf_categories() if c.code == "0301")
    monkeypatch.setattr(clock, "now", lambda: datetime(2022, 8, 31, 12, 0))
    ref = lifecycle.create_case(sf, actor, IntakeForm("13800000000", "暖气不热", heating, street_id=street))
    lifecycle.request_return(sf, actor, ref.id, "非本单位职责")
    ticks = iter(range(10_000))
    monkeypatch.setattr(clock, "now", lambda: datetime(2022, 8, 31, 23, 59, 58) + timedelta(seconds=next(ticks)))
    lifecycle.approve_return(sf, actor, ref.id)
    with sf() as s:
        live = routing_rows(s)
    with sf.begin() as s:
        routing.rebuild(s)
    with sf() as s:
        assert routing_rows(s) == live


def test_saving_reads_only_the_deciding_level_and_dispatches_to_the_same_unit(sqlite_sf):
    """A case being saved needs only its unit: the district-wide months of the category (the dearest read, ~20 ms
    at 1.3 M cases) are not read when the street's or community's history decides, and the unit and basis are
    those the receptionist was shown (with alternatives) for every place and category of a known history."""
    from sqlalchemy import event

    h = KnownHistory(sqlite_sf)
    engine = sqlite_sf.kw["bind"]
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with sqlite_sf() as s:
        d = Directory.load(s)
        compared = 0
        property_service = next(c.id for c in d.leaf_categories() if c.code == "0201")
        for category in (h.heating, h.noise, property_service):
            for street in h.streets:
                for community in (None, *h.communities[street]):
                    for as_of in (date(2021, 3, 20), date(2022, 8, 20)):
                        shown = routing.suggest(s, category, street, community, as_of=as_of)
                        event.listen(engine, "before_cursor_execute", record)
                        try:
                            saved = routing.suggest(s, category, street, community, as_of=as_of, alternatives=False)
                        finally:
                            event.remove(engine, "before_cursor_execute", record)
                        assert (saved.unit_id, saved.basis) == (shown.unit_id, shown.basis)
                        # the deciding level's alternatives come first in what was shown
                        assert shown.alternatives[:len(saved.alternatives)] == saved.alternatives
                        district_wide = [st for st in statements if "routing_counts.street_id =" not in st
                                         and "FROM routing_counts" in st]
                        assert bool(district_wide) == (shown.basis.level in ("category", "rule")), (
                            shown.basis, district_wide)
                        statements.clear()
                        compared += 1
    assert compared == 3 * len(h.streets) * 5 * 2


def test_the_streets_rows_are_read_through_the_primary_key_on_sqlite(sqlite_sf):
    """SQLite has no statistics here: given the month as a plain column it read every street's rows of the category
    through the (category, month) index (12 467 rows for 1 010 at 1.3 M cases). The (category, street) prefix."""
    from sqlalchemy import text

    engine = sqlite_sf.kw["bind"]
    sql = str(routing._statements()[1].compile(engine))
    with engine.connect() as conn:
        plan = " ".join(r[-1] for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql.replace("?", "NULL"))))
    assert "sqlite_autoindex_routing_counts_1 (category_id=? AND street_id=?)" in plan, plan
