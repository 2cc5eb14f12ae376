"""An independent oracle for tiered decisions (issue 15), written from the issue's text:

- notice is the time from the request to the start (none once started);
- business notice counts, minute by minute, the minutes at which the agency's local
  clock is inside its working hours on a working weekday that is not a holiday (a day's
  work starts the first time its clock reaches the opening time and stops the first
  time it reaches the closing time);
- the customer's tiers are those of the first of the policy's schedules whose vehicle
  class (compared in any case, leading and trailing spaces ignored; none: any class) is the mission's and whose least length
  the mission's scheduled minutes reach; when none does, the policy's own tiers;
- the first tier, in that order, whose length (inclusive) is not exceeded by the
  notice in its unit applies; it bills percent of the full charge (half-up to the cent)
  plus its flat fee, at least its minimum; drivers get the same percentage of their pay.

It checks the decision over generated notices, tiers, calendars and dates around
daylight-saving changes and year ends, in several time zones.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from models.domain.billing import decide_billing
from models.domain.decision import BillingDecision
from models.domain.policies import CancellationTerms, TierSchedule
from models.domain.tiers import NoticeUnit, Tier
from models.domain.working_calendar import WorkingCalendar
from tests.unit.billing_terms import driver, policy

ZONES = ["Europe/Paris", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC"]
# Daylight-saving changes of 2026 in those zones, and a year end.
PIVOTS = [
    datetime(2026, 3, 29, 1, 0, tzinfo=UTC),
    datetime(2026, 10, 25, 1, 0, tzinfo=UTC),
    datetime(2026, 3, 8, 7, 0, tzinfo=UTC),
    datetime(2026, 11, 1, 6, 0, tzinfo=UTC),
    datetime(2026, 4, 4, 16, 0, tzinfo=UTC),
    datetime(2026, 10, 3, 16, 0, tzinfo=UTC),
    datetime(2026, 12, 31, 23, 0, tzinfo=UTC),
]
CENT = Decimal("0.01")
MINUTE = timedelta(minutes=1)


def oracle_business_minutes(calendar: WorkingCalendar, start: datetime, end: datetime) -> int:
    zone = ZoneInfo(calendar.time_zone)
    counted = 0
    opened: set[date] = set()
    closed: set[date] = set()
    # Start the scan a day early so that a day's opening before `start` is seen.
    moment = start - timedelta(days=1)
    while moment < end:
        local = moment.astimezone(zone)
        day, clock = local.date(), local.hour * 60 + local.minute
        if clock >= calendar.opens:
            opened.add(day)
        if clock >= calendar.closes:
            closed.add(day)
        working = (
            day.weekday() in calendar.weekdays
            and day not in calendar.holidays
            and day in opened
            and day not in closed
        )
        if working and moment >= start:
            counted += 1
        moment += MINUTE
    return counted


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def draw_tiers(draw: st.DrawFn) -> tuple[Tier, ...]:
    tiers: list[Tier] = []
    last = {NoticeUnit.CALENDAR: -1, NoticeUnit.BUSINESS: -1}
    for _ in range(draw(st.integers(1, 4))):
        unit = draw(st.sampled_from(list(NoticeUnit)))
        length = last[unit] + draw(st.integers(1, 2 * 1440))
        last[unit] = length
        tiers.append(
            Tier(
                length,
                unit,
                Decimal(draw(st.integers(0, 100))),
                Decimal(draw(st.integers(0, 3000))) / 100,
                Decimal(draw(st.sampled_from([0, 0, 2500, 9999]))) / 100,
            )
        )
    return tuple(tiers)


def draw_schedule(draw: st.DrawFn) -> TierSchedule:
    vehicle_class = draw(st.sampled_from([None, "SUV", "Van"]))
    least = draw(
        st.sampled_from([0, 60, 120, 240]) if vehicle_class else st.sampled_from([60, 240])
    )
    return TierSchedule(draw_tiers(draw), vehicle_class, least)


@st.composite
def cases(draw: st.DrawFn) -> tuple[CancellationTerms, datetime, datetime, int, str | None]:
    zone = draw(st.sampled_from(ZONES))
    opens = draw(st.integers(0, 47)) * 30
    closes = draw(st.integers(opens // 30 + 1, 48)) * 30
    weekdays = frozenset(draw(st.sets(st.integers(0, 6), min_size=1)))
    pivot = draw(st.sampled_from(PIVOTS))
    pickup = pivot + timedelta(minutes=draw(st.integers(-3 * 1440, 3 * 1440)))
    notice = draw(st.integers(-120, 5 * 1440))
    local_pickup = pickup.astimezone(ZoneInfo(zone)).date()
    holidays = frozenset(
        local_pickup - timedelta(days=d) for d in draw(st.sets(st.integers(0, 6), max_size=3))
    )
    calendar = WorkingCalendar(zone, weekdays, opens, closes, holidays)
    schedules = tuple(draw_schedule(draw) for _ in range(draw(st.integers(0, 2))))
    terms = CancellationTerms(
        1, 2, "Generated", draw_tiers(draw), None, calendar, schedules=schedules
    )
    vehicle_class = draw(st.sampled_from([None, "SUV", " suv", "Van", "Sedan"]))
    length = draw(st.integers(0, 300))
    return terms, pickup, pickup - timedelta(minutes=notice), length, vehicle_class


@settings(max_examples=150, deadline=None)
@given(cases())
def test_decision_matches_the_oracle(
    case: tuple[CancellationTerms, datetime, datetime, int, str | None],
) -> None:
    # given
    terms, pickup, judged, length, vehicle_class = case
    assert terms.calendar is not None
    end = pickup + timedelta(minutes=length)

    # when
    decision = decide_billing(
        pickup_at=pickup,
        estimated_end_at=end,
        judged_at=judged,
        policy=policy(rate="47.30", customer_minimum=30),
        drivers=[driver(5, None, "21.15")],
        terms=terms,
        vehicle_class=vehicle_class,
    )

    # then: the oracle's schedule, notice, tier, charge and payout
    calendar_notice = max(0, int((pickup - judged) / MINUTE))
    business_notice = oracle_business_minutes(terms.calendar, judged, pickup)
    assert decision.notice_minutes == calendar_notice
    assert decision.business_notice_minutes == business_notice
    expected_schedule = next(
        (
            number
            for number, schedule in enumerate(terms.schedules, start=1)
            if (
                schedule.vehicle_class is None
                or (vehicle_class or "").strip().lower() == schedule.vehicle_class.lower()
            )
            and length >= schedule.min_length_minutes
        ),
        None,
    )
    assert decision.schedule == expected_schedule
    tiers = (
        terms.customer_tiers
        if expected_schedule is None
        else terms.schedules[expected_schedule - 1].tiers
    )
    expected_tier = next(
        (
            number
            for number, tier in enumerate(tiers, start=1)
            if (business_notice if tier.unit is NoticeUnit.BUSINESS else calendar_notice)
            <= tier.notice_minutes
        ),
        None,
    )
    assert decision.tier == expected_tier
    minutes = max(length, 30)
    full = cents(Decimal("47.30") * minutes / 60)
    full_pay = cents(Decimal("21.15") * minutes / 60)
    if expected_tier is None:
        assert (decision.billable, decision.charge) == (False, Decimal("0.00"))
        assert decision.payouts[0].amount == Decimal("0.00")
        return
    tier = tiers[expected_tier - 1]
    charge = max(cents(full * tier.percent / 100) + tier.flat_fee, tier.minimum)
    free = tier.percent == 0 and tier.flat_fee == 0 and tier.minimum == 0
    assert decision.billable is not free
    assert decision.charge == (Decimal("0.00") if free else charge)
    assert decision.payouts[0].amount == cents(full_pay * tier.percent / 100)
    assert str(decision.charge) in decision.explanation or not decision.billable
    # a decision under a policy is stored whole
    restored = BillingDecision.from_dict(decision.to_dict())
    assert restored == decision and restored.explanation == decision.explanation
    assert restored.business_notice_minutes == business_notice
