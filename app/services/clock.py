"""The district's clock: naive local times in Asia/Shanghai (UTC+8, no daylight saving)."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

DISTRICT_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")


def now() -> datetime:
    """The current local time of the district, to the second, without tzinfo (as stored)."""
    return datetime.now(DISTRICT_TZ).replace(tzinfo=None, microsecond=0)


def today() -> date:
    return now().date()


def to_local(value: datetime) -> datetime:
    """A stored (naive local) time from any datetime; an aware one is converted to UTC+8."""
    if value.tzinfo is None:
        return value
    return value.astimezone(DISTRICT_TZ).replace(tzinfo=None)


def to_iso(value: datetime | None) -> str:
    """ISO 8601 with the district's offset, as the exchange format writes times."""
    if value is None:
        return ""
    return value.replace(tzinfo=DISTRICT_TZ).isoformat()
