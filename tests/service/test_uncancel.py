"""uncancelMission (SPEC §5)."""

from __future__ import annotations

import pytest

from models.billing import PendingReviewItem
from models.cancellations import Cancellation
from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from models.domain.statuses import MissionStatus, OrderStatus
from models.orders import Assignment, Mission, Order
from resolvers.cancellation.cancel_mission import cancel_mission
from resolvers.cancellation.cancel_order import cancel_order
from resolvers.cancellation.uncancel import uncancel_mission
from tests.service.cancel_helpers import (
    assign,
    book,
    events_of,
    force_status,
    make_world,
    order_status,
    request,
    snapshot,
)


async def test_uncancel_before_the_end_reopens_without_driver(db, clock):
    # given a cancelled, billable mission of an order cancelled at order level
    world = await make_world(clock)
    order, (mission,) = await book(world)
    await assign(world, mission)
    outcome = await cancel_order(world.scope, clock, order_id=order.id, request=request())
    assert await order_status(order) == OrderStatus.CANCELLED

    # when it is un-cancelled before its end
    clock.advance(hours=1)
    row = await uncancel_mission(world.scope, clock, mission_id=mission.id, note="Back on")

    # then it is pending with no driver, the cancellation reverted, its item withdrawn
    assert row.status == MissionStatus.PENDING_ASSIGNMENT
    assert await Assignment.filter(mission_id=mission.id, ended_at__isnull=True).count() == 0
    c = await Cancellation.get(id=outcome.cancellations[0].id)
    assert c.reverted_at == clock.now() and c.reverted_by_id == world.operator.id
    assert (await PendingReviewItem.get(cancellation_id=c.id)).withdrawn_at == clock.now()
    # the order is open again
    order_row = await Order.get(id=order.id)
    assert order_row.status == OrderStatus.OPEN and not order_row.cancelled_at_order_level
    (reopened,) = await events_of(world.agency.id, ev.MISSION_REOPENED)
    assert reopened.cancellation_id == c.id and reopened.data["note"] == "Back on"


async def test_uncancel_after_the_end_is_refused(db, clock):
    world = await make_world(clock)
    _, (mission,) = await book(world)
    await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    clock.advance(hours=14)  # past 22:00, the estimated end
    before = await snapshot(world.agency.id)

    with pytest.raises(DomainError) as refused:
        await uncancel_mission(world.scope, clock, mission_id=mission.id)

    assert refused.value.code is ErrorCode.UNCANCEL_WINDOW_PASSED
    assert await snapshot(world.agency.id) == before


async def test_uncancel_of_invoiced_cancellation_is_refused(db, clock):
    world = await make_world(clock)
    _, (mission,) = await book(world)
    outcome = await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    await Cancellation.filter(id=outcome.cancellations[0].id).update(invoiced_at=clock.now())
    before = await snapshot(world.agency.id)

    with pytest.raises(DomainError) as refused:
        await uncancel_mission(world.scope, clock, mission_id=mission.id)

    assert refused.value.code is ErrorCode.ALREADY_INVOICED
    assert await snapshot(world.agency.id) == before


async def test_uncancel_of_a_mission_not_cancelled_is_refused(db, clock):
    world = await make_world(clock)
    _, (mission,) = await book(world)
    before = await snapshot(world.agency.id)

    with pytest.raises(DomainError) as refused:
        await uncancel_mission(world.scope, clock, mission_id=mission.id)

    assert refused.value.code is ErrorCode.INVALID_TRANSITION
    assert await snapshot(world.agency.id) == before


async def test_cancel_again_after_uncancel(db, clock):
    # given a mission cancelled, then un-cancelled
    world = await make_world(clock)
    _, (mission,) = await book(world)
    first = await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    await uncancel_mission(world.scope, clock, mission_id=mission.id)

    # when it is cancelled again
    again = await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())

    # then it is cancelled, by a new cancellation; the first stays reverted
    assert len(again.cancellations) == 1
    assert (await Mission.get(id=mission.id)).status == MissionStatus.CANCELLED
    assert await Cancellation.filter(mission_id=mission.id).count() == 2
    current = await Cancellation.filter(mission_id=mission.id, reverted_at__isnull=True)
    assert [c.id for c in current] == [again.cancellations[0].id]
    reverted = await Cancellation.get(id=first.cancellations[0].id)
    assert reverted.reverted_at is not None
    cancelled = await events_of(world.agency.id, ev.MISSION_CANCELLED)
    assert [e.cancellation_id for e in cancelled] == [
        first.cancellations[0].id,
        again.cancellations[0].id,
    ]


async def test_an_invoiced_mission_cancelled_with_a_credit_note_cannot_be_reopened(db, clock):
    from models.agency import Agency, InvoicedCancellation
    from models.orders import Mission
    from resolvers.invoicing import create_invoice, issue_invoice

    # given a completed mission on an issued invoice, cancelled under ALLOW_WITH_CREDIT_NOTE
    world = await make_world(clock)
    await Agency.filter(id=world.agency.id).update(
        invoiced_cancellation=InvoicedCancellation.ALLOW_WITH_CREDIT_NOTE
    )
    _, (mission,) = await book(world)
    await force_status(mission, MissionStatus.COMPLETED)
    invoice = await create_invoice(world.scope, clock, customer_id=world.customer.id)
    await issue_invoice(world.scope, clock, invoice_id=invoice.id)
    outcome = await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    assert outcome.credit_note_required

    # when someone tries to reopen it
    with pytest.raises(DomainError) as refused:
        await uncancel_mission(world.scope, clock, mission_id=mission.id)

    # then it is refused as invoiced, exactly as the status update refuses it, and stays
    assert refused.value.code == ErrorCode.ALREADY_INVOICED
    assert (await Mission.get(id=mission.id)).status == MissionStatus.CANCELLED
