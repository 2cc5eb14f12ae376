"""Recurring series: expanding an RFC 5545 rule in the agency's time zone (SPEC §2).

Occurrences are computed on the local wall clock, so a weekly 09:00 booking stays at
09:00 local across daylight-saving changes; each keeps the first mission's duration.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from itertools import islice
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrulestr

from models.domain.errors import DomainError, ErrorCode

MAX_OCCURRENCES = 366
RULE_FIELD = ("input", "rule")
_DATE = re.compile(r"^\d{8}$")
_LOCAL_DATETIME = re.compile(r"^\d{8}T\d{6}$")
_UTC_DATETIME = re.compile(r"^\d{8}T\d{6}Z$")


_DIGITS = re.compile(r"[0-9]{1,6}")
# Bookings live within these years; outside them date arithmetic would overflow.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2200


def _invalid_rule(message: str) -> DomainError:
    return DomainError(ErrorCode.INVALID, message, field=RULE_FIELD)


def _zone(time_zone: str) -> ZoneInfo:
    try:
        return ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError) as unknown:
        raise DomainError(ErrorCode.INVALID, f"Unknown time zone {time_zone!r}.") from unknown


def _until_in_utc(value: str, zone: ZoneInfo) -> str:
    """UNTIL as UTC text: RFC 5545 wants UTC when DTSTART has a time zone.

    A bare date means "through that local day"; a floating date-time is local.
    """
    if _UTC_DATETIME.match(value):
        return value
    try:
        if _DATE.match(value):
            until = datetime.strptime(value, "%Y%m%d").replace(hour=23, minute=59, second=59)
        elif _LOCAL_DATETIME.match(value):
            until = datetime.strptime(value, "%Y%m%dT%H%M%S")
        else:
            raise ValueError(value)
        return until.replace(tzinfo=zone).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    except (ValueError, OverflowError):
        raise _invalid_rule(
            f"UNTIL={value} is not a date (YYYYMMDD or YYYYMMDDTHHMMSSZ)."
        ) from None


def _normalized_rule(rule: str, zone: ZoneInfo) -> tuple[str, int | None]:
    """Check the rule text and return it with UNTIL in UTC, and its COUNT if any."""
    text = rule.strip().upper()
    if text.startswith("RRULE:"):
        text = text[len("RRULE:") :]
    if "DTSTART" in text:
        raise _invalid_rule("The rule must not contain DTSTART: the first mission sets the start.")
    if not text or re.search(r"[\s:]", text):
        raise _invalid_rule("The rule must be one RFC 5545 RRULE, e.g. FREQ=WEEKLY;COUNT=10.")
    parts: list[tuple[str, str]] = []
    for part in text.split(";"):
        name, sep, value = part.partition("=")
        if not sep or not name or not value:
            raise _invalid_rule(f"{part!r} is not a NAME=VALUE part of a rule.")
        parts.append((name, value))
    names = [name for name, _ in parts]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise _invalid_rule(f"{', '.join(repeated)} may appear only once in a rule.")
    if "COUNT" not in names and "UNTIL" not in names:
        raise _invalid_rule("The rule needs COUNT or UNTIL: a series cannot be endless.")
    if "COUNT" in names and "UNTIL" in names:
        raise _invalid_rule("The rule cannot have both COUNT and UNTIL.")
    count: int | None = None
    rebuilt = []
    for name, value in parts:
        if name == "UNTIL":
            value = _until_in_utc(value, zone)
        elif name in ("COUNT", "INTERVAL") and (not _DIGITS.fullmatch(value) or int(value) < 1):
            raise _invalid_rule(f"{name}={value} is not a positive whole number.")
        if name == "COUNT":
            count = int(value)
            if count > MAX_OCCURRENCES:
                raise _too_many()
        rebuilt.append(f"{name}={value}")
    return ";".join(rebuilt), count


def _too_many() -> DomainError:
    return _invalid_rule(f"A series has at most {MAX_OCCURRENCES} occurrences.")


def expand_series(
    first_start: datetime, first_end: datetime, rule: str, time_zone: str
) -> list[tuple[datetime, datetime]]:
    """Expand a series into (start, end) pairs in UTC, first mission first.

    ``rule`` is one RFC 5545 RRULE (``FREQ=WEEKLY;COUNT=10``, optionally prefixed
    ``RRULE:``) with COUNT or UNTIL and no DTSTART; it is applied on the wall clock
    of ``time_zone`` (IANA) from ``first_start``. The first mission is always the
    first occurrence and counts towards COUNT, as RFC 5545 says of DTSTART. Each
    occurrence lasts ``first_end - first_start``. Refused with ``INVALID``: naive
    datetimes, an end not after the start (field ``input.first.estimatedEndAt``),
    an unparsable or endless rule, or more than 366 occurrences (field ``input.rule``).
    """
    for name, value in (("pickupAt", first_start), ("estimatedEndAt", first_end)):
        if value.tzinfo is None or value.utcoffset() is None:
            raise DomainError(
                ErrorCode.INVALID,
                "Times must include a time zone.",
                field=("input", "first", name),
            )
        if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            raise DomainError(
                ErrorCode.INVALID,
                f"Times must be between the years {EARLIEST_YEAR} and {LATEST_YEAR}.",
                field=("input", "first", name),
            )
    # In UTC: subtracting two datetimes of the same zone would give wall-clock time.
    first_start, first_end = first_start.astimezone(UTC), first_end.astimezone(UTC)
    if first_end <= first_start:
        raise DomainError(
            ErrorCode.INVALID,
            "The end must be after the start.",
            field=("input", "first", "estimatedEndAt"),
        )
    zone = _zone(time_zone)
    text, count = _normalized_rule(rule, zone)
    local_start = first_start.astimezone(zone)
    try:
        recurrence = rrulestr(text, dtstart=local_start)
        starts = list(islice(iter(recurrence), MAX_OCCURRENCES + 1))
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as unparsable:
        raise _invalid_rule(f"The rule {rule!r} is not a valid RFC 5545 RRULE.") from unparsable
    # dateutil drops microseconds and skips a DTSTART that does not match BYxxx parts.
    fraction = timedelta(microseconds=local_start.microsecond)
    starts = [start + fraction for start in starts]
    if not starts or starts[0] != local_start:
        starts.insert(0, local_start)
        if count is not None:
            starts = starts[:count]
    if len(starts) > MAX_OCCURRENCES:
        raise _too_many()
    duration = first_end - first_start
    return [(start.astimezone(UTC), start.astimezone(UTC) + duration) for start in starts]
