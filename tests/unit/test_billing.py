from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from models.domain.billing import (
    BillingDecision,
    DriverTerms,
    Payout,
    PolicySnapshot,
    PolicySource,
    decide_billing,
    validate_requested_at,
)
from models.domain.errors import DomainError, ErrorCode

PARIS = ZoneInfo("Europe/Paris")
PICKUP = datetime(2025, 6, 10, 10, 0, tzinfo=UTC)
END = PICKUP + timedelta(hours=1)
D = Decimal


def policy(
    *,
    agency_window: int = 60,
    agency_minimum: int = 0,
    customer_window: int | None = 120,
    customer_minimum: int | None = None,
    rate: str = "60.00",
) -> PolicySnapshot:
    return PolicySnapshot(
        agency_window_minutes=agency_window,
        agency_minimum_billing_minutes=agency_minimum,
        customer_window_minutes=customer_window,
        customer_minimum_billing_minutes=customer_minimum,
        customer_rate_per_hour=D(rate),
        currency="EUR",
    )


def driver(driver_id: int = 1, window: int | None = None, rate: str = "30.00") -> DriverTerms:
    return DriverTerms(driver_id=driver_id, window_minutes=window, pay_rate_per_hour=D(rate))


@pytest.mark.parametrize(
    ("judged_at", "billable", "charge", "payout"),
    [
        pytest.param(PICKUP - timedelta(minutes=120), True, "60.00", "30.00", id="window-edge"),
        pytest.param(
            PICKUP - timedelta(minutes=120, seconds=1), False, "0.00", "0.00", id="1s-before-edge"
        ),
        pytest.param(
            PICKUP - timedelta(minutes=120) + timedelta(seconds=1),
            True,
            "60.00",
            "30.00",
            id="1s-after-edge",
        ),
        pytest.param(PICKUP - timedelta(minutes=1), True, "60.00", "30.00", id="just-before-start"),
        pytest.param(PICKUP, True, "60.00", "30.00", id="at-start"),
        pytest.param(PICKUP + timedelta(minutes=10), True, "60.00", "30.00", id="after-start"),
        pytest.param(END + timedelta(hours=1), True, "60.00", "30.00", id="after-end"),
        pytest.param(PICKUP - timedelta(days=1), False, "0.00", "0.00", id="day-before"),
    ],
)
def test_window_edges(judged_at: datetime, billable: bool, charge: str, payout: str) -> None:
    # given: a 60-minute mission, customer window 120, one driver on the agency default

    # when
    decision = decide_billing(
        pickup_at=PICKUP,
        estimated_end_at=END,
        judged_at=judged_at,
        policy=policy(),
        drivers=[driver()],
    )

    # then
    assert decision.billable is billable
    assert decision.effective_window_minutes == 120
    assert decision.window_source is PolicySource.CUSTOMER
    assert decision.scheduled_minutes == 60
    assert decision.billable_minutes == (60 if billable else 0)
    assert decision.charge == D(charge)
    assert decision.payouts == (Payout(1, D(payout)),)


@pytest.mark.parametrize(
    ("pickup_at", "judged_at", "billable"),
    [
        # spring forward (30 March 2025): the day before 09:00 is 23 hours before
        pytest.param(
            datetime(2025, 3, 30, 9, 0, tzinfo=PARIS),
            datetime(2025, 3, 29, 8, 0, tzinfo=PARIS),
            True,
            id="march-exactly-24h",
        ),
        pytest.param(
            datetime(2025, 3, 30, 9, 0, tzinfo=PARIS),
            datetime(2025, 3, 29, 7, 59, 59, tzinfo=PARIS),
            False,
            id="march-24h-and-1s",
        ),
        pytest.param(
            datetime(2025, 3, 30, 9, 0, tzinfo=PARIS),
            datetime(2025, 3, 29, 9, 0, tzinfo=PARIS),
            True,
            id="march-same-wall-clock-is-23h",
        ),
        # fall back (26 October 2025): the day before 09:00 is 25 hours before
        pytest.param(
            datetime(2025, 10, 26, 9, 0, tzinfo=PARIS),
            datetime(2025, 10, 25, 10, 0, tzinfo=PARIS),
            True,
            id="october-exactly-24h",
        ),
        pytest.param(
            datetime(2025, 10, 26, 9, 0, tzinfo=PARIS),
            datetime(2025, 10, 25, 9, 59, 59, tzinfo=PARIS),
            False,
            id="october-24h-and-1s",
        ),
        pytest.param(
            datetime(2025, 10, 26, 9, 0, tzinfo=PARIS),
            datetime(2025, 10, 25, 9, 0, tzinfo=PARIS),
            False,
            id="october-same-wall-clock-is-25h",
        ),
    ],
)
def test_window_is_a_duration_across_daylight_saving(
    pickup_at: datetime, judged_at: datetime, billable: bool
) -> None:
    # given: a 24-hour (1440 minutes) customer window

    # when
    decision = decide_billing(
        pickup_at=pickup_at,
        estimated_end_at=pickup_at + timedelta(hours=1),
        judged_at=judged_at,
        policy=policy(customer_window=1440),
        drivers=[],
    )

    # then
    assert decision.billable is billable
    assert decision.judged_at.tzinfo is UTC


