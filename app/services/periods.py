"""Reporting periods: a calendar day, month, quarter, year or any range of days, in the district's local time.

API:
- `parse_period(text) -> Period` reads `2022-08` (month), `2022` (year), `2022-Q3` (quarter),
  `2022-06-01..2022-08-31` (range, both ends inclusive) and `2022-08-15` (day); anything else raises
  `PeriodError` (a ValueError and a HotlineError) whose message says what is wrong and what is accepted.
- `Period(start, end, kind, label)`: `kind` is month | quarter | year | range | day; `days`;
  `previous()` is the period of the same length just before (previous month, quarter or year; for a
  range or a day, the same number of days just before); `contains(day)`; `month_starts()`.
- Constructors: `Period.for_month(y, m)`, `for_quarter(y, q)`, `for_year(y)`, `for_day(d)`, `for_range(a, b)`.
- `last_full_month(today) -> Period`: the month before `today`'s month (the default dashboard period).
- `compare(period, last_day) -> Comparison`: what a period is compared with. A period that is not over on
  `last_day` (the last day that holds data, or today) is partial: it is compared with the same days of the
  previous period (2022 through 31 August against 1 January–31 August 2021), not with the whole of it.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.services.errors import HotlineError

KINDS = ("day", "month", "quarter", "year", "range")
FORMS = "2022-08、2022、2022-Q3、2022-06-01..2022-08-31、2022-08-15"
MIN_YEAR, MAX_YEAR = 1990, 2100


REASONS = {  # code -> the reason in words (app/messages.py translates them for the UI)
    "empty": "没有填写时段",
    "bad_month": "月份必须在 01–12 之间",
    "bad_quarter": "季度必须是 Q1–Q4",
    "bad_year": f"年份必须在 {MIN_YEAR}–{MAX_YEAR} 之间",
    "bad_date": "“{detail}”不是 YYYY-MM-DD 格式的日期",
    "no_such_date": "日期“{detail}”不存在",
    "end_before_start": "结束日期早于开始日期",
    "unrecognised": "无法识别",
}


class PeriodError(HotlineError, ValueError):
    """A period written in a form that is not understood: `text` as given, `code` (see REASONS), `detail`."""

    def __init__(self, text: str, code: str, detail: str = ""):
        self.text = text
        self.code = code
        self.detail = detail
        self.reason = REASONS[code].format(detail=detail)
        super().__init__(f"时段“{text}”无效:{self.reason}。可用的写法:{FORMS}")


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    kind: str
    label: str

    @classmethod
    def for_day(cls, day: date) -> Period:
        return cls(day, day, "day", day.isoformat())

    @classmethod
    def for_month(cls, year: int, month: int) -> Period:
        last = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last), "month", f"{year:04d}-{month:02d}")

    @classmethod
    def for_quarter(cls, year: int, quarter: int) -> Period:
        first = 3 * (quarter - 1) + 1
        end = date(year, first + 2, calendar.monthrange(year, first + 2)[1])
        return cls(date(year, first, 1), end, "quarter", f"{year:04d}-Q{quarter}")

    @classmethod
    def for_year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), "year", f"{year:04d}")

    @classmethod
    def for_range(cls, start: date, end: date) -> Period:
        if end < start:
            raise PeriodError(f"{start}..{end}", "end_before_start")
        return cls(start, end, "range", f"{start.isoformat()}..{end.isoformat()}")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def month_starts(self) -> list[date]:
        """The first day of every month the period touches, in order."""
        out, current = [], self.start.replace(day=1)
        while current <= self.end:
            out.append(current)
            current = next_month(current)
        return out

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        if self.kind == "month":
            before = self.start - timedelta(days=1)
            return Period.for_month(before.year, before.month)
        if self.kind == "quarter":
            before = self.start - timedelta(days=1)
            return Period.for_quarter(before.year, (before.month - 1) // 3 + 1)
        if self.kind == "year":
            return Period.for_year(self.start.year - 1)
        if self.kind == "day":
            return Period.for_day(self.start - timedelta(days=1))
        return Period.for_range(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class Comparison:
    """A period and the period its changes are computed against.

    `through` is the last day of the period that can hold data when the period is not over yet (partial),
    else None; `previous` is then the same days of the previous period (a range labelled by its days)."""

    period: Period
    previous: Period
    through: date | None = None

    @property
    def partial(self) -> bool:
        return self.through is not None

    @property
    def covered(self) -> Period:
        """The days of the period that can hold data (the whole period when it is over)."""
        return Period.for_range(self.period.start, self.through) if self.through else self.period


MONTHS_OF = {"month": 1, "quarter": 3, "year": 12}


def months_back(day: date, months: int) -> date:
    """The same day `months` months earlier; a day the earlier month lacks becomes its last day (31 → 30)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def compare(period: Period, last_day: date | None) -> Comparison:
    """The previous period, or for a period not over on `last_day` the same days of the previous period:
    a month, quarter or year through `last_day` against the previous one through the same calendar day
    (1–31 August 2022 against 1–31 August 2021 for the year 2022 through 31 August); a range against as
    many days just before it as it has up to `last_day`. A period that is over, or that has not started
    (nothing to compare), is compared with the whole previous period."""
    before = period.previous()
    if last_day is None or not period.start <= last_day < period.end:
        return Comparison(period, before)
    if period.kind in MONTHS_OF:
        end = min(months_back(last_day, MONTHS_OF[period.kind]), before.end)
        return Comparison(period, Period.for_range(before.start, end), last_day)
    covered = (last_day - period.start).days + 1
    return Comparison(period, Period.for_range(period.start - timedelta(days=covered),
                                               period.start - timedelta(days=1)), last_day)


