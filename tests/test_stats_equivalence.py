"""The summary tables kept by every lifecycle change equal a rebuild from the cases, after random lifecycle sequences.

A seeded random walk creates cases at times spread over months and drives them through every
operation (dispatch, sign, contact, reply, returns and extensions asked, approved and rejected,
merges, manual closes, repeat calls, reached and unreachable callbacks, reopen), including refused
ones. Then StatDaily, StatMonthlyUnit and StatMonthlyCategory are compared row by row with what
`stats.rebuild` computes from the cases and callbacks in SQL.
"""
from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.models import (
    COUNTERS,
    Callback,
    Case,
    StatDaily,
    StatMonthlyCategory,
    StatMonthlyUnit,
    StatPlace,
    Unit,
)
from app.services import lifecycle, metrics, stats
from app.services.actors import system_actor
from app.services.directory import Directory
from app.services.errors import TransitionRefused, ValidationFailed
from app.services.lifecycle import CallbackAnswers, IntakeForm
from app.services.metrics import Counts, Group
from app.services.periods import parse_period
from tests.metrics_fixture import FakeClock

SUMMARIES = (
    (StatDaily, ("day", "unit_id", "category_id")),
    (StatMonthlyUnit, ("month", "unit_id")),
    (StatMonthlyCategory, ("month", "category_id")),
    (StatPlace, ("month", "street_id", "community_id", "category_id", "unit_id")),
)


def summary_rows(s) -> dict[str, dict[tuple, tuple[int, ...]]]:
    """Every summary row with a non-zero counter (an incremental row can drop back to all zeros)."""
    out = {}
    for model, keys in SUMMARIES:
        table = model.__table__
        counters = stats.PLACE_COUNTERS if model is StatPlace else COUNTERS
        rows = s.execute(select(*(table.c[k] for k in keys), *(table.c[c] for c in counters))).all()
        out[table.name] = {tuple(r[:len(keys)]): tuple(r[len(keys):]) for r in rows if any(r[len(keys):])}
    return out


