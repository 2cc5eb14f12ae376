"""cancelMission: effects, billing decision, errors (each leaving everything unchanged)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from models.billing import PendingReviewItem
from models.cancellations import CancellationPayout, CancellationReason
from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from models.domain.statuses import MissionStatus, OrderStatus
from models.orders import Assignment, Mission
from resolvers.cancellation.cancel_mission import cancel_mission
from tests.service.cancel_helpers import (
    NEXT_WEEK,
    assign,
    book,
    events_of,
    force_status,
    make_world,
    order_status,
    request,
    snapshot,
)


async def test_cancel_inside_window_is_billable_with_every_effect(db, clock):
    # given an order of two missions, the first assigned, 12 h ahead (window 24 h)
    world = await make_world(clock)
    order, (first, second) = await book(world, 2)
    await assign(world, first)

    # when the front desk cancels the first one
    outcome = await cancel_mission(
        world.scope, clock, mission_id=first.id, request=request(note="Flight moved")
    )

    # then the mission is cancelled, the rest of the order continues
    (c,) = outcome.cancellations
    assert (await Mission.get(id=first.id)).status == MissionStatus.CANCELLED
    assert (await Mission.get(id=second.id)).status == MissionStatus.PENDING_ASSIGNMENT
    assert await order_status(order) == OrderStatus.OPEN
    # the driver's slot is released
    assert await Assignment.filter(mission_id=first.id, ended_at__isnull=True).count() == 0
    # the cancellation keeps who, why, and the decision: 2 h at 60.00/h, 30.00/h to the driver
    assert (c.requested_by, c.reason_code, c.reason_label, c.note) == (
        "Front desk",
        "CUSTOMER_REQUEST",
        "Customer request",
        "Flight moved",
    )
    assert c.cancelled_by_name == "Olga Operator" and c.cancelled_by_role == "OPERATOR"
    assert c.billable and c.charge == Decimal("120.00") and c.payout_total == Decimal("60.00")
    assert c.requested_at == clock.now() and c.cancelled_at == clock.now()
    assert c.decision["charge"] == "120.00" and c.billable_minutes == 120
    payouts = await CancellationPayout.filter(cancellation_id=c.id).values_list(
        "driver_id", "amount"
    )
    assert payouts == [(world.driver.id, Decimal("60.00"))]
    item = await PendingReviewItem.get(cancellation_id=c.id)
    assert item.charge == Decimal("120.00") and not item.waived
    # and the audit trail has the cancellation and the released slot
    (cancelled,) = await events_of(world.agency.id, ev.MISSION_CANCELLED)
    assert cancelled.cancellation_id == c.id and cancelled.driver_ids == [world.driver.id]
    assert cancelled.data["reasonCode"] == "CUSTOMER_REQUEST"
    assert (
        cancelled.data["fromStatus"] == "ASSIGNED" and cancelled.data["requestedBy"] == "Front desk"
    )
    assert cancelled.data["decision"]["billable"] is True
    (slot,) = await events_of(world.agency.id, ev.SLOT_RELEASED)
    assert slot.driver_ids == [world.driver.id]


async def test_cancel_outside_window_is_not_billable(db, clock):
    # given a mission a week ahead
    world = await make_world(clock)
    _, (mission,) = await book(world, start=NEXT_WEEK)

    # when it is cancelled
    outcome = await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())

    # then nothing is charged and nothing goes to Pending Review
    (c,) = outcome.cancellations
    assert not c.billable and c.charge == Decimal("0.00") and c.billable_minutes == 0
    assert await PendingReviewItem.all().count() == 0


async def test_requested_at_is_the_moment_judged(db, clock):
    # given a mission 12 h ahead and a customer who called 13 h earlier (25 h before the start)
    world = await make_world(clock)
    _, (mission,) = await book(world)

    # when the cancellation is recorded now with the time of the call
    outcome = await cancel_mission(
        world.scope,
        clock,
        mission_id=mission.id,
        request=request(requested_at=clock.now() - timedelta(hours=13)),
    )

    # then it is judged at the call: outside the window
    (c,) = outcome.cancellations
    assert not c.billable and c.requested_at == clock.now() - timedelta(hours=13)


async def test_waive_at_cancellation_records_who_and_why(db, clock):
    world = await make_world(clock)
    _, (mission,) = await book(world)

    outcome = await cancel_mission(
        world.scope,
        clock,
        mission_id=mission.id,
        request=request(waive_billing=True, waiver_note="Loyal customer"),
    )

    (c,) = outcome.cancellations
    assert c.billable and c.waived and c.waiver_note == "Loyal customer"
    assert c.waived_by_id == world.operator.id and c.waived_at == clock.now()
    assert await PendingReviewItem.all().count() == 0


async def test_in_progress_needs_confirmation_then_cancels(db, clock):
    world = await make_world(clock)
    _, (mission,) = await book(world)
    await force_status(mission, MissionStatus.IN_PROGRESS)
    before = await snapshot(world.agency.id)

    with pytest.raises(DomainError) as refused:
        await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    assert refused.value.code is ErrorCode.CONFIRMATION_REQUIRED
    assert refused.value.errors[0].mission_ids == (mission.id,)
    assert await snapshot(world.agency.id) == before

    outcome = await cancel_mission(
        world.scope, clock, mission_id=mission.id, request=request(), confirm_in_progress=True
    )
    assert outcome.cancellations[0].decision["billable"] is True


async def test_completed_mission_can_be_cancelled_until_invoiced(db, clock):
    world = await make_world(clock)
    order, (mission,) = await book(world)
    await force_status(mission, MissionStatus.COMPLETED)

    await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())

    assert (await Mission.get(id=mission.id)).status == MissionStatus.CANCELLED
    assert await order_status(order) == OrderStatus.CANCELLED


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (MissionStatus.CANCELLED, ErrorCode.ALREADY_CANCELLED),
        (MissionStatus.NO_SHOW, ErrorCode.INVALID_TRANSITION),
    ],
)
async def test_refused_statuses_change_nothing(db, clock, status, code):
    world = await make_world(clock)
    _, (mission,) = await book(world)
    await force_status(mission, status)
    before = await snapshot(world.agency.id)

    with pytest.raises(DomainError) as refused:
        await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())

    assert refused.value.code is code
    assert await snapshot(world.agency.id) == before


async def test_invoiced_mission_is_blocked_by_default(db, clock):
    world = await make_world(clock)
    _, (mission,) = await book(world)
    await force_status(mission, MissionStatus.COMPLETED, invoiced_at=clock.now())
    before = await snapshot(world.agency.id)

    with pytest.raises(DomainError) as refused:
        await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())

    assert refused.value.code is ErrorCode.ALREADY_INVOICED
    assert await snapshot(world.agency.id) == before


async def test_invoiced_mission_cancelled_with_credit_note_when_allowed(db, clock):
    world = await make_world(clock, invoiced_cancellation="ALLOW_WITH_CREDIT_NOTE")
    _, (mission,) = await book(world)
    await force_status(mission, MissionStatus.COMPLETED, invoiced_at=clock.now())

    outcome = await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())

    assert outcome.credit_note_required
    assert outcome.cancellations[0].credit_note_required
    assert (await Mission.get(id=mission.id)).invoiced_at is not None


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"requested_by": None}, ErrorCode.REQUIRED, ("input", "requestedBy")),
        ({"requested_by": "   "}, ErrorCode.REQUIRED, ("input", "requestedBy")),
        ({"requested_by": "x" * 201}, ErrorCode.INVALID, ("input", "requestedBy")),
        ({"reason_code": ""}, ErrorCode.REQUIRED, ("input", "reasonCode")),
        ({"reason_code": "NOPE"}, ErrorCode.INVALID_REASON, ("input", "reasonCode")),
        ({"reason_code": "WEATHER"}, ErrorCode.INVALID_REASON, ("input", "reasonCode")),
        ({"requested_at": "future"}, ErrorCode.INVALID, ("input", "requestedAt")),
        ({"requested_at": "old"}, ErrorCode.INVALID, ("input", "requestedAt")),
    ],
    ids=[
        "no requestedBy",
        "blank requestedBy",
        "requestedBy too long",
        "blank reason",
        "unknown reason",
        "inactive reason",
        "requestedAt in the future",
        "requestedAt over a week ago",
    ],
)
async def test_invalid_inputs_change_nothing(db, clock, fields, code, field):
    # given a mission, and WEATHER made inactive
    world = await make_world(clock)
    _, (mission,) = await book(world)
    await CancellationReason.filter(agency_id=world.agency.id, code="WEATHER").update(active=False)
    if fields.get("requested_at") == "future":
        fields["requested_at"] = clock.now() + timedelta(minutes=1)
    elif fields.get("requested_at") == "old":
        fields["requested_at"] = clock.now() - timedelta(days=7, seconds=1)
    before = await snapshot(world.agency.id)

    with pytest.raises(DomainError) as refused:
        await cancel_mission(world.scope, clock, mission_id=mission.id, request=request(**fields))

    assert (refused.value.code, refused.value.errors[0].field) == (code, field)
    assert await snapshot(world.agency.id) == before


async def test_another_agencys_mission_is_not_found(db, clock):
    world = await make_world(clock)
    other = await make_world(clock, name="Other")
    _, (mission,) = await book(other)
    before = await snapshot(other.agency.id)

    with pytest.raises(DomainError) as refused:
        await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())

    assert refused.value.code is ErrorCode.NOT_FOUND
    assert await snapshot(other.agency.id) == before


async def test_idempotent_retry_returns_the_first_result(db, clock):
    world = await make_world(clock)
    _, (mission,) = await book(world)
    first = await cancel_mission(
        world.scope, clock, mission_id=mission.id, request=request(), idempotency_key="k1"
    )
    before = await snapshot(world.agency.id)

    again = await cancel_mission(
        world.scope, clock, mission_id=mission.id, request=request(), idempotency_key="k1"
    )
    assert [c.id for c in again.cancellations] == [c.id for c in first.cancellations]
    assert await snapshot(world.agency.id) == before

    with pytest.raises(DomainError) as refused:
        await cancel_mission(
            world.scope,
            clock,
            mission_id=mission.id,
            request=request(note="other"),
            idempotency_key="k1",
        )
    assert refused.value.code is ErrorCode.IDEMPOTENCY_KEY_REUSED
    assert await snapshot(world.agency.id) == before
