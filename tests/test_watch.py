"""Watch lists: chronic problems (顽疾) and the seasonal list, on hand-made histories, and the `watch` command."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, insert, select, update

from app import db
from app.cli import main
from app.models import Callback, Case, Unit
from app.models.governance import Season
from app.services import stats, watch
from app.services.watch import WatchRefused
from tests.factories import directory


class _History:
    """Case rows (and reached callbacks) written straight into the tables: what the watch lists read."""

    def __init__(self, sf):
        self.sf = sf
        self.d = directory(sf)
        self.cases: list[dict] = []
        self.callbacks: list[tuple[int, datetime, str]] = []

    def community(self, name: str) -> tuple[int, int]:
        unit = self.d.unit_by_name(name)
        return unit.parent_id, unit.id

    def add(self, at: datetime, community: str, category: str, resolved: str | None = None, unit: str | None = None,
            address: str = "某小区1号楼") -> None:
        street_id, community_id = self.community(community)
        n = len(self.cases)
        self.cases.append(dict(
            case_no=f"W{n:08d}", received_at=at, channel="phone", request_type="complaint", confidential=False,
            address=address, street_id=street_id, community_id=community_id,
            category_id=self.d.category_by_name(category).id, description="测试", urgency="normal",
            deadline_tier="general", status="closed" if resolved else "new", callback_attempts=0, repeat_count=0,
            reopen_count=0, updated_at=at, version=1,
            unit_id=self.d.unit_by_name(unit).id if unit else None))
        if resolved:
            self.callbacks.append((n, at + timedelta(days=3), resolved))

    def write(self) -> None:
        with self.sf.begin() as s:
            s.execute(insert(Case), self.cases)
            ids = dict(s.execute(select(Case.case_no, Case.id)).all())
            s.execute(insert(Callback), [
                dict(case_id=ids[f"W{n:08d}"], round=0, attempt=1, at=at, reached=True, contacted=True,
                     resolved=resolved, satisfaction="satisfied") for n, at, resolved in self.callbacks])
            stats.rebuild(s)  # as the import and the demo do: the chronic list reads the place summary


def _day(y, m, d, h=10) -> datetime:
    return datetime(y, m, d, h)


@pytest.fixture
def chronic_history(sf):
    h = _History(sf)
    # 天伦北里: parking every month for 8 months, half of it unresolved → chronic
    for m in range(1, 9):
        h.add(_day(2022, m, 5), "天伦北里社区", "停车管理", "no", unit="太平桥街道", address="天伦北里6号楼")
        h.add(_day(2022, m, 6), "天伦北里社区", "停车管理", "yes", unit="太平桥街道", address="天伦北里5号楼")
    # 晨新园? use a real community: noise every month, always resolved → not chronic (solved as well as elsewhere)
    for m in range(1, 9):
        h.add(_day(2022, m, 7), "双晨社区", "噪音扰民", "yes", unit="马家堡街道")
    # many cases but only in 3 months → not chronic
    for m in (2, 3, 4):
        for i in range(10):
            h.add(_day(2022, m, 10 + i), "双晨社区", "供暖", "yes", unit="丰台区供暖办", address=f"晨新园{m}-{i}号楼")
    h.write()
    return h


def test_chronic_lists_the_unresolved_monthly_problem_only(sf, chronic_history):
    with sf() as s:
        result = watch.chronic(s, date(2022, 8, 31))
    # district: 8 + 8 + 30 resolved of 16 + 8 + 30 reached
    assert result.district_resolution_rate == pytest.approx(46 / 54)
    assert [(r.community, r.category, r.cases, r.months) for r in result.rows] == [("天伦北里社区", "停车管理", 16, 8)]
    row = result.rows[0]
    assert row.resolution_rate == pytest.approx(0.5) and row.unit == "太平桥街道" and row.street == "太平桥街道"


def test_chronic_months_is_a_setting_and_the_window_is_twelve_months(sf, chronic_history):
    with sf() as s:
        assert watch.chronic(s, date(2023, 6, 30)).rows == []  # only 2 of those months are in the last 12
        assert watch.chronic(s, date(2022, 5, 31)).rows == []  # 5 months so far


def test_chronic_addresses_called_again_and_again(sf, chronic_history):
    with sf() as s:
        result = watch.chronic(s, date(2022, 8, 31), by="address")
    # every address called about in 3 months or more, whatever its resolution: the two buildings and 双晨's noise
    assert [(r.address, r.cases, r.months, r.community) for r in result.rows[:2]] == [
        ("天伦北里5号楼", 8, 8, "天伦北里社区"), ("天伦北里6号楼", 8, 8, "天伦北里社区")]
    assert all(r.months >= 3 for r in result.rows) and not any(r.address.startswith("晨新园") for r in result.rows)


@pytest.fixture
def heating_history(sf):
    """Three heating seasons: 角门西里 always the most, 天伦北里 only in the last one."""
    h = _History(sf)
    for start_year, jmxl, tlbl in ((2019, 12, 1), (2020, 10, 2), (2021, 14, 20)):
        for i in range(jmxl):
            h.add(_day(start_year, 12, 1) + timedelta(hours=5 * i), "双晨社区", "供暖", "no" if i % 2 else "yes",
                  unit="丰台区供暖办")
        for i in range(tlbl):
            h.add(_day(start_year + 1, 1, 10) + timedelta(hours=3 * i), "天伦北里社区", "供暖", "yes", unit="太平桥街道")
        h.add(_day(start_year + 1, 6, 1), "天伦北里社区", "供暖", unit="太平桥街道")  # out of season: not counted
    h.write()
    return h


def test_seasonal_list_from_the_three_seasons_before(sf, heating_history):
    with sf.begin() as s:
        s.execute(update(Unit).values(population=None).where(Unit.kind == "community"))
    with sf() as s:
        result = watch.seasonal(s, "供暖", 2022)
    assert [(a.year, b.year) for a, b in result.spans] == [(2021, 2022), (2020, 2021), (2019, 2020)]
    assert not result.by_population
    rows = [(r.community, r.cases, round(r.cases_per_season, 2), r.seasons_listed) for r in result.rows]
    assert rows == [("双晨社区", 14, 12.0, 3), ("天伦北里社区", 20, round(23 / 3, 2), 3)]
    top = result.rows[0]
    assert top.resolution_rate == pytest.approx(18 / 36) and top.unit == "丰台区供暖办" and top.category == "供暖"


def test_seasonal_ranks_per_thousand_residents_when_every_community_has_a_population(sf, heating_history):
    with sf.begin() as s:
        s.execute(update(Unit).values(population=100_000).where(Unit.name == "双晨社区"))
        s.execute(update(Unit).values(population=1_000).where(Unit.name == "天伦北里社区"))
    with sf() as s:
        result = watch.seasonal(s, "供暖", 2022)
    assert result.by_population
    assert [r.community for r in result.rows] == ["天伦北里社区", "双晨社区"]
    assert result.rows[0].per_1000 == pytest.approx(23 / 3)


def test_seasons_are_data(sf, heating_history):
    with sf() as s:
        names = [x.name for x in watch.seasons(s)]
        with pytest.raises(WatchRefused, match="供暖、汛期、入学季"):
            watch.seasonal(s, "沙尘", 2022)
    assert names == ["供暖", "汛期", "入学季"]
    with sf.begin() as s:
        s.execute(update(Season).where(Season.name == "供暖").values(active=False))
    with sf() as s, pytest.raises(WatchRefused):
        watch.seasonal(s, "供暖", 2022)


def test_watch_command_csv_and_refusals(sf, heating_history, capsys):
    url = sf.kw["bind"].url.render_as_string(hide_password=False)
    assert main(["watch", "--season", "供暖", "--year", "2022", "--db", url]) == 0
    out, _ = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == ("street,community,category,cases_last_season,cases_per_season,seasons_listed,"
                        "resolution_rate,unit")
    assert lines[1] == "马家堡街道,双晨社区,供暖,14,12.00,3,0.5000,丰台区供暖办"
    assert main(["watch", "--season", "供暖", "--year", "2022", "--format", "table", "--db", url]) == 0
    out, _ = capsys.readouterr()
    assert out.startswith("季节性预警:供暖 2022") and "双晨社区" in out
    for argv, message in ((["--season", "供暖"], "--year"), (["--chronic", "--season", "供暖", "--year", "2022"], "either"),
                          ([], "either"), (["--season", "沙尘", "--year", "2022"], "unknown season"),
                          (["--chronic", "--as-of", "2022-02-30"], "--as-of")):
        assert main(["watch", *argv, "--db", url]) == 2
        out, err = capsys.readouterr()
        assert out == "" and message in err and len(err.strip().splitlines()) == 1


def test_watch_command_chronic_csv(sf, chronic_history, capsys):
    url = sf.kw["bind"].url.render_as_string(hide_password=False)
    assert main(["watch", "--chronic", "--as-of", "2022-08-31", "--db", url]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines() == [
        "street,community,category,cases,months,resolution_rate,district_resolution_rate,unit",
        "太平桥街道,天伦北里社区,停车管理,16,8,0.5000,0.8519,太平桥街道"]


def test_an_upgraded_database_gets_the_shipped_seasons(sqlite_url):
    engine = db.make_engine(sqlite_url)
    db.downgrade(engine, "0004_callback_claims")
    db.upgrade(engine)
    with db.make_session_factory(engine)() as s:
        assert [x.name for x in watch.seasons(s)] == ["供暖", "汛期", "入学季"]
        assert [len(x.category_ids) for x in watch.seasons(s)] == [1, 2, 1]


def test_an_administrator_adds_and_changes_a_season(sf):
    from app.models import AccessLog
    from app.services.watch import SeasonForm, save_season
    from tests.conftest import make_actor

    d = directory(sf)
    noise = d.category_by_name("噪音扰民").id
    admin = make_actor("admin", staff_id=None)
    season_id = save_season(sf, admin, SeasonForm("夏季噪音", "06-01", "08-31", (noise,)))
    with sf() as s:
        row = next(x for x in watch.all_seasons(s) if x.id == season_id)
        assert (row.name, row.first_day, row.last_day, row.category_ids, row.active) == (
            "夏季噪音", "06-01", "08-31", (noise,), True)
        assert "夏季噪音" in [x.name for x in watch.seasons(s)]
        assert s.scalar(select(func.count()).select_from(AccessLog).where(AccessLog.action == "admin_season")) == 1
    save_season(sf, admin, SeasonForm("夏季噪音", "06-01", "09-15", (noise,), active=False), season_id)
    with sf() as s:
        assert "夏季噪音" not in [x.name for x in watch.seasons(s)]
        assert next(x for x in watch.all_seasons(s) if x.id == season_id).last_day == "09-15"


@pytest.mark.parametrize("form, field, code", [
    (("", "06-01", "08-31"), "name", "required"),
    (("供暖", "06-01", "08-31"), "name", "duplicate"),
    (("夏", "13-01", "08-31"), "first_day", "bad_month_day"),
    (("夏", "06-01", "02-30"), "last_day", "bad_month_day"),
    (("夏", "06-01", "06-01"), "last_day", "same_day"),
])
def test_a_bad_season_is_refused_and_nothing_changes(sf, form, field, code):
    from app.services.errors import ValidationFailed
    from app.services.watch import SeasonForm, save_season
    from tests.conftest import make_actor

    noise = directory(sf).category_by_name("噪音扰民").id
    with pytest.raises(ValidationFailed) as refused:
        save_season(sf, make_actor("admin"), SeasonForm(*form, (noise,)))
    assert (field, code) in [(p.field, p.code) for p in refused.value.problems]
    with sf() as s:
        assert len(watch.all_seasons(s)) == 3


def test_only_an_administrator_edits_seasons(sf):
    from app.services.errors import PermissionDenied
    from app.services.watch import SeasonForm, save_season
    from tests.conftest import make_actor

    with pytest.raises(PermissionDenied):
        save_season(sf, make_actor("dispatcher"), SeasonForm("夏", "06-01", "08-31", (1,)))
