"""Building blocks for tests: intake forms for real Fengtai places, and cases taken to a given state."""
from __future__ import annotations

from datetime import datetime

from app.services import lifecycle as L
from app.services.actors import Actor
from app.services.directory import Directory


def directory(sf) -> Directory:
    with sf() as s:
        return Directory.load(s)


def form(sf, street="太平桥街道", community="天伦北里社区", category="无障碍设施", phone="13812345678",
         received_at: datetime | None = None, **extra) -> L.IntakeForm:
    d = directory(sf)
    return L.IntakeForm(
        caller_phone=phone,
        caller_name=extra.pop("caller_name", "张女士"),
        description=extra.pop("description", "小区门口无障碍坡道损坏,轮椅无法通行"),
        category_id=d.category_by_name(category).id if category else None,
        street_id=d.unit_by_name(street).id if street else None,
        community_id=d.unit_by_name(community).id if community else None,
        address=extra.pop("address", "天伦北里5号楼"),
        received_at=received_at,
        **extra,
    )


def case_in_state(sf, actor: Actor, state: str, **form_args) -> L.CaseRef:
    """A case taken through the services to `state` (new, dispatched, accepted, returned, replied, closed, merged)."""
    ref = L.create_case(sf, actor, form(sf, **form_args), dispatch=state != "new")
    if state in ("new", "dispatched"):
        return ref
    if state == "merged":
        original = L.create_case(sf, actor, form(sf, **form_args))
        return L.merge(sf, actor, ref.id, original.id)
    ref = L.sign(sf, actor, ref.id)
    if state == "accepted":
        return ref
    if state == "returned":
        L.request_return(sf, actor, ref.id, "不属于本单位职责")
        return L.approve_return(sf, actor, ref.id)
    L.record_contact(sf, actor, ref.id, "已电话联系")
    ref = L.reply(sf, actor, ref.id, "已修复坡道")
    if state == "replied":
        return ref
    if state == "closed":
        return L.record_callback(sf, actor, ref.id, L.CallbackAnswers(True, "yes", "satisfied"))
    raise ValueError(state)
