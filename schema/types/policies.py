"""Cancellation policies as ADMIN saves them: tiers, payout tiers, working calendar, grace."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from models.domain.policies import CancellationTerms, TierSchedule
from models.domain.tiers import NoticeUnit
from models.domain.tiers import Tier as TierTerms
from models.domain.working_calendar import WorkingCalendar as CalendarTerms
from models.policies import CancellationPolicy as PolicyRow
from schema.ids import to_global_id
from schema.scalars import Decimal


@strawberry.type(description="One tier of a policy: for notice up to its length, what is paid.")
class PolicyTier:
    notice_minutes: int = strawberry.field(
        description="The notice this tier covers, up to and including it, in minutes."
    )
    unit: NoticeUnit = strawberry.field(description="How the notice is counted.")
    percent: Decimal = strawberry.field(description="The share of the full charge (0 to 100).")
    flat_fee: Decimal = strawberry.field(description="A fee added to the share.")
    minimum: Decimal = strawberry.field(description="The least this tier bills.")

    @classmethod
    def of(cls, tier: TierTerms) -> PolicyTier:
        return cls(
            notice_minutes=tier.notice_minutes,
            unit=tier.unit,
            percent=tier.percent,
            flat_fee=tier.flat_fee,
            minimum=tier.minimum,
        )


@strawberry.type(
    description="Other customer tiers for some missions: a vehicle class, a least length, or both."
)
class PolicySchedule:
    vehicle_class: str | None = strawberry.field(
        description="The missions of this vehicle class (any case); null: any class."
    )
    min_length_minutes: int = strawberry.field(
        description="The missions scheduled for at least this long, in minutes; 0: any length."
    )
    tiers: list[PolicyTier] = strawberry.field(
        description="Their tiers, nearest to the start first."
    )

    @classmethod
    def of(cls, schedule: TierSchedule) -> PolicySchedule:
        return cls(
            vehicle_class=schedule.vehicle_class,
            min_length_minutes=schedule.min_length_minutes,
            tiers=[PolicyTier.of(t) for t in schedule.tiers],
        )


@strawberry.type(description="When the agency works, for notice counted in business time.")
class WorkingCalendar:
    time_zone: str = strawberry.field(description="IANA time zone of the working hours.")
    weekdays: list[int] = strawberry.field(description="Working weekdays, 1 Monday … 7 Sunday.")
    opens_at: int = strawberry.field(description="Opening time, minutes past local midnight.")
    closes_at: int = strawberry.field(
        description="Closing time, minutes past local midnight (1440: midnight)."
    )
    holidays: list[date] = strawberry.field(description="Local dates nobody works.")

    @classmethod
    def of(cls, calendar: CalendarTerms) -> WorkingCalendar:
        return cls(
            time_zone=calendar.time_zone,
            weekdays=sorted(day + 1 for day in calendar.weekdays),
            opens_at=calendar.opens,
            closes_at=calendar.closes,
            holidays=sorted(calendar.holidays),
        )


@strawberry.type(
    description="A cancellation policy in its current version; bookings keep the version "
    "in force when they were made."
)
class CancellationPolicy:
    id: strawberry.ID = strawberry.field(description="Global id.")
    name: str = strawberry.field(description="Unique in the agency.")
    version: int = strawberry.field(description="The current version, from 1.")
    is_default: bool = strawberry.field(
        description="Whether new bookings of customers without their own policy get it."
    )
    tiers: list[PolicyTier] = strawberry.field(
        description="The customer's tiers, nearest to the start first; the first that covers "
        "the notice applies, none: free."
    )
    schedules: list[PolicySchedule] = strawberry.field(
        description="Other customer tiers for some missions; the first schedule that covers "
        "a mission prices it, else tiers do."
    )
    payout_tiers: list[PolicyTier] | None = strawberry.field(
        description="The drivers' own schedule; null: the customer tier's percentage of their pay."
    )
    calendar: WorkingCalendar | None = strawberry.field(
        description="The working calendar business-time tiers count in."
    )
    no_show_grace_minutes: int = strawberry.field(
        description="How long a driver waits after pickup or arrival before a no-show."
    )
    late_reschedules_billed: bool = strawberry.field(
        description="Whether moving a mission's start is billed as a cancellation of the "
        "original time."
    )
    rebooked_credit_percent: Decimal = strawberry.field(
        description="The share of a cancellation's charge credited when the driver's freed "
        "slot is filled by another mission."
    )
    updated_at: datetime = strawberry.field(description="When the current version was saved.")

    @classmethod
    def of(cls, row: PolicyRow, terms: CancellationTerms) -> CancellationPolicy:
        return cls(
            id=strawberry.ID(to_global_id("CancellationPolicy", row.id)),
            name=row.name,
            version=row.version,
            is_default=row.is_default,
            tiers=[PolicyTier.of(t) for t in terms.customer_tiers],
            schedules=[PolicySchedule.of(s) for s in terms.schedules],
            payout_tiers=None
            if terms.payout_tiers is None
            else [PolicyTier.of(t) for t in terms.payout_tiers],
            calendar=None if terms.calendar is None else WorkingCalendar.of(terms.calendar),
            no_show_grace_minutes=terms.no_show_grace_minutes,
            late_reschedules_billed=terms.late_reschedules_billed,
            rebooked_credit_percent=terms.rebooked_credit_percent,
            updated_at=row.updated_at,
        )
