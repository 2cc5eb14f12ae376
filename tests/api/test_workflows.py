"""The two seed workflows, over HTTP, as a dispatcher would do them."""

from __future__ import annotations

from models.agency import Role
from tests.factories import gid, gql, make_agency, make_customer, make_driver, make_user

CREATE_ORDER = """
mutation($input: CreateOrderInput!) { createOrder(input: $input) {
  order { id missions { id } } errors { code message } } }
"""
ASSIGN = """
mutation($m: ID!, $d: ID!) { assignDriver(input: {missionId: $m, driverId: $d}) {
  mission { status } errors { code message } } }
"""
PREVIEW = """
query($m: ID, $o: ID) { cancellationPreview(missionId: $m, orderId: $o) {
  creditNoteRequired
  missions { mission { id } action reason
    decision { billable charge { amount currency } payouts { amount { amount } } } } } }
"""
CANCEL = """
mutation($input: CancelMissionInput!) { cancelMission(input: $input) {
  cancellations { id decision { billable charge { amount } } waived }
  order { status } creditNoteRequired errors { code field missionIds } } }
"""
CANCEL_ORDER = """
mutation($input: CancelOrderInput!) { cancelOrder(input: $input) {
  order { status } cancellations { id mission { id } }
  unchanged { mission { id } reason } errors { code field missionIds } } }
"""
PENDING = "{ pendingReview { edges { node { id kind waived charge { amount } } } } }"
WAIVER = """
mutation($c: ID!, $w: Boolean!) { setCancellationWaiver(
  input: {cancellationId: $c, waived: $w, note: "Goodwill"}) {
  cancellation { waived waiverNote } errors { code } } }
"""
CREATE_INVOICE = """
mutation($c: ID!) { createInvoice(customerId: $c) {
  invoice { id status total { amount } lines { kind amount { amount } } } errors { code } } }
"""
ISSUE = """
mutation($i: ID!) { issueInvoice(invoiceId: $i) {
  invoice { number status total { amount } } errors { code } } }
"""
STATUS = """
mutation($m: ID!, $s: MissionStatus!) { updateMissionStatus(input: {missionId: $m, status: $s}) {
  mission { status } errors { code message } } }
"""
UNCANCEL = """
mutation($m: ID!) { uncancelMission(input: {missionId: $m}) {
  mission { status order { status } assignments { driver { id } } } errors { code } } }
"""


async def _setup():
    agency = await make_agency()
    operator = await make_user(agency, Role.OPERATOR, name="Olga")
    customer = await make_customer(agency)
    driver = await make_driver(agency)
    driver_user = await make_user(agency, Role.DRIVER, driver=driver)
    return agency, operator, customer, driver, driver_user


async def _order(client, operator, customer, slots):
    body = await gql(
        client,
        CREATE_ORDER,
        {
            "input": {
                "customerId": gid("Customer", customer.id),
                "reference": f"R-{slots[0][0]}",
                "missions": [{"pickupAt": a, "estimatedEndAt": b} for a, b in slots],
            }
        },
        user=operator,
    )
    order = body["data"]["createOrder"]["order"]
    return order["id"], [m["id"] for m in order["missions"]]


