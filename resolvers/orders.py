"""Booking: an order with its missions, or a recurring series (SPEC §2)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tortoise.exceptions import IntegrityError

from models.agency import Agency
from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from models.domain.policies import MAX_GRACE_MINUTES, VEHICLE_CLASS_MAX
from models.domain.series import expand_series
from models.domain.statuses import MissionStatus
from models.orders import Mission, Order, Series
from models.people import Customer
from resolvers import validation as v
from resolvers.clock import Clock
from resolvers.lifecycle import refresh_order_statuses
from resolvers.limits import LOCATION_MAX, REFERENCE_MAX, RULE_MAX
from resolvers.policies import version_in_force
from resolvers.scope import Scope
from resolvers.unit_of_work import UnitOfWork, run_command

Field = tuple[Any, ...]


@dataclass(frozen=True)
class MissionDraft:
    """One mission as the booking form gives it."""

    pickup_at: datetime
    estimated_end_at: datetime
    pickup_location: str | None = None
    dropoff_location: str | None = None
    notes: str | None = None
    # A no-show grace of this mission's own ("30 min after landing"); None: the policy's.
    no_show_grace_minutes: int | None = None
    # The vehicle class booked ("SUV"); a policy may price cancellations by it.
    vehicle_class: str | None = None


@dataclass(frozen=True)
class Booking:
    """What a booking created: the order, its missions, and the series if recurring."""

    order: Order
    missions: list[Mission]
    series: Series | None = None


def _checked(draft: MissionDraft, path: Field, *, check_times: bool = True) -> MissionDraft:
    """The draft with texts stripped; times aware, UTC, end after start."""
    start = v.aware(draft.pickup_at, (*path, "pickupAt"), "The pickup time")
    end = v.aware(draft.estimated_end_at, (*path, "estimatedEndAt"), "The estimated end")
    if check_times and end <= start:
        raise v.invalid(
            (*path, "estimatedEndAt"), "The estimated end must be after the pickup time."
        )
    return MissionDraft(
        pickup_at=start.astimezone(UTC),
        estimated_end_at=end.astimezone(UTC),
        pickup_location=v.optional_text(
            draft.pickup_location, (*path, "pickupLocation"), "The pickup location", LOCATION_MAX
        ),
        dropoff_location=v.optional_text(
            draft.dropoff_location,
            (*path, "dropoffLocation"),
            "The drop-off location",
            LOCATION_MAX,
        ),
        notes=v.optional_text(draft.notes, (*path, "notes"), "The notes"),
        no_show_grace_minutes=v.minutes(
            draft.no_show_grace_minutes,
            (*path, "noShowGraceMinutes"),
            "The no-show grace period",
            maximum=MAX_GRACE_MINUTES,
        ),
        vehicle_class=v.optional_text(
            draft.vehicle_class, (*path, "vehicleClass"), "The vehicle class", VEHICLE_CLASS_MAX
        ),
    )


def _reference(reference: str) -> str:
    return v.require_text(
        reference, ("input", "reference"), "The reference", max_length=REFERENCE_MAX
    )


def _reference_taken(reference: str) -> DomainError:
    return DomainError(
        ErrorCode.CONFLICT,
        f"The agency already has an order with reference {reference}.",
        field=("input", "reference"),
    )


async def create_order(
    scope: Scope,
    clock: Clock,
    *,
    customer_id: int,
    reference: str,
    missions: Sequence[MissionDraft],
) -> Booking:
    """Book an order of one or more missions, each snapshotting the terms in force now."""
    ref = _reference(reference)
    if not missions:
        raise v.required(("input", "missions"), "At least one mission")
    drafts = [_checked(d, ("input", "missions", str(i))) for i, d in enumerate(missions)]
    return await _book(scope, clock, customer_id=customer_id, reference=ref, drafts=drafts)


async def create_series(
    scope: Scope, clock: Clock, *, customer_id: int, reference: str, first: MissionDraft, rule: str
) -> Booking:
    """Book a recurring series: the rule expanded in the agency's time zone, one order."""
    ref = _reference(reference)
    rule_text = v.require_text(rule, ("input", "rule"), "The rule", max_length=RULE_MAX)
    draft = _checked(first, ("input", "first"), check_times=False)
    agency = await Agency.get(id=scope.agency_id)
    # expand_series checks the times and the rule, naming input.first / input.rule.
    slots = expand_series(draft.pickup_at, draft.estimated_end_at, rule_text, agency.time_zone)
    drafts = [
        MissionDraft(
            start,
            end,
            draft.pickup_location,
            draft.dropoff_location,
            draft.notes,
            draft.no_show_grace_minutes,
            draft.vehicle_class,
        )
        for start, end in slots
    ]
    return await _book(
        scope, clock, customer_id=customer_id, reference=ref, drafts=drafts, rule=rule_text
    )


