"""How much: scheduled minutes, a zero-length mission, the minimum billed, rounding to the
cent and totals that add up to the cent."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from models.domain.billing import (
    decide_billing,
)
from tests.unit.billing_terms import PARIS, PICKUP, D, driver, policy


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
