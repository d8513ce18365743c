"""The working-day calendar: deadlines a dispatcher would see on the work-order screen."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.calendar import (
    SHANGHAI,
    CalendarError,
    DaySource,
    Deadline,
    Limit,
    LimitUnit,
    WarningLevel,
    WorkCalendar,
    warning_level,
)


def local(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, sec: int = 0
) -> datetime:
    """A wall-clock time in Asia/Shanghai."""
    return datetime(year, month, day, hour, minute, sec, tzinfo=SHANGHAI)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, sec: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, sec, tzinfo=UTC)


@pytest.fixture
def cal() -> WorkCalendar:
    return WorkCalendar()


# -- the package data the examples rely on ------------------------------------------------


def test_package_agrees_with_the_2026_examples() -> None:
    assert chinese_calendar.is_workday(date(2026, 9, 20))  # make-up Sunday
    assert not chinese_calendar.is_workday(date(2026, 9, 25))  # Mid-Autumn
    for day in range(1, 8):
        assert not chinese_calendar.is_workday(date(2026, 10, day))  # National Day
    assert chinese_calendar.is_workday(date(2026, 10, 10))  # make-up Saturday
    assert not chinese_calendar.is_workday(date(2026, 10, 11))


def test_package_years_come_from_the_package(cal: WorkCalendar) -> None:
    assert cal.package_years.start == 2004
    assert 2026 in cal.package_years
    assert 2027 not in cal.package_years  # chinesecalendar 1.11


# -- working-day deadlines ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, local(2026, 10, 8, 23, 59, 59)),
        (2, local(2026, 10, 9, 23, 59, 59)),
        (3, local(2026, 10, 10, 23, 59, 59)),  # Saturday make-up day
        (4, local(2026, 10, 12, 23, 59, 59)),
        (5, local(2026, 10, 13, 23, 59, 59)),
    ],
)
def test_dispatch_before_national_day(cal: WorkCalendar, n: int, expected: datetime) -> None:
    deadline = cal.add_working_days(local(2026, 9, 30, 16, 0), n)
    assert deadline.at == expected
    assert deadline.at.tzinfo is UTC
    assert deadline.fallback_years == frozenset()


def test_result_is_utc_eight_hours_earlier(cal: WorkCalendar) -> None:
    deadline = cal.add_working_days(local(2026, 9, 30, 16, 0), 3)
    assert deadline.at == utc(2026, 10, 10, 15, 59, 59)
    assert deadline.local() == local(2026, 10, 10, 23, 59, 59)
    assert deadline.local().tzinfo is SHANGHAI


def test_dispatch_on_make_up_sunday_does_not_count_that_day(cal: WorkCalendar) -> None:
    assert cal.is_working_day(date(2026, 9, 20))
    deadline = cal.add_working_days(local(2026, 9, 20, 9, 0), 1)
    assert deadline.at == local(2026, 9, 21, 23, 59, 59)


def test_dispatch_at_one_minute_to_midnight_on_friday(cal: WorkCalendar) -> None:
    deadline = cal.add_working_days(local(2026, 11, 20, 23, 59), 1)
    assert deadline.at == local(2026, 11, 23, 23, 59, 59)


def test_dispatch_just_after_midnight_does_not_count_the_day(cal: WorkCalendar) -> None:
    # Tuesday 00:00:30: Tuesday itself never counts.
    deadline = cal.add_working_days(local(2026, 11, 24, 0, 0, 30), 1)
    assert deadline.at == local(2026, 11, 25, 23, 59, 59)


def test_mid_autumn_is_a_holiday(cal: WorkCalendar) -> None:
    assert not cal.is_working_day(date(2026, 9, 25))
    deadline = cal.add_working_days(local(2026, 9, 24, 10, 0), 1)
    assert deadline.at == local(2026, 9, 28, 23, 59, 59)


def test_utc_start_already_next_day_in_shanghai(cal: WorkCalendar) -> None:
    start = utc(2026, 9, 30, 17, 0)  # 01:00 on 1 October in Shanghai
    assert cal.local_date(start) == date(2026, 10, 1)
    assert cal.add_working_days(start, 1).at == local(2026, 10, 8, 23, 59, 59)
    # One hour earlier it is still 30 September locally: same answer for N=1, since
    # 1-7 October are holidays either way.
    assert cal.add_working_days(utc(2026, 9, 30, 15, 0), 1).at == local(2026, 10, 8, 23, 59, 59)


def test_start_in_another_time_zone_uses_shanghai_date(cal: WorkCalendar) -> None:
    from zoneinfo import ZoneInfo

    # Friday 2026-11-20 10:00 in New York is Friday 23:00 in Shanghai.
    start = datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("America/New_York"))
    assert cal.add_working_days(start, 1).at == local(2026, 11, 23, 23, 59, 59)


def test_custom_end_of_day() -> None:
    cal = WorkCalendar(end_of_day=time(17, 30))
    deadline = cal.add_working_days(local(2026, 9, 30, 16, 0), 3)
    assert deadline.at == local(2026, 10, 10, 17, 30)
    assert deadline.at == utc(2026, 10, 10, 9, 30)


def test_end_of_day_must_be_naive() -> None:
    with pytest.raises(ValueError):
        WorkCalendar(end_of_day=time(17, 30, tzinfo=UTC))


# -- natural-time limits ------------------------------------------------------------------


def test_urgent_24_hours_run_through_a_holiday(cal: WorkCalendar) -> None:
    deadline = cal.due(local(2026, 9, 30, 10, 0), Limit(LimitUnit.HOURS, 24))
    assert deadline.at == local(2026, 10, 1, 10, 0)
    assert deadline.at == utc(2026, 10, 1, 2, 0)
    assert deadline.fallback_years == frozenset()


def test_critical_30_minutes(cal: WorkCalendar) -> None:
    deadline = cal.due(local(2026, 10, 3, 23, 45), Limit(LimitUnit.MINUTES, 30))
    assert deadline.local() == local(2026, 10, 4, 0, 15)


def test_due_dispatches_working_days(cal: WorkCalendar) -> None:
    deadline = cal.due(local(2026, 9, 30, 16, 0), Limit(LimitUnit.WORKING_DAYS, 5))
    assert deadline.at == local(2026, 10, 13, 23, 59, 59)


def test_add_natural_refuses_working_days(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError):
        cal.add_natural(local(2026, 9, 30, 16, 0), Limit(LimitUnit.WORKING_DAYS, 1))


# -- years without package data -----------------------------------------------------------


def test_2027_without_data_falls_back_to_monday_to_friday(cal: WorkCalendar) -> None:
    assert cal.day_source(date(2027, 1, 1)) is DaySource.FALLBACK
    assert not cal.year_has_data(2027)
    # Thursday 2026-12-31 + 1 -> Friday 2027-01-01 (New Year, but no data: Mon-Fri).
    deadline = cal.add_working_days(local(2026, 12, 31, 9, 0), 1)
    assert deadline.at == local(2027, 1, 1, 23, 59, 59)
    assert deadline.fallback_years == frozenset({2027})
    assert deadline.uses_fallback


def test_deadline_inside_package_years_reports_no_fallback(cal: WorkCalendar) -> None:
    deadline = cal.add_working_days(local(2026, 12, 28, 9, 0), 3)
    assert deadline.at == local(2026, 12, 31, 23, 59, 59)
    assert deadline.fallback_years == frozenset()


def test_2027_with_administrator_table() -> None:
    cal = WorkCalendar(overrides={date(2027, 1, 1): False}, admin_years={2027})
    assert cal.day_source(date(2027, 1, 1)) is DaySource.OVERRIDE
    assert cal.day_source(date(2027, 1, 4)) is DaySource.ADMIN_YEAR
    assert cal.year_has_data(2027)
    deadline = cal.add_working_days(local(2026, 12, 31, 9, 0), 1)
    assert deadline.at == local(2027, 1, 4, 23, 59, 59)
    assert deadline.fallback_years == frozenset()


def test_override_without_admin_year_still_reports_fallback() -> None:
    cal = WorkCalendar(overrides={date(2027, 1, 1): False})
    deadline = cal.add_working_days(local(2026, 12, 31, 9, 0), 1)
    assert deadline.at == local(2027, 1, 4, 23, 59, 59)
    assert deadline.fallback_years == frozenset({2027})


def test_make_up_weekend_override_in_admin_year() -> None:
    cal = WorkCalendar(overrides={date(2027, 2, 7): True}, admin_years=[2027])
    # Friday 2027-02-05 + 1 -> the make-up Sunday 2027-02-07.
    deadline = cal.add_working_days(local(2027, 2, 5, 9, 0), 1)
    assert deadline.at == local(2027, 2, 7, 23, 59, 59)


def test_override_wins_over_the_package() -> None:
    cal = WorkCalendar(overrides={date(2026, 10, 8): False, date(2026, 10, 3): True})
    assert cal.day_source(date(2026, 10, 8)) is DaySource.OVERRIDE
    assert cal.day_source(date(2026, 10, 9)) is DaySource.PACKAGE
    deadline = cal.add_working_days(local(2026, 9, 30, 16, 0), 2)
    assert deadline.at == local(2026, 10, 9, 23, 59, 59)


def test_far_future_never_raises(cal: WorkCalendar) -> None:
    assert cal.is_working_day(date(2099, 6, 1))  # a Monday
    assert not cal.is_working_day(date(2099, 6, 6))  # a Saturday
    deadline = cal.add_working_days(local(2099, 6, 5, 12, 0), 1)  # Friday
    assert deadline.at == local(2099, 6, 8, 23, 59, 59)
    assert deadline.fallback_years == frozenset({2099})


def test_deadline_crossing_into_two_fallback_years(cal: WorkCalendar) -> None:
    deadline = cal.add_working_days(local(2027, 12, 30, 9, 0), 3)
    assert deadline.fallback_years == frozenset({2027, 2028})


def test_before_package_years_falls_back(cal: WorkCalendar) -> None:
    assert cal.day_source(date(2003, 6, 2)) is DaySource.FALLBACK
    assert cal.is_working_day(date(2003, 6, 2))


# -- errors -------------------------------------------------------------------------------


def test_naive_datetime_raises(cal: WorkCalendar) -> None:
    with pytest.raises(CalendarError):
        cal.add_working_days(datetime(2026, 9, 30, 16, 0), 1)
    with pytest.raises(CalendarError):
        cal.add_natural(datetime(2026, 9, 30, 16, 0), Limit(LimitUnit.HOURS, 1))
    with pytest.raises(CalendarError):
        cal.working_days_between(datetime(2026, 9, 30), local(2026, 10, 9))
    with pytest.raises(CalendarError):
        warning_level(datetime(2026, 9, 30), local(2026, 10, 9), local(2026, 10, 1))


@pytest.mark.parametrize("n", [0, -1])
def test_n_below_one_raises(cal: WorkCalendar, n: int) -> None:
    with pytest.raises(ValueError):
        cal.add_working_days(local(2026, 9, 30, 16, 0), n)


def test_everything_a_holiday_raises() -> None:
    start = date(2026, 9, 30)
    holidays = {start + timedelta(days=i): False for i in range(1, 3 * 366 + 2)}
    cal = WorkCalendar(overrides=holidays)
    with pytest.raises(CalendarError):
        cal.add_working_days(local(2026, 9, 30, 16, 0), 1)


def test_end_of_time_raises_calendar_error(cal: WorkCalendar) -> None:
    with pytest.raises(CalendarError):
        cal.add_working_days(datetime(9999, 12, 30, 12, 0, tzinfo=UTC), 5)


@pytest.mark.parametrize("amount", [0, -3])
def test_limit_amount_must_be_positive(amount: int) -> None:
    with pytest.raises(ValueError):
        Limit(LimitUnit.HOURS, amount)


def test_deadline_requires_aware_datetime() -> None:
    with pytest.raises(CalendarError):
        Deadline(at=datetime(2026, 10, 8, 23, 59, 59), fallback_years=frozenset())
    assert Deadline(at=local(2026, 10, 8, 8, 0)).at == utc(2026, 10, 8, 0, 0)


# -- limits -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("limit", "en", "zh"),
    [
        (Limit(LimitUnit.WORKING_DAYS, 3), "3 working days", "3个工作日"),
        (Limit(LimitUnit.WORKING_DAYS, 1), "1 working day", "1个工作日"),
        (Limit(LimitUnit.HOURS, 24), "24 hours", "24小时"),
        (Limit(LimitUnit.HOURS, 1), "1 hour", "1小时"),
        (Limit(LimitUnit.MINUTES, 30), "30 minutes", "30分钟"),
    ],
)
def test_limit_descriptions(limit: Limit, en: str, zh: str) -> None:
    assert limit.describe_en() == en
    assert limit.describe_zh() == zh


def test_limit_accepts_stored_unit_string() -> None:
    limit = Limit("hours", 2)  # type: ignore[arg-type]
    assert limit.unit is LimitUnit.HOURS
    with pytest.raises(ValueError):
        Limit("days", 2)  # type: ignore[arg-type]


# -- warning levels -----------------------------------------------------------------------


def test_warning_levels() -> None:
    start = local(2026, 10, 1, 0, 0)
    due = start + timedelta(hours=100)  # 25 % = 25 hours
    assert warning_level(start, due, start) is WarningLevel.NONE
    assert warning_level(start, due, due - timedelta(hours=25)) is WarningLevel.NONE
    assert (
        warning_level(start, due, due - timedelta(hours=25) + timedelta(microseconds=1))
        is WarningLevel.YELLOW
    )
    assert warning_level(start, due, due) is WarningLevel.YELLOW
    assert warning_level(start, due, due + timedelta(microseconds=1)) is WarningLevel.RED
    assert warning_level(start, due, due + timedelta(days=30)) is WarningLevel.RED


def test_warning_level_mixes_time_zones() -> None:
    start = utc(2026, 9, 30, 8, 0)  # 16:00 Shanghai
    due = local(2026, 10, 13, 23, 59, 59)
    assert warning_level(start, due, local(2026, 10, 1, 9, 0)) is WarningLevel.NONE
    assert warning_level(start, due, local(2026, 10, 11, 0, 0)) is WarningLevel.YELLOW
    assert warning_level(start, due, local(2026, 10, 14, 0, 0)) is WarningLevel.RED


# -- working_days_between -----------------------------------------------------------------


def test_working_days_between(cal: WorkCalendar) -> None:
    start = local(2026, 9, 30, 16, 0)
    assert cal.working_days_between(start, local(2026, 10, 7, 23, 0)) == 0
    assert cal.working_days_between(start, local(2026, 10, 8, 0, 0)) == 1
    assert cal.working_days_between(start, local(2026, 10, 10, 12, 0)) == 3
    assert cal.working_days_between(start, local(2026, 10, 13, 0, 1)) == 5
    assert cal.working_days_between(start, start + timedelta(hours=1)) == 0  # same date
    assert cal.working_days_between(start, start) == 0
    assert cal.working_days_between(start, local(2026, 9, 1)) == 0  # end before start


def test_five_working_days_after_expiry(cal: WorkCalendar) -> None:
    due = cal.add_working_days(local(2026, 9, 24, 10, 0), 1).at  # 2026-09-28 23:59:59
    # Working days after expiry: 29, 30 Sep, then 8, 9, 10 (make-up Saturday) Oct.
    assert cal.working_days_between(due, local(2026, 10, 9, 9, 0)) == 4
    assert cal.working_days_between(due, local(2026, 10, 10, 9, 0)) == 5


# -- properties ---------------------------------------------------------------------------

PROPERTY_CALENDAR = WorkCalendar()

instants = st.datetimes(
    min_value=datetime(2004, 1, 1),
    max_value=datetime(2030, 12, 31, 23, 59, 59),
    timezones=st.sampled_from([UTC, SHANGHAI]),
)
counts = st.integers(min_value=1, max_value=30)


def _count_working(cal: WorkCalendar, after: date, upto: date) -> int:
    total = 0
    day = after + timedelta(days=1)
    while day <= upto:
        total += cal.is_working_day(day)
        day += timedelta(days=1)
    return total


@settings(max_examples=200, deadline=None)
@given(start=instants, n=counts)
def test_property_deadline_shape(start: datetime, n: int) -> None:
    cal = PROPERTY_CALENDAR
    result = cal.add_working_days(start, n).local()
    assert result.time() == cal.end_of_day
    assert cal.is_working_day(result.date())
    assert result.astimezone(UTC) > start
    assert _count_working(cal, cal.local_date(start), result.date()) == n
    assert cal.working_days_between(start, result) == n


@settings(max_examples=200, deadline=None)
@given(start=instants, a=counts, b=counts)
def test_property_monotonic_and_additive(start: datetime, a: int, b: int) -> None:
    cal = PROPERTY_CALENDAR
    first = cal.add_working_days(start, a)
    both = cal.add_working_days(start, a + b)
    assert cal.add_working_days(start, a + 1).at > first.at
    assert both.at > first.at
    assert cal.add_working_days(first.at, b).at == both.at


@settings(max_examples=100, deadline=None)
@given(start=instants, n=counts)
def test_property_fallback_years_are_years_without_data(start: datetime, n: int) -> None:
    cal = PROPERTY_CALENDAR
    deadline = cal.add_working_days(start, n)
    first = cal.local_date(start)
    last = deadline.local().date()
    touched = set(range((first + timedelta(days=1)).year, last.year + 1))
    expected = {year for year in touched if not cal.year_has_data(year)}
    assert deadline.fallback_years == expected
