"""Live notices across real server processes, PostgreSQL and a private Redis: who hears a
cancellation made on another server, many concurrent cancellations in cursor order, and
several workers refused without Redis. The cluster (tests/e2e/cluster.py) is shared by the
package's notice tests.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time

import pytest

from subscriptions.notices import DISPATCH_TYPES
from tests.e2e.cluster import (
    DISPATCH,
    DRIVER,
    Cluster,
    cancel,
    committed,
    create_order,
    single_missions,
    top_seq,
)
from tests.e2e.notice_watchers import Watcher, watching
from tests.e2e.servers import (
    ROOT,
    free_port,
)

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.redis]


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
