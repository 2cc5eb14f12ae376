"""Cancellation mutations and queries over HTTP: payloads, errors as data, roles."""

from __future__ import annotations

from models.agency import Role
from models.cancellations import Cancellation
from models.domain.statuses import MissionStatus
from models.orders import Mission
from tests.factories import gid, gql, make_user
from tests.service.cancel_helpers import assign, book, force_status, make_world, snapshot

CANCEL = """
mutation($input: CancelMissionInput!) { cancelMission(input: $input) {
  cancellations { id reasonCode reasonLabel requestedBy cancelledBy { name role } }
  errors { code field missionIds } } }
"""
UPDATE = """
mutation($input: UpdateMissionInput!) { updateMission(input: $input) {
  mission { status notes pickupAt } cancellation { reasonCode } errors { code field } } }
"""
PREVIEW = """
query($o: ID) { cancellationPreview(orderId: $o) {
  creditNoteRequired missions { mission { id } action reason decision { billable } } } }
"""
INVOICES = "{ invoices { id number status total { amount } } }"


def _cancel_input(mission_id, **extra):
    return {
        "input": {
            "missionId": gid("Mission", mission_id),
            "requestedBy": "Front desk",
            "reasonCode": "CUSTOMER_REQUEST",
            **extra,
        }
    }


async def test_cancel_mission_payload(client, clock):
    world = await make_world(clock)
    _, (mission,) = await book(world)

    body = await gql(client, CANCEL, _cancel_input(mission.id), user=world.operator)

    (c,) = body["data"]["cancelMission"]["cancellations"]
    assert c["reasonLabel"] == "Customer request" and c["requestedBy"] == "Front desk"
    assert c["cancelledBy"] == {"name": "Olga Operator", "role": "OPERATOR"}


async def test_errors_are_data_and_change_nothing(client, clock):
    world = await make_world(clock)
    _, (mission,) = await book(world)
    await force_status(mission, MissionStatus.IN_PROGRESS)
    before = await snapshot(world.agency.id)

    blank = await gql(
        client, CANCEL, _cancel_input(mission.id, requestedBy=" "), user=world.operator
    )
    running = await gql(client, CANCEL, _cancel_input(mission.id), user=world.operator)
    missing = await gql(client, CANCEL, _cancel_input(10**6), user=world.operator)

    assert blank["data"]["cancelMission"]["errors"] == [
        {"code": "REQUIRED", "field": ["input", "requestedBy"], "missionIds": None}
    ]
    assert running["data"]["cancelMission"]["errors"] == [
        {"code": "CONFIRMATION_REQUIRED", "field": None, "missionIds": [gid("Mission", mission.id)]}
    ]
    assert missing["data"]["cancelMission"]["errors"][0]["code"] == "NOT_FOUND"
    assert await snapshot(world.agency.id) == before