async def test_customer_cancels_one_mission_then_billing_review(client, clock):
    _agency, operator, customer, driver, _ = await _setup()
    # a two-mission order; the driver is on the first one, 12 h from now (window 24 h)
    _, (first, _second) = await _order(
        client,
        operator,
        customer,
        [
            ("2026-06-01T20:00:00Z", "2026-06-01T22:00:00Z"),
            ("2026-06-02T20:00:00Z", "2026-06-02T22:00:00Z"),
        ],
    )
    driver_id = gid("Driver", driver.id)
    assert (await gql(client, ASSIGN, {"m": first, "d": driver_id}, user=operator))["data"][
        "assignDriver"
    ]["errors"] == []

    # the banner: billable, 120.00 charged, 60.00 to the driver
    preview = (await gql(client, PREVIEW, {"m": first}, user=operator))["data"]
    (line,) = preview["cancellationPreview"]["missions"]
    assert line["action"] == "CANCEL"
    assert line["decision"]["billable"] is True
    assert line["decision"]["charge"] == {"amount": "120.00", "currency": "EUR"}
    assert line["decision"]["payouts"] == [{"amount": {"amount": "60.00"}}]

    # cancel it
    body = await gql(
        client,
        CANCEL,
        {
            "input": {
                "missionId": first,
                "requestedBy": "Mr Smith",
                "reasonCode": "CUSTOMER_REQUEST",
            }
        },
        user=operator,
    )
    result = body["data"]["cancelMission"]
    assert result["errors"] == [] and result["order"]["status"] == "OPEN"
    (cancellation,) = result["cancellations"]

    # the driver's slot is free: another mission in the same slot takes the driver
    _, (other,) = await _order(
        client, operator, customer, [("2026-06-01T20:30:00Z", "2026-06-01T21:30:00Z")]
    )
    assigned = await gql(client, ASSIGN, {"m": other, "d": driver_id}, user=operator)
    assert assigned["data"]["assignDriver"]["errors"] == []

    # Pending Review has it; waive, then un-waive
    items = (await gql(client, PENDING, user=operator))["data"]["pendingReview"]["edges"]
    assert [(i["node"]["kind"], i["node"]["charge"]["amount"]) for i in items] == [
        ("CANCELLATION", "120.00")
    ]
    waived = await gql(client, WAIVER, {"c": cancellation["id"], "w": True}, user=operator)
    assert waived["data"]["setCancellationWaiver"]["cancellation"]["waived"] is True
    unwaived = await gql(client, WAIVER, {"c": cancellation["id"], "w": False}, user=operator)
    assert unwaived["data"]["setCancellationWaiver"]["cancellation"]["waived"] is False

    # invoice and issue it
    created = await gql(client, CREATE_INVOICE, {"c": gid("Customer", customer.id)}, user=operator)
    invoice = created["data"]["createInvoice"]["invoice"]
    assert invoice["total"] == {"amount": "120.00"}
    assert [line["kind"] for line in invoice["lines"]] == ["CANCELLATION"]
    issued = await gql(client, ISSUE, {"i": invoice["id"]}, user=operator)
    assert issued["data"]["issueInvoice"]["invoice"] == {
        "number": "INV-000001",
        "status": "ISSUED",
        "total": {"amount": "120.00"},
    }
    refused = await gql(client, WAIVER, {"c": cancellation["id"], "w": True}, user=operator)
    assert refused["data"]["setCancellationWaiver"]["errors"] == [{"code": "ALREADY_INVOICED"}]


async def test_cancel_whole_order_with_a_mission_in_progress(client, clock):
    _agency, operator, customer, driver, driver_user = await _setup()
    order, (running, later) = await _order(
        client,
        operator,
        customer,
        [
            ("2026-06-01T07:30:00Z", "2026-06-01T09:30:00Z"),
            ("2026-06-03T20:00:00Z", "2026-06-03T22:00:00Z"),
        ],
    )
    await gql(client, ASSIGN, {"m": running, "d": gid("Driver", driver.id)}, user=operator)
    accept = "mutation($m: ID!) { acceptMission(missionId: $m) { errors { code } } }"
    start = "mutation($m: ID!) { startMission(missionId: $m) { errors { code } } }"
    assert (await gql(client, accept, {"m": running}, user=driver_user))["data"]["acceptMission"][
        "errors"
    ] == []
    assert (await gql(client, start, {"m": running}, user=driver_user))["data"]["startMission"][
        "errors"
    ] == []
    base = {"orderId": order, "requestedBy": "Front desk", "reasonCode": "CUSTOMER_REQUEST"}

    # without a decision for the running mission: refused, listing it
    body = await gql(client, CANCEL_ORDER, {"input": base}, user=operator)
    (error,) = body["data"]["cancelOrder"]["errors"]
    assert error["code"] == "CONFIRMATION_REQUIRED" and error["missionIds"] == [running]
    assert error["field"] == ["input", "inProgressDecisions"]

    # keep it running: the order stays in progress
    decided = {**base, "inProgressDecisions": [{"missionId": running, "cancel": False}]}
    body = await gql(client, CANCEL_ORDER, {"input": decided}, user=operator)
    result = body["data"]["cancelOrder"]
    assert result["errors"] == [] and result["order"]["status"] == "IN_PROGRESS"
    assert [c["mission"]["id"] for c in result["cancellations"]] == [later]
    assert [u["mission"]["id"] for u in result["unchanged"]] == [running]

    # it completes: the order is cancelled
    done = await gql(client, STATUS, {"m": running, "s": "COMPLETED"}, user=operator)
    assert done["data"]["updateMissionStatus"]["errors"] == []
    order_status = f'{{ order(id: "{order}") {{ status }} }}'
    assert (await gql(client, order_status, user=operator))["data"]["order"][
        "status"
    ] == "CANCELLED"

    # un-cancel the later one: the order is open again
    body = await gql(client, UNCANCEL, {"m": later}, user=operator)
    reopened = body["data"]["uncancelMission"]
    assert reopened["errors"] == []
    assert reopened["mission"]["status"] == "PENDING_ASSIGNMENT"
    assert reopened["mission"]["order"]["status"] == "OPEN"
    assert reopened["mission"]["assignments"] == []
