"""The working-day calendar and deadline arithmetic.

Definitions (DOMAIN.md section 4):

* **N working days from instant t** end at the calendar's end-of-day time (23:59:59 local by
  default) of the N-th working day *after* the local calendar date of ``t``; the date of ``t``
  itself never counts, even when ``t`` is on a working day at 00:00.
* Hour and minute limits are natural time: weekends and holidays do not stop them.
* A working day is decided, in this order, by the administrator's override table, by the
  ``chinese_calendar`` package for the years it has data for, and by Monday-Friday otherwise.
  Years decided by Monday-Friday without an administrator having entered the year are *fallback*
  years; every deadline reports the fallback years it touched so the GUI can show a warning.

Every datetime passed in must be timezone-aware (a naive one raises :class:`CalendarError`);
every datetime returned is in UTC. "Local" means the calendar's time zone, Asia/Shanghai unless
told otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

import chinese_calendar
from chinese_calendar import constants as _cc_constants

__all__ = [
    "SHANGHAI",
    "CalendarError",
    "DaySource",
    "Deadline",
    "Limit",
    "LimitUnit",
    "WarningLevel",
    "WorkCalendar",
    "package_years",
    "warning_level",
]

SHANGHAI = ZoneInfo("Asia/Shanghai")

#: How far the calendar searches for the next working day before giving up.
MAX_GAP_DAYS = 3 * 366

_ONE_DAY = timedelta(days=1)


class CalendarError(Exception):
    """The calendar cannot answer: a naive datetime, or no working day within three years."""


class LimitUnit(StrEnum):
    WORKING_DAYS = "working_days"
    HOURS = "hours"
    MINUTES = "minutes"


_EN_UNITS: dict[LimitUnit, tuple[str, str]] = {
    LimitUnit.WORKING_DAYS: ("working day", "working days"),
    LimitUnit.HOURS: ("hour", "hours"),
    LimitUnit.MINUTES: ("minute", "minutes"),
}
_ZH_UNITS: dict[LimitUnit, str] = {
    LimitUnit.WORKING_DAYS: "个工作日",
    LimitUnit.HOURS: "小时",
    LimitUnit.MINUTES: "分钟",
}


@dataclass(frozen=True)
class Limit:
    """A time limit such as "3 working days" or "24 hours".

    ``unit`` may be given as its string value (as stored in the policy table); it is converted
    to :class:`LimitUnit`. ``amount`` must be an int >= 1, otherwise ``ValueError``.
    """

    unit: LimitUnit
    amount: int

    def __post_init__(self) -> None:
        try:
            unit = LimitUnit(self.unit)
        except ValueError:
            raise ValueError(f"unknown limit unit {self.unit!r}") from None
        object.__setattr__(self, "unit", unit)
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise ValueError(f"limit amount must be an int, got {self.amount!r}")
        if self.amount < 1:
            raise ValueError(f"limit amount must be at least 1, got {self.amount}")

    def describe_en(self) -> str:
        """English text, e.g. "3 working days", "1 working day", "24 hours"."""
        singular, plural = _EN_UNITS[self.unit]
        return f"{self.amount} {singular if self.amount == 1 else plural}"

    def describe_zh(self) -> str:
        """Chinese text, e.g. "3个工作日", "24小时", "30分钟"."""
        return f"{self.amount}{_ZH_UNITS[self.unit]}"


class DaySource(StrEnum):
    """What decided whether a date is a working day."""

    OVERRIDE = "override"
    PACKAGE = "package"
    ADMIN_YEAR = "admin_year"
    FALLBACK = "fallback"


@dataclass(frozen=True)
class Deadline:
    """A computed deadline.

    ``at`` is timezone-aware and normalised to UTC. ``fallback_years`` holds the years whose
    days were decided by the Monday-Friday fallback while computing it (no holiday data): when
    it is not empty the deadline is an estimate and the GUI should say so.
    """

    at: datetime
    fallback_years: frozenset[int] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        _require_aware(self.at, "at")
        object.__setattr__(self, "at", self.at.astimezone(UTC))
        object.__setattr__(self, "fallback_years", frozenset(self.fallback_years))

    @property
    def uses_fallback(self) -> bool:
        """True when some day was decided without holiday data (show a warning)."""
        return bool(self.fallback_years)

    def local(self) -> datetime:
        """``at`` in Asia/Shanghai."""
        return self.at.astimezone(SHANGHAI)


class WarningLevel(StrEnum):
    NONE = "none"
    YELLOW = "yellow"  # 临期
    RED = "red"  # 超期


def package_years() -> range:
    """The years the installed ``chinese_calendar`` has holiday data for.

    Read from the package's own tables (the range it accepts without raising), so a newer
    package release extends it without a code change.
    """
    years = [d.year for d in _cc_constants.holidays] + [d.year for d in _cc_constants.workdays]
    # chinese_calendar refuses any year outside the span of its holiday table.
    lowest = max(min(years), min(d.year for d in _cc_constants.holidays))
    highest = min(max(years), max(d.year for d in _cc_constants.holidays))
    return range(lowest, highest + 1)


_PACKAGE_YEARS = package_years()


def _require_aware(value: datetime, name: str) -> None:
    if not isinstance(value, datetime):
        raise CalendarError(f"{name} must be a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise CalendarError(f"{name} is a naive datetime; pass a timezone-aware one: {value!r}")


class WorkCalendar:
    """Working days and deadlines.

    ``overrides`` is the administrator's table, date -> True (working day) / False (holiday);
    it wins over everything. ``admin_years`` are the years for which an administrator has
    entered or imported complete holiday data: their days not in ``overrides`` are Monday-Friday
    but are not reported as fallback. ``end_of_day`` is the local wall-clock time at which a
    working-day limit expires (naive ``time``). ``tz`` is the local time zone.

    The calendar is immutable once built (the override table is copied); build a new one after
    the administrator edits the table. Its per-date cache only ever stores the same answer for
    a date, so one instance may be shared between threads.
    """

    def __init__(
        self,
        overrides: Mapping[date, bool] | None = None,
        admin_years: Iterable[int] = (),
        end_of_day: time = time(23, 59, 59),
        tz: ZoneInfo = SHANGHAI,
    ) -> None:
        table: dict[date, bool] = {}
        for day, working in (overrides or {}).items():
            if isinstance(day, datetime) or not isinstance(day, date):
                raise TypeError(f"override keys must be dates, got {day!r}")
            table[day] = bool(working)
        if end_of_day.tzinfo is not None:
            raise ValueError("end_of_day is a local wall-clock time; pass a naive time")
        self._overrides = table
        self._admin_years = frozenset(int(y) for y in admin_years)
        self._end_of_day = end_of_day
        self._tz = tz
        self._working_cache: dict[date, bool] = {}

    # -- configuration -------------------------------------------------------------------

    @property
    def package_years(self) -> range:
        """Years the ``chinese_calendar`` package has data for (see :func:`package_years`)."""
        return _PACKAGE_YEARS

    @property
    def admin_years(self) -> frozenset[int]:
        return self._admin_years

    @property
    def overrides(self) -> Mapping[date, bool]:
        """A copy of the administrator's override table."""
        return dict(self._overrides)

    @property
    def end_of_day(self) -> time:
        return self._end_of_day

    @property
    def tz(self) -> ZoneInfo:
        return self._tz

    # -- days ----------------------------------------------------------------------------

    def local_date(self, instant: datetime) -> date:
        """The calendar date of an aware instant in the calendar's time zone."""
        _require_aware(instant, "instant")
        return instant.astimezone(self._tz).date()

    def day_source(self, d: date) -> DaySource:
        """What decides whether ``d`` is a working day."""
        if d in self._overrides:
            return DaySource.OVERRIDE
        if d.year in _PACKAGE_YEARS:
            return DaySource.PACKAGE
        if d.year in self._admin_years:
            return DaySource.ADMIN_YEAR
        return DaySource.FALLBACK

    def year_has_data(self, year: int) -> bool:
        """True when the package or an administrator covers ``year`` (no fallback warning)."""
        return year in _PACKAGE_YEARS or year in self._admin_years

    def is_working_day(self, d: date) -> bool:
        """Whether the calendar date ``d`` is a working day. Never raises for a valid date."""
        if isinstance(d, datetime):
            raise TypeError("is_working_day takes a date; use local_date() for an instant")
        cached = self._working_cache.get(d)
        if cached is None:
            cached = self._decide(d)
            self._working_cache[d] = cached
        return cached

    def _decide(self, d: date) -> bool:
        override = self._overrides.get(d)
        if override is not None:
            return override
        if d.year in _PACKAGE_YEARS:
            return bool(chinese_calendar.is_workday(d))
        return d.weekday() < 5

    # -- deadlines -----------------------------------------------------------------------

    def add_working_days(self, start: datetime, n: int) -> Deadline:
        """End of the ``n``-th working day after the local date of ``start`` (``n`` >= 1).

        Raises ``ValueError`` for ``n`` < 1 and :class:`CalendarError` for a naive ``start`` or
        when no working day follows within three years.
        """
        if isinstance(n, bool) or not isinstance(n, int):
            raise ValueError(f"n must be an int, got {n!r}")
        if n < 1:
            raise ValueError(f"n must be at least 1 working day, got {n}")
        day = self.local_date(start)
        fallback: set[int] = set()
        for _ in range(n):
            day = self._next_working_day(day, fallback)
        return Deadline(at=self._end_of(day), fallback_years=frozenset(fallback))

    def _next_working_day(self, after: date, fallback: set[int]) -> date:
        day = after
        for _ in range(MAX_GAP_DAYS):
            try:
                day += _ONE_DAY
            except OverflowError:
                raise CalendarError(f"no working day after {after.isoformat()}") from None
            if day.year not in fallback and self.day_source(day) is DaySource.FALLBACK:
                fallback.add(day.year)
            if self.is_working_day(day):
                return day
        raise CalendarError(
            f"no working day within {MAX_GAP_DAYS} days after {after.isoformat()}; "
            "check the holiday table"
        )

    def _end_of(self, day: date) -> datetime:
        try:
            return datetime.combine(day, self._end_of_day, tzinfo=self._tz).astimezone(UTC)
        except OverflowError:
            raise CalendarError(f"{day.isoformat()} is out of range") from None

    def add_natural(self, start: datetime, limit: Limit) -> Deadline:
        """``start`` plus an hour or minute limit in elapsed time (holidays do not stop it)."""
        _require_aware(start, "start")
        if limit.unit is LimitUnit.HOURS:
            step = timedelta(hours=limit.amount)
        elif limit.unit is LimitUnit.MINUTES:
            step = timedelta(minutes=limit.amount)
        else:
            raise ValueError(f"add_natural takes hours or minutes, not {limit.unit}")
        try:
            return Deadline(at=start.astimezone(UTC) + step)
        except OverflowError:
            raise CalendarError(
                f"{start.isoformat()} + {limit.describe_en()} is out of range"
            ) from None

    def due(self, start: datetime, limit: Limit) -> Deadline:
        """The deadline of ``limit`` counted from ``start``, whatever its unit."""
        if limit.unit is LimitUnit.WORKING_DAYS:
            return self.add_working_days(start, limit.amount)
        return self.add_natural(start, limit)

    def working_days_between(self, start: datetime, end: datetime) -> int:
        """Number of working days D with local_date(start) < D <= local_date(end).

        0 when ``end`` is not after ``start``. Used for "N working days after expiry" rules.
        """
        first = self.local_date(start)
        last = self.local_date(end)
        if end <= start:
            return 0
        count = 0
        day = first
        while day < last:
            day += _ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count


def warning_level(start: datetime, due: datetime, now: datetime) -> WarningLevel:
    """Warning colour of an assignment that started at ``start`` and is due at ``due``.

    RED once ``now`` is after ``due``; YELLOW while the time remaining is less than 25 % of the
    whole limit (exactly 25 % is still NONE); NONE otherwise. All three must be aware.
    """
    _require_aware(start, "start")
    _require_aware(due, "due")
    _require_aware(now, "now")
    if now > due:
        return WarningLevel.RED
    # Integer timedelta arithmetic: exact at the 25 % boundary.
    if (due - now) * 4 < due - start:
        return WarningLevel.YELLOW
    return WarningLevel.NONE
