"""Builds a case in the state an action needs, as the system, for permission and privacy tests."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from app.models import Category, Unit
from app.services import clock
from app.services import lifecycle as lc
from app.services.actors import system_actor


@dataclass(frozen=True)
class Places:
    street_id: int
    community_id: int
    other_street_id: int
    category_id: int


def places(sf) -> Places:
    with sf() as s:
        street = s.scalar(select(Unit).where(Unit.kind == "street", Unit.id.in_(
            select(Unit.parent_id).where(Unit.kind == "community"))).order_by(Unit.id).limit(1))
        community = s.scalar(select(Unit.id).where(Unit.parent_id == street.id).order_by(Unit.id).limit(1))
        other = s.scalar(select(Unit.id).where(Unit.kind == "street", Unit.id != street.id).order_by(Unit.id).limit(1))
        category = s.scalar(select(Category.id).where(Category.default_handler == "street").order_by(Category.id).limit(1))
        return Places(street.id, community, other, category)


def form(p: Places, phone: str = "13812345678", confidential: bool = False, name: str = "王先生") -> lc.IntakeForm:
    return lc.IntakeForm(caller_phone=phone, description="楼下施工噪音扰民", category_id=p.category_id,
                         street_id=p.street_id, caller_name=name, address="某小区 3 号楼", confidential=confidential)


def case_in_state(sf, state: str, p: Places, unit_id: int | None = None, **form_args) -> lc.CaseRef:
    """new | dispatched | accepted | replied | closed | pending_return | pending_extension."""
    system = system_actor()
    ref = lc.create_case(sf, system, form(p, **form_args), dispatch=False)
    if state == "new":
        return ref
    ref = lc.dispatch(sf, system, ref.id, unit_id or p.street_id)
    if state == "dispatched":
        return ref
    if state == "pending_return":
        return lc.request_return(sf, system, ref.id, "不属于本单位职责")
    if state == "pending_extension":
        return lc.request_extension(sf, system, ref.id, clock.now() + timedelta(days=30), "需要协调多个部门")
    ref = lc.sign(sf, system, ref.id)
    if state == "accepted":
        return ref
    lc.record_contact(sf, system, ref.id, "已电话联系")
    ref = lc.reply(sf, system, ref.id, "已协调施工方调整作业时间")
    if state == "replied":
        return ref
    ref = lc.record_callback(sf, system, ref.id, lc.CallbackAnswers(True, "no", "unsatisfied"))
    assert state == "closed"
    return ref
