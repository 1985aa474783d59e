"""A generated history with a KNOWN routing table, for the learned routing's tests.

Three streets with four communities each; three categories:
- heating (0301, rule: the heating office B02): the heating office, except in two communities where the
  street's own property office (the street) heats; from 2022-01 a third community moves to its street;
- property service (0201, rule: the street): the community itself in half of the communities, else the street;
- noise (0603, rule: the street): the street, except in three communities where the law enforcement bureau
  (B09) handles it.
Each month from 2021-01 to 2022-08 brings CASES_PER_MONTH cases per category and community. A share of the
cases is first sent to the wrong unit (the rule's, or another street), returned (退单) and re-dispatched to the
right one: the case row's unit is the final one, the return is in its events. A small share ends at an odd
unit (noise the table does not explain).
"""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sqlalchemy import func, insert, select

from app.models import Case, CaseEvent, Unit
from app.services import stats
from app.services.directory import Directory

CASES_PER_MONTH = 4
MISROUTE = 0.06
NOISE = 0.02
CHANGE_MONTH = date(2022, 1, 1)


def months(first: date, last: date) -> list[date]:
    out, m = [], first
    while m <= last:
        out.append(m)
        m = date(m.year + (m.month == 12), m.month % 12 + 1, 1)
    return out


class KnownHistory:
    def __init__(self, sf, seed: int = 7):
        self.sf = sf
        rng = random.Random(seed)
        with sf.begin() as s:
            d = Directory.load(s)
            self.streets = [u.id for u in d.streets()[:3]]
            self.communities: dict[int, list[int]] = {}
            for i, street in enumerate(self.streets):
                ids = []
                for n in range(4):
                    unit = Unit(code=f"RT-{i}-{n}", name=f"路由测试{i}{n}社区", kind="community", level=3,
                                parent_id=street, is_demo=False, active=True)
                    s.add(unit)
                    s.flush()
                    ids.append(unit.id)
                self.communities[street] = ids
            self.heating_office = d.unit_by_code("B02").id
            self.enforcement = d.unit_by_code("B09").id
            cats = {c.code: c.id for c in d.leaf_categories()}
            self.heating, self.property, self.noise = cats["0301"], cats["0201"], cats["0603"]
        flat = [(st, c) for st in self.streets for c in self.communities[st]]
        self.street_heated = {flat[1][1], flat[6][1]}
        self.moved = flat[9][1]  # heated by its street from CHANGE_MONTH
        self.community_property = {c for i, (_st, c) in enumerate(flat) if i % 2 == 0}
        self.bureau_noise = {flat[2][1], flat[7][1], flat[11][1]}
        self.places = flat
        self._write(rng)

    def truth(self, category: int, street: int, community: int, month: date) -> int:
        if category == self.heating:
            if community in self.street_heated or (community == self.moved and month >= CHANGE_MONTH):
                return street
            return self.heating_office
        if category == self.property:
            return community if community in self.community_property else street
        return self.enforcement if community in self.bureau_noise else street

    def rule(self, category: int, street: int) -> int:
        return self.heating_office if category == self.heating else street

    def _write(self, rng: random.Random) -> None:
        cases, events = [], []
        cid = 0
        for month in months(date(2021, 1, 1), date(2022, 8, 1)):
            for street, community in self.places:
                for category in (self.heating, self.property, self.noise):
                    for _ in range(CASES_PER_MONTH):
                        cid += 1
                        received = datetime(month.year, month.month, rng.randint(1, 20), rng.randint(8, 18))
                        final = self.truth(category, street, community, month)
                        if rng.random() < NOISE:
                            final = rng.choice([u for u in self.streets if u != street])
                        closed = received + timedelta(days=rng.randint(2, 9))
                        cases.append(dict(
                            id=cid, case_no=f"RT{cid:08d}", received_at=received, channel="phone", request_type="help",
                            description="路由测试", urgency="normal", deadline_tier="general", status="closed",
                            close_reason="callback", closed_at=closed, replied_at=closed - timedelta(days=1),
                            dispatched_at=received, street_id=street, community_id=community, category_id=category,
                            unit_id=final, confidential=False, callback_attempts=1, repeat_count=0, reopen_count=0,
                            updated_at=closed, version=1))
                        if rng.random() < MISROUTE:
                            wrong = self.rule(category, street)
                            if wrong == final:
                                wrong = rng.choice([u for u in self.streets if u != street] + [self.enforcement])
                            events += [
                                dict(case_id=cid, at=received, action="dispatch", from_status="new",
                                     to_status="dispatched", unit_id=wrong),
                                dict(case_id=cid, at=received + timedelta(hours=5), action="return_approved",
                                     from_status="dispatched", to_status="returned", unit_id=wrong),
                                dict(case_id=cid, at=received + timedelta(hours=6), action="redispatch",
                                     from_status="returned", to_status="dispatched", unit_id=final)]
        self.cases = cid
        with self.sf.begin() as s:
            s.execute(insert(Case), cases)
            if events:
                s.execute(insert(CaseEvent), events)
            stats.rebuild(s)


def closed_cases(sf, rows: list[tuple[int, int, int | None, int, datetime]]) -> None:
    """Closed cases (category, street, community, final unit, closed at), then the summaries rebuilt."""
    with sf.begin() as s:
        first = (s.scalar(select(func.max(Case.id))) or 0) + 1
        s.execute(insert(Case), [dict(
            id=first + i, case_no=f"RH{first + i:08d}", received_at=closed - timedelta(days=3), channel="phone",
            request_type="help", description="历史诉求", urgency="normal", deadline_tier="general", status="closed",
            close_reason="callback", closed_at=closed, replied_at=closed - timedelta(days=1), street_id=street,
            community_id=community, category_id=category, unit_id=unit, confidential=False, callback_attempts=1,
            repeat_count=0, reopen_count=0, updated_at=closed, version=1)
            for i, (category, street, community, unit, closed) in enumerate(rows)])
        stats.rebuild(s)
