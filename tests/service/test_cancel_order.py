"""cancelOrder: every row of the cascade table (SPEC §4.2), all or nothing."""

from __future__ import annotations

import pytest

from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from models.domain.statuses import MissionStatus, OrderStatus
from models.orders import Mission, Order
from resolvers.cancellation.cancel_order import cancel_order
from resolvers.cancellation.mission_status import update_mission_status
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

S = MissionStatus


async def _order_with(world, statuses, **extra):
    order, missions = await book(world, len(statuses))
    for mission, status in zip(missions, statuses, strict=True):
        if status is S.ASSIGNED:
            await assign(world, mission)
        elif status is S.ACCEPTED_BY_DRIVER:
            await assign(world, mission, world.driver2)
            await force_status(mission, status)
        elif status is not S.PENDING_ASSIGNMENT:
            await force_status(mission, status, **extra.get(mission.id, {}))
    return order, missions


@pytest.mark.parametrize(
    ("status", "after"),
    [
        (S.PENDING_ASSIGNMENT, S.CANCELLED),
        (S.ASSIGNED, S.CANCELLED),
        (S.ACCEPTED_BY_DRIVER, S.CANCELLED),
        (S.COMPLETED, S.COMPLETED),
        (S.NO_SHOW, S.NO_SHOW),
        (S.CANCELLED, S.CANCELLED),
    ],
)
async def test_cascade_row(db, clock, status, after):
    # given an order with one pending mission and one mission in `status`
    world = await make_world(clock)
    order, (other, mission) = await _order_with(world, [S.PENDING_ASSIGNMENT, status])

    # when the order is cancelled
    outcome = await cancel_order(world.scope, clock, order_id=order.id, request=request())

    # then the mission is as the table says and the order is cancelled
    assert (await Mission.get(id=mission.id)).status == after
    assert (await Mission.get(id=other.id)).status == S.CANCELLED
    assert await order_status(order) == OrderStatus.CANCELLED
    unchanged = {u.mission.id: u.reason for u in outcome.unchanged}
    assert (mission.id in unchanged) == (status in (S.COMPLETED, S.NO_SHOW, S.CANCELLED))


async def test_accepted_mission_notifies_its_driver(db, clock):
    world = await make_world(clock)
    order, (mission,) = await _order_with(world, [S.ACCEPTED_BY_DRIVER])

    await cancel_order(world.scope, clock, order_id=order.id, request=request())

    (cancelled,) = await events_of(world.agency.id, ev.MISSION_CANCELLED)
    assert cancelled.driver_ids == [world.driver2.id]
    (order_event,) = await events_of(world.agency.id, ev.ORDER_CANCELLED)
    assert order_event.data["missionsAffected"] == [mission.id]


async def test_in_progress_without_decision_changes_nothing(db, clock):
    world = await make_world(clock)
    order, (_pending, running) = await _order_with(world, [S.PENDING_ASSIGNMENT, S.IN_PROGRESS])
    before = await snapshot(world.agency.id)

    with pytest.raises(DomainError) as refused:
        await cancel_order(world.scope, clock, order_id=order.id, request=request())

    assert refused.value.code is ErrorCode.CONFIRMATION_REQUIRED
    assert refused.value.errors[0].mission_ids == (running.id,)
    assert refused.value.errors[0].field == ("input", "inProgressDecisions")
    assert await snapshot(world.agency.id) == before


async def test_in_progress_cancelled_by_decision(db, clock):
    world = await make_world(clock)
    order, (pending, running) = await _order_with(world, [S.PENDING_ASSIGNMENT, S.IN_PROGRESS])

    outcome = await cancel_order(
        world.scope,
        clock,
        order_id=order.id,
        request=request(),
        in_progress_decisions={running.id: True},
    )

    assert {c.mission_id for c in outcome.cancellations} == {pending.id, running.id}
    assert await order_status(order) == OrderStatus.CANCELLED


async def test_kept_running_order_stays_in_progress_then_cancelled_when_it_ends(db, clock):
    world = await make_world(clock)
    order, (_pending, running) = await _order_with(world, [S.PENDING_ASSIGNMENT, S.IN_PROGRESS])

    outcome = await cancel_order(
        world.scope,
        clock,
        order_id=order.id,
        request=request(),
        in_progress_decisions={running.id: False},
    )
    assert [u.mission.id for u in outcome.unchanged] == [running.id]
    assert await order_status(order) == OrderStatus.IN_PROGRESS

    await update_mission_status(world.scope, clock, mission_id=running.id, status=S.COMPLETED)
    assert await order_status(order) == OrderStatus.CANCELLED


async def test_invoiced_mission_unchanged_under_block(db, clock):
    world = await make_world(clock)
    order, (_pending, invoiced) = await _order_with(world, [S.PENDING_ASSIGNMENT, S.ASSIGNED])
    await Mission.filter(id=invoiced.id).update(invoiced_at=clock.now())

    outcome = await cancel_order(world.scope, clock, order_id=order.id, request=request())

    assert (await Mission.get(id=invoiced.id)).status == S.ASSIGNED
    assert [u.mission.id for u in outcome.unchanged] == [invoiced.id]
    assert not outcome.credit_note_required


async def test_invoiced_mission_cancelled_with_credit_note_when_allowed(db, clock):
    world = await make_world(clock, invoiced_cancellation="ALLOW_WITH_CREDIT_NOTE")
    order, (_pending, invoiced) = await _order_with(world, [S.PENDING_ASSIGNMENT, S.ASSIGNED])
    await Mission.filter(id=invoiced.id).update(invoiced_at=clock.now())

    outcome = await cancel_order(world.scope, clock, order_id=order.id, request=request())

    assert (await Mission.get(id=invoiced.id)).status == S.CANCELLED
    assert outcome.credit_note_required


async def test_each_mission_gets_its_own_decision_and_one_order_event(db, clock):
    # given two missions: 12 h ahead (billable) and 30 h ahead (not billable)
    world = await make_world(clock)
    order, (soon, later) = await book(world, 2, gap_hours=18)

    outcome = await cancel_order(world.scope, clock, order_id=order.id, request=request())

    billable = {c.mission_id: c.billable for c in outcome.cancellations}
    assert billable == {soon.id: True, later.id: False}
    assert len(await events_of(world.agency.id, ev.ORDER_CANCELLED)) == 1
    assert len(await events_of(world.agency.id, ev.MISSION_CANCELLED)) == 2
    assert (await Order.get(id=order.id)).cancelled_at == clock.now()


async def test_cancelled_order_is_already_cancelled(db, clock):
    world = await make_world(clock)
    order, _ = await book(world, 2)
    await cancel_order(world.scope, clock, order_id=order.id, request=request())
    before = await snapshot(world.agency.id)

    with pytest.raises(DomainError) as refused:
        await cancel_order(world.scope, clock, order_id=order.id, request=request())

    assert refused.value.code is ErrorCode.ALREADY_CANCELLED
    assert await snapshot(world.agency.id) == before


async def test_invalid_reason_changes_nothing(db, clock):
    world = await make_world(clock)
    order, _ = await book(world, 2)
    before = await snapshot(world.agency.id)

    with pytest.raises(DomainError) as refused:
        await cancel_order(
            world.scope,
            clock,
            order_id=order.id,
            request=request(reason_code="NOPE", requested_by=""),
        )

    assert {e.code for e in refused.value.errors} == {ErrorCode.INVALID_REASON, ErrorCode.REQUIRED}
    assert await snapshot(world.agency.id) == before
