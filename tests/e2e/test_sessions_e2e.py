"""A leaver is out at once on every server process: an admin deactivates a user on server
A, and the user's WebSocket on server B closes with 4403 within a second (the change
travels through Redis like a notice), while B refuses the user's next HTTP request."""

from __future__ import annotations

import asyncio
import time

import httpx
from websockets.exceptions import ConnectionClosed

from tests.e2e.cluster import DISPATCH, Cluster, api
from tests.e2e.servers import WsClient

CREATE = """mutation($input: CreateUserInput!) {
  createUser(input: $input) { user { id } errors { code } } }"""
ISSUE = """mutation($id: ID!) {
  issueToken(userId: $id, days: 1) { token errors { code } } }"""
DEACTIVATE = "mutation($id: ID!) { deactivateUser(id: $id) { errors { code } } }"


async def test_a_user_deactivated_on_one_server_is_disconnected_on_another(
    cluster: Cluster,
) -> None:
    # given an operator set up through the API on A, watching the dispatch board on B
    admin = cluster.tokens["admin"]
    created = await api(cluster.a, admin, CREATE, input={"name": "Temp", "role": "OPERATOR"})
    user_id = created["createUser"]["user"]["id"]
    bearer = (await api(cluster.a, admin, ISSUE, id=user_id))["issueToken"]["token"]
    async with WsClient.connect(cluster.b.ws) as client:
        assert (await client.init(bearer))["type"] == "connection_ack"
        await client.subscribe("1", DISPATCH)

        # when the admin deactivates them on A
        started = time.monotonic()
        await api(cluster.a, admin, DEACTIVATE, id=user_id)

        # then B closes their socket with 4403 within a second
        try:
            async with asyncio.timeout(1.0):
                while True:
                    await client.conn.recv()
        except ConnectionClosed as exc:
            assert exc.rcvd is not None and exc.rcvd.code == 4403
            assert "deactivated" in exc.rcvd.reason
        assert time.monotonic() - started < 1.0

    # and B refuses their next request
    async with httpx.AsyncClient(timeout=5) as http:
        response = await http.post(
            f"{cluster.b.http}/graphql",
            json={"query": "{ viewer { name } }"},
            headers={"Authorization": f"Bearer {bearer}"},
        )
    assert response.status_code == 401