class RandomDistrict:
    """Drives random cases through the lifecycle, with the clock moving forward across months."""

    def __init__(self, sf, monkeypatch, seed: int):
        self.sf = sf
        self.rng = random.Random(seed)
        self.clock = FakeClock(monkeypatch, datetime(2021, 11, 20, 8, 0))
        self.actor = system_actor()
        with sf.begin() as s:
            d = Directory.load(s)
            bureau = d.unit_by_name("丰台区城市管理委员会")
            s.add(Unit(code="B01-01", name="能源运行科", kind="section", level=3, parent_id=bureau.id,
                       is_demo=False, active=True))
        with sf() as s:
            d = Directory.load(s)
        self.streets = [u.id for u in d.streets()]
        self.communities = {u.parent_id: u.id for u in d.units.values() if u.kind == "community"}
        self.handlers = self.streets + list(self.communities.values()) + [u.id for u in d.units.values()
                                                                           if u.kind in ("bureau", "section")]
        self.categories = [c.id for c in d.leaf_categories()]
        self.case_ids: list[int] = []
        self.unreachable: set[int] = set()
        self.active: set[int] = set()
        self.done = {"refused": 0}

    def tick(self) -> None:
        self.clock.at += timedelta(minutes=self.rng.choice([5, 30, 90, 300, 900, 1800]))

    def _form(self) -> IntakeForm:
        street = self.rng.choice(self.streets)
        community = self.communities.get(street) if self.rng.random() < 0.5 else None
        # received a little in the past, so that some cases arrive on another day or month than they are entered
        received = self.clock.at - timedelta(hours=self.rng.choice([0, 0, 1, 30, 200]))
        category = self.rng.choice(self.categories)
        unit = self.rng.choice(self.handlers + [None] * 4)
        return IntakeForm(
            caller_phone=f"138{self.rng.randrange(10**8):08d}", description="随机诉求",
            category_id=category, street_id=street, community_id=community,
            urgency=self.rng.choice(["normal", "normal", "urgent"]), received_at=received, unit_id=unit,
        )

    def create(self) -> None:
        r = self.rng.random()
        if r < 0.1:
            consultation = replace(self._form(), request_type="consultation")
            ref = lifecycle.answer_at_intake(self.sf, self.actor, consultation, "已当场解答")
        else:
            ref = lifecycle.create_case(self.sf, self.actor, self._form(), dispatch=r > 0.25)
        self.case_ids.append(ref.id)
        self.active.add(ref.id)
        if self.rng.random() < 0.15:
            self.unreachable.add(ref.id)  # a citizen who never answers: the case ends closed as unreachable

    def answers(self, case_id: int) -> CallbackAnswers | None:
        if case_id in self.unreachable or self.rng.random() < 0.3:
            return None
        return CallbackAnswers(self.rng.random() < 0.8, self.rng.choice(["yes", "yes", "partly", "no"]),
                               self.rng.choice(["satisfied", "satisfied", "basic", "unsatisfied"]))

    def step(self) -> None:
        self.tick()
        if not self.case_ids or self.rng.random() < 0.12:
            self.create()
            return
        # mostly cases that can still move; now and then a finished one, whose every change is refused
        pool = self.case_ids if self.rng.random() < 0.05 or not self.active else sorted(self.active)
        case_id = self.rng.choice(pool)
        with self.sf() as s:
            case = s.get(Case, case_id)
            status, pending = case.status, case.pending_request
            deadline = case.reply_deadline
            if status == "merged" or case.close_reason == "unreachable":
                self.active.discard(case_id)
        sf, a, rng = self.sf, self.actor, self.rng
        choices = {
            "new": ["dispatch"] * 6 + ["merge", "close", "repeat"],
            "dispatched": ["sign"] * 6 + ["return", "extension", "merge", "repeat", "decide"],
            "accepted": ["reply"] * 6 + ["contact", "return", "extension", "merge", "decide"],
            "returned": ["dispatch"] * 4 + ["merge"],
            "replied": ["callback", "callback", "callback", "close", "repeat"],
            "closed": ["reopen", "reopen", "sign"],  # sign: refused, and nothing changes
            "merged": ["reopen"],
        }[status]
        op = rng.choice(choices)
        if pending and rng.random() < 0.7:
            op = "decide"
        if status == "closed" and rng.random() < 0.6:
            self.active.discard(case_id)  # most closed cases stay closed
        try:
            if op == "dispatch":
                lifecycle.dispatch(sf, a, case_id, rng.choice(self.handlers))
            elif op == "merge":
                lifecycle.merge(sf, a, case_id, rng.choice(self.case_ids))
            elif op == "close":
                lifecycle.close(sf, a, case_id, "无需处理")
            elif op == "repeat":
                lifecycle.link_repeat_call(sf, a, case_id, "再次来电")
            elif op == "sign":
                lifecycle.sign(sf, a, case_id)
            elif op == "contact":
                lifecycle.record_contact(sf, a, case_id, "已联系")
            elif op == "reply":
                lifecycle.reply(sf, a, case_id, "已办理", no_contact_reason="电话无人接听")  # when not contacted
            elif op == "return":
                lifecycle.request_return(sf, a, case_id, "不属于本单位")
            elif op == "extension":
                until = (deadline or self.clock.at) + timedelta(days=rng.choice([-1, 3, 10]))
                lifecycle.request_extension(sf, a, case_id, until, "需要协调")
            elif op == "decide" and pending == "return":
                (lifecycle.approve_return if rng.random() < 0.7 else lifecycle.reject_return)(sf, a, case_id, "审核")
            elif op == "decide":
                (lifecycle.approve_extension if rng.random() < 0.7 else lifecycle.reject_extension)(sf, a, case_id, "审核")
            elif op == "callback":
                lifecycle.record_callback(sf, a, case_id, self.answers(case_id), at=self.clock.at)
            elif op == "reopen":
                lifecycle.reopen(sf, a, case_id, "回访不满意")
            self.done[op] = self.done.get(op, 0) + 1
        except (TransitionRefused, ValidationFailed):
            self.done["refused"] += 1


@pytest.mark.parametrize("seed", [3, 12345])
def test_summary_kept_by_each_change_equals_a_rebuild_from_the_cases(sf, monkeypatch, seed):
    district = RandomDistrict(sf, monkeypatch, seed)
    for _ in range(1500):
        district.step()
    # the walk really went through every operation, refusals included, over many months
    assert set(district.done) >= {"dispatch", "merge", "close", "repeat", "sign", "contact", "reply", "return",
                                  "extension", "decide", "callback", "reopen", "refused"}
    with sf() as s:
        kept = summary_rows(s)
        months = s.scalar(select(func.count(func.distinct(StatMonthlyUnit.month))))
        reopened = s.scalar(select(func.count()).where(Case.reopen_count > 0))
        unreachable = s.scalar(select(func.count()).where(Case.close_reason == "unreachable"))
        counted = s.scalar(select(func.count()).select_from(Callback).where(Callback.reached.is_(True)))
        cases = s.scalar(select(func.count()).select_from(Case))
        without_unit = s.scalar(select(func.count()).where(Case.unit_id.is_(None)))
    assert without_unit > 0
    assert months >= 4 and reopened > 0 and unreachable > 0 and counted > 20
    with sf.begin() as s:
        stats.rebuild(s)
    with sf() as s:
        rebuilt = summary_rows(s)
    for table in kept:
        assert kept[table] == rebuilt[table], table
    received = sum(row[COUNTERS.index("received")] for row in kept["stat_monthly_category"].values())
    reached = sum(row[COUNTERS.index("reached")] for row in kept["stat_monthly_unit"].values())
    assert (received, reached) == (cases, counted)
    # the monthly unit table has no row for "no unit yet": those cases are in the daily and category tables
    assert all(unit for _month, unit in kept["stat_monthly_unit"])
    received_by_units = sum(row[COUNTERS.index("received")] for row in kept["stat_monthly_unit"].values())
    assert received_by_units == cases - without_unit > 0