def end_of_day(day: date) -> datetime:
    """The moment `day` ends: midnight at the start of the next day (the exclusive upper bound of its times)."""
    return datetime.combine(day + timedelta(days=1), time())


def next_month(first: date) -> date:
    """The first day of the month after the one that starts on `first`."""
    return date(first.year + (first.month == 12), first.month % 12 + 1, 1)


def last_full_month(today: date) -> Period:
    before = today.replace(day=1) - timedelta(days=1)
    return Period.for_month(before.year, before.month)


_YEAR = re.compile(r"(\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_QUARTER = re.compile(r"(\d{4})-[Qq](\d)")
_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _year(text: str, value: str) -> int:
    year = int(value)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(text, "bad_year")
    return year


def _day(text: str, value: str) -> date:
    m = _DAY.fullmatch(value.strip())
    if not m:
        raise PeriodError(text, "bad_date", value.strip())
    year = _year(text, m[1])
    try:
        return date(year, int(m[2]), int(m[3]))
    except ValueError:
        raise PeriodError(text, "no_such_date", value.strip()) from None


def parse_period(text: str) -> Period:
    raw = text if isinstance(text, str) else ""
    value = raw.strip()
    if not value:
        raise PeriodError(raw, "empty")
    if ".." in value:
        first, _, last = value.partition("..")
        start, end = _day(raw, first), _day(raw, last)
        if end < start:
            raise PeriodError(raw, "end_before_start")
        return Period.for_range(start, end)
    if m := _YEAR.fullmatch(value):
        return Period.for_year(_year(raw, m[1]))
    if m := _QUARTER.fullmatch(value):
        quarter = int(m[2])
        if not 1 <= quarter <= 4:
            raise PeriodError(raw, "bad_quarter")
        return Period.for_quarter(_year(raw, m[1]), quarter)
    if m := _MONTH.fullmatch(value):
        month = int(m[2])
        if not 1 <= month <= 12:
            raise PeriodError(raw, "bad_month")
        return Period.for_month(_year(raw, m[1]), month)
    if _DAY.fullmatch(value):
        return Period.for_day(_day(raw, value))
    raise PeriodError(raw, "unrecognised")
