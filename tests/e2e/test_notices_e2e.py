"""Live notices across real server processes, PostgreSQL and a private Redis.

Three `python -m dispatch serve` processes share one scratch database and one private
redis-server (killed and restarted by one test; the shared Redis is never touched).
Server C runs with NOTICE_BUFFER=10 for the slow-subscriber test.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from gql import Client, GraphQLRequest
from gql.transport.websockets import WebsocketsTransport
from tortoise import Tortoise

from models.agency import Role
from models.config import tortoise_config
from subscriptions.notices import DISPATCH_TYPES, encode_cursor
from tests.conftest import PG_DSN, TEST_SECRET, service_missing
from tests.e2e.servers import (
    ROOT,
    TRANSPORT_WS,
    Process,
    Server,
    WsClient,
    free_port,
    migrate,
    server_env,
    start_redis,
    start_server,
    wait_healthy,
)
from tests.factories import make_agency, make_customer, make_driver, make_user, token

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.redis]

DISPATCH = """subscription($after: String) { dispatchNotices(after: $after) {
  __typename
  ... on Notice { cursor occurredAt }
  ... on MissionCancelledNotice { mission { id status } cancellation { id } reasonLabel }
  ... on SlotReleasedNotice { driver { id } from to missionId }
  ... on OrderCancelledNotice { missionIds }
} }"""

DRIVER = """subscription($after: String) { driverNotices(after: $after) {
  __typename
  ... on Notice { cursor }
  ... on MissionCancelledNotice { mission { id } reasonLabel }
} }"""


@dataclass
class Cluster:
    db_url: str
    redis_port: int
    redis: Process
    a: Server
    b: Server
    c: Server
    log_dir: Path
    ids: dict[str, int]
    tokens: dict[str, str]
    slot: int = 0
    timings: list[float] = field(default_factory=list)

    def next_start(self) -> datetime:
        """A fresh, non-overlapping hour for each mission created."""
        self.slot += 1
        return datetime(2031, 1, 1, tzinfo=UTC) + timedelta(hours=2 * self.slot)


def _pg_url(name: str) -> str:
    return f"{PG_DSN.rsplit('/', 1)[0]}/{name}"


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(PG_DSN, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def _seed(url: str) -> tuple[dict[str, int], dict[str, str]]:
    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    try:
        acme = await make_agency("Acme")
        other = await make_agency("Other")
        d1 = await make_driver(acme, "Dana")
        d2 = await make_driver(acme, "Eli")
        users = {
            "op1": await make_user(acme, Role.OPERATOR),
            "op2": await make_user(other, Role.OPERATOR),
            "drv1": await make_user(acme, Role.DRIVER, driver=d1),
            "drv2": await make_user(acme, Role.DRIVER, driver=d2),
        }
        ids = {
            "acme": acme.id,
            "other": other.id,
            "d1": d1.id,
            "d2": d2.id,
            "c1": (await make_customer(acme)).id,
            "c2": (await make_customer(other)).id,
        }
        return ids, {name: token(user) for name, user in users.items()}
    finally:
        await Tortoise.close_connections()


@pytest.fixture(scope="module")
def cluster(request: pytest.FixtureRequest) -> Iterator[Cluster]:
    try:
        asyncio.run(_admin("SELECT 1"))
    except (OSError, asyncpg.PostgresError) as exc:
        service_missing("PostgreSQL", exc)
    name = f"e2e_{uuid.uuid4().hex[:10]}"
    log_dir = ROOT / "var" / "e2e-logs" / name  # kept for a post-mortem
    log_dir.mkdir(parents=True)
    failed_before = request.session.testsfailed
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    processes: list[Process] = []
    cluster: Cluster | None = None
    try:
        redis_port = free_port()
        try:
            redis = start_redis(redis_port, log_dir)
        except (FileNotFoundError, TimeoutError) as exc:
            service_missing("redis-server", exc)
        processes.append(redis)
        env = server_env(_pg_url(name), f"redis://127.0.0.1:{redis_port}/0", TEST_SECRET)
        migrate(env, log_dir)
        ids, tokens = asyncio.run(_seed(_pg_url(name)))
        servers = [
            start_server("a", env, log_dir),
            start_server("b", env, log_dir),
            start_server("c", {**env, "NOTICE_BUFFER": "10"}, log_dir),
        ]
        processes.extend(servers)

        async def healthy() -> None:
            await asyncio.gather(*(wait_healthy(s) for s in servers))

        asyncio.run(healthy())
        a, b, c = servers
        cluster = Cluster(_pg_url(name), redis_port, redis, a, b, c, log_dir, ids, tokens)
        yield cluster
    finally:
        for process in reversed(processes):
            process.stop()
        if cluster is not None:
            cluster.redis.stop()  # a test may have replaced it (Redis restarted)
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if request.session.testsfailed == failed_before:
            shutil.rmtree(log_dir, ignore_errors=True)


# ----------------------------------------------------------------- helpers


async def api(server: Server, tok: str, query: str, **variables: Any) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=15) as client:
        response = await client.post(
            f"{server.http}/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {tok}"},
        )
    body: dict[str, Any] = response.json()
    assert response.status_code == 200 and not body.get("errors"), body
    data: dict[str, Any] = body["data"]
    for payload in data.values():
        assert not (isinstance(payload, dict) and payload.get("errors")), data
    return data


async def create_order(
    cl: Cluster, server: Server, n: int, *, agency: str = "acme", driver: str | None = None
) -> tuple[str, list[str]]:
    """An order of `n` missions (assigned to `driver` if given): (order id, mission ids)."""
    from tests.factories import gid

    tok = cl.tokens["op1" if agency == "acme" else "op2"]
    customer = gid("Customer", cl.ids["c1" if agency == "acme" else "c2"])
    missions = []
    for _ in range(n):
        start = cl.next_start()
        missions.append(
            {
                "pickupAt": start.isoformat(),
                "estimatedEndAt": (start + timedelta(hours=1)).isoformat(),
            }
        )
    data = await api(
        server,
        tok,
        "mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id missions { id } } errors { message } } }",
        input={"customerId": customer, "reference": uuid.uuid4().hex[:10], "missions": missions},
    )
    order = data["createOrder"]["order"]
    mission_ids = [m["id"] for m in order["missions"]]
    if driver is not None:
        for mission_id in mission_ids:
            await api(
                server,
                tok,
                "mutation($input: AssignDriverInput!) { assignDriver(input: $input) { errors { message } } }",
                input={"missionId": mission_id, "driverId": gid("Driver", cl.ids[driver])},
            )
    return order["id"], mission_ids


async def single_missions(
    cl: Cluster, server: Server, n: int, *, agency: str = "acme", driver: str | None = None
) -> list[str]:
    """`n` missions, each in an order of its own: their cancellations share no order row
    and may all commit at once, so notices from both servers interleave freely.
    (Concurrent cancellations of one order's missions also all succeed, serialised by
    the order's lock: tests/service/test_cancel_concurrency.py.)"""
    from tests.factories import gid

    gate = asyncio.Semaphore(8)

    async def one() -> str:
        async with gate:
            return (await create_order(cl, server, 1, agency=agency))[1][0]

    missions = list(await asyncio.gather(*(one() for _ in range(n))))
    if driver is not None:
        for mission_id in missions:  # one driver: sequential, as a dispatcher would
            await api(
                server,
                cl.tokens["op1"],
                "mutation($input: AssignDriverInput!) { assignDriver(input: $input) { errors { message } } }",
                input={"missionId": mission_id, "driverId": gid("Driver", cl.ids[driver])},
            )
    return missions


CANCEL = """mutation($input: CancelMissionInput!) {
  cancelMission(input: $input) { cancellations { id } errors { code message } } }"""


async def cancel(server: Server, tok: str, mission_id: str) -> None:
    await api(
        server,
        tok,
        CANCEL,
        input={"missionId": mission_id, "requestedBy": "Customer", "reasonCode": "WEATHER"},
    )


async def subscribers(server: Server) -> int:
    return int((await server.health())["broadcast"]["subscribers"])


async def until(condition: Any, within: float = 10, what: str = "condition") -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if await condition():
            return
        await asyncio.sleep(0.05)
    raise TimeoutError(f"{what} not met in {within}s")


class Watcher:
    """A gql WebSocket subscription collecting its notices in the background."""

    def __init__(self, server: Server, tok: str, query: str, after: str | None = None) -> None:
        self.transport = WebsocketsTransport(
            url=server.ws,
            init_payload={"authorization": f"Bearer {tok}"},
            subprotocols=[TRANSPORT_WS],
            connect_timeout=5,
            ack_timeout=5,
            close_timeout=2,
        )
        self.request = GraphQLRequest(query, variable_values={"after": after})
        self.notices: list[dict[str, Any]] = []
        self.arrived: list[float] = []
        self.error: BaseException | None = None
        self.task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        try:
            async with Client(transport=self.transport, fetch_schema_from_transport=False) as s:
                async for result in s.subscribe(self.request):
                    self.notices.append(next(iter(result.values())))
                    self.arrived.append(time.monotonic())
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self.error = exc

    async def wait_for(self, count: int, within: float = 15) -> list[dict[str, Any]]:
        async def enough() -> bool:
            assert self.error is None, self.error
            return len(self.notices) >= count

        await until(enough, within, f"{count} notices (got {len(self.notices)})")
        return self.notices

    @property
    def cursors(self) -> list[str]:
        return [n["cursor"] for n in self.notices]


@contextlib.asynccontextmanager
async def watching(server: Server, *watchers: Watcher) -> AsyncIterator[None]:
    before = await subscribers(server)
    for w in watchers:
        w.task = asyncio.create_task(w._run())
    try:
        await until(
            lambda: _at_least(server, before + len(watchers)), 10, "subscriptions registered"
        )
        yield
    finally:
        for w in watchers:
            assert w.task is not None
            w.task.cancel()
        await asyncio.wait([w.task for w in watchers if w.task], timeout=5)


async def _at_least(server: Server, n: int) -> bool:
    return await subscribers(server) >= n


async def committed(cl: Cluster, agency: str, after_seq: int, types: frozenset[str]) -> list[str]:
    """Cursors of the agency's committed events of `types` after `after_seq`, in order."""
    conn = await asyncpg.connect(cl.db_url, timeout=5)
    try:
        rows = await conn.fetch(
            "SELECT seq FROM event WHERE agency_id = $1 AND seq > $2 AND type = ANY($3) ORDER BY seq",
            cl.ids[agency],
            after_seq,
            sorted(types),
        )
    finally:
        await conn.close()
    return [encode_cursor(cl.ids[agency], r["seq"]) for r in rows]


async def top_seq(cl: Cluster, agency: str) -> int:
    conn = await asyncpg.connect(cl.db_url, timeout=5)
    try:
        value = await conn.fetchval(
            "SELECT COALESCE(MAX(seq), 0) FROM event WHERE agency_id = $1", cl.ids[agency]
        )
    finally:
        await conn.close()
    return int(value)


# ----------------------------------------------------------------- tests


async def test_a_cancellation_on_a_is_heard_on_b_by_exactly_who_concerns_it(
    cluster: Cluster,
) -> None:
    # given: a mission of Dana's; watchers on server B
    cl = cluster
    _, (mission,) = await create_order(cl, cl.a, 1, driver="d1")
    start = await top_seq(cl, "acme")
    board = Watcher(cl.b, cl.tokens["op1"], DISPATCH)
    dana = Watcher(cl.b, cl.tokens["drv1"], DRIVER)
    eli = Watcher(cl.b, cl.tokens["drv2"], DRIVER)
    other_agency = Watcher(cl.b, cl.tokens["op2"], DISPATCH)
    async with watching(cl.b, board, dana, eli, other_agency):
        # when
        await cancel(cl.a, cl.tokens["op1"], mission)
        sent = time.monotonic()
        expected = await committed(cl, "acme", start, DISPATCH_TYPES)
        # then
        await board.wait_for(len(expected))
        await dana.wait_for(1)
        await asyncio.sleep(0.5)  # time for a duplicate to show up
    # every dispatch notice of the cancellation, in order, none twice
    assert board.cursors == expected
    by_kind = {n["__typename"]: n for n in board.notices}
    assert sorted(n["__typename"] for n in board.notices) == [
        "MissionCancelledNotice",
        "SlotReleasedNotice",
    ]
    assert by_kind["MissionCancelledNotice"]["mission"] == {"id": mission, "status": "CANCELLED"}
    assert by_kind["MissionCancelledNotice"]["reasonLabel"] == "Weather"
    assert by_kind["SlotReleasedNotice"]["missionId"] == mission
    # Dana hears of it once; Eli and the other agency not at all
    assert [(n["__typename"], n["mission"]) for n in dana.notices] == [
        ("MissionCancelledNotice", {"id": mission})
    ]
    assert eli.notices == [] and other_agency.notices == []
    latency = (min(board.arrived[0], dana.arrived[0]) - sent) * 1000
    print(f"\ncross-process notice latency after the mutation returned: {latency:.1f} ms")


async def test_notices_survive_a_redis_outage_in_order_and_once(cluster: Cluster) -> None:
    # given
    cl = cluster
    _, missions = await create_order(cl, cl.a, 24)
    start = await top_seq(cl, "acme")
    board = Watcher(cl.b, cl.tokens["op1"], DISPATCH)
    async with watching(cl.b, board):
        # when: cancellations before, during and after Redis is down
        for mission in missions[:8]:
            await cancel(cl.a, cl.tokens["op1"], mission)
        cl.redis.kill()
        for mission in missions[8:16]:
            await cancel(cl.a, cl.tokens["op1"], mission)  # never fails
        cl.redis = start_redis(cl.redis_port, cl.log_dir)
        await asyncio.gather(wait_healthy(cl.a, 15), wait_healthy(cl.b, 15), wait_healthy(cl.c, 15))
        for mission in missions[16:]:
            await cancel(cl.a, cl.tokens["op1"], mission)
        expected = await committed(cl, "acme", start, DISPATCH_TYPES)
        # then: every notice, in order, none twice
        await board.wait_for(len(expected), within=20)
        await asyncio.sleep(0.5)
    assert board.cursors == expected
    cancelled = [
        n["mission"]["id"] for n in board.notices if n["__typename"] == "MissionCancelledNotice"
    ]
    assert cancelled == missions


async def test_a_driver_app_resumes_with_after_and_gets_all_50_in_order(cluster: Cluster) -> None:
    # given: a driver app that saw one cancellation, then went offline
    cl = cluster
    missions = await single_missions(cl, cl.a, 52, driver="d1")
    app = Watcher(cl.b, cl.tokens["drv1"], DRIVER)
    async with watching(cl.b, app):
        await cancel(cl.a, cl.tokens["op1"], missions[0])
        (seen,) = await app.wait_for(1)
    # when: 50 cancellations while offline, then it resumes
    await asyncio.gather(
        *(
            cancel(cl.a if i % 2 else cl.b, cl.tokens["op1"], m)
            for i, m in enumerate(missions[1:51])
        )
    )
    resumed = Watcher(cl.a, cl.tokens["drv1"], DRIVER, after=seen["cursor"])
    async with watching(cl.a, resumed):
        await resumed.wait_for(50)
        await cancel(cl.b, cl.tokens["op1"], missions[51])
        await resumed.wait_for(51)
        await asyncio.sleep(0.3)
    # then
    assert len(resumed.notices) == 51
    assert resumed.cursors == sorted(resumed.cursors, key=_seq)
    expected = await committed(cl, "acme", _seq(seen["cursor"]), frozenset({"MissionCancelled"}))
    assert resumed.cursors == expected[:51]
    assert {n["mission"]["id"] for n in resumed.notices[:50]} == set(missions[1:51])
    assert resumed.notices[50]["mission"]["id"] == missions[51]


async def test_concurrent_cancellations_from_many_clients_all_arrive_in_cursor_order(
    cluster: Cluster,
) -> None:
    # given
    cl = cluster
    acme_missions = await single_missions(cl, cl.a, 30)
    other_missions = await single_missions(cl, cl.b, 15, agency="other")
    starts = {"acme": await top_seq(cl, "acme"), "other": await top_seq(cl, "other")}
    on_a = Watcher(cl.a, cl.tokens["op1"], DISPATCH)
    on_b = Watcher(cl.b, cl.tokens["op1"], DISPATCH)
    other_on_b = Watcher(cl.b, cl.tokens["op2"], DISPATCH)
    async with watching(cl.a, on_a), watching(cl.b, on_b, other_on_b):
        # when: every cancellation from its own client, spread over both servers
        await asyncio.gather(
            *(
                cancel(cl.a if i % 2 else cl.b, cl.tokens["op1"], m)
                for i, m in enumerate(acme_missions)
            ),
            *(
                cancel(cl.b if i % 2 else cl.a, cl.tokens["op2"], m)
                for i, m in enumerate(other_missions)
            ),
        )
        expected = {a: await committed(cl, a, starts[a], DISPATCH_TYPES) for a in starts}
        await on_a.wait_for(len(expected["acme"]))
        await on_b.wait_for(len(expected["acme"]))
        await other_on_b.wait_for(len(expected["other"]))
        await asyncio.sleep(0.5)
    # then
    assert on_a.cursors == expected["acme"]
    assert on_b.cursors == expected["acme"]
    assert other_on_b.cursors == expected["other"]


async def test_a_slow_subscriber_is_ended_with_a_resume_cursor_and_memory_stays_bounded(
    cluster: Cluster,
) -> None:
    # given: server C keeps at most 10 notices per subscriber; this client stops reading
    cl = cluster
    orders = [await create_order(cl, cl.a, 25) for _ in range(3)]
    start = await top_seq(cl, "acme")
    async with WsClient.connect(cl.c.ws) as client:
        assert (await client.init(cl.tokens["op1"]))["type"] == "connection_ack"
        await client.subscribe("1", DISPATCH)
        await until(lambda: _at_least(cl.c, 1), 10, "slow subscriber registered")
        # when: bursts of notices
        peak = 0
        for order_id, _ in orders:
            await api(
                cl.a,
                cl.tokens["op1"],
                "mutation($input: CancelOrderInput!) { cancelOrder(input: $input) { errors { message } } }",
                input={"orderId": order_id, "requestedBy": "Customer", "reasonCode": "WEATHER"},
            )
            for _ in range(5):
                peak = max(peak, (await cl.c.health())["broadcast"]["buffered"])
                await asyncio.sleep(0.05)
        # then: the subscription ends with an error naming where to resume
        seen: list[str] = []
        error: dict[str, Any] | None = None
        while error is None:
            message = await client.recv(10)
            assert message["type"] == "next", message
            if message["payload"].get("errors"):
                error = message["payload"]["errors"][0]
            else:
                seen.append(message["payload"]["data"]["dispatchNotices"]["cursor"])
        assert error["extensions"]["code"] == "SUBSCRIBER_TOO_SLOW"
        resume = error["extensions"]["after"]
        assert resume in error["message"]
        assert (await client.recv())["type"] == "complete"
        assert peak <= 10
        assert (await cl.c.health())["broadcast"]["buffered"] == 0
        # and resuming from the cursor delivers the rest, none twice
        expected = await committed(cl, "acme", start, DISPATCH_TYPES)
        await client.subscribe("2", DISPATCH, {"after": resume})
        rest = []
        for _ in range(len(expected) - len(seen)):
            rest.append((await client.next_data(10))["data"]["dispatchNotices"]["cursor"])
    assert seen + rest == expected


def test_several_workers_are_refused_with_in_process_broadcast(cluster: Cluster) -> None:
    env = {**cluster.a.env, "BROADCAST_URL": "memory://", "PORT": str(free_port())}
    result = subprocess.run(
        [sys.executable, "-m", "dispatch", "serve", "--workers", "2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert b"BROADCAST_URL=redis" in result.stderr


def _seq(cursor: str) -> int:
    from subscriptions.notices import decode_cursor

    parsed = decode_cursor(cursor)
    assert parsed is not None
    return parsed[1]
