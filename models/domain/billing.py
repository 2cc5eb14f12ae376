"""The cancellation billing decision (SPEC §3): is a cancellation billable, and for how much.

Pure: the terms come from snapshots taken at booking (customer and agency) and at
assignment (each driver), and the moment judged is passed in.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from models.domain.errors import DomainError, ErrorCode

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
MAX_REQUESTED_AT_AGE = timedelta(days=7)
_MINUTE = timedelta(minutes=1)


class PolicySource(enum.StrEnum):
    """Whose cancellation window won the decision."""

    CUSTOMER = "CUSTOMER"
    DRIVER = "DRIVER"
    AGENCY_DEFAULT = "AGENCY_DEFAULT"


def money(amount: Decimal) -> Decimal:
    """Round an amount half-up to the cent (the currency's minor unit, 2 places)."""
    if not isinstance(amount, Decimal):
        raise TypeError(f"money must be a Decimal, not {type(amount).__name__}")
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _require_decimal(name: str, value: object) -> None:
    if not isinstance(value, Decimal):
        raise TypeError(f"{name} must be a Decimal, not {type(value).__name__}")


def _require_aware(name: str, value: datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime")


@dataclass(frozen=True)
class PolicySnapshot:
    """The customer's and the agency's terms as they were when the mission was booked.

    ``customer_window_minutes`` / ``customer_minimum_billing_minutes`` are None when
    the customer had none of its own (the agency default applies).
    """

    agency_window_minutes: int
    agency_minimum_billing_minutes: int
    customer_window_minutes: int | None
    customer_minimum_billing_minutes: int | None
    customer_rate_per_hour: Decimal
    currency: str

    def __post_init__(self) -> None:
        _require_decimal("customer_rate_per_hour", self.customer_rate_per_hour)


@dataclass(frozen=True)
class DriverTerms:
    """A driver's terms as they were when the driver was assigned (window None: agency's)."""

    driver_id: int
    window_minutes: int | None
    pay_rate_per_hour: Decimal

    def __post_init__(self) -> None:
        _require_decimal("pay_rate_per_hour", self.pay_rate_per_hour)


@dataclass(frozen=True)
class Payout:
    """What one assigned driver is paid for a billable cancellation."""

    driver_id: int
    amount: Decimal


@dataclass(frozen=True)
class BillingDecision:
    """The outcome of :func:`decide_billing`, stored with the cancellation and its events.

    When not billable, ``billable_minutes`` is 0, ``charge`` is 0.00 and every
    assigned driver is still listed in ``payouts`` with 0.00; the window, its source
    and the scheduled minutes are recorded either way.
    """

    billable: bool
    effective_window_minutes: int
    window_source: PolicySource
    scheduled_minutes: int
    billable_minutes: int
    charge: Decimal
    payouts: tuple[Payout, ...]
    currency: str
    judged_at: datetime

    @property
    def payout_total(self) -> Decimal:
        """Sum of the payouts (each already rounded to the cent)."""
        return sum((payout.amount for payout in self.payouts), ZERO)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form (camelCase keys, Decimals as strings, ``judgedAt`` ISO-8601)."""
        return {
            "billable": self.billable,
            "effectiveWindowMinutes": self.effective_window_minutes,
            "windowSource": self.window_source.value,
            "scheduledMinutes": self.scheduled_minutes,
            "billableMinutes": self.billable_minutes,
            "charge": str(self.charge),
            "payouts": [
                {"driverId": payout.driver_id, "amount": str(payout.amount)}
                for payout in self.payouts
            ],
            "currency": self.currency,
            "judgedAt": self.judged_at.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BillingDecision:
        """Rebuild a decision from :meth:`to_dict`'s output."""
        return cls(
            billable=bool(data["billable"]),
            effective_window_minutes=int(data["effectiveWindowMinutes"]),
            window_source=PolicySource(data["windowSource"]),
            scheduled_minutes=int(data["scheduledMinutes"]),
            billable_minutes=int(data["billableMinutes"]),
            charge=Decimal(data["charge"]),
            payouts=tuple(
                Payout(int(payout["driverId"]), Decimal(payout["amount"]))
                for payout in data["payouts"]
            ),
            currency=str(data["currency"]),
            judged_at=datetime.fromisoformat(data["judgedAt"]),
        )


# Among equal windows the party that actually set its own wins, customer first.
_TIE_RANK = {PolicySource.CUSTOMER: 2, PolicySource.DRIVER: 1, PolicySource.AGENCY_DEFAULT: 0}


def effective_window(
    policy: PolicySnapshot, drivers: Sequence[DriverTerms]
) -> tuple[int, PolicySource]:
    """The largest window of the customer and every driver (each falling back to the agency's).

    Returns its length and whose it is; a window that came from the agency default
    is reported as ``AGENCY_DEFAULT``. On a tie, a party that set its own value wins,
    the customer before a driver.
    """
    default = policy.agency_window_minutes
    candidates: list[tuple[int, PolicySource]] = [
        (default, PolicySource.AGENCY_DEFAULT)
        if policy.customer_window_minutes is None
        else (policy.customer_window_minutes, PolicySource.CUSTOMER)
    ]
    for driver in drivers:
        candidates.append(
            (default, PolicySource.AGENCY_DEFAULT)
            if driver.window_minutes is None
            else (driver.window_minutes, PolicySource.DRIVER)
        )
    return max(candidates, key=lambda candidate: (candidate[0], _TIE_RANK[candidate[1]]))


def scheduled_minutes(pickup_at: datetime, estimated_end_at: datetime) -> int:
    """Length of the mission in whole minutes, rounded up; 0 when the end is not after the start."""
    # In UTC: subtracting two datetimes of the same zone would give wall-clock time.
    duration = estimated_end_at.astimezone(UTC) - pickup_at.astimezone(UTC)
    if duration <= timedelta(0):
        return 0
    # timedelta // timedelta is exact integer arithmetic: no float.
    whole, rest = divmod(duration, _MINUTE)
    return whole + (1 if rest else 0)


def amount_for(rate_per_hour: Decimal, minutes: int) -> Decimal:
    """``rate_per_hour x minutes / 60``, rounded half-up to the cent."""
    _require_decimal("rate_per_hour", rate_per_hour)
    return money(rate_per_hour * minutes / 60)


def billable_minutes(
    policy: PolicySnapshot, pickup_at: datetime, estimated_end_at: datetime
) -> int:
    """Minutes billed for a mission: max(scheduled minutes, minimum billing minutes).

    The minimum is the customer's as booked, else the agency's (a customer minimum of 0
    is the customer's own and wins over the agency's).
    """
    minimum = policy.customer_minimum_billing_minutes
    if minimum is None:
        minimum = policy.agency_minimum_billing_minutes
    return max(scheduled_minutes(pickup_at, estimated_end_at), minimum)


def completed_mission_charge(
    policy: PolicySnapshot, pickup_at: datetime, estimated_end_at: datetime
) -> Decimal:
    """What a completed mission bills: the booked rate for its billable minutes, to the cent."""
    return amount_for(
        policy.customer_rate_per_hour, billable_minutes(policy, pickup_at, estimated_end_at)
    )


def decide_billing(
    *,
    pickup_at: datetime,
    estimated_end_at: datetime,
    judged_at: datetime,
    policy: PolicySnapshot,
    drivers: Sequence[DriverTerms],
) -> BillingDecision:
    """Decide whether a cancellation judged at ``judged_at`` is billable, and the amounts.

    Billable when ``judged_at >= pickup_at - effective window`` (so any time after
    the start too). Billable minutes = max(scheduled minutes, minimum billing
    minutes), the minimum being the customer's else the agency's. Charge and each
    driver's payout = rate per hour x billable minutes / 60, half-up to the cent.
    Windows are durations: a daylight-saving change does not move them.
    """
    for name, value in (
        ("pickup_at", pickup_at),
        ("estimated_end_at", estimated_end_at),
        ("judged_at", judged_at),
    ):
        _require_aware(name, value)
    # Windows are durations: compute in UTC, never on a local wall clock.
    pickup_at, judged_at = pickup_at.astimezone(UTC), judged_at.astimezone(UTC)
    window, source = effective_window(policy, drivers)
    scheduled = scheduled_minutes(pickup_at, estimated_end_at)
    billable = judged_at >= pickup_at - timedelta(minutes=window)
    if billable:
        minutes = billable_minutes(policy, pickup_at, estimated_end_at)
        charge = amount_for(policy.customer_rate_per_hour, minutes)
        payouts = tuple(
            Payout(driver.driver_id, amount_for(driver.pay_rate_per_hour, minutes))
            for driver in drivers
        )
    else:
        minutes = 0
        charge = ZERO
        payouts = tuple(Payout(driver.driver_id, ZERO) for driver in drivers)
    return BillingDecision(
        billable=billable,
        effective_window_minutes=window,
        window_source=source,
        scheduled_minutes=scheduled,
        billable_minutes=minutes,
        charge=charge,
        payouts=payouts,
        currency=policy.currency,
        judged_at=judged_at,
    )


def validate_requested_at(requested_at: datetime | None, now: datetime) -> datetime:
    """The moment to judge a cancellation at: when the customer asked, else ``now``.

    ``requested_at`` must be timezone-aware, not after ``now`` and at most 7 days
    before it (exactly 7 days is accepted); otherwise ``INVALID`` on
    ``("input", "requestedAt")``. Returned in UTC.
    """
    _require_aware("now", now)
    now = now.astimezone(UTC)
    if requested_at is None:
        return now
    field = ("input", "requestedAt")
    if requested_at.tzinfo is None or requested_at.utcoffset() is None:
        raise DomainError(
            ErrorCode.INVALID, "The request time must include a time zone.", field=field
        )
    try:
        requested_at = requested_at.astimezone(UTC)
    except OverflowError:
        raise DomainError(
            ErrorCode.INVALID, "The request time is out of range.", field=field
        ) from None
    if requested_at > now:
        raise DomainError(
            ErrorCode.INVALID, "The request time cannot be in the future.", field=field
        )
    if requested_at < now - MAX_REQUESTED_AT_AGE:
        raise DomainError(
            ErrorCode.INVALID,
            "The request time cannot be more than 7 days ago.",
            field=field,
        )
    return requested_at
