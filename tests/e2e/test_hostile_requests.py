"""Hostile requests against a real server process, on SQLite and on PostgreSQL.

Each request gets the status and error code the README documents, and right after it
the server still answers an ordinary `{ viewer { name } }` within a few seconds, and
has logged no traceback.
"""

from __future__ import annotations

import json
import socket
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from tests.e2e.demo_server import DemoServer, demo_server
from tests.e2e.servers import TRANSPORT_WS, WsClient

pytestmark = [pytest.mark.e2e]

TEN_MB = 10 * 1024 * 1024
JSON = {"Content-Type": "application/json"}


@dataclass
class Hostile:
    """One hostile request and what it must get back."""

    status: int
    code: str | None
    method: str = "POST"
    json_body: Any = None
    content: bytes | None = None
    params: dict[str, str] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    signed_in: bool = True


def chain(length: int) -> str:
    fragments = [f"fragment F{i} on Query {{ ...F{i + 1} }}" for i in range(length - 1)]
    return "{ ...F0 }\n" + "\n".join(
        [*fragments, f"fragment F{length - 1} on Query {{ viewer {{ name }} }}"]
    )


def bomb(levels: int) -> str:
    fragments = [f"fragment B{i} on Query {{ ...B{i + 1} ...B{i + 1} }}" for i in range(levels - 1)]
    return "{ ...B0 }\n" + "\n".join(
        [*fragments, f"fragment B{levels - 1} on Query {{ viewer {{ name }} }}"]
    )


def deep_fields(levels: int) -> str:
    inner = "id"
    for i in range(levels):
        inner = f"order {{ {inner} }}" if i % 2 == 0 else f"missions {{ {inner} }}"
    return '{ mission(id: "x") { ' + inner + " } }"


def q(query: str) -> dict[str, str]:
    return {"query": query}


CASES = {
    "auth-bypass-get-accept-html": Hostile(
        401,
        "UNAUTHENTICATED",
        "GET",
        params=q("{ __schema { types { name } } }"),
        headers={"Accept": "text/html"},
        signed_in=False,
    ),
    "post-without-token": Hostile(
        401, "UNAUTHENTICATED", json_body=q("{ viewer { name } }"), signed_in=False
    ),
    "forged-token": Hostile(
        401,
        "UNAUTHENTICATED",
        json_body=q("{ viewer { name } }"),
        headers={"Authorization": "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."},
        signed_in=False,
    ),
    "ten-mb-body": Hostile(
        413, "PAYLOAD_TOO_LARGE", content=b'{"query": "' + b"a" * TEN_MB + b'"}', headers=JSON
    ),
    "ten-mb-body-without-token": Hostile(
        413, "PAYLOAD_TOO_LARGE", content=b"{" + b" " * TEN_MB + b"}", headers=JSON, signed_in=False
    ),
    "bare-null": Hostile(400, "BAD_REQUEST", content=b"null", headers=JSON),
    "bare-string": Hostile(400, "BAD_REQUEST", content=b'"x"', headers=JSON),
    "bare-number": Hostile(400, "BAD_REQUEST", content=b"123", headers=JSON),
    "bare-true": Hostile(400, "BAD_REQUEST", content=b"true", headers=JSON),
    "batch": Hostile(400, "BAD_REQUEST", json_body=[q("{ viewer { name } }")] * 50),
    "malformed-json": Hostile(400, "BAD_REQUEST", content=b'{"query": "{ viewer', headers=JSON),
    "invalid-utf8": Hostile(400, "BAD_REQUEST", content=b'{"query": "\xff\xfe"}', headers=JSON),
    "text-plain": Hostile(
        400,
        "BAD_REQUEST",
        content=b'{"query": "{ viewer { name } }"}',
        headers={"Content-Type": "text/plain"},
    ),
    "form": Hostile(
        400,
        "BAD_REQUEST",
        content=b"query=%7B%7D",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    ),
    "variables-not-an-object": Hostile(
        400, "BAD_REQUEST", json_body={"query": "{ viewer { name } }", "variables": [1, 2]}
    ),
    "mutation-over-get": Hostile(
        405,
        "METHOD_NOT_ALLOWED",
        "GET",
        params=q('mutation { acceptMission(missionId: "x") { errors { code } } }'),
    ),
    "fragment-chain-250": Hostile(200, "LIMIT_EXCEEDED", json_body=q(chain(250))),
    "fragment-bomb-2-to-the-30": Hostile(200, "LIMIT_EXCEEDED", json_body=q(bomb(40))),
    "long-document": Hostile(
        200, "LIMIT_EXCEEDED", json_body=q("{ viewer { name } } #" + "x" * 100_000)
    ),
    "deeply-nested-selections": Hostile(
        200, "GRAPHQL_PARSE_FAILED", json_body=q("{" + "a{" * 1000 + "b" + "}" * 1001)
    ),
    "deeply-nested-list-literal": Hostile(
        200,
        "GRAPHQL_PARSE_FAILED",
        json_body=q("{ viewer(x: " + "[" * 1000 + "]" * 1000 + ") { name } }"),
    ),
    "too-deep-for-the-depth-limit": Hostile(200, "LIMIT_EXCEEDED", json_body=q(deep_fields(12))),
    "many-aliases": Hostile(
        200,
        "LIMIT_EXCEEDED",
        json_body=q("{ " + " ".join(f"a{i}: viewer {{ name }}" for i in range(500)) + " }"),
    ),
    "too-many-tokens": Hostile(
        200, "GRAPHQL_PARSE_FAILED", json_body=q("{ viewer { " + "name " * 5000 + "} }")
    ),
    "huge-variable-under-the-body-limit": Hostile(
        200,
        None,
        json_body={
            "query": "query($id: ID!) { mission(id: $id) { id } }",
            "variables": {"id": "x" * 200_000},
        },
    ),
    "unknown-fragment": Hostile(200, "GRAPHQL_VALIDATION_FAILED", json_body=q("{ ...Nowhere }")),
    "null-byte": Hostile(200, "GRAPHQL_PARSE_FAILED", json_body=q("{ viewer { name\u0000 } }")),
    "operation-name-not-a-string": Hostile(
        400, "BAD_REQUEST", json_body={"query": "{ viewer { name } }", "operationName": {"a": 1}}
    ),
}


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoServer]:
    with demo_server(
        str(request.param), tmp_path_factory.mktemp(f"hostile-{request.param}")
    ) as running:
        yield running


