"""Tenancy (SPEC §12): another agency's ids answer exactly like missing ones."""

from __future__ import annotations

from datetime import timedelta

import pytest

from models.agency import Role
from models.audit import Event
from models.cancellations import CancellationReason
from models.orders import Assignment, Mission, Order
from models.people import Customer, Driver
from resolvers.assignments import assign_driver
from resolvers.orders import MissionDraft, create_order
from tests.conftest import NOW
from tests.factories import gid, gql, make_agency, make_customer, make_driver, make_user, scope_of


async def _two_agencies(clock):
    """Agency A with an order, a mission (assigned), a customer, a driver; users of B."""
    a = await make_agency("Agency A")
    a_operator = scope_of(await make_user(a, Role.OPERATOR))
    a_customer = await make_customer(a, "A Customer")
    a_driver = await make_driver(a, "A Driver")
    start = NOW + timedelta(days=1)
    booking = await create_order(
        a_operator,
        clock,
        customer_id=a_customer.id,
        reference="A-1",
        missions=[MissionDraft(start, start + timedelta(hours=1))],
    )
    mission = booking.missions[0]
    await assign_driver(a_operator, clock, mission_id=mission.id, driver_id=a_driver.id)
    reason = await CancellationReason.get(agency_id=a.id, code="WEATHER")
    b = await make_agency("Agency B")
    b_driver = await make_driver(b, "B Driver")
    users = {
        role: await make_user(b, role, driver=b_driver if role is Role.DRIVER else None)
        for role in Role
    }
    ids = {
        "Order": gid("Order", booking.order.id),
        "Mission": gid("Mission", mission.id),
        "Customer": gid("Customer", a_customer.id),
        "Driver": gid("Driver", a_driver.id),
        "CancellationReason": gid("CancellationReason", reason.id),
    }
    b_customer = await make_customer(b, "B Customer")
    return (
        ids,
        users,
        {"driver": gid("Driver", b_driver.id), "customer": gid("Customer", b_customer.id)},
    )


async def _snapshot():
    return (
        await Order.all().count(),
        await Mission.all().count(),
        await Assignment.all().count(),
        await Customer.all().count(),
        await Driver.all().count(),
        await CancellationReason.all().count(),
        await Event.all().count(),
        sorted(await Mission.all().values_list("status", flat=True)),
    )


@pytest.mark.parametrize("role", list(Role))
async def test_single_object_queries_answer_null(db, client, clock, role):
    # given
    ids, users, _ = await _two_agencies(clock)
    # when
    body = await gql(
        client,
        """
      query($o: ID!, $m: ID!, $c: ID!, $d: ID!, $r: ID!) {
        order(id: $o) { id } mission(id: $m) { id }
        nc: node(id: $c) { id } nd: node(id: $d) { id } nr: node(id: $r) { id }
        no: node(id: $o) { id } nm: node(id: $m) { id }
      }""",
        {
            "o": ids["Order"],
            "m": ids["Mission"],
            "c": ids["Customer"],
            "d": ids["Driver"],
            "r": ids["CancellationReason"],
        },
        user=users[role],
    )
    # then
    assert "errors" not in body, body
    assert all(value is None for value in body["data"].values()), body


async def test_lists_show_nothing_of_another_agency(db, client, clock):
    # given
    ids, users, _ = await _two_agencies(clock)
    # when
    body = await gql(
        client,
        """{
      orders { totalCount } missions { totalCount }
      customers { edges { node { name } } } drivers { edges { node { name } } }
      cancellationReasons { id }
    }""",
        user=users[Role.ADMIN],
    )
    # then
    data = body["data"]
    assert data["orders"]["totalCount"] == 0
    assert data["missions"]["totalCount"] == 0
    assert [e["node"]["name"] for e in data["customers"]["edges"]] == ["B Customer"]
    assert [e["node"]["name"] for e in data["drivers"]["edges"]] == ["B Driver"]
    assert ids["CancellationReason"] not in {r["id"] for r in data["cancellationReasons"]}


