"""The chronic list read from the place summary (StatPlace) equals the list counted from the cases, on generated data.

Two kinds of data, on SQLite and PostgreSQL: a random history written straight into the tables and summed by
`stats.rebuild` (what the import and the demo do), and a random walk through the lifecycle, whose summary
rows each change keeps. The lists are compared whole (rows, order, counts, months, rates, units), at the
end of a month (the summary alone) and in the middle of one (that month counted from its cases).
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from app import db
from app.models import Callback, Case, Setting, Unit
from app.services import stats, watch
from tests.factories import directory
from tests.test_stats_equivalence import RandomDistrict, summary_rows

AS_OF = [date(2022, 8, 31), date(2022, 8, 17), date(2022, 6, 30), date(2022, 3, 1), date(2021, 12, 31)]


def _random_history(sf, seed: int, rebuild: bool = True) -> None:
    """Cases over 20 months in a few communities and categories, so that many pairs come back month after month.

    Some cases have no community, no category or no unit; callbacks reached or not, solved, partly or not, some
    about another unit than the case's last one (a case re-dispatched after its callback).
    """
    rng = random.Random(seed)
    d = directory(sf)
    communities = sorted((u for u in d.units.values() if u.kind == "community"), key=lambda u: u.id)[:8]
    categories = [c.id for c in d.leaf_categories()][:6]
    handlers = [u.id for u in d.units.values() if u.kind in ("street", "bureau")][:6] + [c.id for c in communities]
    cases, callbacks = [], []
    for n in range(2500):
        at = datetime(2021, 1, 1) + timedelta(minutes=rng.randrange(60 * 24 * 600))
        community = rng.choice(communities) if rng.random() < 0.92 else None
        street = community.parent_id if community else rng.choice([u.id for u in d.streets()])
        unit = rng.choice(handlers) if rng.random() < 0.9 else None
        cases.append(dict(
            case_no=f"R{n:08d}", received_at=at, channel="phone", request_type="complaint", confidential=False,
            address="某小区", street_id=street, community_id=community.id if community else None,
            category_id=rng.choice(categories) if rng.random() < 0.95 else None, description="随机", urgency="normal",
            deadline_tier="general", status="closed", callback_attempts=1, repeat_count=0, reopen_count=0,
            updated_at=at, version=1, unit_id=unit))
        for attempt in range(rng.choice([0, 1, 1, 2])):
            reached = rng.random() < 0.85
            callbacks.append((n, at + timedelta(days=2 + attempt), attempt + 1, reached,
                              rng.choice(["yes", "yes", "yes", "partly", "no"]) if reached else None,
                              rng.choice(handlers + [unit]) if rng.random() < 0.2 else unit))
    with sf.begin() as s:
        s.execute(insert(Case), cases)
        ids = dict(s.execute(select(Case.case_no, Case.id)).all())
        s.execute(insert(Callback), [
            dict(case_id=ids[f"R{n:08d}"], round=0, attempt=attempt, at=at, unit_id=unit, reached=reached,
                 contacted=reached or None, resolved=resolved, satisfaction="satisfied" if reached else None)
            for n, at, attempt, reached, resolved, unit in callbacks])
        if rebuild:
            stats.rebuild(s)


def _assert_same(sf, days) -> int:
    listed = 0
    for as_of in days:
        with sf() as s:
            summary = watch.chronic(s, as_of)
            scanned = watch.chronic_from_cases(s, as_of)
        assert summary.district_resolution_rate == pytest.approx(scanned.district_resolution_rate), as_of
        assert summary.rows == scanned.rows, as_of
        listed += len(summary.rows)
    return listed


@pytest.mark.parametrize("seed", [1, 2])
def test_chronic_from_the_summary_equals_the_case_scan_on_a_random_history(sf, seed):
    _random_history(sf, seed)
    # the lists are long, and a unit won each pair: the comparison is not between two empty lists
    assert _assert_same(sf, AS_OF) > 20
    with sf() as s:
        assert any(r.unit for r in watch.chronic(s, AS_OF[0]).rows)
    with sf.begin() as s:  # fewer months asked: other pairs, some of them resolved as well as the district
        s.add(Setting(key="chronic.months", value="3", effective_from=date(2000, 1, 1)))
    assert _assert_same(sf, AS_OF[:2]) > 20


def test_chronic_from_the_summary_kept_by_each_change_equals_the_case_scan(sf, monkeypatch):
    """No rebuild here: the summary rows are those every lifecycle change wrote."""
    district = RandomDistrict(sf, monkeypatch, 11)
    for _ in range(900):
        district.step()
    with sf.begin() as s:
        s.add(Setting(key="chronic.months", value="1", effective_from=date(2000, 1, 1)))  # the walk is sparse
    last = district.clock.at.date()
    month_end = last.replace(day=1) - timedelta(days=1)
    assert _assert_same(sf, [last, month_end, month_end.replace(day=1) - timedelta(days=1), last - timedelta(days=40)]) > 0


def test_migration_0015_fills_the_place_summary_of_the_cases_already_there(engine, sf):
    db.downgrade(engine, "0014_routing")
    _random_history(sf, 3, rebuild=False)  # cases and callbacks of a database from before the summary
    db.upgrade(engine)
    with sf() as s:
        filled = summary_rows(s)["stat_place"]
    assert len(filled) > 500
    with sf.begin() as s:
        stats.rebuild(s)
    with sf() as s:
        assert summary_rows(s)["stat_place"] == filled


def test_the_chronic_command_reads_the_summary_without_the_orm(sqlite_url):
    """Like `rank`: Core statements only, so that the command starts fast (issue 16: ≤ 1 s at 1.3 M cases)."""
    engine = db.make_engine(sqlite_url)
    _random_history(db.make_session_factory(engine), 1)
    engine.dispose()
    code = ("import contextlib, io, json, sys\nfrom app.cli import main\nout = io.StringIO()\n"
            f"with contextlib.redirect_stdout(out):\n    code = main(['watch', '--chronic', '--as-of', '2022-08-31', "
            f"'--db', {sqlite_url!r}])\n"
            "print(json.dumps([code, out.getvalue().count(chr(10)), 'sqlalchemy.orm' in sys.modules, "
            "'app.models' in sys.modules]))")
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parent.parent,
                          capture_output=True, text=True, check=True)
    code, lines, orm, models = json.loads(done.stdout.splitlines()[-1])
    assert (code, orm, models) == (0, False, False)
    assert lines > 20  # the header and the listed pairs


def test_migration_0016_census_fills_only_empty_populations(engine, sf):
    """The 2020 census figures fill the units that have none; a figure an administrator entered stays (issue 15)."""
    db.downgrade(engine, "0015_place_stats")
    with sf.begin() as s:
        s.execute(Unit.__table__.update().where(Unit.code.in_(["110106003", "110106007", "110106010"]))
                  .values(population=None))
        s.execute(Unit.__table__.update().where(Unit.code == "110106007").values(population=150000))  # entered
    db.upgrade(engine)
    with sf() as s:
        populations = dict(s.execute(select(Unit.name, Unit.population)).all())
    assert populations["西罗园街道"] == 83815 and populations["新村街道"] == 204697  # were empty: filled
    assert populations["东铁匠营街道"] == 150000  # the administrator's figure is kept
    assert populations["成寿寺街道"] is None  # created in 2021: no 2020 figure
