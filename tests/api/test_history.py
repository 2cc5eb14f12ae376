"""Order.history, Mission.history and Cancellation.history: oldest first, cursor pages."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from models.agency import Role
from models.audit import Event
from models.cancellations import Cancellation
from tests.factories import gid, make_user
from tests.service.reporting_data import (
    Spec,
    World,
    add_cancellations,
    add_events,
    execute,
    make_world,
)

T0 = datetime(2026, 5, 10, 9, 0, tzinfo=UTC)

HISTORY = """
query History($id: ID!, $first: Int, $after: String) {
  node(id: $id) {
    ... on Order { history(first: $first, after: $after) { ...page } }
    ... on Mission { history(first: $first, after: $after) { ...page } }
    ... on Cancellation { history(first: $first, after: $after) { ...page } }
  }
}
fragment page on EventConnection {
  edges { cursor node { id type occurredAt actor { name role } orderId missionId data } }
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
}
"""


async def _two_cancellations(w: World) -> tuple[Cancellation, Cancellation]:
    first, second = await add_cancellations(
        w, [Spec(T0, w.customers[0], [w.drivers[0]]), Spec(T0, w.customers[1])]
    )
    return first, second


async def _events(w: World, c: Cancellation, n: int, at: datetime) -> list[Event]:
    return await add_events(
        w, n, at, order_id=c.order_id, mission_id=c.mission_id, cancellation_id=c.id
    )


async def _read_all(w: World, global_id: str, first: int) -> list[dict[str, Any]]:
    """Every page of a history, checking the page info on the way."""
    pages: list[dict[str, Any]] = []
    after = None
    while True:
        body = await execute(
            HISTORY, {"id": global_id, "first": first, "after": after}, user=w.operator
        )
        assert "errors" not in body, body
        page = body["data"]["node"]["history"]
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        pages.append(page)
        if not page["pageInfo"]["hasNextPage"]:
            return pages
        assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
        after = page["pageInfo"]["endCursor"]


@pytest.mark.parametrize("parent", ["Order", "Mission", "Cancellation"])
async def test_history_lists_its_own_events_oldest_first_in_pages(db: str, parent: str) -> None:
    # given two cancelled missions, each with its events, interleaved in time
    w = await make_world()
    mine, other = await _two_cancellations(w)
    expected: list[Event] = []
    for i in range(4):
        expected += await _events(w, mine, 3, T0.replace(hour=10 + i))
        await _events(w, other, 2, T0.replace(hour=10 + i, minute=30))
    pk = {"Order": mine.order_id, "Mission": mine.mission_id, "Cancellation": mine.id}[parent]
    # when the history is read five events at a time
    pages = await _read_all(w, gid(parent, pk), first=5)
    # then every event of its own comes once, oldest first, and no other's
    seen = [e["node"] for p in pages for e in p["edges"]]
    assert [n["id"] for n in seen] == [gid("Event", e.id) for e in expected]
    assert [len(p["edges"]) for p in pages] == [5, 5, 2]
    times = [n["occurredAt"] for n in seen]
    assert times == sorted(times)
    assert seen[0]["actor"] == {"name": "Olive Operator", "role": "OPERATOR"}
    assert seen[0]["orderId"] == gid("Order", mine.order_id)
    assert seen[0]["data"] == {"step": 0}


async def test_history_pages_do_not_move_when_events_are_appended(db: str) -> None:
    # given a history read up to a cursor
    w = await make_world()
    c, _ = await _two_cancellations(w)
    early = await _events(w, c, 3, T0)
    body = await execute(HISTORY, {"id": gid("Cancellation", c.id), "first": 2}, user=w.operator)
    cursor = body["data"]["node"]["history"]["pageInfo"]["endCursor"]
    # when more events are appended, and the next page is read
    late = await _events(w, c, 2, T0.replace(hour=12))
    body = await execute(
        HISTORY, {"id": gid("Cancellation", c.id), "first": 10, "after": cursor}, user=w.operator
    )
    # then it continues right after the cursor: the third event, then the new ones
    ids = [e["node"]["id"] for e in body["data"]["node"]["history"]["edges"]]
    assert ids == [gid("Event", e.id) for e in [early[2], *late]]


async def test_histories_of_a_whole_page_come_right_when_batched(db: str) -> None:
    # given several cancellations, with different numbers of events
    w = await make_world()
    made = await add_cancellations(w, [Spec(T0, w.customers[0]) for _ in range(4)])
    expected = {c.id: await _events(w, c, i + 1, T0) for i, c in enumerate(made)}
    # when the Cancelled tab asks for two events of each history
    body = await execute(
        """{ cancellations(first: 10) { edges { node { id
             history(first: 2) { edges { node { id } } pageInfo { hasNextPage } } } } } }""",
        user=w.reporter,
    )
    # then each one shows its own first two, and whether more follow
    assert "errors" not in body, body
    got = {
        e["node"]["id"]: (
            [h["node"]["id"] for h in e["node"]["history"]["edges"]],
            e["node"]["history"]["pageInfo"]["hasNextPage"],
        )
        for e in body["data"]["cancellations"]["edges"]
    }
    assert got == {
        gid("Cancellation", c.id): (
            [gid("Event", ev.id) for ev in expected[c.id][:2]],
            len(expected[c.id]) > 2,
        )
        for c in made
    }


async def test_an_empty_history_and_a_bad_cursor(db: str) -> None:
    w = await make_world()
    c, _ = await _two_cancellations(w)
    body = await execute(HISTORY, {"id": gid("Order", c.order_id)}, user=w.operator)
    assert body["data"]["node"]["history"]["edges"] == []
    assert body["data"]["node"]["history"]["pageInfo"]["hasNextPage"] is False
    body = await execute(
        HISTORY, {"id": gid("Order", c.order_id), "after": "junk"}, user=w.operator
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    body = await execute(HISTORY, {"id": gid("Order", c.order_id), "first": 0}, user=w.operator)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_another_agencys_history_is_not_reachable(db: str) -> None:
    # given an order of another agency, with events
    w, them = await make_world(), await make_world(name="Other")
    c, _ = await _two_cancellations(them)
    await _events(them, c, 2, T0)
    # when I ask for it by id
    body = await execute(HISTORY, {"id": gid("Order", c.order_id)}, user=w.operator)
    # then it is as if it did not exist
    assert body["data"]["node"] is None
    reporter = await make_user(w.agency, Role.REPORTER)
    body = await execute(HISTORY, {"id": gid("Order", c.order_id)}, user=reporter)
    assert body["data"]["node"] is None
