from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from models.domain.errors import DomainError, ErrorCode
from models.domain.series import expand_series

PARIS = ZoneInfo("Europe/Paris")
TZ = "Europe/Paris"
# Monday 17 March 2025, 09:00 in Paris (UTC+1); clocks go forward on 30 March.
MARCH_START = datetime(2025, 3, 17, 9, 0, tzinfo=PARIS)
MARCH_END = MARCH_START + timedelta(hours=1)


@pytest.mark.parametrize(
    ("first_start", "utc_hours"),
    [
        pytest.param(MARCH_START, [8, 8, 7, 7], id="march-forward"),
        pytest.param(datetime(2025, 10, 13, 9, 0, tzinfo=PARIS), [7, 7, 8, 8], id="october-back"),
    ],
)
def test_weekly_0900_stays_0900_local_across_dst(
    first_start: datetime, utc_hours: list[int]
) -> None:
    # given: a weekly 09:00-10:00 booking, four weeks, across a daylight-saving change

    # when
    pairs = expand_series(first_start, first_start + timedelta(hours=1), "FREQ=WEEKLY;COUNT=4", TZ)

    # then
    assert [start.astimezone(PARIS).strftime("%H:%M") for start, _ in pairs] == ["09:00"] * 4
    assert [start.hour for start, _ in pairs] == utc_hours
    assert all(start.tzinfo is UTC and end.tzinfo is UTC for start, end in pairs)
    assert all(end - start == timedelta(hours=1) for start, end in pairs)
    assert [start.date() - first_start.date() for start, _ in pairs] == [
        timedelta(weeks=week) for week in range(4)
    ]


@pytest.mark.parametrize(
    ("rule", "count"),
    [
        pytest.param("FREQ=WEEKLY;COUNT=10", 10, id="count"),
        pytest.param("FREQ=WEEKLY;COUNT=1", 1, id="count-one"),
        pytest.param("RRULE:FREQ=WEEKLY;COUNT=2", 2, id="rrule-prefix"),
        pytest.param("  freq=daily;count=3  ", 3, id="lower-case-and-spaces"),
        pytest.param("FREQ=WEEKLY;UNTIL=20250331T070000Z", 3, id="until-utc-inclusive"),
        pytest.param("FREQ=WEEKLY;UNTIL=20250331T065959Z", 2, id="until-utc-just-before"),
        pytest.param("FREQ=WEEKLY;UNTIL=20250331", 3, id="until-date-whole-local-day"),
        pytest.param("FREQ=WEEKLY;UNTIL=20250330", 2, id="until-date-before"),
        pytest.param("FREQ=WEEKLY;UNTIL=20250331T090000", 3, id="until-local-time"),
        pytest.param("FREQ=WEEKLY;UNTIL=20250101T000000Z", 1, id="until-before-start"),
        pytest.param("FREQ=DAILY;COUNT=366", 366, id="count-at-the-limit"),
        pytest.param("FREQ=DAILY;UNTIL=20260316", 365, id="until-a-year"),
        pytest.param("FREQ=WEEKLY;INTERVAL=2;COUNT=3", 3, id="interval"),
    ],
)
def test_count_and_until(rule: str, count: int) -> None:
    # given: the first mission on Monday 17 March 2025, 09:00 Paris

    # when
    pairs = expand_series(MARCH_START, MARCH_END, rule, TZ)

    # then
    assert len(pairs) == count
    assert pairs[0] == (MARCH_START.astimezone(UTC), MARCH_END.astimezone(UTC))
    starts = [start for start, _ in pairs]
    assert starts == sorted(set(starts))


def test_first_mission_is_the_first_occurrence_even_off_the_rule() -> None:
    # given: a Monday first mission and a Tuesday/Thursday rule
    rule = "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=3"

    # when
    pairs = expand_series(MARCH_START, MARCH_END, rule, TZ)

    # then: RFC 5545 counts DTSTART as the first of COUNT occurrences
    assert [start.astimezone(PARIS).strftime("%a %d") for start, _ in pairs] == [
        "Mon 17",
        "Tue 18",
        "Thu 20",
    ]


def test_duration_is_kept_and_seconds_survive() -> None:
    # given: a 90-minute mission starting at 09:00:30.5
    start = MARCH_START.replace(second=30, microsecond=500_000)

    # when
    pairs = expand_series(start, start + timedelta(minutes=90), "FREQ=WEEKLY;COUNT=3", TZ)

    # then
    assert all(end - begin == timedelta(minutes=90) for begin, end in pairs)
    assert all(begin.astimezone(PARIS).time() == start.time() for begin, _ in pairs)


