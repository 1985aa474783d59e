"""A small hand-made district history for the metrics tests, built through the lifecycle services.

July and August 2022 (callback answers as contacted / resolved / satisfaction):

street A 右安门街道   j1 recv 07-10, cb 07-15  yes / yes    / satisfied
                      c1 recv 07-31, cb 08-02  yes / yes    / satisfied   (counts for August's rates, July's cases)
                      c2 recv 08-03, cb 08-05  yes / partly / basic
                      c3 recv 08-04, cb 08-06  no  / no     / unsatisfied
                      c4 recv 08-05, three unreachable attempts 08-07..09 (closed unreachable, in no rate)
street B 太平桥街道   c5 recv 08-10 by its community 天伦北里社区, cb 08-12  yes / yes / satisfied
                      c6 recv 08-11 by the street itself,       cb 08-13  yes / yes / basic
street C 西罗园街道   c7 recv 08-14, cb 08-16  yes / yes / satisfied
street D 大红门街道   j2 recv 07-05, cb 07-06  no  / no  / unsatisfied
                      c8 recv 08-15, cb 08-17  yes / yes / satisfied
street E 南苑街道     c9 recv 08-20, not replied yet (no callback)
bureau B01 城管委     c10 recv 08-21 by its section 能源运行科, cb 08-23  yes / no  / unsatisfied
                      c11 recv 08-22 by the bureau itself,     cb 08-24  no  / yes / satisfied
bureau B03 住建委     c12 recv 08-25 (category 老楼加装电梯, a 2022 key topic), cb 08-27  yes / yes / basic

Every case but c12 is in category 施工扰民.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.models import Unit
from app.services import clock, lifecycle
from app.services.actors import system_actor
from app.services.directory import Directory
from app.services.lifecycle import CallbackAnswers, IntakeForm

A, B, C, D, E = "右安门街道", "太平桥街道", "西罗园街道", "大红门街道", "南苑街道"
COMMUNITY_B = "天伦北里社区"
BUREAU_1, BUREAU_3 = "丰台区城市管理委员会", "丰台区住房和城乡建设委员会"
SECTION_1 = "能源运行科"
CATEGORY, TOPIC = "施工扰民", "老楼加装电梯"


class FakeClock:
    """Stands in for the district clock, so that operations without a time argument happen when the test says."""

    def __init__(self, monkeypatch, at: datetime):
        self.at = at
        monkeypatch.setattr(clock, "now", lambda: self.at)


def answers(contacted: str, resolved: str, satisfaction: str) -> CallbackAnswers:
    return CallbackAnswers(contacted == "yes", resolved, satisfaction)


@dataclass
class History:
    directory: Directory

    def unit(self, name: str) -> int:
        return self.directory.unit_by_name(name).id


def build_history(sf, monkeypatch) -> History:
    system = system_actor()
    fake = FakeClock(monkeypatch, datetime(2022, 7, 1, 8, 0))
    with sf.begin() as s:
        b01 = Directory.load(s).unit_by_name(BUREAU_1)
        s.add(Unit(code="B01-01", name=SECTION_1, kind="section", level=3, parent_id=b01.id, is_demo=False, active=True))
    with sf() as s:
        d = Directory.load(s)
    street_of = {COMMUNITY_B: B, SECTION_1: None, BUREAU_1: None, BUREAU_3: None}

    def case(handler: str, received: str, callbacks: list[tuple[str, CallbackAnswers | None]] = (),
             category: str = CATEGORY, reply: bool = True) -> int:
        at = datetime.fromisoformat(f"2022-{received}T09:00")
        street = street_of.get(handler, handler) or A
        form = IntakeForm(caller_phone="13800138000", description="测试诉求", category_id=d.category_by_name(category).id,
                          street_id=d.unit_by_name(street).id, unit_id=d.unit_by_name(handler).id, received_at=at)
        fake.at = at
        ref = lifecycle.create_case(sf, system, form)
        if reply:
            fake.at = at + timedelta(hours=1)
            lifecycle.sign(sf, system, ref.id)
            lifecycle.record_contact(sf, system, ref.id)
            fake.at = at + timedelta(hours=2)
            lifecycle.reply(sf, system, ref.id, "已处理")
        for when, given in callbacks:
            lifecycle.record_callback(sf, system, ref.id, given, at=datetime.fromisoformat(f"2022-{when}T10:00"))
        return ref.id

    case(A, "07-10", [("07-15", answers("yes", "yes", "satisfied"))])
    case(A, "07-31", [("08-02", answers("yes", "yes", "satisfied"))])
    case(A, "08-03", [("08-05", answers("yes", "partly", "basic"))])
    case(A, "08-04", [("08-06", answers("no", "no", "unsatisfied"))])
    case(A, "08-05", [("08-07", None), ("08-08", None), ("08-09", None)])
    case(COMMUNITY_B, "08-10", [("08-12", answers("yes", "yes", "satisfied"))])
    case(B, "08-11", [("08-13", answers("yes", "yes", "basic"))])
    case(C, "08-14", [("08-16", answers("yes", "yes", "satisfied"))])
    case(D, "07-05", [("07-06", answers("no", "no", "unsatisfied"))])
    case(D, "08-15", [("08-17", answers("yes", "yes", "satisfied"))])
    case(E, "08-20", reply=False)
    case(SECTION_1, "08-21", [("08-23", answers("yes", "no", "unsatisfied"))])
    case(BUREAU_1, "08-22", [("08-24", answers("no", "yes", "satisfied"))])
    case(BUREAU_3, "08-25", [("08-27", answers("yes", "yes", "basic"))], category=TOPIC)
    with sf() as s:
        return History(Directory.load(s))


def add_case(sf, monkeypatch, handler: str, received: datetime, callback: CallbackAnswers | None = None,
             category: str = CATEGORY) -> int:
    """One more case of `handler` (a street or a bureau) received at `received`, replied an hour later and,
    with `callback`, called back the next day (for histories that reach into other years)."""
    system = system_actor()
    fake = FakeClock(monkeypatch, received)
    with sf() as s:
        d = Directory.load(s)
    unit = d.unit_by_name(handler)
    street = unit if unit.kind in ("street", "town") else d.unit_by_name(A)
    form = IntakeForm(caller_phone="13800138000", description="测试诉求", category_id=d.category_by_name(category).id,
                      street_id=street.id, unit_id=unit.id, received_at=received)
    ref = lifecycle.create_case(sf, system, form)
    fake.at = received + timedelta(hours=1)
    lifecycle.sign(sf, system, ref.id)
    lifecycle.record_contact(sf, system, ref.id)
    fake.at = received + timedelta(hours=2)
    lifecycle.reply(sf, system, ref.id, "已处理")
    if callback is not None:
        lifecycle.record_callback(sf, system, ref.id, callback, at=received + timedelta(days=1))
    return ref.id
