"""Tiered policies (issue 15): the tier by notice, percentage / flat fee / minimum, the
drivers' own payout schedule, business-time notice across a weekend, holidays, daylight
saving and a year end, and the sentence a dispatcher reads out."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from models.domain.billing import Payout, decide_billing
from models.domain.decision import BillingDecision
from models.domain.errors import DomainError, ErrorCode
from models.domain.policies import CancellationTerms, TierSchedule
from models.domain.tiers import NoticeUnit, Tier
from models.domain.working_calendar import WorkingCalendar, business_time
from tests.unit.billing_terms import PARIS, D, driver, policy

HOUR = 60
DAY = 24 * HOUR
CAL, BUS = NoticeUnit.CALENDAR, NoticeUnit.BUSINESS
# A 2-hour job at 60.00/h: the full charge is 120.00, a 30.00/h driver's full pay 60.00.
PICKUP = datetime(2026, 6, 10, 8, 0, tzinfo=UTC)  # Wednesday 10:00 in Paris
END = PICKUP + timedelta(hours=2)
PARIS_OFFICE = WorkingCalendar("Europe/Paris")  # Monday to Friday, 09:00-17:00


def terms(
    tiers: tuple[Tier, ...],
    payout_tiers: tuple[Tier, ...] | None = None,
    calendar: WorkingCalendar | None = None,
) -> CancellationTerms:
    return CancellationTerms(7, 3, "Standard", tiers, payout_tiers, calendar)


MOOVS = (Tier(24 * HOUR, CAL, D(100)), Tier(48 * HOUR, CAL, D(50)))


def decide(notice: timedelta, t: CancellationTerms, pickup: datetime = PICKUP):  # type: ignore[no-untyped-def]
    return decide_billing(
        pickup_at=pickup,
        estimated_end_at=pickup + timedelta(hours=2),
        judged_at=pickup - notice,
        policy=policy(rate="60.00"),
        drivers=[driver(1, None, "30.00")],
        terms=t,
    )


@pytest.mark.parametrize(
    ("notice", "tier", "charge", "payout"),
    [
        pytest.param(timedelta(hours=2), 1, "120.00", "60.00", id="inside-24h"),
        pytest.param(timedelta(hours=24), 1, "120.00", "60.00", id="exactly-24h"),
        pytest.param(timedelta(hours=24, seconds=1), 2, "60.00", "30.00", id="just-over-24h"),
        pytest.param(timedelta(hours=48), 2, "60.00", "30.00", id="exactly-48h"),
        pytest.param(timedelta(hours=48, minutes=1), None, "0.00", "0.00", id="free"),
        pytest.param(timedelta(hours=-1), 1, "120.00", "60.00", id="after-start"),
    ],
)
def test_tier_by_calendar_notice(
    notice: timedelta, tier: int | None, charge: str, payout: str
) -> None:
    # given: less than 24 h: 100%; 24-48 h: 50%; more: free
    # when
    decision = decide(notice, terms(MOOVS))

    # then
    assert decision.tier == tier
    assert decision.billable is (tier is not None)
    assert decision.charge == D(charge)
    assert decision.payouts == (Payout(1, D(payout)),)
    assert (decision.policy_id, decision.policy_version) == (7, 3)


def test_flat_fee_and_minimum() -> None:
    # given: 10% plus 5.00, at least 20.00; then a 15.00 flat fee alone
    t = terms((Tier(2 * HOUR, CAL, D(10), D("5.00"), D("20.00")), Tier(DAY, CAL, D(0), D("15.00"))))

    # when
    inside, later = decide(timedelta(hours=1), t), decide(timedelta(hours=5), t)

    # then: 12.00 + 5.00 is under the minimum
    assert inside.charge == D("20.00")
    assert later.charge == D("15.00") and later.billable
    # the drivers follow the tier's percentage of their pay (no fee for them)
    assert inside.payouts == (Payout(1, D("6.00")),)
    assert later.payouts == (Payout(1, D("0.00")),)


def test_payout_schedule_is_the_drivers_own() -> None:
    # given: the customer pays 50% inside 24 h; the interpreter is paid 100% inside 2 h and
    # 50% inside 24 h, and is paid 50% even where the customer pays nothing
    t = terms(
        (Tier(24 * HOUR, CAL, D(50)),),
        payout_tiers=(Tier(2 * HOUR, CAL, D(100)), Tier(72 * HOUR, CAL, D(50))),
    )

    # when
    near, day, far = (decide(timedelta(hours=h), t) for h in (1, 10, 50))

    # then
    assert (near.charge, near.payouts) == (D("60.00"), (Payout(1, D("60.00")),))
    assert (day.charge, day.payouts) == (D("60.00"), (Payout(1, D("30.00")),))
    assert (far.billable, far.charge, far.payouts) == (False, D("0.00"), (Payout(1, D("30.00")),))


def test_a_zero_tier_is_not_billable() -> None:
    decision = decide(timedelta(hours=1), terms((Tier(DAY, CAL, D(0)),)))

    assert decision.tier == 1
    assert not decision.billable and decision.charge == D("0.00")
    assert decision.billable_minutes == 0


def test_two_business_days_over_a_weekend() -> None:
    # given: "two business days' notice" (2 x 8 working hours); Monday 10:00 Paris pickup
    pickup = datetime(2026, 6, 15, 8, 0, tzinfo=UTC)
    t = terms((Tier(16 * HOUR, BUS, D(100)),), calendar=PARIS_OFFICE)

    # when: asked on Thursday 17:00 (Fri 8 h + Mon 1 h = 9 business hours, 3 days 17 h)
    thursday = decide(pickup - datetime(2026, 6, 11, 15, 0, tzinfo=UTC), t, pickup)
    # asked on Wednesday 10:00 (Wed 7 h + Thu 8 h + Fri 8 h + Mon 1 h = 24 h)
    wednesday = decide(pickup - datetime(2026, 6, 10, 8, 0, tzinfo=UTC), t, pickup)

    # then
    assert thursday.business_notice_minutes == 9 * HOUR
    assert thursday.notice_minutes == 3 * DAY + 17 * HOUR
    assert thursday.billable and thursday.charge == D("120.00")
    assert wednesday.business_notice_minutes == 24 * HOUR
    assert not wednesday.billable


def test_holidays_do_not_count() -> None:
    # given: Friday 12 June is a holiday
    calendar = WorkingCalendar("Europe/Paris", holidays=frozenset({date(2026, 6, 12)}))
    start = datetime(2026, 6, 11, 15, 0, tzinfo=UTC)  # Thursday 17:00
    end = datetime(2026, 6, 15, 8, 0, tzinfo=UTC)  # Monday 10:00

    assert business_time(calendar, start, end) == timedelta(hours=1)


@pytest.mark.parametrize(
    ("zone", "start", "end", "hours"),
    [
        # Paris springs forward on Sunday 29 March 2026: a 24/7 calendar's Sunday has 23 h
        pytest.param("Europe/Paris", "2026-03-28T23:00", "2026-03-29T22:00", 23, id="paris-spring"),
        pytest.param("Europe/Paris", "2026-10-24T22:00", "2026-10-25T23:00", 25, id="paris-autumn"),
        pytest.param(
            "America/New_York", "2026-03-08T05:00", "2026-03-09T04:00", 23, id="ny-spring"
        ),
        pytest.param("UTC", "2026-12-31T12:00", "2027-01-01T12:00", 24, id="year-end"),
    ],
)
def test_wall_clock_days_across_daylight_saving(
    zone: str, start: str, end: str, hours: int
) -> None:
    # given: open all day every day, in the agency's zone
    calendar = WorkingCalendar(zone, weekdays=frozenset(range(7)), opens=0, closes=DAY)

    # when
    measured = business_time(
        calendar,
        datetime.fromisoformat(start).replace(tzinfo=UTC),
        datetime.fromisoformat(end).replace(tzinfo=UTC),
    )

    # then
    assert measured == timedelta(hours=hours)


def test_working_hours_stay_local_across_daylight_saving() -> None:
    # given: 09:00-17:00 Paris, Friday 27 March (UTC+1) and Monday 30 March (UTC+2)
    calendar = PARIS_OFFICE

    # then: 09:00 local both days, i.e. 08:00 and 07:00 UTC
    assert calendar.working_hours(date(2026, 3, 27)) == (
        datetime(2026, 3, 27, 8, 0, tzinfo=UTC),
        datetime(2026, 3, 27, 16, 0, tzinfo=UTC),
    )
    assert calendar.working_hours(date(2026, 3, 30)) == (
        datetime(2026, 3, 30, 7, 0, tzinfo=UTC),
        datetime(2026, 3, 30, 15, 0, tzinfo=UTC),
    )
    assert calendar.working_hours(date(2026, 3, 28)) is None


def test_explanation_reads_out_the_tier() -> None:
    decision = decide(timedelta(hours=30), terms(MOOVS))

    assert decision.explanation == (
        'Cancelled with 1 d 6 h notice: tier 2 of policy "Standard" v3, 50% of the charge '
        "for notice up to 2 d: 60.00 of the full 120.00 EUR."
    )
    free = decide(timedelta(days=3), terms(MOOVS))
    assert free.explanation == (
        'Cancelled with 3 d notice, more than every tier of policy "Standard" v3 covers: '
        "nothing to pay."
    )


def test_old_window_is_the_one_tier_case() -> None:
    # given: no policy version (booked before policies): the customer's 120-minute window
    decision = decide_billing(
        pickup_at=PICKUP,
        estimated_end_at=END,
        judged_at=PICKUP - timedelta(minutes=90),
        policy=policy(),
        drivers=[driver()],
    )

    assert decision.tier == 1 and decision.policy_version is None
    assert decision.notice_minutes == 90
    assert decision.explanation == (
        "Cancelled with 1 h 30 min notice, inside the customer's 120-minute window: 120.00 EUR."
    )


@pytest.mark.parametrize(
    ("tiers", "calendar", "message"),
    [
        pytest.param((), None, "1 to 10 tiers", id="none"),
        pytest.param((Tier(60, CAL, D(101)),), None, "percentage", id="percent"),
        pytest.param((Tier(60, CAL, D(50), D("-1.00")),), None, "flat fee", id="fee"),
        pytest.param((Tier(60, CAL, D(50), D("0.001")),), None, "flat fee", id="cents"),
        pytest.param((Tier(60, BUS, D(50)),), None, "calendar", id="business-no-calendar"),
        pytest.param(
            (Tier(60, CAL, D(100)), Tier(60, CAL, D(50))), None, "more notice", id="order"
        ),
        pytest.param((Tier(-1, CAL, D(100)),), None, "notice", id="negative"),
    ],
)
def test_bad_tiers_are_refused(
    tiers: tuple[Tier, ...], calendar: WorkingCalendar | None, message: str
) -> None:
    with pytest.raises(DomainError) as refused:
        CancellationTerms(1, 1, "Bad", tiers, None, calendar)

    assert refused.value.code is ErrorCode.INVALID
    assert message in refused.value.errors[0].message


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        pytest.param({"time_zone": "Mars/Olympus"}, "timeZone", id="zone"),
        pytest.param({"time_zone": "UTC", "weekdays": frozenset()}, "weekdays", id="weekdays"),
        pytest.param({"time_zone": "UTC", "opens": 600, "closes": 600}, "opensAt", id="hours"),
    ],
)
def test_bad_calendars_are_refused(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(DomainError) as refused:
        WorkingCalendar(**kwargs)  # type: ignore[arg-type]

    assert refused.value.errors[0].field == ("input", "calendar", field)


def test_terms_round_trip() -> None:
    t = CancellationTerms(7, 3, "Interpreters", MOOVS, (Tier(120, BUS, D(100)),), PARIS_OFFICE, 15)

    assert CancellationTerms.from_dict(t.to_dict()) == t
    assert PARIS.key == PARIS_OFFICE.time_zone


def test_opening_time_skipped_by_spring_forward_opens_at_the_change() -> None:
    # given: opening at 02:30, a time Paris skips on 29 March 2026 (02:00 -> 03:00)
    calendar = WorkingCalendar("Europe/Paris", frozenset(range(7)), opens=150, closes=600)

    # then: the day starts when the clock jumps to 03:00 (01:00 UTC), ends 10:00 local
    assert calendar.working_hours(date(2026, 3, 29)) == (
        datetime(2026, 3, 29, 1, 0, tzinfo=UTC),
        datetime(2026, 3, 29, 8, 0, tzinfo=UTC),
    )


@pytest.mark.parametrize("zone", ["", "../x", "a" * 1000, "/etc/passwd", "UTC\x00"])
def test_a_time_zone_that_is_no_iana_name_is_refused(zone: str) -> None:
    with pytest.raises(DomainError) as refused:
        WorkingCalendar(zone)

    assert refused.value.errors[0].field == ("input", "calendar", "timeZone")


# Schedules: SUVs pay 100% inside 72 h; assignments of 4 h or more inside 7 days.
SUV = TierSchedule((Tier(72 * HOUR, CAL, D(100)),), vehicle_class="SUV")
LONG = TierSchedule((Tier(7 * DAY, CAL, D(100)),), min_length_minutes=4 * HOUR)
SCHEDULED = CancellationTerms(7, 3, "Standard", MOOVS, schedules=(SUV, LONG))


@pytest.mark.parametrize(
    ("vehicle_class", "hours", "schedule", "tier", "charge"),
    [
        pytest.param(None, 2, None, None, "0.00", id="sedan-own-tiers-free-at-60h"),
        pytest.param("SUV", 2, 1, 1, "120.00", id="suv-schedule"),
        pytest.param(" suv ", 2, 1, 1, "120.00", id="class-any-spacing"),
        pytest.param("SUVs", 2, None, None, "0.00", id="another-class"),
        pytest.param("Suv", 2, 1, 1, "120.00", id="class-any-case"),
        pytest.param("Sedan", 4, 2, 1, "240.00", id="long-assignment"),
        pytest.param("SUV", 5, 1, 1, "300.00", id="first-schedule-wins"),
        pytest.param(None, 3, None, None, "0.00", id="just-short-of-long"),
    ],
)
def test_a_schedule_prices_the_missions_it_covers(
    vehicle_class: str | None, hours: int, schedule: int | None, tier: int | None, charge: str
) -> None:
    # when a mission of this class and length is cancelled 60 h ahead
    decision = decide_billing(
        pickup_at=PICKUP,
        estimated_end_at=PICKUP + timedelta(hours=hours),
        judged_at=PICKUP - timedelta(hours=60),
        policy=policy(rate="60.00"),
        drivers=[driver(1, None, "30.00")],
        terms=SCHEDULED,
        vehicle_class=vehicle_class,
    )

    # then
    assert (decision.schedule, decision.tier, decision.charge) == (schedule, tier, D(charge))


def test_the_explanation_names_the_schedule() -> None:
    decision = decide_billing(
        pickup_at=PICKUP,
        estimated_end_at=PICKUP + timedelta(hours=4),
        judged_at=PICKUP - timedelta(days=3),
        policy=policy(rate="60.00"),
        drivers=[],
        terms=SCHEDULED,
    )
    assert decision.explanation == (
        'Cancelled with 3 d notice: tier 1 of policy "Standard" v3 for missions of 4 h or '
        "more, 100% of the charge for notice up to 7 d: 240.00 of the full 240.00 EUR."
    )
    restored = BillingDecision.from_dict(decision.to_dict())
    assert restored == decision and restored.schedule == 2


@pytest.mark.parametrize(
    ("schedule", "field"),
    [
        pytest.param(TierSchedule(MOOVS), "input.schedules.0", id="covers-every-mission"),
        pytest.param(
            TierSchedule(MOOVS, vehicle_class="  "), "input.schedules.0.vehicleClass", id="blank"
        ),
        pytest.param(
            TierSchedule(MOOVS, vehicle_class="X" * 65),
            "input.schedules.0.vehicleClass",
            id="long-class",
        ),
        pytest.param(
            TierSchedule(MOOVS, min_length_minutes=-1),
            "input.schedules.0.minLengthMinutes",
            id="negative-length",
        ),
        pytest.param(
            TierSchedule((Tier(60, BUS, D(100)),), vehicle_class="SUV"),
            "input.schedules.0.tiers",
            id="business-time-without-calendar",
        ),
        pytest.param(TierSchedule((), vehicle_class="SUV"), "input.schedules.0.tiers", id="none"),
    ],
)
def test_bad_schedules_are_refused(schedule: TierSchedule, field: str) -> None:
    with pytest.raises(DomainError) as refused:
        CancellationTerms(7, 3, "Standard", MOOVS, schedules=(schedule,))
    assert refused.value.code is ErrorCode.INVALID
    assert ".".join(refused.value.errors[0].field or ()) == field


def test_schedules_round_trip() -> None:
    assert CancellationTerms.from_dict(SCHEDULED.to_dict()) == SCHEDULED
    # a version saved before schedules existed has none
    old = {k: v for k, v in SCHEDULED.to_dict().items() if k != "schedules"}
    assert CancellationTerms.from_dict(old).schedules == ()
