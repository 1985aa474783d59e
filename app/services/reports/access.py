"""Each saved report goes to the access log (action "report"): who, from where, which report, which file.

Reports carry no citizen's name or phone (reminder lists show case numbers only, remarks are masked),
but they leave the system as files the district circulates: the log says who made which one.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from app.services.actors import Actor
    from app.services.reports.document import Report

ACTION = "report"


def record_report(sf: sessionmaker[Session], actor: Actor, report: Report, target: str) -> None:
    """Writes the report to the access log; call it before writing the file (no log, no file)."""
    from app.models import AccessLog
    from app.services import clock

    what = f"{report.title}{report.subtitle} {report.period}"
    with sf.begin() as s:
        s.add(AccessLog(at=clock.now(), staff_id=actor.staff_id, workstation=actor.workstation, action=ACTION,
                        case_id=None, detail=f"{what} → {target}"[:1000]))
