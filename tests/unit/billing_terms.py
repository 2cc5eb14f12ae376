"""The billing tests' terms: a one-hour mission on 10 June 2025, the policies in force at
booking and a driver's terms, with the defaults the cases vary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from models.domain.billing import (
    DriverTerms,
    PolicySnapshot,
)

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
