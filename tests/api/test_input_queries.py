"""Query arguments at the edges: BAD_USER_INPUT for what cannot be answered (dates in year
9999, `first: 0`, cursors of the wrong shape), a plain answer for what can, never an
internal error, and nothing changed."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.api.input_checks import EdgeWorld, cursor, snapshot
from tests.factories import gid, gql

ORDERS_AFTER = "query($a: String) { orders(after: $a) { totalCount } }"


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        pytest.param(
            'query { cancellationReport(from: "9999-12-31", to: "9999-12-31", groupBy: REASON) '
            "{ key } }",
            lambda w: {},
            id="report in year 9999",
        ),
        pytest.param(
            'query { cancellations(filter: {cancelledTo: "9999-12-31"}) { totalCount } }',
            lambda w: {},
            id="Cancelled tab to year 9999",
        ),
        pytest.param(
            "query($id: ID!) { node(id: $id) { ... on Driver { missions(first: 0) "
            "{ totalCount } } } }",
            lambda w: {"id": w.driver},
            id="driver missions first 0",
        ),
        pytest.param(ORDERS_AFTER, lambda w: {"a": cursor(["abc"])}, id="cursor of the wrong type"),
        pytest.param(ORDERS_AFTER, lambda w: {"a": cursor([2**40])}, id="cursor past 32 bits"),
    ],
)
async def test_an_argument_that_cannot_be_answered_is_bad_user_input(
    client, edge_world: EdgeWorld, query: str, variables: Any
):
    # given
    before = await snapshot(edge_world.agency_id)

    # when
    body = await gql(client, query, variables(edge_world), user=edge_world.operator)

    # then
    assert "Internal error" not in json.dumps(body), body
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", body
    assert await snapshot(edge_world.agency_id) == before


@pytest.mark.parametrize(
    ("query", "variables", "data"),
    [
        pytest.param(
            "query($f: CancellationFilter) { cancellations(filter: $f) { totalCount } }",
            {"f": {"reasonCodes": ["X" * 65]}},
            {"cancellations": {"totalCount": 0}},
            id="long reason code filter",
        ),
        pytest.param(
            'query { customers(search: "Glo\\u0000bex") { totalCount } }',
            {},
            {"customers": {"totalCount": 1}},
            id="NUL in a customer search (dropped)",
        ),
        pytest.param(
            "query($id: ID!) { mission(id: $id) { id } }",
            {"id": gid("Mission", 2**31)},
            {"mission": None},
            id="mission id past 32 bits",
        ),
    ],
)
async def test_an_odd_argument_that_can_be_answered_is(
    client, edge_world: EdgeWorld, query: str, variables: dict[str, Any], data: dict[str, Any]
):
    # given a WEATHER cancellation and a customer "Globex" the odd argument could find
    before = await snapshot(edge_world.agency_id)

    # when
    body = await gql(client, query, variables, user=edge_world.operator)

    # then the answer, no error
    assert "errors" not in body, body
    assert body["data"] == data
    assert await snapshot(edge_world.agency_id) == before
