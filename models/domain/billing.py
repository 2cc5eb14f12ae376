"""The cancellation billing decision (SPEC §3): is a cancellation billable, and for how much.

Pure: the terms come from snapshots taken at booking (customer and agency, and the
policy version in force: issue 15) and at assignment (each driver), and the moment
judged is passed in. Every decision goes through the tiers of
:mod:`models.domain.tiers`: a mission booked under no policy version gets the old
single window as one 100% tier.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from models.domain.decision import BillingDecision, Payout, PolicySource
from models.domain.explanation import explain
from models.domain.policies import CancellationTerms
from models.domain.requested_at import MAX_REQUESTED_AT_AGE, validate_requested_at
from models.domain.tiers import Notice, Tier, applicable_tier, one_tier
from models.domain.working_calendar import business_time, whole_minutes

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
_MINUTE = timedelta(minutes=1)

__all__ = [
    "MAX_REQUESTED_AT_AGE",
    "BillingDecision",
    "Payout",
    "PolicySource",
    "validate_requested_at",
]


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
    terms: CancellationTerms | None = None,
    vehicle_class: str | None = None,
) -> BillingDecision:
    """Decide whether a cancellation judged at ``judged_at`` is billable, and the amounts.

    The notice is ``pickup_at - judged_at`` (none once started), in calendar time and,
    under a policy with a calendar, in business time. The first tier that covers it
    applies: the charge is its share of the full charge (rate per hour x billable
    minutes / 60, half-up to the cent; billable minutes = max(scheduled minutes, the
    customer's else the agency's minimum)), and billable unless that share is nothing.
    Drivers are paid by the policy's payout tiers, else the applied tier's percentage
    of their full pay. The customer tiers are those of the policy's first schedule that
    covers the mission (its ``vehicle_class``, its scheduled minutes), else its own. Without ``terms`` (booked under no policy version) the one tier
    is the effective window (the stricter of customer, drivers and agency) at 100%,
    which is SPEC §3's rule: billable when ``judged_at >= pickup_at - window``.
    Windows are durations: a daylight-saving change does not move them.
    """
    for name, value in (
        ("pickup_at", pickup_at),
        ("estimated_end_at", estimated_end_at),
        ("judged_at", judged_at),
    ):
        _require_aware(name, value)
    # Notice is a duration: compute in UTC, never on a local wall clock.
    pickup_at, judged_at = pickup_at.astimezone(UTC), judged_at.astimezone(UTC)
    window, source = effective_window(policy, drivers)
    scheduled = scheduled_minutes(pickup_at, estimated_end_at)
    schedule: int | None = None
    tiers: tuple[Tier, ...] = one_tier(window)
    if terms is not None:
        schedule, tiers = terms.tiers_for(vehicle_class, scheduled)
    calendar = None if terms is None else terms.calendar
    given = max(pickup_at - judged_at, timedelta(0))
    notice = Notice(
        given, None if calendar is None else business_time(calendar, judged_at, pickup_at)
    )
    index = applicable_tier(tiers, notice)
    tier = None if index is None else tiers[index]
    billable = tier is not None and not tier.bills_nothing
    if terms is not None:
        # Under a policy the tiers decide; the window reported is the tier's notice.
        window = (tier or tiers[-1]).notice_minutes
        source = PolicySource.AGENCY_DEFAULT
    minutes = billable_minutes(policy, pickup_at, estimated_end_at)
    full = amount_for(policy.customer_rate_per_hour, minutes)
    charge = tier.amount(full) if billable and tier is not None else ZERO
    payouts = tuple(
        Payout(driver.driver_id, _payout(terms, tier, notice, driver, minutes))
        for driver in drivers
    )
    decision = BillingDecision(
        billable=billable,
        effective_window_minutes=window,
        window_source=source,
        scheduled_minutes=scheduled,
        billable_minutes=minutes if billable else 0,
        charge=charge,
        payouts=payouts,
        currency=policy.currency,
        judged_at=judged_at,
        tier=None if index is None else index + 1,
        schedule=schedule,
        notice_minutes=whole_minutes(notice.calendar),
        business_notice_minutes=None if notice.business is None else whole_minutes(notice.business),
        policy_id=None if terms is None else terms.policy_id,
        policy_version=None if terms is None else terms.version,
    )
    return replace(
        decision,
        explanation=explain(decision, tier, full, terms, source, started=given == timedelta(0)),
    )


def _payout(
    terms: CancellationTerms | None,
    tier: Tier | None,
    notice: Notice,
    driver: DriverTerms,
    minutes: int,
) -> Decimal:
    full = amount_for(driver.pay_rate_per_hour, minutes)
    if terms is not None and terms.payout_tiers is not None:
        index = applicable_tier(terms.payout_tiers, notice)
        return ZERO if index is None else terms.payout_tiers[index].amount(full)
    if tier is None:
        return ZERO
    return money(full * tier.percent / 100)


def with_measured_notice(
    decision: BillingDecision, notice_minutes: int | None, business_notice_minutes: int | None
) -> BillingDecision:
    """A stored decision of the old single window, with the notice its cancellation kept.

    The old shape does not carry the notice (SPEC §3's stored form is unchanged); the
    cancellation row does, and the sentence is then the one the decision was made with.
    """
    if decision.policy_id is not None or notice_minutes is None:
        return decision
    measured = replace(
        decision,
        notice_minutes=notice_minutes,
        business_notice_minutes=business_notice_minutes,
    )
    sentence = explain(
        measured, None, ZERO, None, decision.window_source, started=notice_minutes == 0
    )
    return replace(measured, explanation=sentence)


def decide_reschedule(
    *,
    pickup_at: datetime,
    estimated_end_at: datetime,
    new_pickup_at: datetime,
    judged_at: datetime,
    policy: PolicySnapshot,
    drivers: Sequence[DriverTerms],
    terms: CancellationTerms | None,
    vehicle_class: str | None = None,
) -> BillingDecision | None:
    """What moving a mission's start bills: the decision a cancellation of the original
    time judged at ``judged_at`` would get, when its policy version bills late changes.

    None when the start does not move or the mission's policy does not bill changes
    (the old single window never did). The sentence says "Rescheduled".
    """
    _require_aware("new_pickup_at", new_pickup_at)
    if terms is None or not terms.late_reschedules_billed:
        return None
    if new_pickup_at.astimezone(UTC) == pickup_at.astimezone(UTC):
        return None
    decision = decide_billing(
        pickup_at=pickup_at,
        estimated_end_at=estimated_end_at,
        judged_at=judged_at,
        policy=policy,
        drivers=drivers,
        terms=terms,
        vehicle_class=vehicle_class,
    )
    sentence = "Rescheduled" + decision.explanation.removeprefix("Cancelled")
    return replace(decision, explanation=sentence)
