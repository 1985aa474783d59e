"""The periods a supervisor can ask for, and the clear refusal of anything else."""
from __future__ import annotations

from datetime import date

import pytest

from app.services.errors import HotlineError
from app.services.periods import Period, PeriodError, compare, last_full_month, months_back, parse_period


@pytest.mark.parametrize("text, start, end, kind, label", [
    ("2022-08", date(2022, 8, 1), date(2022, 8, 31), "month", "2022-08"),
    ("2022-2", date(2022, 2, 1), date(2022, 2, 28), "month", "2022-02"),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month", "2024-02"),
    ("2022", date(2022, 1, 1), date(2022, 12, 31), "year", "2022"),
    ("2022-Q3", date(2022, 7, 1), date(2022, 9, 30), "quarter", "2022-Q3"),
    (" 2022-q1 ", date(2022, 1, 1), date(2022, 3, 31), "quarter", "2022-Q1"),
    ("2022-06-01..2022-08-31", date(2022, 6, 1), date(2022, 8, 31), "range", "2022-06-01..2022-08-31"),
    ("2022-08-15..2022-08-15", date(2022, 8, 15), date(2022, 8, 15), "range", "2022-08-15..2022-08-15"),
    ("2022-08-15", date(2022, 8, 15), date(2022, 8, 15), "day", "2022-08-15"),
])
def test_supervisor_writes_a_period(text, start, end, kind, label):
    p = parse_period(text)
    assert (p.start, p.end, p.kind, p.label, str(p)) == (start, end, kind, label, label)
    assert p.days == (end - start).days + 1


@pytest.mark.parametrize("text, previous", [
    ("2022-08", "2022-07"),
    ("2022-01", "2021-12"),
    ("2022", "2021"),
    ("2022-Q1", "2021-Q4"),
    ("2022-Q3", "2022-Q2"),
    ("2022-03-01", "2022-02-28"),
    ("2022-06-01..2022-08-31", "2022-03-01..2022-05-31"),  # 92 days just before
    ("2022-03-01..2022-03-10", "2022-02-19..2022-02-28"),
])
def test_previous_period_has_the_same_length(text, previous):
    p = parse_period(text)
    before = p.previous()
    assert before.label == previous
    assert before.end.toordinal() + 1 == p.start.toordinal()
    if p.kind in ("range", "day"):
        assert before.days == p.days


def test_last_full_month_is_the_month_before_today():
    assert last_full_month(date(2022, 9, 5)) == Period.for_month(2022, 8)
    assert last_full_month(date(2023, 1, 1)).label == "2022-12"


def test_month_starts_of_a_range():
    assert parse_period("2022-11-20..2023-01-02").month_starts() == [date(2022, 11, 1), date(2022, 12, 1),
                                                                     date(2023, 1, 1)]


@pytest.mark.parametrize("text, reason", [
    ("", "没有填写时段"),
    ("   ", "没有填写时段"),
    ("2022-13", "月份必须在 01–12 之间"),
    ("2022-00", "月份必须在 01–12 之间"),
    ("2022-Q5", "季度必须是 Q1–Q4"),
    ("2022-Q0", "季度必须是 Q1–Q4"),
    ("2022-02-30", "日期“2022-02-30”不存在"),
    ("2022-08-31..2022-08-01", "结束日期早于开始日期"),
    ("2022-08..2022-09", "“2022-08”不是 YYYY-MM-DD 格式的日期"),
    ("2022-08-01..", "“”不是 YYYY-MM-DD 格式的日期"),
    ("1066", "年份必须在 1990–2100 之间"),
    ("August", "无法识别"),
    ("2022/08", "无法识别"),
    ("22-08", "无法识别"),
])
def test_bad_period_is_refused_with_a_reason(text, reason):
    with pytest.raises(PeriodError) as info:
        parse_period(text)
    assert info.value.reason == reason
    assert reason in str(info.value) and "2022-Q3" in str(info.value)
    assert isinstance(info.value, ValueError) and isinstance(info.value, HotlineError)


@pytest.mark.parametrize("text, code", [("2022-13", "bad_month"), ("2022-02-30", "no_such_date"), ("", "empty"),
                                        ("1066", "bad_year"), ("2022-08..x", "bad_date")])
def test_console_shows_the_same_sentence_for_a_bad_period(text, code):
    from app.messages import error_text

    with pytest.raises(PeriodError) as info:
        parse_period(text)
    assert info.value.code == code
    assert error_text(info.value) == str(info.value)  # the Chinese sentence, translatable in the UI


@pytest.mark.parametrize("text, last_day, previous, partial", [
    ("2022", date(2022, 8, 31), "2021-01-01..2021-08-31", True),  # 1–8月, 同比同期
    ("2022", date(2022, 12, 31), "2021", False),  # over
    ("2022", date(2023, 3, 1), "2021", False),
    ("2022-Q3", date(2022, 8, 31), "2022-04-01..2022-05-31", True),
    ("2022-Q1", date(2022, 3, 30), "2021-10-01..2021-12-30", True),
    ("2022-09", date(2022, 9, 5), "2022-08-01..2022-08-05", True),
    ("2022-03", date(2022, 3, 30), "2022-02-01..2022-02-28", True),  # February has no 30th
    ("2024", date(2024, 2, 29), "2023-01-01..2023-02-28", True),
    ("2022-06-01..2022-08-31", date(2022, 6, 10), "2022-05-22..2022-05-31", True),  # 10 days before
    ("2022-08", date(2022, 7, 31), "2022-07", False),  # not started: nothing to compare like for like
    ("2022-08", None, "2022-07", False),
])
def test_a_period_that_is_not_over_compares_with_the_same_days_before(text, last_day, previous, partial):
    c = compare(parse_period(text), last_day)
    assert (c.previous.label, c.partial) == (previous, partial)
    if partial:
        assert c.through == last_day and c.covered.end == last_day and c.covered.start == c.period.start


def test_months_back_keeps_the_day_or_takes_the_months_last():
    assert months_back(date(2022, 8, 31), 12) == date(2021, 8, 31)
    assert months_back(date(2022, 5, 31), 3) == date(2022, 2, 28)
    assert months_back(date(2022, 1, 15), 1) == date(2021, 12, 15)
