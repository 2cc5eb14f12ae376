"""LOG_FORMAT=json on a real server: every line one JSON object; one access line per
request and per subscription start and stop, with who, what, how long and how it went;
the request id the client gave comes back; no token and no variable text is written."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.e2e.demo_server import DemoServer, demo_server
from tests.e2e.servers import TRANSPORT_WS, WsClient

pytestmark = [pytest.mark.e2e]

FREE_TEXT = "Mrs Dupont's private note 7731"
SUBSCRIPTION = "subscription Board { dispatchNotices { __typename } }"


@pytest.fixture(scope="module")
def json_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    folder = tmp_path_factory.mktemp("jsonlogs")
    with demo_server("sqlite", folder, LOG_FORMAT="json", LOG_LEVEL="info") as running:
        yield running


def lines_of(server: DemoServer) -> list[dict[str, Any]]:
    """Every line the server wrote since it started, each parsed as JSON (or failing)."""
    text = server.server.log.read_text()
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def access(server: DemoServer, request_id: str, within: float = 5) -> list[dict[str, Any]]:
    deadline = time.monotonic() + within
    while True:
        found = [
            line
            for line in lines_of(server)
            if line.get("logger") == "dispatch.access" and line.get("request_id") == request_id
        ]
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def test_a_request_is_one_json_line_with_its_request_id(json_server: DemoServer) -> None:
    # given a client that names its request and sends free text in a variable
    headers = {**json_server.headers("OPERATOR"), "X-Request-ID": "board-42"}
    query = "query Search($q: String) { customers(first: 1, search: $q) { totalCount } }"

    # when it runs the query
    response = httpx.post(
        json_server.url,
        json={"query": query, "variables": {"q": FREE_TEXT}},
        headers=headers,
        timeout=10,
    )

    # then the id comes back, and one access line tells who ran what and how it went
    assert response.headers["x-request-id"] == "board-42"
    (line,) = access(json_server, "board-42")
    assert line["level"] == "INFO"
    assert line["time"].endswith("+00:00")
    assert line["operation"] == "Search"
    assert line["type"] == "query"
    assert line["role"] == "OPERATOR"
    assert isinstance(line["agency"], int) and isinstance(line["user"], int)
    assert line["duration_ms"] >= 0 and line["statements"] >= 1
    assert "errors" not in response.json(), response.text
    assert line["outcome"] == "ok"
    log = json_server.server.log.read_text()
    assert FREE_TEXT not in log
    assert json_server.tokens["OPERATOR"] not in log


def test_a_failed_request_names_its_error_codes(json_server: DemoServer) -> None:
    headers = {**json_server.headers("DRIVER"), "X-Request-ID": "driver-7"}

    httpx.post(
        json_server.url, json={"query": "query Q { viewer { nope } }"}, headers=headers, timeout=10
    )

    (line,) = access(json_server, "driver-7")
    assert line["outcome"] == "graphql:GRAPHQL_VALIDATION_FAILED"
    assert line["codes"] == ["GRAPHQL_VALIDATION_FAILED"]
    assert line["role"] == "DRIVER"


async def test_a_subscription_logs_its_start_and_its_stop(json_server: DemoServer) -> None:
    # given a dispatch board on a socket named by its request id
    headers = {"X-Request-ID": "ws-board-1"}
    async with WsClient.connect(
        json_server.server.ws, TRANSPORT_WS, additional_headers=headers
    ) as client:
        assert (await client.init(json_server.tokens["OPERATOR"]))["type"] == "connection_ack"
        # when it subscribes, then leaves
        await client.subscribe("1", SUBSCRIPTION)
        await client.nothing_for(0.5)

    # then its start and its stop are logged, the stop with how long it lasted
    lines = access(json_server, "ws-board-1", within=0)
    for _ in range(50):  # the server sees the close a moment later
        if len(lines) >= 2:
            break
        await asyncio.sleep(0.1)
        lines = access(json_server, "ws-board-1", within=0)
    events = [line["event"] for line in lines]
    assert events == ["subscription_start", "subscription_stop"], lines
    stop = lines[1]
    assert stop["operation"] == "dispatchNotices"
    assert stop["role"] == "OPERATOR"
    assert stop["duration_ms"] >= 400
    assert stop["outcome"] == "closed"
