"""Refused orders and series: the code, the field at fault, and nothing changed; odd
dates and recurrence rules get a clear error, never an internal one."""

from __future__ import annotations

import json
from typing import Any

import pytest

from models.agency import Role
from tests.api.input_checks import EdgeWorld, only_error, snapshot
from tests.factories import gid, gql, make_agency, make_customer, make_user

ORDER = "mutation($i: CreateOrderInput!) { createOrder(input: $i) { order { id } errors { code field } } }"
SERIES = (
    "mutation($i: CreateSeriesInput!) { createSeries(input: $i) { order { id } "
    "errors { code field } } }"
)

START, END = "2026-06-02T08:00:00Z", "2026-06-02T09:00:00Z"
FIRST = {"pickupAt": "2026-06-10T07:00:00Z", "estimatedEndAt": "2026-06-10T08:00:00Z"}


def _order(customer_id: str, **changes):
    value = {
        "customerId": customer_id,
        "reference": "R-1",
        "missions": [{"pickupAt": START, "estimatedEndAt": END}],
    }
    value.update(changes)
    return value


ORDER_CASES = [
    (
        "end before start",
        {
            "missions": [
                {"pickupAt": START, "estimatedEndAt": START},
                {"pickupAt": END, "estimatedEndAt": START},
            ]
        },
        "INVALID",
        ["input", "missions", "0", "estimatedEndAt"],
    ),
    (
        "second mission ends before it starts",
        {
            "missions": [
                {"pickupAt": START, "estimatedEndAt": END},
                {"pickupAt": END, "estimatedEndAt": START},
            ]
        },
        "INVALID",
        ["input", "missions", "1", "estimatedEndAt"],
    ),
    ("no missions", {"missions": []}, "REQUIRED", ["input", "missions"]),
    ("blank reference", {"reference": " "}, "REQUIRED", ["input", "reference"]),
    (
        "time without offset",
        {"missions": [{"pickupAt": "2026-06-02T08:00:00", "estimatedEndAt": END}]},
        "INVALID",
        ["input", "missions", "0", "pickupAt"],
    ),
    ("malformed customer id", {"customerId": "not-an-id"}, "NOT_FOUND", ["input", "customerId"]),
    ("id of another type", {"customerId": gid("Driver", 1)}, "NOT_FOUND", ["input", "customerId"]),
    (
        "unknown customer",
        {"customerId": gid("Customer", 999999)},
        "NOT_FOUND",
        ["input", "customerId"],
    ),
]


@pytest.mark.parametrize(
    ("case", "changes", "code", "field"), ORDER_CASES, ids=[c[0] for c in ORDER_CASES]
)
async def test_order_input_is_refused(db, client, case, changes, code, field):
    # given
    agency = await make_agency()
    operator = await make_user(agency, Role.OPERATOR)
    customer = await make_customer(agency)
    before = await snapshot(agency.id)
    # when
    body = await gql(
        client, ORDER, {"i": _order(gid("Customer", customer.id), **changes)}, user=operator
    )
    # then
    assert "errors" not in body, body
    payload = body["data"]["createOrder"]
    assert payload["order"] is None
    assert payload["errors"] == [{"code": code, "field": field}]
    assert await snapshot(agency.id) == before


def _series(reference: str, rule: str, first: dict[str, str] = FIRST) -> dict[str, Any]:
    return {"reference": reference, "first": first, "rule": rule}


@pytest.mark.parametrize(
    ("query", "value", "field"),
    [
        pytest.param(
            ORDER,
            {
                "reference": "R-1",
                "missions": [
                    {
                        "pickupAt": "0001-01-01T00:00:00+01:00",
                        "estimatedEndAt": "0001-01-01T02:00:00+01:00",
                    }
                ],
            },
            ["input", "missions", "0", "pickupAt"],
            id="order in year 1",
        ),
        pytest.param(
            SERIES,
            _series("S-1", "FREQ=DAILY;UNTIL=20260230"),
            ["input", "rule"],
            id="UNTIL on 30 February",
        ),
        pytest.param(
            SERIES,
            _series("S-2", "FREQ=DAILY;COUNT=²"),
            ["input", "rule"],
            id="COUNT in superscript digits",
        ),
        pytest.param(
            SERIES,
            _series("S-3", "FREQ=DAILY;INTERVAL=0;COUNT=3"),
            ["input", "rule"],
            id="INTERVAL=0",
        ),
        pytest.param(
            SERIES,
            _series("S-4", "FREQ=DAILY;COUNT=3;COUNT=4"),
            ["input", "rule"],
            id="COUNT twice",
        ),
        pytest.param(
            SERIES,
            _series(
                "S-5",
                "FREQ=DAILY;COUNT=2",
                {"pickupAt": "9999-12-31T20:00:00Z", "estimatedEndAt": "9999-12-31T21:00:00Z"},
            ),
            ["input", "first", "pickupAt"],
            id="series in year 9999",
        ),
    ],
)
async def test_odd_dates_and_rules_are_refused_clearly_and_change_nothing(
    client, edge_world: EdgeWorld, query: str, value: dict[str, Any], field: list[str]
):
    # given an agency with missions booked, assigned and cancelled
    before = await snapshot(edge_world.agency_id)

    # when
    variables = {"i": {"customerId": edge_world.customer, **value}}
    body = await gql(client, query, variables, user=edge_world.operator)

    # then no internal error, INVALID on the field, and nothing changed
    assert "Internal error" not in json.dumps(body), body
    assert only_error(body) == {"code": "INVALID", "field": field}
    assert await snapshot(edge_world.agency_id) == before
