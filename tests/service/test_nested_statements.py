"""Connections nested in a list cost the same statements for 2 parents or 12 (the planner).

Every cancellation's, mission's and order's history, and every driver's missions, are
read for all parents of a page together: one windowed statement per nested connection,
which also counts each parent's list when totalCount is asked, whatever the page size,
and through the compiled executor without an awaitable per row.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from models.config import ExecutorMode
from models.orders import Assignment, Mission
from schema.compiled.executor import executor_override
from tests.factories import make_driver
from tests.service.reporting_data import Spec, add_cancellations, add_events, execute, make_world
from tests.sqlcount import count_statements

T0 = datetime(2026, 5, 10, 9, 0, tzinfo=UTC)

HISTORIES = """
query ($first: Int) { cancellations(first: $first) { edges { node {
  history(first: 2) { pageInfo { hasNextPage } edges { cursor node { type } } }
  mission { history(first: 3) { edges { node { id } } } }
  order { history { edges { node { type } } } }
} } } }
"""

DRIVERS = """
query ($first: Int) { drivers(first: $first) { edges { node {
  name missions(first: 2) { totalCount pageInfo { hasNextPage } edges { node { id pickupAt } } }
} } } }
"""


async def _world(n: int):
    w = await make_world()
    specs = [
        Spec(T0 + timedelta(minutes=i), w.customers[i % 3], [w.drivers[i % 3]], "WEATHER")
        for i in range(n)
    ]
    made = await add_cancellations(w, specs)
    for c in made:
        await add_events(
            w, 3, c.cancelled_at, order_id=c.order_id, mission_id=c.mission_id, cancellation_id=c.id
        )
    # every driver (those of the world and n more) on three missions, still assigned
    drivers = [*w.drivers, *[await make_driver(w.agency, f"Extra {i:02}") for i in range(n)]]
    missions = await Mission.filter(id__in=[c.mission_id for c in made]).order_by("pickup_at")
    for i, driver in enumerate(drivers):
        for mission in (missions * 3)[i : i + 3]:
            await Assignment.create(
                agency_id=w.agency.id,
                mission_id=mission.id,
                driver_id=driver.id,
                assigned_at=T0,
                slot_start=mission.pickup_at,
                slot_end=mission.estimated_end_at,
                driver_pay_rate_per_hour=driver.pay_rate_per_hour,
            )
    return w


async def _count(query: str, n: int) -> tuple[int, dict]:
    w = await _world(n)
    with executor_override(ExecutorMode.COMPILED), count_statements() as seen:
        body = await execute(query, {"first": n}, user=w.operator)
    assert "errors" not in body, body
    return len(seen), body


@pytest.mark.parametrize("query", [HISTORIES, DRIVERS], ids=["histories", "drivers-missions"])
async def test_nested_connections_cost_the_same_for_2_or_12_parents(db: str, query: str) -> None:
    # given pages of 2 and of 12 parents, each with a nested connection
    small, _ = await _count(query, 2)
    large, body = await _count(query, 12)
    # then the statements do not grow with the parents, and every parent got its page
    assert small == large
    (connection,) = body["data"].values()
    assert len(connection["edges"]) == 12


async def test_each_driver_gets_their_own_missions(db: str) -> None:
    # given drivers on three missions each
    _, body = await _count(DRIVERS, 3)
    # then each page shows two of that driver's three, and counts three
    for edge in body["data"]["drivers"]["edges"]:
        missions = edge["node"]["missions"]
        assert missions["totalCount"] == 3
        assert len(missions["edges"]) == 2
        assert missions["pageInfo"]["hasNextPage"] is True
        starts = [e["node"]["pickupAt"] for e in missions["edges"]]
        assert starts == sorted(starts)


async def test_each_parent_gets_its_own_page(db: str) -> None:
    # given cancellations with three events each
    _, body = await _count(HISTORIES, 4)
    # then each history is its own, two events and a next page
    for edge in body["data"]["cancellations"]["edges"]:
        history = edge["node"]["history"]
        assert len(history["edges"]) == 2
        assert history["pageInfo"]["hasNextPage"] is True
        assert len(edge["node"]["mission"]["history"]["edges"]) == 3


async def test_a_nested_total_count_comes_with_the_pages(db: str) -> None:
    # given drivers on three missions each
    w = await _world(3)
    without_total = DRIVERS.replace("totalCount ", "", 1)
    # when their missions are read with and without totalCount
    with executor_override(ExecutorMode.COMPILED), count_statements() as counted:
        body = await execute(DRIVERS, {"first": 3}, user=w.operator)
    with executor_override(ExecutorMode.COMPILED), count_statements() as plain:
        await execute(without_total, {"first": 3}, user=w.operator)
    # then each is counted, by the statement that reads the pages
    totals = [e["node"]["missions"]["totalCount"] for e in body["data"]["drivers"]["edges"]]
    assert totals and set(totals) == {3}
    assert len(counted) == len(plain)