def log_size(server: DemoServer) -> int:
    return server.server.log.stat().st_size


def assert_unharmed(server: DemoServer, log_from: int) -> None:
    """The server answers at once, and logged no traceback since `log_from`."""
    server.assert_answers_at_once()
    with server.server.log.open("rb") as log:
        log.seek(log_from)
        assert b"Traceback" not in log.read()


@pytest.mark.parametrize("name", CASES)
def test_a_hostile_request_is_refused_and_the_server_carries_on(
    server: DemoServer, name: str
) -> None:
    # given a hostile request
    logged = log_size(server)
    case = CASES[name]
    headers = {**(server.headers() if case.signed_in else {}), **case.headers}

    # when it is sent
    response = httpx.request(
        case.method,
        server.url,
        json=case.json_body,
        content=case.content,
        params=case.params,
        headers=headers,
        timeout=30,
    )

    # then it gets the documented status and code
    assert response.status_code == case.status, response.text[:500]
    codes = [e.get("extensions", {}).get("code") for e in response.json().get("errors", [])]
    assert case.code in codes if case.code else codes == [], response.text[:500]
    assert "Traceback" not in response.text and "recursion" not in response.text.lower()
    # and the server is still there for everyone else
    assert_unharmed(server, logged)


def test_a_megabyte_of_url_is_refused_by_the_http_parser(server: DemoServer) -> None:
    logged = log_size(server)
    # given a GET whose query string is a megabyte (httpx refuses to send one: a socket)
    query = urllib.parse.urlencode({"query": "{ viewer { name } } #" + "x" * 1_000_000})
    request = (
        f"GET /graphql?{query} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {server.tokens['OPERATOR']}\r\nConnection: close\r\n\r\n"
    )

    # when it is sent
    with socket.create_connection(("127.0.0.1", server.server.port), timeout=10) as sock:
        sock.sendall(request.encode())
        status_line = sock.makefile("rb").readline()

    # then uvicorn refuses it before the app sees it
    assert status_line.startswith(b"HTTP/1.1 400"), status_line
    assert_unharmed(server, logged)


async def test_a_long_subscription_document_is_refused_over_websocket(server: DemoServer) -> None:
    logged = log_size(server)
    async with WsClient.connect(server.server.ws, TRANSPORT_WS) as client:
        assert (await client.init(server.tokens["OPERATOR"]))["type"] == "connection_ack"

        await client.subscribe(
            "1", "subscription { dispatchNotices { __typename } } #" + "x" * 100_000
        )
        message = await client.recv()

    assert message["type"] == "error", message
    assert "LIMIT_EXCEEDED" in json.dumps(message)
    assert_unharmed(server, logged)


async def test_a_websocket_message_over_the_body_limit_closes_the_socket(
    server: DemoServer,
) -> None:
    logged = log_size(server)
    async with WsClient.connect(server.server.ws, TRANSPORT_WS) as client:
        assert (await client.init(server.tokens["OPERATOR"]))["type"] == "connection_ack"

        await client.send({"id": "1", "type": "subscribe", "payload": {"query": "x" * 300_000}})
        code = await client.closed_code()

    assert code == 1009  # message too big
    assert_unharmed(server, logged)


async def test_a_websocket_without_a_token_is_refused(server: DemoServer) -> None:
    logged = log_size(server)
    async with WsClient.connect(server.server.ws, TRANSPORT_WS) as client:
        await client.send({"type": "connection_init", "payload": {}})
        code = await client.closed_code()

    assert code == 4403
    assert_unharmed(server, logged)
