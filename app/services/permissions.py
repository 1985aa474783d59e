"""Which role may do what. Checked in the services, whatever the UI shows."""
from __future__ import annotations

from app.services.actors import Actor
from app.services.errors import PermissionDenied

INTAKE = ("receptionist", "dispatcher", "admin", "system")
DISPATCH = ("dispatcher", "admin", "system")
HANDLE = ("handler", "admin", "system")
CALLBACK = ("callback", "admin", "system")

ALLOWED: dict[str, tuple[str, ...]] = {
    "create": INTAKE,
    "answer": INTAKE,
    "link_repeat": INTAKE,
    "dispatch": DISPATCH,
    "approve_return": DISPATCH,
    "reject_return": DISPATCH,
    "approve_extension": DISPATCH,
    "reject_extension": DISPATCH,
    "merge": DISPATCH,
    "close": DISPATCH,
    "sign": HANDLE,
    "contact": HANDLE,
    "reply": HANDLE,
    "request_return": HANDLE,
    "request_extension": HANDLE,
    "callback": CALLBACK,
    "reopen": ("dispatcher", "callback", "admin", "system"),
}


def require(actor: Actor, action: str, case_unit_chain: list[int] | None = None) -> None:
    """Raise PermissionDenied unless the actor's role may do `action`.

    A unit handler may only act on cases whose handling unit is its own unit or below it:
    `case_unit_chain` is the handling unit and its ancestors.
    """
    allowed = ALLOWED[action]
    if actor.role not in allowed:
        raise PermissionDenied(action, actor.role, allowed)
    if actor.role == "handler" and (actor.unit_id is None or actor.unit_id not in (case_unit_chain or [])):
        raise PermissionDenied(action, actor.role, allowed)
