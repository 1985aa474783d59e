"""Citizens' personal data: masked phone numbers, confidential callers (保密), recorded reveals and exports.

How a tab shows a caller: pass the case's name, phone and confidential flag through
``caller_view(actor, …)`` and show ``view.name`` (None: show "保密") and ``view.phone`` (masked).
A "show number" button is enabled when ``view.can_reveal``; it calls ``reveal_phone(sf, actor,
case_id)`` in a worker, which writes the access log and returns the full number.
Exports that contain names, phones or addresses call ``record_export`` first: it refuses roles
without the permission and writes the access log in its own transaction.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import AccessLog, Case, Staff
from app.services import clock
from app.services.actors import Actor
from app.services.errors import NotFound, PermissionDenied
from app.services.permissions import ADMIN_ALLOWED, may, require, require_role

_DIGITS = re.compile(r"\d")
# a phone number (or any long number) typed into a text, unless it is a day written with dashes (2022-08-15,
# 2022-8-5: group 1), which says nothing of who someone is and which the reader needs
_NUMBER_IN_TEXT = re.compile(r"((?:19|20)\d\d-(?:0?[1-9]|1[0-2])-(?:[12]\d|3[01]|0?[1-9])(?!\d))|\d[\d\- ]{5,}\d")


def mask_numbers(text: str) -> str:
    """A free text (a description, a remark) with every phone number, or other run of seven or more digits,
    dashes and spaces, starred out (names are not looked for: they cannot be told from other words). A day
    written as 2022-08-15 is left as it is."""
    return _NUMBER_IN_TEXT.sub(lambda m: m.group() if m.group(1) else "*" * len(m.group()), text)


def mask_phone(phone: str | None) -> str:
    """138****5678 for a mobile; 010-****2345 for a landline (extension kept); last four digits otherwise."""
    if not phone:
        return ""
    if "*" in phone:  # masked already (by the service that read it)
        return phone
    if re.fullmatch(r"1\d{10}", phone):
        return f"{phone[:3]}****{phone[-4:]}"
    m = re.fullmatch(r"(0\d{2,3})-(\d{7,8})((?:-\d{1,6})?)", phone)
    if m:
        area, number, ext = m.groups()
        return f"{area}-{'*' * (len(number) - 4)}{number[-4:]}{ext}"
    digits = _DIGITS.findall(phone)
    if len(digits) <= 4:
        return "*" * len(phone)
    keep = len(digits) - 4  # mask every digit except the last four
    out, seen = [], 0
    for ch in phone:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen > keep else "*")
        else:
            out.append(ch)
    return "".join(out)


def hides_confidential(actor: Actor) -> bool:
    """Whether the role never sees a confidential caller's name and phone: the unit handling the case."""
    return actor.role == "handler"


@dataclass(frozen=True)
class CallerView:
    """What a tab shows of a case's caller for this actor."""

    name: str | None  # None: hidden (confidential); show "保密"
    phone: str  # masked; "" when hidden or unknown
    confidential: bool
    can_reveal: bool  # whether a "show number" action may be offered


def caller_view(actor: Actor, name: str | None, phone: str | None, confidential: bool) -> CallerView:
    if confidential and hides_confidential(actor):
        return CallerView(None, "", True, False)
    return CallerView(name, mask_phone(phone), bool(confidential), bool(phone) and may(actor, "reveal_phone"))


def masked(actor: Actor, row):
    """A copy of a service's row dataclass as `actor` may see it: `caller_phone` masked, and for a
    confidential case (`confidential` true) seen by the unit, `caller_name` and `caller_phone` None.

    Works on any frozen or plain dataclass with some of the fields caller_phone, caller_name, confidential;
    a row without `confidential` is treated as not confidential, so list rows should carry it.
    """
    names = {f.name for f in dataclasses.fields(row)}
    changes = {}
    hidden = bool(getattr(row, "confidential", False)) and hides_confidential(actor)
    if "caller_phone" in names:
        changes["caller_phone"] = None if hidden else (mask_phone(row.caller_phone) or None)
    if "caller_name" in names and hidden:
        changes["caller_name"] = None
    return dataclasses.replace(row, **changes) if changes else row


def _case_unit_chain(s: Session, unit_id: int | None) -> list[int]:
    from app.services.lifecycle import unit_chain

    return unit_chain(s, unit_id)


def reveal_phone(sf: sessionmaker[Session], actor: Actor, case_id: int, purpose: str = "call",
                 at: datetime | None = None) -> str:
    """The full phone number of a case's caller, for a call. Recorded in the access log (who, where, when, case)."""
    require_role(actor, "reveal_phone")
    with sf.begin() as s:
        case = s.get(Case, case_id)
        if case is None:
            raise NotFound("case", case_id)
        require(actor, "reveal_phone", _case_unit_chain(s, case.unit_id))  # a handler: only its unit's cases
        if case.confidential and hides_confidential(actor):
            raise PermissionDenied("reveal_confidential", actor.role, ADMIN_ALLOWED["reveal_confidential"])
        s.add(AccessLog(at=at or clock.now(), staff_id=actor.staff_id, workstation=actor.workstation,
                        action="reveal_phone", case_id=case.id, detail=(purpose or "call")[:200]))
        return case.caller_phone or ""


def record_export(sf: sessionmaker[Session], actor: Actor, what: str, rows: int, target: str = "",
                  at: datetime | None = None) -> None:
    """Check that the actor may export personal data and write the export to the access log.

    Call it before writing the file (a refused role gets PermissionDenied and no file).
    """
    require(actor, "export_personal")
    with sf.begin() as s:
        s.add(AccessLog(at=at or clock.now(), staff_id=actor.staff_id, workstation=actor.workstation,
                        action="export", case_id=None, detail=f"{what}: {rows} rows → {target}"[:1000]))


@dataclass(frozen=True)
class AccessEntry:
    at: datetime
    staff: str | None  # display name (user name), None for the system
    workstation: str | None
    action: str
    case_no: str | None
    detail: str | None


def access_log(sf: sessionmaker[Session], actor: Actor, limit: int = 500, action: str | None = None) -> list[AccessEntry]:
    """The newest entries of the access log (reveals, exports, logins, account changes)."""
    require(actor, "view_access_log")
    with sf() as s:
        q = (select(AccessLog.at, Staff.display_name, Staff.username, AccessLog.workstation, AccessLog.action,
                    Case.case_no, AccessLog.detail)
             .outerjoin(Staff, Staff.id == AccessLog.staff_id).outerjoin(Case, Case.id == AccessLog.case_id)
             .order_by(AccessLog.at.desc(), AccessLog.id.desc()).limit(limit))
        if action:
            q = q.where(AccessLog.action == action)
        return [AccessEntry(at, f"{name}({user})" if user else None, ws, act, case_no, detail)
                for at, name, user, ws, act, case_no, detail in s.execute(q)]
