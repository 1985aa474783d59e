"""Which role may do what. Checked in the services, whatever the UI shows."""
from __future__ import annotations

from sqlalchemy import ColumnElement, false, select, true

from app.models import Case, Unit
from app.services.actors import Actor
from app.services.case_states import CALLBACK, DISPATCH, HANDLE, INTAKE, RULES  # noqa: F401 (re-exported)
from app.services.errors import PermissionDenied

# The case actions' roles come from the state machine's table (app/services/case_states.py RULES);
# ALLOWED is a view of it, in the table's order.
ALLOWED: dict[str, tuple[str, ...]] = {action.value: rule.roles for action, rule in RULES.items()}

ADMIN = ("admin", "system")
# Administration and privacy: not case actions, so kept apart from ALLOWED (which the case tests walk).
ADMIN_ALLOWED: dict[str, tuple[str, ...]] = {
    "edit_accounts": ADMIN,
    "edit_units": ADMIN,
    "edit_categories": ADMIN,
    "edit_rules": ADMIN,
    # the knowledge base (知识库): articles and synonyms; no role of its own (docs/DECISIONS.md)
    "edit_knowledge": ADMIN,
    "view_accounts": ("admin", "supervisor", "system"),
    "view_access_log": ("admin", "supervisor", "system"),
    # the full phone number, for a call; every reveal is written to the access log
    "reveal_phone": ("receptionist", "dispatcher", "handler", "callback", "admin"),
    # confidential callers (保密): the unit never sees them, whoever asks
    "reveal_confidential": ("receptionist", "dispatcher", "callback", "admin"),
    # exports that carry citizens' names, phones or addresses; every export is written to the access log
    "export_personal": ("dispatcher", "admin", "system"),
}

# Proactive tasks (app/services/tasks.py): not case actions either. A unit handler reports on its own
# unit's tasks (and those of the units below it).
TASK_ALLOWED: dict[str, tuple[str, ...]] = {
    "create_task": DISPATCH,
    "report_task": HANDLE,
    "close_task": DISPATCH,
    "view_tasks": ("dispatcher", "handler", "supervisor", "admin", "system"),
}


def _roles(action: str) -> tuple[str, ...]:
    return ALLOWED.get(action) or ADMIN_ALLOWED.get(action) or TASK_ALLOWED[action]


# Which role sees which tab of the main window (key = the first element of main_window.tab_factories()).
# A tab whose key is not listed here is shown to every role.
TAB_ROLES: dict[str, tuple[str, ...]] = {
    "intake": ("receptionist", "dispatcher", "admin"),
    "cases": ("receptionist", "dispatcher", "handler", "callback", "supervisor", "admin"),
    "callback": ("callback", "dispatcher", "supervisor", "admin"),
    "dashboard": ("receptionist", "dispatcher", "handler", "callback", "supervisor", "admin"),
    "governance": ("dispatcher", "handler", "supervisor", "admin"),
    "reports": ("dispatcher", "handler", "supervisor", "admin"),  # a handler: its unit's and street's (reports/allowed.py)
    "admin": ("admin",),
}


def may(actor: Actor, action: str) -> bool:
    """Whether the role may do `action` at all (the UI greys out what the services would refuse)."""
    return actor.role in (ALLOWED.get(action) or ADMIN_ALLOWED.get(action) or TASK_ALLOWED.get(action) or ())


def may_see_tab(role: str, key: str) -> bool:
    return role in TAB_ROLES.get(key, (role,))


def require(actor: Actor, action: str, case_unit_chain: list[int] | None = None) -> None:
    """Raise PermissionDenied unless the actor's role may do `action`.

    A unit handler may only act on cases whose handling unit is its own unit or below it:
    `case_unit_chain` is the handling unit and its ancestors.
    """
    if not allows(actor, action, case_unit_chain):
        raise PermissionDenied(action, actor.role, _roles(action))


def require_role(actor: Actor, action: str) -> None:
    """Raise PermissionDenied unless the actor's role may do `action` (no unit check: `require` has it)."""
    if not may(actor, action):
        raise PermissionDenied(action, actor.role, _roles(action))


def allows(actor: Actor, action: str, case_unit_chain: list[int] | None = None) -> bool:
    """Whether `require` would let the actor do `action` (for showing only the actions that will work)."""
    allowed = _roles(action)
    if actor.role not in allowed:
        return False
    return actor.role != "handler" or (actor.unit_id is not None and actor.unit_id in (case_unit_chain or []))


def unit_subtree_ids(unit_id: int):
    """A SELECT of the unit's id and the ids of every unit below it (recursive, works on both backends)."""
    tree = select(Unit.id).where(Unit.id == unit_id).cte("unit_subtree", recursive=True)
    tree = tree.union_all(select(Unit.id).where(Unit.parent_id == tree.c.id))
    return select(tree.c.id)


def visible_cases_clause(actor: Actor) -> ColumnElement[bool]:
    """The WHERE condition every case listing must add: which cases the actor may see.

    A unit handler sees the cases handled by its own unit or a unit below it (a street sees its
    communities' cases); a handler without a unit sees nothing; every other role sees every case.
    Use: ``select(Case…).where(visible_cases_clause(actor), …)``.
    """
    if actor.role != "handler":
        return true()
    if actor.unit_id is None:
        return false()
    return Case.unit_id.in_(unit_subtree_ids(actor.unit_id))


def may_see_case(actor: Actor, case_unit_chain: list[int]) -> bool:
    """The same rule for one case, given its handling unit and that unit's ancestors."""
    if actor.role != "handler":
        return True
    return actor.unit_id is not None and actor.unit_id in case_unit_chain
