"""Live notices that survive trouble, across real server processes: a Redis outage, a
driver app offline for 50 cancellations, and a subscriber too slow to keep up (ended with
a resume cursor, memory bounded). Every notice arrives in order and none twice.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from subscriptions.notices import DISPATCH_TYPES
from tests.e2e.cluster import (
    DISPATCH,
    DRIVER,
    Cluster,
    api,
    cancel,
    committed,
    create_order,
    seq,
    single_missions,
    top_seq,
)
from tests.e2e.notice_watchers import Watcher, at_least, until, watching
from tests.e2e.servers import (
    WsClient,
    start_redis,
    wait_healthy,
)

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.redis]


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
    assert resumed.cursors == sorted(resumed.cursors, key=seq)
    expected = await committed(cl, "acme", seq(seen["cursor"]), frozenset({"MissionCancelled"}))
    assert resumed.cursors == expected[:51]
    assert {n["mission"]["id"] for n in resumed.notices[:50]} == set(missions[1:51])
    assert resumed.notices[50]["mission"]["id"] == missions[51]


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
        await until(lambda: at_least(cl.c, 1), 10, "slow subscriber registered")
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
