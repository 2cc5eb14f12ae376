"""No-shows through the status update, and the no-show fee (SPEC §6)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from models.agency import Agency
from models.billing import InvoiceLine, PendingReviewItem, ReviewKind
from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from models.domain.statuses import MissionStatus, OrderStatus
from models.orders import Assignment, Mission, NoShowFeeState
from resolvers.cancellation.mission_status import update_mission_status
from resolvers.cancellation.no_show_fee import resolve_no_show_fee
from resolvers.invoicing import create_invoice
from tests.service.cancel_helpers import (
    assign,
    book,
    events_of,
    force_status,
    make_world,
    order_status,
    snapshot,
)

S = MissionStatus


async def _running(world, clock, count=1):
    order, missions = await book(world, count)
    await assign(world, missions[0])
    await force_status(missions[0], S.IN_PROGRESS)
    return order, missions


async def test_no_show_without_fee(db, clock):
    world = await make_world(clock)
    order, (mission,) = await _running(world, clock)
    arrived = clock.now() - timedelta(minutes=10)

    outcome = await update_mission_status(
        world.scope, clock, mission_id=mission.id, status=S.NO_SHOW, arrived_at=arrived
    )

    assert outcome.mission.status == S.NO_SHOW and outcome.no_show_fee is None
    assert outcome.mission.arrived_at == arrived
    assert outcome.mission.no_show_fee == NoShowFeeState.NOT_APPLICABLE
    assert await Assignment.filter(mission_id=mission.id, ended_at__isnull=True).count() == 0
    assert len(await events_of(world.agency.id, ev.SLOT_RELEASED)) == 1
    assert await order_status(order) == OrderStatus.NO_SHOW
    assert await PendingReviewItem.all().count() == 0


async def test_no_show_uses_reported_arrival_else_now(db, clock):
    world = await make_world(clock)
    _, (mission,) = await _running(world, clock)
    reported = clock.now() - timedelta(minutes=3)
    await Mission.filter(id=mission.id).update(arrived_at=reported)

    outcome = await update_mission_status(
        world.scope, clock, mission_id=mission.id, status=S.NO_SHOW
    )

    assert outcome.mission.arrived_at == reported


async def test_no_show_with_fee_added_to_pending_review(db, clock):
    world = await make_world(clock, no_show_fee=Decimal("35.50"))
    _, (mission,) = await _running(world, clock)

    outcome = await update_mission_status(
        world.scope, clock, mission_id=mission.id, status=S.NO_SHOW
    )
    assert outcome.no_show_fee == Decimal("35.50")
    assert outcome.mission.no_show_fee == NoShowFeeState.PENDING
    assert outcome.mission.arrived_at == clock.now()

    row = await resolve_no_show_fee(world.scope, clock, mission_id=mission.id, decision="ADD")

    assert row.no_show_fee == NoShowFeeState.ADDED
    item = await PendingReviewItem.get(mission_id=mission.id)
    assert item.kind == ReviewKind.NO_SHOW_FEE and item.charge == Decimal("35.50")
    assert len(await events_of(world.agency.id, ev.NO_SHOW_FEE_RESOLVED)) == 1


async def test_no_show_fee_added_to_the_orders_draft_invoice(db, clock):
    # given an order with a completed mission on a draft invoice, and a no-show
    world = await make_world(clock, no_show_fee=Decimal("35.50"))
    _, (mission, done) = await _running(world, clock, 2)
    await force_status(done, S.COMPLETED)
    invoice = await create_invoice(world.scope, clock, customer_id=world.customer.id)
    await update_mission_status(world.scope, clock, mission_id=mission.id, status=S.NO_SHOW)

    await resolve_no_show_fee(world.scope, clock, mission_id=mission.id, decision="ADD")

    lines = await InvoiceLine.filter(invoice_id=invoice.id).order_by("id")
    assert [line.kind for line in lines] == ["MISSION", "NO_SHOW_FEE"]
    await invoice.refresh_from_db()
    assert invoice.total == Decimal("120.00") + Decimal("35.50")
    (item,) = await PendingReviewItem.all()
    assert item.kind == ReviewKind.NO_SHOW_FEE and item.invoice_id == invoice.id


async def test_no_show_fee_waived_needs_why(db, clock):
    world = await make_world(clock, no_show_fee=Decimal("35.50"))
    _, (mission,) = await _running(world, clock)
    await update_mission_status(world.scope, clock, mission_id=mission.id, status=S.NO_SHOW)
    before = await snapshot(world.agency.id)

    with pytest.raises(DomainError) as refused:
        await resolve_no_show_fee(world.scope, clock, mission_id=mission.id, decision="WAIVE")
    assert refused.value.code is ErrorCode.REQUIRED
    assert await snapshot(world.agency.id) == before

    row = await resolve_no_show_fee(
        world.scope, clock, mission_id=mission.id, decision="WAIVE", note="First time"
    )
    assert row.no_show_fee == NoShowFeeState.WAIVED
    assert await PendingReviewItem.all().count() == 0
    before = await snapshot(world.agency.id)

    with pytest.raises(DomainError) as again:
        await resolve_no_show_fee(world.scope, clock, mission_id=mission.id, decision="ADD")
    assert again.value.code is ErrorCode.INVALID_TRANSITION
    assert await snapshot(world.agency.id) == before


@pytest.mark.parametrize(
    ("status", "to", "code"),
    [
        (S.ASSIGNED, S.NO_SHOW, ErrorCode.INVALID_TRANSITION),
        (S.COMPLETED, S.IN_PROGRESS, ErrorCode.INVALID_TRANSITION),
        (S.ASSIGNED, S.CANCELLED, ErrorCode.INVALID),
        (S.ASSIGNED, S.ACCEPTED_BY_DRIVER, ErrorCode.INVALID),
    ],
)
async def test_refused_status_moves_change_nothing(db, clock, status, to, code):
    world = await make_world(clock)
    _, (mission,) = await book(world)
    await assign(world, mission)
    await force_status(mission, status)
    before = await snapshot(world.agency.id)

    with pytest.raises(DomainError) as refused:
        await update_mission_status(world.scope, clock, mission_id=mission.id, status=to)

    assert refused.value.code is code
    assert await snapshot(world.agency.id) == before


async def test_fee_uses_agency_setting(db, clock):
    world = await make_world(clock)
    await Agency.filter(id=world.agency.id).update(no_show_fee=Decimal("20.00"))
    _, (mission,) = await _running(world, clock)

    outcome = await update_mission_status(
        world.scope, clock, mission_id=mission.id, status=S.NO_SHOW
    )

    assert outcome.no_show_fee == Decimal("20.00") and outcome.currency == "EUR"


async def test_the_fee_billed_is_the_one_in_force_when_the_no_show_was_recorded(db, clock):
    # given a no-show recorded while the agency's fee was 35.50
    world = await make_world(clock, no_show_fee=Decimal("35.50"))
    _, (mission,) = await _running(world, clock)
    await update_mission_status(world.scope, clock, mission_id=mission.id, status=S.NO_SHOW)

    # when the admin raises the fee before the operator decides, and the operator adds it
    await Agency.filter(id=world.agency.id).update(no_show_fee=Decimal("50.00"))
    await resolve_no_show_fee(world.scope, clock, mission_id=mission.id, decision="ADD")

    # then the customer is billed what the operator was shown, not the new fee
    item = await PendingReviewItem.get(mission_id=mission.id)
    assert item.charge == Decimal("35.50")
