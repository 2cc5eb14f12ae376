"""Opening a notice subscription: the token, connection_init, the origin and the role."""

from __future__ import annotations

from typing import Any

import pytest
from websockets.exceptions import InvalidStatus

from tests.api.live_notices import (
    ALLOWED,
    DISPATCH_QUERY,
    DRIVER_QUERY,
    connected,
    protocols,
)
from tests.e2e.servers import WsClient
from tests.factories import token


@protocols
async def test_a_bad_token_is_closed_with_4403(server: Any, protocol: str) -> None:
    # given / when
    async with WsClient.connect(server.state.url, protocol) as client:
        await client.send({"type": "connection_init", "payload": {"authorization": "Bearer nope"}})
        # then
        assert await client.closed_code() == 4403


@protocols
async def test_no_connection_init_is_closed_with_4408(server: Any, protocol: str) -> None:
    # given / when: the client says nothing
    async with WsClient.connect(server.state.url, protocol) as client:
        # then
        assert await client.closed_code(within=5) == 4408


async def test_a_cross_origin_handshake_is_refused(server: Any) -> None:
    # when / then
    with pytest.raises(InvalidStatus) as refused:
        async with WsClient.connect(server.state.url, origin="https://evil.example.org"):
            pass
    assert refused.value.response.status_code == 403


async def test_an_allowed_origin_may_connect(server: Any, acme: dict[str, Any]) -> None:
    async with WsClient.connect(server.state.url, origin=ALLOWED) as client:
        assert (await client.init(token(acme["operator"])))["type"] == "connection_ack"


@pytest.mark.parametrize(
    ("who", "query"),
    [("reporter", DISPATCH_QUERY), ("operator", DRIVER_QUERY)],
    ids=["reporter-dispatchNotices", "operator-driverNotices"],
)
async def test_a_role_not_allowed_gets_forbidden(
    server: Any, acme: dict[str, Any], who: str, query: str
) -> None:
    cm, client = await connected(server, acme[who])
    try:
        # when
        await client.subscribe("1", query)
        message = await client.recv()
        # then
        assert message["type"] == "error", message
        assert message["payload"][0]["extensions"]["code"] == "FORBIDDEN"
    finally:
        await cm.__aexit__(None, None, None)
