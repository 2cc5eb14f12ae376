"""What a completed mission bills (SPEC §3 minutes and money, §9 invoices), without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from models.domain.billing import PolicySnapshot, billable_minutes, completed_mission_charge

START = datetime(2026, 6, 1, 20, 0, tzinfo=UTC)


def _policy(rate: str, agency_minimum: int, customer_minimum: int | None) -> PolicySnapshot:
    return PolicySnapshot(
        agency_window_minutes=1440,
        agency_minimum_billing_minutes=agency_minimum,
        customer_window_minutes=None,
        customer_minimum_billing_minutes=customer_minimum,
        customer_rate_per_hour=Decimal(rate),
        currency="EUR",
    )


# Expected amounts worked out by hand: rate x minutes / 60, half-up to the cent.
@pytest.mark.parametrize(
    ("rate", "length", "agency_min", "customer_min", "minutes", "charge"),
    [
        ("60.00", timedelta(minutes=90), 60, None, 90, "90.00"),
        ("60.00", timedelta(minutes=30), 60, None, 60, "60.00"),
        ("60.00", timedelta(minutes=30), 60, 120, 120, "120.00"),
        ("60.00", timedelta(minutes=30), 60, 0, 30, "30.00"),
        ("60.00", timedelta(minutes=20, seconds=1), 0, None, 21, "21.00"),
        ("10.00", timedelta(minutes=7), 0, None, 7, "1.17"),
        ("10.00", timedelta(minutes=3), 0, None, 3, "0.50"),
        ("33.33", timedelta(hours=1), 0, None, 60, "33.33"),
        ("0.00", timedelta(hours=2), 60, None, 120, "0.00"),
        ("60.00", timedelta(0), 45, None, 45, "45.00"),
    ],
    ids=[
        "longer-than-minimum",
        "agency-minimum",
        "customer-minimum-wins",
        "customer-minimum-of-zero-is-its-own",
        "started-minute-counts",
        "rounded-up-to-the-cent",
        "half-cent-rounds-up",
        "odd-rate",
        "free-customer",
        "zero-length-bills-the-minimum",
    ],
)
def test_completed_mission_charge(
    rate: str,
    length: timedelta,
    agency_min: int,
    customer_min: int | None,
    minutes: int,
    charge: str,
) -> None:
    # given a mission booked under these terms
    policy = _policy(rate, agency_min, customer_min)

    # when it is billed as completed
    billed = completed_mission_charge(policy, START, START + length)

    # then it bills max(scheduled, minimum) minutes at the booked rate, as an exact Decimal
    assert billable_minutes(policy, START, START + length) == minutes
    assert billed == Decimal(charge)
    assert billed.as_tuple().exponent == -2