async def _book(
    scope: Scope,
    clock: Clock,
    *,
    customer_id: int,
    reference: str,
    drafts: list[MissionDraft],
    rule: str | None = None,
) -> Booking:
    async def work(uow: UnitOfWork) -> Booking:
        customer = await scope.get(Customer, customer_id, field=("input", "customerId"))
        if await scope.query(Order).filter(reference=reference).exists():
            raise _reference_taken(reference)
        agency = await Agency.get(id=scope.agency_id)
        order = await Order.create(
            agency_id=scope.agency_id,
            customer_id=customer.id,
            reference=reference,
            using_db=uow.conn,
        )
        series = None
        if rule is not None:
            series = await Series.create(
                agency_id=scope.agency_id, order_id=order.id, rule=rule, using_db=uow.conn
            )
        # The terms in force now, copied onto every mission (SPEC §3).
        snapshot = {
            "policy_agency_window_minutes": agency.default_cancellation_window_minutes,
            "policy_agency_minimum_billing_minutes": agency.default_minimum_billing_minutes,
            "policy_customer_window_minutes": customer.cancellation_window_minutes,
            "policy_customer_minimum_billing_minutes": customer.minimum_billing_minutes,
            "policy_customer_rate_per_hour": customer.billing_rate_per_hour,
            "policy_currency": agency.currency,
            "policy_version_id": await version_in_force(uow, customer),
        }
        await Mission.bulk_create(
            [
                Mission(
                    agency_id=scope.agency_id,
                    order_id=order.id,
                    series_id=series.id if series else None,
                    status=MissionStatus.PENDING_ASSIGNMENT,
                    pickup_at=d.pickup_at,
                    estimated_end_at=d.estimated_end_at,
                    pickup_location=d.pickup_location,
                    dropoff_location=d.dropoff_location,
                    notes=d.notes,
                    no_show_grace_minutes=d.no_show_grace_minutes,
                    vehicle_class=d.vehicle_class,
                    **snapshot,
                )
                for d in drafts
            ],
            using_db=uow.conn,
        )
        # bulk_create sets no primary keys on SQLite: read the missions back.
        missions = list(
            await Mission.filter(order_id=order.id).order_by("pickup_at", "id").using_db(uow.conn)
        )
        uow.record(
            ev.ORDER_CREATED,
            order_id=order.id,
            reference=reference,
            customerId=customer.id,
            customerName=customer.name,
            missionIds=[m.id for m in missions],
        )
        if series is not None:
            uow.record(
                ev.SERIES_CREATED,
                order_id=order.id,
                seriesId=series.id,
                rule=rule,
                occurrences=len(missions),
            )
        for m in missions:
            uow.record(
                ev.MISSION_CREATED,
                order_id=order.id,
                mission_id=m.id,
                toStatus=m.status,
                pickupAt=m.pickup_at,
                estimatedEndAt=m.estimated_end_at,
                seriesId=m.series_id,
            )
        await refresh_order_statuses(uow, [order.id])
        return Booking(order=order, missions=missions, series=series)

    try:
        return await run_command(scope, clock, work)
    except IntegrityError:
        # A concurrent booking took the reference between the check and the insert.
        raise _reference_taken(reference) from None