async def test_roles(client, clock):
    world = await make_world(clock)
    order, (mission,) = await book(world)
    reporter = await make_user(world.agency, Role.REPORTER)
    driver_user = await make_user(world.agency, Role.DRIVER, driver=world.driver)

    preview = await gql(client, PREVIEW, {"o": gid("Order", order.id)}, user=reporter)
    forbidden = await gql(client, CANCEL, _cancel_input(mission.id), user=reporter)
    driver = await gql(client, PREVIEW, {"o": gid("Order", order.id)}, user=driver_user)

    assert preview["data"]["cancellationPreview"]["missions"][0]["action"] == "CANCEL"
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert driver["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await Cancellation.all().count() == 0


async def test_preview_changes_nothing_and_shows_the_plan(client, clock):
    world = await make_world(clock)
    order, (done, _pending) = await book(world, 2)
    await force_status(done, MissionStatus.COMPLETED)
    before = await snapshot(world.agency.id)

    body = await gql(client, PREVIEW, {"o": gid("Order", order.id)}, user=world.operator)

    missions = body["data"]["cancellationPreview"]["missions"]
    assert [(m["action"], m["reason"]) for m in missions] == [
        ("UNCHANGED", "already completed"),
        ("CANCEL", None),
    ]
    assert missions[0]["decision"] is None and missions[1]["decision"]["billable"] is True
    assert await snapshot(world.agency.id) == before


async def test_update_mission_edits_then_cancels_through_the_same_path(client, clock):
    world = await make_world(clock)
    _, (mission,) = await book(world)
    await assign(world, mission)
    mission_id = gid("Mission", mission.id)

    edited = await gql(
        client,
        UPDATE,
        {"input": {"missionId": mission_id, "notes": "Gate B", "pickupAt": "2026-06-01T20:30:00Z"}},
        user=world.operator,
    )
    assert edited["data"]["updateMission"]["mission"]["notes"] == "Gate B"
    assert edited["data"]["updateMission"]["mission"]["pickupAt"] == "2026-06-01T20:30:00+00:00"

    before = await snapshot(world.agency.id)
    refused = await gql(
        client,
        UPDATE,
        {"input": {"missionId": mission_id, "status": "CANCELLED"}},
        user=world.operator,
    )
    assert {e["code"] for e in refused["data"]["updateMission"]["errors"]} == {"REQUIRED"}
    assert await snapshot(world.agency.id) == before

    cancelled = await gql(
        client,
        UPDATE,
        {
            "input": {
                "missionId": mission_id,
                "status": "CANCELLED",
                "requestedBy": "Ann",
                "reasonCode": "WEATHER",
            }
        },
        user=world.operator,
    )
    result = cancelled["data"]["updateMission"]
    assert result["errors"] == [] and result["mission"]["status"] == "CANCELLED"
    assert result["cancellation"] == {"reasonCode": "WEATHER"}
    assert (await Mission.get(id=mission.id)).status == MissionStatus.CANCELLED


async def test_invoices_query(client, clock):
    world = await make_world(clock)
    _, (mission,) = await book(world)
    await force_status(mission, MissionStatus.COMPLETED)
    created = await gql(
        client,
        "mutation($c: ID!) { createInvoice(customerId: $c) { invoice { id } errors { code } } }",
        {"c": gid("Customer", world.customer.id)},
        user=world.operator,
    )
    assert created["data"]["createInvoice"]["errors"] == []
    reporter = await make_user(world.agency, Role.REPORTER)

    body = await gql(client, INVOICES, user=reporter)

    assert body["data"]["invoices"] == [
        {
            "id": created["data"]["createInvoice"]["invoice"]["id"],
            "number": None,
            "status": "DRAFT",
            "total": {"amount": "120.00"},
        }
    ]


async def test_order_history_shows_the_missions_affected_by_their_global_ids(client, clock):
    # given an order of two assigned missions
    world = await make_world(clock)
    order, missions = await book(world, count=2)
    for mission in missions:
        await assign(world, mission)
    cancel_order = """
    mutation($input: CancelOrderInput!) { cancelOrder(input: $input) { errors { code } } }
    """
    history = """
    query($id: ID!) { order(id: $id) { history(first: 50) { edges { node { type data } } } } }
    """

    # when the whole order is cancelled
    body = await gql(
        client,
        cancel_order,
        {
            "input": {
                "orderId": gid("Order", order.id),
                "requestedBy": "Desk",
                "reasonCode": "WEATHER",
            }
        },
        user=world.operator,
    )
    assert body["data"]["cancelOrder"]["errors"] == []

    # then the order's history lists the affected missions with the ids clients use
    body = await gql(client, history, {"id": gid("Order", order.id)}, user=world.operator)
    events = [e["node"] for e in body["data"]["order"]["history"]["edges"]]
    (cancelled,) = [e for e in events if e["type"] == "OrderCancelled"]
    assert sorted(cancelled["data"]["missionsAffected"]) == sorted(
        gid("Mission", m.id) for m in missions
    )


async def test_issuing_a_draft_with_nothing_to_bill_is_refused_as_data(client, clock):
    # given a draft whose only cancellation was then waived
    from resolvers.cancellation.cancel_mission import cancel_mission
    from resolvers.cancellation.waiver import set_cancellation_waiver
    from resolvers.invoicing import create_invoice
    from tests.service.cancel_helpers import request

    world = await make_world(clock)
    _, (mission,) = await book(world)
    outcome = await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    draft = await create_invoice(world.scope, clock, customer_id=world.customer.id)
    await set_cancellation_waiver(
        world.scope, clock, cancellation_id=outcome.cancellations[0].id, waived=True
    )

    # when it is issued over the API
    body = await gql(
        client,
        "mutation($i: ID!) { issueInvoice(invoiceId: $i) { invoice { number } "
        "errors { code field message } } }",
        {"i": gid("Invoice", draft.id)},
        user=world.operator,
    )

    # then the refusal is data naming the invoice, and the draft stays a draft, unnumbered
    result = body["data"]["issueInvoice"]
    assert result["invoice"] is None
    (error,) = result["errors"]
    assert error["code"] == "INVALID" and error["field"] == ["invoiceId"]
    assert "nothing to bill" in error["message"]
    listed = await gql(client, INVOICES, user=world.operator)
    assert listed["data"]["invoices"][0]["number"] is None
    assert listed["data"]["invoices"][0]["status"] == "DRAFT"
