"""Who is acting: the staff member, their role and unit, and the workstation, recorded on every event."""
from __future__ import annotations

import socket
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    staff_id: int | None
    role: str  # one of app.models.ROLES, or "system" for command-line tools
    unit_id: int | None = None
    workstation: str | None = None
    name: str = ""


def this_workstation() -> str:
    return socket.gethostname()[:64]


def system_actor() -> Actor:
    """The command line (import, demo, migrations): acts as the system, recorded without a person."""
    return Actor(staff_id=None, role="system", workstation=this_workstation(), name="system")
