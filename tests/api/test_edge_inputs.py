"""Inputs at the edges get a clear error and change nothing, never an internal error."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from models.agency import Role
from models.audit import Event
from models.orders import Mission, Order
from resolvers.cancellation.cancel_mission import cancel_mission
from tests.factories import gid, gql, make_user
from tests.service.cancel_helpers import NEXT_WEEK, assign, book, make_world, request

CANCEL = "mutation($i: CancelMissionInput!) { cancelMission(input: $i) { errors { code field } } }"
SERIES = (
    "mutation($i: CreateSeriesInput!) { createSeries(input: $i) { order { id } "
    "errors { code field } } }"
)
FIRST = {"pickupAt": "2026-06-10T07:00:00Z", "estimatedEndAt": "2026-06-10T08:00:00Z"}


def _cursor(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def _cases(m: str, c: str, d: str, o: str) -> list[tuple[str, str, dict[str, Any], str, Any]]:
    """(label, query, variables, expected kind, expected code, field or data)."""
    cancel = {"missionId": m, "requestedBy": "Front desk", "reasonCode": "WEATHER"}
    return [
        (
            "long reason code",
            CANCEL,
            {"i": {**cancel, "reasonCode": "X" * 65}},
            "error",
            "INVALID_REASON",
        ),
        (
            "NUL in requestedBy",
            CANCEL,
            {"i": {**cancel, "requestedBy": "Front\u0000desk"}},
            "error",
            "INVALID",
        ),
        (
            "requestedAt in year 1",
            CANCEL,
            {"i": {**cancel, "requestedAt": "0001-01-01T00:00:00+01:00"}},
            "error",
            "INVALID",
        ),
        (
            "unprintable idempotency key",
            CANCEL,
            {"i": {**cancel, "idempotencyKey": "k\u0000"}},
            "error",
            "INVALID",
        ),
        (
            "id past 32 bits",
            CANCEL,
            {"i": {**cancel, "missionId": gid("Mission", 2**31)}},
            "error",
            "NOT_FOUND",
        ),
        (
            "UNTIL on 30 February",
            SERIES,
            {
                "i": {
                    "customerId": c,
                    "reference": "S-1",
                    "first": FIRST,
                    "rule": "FREQ=DAILY;UNTIL=20260230",
                }
            },
            "error",
            "INVALID",
        ),
        (
            "COUNT in superscript digits",
            SERIES,
            {
                "i": {
                    "customerId": c,
                    "reference": "S-2",
                    "first": FIRST,
                    "rule": "FREQ=DAILY;COUNT=²",
                }
            },
            "error",
            "INVALID",
        ),
        (
            "INTERVAL=0",
            SERIES,
            {
                "i": {
                    "customerId": c,
                    "reference": "S-3",
                    "first": FIRST,
                    "rule": "FREQ=DAILY;INTERVAL=0;COUNT=3",
                }
            },
            "error",
            "INVALID",
        ),
        (
            "COUNT twice",
            SERIES,
            {
                "i": {
                    "customerId": c,
                    "reference": "S-4",
                    "first": FIRST,
                    "rule": "FREQ=DAILY;COUNT=3;COUNT=4",
                }
            },
            "error",
            "INVALID",
        ),
        (
            "series in year 9999",
            SERIES,
            {
                "i": {
                    "customerId": c,
                    "reference": "S-5",
                    "first": {
                        "pickupAt": "9999-12-31T20:00:00Z",
                        "estimatedEndAt": "9999-12-31T21:00:00Z",
                    },
                    "rule": "FREQ=DAILY;COUNT=2",
                }
            },
            "error",
            "INVALID",
        ),
        (
            "order in year 1",
            "mutation($i: CreateOrderInput!) { createOrder(input: $i) { errors { code field } } }",
            {
                "i": {
                    "customerId": c,
                    "reference": "R-1",
                    "missions": [
                        {
                            "pickupAt": "0001-01-01T00:00:00+01:00",
                            "estimatedEndAt": "0001-01-01T02:00:00+01:00",
                        }
                    ],
                }
            },
            "error",
            "INVALID",
        ),
        (
            "cancellationNote too long",
            "mutation($i: UpdateMissionInput!) { updateMission(input: $i) { errors { code field } } }",
            {"i": {**cancel, "status": "CANCELLED", "cancellationNote": "x" * 2001}},
            "field",
            ["input", "cancellationNote"],
        ),
        (
            "two decisions for one mission",
            "mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { errors { code field } } }",
            {
                "i": {
                    "orderId": o,
                    "requestedBy": "F",
                    "reasonCode": "WEATHER",
                    "inProgressDecisions": [
                        {"missionId": m, "cancel": True},
                        {"missionId": m, "cancel": False},
                    ],
                }
            },
            "field",
            ["input", "inProgressDecisions", "1", "missionId"],
        ),
        (
            "report in year 9999",
            'query { cancellationReport(from: "9999-12-31", to: "9999-12-31", groupBy: REASON) { key } }',
            {},
            "query",
            "BAD_USER_INPUT",
        ),
        (
            "Cancelled tab to year 9999",
            'query { cancellations(filter: {cancelledTo: "9999-12-31"}) { totalCount } }',
            {},
            "query",
            "BAD_USER_INPUT",
        ),
        (
            "driver missions first 0",
            "query($id: ID!) { node(id: $id) { ... on Driver { missions(first: 0) { totalCount } } } }",
            {"id": d},
            "query",
            "BAD_USER_INPUT",
        ),
        (
            "cursor of the wrong type",
            "query($a: String) { orders(after: $a) { totalCount } }",
            {"a": _cursor(["abc"])},
            "query",
            "BAD_USER_INPUT",
        ),
        (
            "cursor past 32 bits",
            "query($a: String) { orders(after: $a) { totalCount } }",
            {"a": _cursor([2**40])},
            "query",
            "BAD_USER_INPUT",
        ),
        (
            "long reason code filter",
            "query($f: CancellationFilter) { cancellations(filter: $f) { totalCount } }",
            {"f": {"reasonCodes": ["X" * 65]}},
            "data",
            {"cancellations": {"totalCount": 0}},
        ),
        (
            "NUL in a customer search (dropped)",
            'query { customers(search: "Glo\\u0000bex") { totalCount } }',
            {},
            "data",
            {"customers": {"totalCount": 1}},
        ),
        (
            "mission id past 32 bits",
            "query($id: ID!) { mission(id: $id) { id } }",
            {"id": gid("Mission", 2**31)},
            "data",
            {"mission": None},
        ),
    ]


async def _counts() -> tuple[int, int, int]:
    return (await Order.all().count(), await Mission.all().count(), await Event.all().count())


@pytest.mark.parametrize("index", range(21))
async def test_edge_inputs_are_refused_clearly_and_change_nothing(db, client, clock, index):
    # given an agency with a booked, assigned mission, and a mission cancelled for WEATHER
    # (that a filter or search ignoring the odd input would list)
    world = await make_world(clock)
    order, (mission,) = await book(world)
    await assign(world, mission)
    _, (cancelled,) = await book(world, start=NEXT_WEEK)
    await cancel_mission(world.scope, clock, mission_id=cancelled.id, request=request())
    operator = await make_user(world.agency, Role.OPERATOR)
    label, query, variables, kind, expected = _cases(
        gid("Mission", mission.id),
        gid("Customer", world.customer.id),
        gid("Driver", world.driver.id),
        gid("Order", order.id),
    )[index]
    before = await _counts()

    # when the request is sent
    body = await gql(client, query, variables, user=operator)

    # then no internal error, the expected answer, and nothing changed
    assert "Internal error" not in json.dumps(body), (label, body)
    if kind in ("error", "field"):
        (payload,) = body["data"].values()
        (error,) = payload["errors"]
        assert (error["code"] if kind == "error" else error["field"]) == expected, (label, error)
    elif kind == "query":
        assert body["errors"][0]["extensions"]["code"] == expected, (label, body)
    else:
        assert "errors" not in body, (label, body)
        assert body["data"] == expected, (label, body)
    assert await _counts() == before, label
