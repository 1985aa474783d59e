"""Surges (突发聚集): an injected run of calls in a quiet place is found; a busy steady place is not; the command."""
from __future__ import annotations

import math
import random
from datetime import date, datetime, timedelta
from fractions import Fraction

import pytest
from sqlalchemy import insert

from app import db
from app.cli import main
from app.models import Case, Setting
from app.services import hotspots
from app.services.hotspots import HotspotRefused, poisson_tail
from tests.factories import directory

AS_OF = date(2022, 8, 15)
STREET = "马家堡街道"


def _exact_tail(k: int, lam: Fraction) -> float:
    """P(X ≥ k) from exact rational arithmetic, e^-lam aside."""
    lower = sum(lam ** i / math.factorial(i) for i in range(k))
    return 1.0 - math.exp(-float(lam)) * float(lower)


@pytest.mark.parametrize("k, lam", [(5, "0.6"), (3, "2"), (1, "0.1"), (10, "3.5"), (2, "5"), (0, "1")])
def test_poisson_tail_agrees_with_exact_arithmetic(k, lam):
    assert poisson_tail(k, float(lam)) == pytest.approx(_exact_tail(k, Fraction(lam)), rel=1e-9, abs=1e-15)


def test_poisson_tail_of_a_far_surge_stays_accurate():
    # P(X ≥ 30 | 0.5): the first term dominates, 0.5^30 e^-0.5 / 30! ≈ 2.1e-42 (1 - CDF would give 0)
    first = math.exp(-0.5 + 30 * math.log(0.5) - math.lgamma(31))
    assert poisson_tail(30, 0.5) == pytest.approx(first * 1.0163, rel=1e-3)
    assert poisson_tail(30, 0.5) > 0


class _Cases:
    """Case rows written straight into the table (only what surges read: time, place, category)."""

    def __init__(self, sf):
        self.sf = sf
        self.rows: list[dict] = []

    def add(self, at: datetime, street: int, community: int, category: int, address: str = "某小区1号楼") -> None:
        n = len(self.rows)
        self.rows.append(dict(
            case_no=f"T{n:08d}", received_at=at, channel="phone", request_type="complaint", confidential=False,
            address=address, street_id=street, community_id=community, category_id=category, description="测试",
            urgency="normal", deadline_tier="general", status="new", callback_attempts=0, repeat_count=0,
            reopen_count=0, updated_at=at, version=1))

    def write(self) -> None:
        with self.sf.begin() as s:
            s.execute(insert(Case), self.rows)


@pytest.fixture
def district(sf):
    """400 days of ordinary calls in six communities and four categories, then two injected surges."""
    d = directory(sf)
    street = d.unit_by_name(STREET)
    here = [c.id for c in d.children(street.id) if c.kind == "community"]
    elsewhere = [c.id for c in d.units.values() if c.kind == "community" and c.id not in here]
    communities = here[:3] + elsewhere[:3]
    categories = [c.id for c in d.leaf_categories()][:4]
    assert len(communities) == 6 and len(categories) == 4
    rng = random.Random(11)
    cases = _Cases(sf)
    rates = {(c, k): rng.choice([0.03, 0.1, 0.3, 0.6]) for c in communities for k in categories}
    busy = (communities[0], categories[0])
    rates[busy] = 4.0  # 28 a week, every week: busy, not a surge
    quiet = (communities[1], categories[1])
    rates[quiet] = 0.03
    first_day = AS_OF - timedelta(days=400)
    for day in range(401):
        base = datetime.combine(first_day + timedelta(days=day), datetime.min.time())
        for (c, k), lam in rates.items():
            # Poisson by counting exponential gaps within the day
            t = rng.expovariate(lam)
            while t < 1:
                cases.add(base + timedelta(seconds=int(t * 86_400)), d.units[c].parent_id, c, k)
                t += rng.expovariate(lam)
    surge_start = datetime.combine(AS_OF - timedelta(days=2), datetime.min.time())
    for i in range(12):  # 12 calls in three days where one a month is usual
        cases.add(surge_start + timedelta(hours=5 * i + 8), street.id, *quiet)
    building = (communities[2], categories[2])
    for i in range(8):  # 8 calls from one building in two days
        cases.add(surge_start + timedelta(days=1, hours=2 * i), street.id, *building, address="角门西里3号楼")
    cases.write()
    return dict(street=street, busy=busy, quiet=quiet, building=building, directory=d)


