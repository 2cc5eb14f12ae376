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


async def test_sign_ins_at_once_share_their_user_reads_and_each_is_who_it_says(
    server: Any, acme: dict[str, Any]
) -> None:
    import asyncio

    from models.agency import User
    from tests.sqlcount import count_statements

    # given an operator and a driver, and a colleague deactivated before anyone connects
    colleague = acme["reporter"]
    await User.filter(id=colleague.id).update(active=False)
    users = [acme["operator"], acme["driver_user"], colleague] * 20
    clients = [WsClient.connect(server.state.url) for _ in users]
    opened: list[Any] = [None] * len(users)

    async def sign_in(i: int) -> Any:
        # each sends its connection_init as soon as its own socket is open (opened one by
        # one first, the first could reach the server's 10 s init timeout on a busy CI)
        opened[i] = await clients[i].__aenter__()
        return await opened[i].init(token(users[i]))

    try:
        # when sixty apps sign in at once
        with count_statements() as statements:
            acks = await asyncio.gather(
                *(sign_in(i) for i in range(len(users))), return_exceptions=True
            )
            for user, ack in zip(users, acks, strict=True):
                if user is not colleague:
                    assert isinstance(ack, dict) and ack["type"] == "connection_ack", ack

            # then each is who its token says: the driver may watch its own notices, the
            # operator the board, and the deactivated colleague was refused
            for i, (client, user) in enumerate(zip(opened, users, strict=True)):
                if user is colleague:
                    assert await client.closed_code() == 4403
                    continue
                query = DRIVER_QUERY if user is acme["driver_user"] else DISPATCH_QUERY
                await client.subscribe(str(i), query)
            await asyncio.sleep(0.2)
            for client, user in zip(opened, users, strict=True):
                if user is not colleague:
                    await client.nothing_for(0.01)  # no error: the role allows it
        # and their users were read a few times in all, at sign-in and at registration,
        # not twice per connection
        reads = statements.matching(f'FROM "{User._meta.db_table}"')
        assert 1 <= len(reads) <= 8, len(reads)
    finally:
        for cm, client in zip(clients, opened, strict=True):
            if client is not None:
                await cm.__aexit__(None, None, None)
