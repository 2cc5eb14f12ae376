"""Helpers of the live-notice tests (tests/api/test_subscription_*.py, test_notice_stream.py):
the documents, committing events as a mutation would, and waiting until subscriptions are live.

The tests run the real app behind uvicorn in the test's loop with memory:// broadcast (the
`server` fixture in conftest.py). Events are written through `run_command` +
`uow.record(...)` and published by the runtime's outbox listener, exactly as a mutation's
would be.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from typing import Any

import pytest

from models.agency import User
from models.domain import events as ev
from resolvers.clock import FixedClock
from resolvers.unit_of_work import UnitOfWork, run_command
from tests.e2e.servers import LEGACY_WS, TRANSPORT_WS, WsClient
from tests.factories import scope_of, token

ALLOWED = "https://board.example.com"


BUFFER = 8


DISPATCH_QUERY = """
subscription($after: String) {
  dispatchNotices(after: $after) {
    __typename
    ... on Notice { cursor occurredAt }
    ... on MissionStatusChangedNotice { fromStatus toStatus }
    ... on SlotReleasedNotice { driver { name } from to missionId }
  }
}"""


DRIVER_QUERY = """
subscription($after: String) {
  driverNotices(after: $after) {
    __typename
    ... on MissionUnassignedNotice { cursor missionId }
  }
}"""


protocols = pytest.mark.parametrize("protocol", [TRANSPORT_WS, LEGACY_WS])


async def record(
    user: User, clock: FixedClock, items: Iterable[tuple[str, dict[str, Any]]]
) -> None:
    """Commit audit events as `user` (published after commit by the runtime)."""

    async def work(uow: UnitOfWork) -> None:
        for type_, kwargs in items:
            uow.record(type_, **kwargs)

    await run_command(scope_of(user), clock, work)


def status_changed(mission_id: int = 7) -> tuple[str, dict[str, Any]]:
    return ev.MISSION_STATUS_CHANGED, {
        "mission_id": mission_id,
        "fromStatus": "ASSIGNED",
        "toStatus": "IN_PROGRESS",
    }


def unassigned(driver_id: int, mission_id: int = 9) -> tuple[str, dict[str, Any]]:
    return ev.DRIVER_UNASSIGNED, {
        "mission_id": mission_id,
        "driver_ids": [driver_id],
        "driverId": driver_id,
    }


async def until(condition: Callable[[], bool], what: str, within: float = 5) -> None:
    """Poll `condition` until it holds; fail the test after `within` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not condition():
        if loop.time() > deadline:
            pytest.fail(f"timed out after {within}s waiting for {what}")
        await asyncio.sleep(0.005)


async def live(server: Any, subscriptions: int) -> None:
    """Until `subscriptions` streams are registered with the hub and positioned: a notice
    committed from now on reaches each of them (one committed before could be counted as
    already seen by a stream that started without a cursor)."""
    hub = server.state.runtime.hub
    await until(
        lambda: hub.subscribers >= subscriptions and server.state.positioned[0] >= subscriptions,
        f"{subscriptions} live subscriptions (hub has {hub.subscribers})",
    )


async def connected(server: Any, user: User, protocol: str = TRANSPORT_WS, **options: Any) -> Any:
    """A signed-in client (`options` go to websockets' `connect`: compression=None, say)."""
    client_cm = WsClient.connect(server.state.url, protocol, **options)
    client = await client_cm.__aenter__()
    ack = await client.init(token(user))
    assert ack["type"] == "connection_ack", ack
    return client_cm, client


def slot_released(driver: Any, mission_id: int) -> tuple[str, dict[str, Any]]:
    return ev.SLOT_RELEASED, {
        "mission_id": mission_id,
        "driver_ids": [driver.id],
        "driverId": driver.id,
        "start": "2026-06-02T09:00:00+00:00",
        "end": "2026-06-02T10:00:00+00:00",
    }


async def received(client: Any, count: int) -> list[dict[str, Any]]:
    """The next `count` messages, without their subscription ids."""
    messages = []
    for _ in range(count):
        message = await client.recv(10)
        messages.append({k: v for k, v in message.items() if k != "id"})
    return messages