def test_first_start_in_utc_is_expanded_in_the_agency_zone() -> None:
    # given: the same 09:00 Paris start, given in UTC
    start = MARCH_START.astimezone(UTC)

    # when
    pairs = expand_series(start, start + timedelta(hours=1), "FREQ=WEEKLY;COUNT=3", TZ)

    # then
    assert [begin.hour for begin, _ in pairs] == [8, 8, 7]


@pytest.mark.parametrize(
    "rule",
    [
        pytest.param("", id="empty"),
        pytest.param("   ", id="blank"),
        pytest.param("hello", id="not-a-rule"),
        pytest.param("FREQ=SOMETIMES;COUNT=3", id="unknown-freq"),
        pytest.param("COUNT=3", id="no-freq"),
        pytest.param("FREQ=WEEKLY;COUNT=3;BYDAY=XX", id="bad-byday"),
        pytest.param("FREQ=WEEKLY;COUNT=3;COLOUR=RED", id="unknown-part"),
        pytest.param("FREQ=WEEKLY;COUNT=0", id="count-zero"),
        pytest.param("FREQ=WEEKLY;COUNT=three", id="count-not-a-number"),
        pytest.param("FREQ=WEEKLY;UNTIL=tomorrow", id="until-not-a-date"),
        pytest.param("FREQ=WEEKLY;COUNT=3;", id="trailing-semicolon"),
        pytest.param("FREQ=WEEKLY", id="endless"),
        pytest.param("FREQ=WEEKLY;INTERVAL=2", id="endless-interval"),
        pytest.param("FREQ=WEEKLY;COUNT=3;UNTIL=20250401T000000Z", id="count-and-until"),
        pytest.param("DTSTART:20250317T080000Z\nRRULE:FREQ=WEEKLY;COUNT=3", id="dtstart-line"),
        pytest.param("FREQ=WEEKLY;COUNT=3;DTSTART=20250317T080000Z", id="dtstart-part"),
        pytest.param("RRULE:FREQ=WEEKLY;COUNT=3\nEXDATE:20250324T080000Z", id="two-lines"),
        pytest.param("FREQ=DAILY;COUNT=367", id="count-too-many"),
        pytest.param("FREQ=DAILY;UNTIL=20270101T000000Z", id="until-too-many"),
        pytest.param("FREQ=HOURLY;UNTIL=20250401", id="hourly-too-many"),
    ],
)
def test_refused_rules(rule: str) -> None:
    # given: a rule that is unparsable, endless, too long or carries its own start

    # when
    with pytest.raises(DomainError) as raised:
        expand_series(MARCH_START, MARCH_END, rule, TZ)

    # then
    error = raised.value.errors[0]
    assert (error.code, error.field) == (ErrorCode.INVALID, ("input", "rule"))


@pytest.mark.parametrize(
    ("first_start", "first_end", "field"),
    [
        pytest.param(MARCH_START, MARCH_START, ("input", "first", "estimatedEndAt"), id="zero"),
        pytest.param(
            MARCH_START,
            MARCH_START - timedelta(minutes=1),
            ("input", "first", "estimatedEndAt"),
            id="end-before-start",
        ),
        pytest.param(
            MARCH_START.replace(tzinfo=None),
            MARCH_END,
            ("input", "first", "pickupAt"),
            id="naive-start",
        ),
        pytest.param(
            MARCH_START,
            MARCH_END.replace(tzinfo=None),
            ("input", "first", "estimatedEndAt"),
            id="naive-end",
        ),
    ],
)
def test_refused_first_mission_times(
    first_start: datetime, first_end: datetime, field: tuple[str, ...]
) -> None:
    # given: a valid rule and bad first-mission times

    # when
    with pytest.raises(DomainError) as raised:
        expand_series(first_start, first_end, "FREQ=WEEKLY;COUNT=3", TZ)

    # then
    error = raised.value.errors[0]
    assert (error.code, error.field) == (ErrorCode.INVALID, field)


def test_unknown_time_zone_is_refused() -> None:
    # given
    zone = "Europe/Atlantis"

    # when
    with pytest.raises(DomainError) as raised:
        expand_series(MARCH_START, MARCH_END, "FREQ=WEEKLY;COUNT=3", zone)

    # then
    assert raised.value.code is ErrorCode.INVALID
