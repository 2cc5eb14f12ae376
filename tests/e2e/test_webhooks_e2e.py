"""Webhooks end to end: two server processes on PostgreSQL deliver to real receiver
processes on 127.0.0.1 (tests/e2e/webhook_receiver.py), signed, retried, in order."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from models.domain import events as ev
from subscriptions.webhooks.signing import InvalidSignature, verify
from tests.conftest import TEST_SECRET, service_missing
from tests.e2e.cluster import (
    Cluster,
    api,
    cancel,
    committed,
    pg_url,
    run_sql,
    single_missions,
    top_seq,
)
from tests.e2e.servers import ROOT, Process, migrate, server_env, start_server, wait_healthy
from tests.e2e.webhook_helpers import (
    WEBHOOK_ENV,
    Receiver,
    create_endpoint,
    delete_endpoint,
    new_receiver,
    seed_with_admin,
)


@pytest.fixture(scope="module")
def world(request: pytest.FixtureRequest) -> Iterator[Cluster]:
    """Servers a and b (both delivering) on one scratch PostgreSQL database."""
    try:
        asyncio.run(run_sql("SELECT 1"))
    except (OSError, asyncpg.PostgresError) as exc:
        service_missing("PostgreSQL", exc)
    name = f"e2e_wh_{uuid.uuid4().hex[:10]}"
    log_dir = ROOT / "var" / "e2e-logs" / name
    log_dir.mkdir(parents=True)
    asyncio.run(run_sql(f'CREATE DATABASE "{name}"'))
    processes: list[Process] = []
    try:
        env = server_env(pg_url(name), "memory://", TEST_SECRET, **WEBHOOK_ENV)
        migrate(env, log_dir)
        ids, tokens = asyncio.run(seed_with_admin(pg_url(name)))
        a, b = start_server("a", env, log_dir), start_server("b", env, log_dir)
        processes.extend([a, b])

        async def healthy() -> None:
            await asyncio.gather(wait_healthy(a), wait_healthy(b))

        asyncio.run(healthy())
        yield Cluster(pg_url(name), 0, None, a, b, b, log_dir, ids, tokens)  # type: ignore[arg-type]
    finally:
        for process in processes:
            process.stop()
        asyncio.run(run_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
async def receiver(tmp_path: Path) -> AsyncIterator[Receiver]:
    r = new_receiver(tmp_path)
    yield r
    r.stop()


@pytest.fixture
async def endpoints(world: Cluster) -> AsyncIterator[list[str]]:
    """Endpoints a test created, deleted after it (so later tests' notices skip them)."""
    made: list[str] = []
    yield made
    for endpoint_id in made:
        if world.a.popen.poll() is None:
            await delete_endpoint(world, world.a, endpoint_id)


async def _deliveries(cl: Cluster, endpoint_id: str) -> list[dict[str, Any]]:
    data = await api(
        cl.a,
        cl.tokens["admin"],
        """query($id: ID!) { webhookDeliveries(endpointId: $id, first: 100) { totalCount edges { node {
             messageId status attemptCount cursor
             attempts { statusCode latencyMs error nextRetryAt } } } } }""",
        id=endpoint_id,
    )
    return [e["node"] for e in data["webhookDeliveries"]["edges"]]


async def test_a_cancellation_reaches_the_receiver_signed_and_verifiable(
    world: Cluster, receiver: Receiver, endpoints: list[str]
) -> None:
    # given an endpoint for cancellations
    endpoint_id, secret = await create_endpoint(
        world, world.a, receiver.url, events=["MissionCancelledNotice"]
    )
    endpoints.append(endpoint_id)
    (mission,) = await single_missions(world, world.a, 1)
    before = await top_seq(world, "acme")

    # when the mission is cancelled
    await cancel(world.b, world.tokens["op1"], mission)
    await receiver.wait_for(1)

    # then one signed request arrives with the notice as the subscription gives it
    (record,) = receiver.records()
    verify(secret, record["headers"], record["body"].encode())
    with pytest.raises(InvalidSignature, match="no matching signature"):
        verify(secret, record["headers"], record["body"].encode() + b" ")
    (body,) = receiver.delivered()
    assert record["headers"]["webhook-id"] == body["id"]
    assert body["type"] == "MissionCancelledNotice"
    assert (
        body["cursor"]
        == (await committed(world, "acme", before, frozenset({ev.MISSION_CANCELLED})))[0]
    )
    notice = body["notice"]
    assert notice["__typename"] == "MissionCancelledNotice"
    assert notice["cursor"] == body["cursor"]
    assert notice["mission"]["id"] == mission and notice["mission"]["status"] == "CANCELLED"
    assert notice["reasonLabel"]


async def test_three_500s_then_200_delivers_exactly_once_more(
    world: Cluster, receiver: Receiver, endpoints: list[str]
) -> None:
    # given a receiver that answers 500 three times
    endpoint_id, _ = await create_endpoint(
        world, world.a, receiver.url, events=["MissionCancelledNotice"]
    )
    endpoints.append(endpoint_id)
    (mission,) = await single_missions(world, world.a, 1)
    await receiver.fail_next(3)

    # when a mission is cancelled
    await cancel(world.a, world.tokens["op1"], mission)
    await receiver.wait_for(1)
    await asyncio.sleep(2)  # time for any further (wrong) retry

    # then it came four times with one id, and was answered 200 once, at last
    records = receiver.records()
    assert [r["status"] for r in records] == [500, 500, 500, 200]
    assert len({r["headers"]["webhook-id"] for r in records}) == 1
    # and every attempt is visible
    (delivery,) = await _deliveries(world, endpoint_id)
    assert delivery["status"] == "DELIVERED" and delivery["attemptCount"] == 4
    assert delivery["messageId"] == records[0]["headers"]["webhook-id"]
    attempts = delivery["attempts"]
    assert [a["statusCode"] for a in attempts] == [500, 500, 500, 200]
    assert [a["error"] for a in attempts] == ["HTTP 500"] * 3 + [None]
    assert all(a["nextRetryAt"] for a in attempts[:3]) and attempts[3]["nextRetryAt"] is None
    assert all(a["latencyMs"] >= 0 for a in attempts)


async def test_a_receiver_down_during_50_cancellations_gets_all_of_them_in_order_per_driver(
    world: Cluster, receiver: Receiver, endpoints: list[str]
) -> None:
    # given an endpoint for every driver's cancellations, and 50 assigned missions
    endpoint_id, _ = await create_endpoint(
        world, world.a, receiver.url, audience="DRIVERS", events=["MissionCancelledNotice"]
    )
    endpoints.append(endpoint_id)
    missions = {
        "d1": await single_missions(world, world.a, 25, driver="d1"),
        "d2": await single_missions(world, world.b, 25, driver="d2"),
    }
    before = await top_seq(world, "acme")

    # when the receiver is down while they are all cancelled, from both servers
    receiver.stop()
    for a, b in zip(missions["d1"], missions["d2"], strict=True):
        await cancel(world.a, world.tokens["op1"], a)
        await cancel(world.b, world.tokens["op1"], b)
    await asyncio.sleep(1)
    receiver.start()
    await receiver.wait_for(50, within=60)

    # then each driver's 25 arrive, in commit order, each once
    cancelled = await committed(world, "acme", before, frozenset({ev.MISSION_CANCELLED}))
    bodies = receiver.delivered()
    assert len({b["id"] for b in bodies}) == 50
    for driver in ("d1", "d2"):
        from tests.factories import gid

        mine = [b for b in bodies if b["driverId"] == gid("Driver", world.ids[driver])]
        assert [b["notice"]["mission"]["id"] for b in mine] == missions[driver]
        assert [b["cursor"] for b in mine] == [
            c for c in cancelled if c in {b["cursor"] for b in mine}
        ]
        assert len(mine) == 25


async def test_two_servers_deliver_each_notice_once(
    world: Cluster, receiver: Receiver, endpoints: list[str]
) -> None:
    # given both servers' workers, and 20 missions
    endpoint_id, _ = await create_endpoint(
        world, world.b, receiver.url, events=["MissionCancelledNotice", "SlotReleasedNotice"]
    )
    endpoints.append(endpoint_id)
    missions = await single_missions(world, world.a, 20, driver="d1")
    before = await top_seq(world, "acme")

    # when they are cancelled at once, half on each server
    await asyncio.gather(
        *(
            cancel(world.a if i % 2 else world.b, world.tokens["op1"], m)
            for i, m in enumerate(missions)
        )
    )
    owed = await committed(
        world, "acme", before, frozenset({ev.MISSION_CANCELLED, ev.SLOT_RELEASED})
    )
    await receiver.wait_for(len(owed))
    await asyncio.sleep(1.5)

    # then every notice came once, in commit order
    records = receiver.records()
    assert len(owed) == 40
    assert [r["status"] for r in records] == [200] * 40
    assert [b["cursor"] for b in receiver.delivered()] == owed
    assert all(d["attemptCount"] == 1 for d in await _deliveries(world, endpoint_id))


async def test_an_endpoint_on_a_private_address_is_refused(world: Cluster) -> None:
    async with httpx.AsyncClient(timeout=15) as client:
        response = await client.post(
            f"{world.a.http}/graphql",
            json={
                "query": """mutation { createWebhookEndpoint(input: {url: "https://10.1.2.3/hook"}) {
                  endpoint { id } errors { code field message } } }"""
            },
            headers={"Authorization": f"Bearer {world.tokens['admin']}"},
        )
    data = response.json()["data"]

    assert data["createWebhookEndpoint"]["endpoint"] is None
    (error,) = data["createWebhookEndpoint"]["errors"]
    assert error["code"] == "INVALID" and "private" in error["message"]


async def test_nothing_is_lost_when_both_servers_die_mid_delivery(
    world: Cluster, receiver: Receiver, endpoints: list[str]
) -> None:
    # (last in the module: it replaces the servers)
    # given three notices owed, the first in flight to a receiver that does not answer
    endpoint_id, _ = await create_endpoint(
        world, world.a, receiver.url, events=["MissionCancelledNotice"]
    )
    endpoints.append(endpoint_id)
    missions = await single_missions(world, world.a, 3)
    await receiver.set_mode("hang")
    for mission in missions:
        await cancel(world.a, world.tokens["op1"], mission)
    await receiver.wait_for(1, ok=False)

    # when both servers are killed mid-send, and started again
    world.a.kill()
    world.b.kill()
    await receiver.set_mode("ok")
    restarted = [start_server(n, world.a.env, world.log_dir) for n in ("a2", "b2")]
    try:
        await asyncio.gather(*(wait_healthy(s) for s in restarted))
        world.a, world.b = restarted

        # then all three arrive, in order, once the cut-off send's lease ran out
        await receiver.wait_for(3, within=60)
    finally:
        for server in restarted:
            server.stop()
    bodies = receiver.delivered()
    assert [b["notice"]["mission"]["id"] for b in bodies] == missions
    assert receiver.records()[0]["status"] == 0  # the send that was cut off
