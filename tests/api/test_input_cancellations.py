"""Cancellation input at the edges (too long, NUL and control characters, year 1, ids past
32 bits, a decision given twice) gets a clear error on its field and changes nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.api.input_checks import EdgeWorld, only_error, snapshot
from tests.factories import gid, gql

CANCEL = "mutation($i: CancelMissionInput!) { cancelMission(input: $i) { errors { code field } } }"
UPDATE = "mutation($i: UpdateMissionInput!) { updateMission(input: $i) { errors { code field } } }"
CANCEL_ORDER = (
    "mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { errors { code field } } }"
)


def _cancel(world: EdgeWorld, **changes: Any) -> dict[str, Any]:
    request = {"missionId": world.mission, "requestedBy": "Front desk", "reasonCode": "WEATHER"}
    return {**request, **changes}


@pytest.mark.parametrize(
    ("query", "value", "error"),
    [
        pytest.param(
            CANCEL,
            lambda w: _cancel(w, reasonCode="X" * 65),
            {"code": "INVALID_REASON", "field": ["input", "reasonCode"]},
            id="long reason code",
        ),
        pytest.param(
            CANCEL,
            lambda w: _cancel(w, requestedBy="Front\u0000desk"),
            {"code": "INVALID", "field": ["input", "requestedBy"]},
            id="NUL in requestedBy",
        ),
        pytest.param(
            CANCEL,
            lambda w: _cancel(w, requestedAt="0001-01-01T00:00:00+01:00"),
            {"code": "INVALID", "field": ["input", "requestedAt"]},
            id="requestedAt in year 1",
        ),
        pytest.param(
            CANCEL,
            lambda w: _cancel(w, idempotencyKey="k\u0000"),
            {"code": "INVALID", "field": ["input", "idempotencyKey"]},
            id="unprintable idempotency key",
        ),
        pytest.param(
            CANCEL,
            lambda w: _cancel(w, missionId=gid("Mission", 2**31)),
            {"code": "NOT_FOUND", "field": ["input", "missionId"]},
            id="id past 32 bits",
        ),
        pytest.param(
            UPDATE,
            lambda w: _cancel(w, status="CANCELLED", cancellationNote="x" * 2001),
            {"code": "INVALID", "field": ["input", "cancellationNote"]},
            id="cancellationNote too long",
        ),
        pytest.param(
            CANCEL_ORDER,
            lambda w: {
                "orderId": w.order,
                "requestedBy": "F",
                "reasonCode": "WEATHER",
                "inProgressDecisions": [
                    {"missionId": w.mission, "cancel": True},
                    {"missionId": w.mission, "cancel": False},
                ],
            },
            {"code": "INVALID", "field": ["input", "inProgressDecisions", "1", "missionId"]},
            id="two decisions for one mission",
        ),
    ],
)
async def test_edge_cancellation_input_is_refused_clearly_and_changes_nothing(
    client, edge_world: EdgeWorld, query: str, value: Any, error: dict[str, Any]
):
    # given an agency with missions booked, assigned and cancelled
    before = await snapshot(edge_world.agency_id)

    # when
    body = await gql(client, query, {"i": value(edge_world)}, user=edge_world.operator)

    # then no internal error, the error on its field, and nothing changed
    assert "Internal error" not in json.dumps(body), body
    assert only_error(body) == error
    assert await snapshot(edge_world.agency_id) == before