@pytest.mark.parametrize(
    ("start", "end", "minutes"),
    [
        pytest.param(PICKUP, PICKUP + timedelta(hours=1), 60, id="one-hour"),
        pytest.param(PICKUP, PICKUP + timedelta(minutes=60, seconds=1), 61, id="rounded-up"),
        pytest.param(PICKUP, PICKUP + timedelta(minutes=59, seconds=59), 60, id="59m59s"),
        pytest.param(PICKUP, PICKUP + timedelta(microseconds=1), 1, id="one-microsecond"),
        pytest.param(PICKUP, PICKUP, 0, id="zero-length"),
        pytest.param(PICKUP, PICKUP - timedelta(minutes=5), 0, id="end-before-start"),
        pytest.param(
            datetime(2025, 3, 30, 1, 30, tzinfo=PARIS),
            datetime(2025, 3, 30, 3, 30, tzinfo=PARIS),
            60,
            id="march-dst-night",
        ),
        pytest.param(
            datetime(2025, 10, 26, 1, 30, tzinfo=PARIS),
            datetime(2025, 10, 26, 3, 30, tzinfo=PARIS),
            180,
            id="october-dst-night",
        ),
    ],
)
def test_scheduled_minutes(start: datetime, end: datetime, minutes: int) -> None:
    # given: a cancellation after the start (billable), no minimum

    # when
    decision = decide_billing(
        pickup_at=start,
        estimated_end_at=end,
        judged_at=start + timedelta(hours=5),
        policy=policy(),
        drivers=[],
    )

    # then
    assert decision.billable
    assert decision.scheduled_minutes == minutes
    assert decision.billable_minutes == minutes
    assert decision.charge == D(minutes).quantize(D("0.01"))


@pytest.mark.parametrize(
    ("agency_minimum", "customer_minimum", "billable_minutes", "charge"),
    [
        pytest.param(0, None, 0, "0.00", id="no-minimum"),
        pytest.param(30, None, 30, "30.00", id="agency-minimum"),
        pytest.param(30, 45, 45, "45.00", id="customer-minimum"),
    ],
)
def test_zero_length_mission(
    agency_minimum: int, customer_minimum: int | None, billable_minutes: int, charge: str
) -> None:
    # given: a mission whose end is its start

    # when
    decision = decide_billing(
        pickup_at=PICKUP,
        estimated_end_at=PICKUP,
        judged_at=PICKUP,
        policy=policy(agency_minimum=agency_minimum, customer_minimum=customer_minimum),
        drivers=[driver()],
    )

    # then
    assert decision.billable
    assert decision.scheduled_minutes == 0
    assert decision.billable_minutes == billable_minutes
    assert decision.charge == D(charge)


@pytest.mark.parametrize(
    ("customer_window", "driver_windows", "agency_window", "window", "source"),
    [
        pytest.param(None, [], 60, 60, PolicySource.AGENCY_DEFAULT, id="all-unset-no-driver"),
        pytest.param(None, [None, None], 60, 60, PolicySource.AGENCY_DEFAULT, id="all-unset"),
        pytest.param(120, [None], 60, 120, PolicySource.CUSTOMER, id="customer-wins"),
        pytest.param(60, [90, 180], 60, 180, PolicySource.DRIVER, id="strictest-driver-wins"),
        pytest.param(None, [None, 90], 60, 90, PolicySource.DRIVER, id="driver-over-default"),
        pytest.param(120, [120], 60, 120, PolicySource.CUSTOMER, id="tie-customer-first"),
        pytest.param(None, [60], 60, 60, PolicySource.DRIVER, id="tie-driver-set-vs-default"),
        pytest.param(60, [None], 60, 60, PolicySource.CUSTOMER, id="tie-customer-set-vs-default"),
        pytest.param(None, [30], 60, 60, PolicySource.AGENCY_DEFAULT, id="default-beats-driver"),
        pytest.param(30, [None], 60, 60, PolicySource.AGENCY_DEFAULT, id="default-via-driver"),
        pytest.param(30, [], 60, 30, PolicySource.CUSTOMER, id="customer-shorter-no-driver"),
        pytest.param(0, [0], 60, 0, PolicySource.CUSTOMER, id="zero-windows"),
    ],
)
def test_effective_window(
    customer_window: int | None,
    driver_windows: list[int | None],
    agency_window: int,
    window: int,
    source: PolicySource,
) -> None:
    # given
    drivers = [driver(i, w) for i, w in enumerate(driver_windows, start=1)]

    # when
    decision = decide_billing(
        pickup_at=PICKUP,
        estimated_end_at=END,
        judged_at=PICKUP - timedelta(days=2),
        policy=policy(agency_window=agency_window, customer_window=customer_window),
        drivers=drivers,
    )

    # then
    assert decision.effective_window_minutes == window
    assert decision.window_source is source


