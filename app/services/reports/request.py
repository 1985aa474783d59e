"""What a report is asked for, checked before any figure is read, and the helpers every builder shares.

`ReportRequest(kind, day=…, month=…, year=…, street=…, unit=…)`; `ReportRefused` (a HotlineError) says in
Chinese what is wrong with it. The report's text is always Chinese (docs/DECISIONS.md, "Reports").
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from app.services.errors import HotlineError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.services.directory import Directory, UnitInfo

KINDS = ("daily", "monthly", "street")
DEFAULT_ISSUER = "丰台区12345市民服务热线接诉即办工作专班"  # setting report.issuer when none is stored
HANDLING_KINDS = ("street", "town", "community", "village", "bureau", "company", "section")
NO_CASES_IN_COPY = "(本离线副本不含诉求明细,此表为空)"  # the title's tail of a table read from cases (cases_in_copy)
LEVEL_TITLES = {"street": "街道乡镇", "bureau": "委办局", "community": "社区(村)"}  # as `rank --format table`


class ReportRefused(HotlineError):
    """The report cannot be made as asked; the message (Chinese, like the report) says what is wrong."""


@dataclass(frozen=True)
class ReportRequest:
    kind: str  # daily | monthly | street
    day: date | None = None  # daily
    month: date | None = None  # monthly: any day of the month
    year: int | None = None  # street
    street: str | None = None  # street: the street's or town's name
    unit: str | None = None  # daily: only this handling unit's reminder list


def issuer(session: Session, day: date) -> str:
    from app.services.rules import setting

    return setting(session, "report.issuer", day) or DEFAULT_ISSUER


def street_named(directory: Directory, name: str | None) -> UnitInfo:
    if not name or not name.strip():
        raise ReportRefused("没有指定街道乡镇:年度体检报告需要街道或乡镇的全称(例如 马家堡街道)")
    unit = directory.unit_by_name(name.strip())
    if unit is None:
        raise ReportRefused(f"没有名为“{name.strip()}”的街道乡镇(请写全称,例如 马家堡街道)")
    if unit.kind not in ("street", "town"):
        raise ReportRefused(f"“{unit.name}”不是街道或乡镇,不能生成年度体检报告")
    return unit


def handling_unit_named(directory: Directory, name: str) -> UnitInfo:
    unit = directory.unit_by_name(name.strip())
    if unit is None:
        raise ReportRefused(f"没有名为“{name.strip()}”的承办单位(请写全称)")
    if unit.kind not in HANDLING_KINDS:
        raise ReportRefused(f"“{unit.name}”不是承办单位(街道乡镇、社区村、委办局或其科所站队),没有提醒名单")
    return unit


def category_name(directory: Directory, cat_id: int) -> str:
    return directory.categories[cat_id].name if cat_id in directory.categories else "未分类"


def cases_in_copy(session: Session, first: date) -> bool:
    """False on a snapshot that holds no cases from `first` on (the lists read from cases are then empty,
    and say so)."""
    from app.services.snapshot import describe

    info = describe(session.get_bind())
    return info is None or info.holds_cases_from(first)


def percent(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value * 100:.{digits}f}%"


def points(value: float | None) -> str:
    from app.services import scores

    return "—" if value is None else scores.points(value)


def signed_points(value: float | None) -> str:
    from app.services import scores

    return "—" if value is None else scores.signed_points(value)


def cn_day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def cn_month(day: date) -> str:
    return f"{day.year}年{day.month}月"


def cn_period(period) -> str:
    """A period as a Chinese document writes it: 2022年7月, 2021年, 2021年1月1日至8月31日."""
    if period.kind == "month":
        return cn_month(period.start)
    if period.kind == "year":
        return f"{period.start.year}年"
    if period.kind == "day" or period.start == period.end:
        return cn_day(period.start)
    end = f"{period.end.month}月{period.end.day}日" if period.end.year == period.start.year else cn_day(period.end)
    return f"{cn_day(period.start)}至{end}"


def require_data(session: Session, first: date, last: date, what: str) -> date:
    """The first day of the last month holding cases; ReportRefused when the days `first`…`last` (the period
    asked for) lie outside the months that hold any (before the first or after the last)."""
    from sqlalchemy import func, select

    from app import summary_tables as tables
    from app.services.periods import Period

    t = tables.stat_monthly_category
    lo, hi = session.execute(select(func.min(t.c.month), func.max(t.c.month)).where(t.c.received > 0)).one()
    if lo is None:
        raise ReportRefused(f"{what}没有数据(数据库中还没有诉求)")
    if first > Period.for_month(hi.year, hi.month).end or last < lo:
        raise ReportRefused(f"{what}没有数据(数据范围 {lo:%Y-%m} 至 {hi:%Y-%m})")
    return hi
