"""Subscriptions that collect their notices in the background (gql over WebSocket), and
bounded waits on the servers' /healthz."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from typing import Any

from gql import Client, GraphQLRequest
from gql.transport.websockets import WebsocketsTransport

from tests.e2e.servers import (
    TRANSPORT_WS,
    Server,
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
            lambda: at_least(server, before + len(watchers)), 10, "subscriptions registered"
        )
        yield
    finally:
        for w in watchers:
            assert w.task is not None
            w.task.cancel()
        await asyncio.wait([w.task for w in watchers if w.task], timeout=5)


async def at_least(server: Server, n: int) -> bool:
    return await subscribers(server) >= n