MUTATIONS = [
    (
        Role.OPERATOR,
        "assignDriver",
        "mutation($m: ID!, $d: ID!) { assignDriver(input: {missionId: $m, driverId: $d}) { mission { id } errors { code field } } }",
        lambda ids, own: {"m": ids["Mission"], "d": own["driver"]},
        ["input", "missionId"],
    ),
    (
        Role.OPERATOR,
        "assignDriver",
        "mutation($m: ID!, $d: ID!) { assignDriver(input: {missionId: $m, driverId: $d}) { mission { id } errors { code field } } }",
        lambda ids, own: {"m": ids["Mission"], "d": ids["Driver"]},
        ["input", "driverId"],
    ),
    (
        Role.OPERATOR,
        "unassignDriver",
        "mutation($m: ID!, $d: ID!) { unassignDriver(input: {missionId: $m, driverId: $d}) { mission { id } errors { code field } } }",
        lambda ids, own: {"m": ids["Mission"], "d": ids["Driver"]},
        ["input", "driverId"],
    ),
    (
        Role.OPERATOR,
        "createOrder",
        'mutation($c: ID!) { createOrder(input: {customerId: $c, reference: "B-1", missions: [{pickupAt: "2026-06-02T08:00:00Z", estimatedEndAt: "2026-06-02T09:00:00Z"}]}) { order { id } errors { code field } } }',
        lambda ids, own: {"c": ids["Customer"]},
        ["input", "customerId"],
    ),
    (
        Role.OPERATOR,
        "createSeries",
        'mutation($c: ID!) { createSeries(input: {customerId: $c, reference: "B-1", rule: "FREQ=DAILY;COUNT=2", first: {pickupAt: "2026-06-02T08:00:00Z", estimatedEndAt: "2026-06-02T09:00:00Z"}}) { order { id } errors { code field } } }',
        lambda ids, own: {"c": ids["Customer"]},
        ["input", "customerId"],
    ),
    (
        Role.ADMIN,
        "updateCustomer",
        'mutation($id: ID!) { updateCustomer(id: $id, input: {name: "Taken", billingRatePerHour: "1.00"}) { customer { id } errors { code field } } }',
        lambda ids, own: {"id": ids["Customer"]},
        ["id"],
    ),
    (
        Role.ADMIN,
        "updateDriver",
        'mutation($id: ID!) { updateDriver(id: $id, input: {name: "Taken", payRatePerHour: "1.00"}) { driver { id } errors { code field } } }',
        lambda ids, own: {"id": ids["Driver"]},
        ["id"],
    ),
    (
        Role.ADMIN,
        "updateCancellationReason",
        'mutation($id: ID!) { updateCancellationReason(id: $id, input: {code: "TAKEN", label: "Taken"}) { reason { id } errors { code field } } }',
        lambda ids, own: {"id": ids["CancellationReason"]},
        ["id"],
    ),
    (
        Role.DRIVER,
        "acceptMission",
        "mutation($m: ID!) { acceptMission(missionId: $m) { mission { id } errors { code field } } }",
        lambda ids, own: {"m": ids["Mission"]},
        ["missionId"],
    ),
    (
        Role.DRIVER,
        "reportArrival",
        "mutation($m: ID!) { reportArrival(missionId: $m) { mission { id } errors { code field } } }",
        lambda ids, own: {"m": ids["Mission"]},
        ["missionId"],
    ),
    (
        Role.OPERATOR,
        "cancelMission",
        'mutation($m: ID!) { cancelMission(input: {missionId: $m, requestedBy: "Desk", reasonCode: "WEATHER"}) { errors { code field } } }',
        lambda ids, own: {"m": ids["Mission"]},
        ["input", "missionId"],
    ),
    (
        Role.OPERATOR,
        "cancelOrder",
        'mutation($o: ID!) { cancelOrder(input: {orderId: $o, requestedBy: "Desk", reasonCode: "WEATHER"}) { errors { code field } } }',
        lambda ids, own: {"o": ids["Order"]},
        ["input", "orderId"],
    ),
]


@pytest.mark.parametrize(
    ("role", "name", "text", "variables", "field"),
    MUTATIONS,
    ids=[f"{m[1]}-{m[4][-1]}" for m in MUTATIONS],
)
async def test_mutations_on_another_agencys_ids_are_not_found(
    db, client, clock, role, name, text, variables, field
):
    # given
    ids, users, own = await _two_agencies(clock)
    before = await _snapshot()
    # when
    body = await gql(client, text, variables(ids, own), user=users[role])
    # then
    assert "errors" not in body, body
    payload = body["data"][name]
    assert payload["errors"][0]["code"] == "NOT_FOUND", payload
    assert payload["errors"][0]["field"] == field, payload
    assert await _snapshot() == before


async def test_a_driver_sees_only_their_own_occurrences_and_no_order_history(db, client, clock):
    from tests.service.cancel_helpers import assign, book_series, make_world

    # given a weekly series whose first occurrence is Dana's and second another driver's
    world = await make_world(clock)
    _, occurrences = await book_series(world)
    await assign(world, occurrences[0])
    await assign(world, occurrences[1], world.driver2)
    dana = await make_user(world.agency, Role.DRIVER, driver=world.driver)
    query = """
    query($id: ID!) { mission(id: $id) {
      series { missions { id assignments { driver { name } } } }
      order { missions { id } history(first: 10) { edges { node { type } } } } } }
    """

    # when Dana's app reads her mission's series and order
    body = await gql(client, query, {"id": gid("Mission", occurrences[0].id)}, user=dana)

    # then she sees her own occurrence only, and none of the order's trail
    assert "errors" not in body
    mission = body["data"]["mission"]
    assert [m["id"] for m in mission["series"]["missions"]] == [gid("Mission", occurrences[0].id)]
    assert [m["id"] for m in mission["order"]["missions"]] == [gid("Mission", occurrences[0].id)]
    assert mission["order"]["history"]["edges"] == []
