"""Builds replied cases through the lifecycle (as the hotline would), for the callback tests and the benchmark."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.models import Category, Staff, Unit
from app.services import clock, lifecycle
from app.services.actors import Actor


@dataclass(frozen=True)
class Desk:
    """Units, a category and the people that the callback tests act as."""

    street_id: int
    other_street_id: int
    category_id: int  # handled by the street of the address
    other_category_id: int
    receptionist: Actor
    clerk: Actor
    other_clerk: Actor
    handler_name: str


def _staff(s, username: str, name: str, role: str, unit_id: int | None = None) -> Actor:
    member = Staff(username=username, display_name=name, role=role, unit_id=unit_id, created_at=clock.now())
    s.add(member)
    s.flush()
    return Actor(staff_id=member.id, role=role, unit_id=unit_id, workstation=f"ws-{username}", name=name)


def make_desk(sf) -> Desk:
    with sf.begin() as s:
        street = s.scalar(select(Unit.id).where(Unit.name == "太平桥街道"))
        other = s.scalar(select(Unit.id).where(Unit.name == "西罗园街道"))
        cat = s.scalar(select(Category.id).where(Category.name == "施工扰民"))
        other_cat = s.scalar(select(Category.id).where(Category.name == "物业服务"))
        receptionist = _staff(s, "jie", "接线员小周", "receptionist")
        clerk = _staff(s, "hui1", "回访员李娜", "callback")
        other_clerk = _staff(s, "hui2", "回访员赵敏", "callback")
        _staff(s, "tpq", "太平桥街道王强", "handler", street)
        _staff(s, "xly", "西罗园街道刘洋", "handler", other)
    return Desk(street, other, cat, other_cat, receptionist, clerk, other_clerk, "太平桥街道王强")


def replied_case(sf, desk: Desk, street_id: int | None = None, category_id: int | None = None,
                 phone: str = "13812345678", text: str = "夜间施工噪音扰民,晚上十一点后仍在打桩",
                 reply: str = "已联系施工方,夜间停止高噪声作业") -> lifecycle.CaseRef:
    """A case received, dispatched to the street, signed and replied by the street's handler."""
    street = street_id or desk.street_id
    form = lifecycle.IntakeForm(caller_phone=phone, description=text, category_id=category_id or desk.category_id,
                                street_id=street, address="丰台区某小区3号楼", caller_name="张先生")
    ref = lifecycle.create_case(sf, desk.receptionist, form)
    with sf() as s:
        handler_id = s.scalar(select(Staff.id).where(Staff.role == "handler", Staff.unit_id == ref.unit_id))
    handler = Actor(staff_id=handler_id, role="handler", unit_id=ref.unit_id, workstation="ws-unit")
    lifecycle.sign(sf, handler, ref.id)
    lifecycle.record_contact(sf, handler, ref.id, "已电话联系")
    return lifecycle.reply(sf, handler, ref.id, reply)