@pytest.mark.parametrize(
    ("minutes_before", "billable", "charge", "payouts"),
    [
        pytest.param(150, True, "60.00", ("30.00", "45.50"), id="inside-driver-window"),
        pytest.param(180, True, "60.00", ("30.00", "45.50"), id="driver-window-edge"),
        pytest.param(181, False, "0.00", ("0.00", "0.00"), id="outside-every-window"),
    ],
)
def test_several_drivers_with_different_windows(
    minutes_before: int, billable: bool, charge: str, payouts: tuple[str, str]
) -> None:
    # given: customer window 60, driver 1 window 90, driver 2 window 180
    drivers = [driver(1, 90, "30.00"), driver(2, 180, "45.50")]

    # when
    decision = decide_billing(
        pickup_at=PICKUP,
        estimated_end_at=END,
        judged_at=PICKUP - timedelta(minutes=minutes_before),
        policy=policy(customer_window=60),
        drivers=drivers,
    )

    # then
    assert decision.billable is billable
    assert (decision.effective_window_minutes, decision.window_source) == (
        180,
        PolicySource.DRIVER,
    )
    assert decision.charge == D(charge)
    assert decision.payouts == (Payout(1, D(payouts[0])), Payout(2, D(payouts[1])))


@pytest.mark.parametrize(
    ("customer_minimum", "agency_minimum", "duration", "billable_minutes"),
    [
        pytest.param(None, 0, 60, 60, id="no-minimum"),
        pytest.param(90, 0, 60, 90, id="customer-minimum-applies"),
        pytest.param(None, 120, 60, 120, id="agency-minimum-applies"),
        pytest.param(30, 120, 60, 60, id="customer-minimum-replaces-agency"),
        pytest.param(30, 120, 10, 30, id="customer-minimum-even-if-smaller"),
        pytest.param(None, 45, 50, 50, id="scheduled-above-agency-minimum"),
        pytest.param(0, 120, 10, 10, id="customer-minimum-zero"),
    ],
)
def test_minimum_billing(
    customer_minimum: int | None, agency_minimum: int, duration: int, billable_minutes: int
) -> None:
    # given: rate 60.00/h so the charge in euros equals the minutes

    # when
    decision = decide_billing(
        pickup_at=PICKUP,
        estimated_end_at=PICKUP + timedelta(minutes=duration),
        judged_at=PICKUP,
        policy=policy(customer_minimum=customer_minimum, agency_minimum=agency_minimum),
        drivers=[driver(rate="120.00")],
    )

    # then
    assert decision.billable_minutes == billable_minutes
    assert decision.charge == D(billable_minutes).quantize(D("0.01"))
    assert decision.payouts[0].amount == D(2 * billable_minutes).quantize(D("0.01"))