def test_injected_surge_is_found_first_and_the_busy_steady_place_is_not(sf, district):
    with sf() as s:
        surges = hotspots.find(s, AS_OF, days=7)
    assert surges, "the injected surge was not found"
    top = surges[0]
    d = district["directory"]
    assert (top.community_id, top.category_id) == district["quiet"]
    assert top.street == STREET and top.community == d.units[district["quiet"][0]].name
    assert top.cases >= 12 and top.expected < 2 and top.p_value < 1e-6
    assert top.first_received.date() >= AS_OF - timedelta(days=6)
    assert all((x.community_id, x.category_id) != district["busy"] for x in surges)
    assert [x.p_value for x in surges] == sorted(x.p_value for x in surges)


def test_the_same_week_a_month_earlier_has_no_surge_of_the_quiet_place(sf, district):
    with sf() as s:
        surges = hotspots.find(s, AS_OF - timedelta(days=30), days=7)
    assert all((x.community_id, x.category_id) != district["quiet"] for x in surges)


def test_surges_at_one_address(sf, district):
    with sf() as s:
        surges = hotspots.find(s, AS_OF, days=7, by="address")
    found = [x for x in surges if x.address == "角门西里3号楼"]
    assert found and found[0].cases == 8 and found[0].category_id == district["building"][1]


def test_the_minimum_number_of_cases_is_a_setting(sf, district):
    with sf.begin() as s:
        s.add(Setting(key="hotspot.min_cases", value="13", effective_from=date(2000, 1, 1)))
    with sf() as s:
        surges = hotspots.find(s, AS_OF, days=7)
    assert all(x.cases >= 13 for x in surges)
    assert all((x.community_id, x.category_id) != district["quiet"] for x in surges)  # it has 12 or 13


def test_a_database_without_history_reports_nothing(sf):
    with sf() as s:
        assert hotspots.find(s, AS_OF) == []


@pytest.mark.parametrize("days", [0, 57])
def test_days_out_of_range_are_refused(sf, days):
    with sf() as s, pytest.raises(HotspotRefused, match="--days"):
        hotspots.find(s, AS_OF, days=days)


def test_hotspots_command_prints_csv_and_a_table(sf, district, capsys):
    url = sf.kw["bind"].url.render_as_string(hide_password=False)
    assert main(["hotspots", "--as-of", "2022-08-15", "--db", url]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == "street,community,category,cases,expected,ratio,p_value,first_received,last_received"
    first = lines[1].split(",")
    assert first[0] == STREET and int(first[3]) >= 12
    assert first[7].startswith("2022-08-1") and first[7].endswith("+08:00")
    assert main(["hotspots", "--as-of", "2022-08-15", "--format", "table", "--db", url]) == 0
    out, _ = capsys.readouterr()
    assert out.startswith("突发聚集:截至 2022-08-15 的 7 天") and STREET in out
    assert main(["hotspots", "--as-of", "2022-08-15", "--by", "address", "--db", url]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[0].endswith(",address") and "角门西里3号楼" in out


@pytest.mark.parametrize("argv, message", [
    (["--as-of", "2022-13-01"], "--as-of"),
    (["--as-of", "2022-08-15", "--days", "0"], "--days"),
])
def test_hotspots_command_refuses_bad_input_in_one_line(sqlite_url, capsys, argv, message):
    db.upgrade(db.make_engine(sqlite_url))
    assert main(["hotspots", *argv, "--db", sqlite_url]) == 2
    out, err = capsys.readouterr()
    assert out == "" and message in err and len(err.strip().splitlines()) == 1


def test_the_cases_behind_a_surge_and_the_latest_day(sf, district):
    with sf() as s:
        assert hotspots.latest_day(s) == AS_OF
        top = hotspots.find(s, AS_OF, days=7)[0]
        listed = hotspots.cases_of(s, top, AS_OF, 7)
        assert len(listed) == top.cases
        assert [c.received_at for c in listed] == sorted((c.received_at for c in listed), reverse=True)
        building = [x for x in hotspots.find(s, AS_OF, days=7, by="address") if x.address == "角门西里3号楼"][0]
        assert {c.address for c in hotspots.cases_of(s, building, AS_OF, 7)} == {"角门西里3号楼"}


def test_an_empty_database_has_no_latest_day(sf):
    with sf() as s:
        assert hotspots.latest_day(s) is None