def test_a_tracked_change_of_category_moves_the_stored_callbacks_counts_too(sf, monkeypatch):
    """No lifecycle operation changes a category; the tracker still handles one (stored callbacks are read)."""
    district = RandomDistrict(sf, monkeypatch, 5)
    for _ in range(600):
        district.step()
    with sf() as s:
        case_id = s.scalar(select(Callback.case_id).where(Callback.reached.is_(True)).limit(1))
    assert case_id is not None
    with sf.begin() as s:
        case = s.get(Case, case_id)
        tracker = stats.Tracker(s, case)
        case.category_id = next(c for c in district.categories if c != case.category_id)
        s.add(Callback(case_id=case.id, round=case.reopen_count, attempt=case.callback_attempts + 1,
                       at=district.clock.at, unit_id=case.unit_id, reached=True, contacted=True,
                       resolved="yes", satisfaction="satisfied"))
        s.flush()  # a flush before the commit: the callback is still counted as added by this change
        tracker.commit(case)
    with sf() as s:
        kept = summary_rows(s)
    with sf.begin() as s:
        stats.rebuild(s)
    with sf() as s:
        assert summary_rows(s) == kept


def direct_counts(s, directory, period, members: set[int]) -> dict[int, Counts]:
    """The ranking's counts computed straight from the cases and callbacks, without the summary tables."""
    out: dict[int, dict[str, int]] = {}

    def add(unit_id, counter):
        member = directory.ancestor_in(unit_id, members)
        if member is not None:
            counts = out.setdefault(member, dict.fromkeys(COUNTERS, 0))
            counts[counter] += 1

    for case in s.scalars(select(Case)):
        if period.contains(case.received_at.date()):
            add(case.unit_id, "received")
        if case.replied_at is not None and period.contains(case.replied_at.date()):
            add(case.unit_id, "replied")
            if case.replied_at > case.reply_deadline:
                add(case.unit_id, "overdue")
    for cb in s.scalars(select(Callback)):
        if not period.contains(cb.at.date()):
            continue
        add(cb.unit_id, "callbacks")
        if cb.reached:
            add(cb.unit_id, "reached")
            if cb.contacted:
                add(cb.unit_id, "contacted")
            if cb.resolved in ("yes", "partly"):
                add(cb.unit_id, "resolved" if cb.resolved == "yes" else "partly")
            add(cb.unit_id, cb.satisfaction)
    return {unit: Counts(**{c: v for c, v in counts.items()}) for unit, counts in out.items()}


@pytest.mark.parametrize("period_text", ["2022-03", "2022", "2022-02-17..2022-04-09", "2022-01-03..2022-02-27",
                                         "2022-03-02..2022-03-30", "2022-03-10..2022-03-20"])
def test_ranking_counts_equal_a_direct_count_from_the_cases(sf, monkeypatch, period_text):
    district = RandomDistrict(sf, monkeypatch, 7)
    for _ in range(800):
        district.step()
    period = parse_period(period_text)
    with sf() as s:
        d = Directory.load(s)
        counted = 0
        for group in (Group.streets(), Group.bureaus()):
            r = metrics.ranking(s, period, group, d)
            members = {u.id for u in group.members(d)}
            expected = direct_counts(s, d, period, members)
            got = {f.unit_id: f.counts for f in r.rows + r.unranked if f.counts != Counts()}
            assert got == expected
            counted += sum(f.callbacks for f in r.rows)
            for f in r.rows:
                c = f.counts
                assert f.score == pytest.approx(0.10 * c.contacted / c.reached + 0.45 * c.resolved / c.reached
                                                + 0.45 * (c.satisfied + c.basic) / c.reached)
    assert counted > 0  # the period holds counted callbacks: the comparison is not between two empty lists
