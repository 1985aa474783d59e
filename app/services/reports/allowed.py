"""Who may make which report in the console (the command line acts as the system and may make any).

Receptionists and callback clerks make none; a unit handler makes its own unit's daily reminder and the
annual health check of the street or town its unit belongs to; dispatchers, supervisors and
administrators make every report. Checked in the service (before any figure is read), not only by
which choices the 报表 page offers.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.services.errors import PermissionDenied

if TYPE_CHECKING:
    from app.services.actors import Actor
    from app.services.directory import Directory

ALL_KINDS = ("daily", "monthly", "street")
REPORT_ROLES = ("dispatcher", "handler", "supervisor", "admin")
FULL_ROLES = ("dispatcher", "supervisor", "admin", "system")


@dataclass(frozen=True)
class ReportScope:
    kinds: tuple[str, ...]  # the reports the actor may make, in the page's order
    unit: str | None = None  # a unit handler: the only unit whose daily reminder it may make
    street: str | None = None  # a unit handler: the only street whose health check it may make

    @property
    def limited(self) -> bool:
        return self.unit is not None


def report_scope(actor: Actor, directory: Directory) -> ReportScope:
    if actor.role in FULL_ROLES:
        return ReportScope(ALL_KINDS)
    if actor.role != "handler" or actor.unit_id is None or actor.unit_id not in directory.units:
        return ReportScope(())
    unit = directory.units[actor.unit_id]
    street = next((u for u in directory.ancestors(unit.id) if u.kind in ("street", "town")), None)
    if street is None:  # a bureau and its sections: their reminder only
        return ReportScope(("daily",), unit.name)
    return ReportScope(("daily", "street"), unit.name, street.name)


def check_report(actor: Actor, directory: Directory, kind: str, unit: str | None = None,
                 street: str | None = None) -> None:
    """PermissionDenied (action `report_<kind>`) unless the actor may make this report."""
    scope = report_scope(actor, directory)
    allowed = kind in scope.kinds and (
        not scope.limited
        or (kind == "daily" and (unit or "").strip() == scope.unit)
        or (kind == "street" and (street or "").strip() == scope.street))
    if not allowed:
        roles = tuple(r for r in REPORT_ROLES if r != "handler" or kind != "monthly")
        raise PermissionDenied(f"report_{kind}", actor.role, roles)
