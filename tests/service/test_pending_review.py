"""Pending Review: the billable cancellations not yet invoiced nor withdrawn, oldest first,
the agency's own only."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.factories import gid
from tests.service.cancelled_tab_data import T0
from tests.service.reporting_data import (
    Spec,
    add_cancellations,
    add_review_items,
    execute,
    make_world,
)

PENDING_REVIEW = """
query Review($first: Int, $after: String) {
  pendingReview(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id kind waived charge { amount currency } cancellation { id } } }
  }
}
"""


async def test_pending_review_lists_items_not_invoiced_nor_withdrawn_oldest_first(db: str) -> None:
    # given billable cancellations in every review state
    w = await make_world()
    c = w.customers[0]
    waiting = await add_cancellations(w, [Spec(T0 + timedelta(minutes=i), c) for i in range(5)])
    (waived,) = await add_cancellations(w, [Spec(T0, c, waived=True)])
    invoiced = await add_cancellations(w, [Spec(T0, c)])
    withdrawn = await add_cancellations(w, [Spec(T0, c, reverted=True)])
    await add_review_items(w, waiting[:3])
    await add_review_items(w, [waived])
    await add_review_items(w, waiting[3:])
    await add_review_items(w, invoiced, invoiced=True)
    await add_review_items(w, withdrawn, withdrawn=True)
    # when a reporter reads Pending Review two at a time
    seen: list[dict[str, Any]] = []
    after = None
    while True:
        body = await execute(PENDING_REVIEW, {"first": 2, "after": after}, user=w.reporter)
        assert "errors" not in body, body
        review = body["data"]["pendingReview"]
        assert review["totalCount"] == 6
        seen += [e["node"] for e in review["edges"]]
        if not review["pageInfo"]["hasNextPage"]:
            break
        after = review["pageInfo"]["endCursor"]
    # then the waiting ones and the waived one (still switchable), in the order they came
    order = [*waiting[:3], waived, *waiting[3:]]
    assert [n["cancellation"]["id"] for n in seen] == [gid("Cancellation", x.id) for x in order]
    assert [n["waived"] for n in seen] == [False, False, False, True, False, False]
    assert {(n["kind"], n["charge"]["amount"], n["charge"]["currency"]) for n in seen} == {
        ("CANCELLATION", "60.00", "EUR")
    }


async def test_pending_review_is_the_agency_s_own(db: str) -> None:
    w, them = await make_world(), await make_world(name="Other")
    await add_review_items(them, await add_cancellations(them, [Spec(T0, them.customers[0])]))
    body = await execute(PENDING_REVIEW, {}, user=w.operator)
    assert body["data"]["pendingReview"] == {
        "totalCount": 0,
        "pageInfo": {"hasNextPage": False, "endCursor": None},
        "edges": [],
    }
