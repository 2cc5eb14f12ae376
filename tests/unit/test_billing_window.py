"""Billable or not: the cancellation window's edges, as a duration across daylight saving,
the stricter of the agency's and customer's windows, and each driver's own window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from models.domain.billing import (
    Payout,
    PolicySource,
    decide_billing,
)
from tests.unit.billing_terms import END, PARIS, PICKUP, D, driver, policy


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
