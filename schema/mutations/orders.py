"""Booking mutations: an order of missions, or a recurring series (ADMIN, OPERATOR)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from resolvers import orders as uc
from schema import permissions as p
from schema.context import Info
from schema.envelope import mutation
from schema.ids import decode_id
from schema.payloads import OrderPayload
from schema.types.orders import Order


@strawberry.input(description="One mission of a booking.")
class MissionInput:
    pickup_at: datetime = strawberry.field(description="Scheduled start, with a time zone offset.")
    estimated_end_at: datetime = strawberry.field(description="Scheduled end, after the start.")
    pickup_location: str | None = strawberry.field(
        default=None, description="Where the mission starts."
    )
    dropoff_location: str | None = strawberry.field(
        default=None, description="Where the mission ends."
    )
    notes: str | None = strawberry.field(
        default=None, description="Free-text notes for the driver."
    )
    no_show_grace_minutes: int | None = strawberry.field(
        default=None,
        description="How long the driver waits after pickup or arrival before a no-show, "
        'for this mission ("30 min after landing"); null: the policy\'s (0 to 1440).',
    )
    vehicle_class: str | None = strawberry.field(
        default=None,
        description='The vehicle class booked, e.g. "SUV" (at most 64 characters); a '
        "cancellation policy may have its own tiers for it.",
    )


@strawberry.input(description="A booking of one or more missions.")
class CreateOrderInput:
    customer_id: strawberry.ID = strawberry.field(description="Who books and pays.")
    reference: str = strawberry.field(description="The agency's reference, unique in the agency.")
    missions: list[MissionInput] = strawberry.field(description="The missions, at least one.")


@strawberry.input(description="A recurring booking: a first mission and an RFC 5545 rule.")
class CreateSeriesInput:
    customer_id: strawberry.ID = strawberry.field(description="Who books and pays.")
    reference: str = strawberry.field(description="The agency's reference, unique in the agency.")
    first: MissionInput = strawberry.field(description="The first occurrence; the rule repeats it.")
    rule: str = strawberry.field(
        description='RFC 5545 RRULE with COUNT or UNTIL, e.g. "FREQ=WEEKLY;COUNT=10"; '
        "applied in the agency's time zone; at most 366 occurrences."
    )


def _draft(data: MissionInput) -> uc.MissionDraft:
    return uc.MissionDraft(
        pickup_at=data.pickup_at,
        estimated_end_at=data.estimated_end_at,
        pickup_location=data.pickup_location,
        dropoff_location=data.dropoff_location,
        notes=data.notes,
        no_show_grace_minutes=data.no_show_grace_minutes,
        vehicle_class=data.vehicle_class,
    )


@strawberry.type
class OrderMutation:
    @mutation(
        description="Book an order; each mission keeps the customer's and agency's terms in force now.",
        permission_classes=[p.DISPATCH],
    )
    async def create_order(
        self,
        info: Info,
        input: Annotated[CreateOrderInput, strawberry.argument(description="The booking.")],
    ) -> OrderPayload:
        booking = await uc.create_order(
            info.context.scope,
            info.context.clock,
            customer_id=decode_id(input.customer_id, "Customer", ("input", "customerId")),
            reference=input.reference,
            missions=[_draft(m) for m in input.missions],
        )
        return OrderPayload(order=Order.of(booking.order))

    @mutation(
        description="Book a recurring series: one order whose missions are the rule's occurrences.",
        permission_classes=[p.DISPATCH],
    )
    async def create_series(
        self,
        info: Info,
        input: Annotated[CreateSeriesInput, strawberry.argument(description="The series.")],
    ) -> OrderPayload:
        booking = await uc.create_series(
            info.context.scope,
            info.context.clock,
            customer_id=decode_id(input.customer_id, "Customer", ("input", "customerId")),
            reference=input.reference,
            first=_draft(input.first),
            rule=input.rule,
        )
        return OrderPayload(order=Order.of(booking.order))
