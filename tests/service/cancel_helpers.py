"""Test data for the cancellation tests: an agency, people, booked and assigned missions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from models.agency import Agency, Role, User
from models.audit import Event
from models.billing import Invoice, InvoiceLine, PendingReviewItem
from models.cancellations import Cancellation, CancellationPayout
from models.domain.statuses import MissionStatus, OrderStatus
from models.orders import Assignment, Mission, Order, Series
from models.people import Customer, Driver
from models.policies import LateReschedule, LateReschedulePayout
from resolvers.assignments import assign_driver
from resolvers.cancellation.inputs import CancelRequestInput
from resolvers.clock import FixedClock
from resolvers.orders import MissionDraft, create_order, create_series
from resolvers.scope import Scope
from tests.factories import make_agency, make_customer, make_driver, make_user, scope_of

# Default booking: 20:00-22:00 UTC today, 12 h after NOW: inside the 24 h agency window.
TOMORROW = datetime.fromisoformat("2026-06-01T20:00:00+00:00")
NEXT_WEEK = datetime.fromisoformat("2026-06-08T20:00:00+00:00")


@dataclass
class World:
    """One agency with an operator, a customer (60.00/h) and two drivers (30.00/h)."""

    agency: Agency
    operator: User
    scope: Scope
    clock: FixedClock
    customer: Customer
    driver: Driver
    driver2: Driver
    _refs: int = 0

    def ref(self) -> str:
        self._refs += 1
        return f"ORD-{self._refs:04d}"


async def make_world(clock: FixedClock, **agency_fields: Any) -> World:
    agency = await make_agency(**agency_fields)
    operator = await make_user(agency, Role.OPERATOR, name="Olga Operator")
    customer = await make_customer(agency)
    driver = await make_driver(agency, "Dana Driver")
    driver2 = await make_driver(agency, "Eli Driver")
    return World(agency, operator, scope_of(operator), clock, customer, driver, driver2)


async def book(
    world: World,
    count: int = 1,
    *,
    start: datetime = TOMORROW,
    hours: float = 2,
    gap_hours: float = 3,
    customer: Customer | None = None,
) -> tuple[Order, list[Mission]]:
    """An order of `count` missions through the real booking use case."""
    drafts = [
        MissionDraft(
            start + timedelta(hours=i * gap_hours),
            start + timedelta(hours=i * gap_hours + hours),
        )
        for i in range(count)
    ]
    booking = await create_order(
        world.scope,
        world.clock,
        customer_id=(customer or world.customer).id,
        reference=world.ref(),
        missions=drafts,
    )
    return booking.order, booking.missions


async def book_series(
    world: World, rule: str = "FREQ=WEEKLY;COUNT=5", *, start: datetime = TOMORROW
) -> tuple[Order, list[Mission]]:
    booking = await create_series(
        world.scope,
        world.clock,
        customer_id=world.customer.id,
        reference=world.ref(),
        first=MissionDraft(start, start + timedelta(hours=2)),
        rule=rule,
    )
    return booking.order, booking.missions


async def assign(world: World, mission: Mission, driver: Driver | None = None) -> Mission:
    return await assign_driver(
        world.scope, world.clock, mission_id=mission.id, driver_id=(driver or world.driver).id
    )


async def force_status(mission: Mission, status: MissionStatus, **columns: Any) -> None:
    """Put a mission in a status directly (set-up only), keeping its order's status in step."""
    await Mission.filter(id=mission.id).update(status=status, **columns)
    statuses = await Mission.filter(order_id=mission.order_id).values_list("status", flat=True)
    from models.domain.statuses import derive_order_status

    order = await Order.get(id=mission.order_id)
    await Order.filter(id=order.id).update(
        status=derive_order_status(
            statuses, cancelled_at_order_level=order.cancelled_at_order_level
        )
    )


async def bulk_order(world: World, count: int, *, start: datetime = TOMORROW) -> Order:
    """An order of `count` assigned missions written directly, for statement counts."""
    order = await Order.create(
        agency_id=world.agency.id, customer_id=world.customer.id, reference=world.ref()
    )
    a = world.agency
    await Mission.bulk_create(
        [
            Mission(
                agency_id=a.id,
                order_id=order.id,
                status=MissionStatus.ASSIGNED,
                pickup_at=start + timedelta(hours=i),
                estimated_end_at=start + timedelta(hours=i, minutes=30),
                policy_agency_window_minutes=a.default_cancellation_window_minutes,
                policy_agency_minimum_billing_minutes=a.default_minimum_billing_minutes,
                policy_customer_window_minutes=world.customer.cancellation_window_minutes,
                policy_customer_minimum_billing_minutes=world.customer.minimum_billing_minutes,
                policy_customer_rate_per_hour=world.customer.billing_rate_per_hour,
                policy_currency=a.currency,
            )
            for i in range(count)
        ]
    )
    missions = await Mission.filter(order_id=order.id).order_by("id")
    await Assignment.bulk_create(
        [
            Assignment(
                agency_id=a.id,
                mission_id=m.id,
                driver_id=world.driver.id,
                assigned_at=world.clock.now(),
                slot_start=m.pickup_at,
                slot_end=m.estimated_end_at,
                driver_window_minutes=None,
                driver_pay_rate_per_hour=world.driver.pay_rate_per_hour,
            )
            for m in missions
        ]
    )
    return order


def request(**overrides: Any) -> CancelRequestInput:
    """A valid cancellation request (customer request, asked by the front desk)."""
    fields: dict[str, Any] = {
        "requested_by": "Front desk",
        "reason_code": "CUSTOMER_REQUEST",
        "note": None,
    }
    fields.update(overrides)
    return CancelRequestInput(**fields)


async def snapshot(agency_id: int) -> dict[str, Any]:
    """Everything a cancellation may change, to assert that a refused call changed nothing."""
    return {
        "missions": sorted(
            await Mission.filter(agency_id=agency_id).values_list(
                "id", "status", "no_show_fee", "invoiced_at"
            )
        ),
        "orders": sorted(
            await Order.filter(agency_id=agency_id).values_list(
                "id", "status", "cancelled_at_order_level"
            )
        ),
        "assignments": sorted(
            await Assignment.filter(agency_id=agency_id).values_list("id", "ended_at")
        ),
        "cancellations": sorted(
            await Cancellation.filter(agency_id=agency_id).values_list(
                "id", "waived", "reverted_at", "invoiced_at"
            )
        ),
        "payouts": await CancellationPayout.filter(agency_id=agency_id).count(),
        "late_reschedules": sorted(
            await LateReschedule.filter(agency_id=agency_id).values_list(
                "id", "waived", "waiver_note", "charge", "rebooked_credit"
            )
        ),
        "late_reschedule_payouts": await LateReschedulePayout.filter(agency_id=agency_id).count(),
        "review": sorted(
            await PendingReviewItem.filter(agency_id=agency_id).values_list(
                "id", "waived", "withdrawn_at", "invoice_id", "invoiced_at"
            )
        ),
        "invoices": sorted(
            await Invoice.filter(agency_id=agency_id).values_list("id", "status", "total")
        ),
        "lines": await InvoiceLine.filter(invoice__agency_id=agency_id).count(),
        "events": await Event.filter(agency_id=agency_id).count(),
        "series": await Series.filter(agency_id=agency_id).count(),
    }


async def events_of(agency_id: int, type_: str) -> list[Event]:
    return list(await Event.filter(agency_id=agency_id, type=type_).order_by("seq"))


async def order_status(order: Order) -> OrderStatus:
    return OrderStatus((await Order.get(id=order.id)).status)


MONEY = Decimal
