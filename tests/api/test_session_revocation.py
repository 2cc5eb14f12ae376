"""A leaver is out at once on WebSockets too: deactivation, revoked tokens, a new role or
driver link end the user's open sockets (4403, with the reason) within a second; other
users' sockets, and a change of name only, leave them open."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from websockets.exceptions import ConnectionClosed

from models.agency import Role, User
from schema.http import view
from tests.api.live_notices import DISPATCH_QUERY, DRIVER_QUERY, connected, live, protocols
from tests.e2e.servers import WsClient
from tests.factories import gid, gql, make_user, token

DEACTIVATE = "mutation($id: ID!) { deactivateUser(id: $id) { errors { code } } }"
REVOKE = "mutation($id: ID!) { revokeTokens(userId: $id) { errors { code } } }"
UPDATE = """mutation($id: ID!, $input: UpdateUserInput!) {
  updateUser(id: $id, input: $input) { errors { code } } }"""


async def _closed(client: WsClient, within: float = 1.0) -> tuple[int | None, str]:
    """The server's close code and reason, which must come within `within` seconds."""
    try:
        async with asyncio.timeout(within):
            while True:
                await client.conn.recv()
    except ConnectionClosed as exc:
        return (exc.rcvd.code, exc.rcvd.reason) if exc.rcvd else (None, "")
    raise AssertionError("unreachable")


async def _admin_call(server: Any, admin: Any, query: str, variables: dict[str, Any]) -> None:
    transport = httpx.ASGITransport(app=server)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        body = await gql(http, query, variables, user=admin)
    (payload,) = body["data"].values()
    assert payload["errors"] == [], body


@protocols
async def test_a_deactivated_users_subscription_is_ended_with_4403(
    server: Any, acme: dict[str, Any], protocol: str
) -> None:
    # given the operator watching the dispatch board, and a colleague watching too
    admin = await make_user(acme["agency"], Role.ADMIN)
    cm, client = await connected(server, acme["operator"], protocol)
    colleague = await make_user(acme["agency"], Role.OPERATOR, name="Colleague")
    other_cm, other = await connected(server, colleague, protocol)
    try:
        await client.subscribe("1", DISPATCH_QUERY)
        await other.subscribe("1", DISPATCH_QUERY)
        await live(server, 2)

        # when the admin deactivates the operator
        await _admin_call(server, admin, DEACTIVATE, {"id": gid("User", acme["operator"].id)})

        # then the operator's socket is closed within a second, saying why
        code, reason = await _closed(client)
        assert code == 4403
        assert "deactivated" in reason
        # and the colleague's stays open
        await other.nothing_for(0.3)
        assert server.state.runtime.sessions.of_user(colleague.id) == 1
    finally:
        await cm.__aexit__(None, None, None)
        await other_cm.__aexit__(None, None, None)


@protocols
async def test_revoked_tokens_end_the_socket_and_the_token_cannot_reconnect(
    server: Any, acme: dict[str, Any], protocol: str
) -> None:
    # given a driver's app listening for its notices
    admin = await make_user(acme["agency"], Role.ADMIN)
    driver_user = acme["driver_user"]
    cm, client = await connected(server, driver_user, protocol)
    try:
        await client.subscribe("1", DRIVER_QUERY)
        await live(server, 1)

        # when the admin revokes the driver's tokens
        await _admin_call(server, admin, REVOKE, {"id": gid("User", driver_user.id)})

        # then the socket ends with 4403
        code, reason = await _closed(client)
        assert code == 4403 and "revoked" in reason
    finally:
        await cm.__aexit__(None, None, None)
    # and the old token is refused when it connects again
    async with WsClient.connect(server.state.url, protocol) as again:
        await again.send(
            {
                "type": "connection_init",
                "payload": {"authorization": f"Bearer {token(driver_user)}"},
            }
        )
        assert await again.closed_code() == 4403
    # while a token issued after the revocation connects and stays connected
    fresh = await User.get(id=driver_user.id)
    cm, client = await connected(server, fresh, protocol)
    try:
        await client.subscribe("1", DRIVER_QUERY)
        await client.nothing_for(0.3)
        assert server.state.runtime.sessions.of_user(fresh.id) == 1
    finally:
        await cm.__aexit__(None, None, None)


async def test_a_new_role_ends_the_socket_and_a_rename_does_not(
    server: Any, acme: dict[str, Any]
) -> None:
    # given an operator watching the dispatch board
    admin = await make_user(acme["agency"], Role.ADMIN)
    operator = acme["operator"]
    cm, client = await connected(server, operator)
    try:
        await client.subscribe("1", DISPATCH_QUERY)
        await live(server, 1)

        # when the admin renames them: the socket stays
        await _admin_call(
            server, admin, UPDATE, {"id": gid("User", operator.id), "input": {"name": "Olga"}}
        )
        await client.nothing_for(0.5)

        # when the admin makes them a REPORTER
        await _admin_call(
            server, admin, UPDATE, {"id": gid("User", operator.id), "input": {"role": "REPORTER"}}
        )

        # then the socket ends
        code, reason = await _closed(client)
        assert code == 4403 and "role" in reason
    finally:
        await cm.__aexit__(None, None, None)
    # and connecting again, the same token may no longer watch the dispatch board
    cm, client = await connected(server, operator)
    try:
        await client.subscribe("1", DISPATCH_QUERY)
        message = await client.recv()
        assert message["type"] == "error"
        assert message["payload"][0]["extensions"]["code"] == "FORBIDDEN"
    finally:
        await cm.__aexit__(None, None, None)


@protocols
async def test_a_deactivation_racing_the_sign_in_still_ends_the_socket(
    server: Any, acme: dict[str, Any], protocol: str, monkeypatch: Any
) -> None:
    # given an operator deactivated just after their connection_init was authenticated,
    # before the connection was registered (so the change's event found no socket to end)
    operator = acme["operator"]
    accept = view.DispatchGraphQL.on_ws_connect

    async def deactivated_meanwhile(self: Any, context: Any) -> Any:
        answer = await accept(self, context)
        await User.filter(id=operator.id).update(active=False)
        return answer

    monkeypatch.setattr(view.DispatchGraphQL, "on_ws_connect", deactivated_meanwhile)

    # when they connect
    async with WsClient.connect(server.state.url, protocol) as client:
        await client.send(
            {"type": "connection_init", "payload": {"authorization": f"Bearer {token(operator)}"}}
        )

        # then the socket is ended all the same
        code, reason = await _closed(client)
        assert code == 4403 and "deactivated" in reason
    assert server.state.runtime.sessions.of_user(operator.id) == 0
