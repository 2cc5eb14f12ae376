"""Cancelling an order costs the same number of SQL statements for 10 or 500 missions."""

from __future__ import annotations

from models.audit import Event
from models.billing import PendingReviewItem
from models.cancellations import Cancellation, CancellationPayout
from models.domain import events as ev
from resolvers.cancellation.cancel_order import cancel_order
from tests.service.cancel_helpers import bulk_order, make_world, request
from tests.sqlcount import count_statements


async def _count(world, clock, size):
    order = await bulk_order(world, size)
    with count_statements() as statements:
        outcome = await cancel_order(world.scope, clock, order_id=order.id, request=request())
    assert len(outcome.cancellations) == size
    return len(statements)


async def test_cancel_order_statements_do_not_grow_with_the_order(db, clock):
    # given orders of 10 and 500 assigned missions
    world = await make_world(clock)

    # when each is cancelled
    small = await _count(world, clock, 10)
    large = await _count(world, clock, 500)

    # then both cost the same number of statements, and every record was written
    assert small == large
    assert large < 40
    assert await Cancellation.all().count() == 510
    assert await CancellationPayout.all().count() == 510
    billable = await Cancellation.filter(billable=True).count()
    assert 0 < billable < 510
    assert await PendingReviewItem.all().count() == billable
    assert await Event.filter(type=ev.MISSION_CANCELLED).count() == 510
    assert await Event.filter(type=ev.SLOT_RELEASED).count() == 510
