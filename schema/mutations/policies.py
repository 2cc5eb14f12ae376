"""Cancellation policy mutations (ADMIN): save a version, give a customer its policy."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as PyDecimal
from typing import Annotated

import strawberry

from models.domain.errors import DomainError, ErrorCode
from models.domain.policies import MAX_SCHEDULES, TierSchedule
from models.domain.tiers import NoticeUnit, Tier
from models.domain.working_calendar import WorkingCalendar as CalendarTerms
from resolvers import policies as rp
from schema import permissions as p
from schema.context import Info
from schema.envelope import Payload, mutation, payload
from schema.ids import decode_id
from schema.scalars import Decimal
from schema.types.people import Customer
from schema.types.policies import CancellationPolicy

MAX_HOLIDAYS = 1000
ZERO = PyDecimal("0.00")


@strawberry.input(description="One tier: for notice up to its length, what is paid.")
class PolicyTierInput:
    notice_minutes: int = strawberry.field(
        description="The notice covered, up to and including it, in minutes (0 to 366 days)."
    )
    percent: Decimal = strawberry.field(description="The share of the full charge, 0 to 100.")
    unit: NoticeUnit = strawberry.field(
        default=NoticeUnit.CALENDAR, description="How the notice is counted."
    )
    flat_fee: Decimal | None = strawberry.field(
        default=None, description="A fee added to the share; null: none."
    )
    minimum: Decimal | None = strawberry.field(
        default=None, description="The least this tier bills; null: none."
    )


@strawberry.input(
    description="Other customer tiers for some missions: a vehicle class, a least length, or "
    "both (at least one)."
)
class PolicyScheduleInput:
    tiers: list[PolicyTierInput] = strawberry.field(
        description="Their tiers, nearest to the start first (1 to 10)."
    )
    vehicle_class: str | None = strawberry.field(
        default=None, description='The missions of this vehicle class, e.g. "SUV"; null: any.'
    )
    min_length_minutes: int = strawberry.field(
        default=0,
        description="The missions scheduled for at least this long, in minutes; 0: any length.",
    )


@strawberry.input(description="When the agency works (the defaults: Monday-Friday 09:00-17:00).")
class WorkingCalendarInput:
    time_zone: str = strawberry.field(description="IANA time zone, e.g. Europe/Paris.")
    weekdays: list[int] | None = strawberry.field(
        default=None, description="Working weekdays, 1 Monday … 7 Sunday; null: 1 to 5."
    )
    opens_at: int = strawberry.field(
        default=9 * 60, description="Opening time, minutes past local midnight."
    )
    closes_at: int = strawberry.field(
        default=17 * 60, description="Closing time, minutes past local midnight (1440: midnight)."
    )
    holidays: list[date] | None = strawberry.field(
        default=None, description="Local dates nobody works."
    )


@strawberry.input(description="A cancellation policy to save as a new version.")
class CancellationPolicyInput:
    policy_id: strawberry.ID | None = strawberry.field(
        default=None, description="The policy to save a new version of; null: a new policy."
    )
    name: str = strawberry.field(description="Unique in the agency.")
    tiers: list[PolicyTierInput] = strawberry.field(
        description="The customer's tiers, nearest to the start first (1 to 10)."
    )
    schedules: list[PolicyScheduleInput] | None = strawberry.field(
        default=None,
        description="Other customer tiers for some missions, the first that covers a "
        "mission applying (at most 10); null: none.",
    )
    payout_tiers: list[PolicyTierInput] | None = strawberry.field(
        default=None,
        description="The drivers' own schedule; null: the customer tier's percentage of pay.",
    )
    calendar: WorkingCalendarInput | None = strawberry.field(
        default=None, description="The working calendar for business-time tiers."
    )
    no_show_grace_minutes: int = strawberry.field(
        default=0, description="How long a driver waits after pickup or arrival (0 to 1440)."
    )
    is_default: bool = strawberry.field(
        default=False, description="Whether new bookings get it when their customer has none."
    )
    rebooked_credit_percent: Decimal | None = strawberry.field(
        default=None,
        description="The share of a cancellation's charge credited when the driver's freed "
        "slot is filled by another mission (0 to 100); null: none.",
    )
    late_reschedules_billed: bool = strawberry.field(
        default=False,
        description="Whether moving a mission's start is billed as a cancellation of the "
        "original time (the same tiers apply to changes).",
    )


@payload("The result of saving a cancellation policy.")
class CancellationPolicyPayload(Payload):
    policy: CancellationPolicy | None = strawberry.field(
        default=None, description="The policy in its new version; null when refused."
    )


@payload("The result of giving a customer its cancellation policy.")
class CustomerPolicyPayload(Payload):
    customer: Customer | None = strawberry.field(
        default=None, description="The customer; null when refused."
    )


def _tier(data: PolicyTierInput) -> Tier:
    return Tier(
        notice_minutes=data.notice_minutes,
        unit=data.unit,
        percent=data.percent,
        flat_fee=ZERO if data.flat_fee is None else data.flat_fee,
        minimum=ZERO if data.minimum is None else data.minimum,
    )


def _calendar(data: WorkingCalendarInput) -> CalendarTerms:
    holidays = data.holidays or []
    if len(holidays) > MAX_HOLIDAYS or any(not 2000 <= d.year <= 2200 for d in holidays):
        raise DomainError(
            ErrorCode.INVALID,
            f"At most {MAX_HOLIDAYS} holidays, between the years 2000 and 2200.",
            field=("input", "calendar", "holidays"),
        )
    weekdays = [1, 2, 3, 4, 5] if data.weekdays is None else data.weekdays
    return CalendarTerms(
        time_zone=data.time_zone.strip(),
        weekdays=frozenset(day - 1 for day in weekdays),
        opens=data.opens_at,
        closes=data.closes_at,
        holidays=frozenset(holidays),
    )


def _schedule(data: PolicyScheduleInput) -> TierSchedule:
    name = None if data.vehicle_class is None else data.vehicle_class.strip()
    return TierSchedule(
        tiers=tuple(_tier(t) for t in data.tiers[: rp.MAX_INPUT_TIERS]),
        vehicle_class=name,
        min_length_minutes=data.min_length_minutes,
    )


def details(data: CancellationPolicyInput) -> rp.PolicyDetails:
    """The input as the use case takes it (the domain checks it)."""
    return rp.PolicyDetails(
        name=data.name,
        tiers=tuple(_tier(t) for t in data.tiers[: rp.MAX_INPUT_TIERS]),
        payout_tiers=None
        if data.payout_tiers is None
        else tuple(_tier(t) for t in data.payout_tiers[: rp.MAX_INPUT_TIERS]),
        calendar=None if data.calendar is None else _calendar(data.calendar),
        schedules=tuple(_schedule(s) for s in (data.schedules or ())[: MAX_SCHEDULES + 1]),
        no_show_grace_minutes=data.no_show_grace_minutes,
        is_default=data.is_default,
        late_reschedules_billed=data.late_reschedules_billed,
        rebooked_credit_percent=ZERO
        if data.rebooked_credit_percent is None
        else data.rebooked_credit_percent,
    )


@strawberry.type
class PolicyMutation:
    @mutation(
        description="Save a cancellation policy as a new version (a new policy without "
        "policyId); missions already booked keep the version they were booked under.",
        permission_classes=[p.ADMIN],
    )
    async def save_cancellation_policy(
        self,
        info: Info,
        input: Annotated[
            CancellationPolicyInput, strawberry.argument(description="The policy's terms.")
        ],
    ) -> CancellationPolicyPayload:
        pk = (
            None
            if input.policy_id is None
            else decode_id(input.policy_id, "CancellationPolicy", ("input", "policyId"))
        )
        saved = await rp.save_policy(info.context.scope, info.context.clock, pk, details(input))
        return CancellationPolicyPayload(policy=CancellationPolicy.of(saved.policy, saved.terms))

    @mutation(
        description="Give a customer its own cancellation policy for its new bookings "
        "(null: the agency's default).",
        permission_classes=[p.ADMIN],
    )
    async def set_customer_cancellation_policy(
        self,
        info: Info,
        customer_id: Annotated[strawberry.ID, strawberry.argument(description="The customer.")],
        policy_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="The policy; null: none.")
        ] = None,
    ) -> CustomerPolicyPayload:
        customer_pk = decode_id(customer_id, "Customer", ("customerId",))
        policy_pk = (
            None if policy_id is None else decode_id(policy_id, "CancellationPolicy", ("policyId",))
        )
        row = await rp.set_customer_policy(
            info.context.scope, info.context.clock, customer_pk, policy_pk
        )
        return CustomerPolicyPayload(customer=Customer.of(row))
