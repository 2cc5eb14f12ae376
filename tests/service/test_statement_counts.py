"""A fixed number of SQL statements whatever the size: pages that meet relations (their
totalCount included), and cancelling an order of 10 or 500 missions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from models.audit import Event
from models.billing import PendingReviewItem
from models.cancellations import Cancellation, CancellationPayout
from models.domain import events as ev
from resolvers.cancellation.cancel_order import cancel_order
from tests.service import cancel_helpers
from tests.service.reporting_data import (
    Spec,
    World,
    add_cancellations,
    add_events,
    add_review_items,
    execute,
    make_world,
)
from tests.sqlcount import count_statements

T0 = datetime(2026, 5, 10, 9, 0, tzinfo=UTC)

CANCELLED_TAB = """
query Tab($first: Int) {
  cancellations(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id cancelledAt requestedAt requestedBy reasonCode reasonLabel note scope waived
      mission { id status pickupAt assignments(includeEnded: true) { endedAt driver { id name } } }
      order { id reference status }
      customer { id name }
      reason { code label }
      cancelledBy { userId name role }
      history(first: 5) { edges { node { type occurredAt actor { name } } } }
      decision {
        billable windowSource charge { amount currency }
        payouts { amount { amount } driver { id name } }
      }
    } }
  }
}
"""

PENDING_REVIEW = """
query Review($first: Int) {
  pendingReview(first: $first) {
    totalCount
    edges { node {
      id kind waived charge { amount }
      mission { id status order { reference } }
      customer { name }
      cancellation { id reasonLabel customer { name } }
      payouts { amount { amount } driver { name } }
    } }
  }
}
"""


async def _world_with(n: int) -> World:
    w = await make_world()
    dana, eli, fay = w.drivers
    crews = [[dana], [eli, fay], [], [fay, dana, eli]]
    specs = [
        Spec(
            T0 + timedelta(minutes=i),
            w.customers[i % 3],
            crews[i % 4],
            ["WEATHER", "OTHER", "CUSTOMER_REQUEST"][i % 3],
            billable=i % 2 == 0,
            waived=i % 4 == 0,
        )
        for i in range(n)
    ]
    made = await add_cancellations(w, specs)
    await add_review_items(w, [c for c in made if c.billable])
    for c in made[:3]:
        await add_events(
            w, 2, c.cancelled_at, order_id=c.order_id, mission_id=c.mission_id, cancellation_id=c.id
        )
    return w


async def _count(query: str, n: int) -> int:
    w = await _world_with(n)
    with count_statements() as stmts:
        body = await execute(query, {"first": n}, user=w.operator)
    assert "errors" not in body, body
    (connection,) = body["data"].values()
    assert len(connection["edges"]) == (n if "pendingReview" not in query else (n + 1) // 2)
    return len(stmts)


@pytest.mark.parametrize(
    ("query", "most"),
    [(CANCELLED_TAB, 11), (PENDING_REVIEW, 9)],
    ids=["cancelled-tab", "pending-review"],
)
async def test_a_page_costs_the_same_for_10_and_200_rows(db: str, query: str, most: int) -> None:
    # given pages of 10 and of 200 rows, each reaching every relation
    small = await _count(query, 10)
    large = await _count(query, 200)
    # then the statement count does not grow with the page (the caller's own load included)
    assert small == large
    assert large <= most


@pytest.mark.parametrize(
    "query", [CANCELLED_TAB, PENDING_REVIEW], ids=["cancelled-tab", "pending-review"]
)
async def test_total_count_is_read_by_the_page_s_own_statement(db: str, query: str) -> None:
    # given a list of 12 rows
    w = await _world_with(12)
    without_total = query.replace("totalCount", "", 1)
    # when its page of 5 is read with and without totalCount
    with count_statements() as counted:
        body = await execute(query, {"first": 5}, user=w.operator)
    with count_statements() as plain:
        await execute(without_total, {"first": 5}, user=w.operator)
    # then the count is right and took no statement of its own
    (connection,) = body["data"].values()
    assert connection["totalCount"] == (12 if "pendingReview" not in query else 6)
    assert len(counted) == len(plain)


async def _cancel_order_statements(world: cancel_helpers.World, clock, size: int) -> int:
    order = await cancel_helpers.bulk_order(world, size)
    with count_statements() as statements:
        outcome = await cancel_order(
            world.scope, clock, order_id=order.id, request=cancel_helpers.request()
        )
    assert len(outcome.cancellations) == size
    return len(statements)


async def test_cancel_order_statements_do_not_grow_with_the_order(db, clock):
    # given orders of 10 and 500 assigned missions
    world = await cancel_helpers.make_world(clock)

    # when each is cancelled
    small = await _cancel_order_statements(world, clock, 10)
    large = await _cancel_order_statements(world, clock, 500)

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