@pytest.mark.parametrize(
    ("rate", "minutes", "amount"),
    [
        pytest.param("33.33", 7, "3.89", id="33.33x7-is-3.8885"),
        pytest.param("10.00", 1, "0.17", id="10x1-is-0.1666"),
        pytest.param("0.30", 1, "0.01", id="half-up-0.005"),
        pytest.param("1.50", 1, "0.03", id="half-up-0.025-not-banker"),
        pytest.param("0.29", 1, "0.00", id="0.00483-down"),
        pytest.param("99.99", 45, "74.99", id="74.9925"),
        pytest.param("12.34", 90, "18.51", id="18.51-exact"),
        pytest.param("60.00", 61, "61.00", id="61-minutes"),
        pytest.param("0.00", 60, "0.00", id="zero-rate"),
    ],
)
def test_rounding_to_the_cent(rate: str, minutes: int, amount: str) -> None:
    # given: customer and driver on the same rate, a mission of `minutes`

    # when
    decision = decide_billing(
        pickup_at=PICKUP,
        estimated_end_at=PICKUP + timedelta(minutes=minutes),
        judged_at=PICKUP,
        policy=policy(rate=rate),
        drivers=[driver(rate=rate)],
    )

    # then
    assert decision.charge == D(amount)
    assert decision.payouts[0].amount == D(amount)
    assert decision.charge.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("judged_at", "total"),
    [
        pytest.param(PICKUP, "11.67", id="billable"),
        pytest.param(PICKUP - timedelta(days=1), "0.00", id="not-billable"),
    ],
)
def test_money_totals_to_the_cent(judged_at: datetime, total: str) -> None:
    # given: three drivers at 33.33/h on a 7-minute mission
    drivers = [driver(i, rate="33.33") for i in (1, 2, 3)]

    # when
    decision = decide_billing(
        pickup_at=PICKUP,
        estimated_end_at=PICKUP + timedelta(minutes=7),
        judged_at=judged_at,
        policy=policy(rate="33.33"),
        drivers=drivers,
    )

    # then: every amount has exactly two places and the total adds up to the cent
    amounts = [decision.charge, *(payout.amount for payout in decision.payouts)]
    assert all(amount.as_tuple().exponent == -2 for amount in amounts)
    assert [payout.driver_id for payout in decision.payouts] == [1, 2, 3]
    assert decision.payout_total == D(total)
    assert str(decision.payout_total) == total


def test_decision_round_trips_through_json() -> None:
    # given
    decision = decide_billing(
        pickup_at=PICKUP,
        estimated_end_at=PICKUP + timedelta(minutes=7),
        judged_at=datetime(2025, 6, 10, 11, 0, tzinfo=PARIS),
        policy=policy(rate="33.33"),
        drivers=[driver(4, 200, "12.50")],
    )

    # when
    text = json.dumps(decision.to_dict())
    restored = BillingDecision.from_dict(json.loads(text))

    # then
    assert restored == decision
    assert decision.to_dict() == {
        "billable": True,
        "effectiveWindowMinutes": 200,
        "windowSource": "DRIVER",
        "scheduledMinutes": 7,
        "billableMinutes": 7,
        "charge": "3.89",
        "payouts": [{"driverId": 4, "amount": "1.46"}],
        "currency": "EUR",
        "judgedAt": "2025-06-10T09:00:00+00:00",
    }


@pytest.mark.parametrize(
    "build",
    [
        lambda: PolicySnapshot(60, 0, None, None, 60.0, "EUR"),  # type: ignore[arg-type]
        lambda: DriverTerms(1, None, 30.0),  # type: ignore[arg-type]
    ],
)
def test_float_money_is_refused(build) -> None:  # type: ignore[no-untyped-def]
    # given: a rate given as a float

    # when / then
    with pytest.raises(TypeError):
        build()


def test_naive_times_are_refused() -> None:
    # given
    naive = datetime(2025, 6, 10, 10, 0)

    # when / then
    with pytest.raises(ValueError):
        decide_billing(
            pickup_at=naive,
            estimated_end_at=END,
            judged_at=PICKUP,
            policy=policy(),
            drivers=[],
        )


NOW = datetime(2025, 6, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("requested_at", "expected"),
    [
        pytest.param(None, NOW, id="unset-is-now"),
        pytest.param(NOW, NOW, id="now"),
        pytest.param(NOW - timedelta(hours=3), NOW - timedelta(hours=3), id="earlier-today"),
        pytest.param(NOW - timedelta(days=7), NOW - timedelta(days=7), id="exactly-7-days"),
        pytest.param(
            datetime(2025, 6, 10, 13, 0, tzinfo=PARIS),
            datetime(2025, 6, 10, 11, 0, tzinfo=UTC),
            id="other-zone-to-utc",
        ),
        pytest.param(NOW + timedelta(seconds=1), ErrorCode.INVALID, id="future"),
        pytest.param(NOW - timedelta(days=7, seconds=1), ErrorCode.INVALID, id="more-than-7-days"),
        pytest.param(datetime(2025, 6, 10, 11, 0), ErrorCode.INVALID, id="naive"),
    ],
)
def test_validate_requested_at(
    requested_at: datetime | None, expected: datetime | ErrorCode
) -> None:
    # given: now is NOW

    # when
    if isinstance(expected, ErrorCode):
        with pytest.raises(DomainError) as raised:
            validate_requested_at(requested_at, NOW)
        error = raised.value.errors[0]

        # then
        assert error.code is expected
        assert error.field == ("input", "requestedAt")
    else:
        result = validate_requested_at(requested_at, NOW)

        # then
        assert result == expected
        assert result.tzinfo is UTC
