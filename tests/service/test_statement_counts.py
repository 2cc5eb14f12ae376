"""Lists that meet relations cost a fixed number of SQL statements, whatever the page size."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

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
