"""Steps shared by the use cases that move missions: lock, release slots, order status."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from models.domain import events as ev
from models.domain.billing import DriverTerms, PolicySnapshot
from models.domain.statuses import MissionStatus, derive_order_status
from models.orders import Assignment, Mission, Order
from resolvers.unit_of_work import UnitOfWork

# Missions in these statuses hold no slot, even while an assignment row is still open
# (a completed mission keeps its driver on record). The one rule of every slot check.
SLOT_FREE_STATUSES = (MissionStatus.CANCELLED, MissionStatus.NO_SHOW, MissionStatus.COMPLETED)


@dataclass(frozen=True)
class ReleasedSlot:
    """A driver's time slot freed by a cancellation, no-show or unassignment."""

    driver_id: int
    mission_id: int
    start: datetime
    end: datetime


async def lock_missions(uow: UnitOfWork, mission_ids: Iterable[int]) -> list[Mission]:
    """The missions, row-locked until commit (PostgreSQL), in id order to avoid deadlocks.

    FOR NO KEY UPDATE, not FOR UPDATE: rows inserted with a foreign key to a locked row
    (cancellations, assignments) take FOR KEY SHARE on it, which FOR UPDATE would block,
    deadlocking two transactions that each insert a child and then lock the parent.
    """
    ids = sorted(set(mission_ids))
    if not ids:
        return []
    return list(
        await uow.scope.query(Mission)
        .filter(id__in=ids)
        .select_for_update(no_key=True)
        .order_by("id")
        .using_db(uow.conn)
    )


async def active_assignments(
    uow: UnitOfWork, mission_ids: Iterable[int]
) -> dict[int, list[Assignment]]:
    """Active (not ended) assignments grouped by mission."""
    grouped: dict[int, list[Assignment]] = defaultdict(list)
    ids = list(set(mission_ids))
    if not ids:
        return grouped
    rows = await (
        uow.scope.query(Assignment)
        .filter(mission_id__in=ids, ended_at__isnull=True)
        .order_by("id")
        .using_db(uow.conn)
    )
    for row in rows:
        grouped[row.mission_id].append(row)
    return grouped


async def end_assignments(uow: UnitOfWork, assignments: Sequence[Assignment]) -> list[ReleasedSlot]:
    """End the assignments in one UPDATE; their slots are free from now on."""
    if not assignments:
        return []
    await (
        Assignment.filter(id__in=[a.id for a in assignments])
        .using_db(uow.conn)
        .update(ended_at=uow.now)
    )
    for a in assignments:
        a.ended_at = uow.now
    return [ReleasedSlot(a.driver_id, a.mission_id, a.slot_start, a.slot_end) for a in assignments]


def record_released_slots(uow: UnitOfWork, slots: Iterable[ReleasedSlot], order_id: int) -> None:
    """One SlotReleased event per driver and mission (the dispatch board's notice)."""
    for slot in slots:
        uow.record(
            ev.SLOT_RELEASED,
            order_id=order_id,
            mission_id=slot.mission_id,
            driver_ids=[slot.driver_id],
            driverId=slot.driver_id,
            start=slot.start,
            end=slot.end,
        )


def policy_snapshot(mission: Mission) -> PolicySnapshot:
    """The terms the mission was booked under."""
    return PolicySnapshot(
        agency_window_minutes=mission.policy_agency_window_minutes,
        agency_minimum_billing_minutes=mission.policy_agency_minimum_billing_minutes,
        customer_window_minutes=mission.policy_customer_window_minutes,
        customer_minimum_billing_minutes=mission.policy_customer_minimum_billing_minutes,
        customer_rate_per_hour=mission.policy_customer_rate_per_hour,
        currency=mission.policy_currency,
    )


def driver_terms(assignments: Iterable[Assignment]) -> list[DriverTerms]:
    """The assigned drivers' terms as snapshotted at assignment."""
    return [
        DriverTerms(
            driver_id=a.driver_id,
            window_minutes=a.driver_window_minutes,
            pay_rate_per_hour=a.driver_pay_rate_per_hour,
        )
        for a in assignments
    ]


async def lock_order(uow: UnitOfWork, order_id: int, field: tuple[str, ...]) -> Order:
    """The order, row-locked until commit (after its missions: the one lock order)."""
    return await uow.scope.get(Order, order_id, field=field, for_update=True)


async def refresh_order_statuses(
    uow: UnitOfWork,
    order_ids: Iterable[int],
    *,
    cancelled_at_order_level: set[int] | None = None,
    locked: Mapping[int, Order] | None = None,
) -> dict[int, Order]:
    """Recompute the orders' statuses from their missions; a change is an audit event.

    Two queries (orders locked, unless the caller passes them `locked`; their missions'
    statuses) and one UPDATE per order whose status changed, whatever the number of
    missions.
    """
    ids = sorted(set(order_ids))
    if not ids:
        return {}
    if locked is not None and all(i in locked for i in ids):
        orders = {i: locked[i] for i in ids}
    else:
        orders = {
            o.id: o
            for o in await uow.scope.query(Order)
            .filter(id__in=ids)
            .select_for_update(no_key=True)
            .order_by("id")
            .using_db(uow.conn)
        }
    statuses: dict[int, list[MissionStatus]] = defaultdict(list)
    for order_id, status in await (
        Mission.filter(order_id__in=ids).using_db(uow.conn).values_list("order_id", "status")
    ):
        statuses[order_id].append(MissionStatus(status))
    for order_id, order in orders.items():
        if cancelled_at_order_level and order_id in cancelled_at_order_level:
            order.cancelled_at_order_level = True
            order.cancelled_at = uow.now
        new = derive_order_status(
            statuses[order_id], cancelled_at_order_level=order.cancelled_at_order_level
        )
        changed = new != order.status
        if changed or (cancelled_at_order_level and order_id in cancelled_at_order_level):
            old = order.status
            order.status = new
            await (
                Order.filter(id=order_id)
                .using_db(uow.conn)
                .update(
                    status=new,
                    cancelled_at=order.cancelled_at,
                    cancelled_at_order_level=order.cancelled_at_order_level,
                )
            )
            if changed:
                uow.record(
                    ev.ORDER_STATUS_CHANGED,
                    order_id=order_id,
                    fromStatus=old,
                    toStatus=new,
                )
    return orders
