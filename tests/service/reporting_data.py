"""Cancellations written straight through the ORM, in bulk, for the read-side tests.

The rows look like what the cancellation use case writes: one ended assignment and one
payout row per driver assigned at the time (0.00 when not billable), the decision JSON
matching the denormalised columns, a Pending Review item for billable ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from itertools import count
from typing import Any

from models.agency import Agency, Role, User
from models.audit import Event
from models.billing import PendingReviewItem, ReviewKind
from models.cancellations import Cancellation, CancellationPayout, CancellationReason
from models.domain.billing import BillingDecision, PolicySource
from models.domain.billing import Payout as DecisionPayout
from models.domain.statuses import MissionStatus, OrderStatus
from models.orders import Assignment, Mission, Order
from models.people import Customer, Driver
from resolvers.clock import FixedClock
from tests.factories import make_agency, make_customer, make_driver, make_user

_refs = count(1)
ZERO = Decimal("0.00")


@dataclass
class World:
    """An agency with people to cancel for."""

    agency: Agency
    operator: User
    reporter: User
    customers: list[Customer]
    drivers: list[Driver]
    reasons: dict[str, CancellationReason]


@dataclass
class Spec:
    """One cancellation to write."""

    cancelled_at: datetime
    customer: Customer
    drivers: list[Driver] = field(default_factory=list)
    reason_code: str = "CUSTOMER_REQUEST"
    billable: bool = True
    waived: bool = False
    reverted: bool = False
    charge: Decimal = Decimal("60.00")
    # One amount per driver; default 30.00 each when billable, 0.00 otherwise.
    payouts: list[Decimal] | None = None


async def make_world(
    customers: tuple[str, ...] = ("Globex", "Initech", "Umbrella Corp"),
    drivers: tuple[str, ...] = ("Dana Driver", "Eli Express", "Fay Fast"),
    **agency_fields: Any,
) -> World:
    agency = await make_agency(**agency_fields)
    return World(
        agency=agency,
        operator=await make_user(agency, Role.OPERATOR, name="Olive Operator"),
        reporter=await make_user(agency, Role.REPORTER, name="Rita Reporter"),
        customers=[await make_customer(agency, name) for name in customers],
        drivers=[await make_driver(agency, name) for name in drivers],
        reasons={r.code: r for r in await CancellationReason.filter(agency_id=agency.id)},
    )


def _amounts(spec: Spec) -> list[Decimal]:
    if spec.payouts is not None:
        assert len(spec.payouts) == len(spec.drivers)
        return spec.payouts
    return [Decimal("30.00") if spec.billable else ZERO for _ in spec.drivers]


async def add_cancellations(world: World, specs: list[Spec]) -> list[Cancellation]:
    """Write orders, missions, assignments, cancellations and payouts in a few bulk inserts."""
    agency = world.agency
    refs = [f"R-{next(_refs):07d}" for _ in specs]
    await Order.bulk_create(
        [
            Order(
                agency_id=agency.id,
                customer_id=s.customer.id,
                reference=ref,
                status=OrderStatus.CANCELLED,
                cancelled_at=s.cancelled_at,
            )
            for s, ref in zip(specs, refs, strict=True)
        ]
    )
    orders = {o.reference: o for o in await Order.filter(agency_id=agency.id, reference__in=refs)}
    await Mission.bulk_create(
        [
            Mission(
                agency_id=agency.id,
                order_id=orders[ref].id,
                status=MissionStatus.PENDING_ASSIGNMENT if s.reverted else MissionStatus.CANCELLED,
                pickup_at=s.cancelled_at + timedelta(hours=2),
                estimated_end_at=s.cancelled_at + timedelta(hours=3),
                policy_agency_window_minutes=1440,
                policy_agency_minimum_billing_minutes=60,
                policy_customer_rate_per_hour=Decimal("60.00"),
                policy_currency=agency.currency,
            )
            for s, ref in zip(specs, refs, strict=True)
        ]
    )
    order_ids = [orders[ref].id for ref in refs]
    missions = {m.order_id: m for m in await Mission.filter(order_id__in=order_ids)}
    mission_of = [missions[orders[ref].id] for ref in refs]
    await Assignment.bulk_create(
        [
            Assignment(
                agency_id=agency.id,
                mission_id=m.id,
                driver_id=d.id,
                assigned_at=s.cancelled_at - timedelta(days=1),
                ended_at=s.cancelled_at,
                slot_start=m.pickup_at,
                slot_end=m.estimated_end_at,
                driver_pay_rate_per_hour=d.pay_rate_per_hour,
            )
            for s, m in zip(specs, mission_of, strict=True)
            for d in s.drivers
        ]
    )
    await Cancellation.bulk_create(
        [_cancellation(world, s, m) for s, m in zip(specs, mission_of, strict=True)]
    )
    by_mission = {
        c.mission_id: c
        for c in await Cancellation.filter(mission_id__in=[m.id for m in mission_of])
    }
    rows = [by_mission[m.id] for m in mission_of]
    await CancellationPayout.bulk_create(
        [
            CancellationPayout(
                agency_id=agency.id, cancellation_id=c.id, driver_id=d.id, amount=amount
            )
            for s, c in zip(specs, rows, strict=True)
            for d, amount in zip(s.drivers, _amounts(s), strict=True)
        ]
    )
    return rows


def _cancellation(world: World, s: Spec, mission: Mission) -> Cancellation:
    reason = world.reasons[s.reason_code]
    amounts = _amounts(s)
    charge = s.charge if s.billable else ZERO
    decision = BillingDecision(
        billable=s.billable,
        effective_window_minutes=1440,
        window_source=PolicySource.AGENCY_DEFAULT,
        scheduled_minutes=60,
        billable_minutes=60 if s.billable else 0,
        charge=charge,
        payouts=tuple(DecisionPayout(d.id, a) for d, a in zip(s.drivers, amounts, strict=True)),
        currency=world.agency.currency,
        judged_at=s.cancelled_at,
    )
    return Cancellation(
        agency_id=world.agency.id,
        mission_id=mission.id,
        order_id=mission.order_id,
        customer_id=s.customer.id,
        cancelled_at=s.cancelled_at,
        requested_at=s.cancelled_at,
        cancelled_by_id=world.operator.id,
        cancelled_by_name=world.operator.name,
        cancelled_by_role=world.operator.role.value,
        requested_by="Front desk",
        reason_id=reason.id,
        reason_code=reason.code,
        reason_label=reason.label,
        billable=s.billable,
        effective_window_minutes=1440,
        window_source=PolicySource.AGENCY_DEFAULT,
        scheduled_minutes=60,
        billable_minutes=decision.billable_minutes,
        charge=charge,
        payout_total=decision.payout_total,
        currency=world.agency.currency,
        decision=decision.to_dict(),
        waived=s.waived,
        waived_by_id=world.operator.id if s.waived else None,
        waived_at=s.cancelled_at if s.waived else None,
        reverted_at=s.cancelled_at + timedelta(minutes=5) if s.reverted else None,
        reverted_by_id=world.operator.id if s.reverted else None,
    )


async def add_review_items(
    world: World,
    cancellations: list[Cancellation],
    *,
    invoiced: bool = False,
    withdrawn: bool = False,
) -> None:
    """A Pending Review item per cancellation (waived flag copied from it)."""
    await PendingReviewItem.bulk_create(
        [
            PendingReviewItem(
                agency_id=world.agency.id,
                kind=ReviewKind.CANCELLATION,
                mission_id=c.mission_id,
                customer_id=c.customer_id,
                cancellation_id=c.id,
                charge=c.charge,
                currency=c.currency,
                waived=c.waived,
                created_at=c.cancelled_at,
                withdrawn_at=c.cancelled_at if withdrawn else None,
                invoiced_at=c.cancelled_at if invoiced else None,
            )
            for c in cancellations
        ]
    )


async def add_events(world: World, n: int, at: datetime, **about: int | None) -> list[Event]:
    """`n` audit events about one order/mission/cancellation, a minute apart, in order."""
    agency = await Agency.get(id=world.agency.id)
    first_seq = agency.event_seq + 1
    await Event.bulk_create(
        [
            Event(
                agency_id=agency.id,
                seq=first_seq + i,
                type=f"Step{i}",
                occurred_at=at + timedelta(minutes=i),
                actor_user_id=world.operator.id,
                actor_name=world.operator.name,
                actor_role=world.operator.role.value,
                data={"step": i},
                **about,
            )
            for i in range(n)
        ]
    )
    await Agency.filter(id=agency.id).update(event_seq=first_seq + n - 1)
    return list(await Event.filter(agency_id=agency.id, seq__gte=first_seq).order_by("id"))


async def execute(
    query: str, variables: dict[str, Any] | None = None, *, user: User
) -> dict[str, Any]:
    """Run an operation through the schema as `user` (the HTTP layer left out)."""
    from schema.auth import Principal
    from schema.build import schema
    from schema.context import Context

    loaded = await User.filter(id=user.id).select_related("agency").get()
    context = Context(
        settings=None,  # type: ignore[arg-type]
        clock=FixedClock(datetime(2026, 6, 1, 8, 0, tzinfo=UTC)),
        principal=Principal(loaded),
        request_id="test",
    )
    result = await schema.execute(query, variable_values=variables, context_value=context)
    body: dict[str, Any] = {"data": result.data}
    if result.errors:
        body["errors"] = [e.formatted for e in result.errors]
    return body
