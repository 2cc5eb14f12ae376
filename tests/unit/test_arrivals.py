"""WebSocket connections arriving at once are handled a few per pass of the event loop."""

from __future__ import annotations

import asyncio
from typing import Any

from schema.http.arrivals import ArrivalsMiddleware
from subscriptions.turns import ARRIVALS_PER_PASS


def _pass_counter() -> list[int]:
    passes = [0]
    loop = asyncio.get_running_loop()

    def tick() -> None:
        passes[0] += 1
        loop.call_soon(tick)

    loop.call_soon(tick)
    return passes


async def test_a_crowd_of_connections_is_handled_a_few_per_pass_every_message_in_its_turn() -> None:
    # given an application that notes in which pass it starts a connection and handles
    # each message, behind the middleware
    passes = _pass_counter()
    handled: list[tuple[int, str, int]] = []  # (connection, what, pass)

    async def app(scope: Any, receive: Any, send: Any) -> None:
        handled.append((scope["n"], "start", passes[0]))
        for _ in range(2):
            message = await receive()
            handled.append((scope["n"], message["type"], passes[0]))

    middleware = ArrivalsMiddleware(app)

    def connection(n: int) -> Any:
        messages = [{"type": "websocket.connect"}, {"type": "websocket.receive"}]

        async def receive() -> dict[str, str]:
            return messages.pop(0)  # a client that sent everything at once

        async def send(message: Any) -> None:
            pass

        return middleware({"type": "websocket", "n": n}, receive, send)

    # when 200 connections arrive in the same pass
    await asyncio.gather(*(connection(n) for n in range(200)))

    # then every connection started and handled both its messages, in order
    assert len(handled) == 600
    for n in range(200):
        assert [what for c, what, _ in handled if c == n] == [
            "start",
            "websocket.connect",
            "websocket.receive",
        ]
    # and no pass handled more than the bound's worth of those steps
    per_pass: dict[int, int] = {}
    for _, _, p in handled:
        per_pass[p] = per_pass.get(p, 0) + 1
    assert max(per_pass.values()) <= ARRIVALS_PER_PASS
    assert len(per_pass) >= 600 // ARRIVALS_PER_PASS


async def test_an_http_request_never_waits_for_a_turn() -> None:
    # given a crowd of connections waiting for their turns
    started = asyncio.Event()

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            started.set()
            return
        await asyncio.sleep(0)

    middleware = ArrivalsMiddleware(app)

    async def nothing() -> dict[str, str]:
        return {"type": "websocket.connect"}

    async def ignore(message: Any) -> None:
        pass

    crowd = [
        asyncio.ensure_future(middleware({"type": "websocket"}, nothing, ignore))
        for _ in range(10 * ARRIVALS_PER_PASS)
    ]
    await asyncio.sleep(0)

    # when a request comes, then it is handled without waiting for a pass
    step = middleware({"type": "http"}, nothing, ignore).__await__()
    try:
        step.send(None)
    except StopIteration:
        pass
    else:
        raise AssertionError("an HTTP request waited")
    assert started.is_set()
    await asyncio.gather(*crowd)
