"""An agency's working calendar and notice counted in business time (issue 15).

Pure. Working hours are wall-clock hours in the agency's own time zone: each working
day's open and close are placed on that day's local clock and only then turned into
UTC, so a daylight-saving change moves them with the clock (a 09:00-17:00 day stays
09:00-17:00 local, 8 hours long, unless the change falls inside it). Days are local
calendar dates: a year end, a leap day or a month's length needs no arithmetic of its own.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from models.domain.errors import DomainError, ErrorCode

MINUTES_PER_DAY = 24 * 60
MONDAY_TO_FRIDAY = frozenset(range(5))  # date.weekday(): Monday is 0
_MINUTE = timedelta(minutes=1)


def _wall_clock(day: date, minute: int, zone: ZoneInfo) -> datetime:
    """The first instant the local clock shows ``day`` at ``minute`` or later, in UTC.

    ``minute`` 1440 is the next midnight. A time repeated by an autumn change is its
    first occurrence; a time skipped by a spring change is the change itself (the
    first moment the clock shows a later time).
    """
    if minute == MINUTES_PER_DAY:
        day, minute = day + timedelta(days=1), 0
    wall = datetime.combine(day, time(minute // 60, minute % 60))
    instant = wall.replace(tzinfo=zone).astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) != wall:
        # Skipped: zoneinfo read it with the offset before the change, which lands after
        # the gap; walk back to the change (gaps are whole minutes, at most a few hours).
        while (instant - _MINUTE).astimezone(zone).replace(tzinfo=None) >= wall:
            instant -= _MINUTE
    return instant


@dataclass(frozen=True)
class WorkingCalendar:
    """When the agency works: weekdays, daily hours and holidays, in its time zone.

    ``weekdays`` uses ``date.weekday()`` numbers (Monday 0 … Sunday 6); ``opens`` and
    ``closes`` are minutes past local midnight (0 ≤ opens < closes ≤ 1440); a holiday is
    a local date on which nobody works.
    """

    time_zone: str
    weekdays: frozenset[int] = MONDAY_TO_FRIDAY
    opens: int = 9 * 60
    closes: int = 17 * 60
    holidays: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        field_path = ("input", "calendar")
        try:
            if len(self.time_zone) > 64:
                raise ValueError("too long for an IANA name")
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            # OSError: the name is looked up as a file (a directory, a name the system refuses).
            raise DomainError(
                ErrorCode.INVALID,
                f"Unknown time zone {self.time_zone!r}.",
                field=(*field_path, "timeZone"),
            ) from None
        if not self.weekdays or not self.weekdays <= frozenset(range(7)):
            raise DomainError(
                ErrorCode.INVALID,
                "Working weekdays must be at least one of 1 (Monday) to 7 (Sunday).",
                field=(*field_path, "weekdays"),
            )
        if not 0 <= self.opens < self.closes <= MINUTES_PER_DAY:
            raise DomainError(
                ErrorCode.INVALID,
                "Working hours must open before they close, within one day.",
                field=(*field_path, "opensAt"),
            )

    @property
    def zone(self) -> ZoneInfo:
        """The agency's time zone."""
        return ZoneInfo(self.time_zone)

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` (a local date) is a working weekday and not a holiday."""
        return day.weekday() in self.weekdays and day not in self.holidays

    def working_hours(self, day: date) -> tuple[datetime, datetime] | None:
        """The UTC interval the agency works on local date ``day``; None on a day off."""
        return _working_hours(self, day)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form (the weekdays as ISO numbers, Monday 1 … Sunday 7)."""
        return {
            "timeZone": self.time_zone,
            "weekdays": sorted(day + 1 for day in self.weekdays),
            "opens": self.opens,
            "closes": self.closes,
            "holidays": sorted(day.isoformat() for day in self.holidays),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WorkingCalendar:
        """Rebuild a calendar from :meth:`to_dict`'s output."""
        return cls(
            time_zone=str(data["timeZone"]),
            weekdays=frozenset(int(day) - 1 for day in data["weekdays"]),
            opens=int(data["opens"]),
            closes=int(data["closes"]),
            holidays=frozenset(date.fromisoformat(day) for day in data["holidays"]),
        )


# A pure function of a (frozen, hashable) calendar and a date: remembered, because an order
# of many missions booked months ahead asks for the same days again and again.
@functools.lru_cache(maxsize=1 << 16)
def _working_hours(calendar: WorkingCalendar, day: date) -> tuple[datetime, datetime] | None:
    if not calendar.is_working_day(day):
        return None
    zone = calendar.zone
    return _wall_clock(day, calendar.opens, zone), _wall_clock(day, calendar.closes, zone)


def _local_dates(start: datetime, end: datetime, zone: ZoneInfo) -> Iterable[date]:
    first = start.astimezone(zone).date() - timedelta(days=1)
    last = end.astimezone(zone).date() + timedelta(days=1)
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def business_time(calendar: WorkingCalendar, start: datetime, end: datetime) -> timedelta:
    """Working time between ``start`` and ``end`` (exact; zero when end is not after start)."""
    if end <= start:
        return timedelta(0)
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    total = timedelta(0)
    for day in _local_dates(start, end, calendar.zone):
        hours = calendar.working_hours(day)
        if hours is None:
            continue
        lower, upper = max(hours[0], start), min(hours[1], end)
        if upper > lower:
            total += upper - lower
    return total


def whole_minutes(duration: timedelta) -> int:
    """A duration in whole minutes, rounded down (exact integer arithmetic; 0 if negative)."""
    if duration <= timedelta(0):
        return 0
    return duration // _MINUTE
