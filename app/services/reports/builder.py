"""The one entry point of the reports: `build(session, actor, request, today=None) -> Report`.

    from app.services.reports.builder import ReportRequest, build
    report = build(session, actor, ReportRequest("monthly", month=date(2022, 8, 1)))
    report = build(session, actor, ReportRequest("daily", day=date(2022, 8, 15), unit="丰台区供暖办"))
    report = build(session, actor, ReportRequest("street", year=2022, street="马家堡街道"))

The request is checked first; anything wrong raises ReportRefused (a HotlineError) with a Chinese
message saying what. `session`: an ORM Session (the daily reminder list and the street's repeated calls
read the cases); works on a snapshot (without cases those lists say the copy holds none).
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from app.services.reports.request import KINDS, ReportRefused, ReportRequest

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.services.actors import Actor
    from app.services.reports.document import Report

__all__ = ["ReportRefused", "ReportRequest", "build"]


def build(session: Session, actor: Actor, request: ReportRequest, today: date | None = None) -> Report:
    """The report asked for, after the role check (reports/allowed.py): PermissionDenied when `actor` may not
    make it (a unit handler: only its own unit's reminder and its street's health check)."""
    from app.services import clock
    from app.services.directory import Directory
    from app.services.reports.allowed import check_report

    today = today or clock.today()
    if request.kind not in KINDS:
        raise ReportRefused(f"未知的报表种类“{request.kind}”(可选:日报 daily、月报 monthly、年度体检报告 street)")
    d = Directory.load(session)
    check_report(actor, d, request.kind, request.unit, request.street)
    if request.kind == "monthly":
        if request.month is None:
            raise ReportRefused("月报需要月份(YYYY-MM,例如 2022-08)")
        from app.services.reports.monthly import build_monthly

        return build_monthly(session, request.month, today, d)
    if request.kind == "daily":
        if request.day is None:
            raise ReportRefused("日报需要日期(YYYY-MM-DD,例如 2022-08-15)")
        from app.services.reports.daily import build_daily

        return build_daily(session, request.day, today, d, request.unit)
    if request.year is None:
        raise ReportRefused("年度体检报告需要年份(例如 2022)")
    from app.services.reports.street import build_street

    return build_street(session, request.year, request.street, today, d)
