"""WebSocket connections arriving at once are handled a few per pass of the event loop."""

from __future__ import annotations

import asyncio
from typing import Any

from schema.http.arrivals import ArrivalsMiddleware
from subscriptions.turns import ARRIVALS_PER_PASS
from tests.loop_passes import pass_counter


async def test_a_crowd_of_connections_is_handled_a_few_per_pass_every_message_in_its_turn() -> None:
    # given an application that notes in which pass it starts a connection and handles
    # each message, behind the middleware
    passes = pass_counter()
    handled: list[tuple[int, str, int]] = []  # (connection, what, pass)

    async def app(scope: Any, receive: Any, send: Any) -> None:
        handled.append((scope["n"], "start", passes[0]))
        for _ in range(2):
            message = await receive()
            handled.append((scope["n"], message["type"], passes[0]))

    middleware = ArrivalsMiddleware(app)

    def connection(n: int) -> Any:
        init = '{"type":"connection_init","payload":{"authorization":"Bearer ' + "x" * 64 + '"}}'
        messages = [{"type": "websocket.connect"}, {"type": "websocket.receive", "text": init}]

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


async def test_a_legacy_operation_stopped_while_it_waits_its_turn_is_completed() -> None:
    from schema.http.legacy_ws import LegacyWSHandler
    from subscriptions.turns import ARRIVALS

    # given: a crowd of arrivals ahead, and a graphql-ws operation queued behind them
    crowd = [asyncio.ensure_future(ARRIVALS.take()) for _ in range(5 * ARRIVALS_PER_PASS)]
    await asyncio.sleep(0)
    handler = LegacyWSHandler.__new__(LegacyWSHandler)
    sent: list[Any] = []

    async def send_message(message: Any) -> None:
        sent.append(message)

    handler.send_message = send_message  # type: ignore[method-assign]
    handler.tasks = {}
    handler.subscriptions = {}
    task = asyncio.ensure_future(handler.handle_async_results("op-1", "{ x }", None, None))
    handler.tasks["op-1"] = task
    await asyncio.sleep(0)
    assert not task.done()

    # when: the client stops it before its turn comes
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)

    # then: it is answered `complete`, as Strawberry answers a stopped operation
    assert sent == [{"type": "complete", "id": "op-1"}]
    assert "op-1" not in handler.tasks
    await asyncio.gather(*crowd)


async def test_a_ping_goes_on_without_waiting_behind_a_storm() -> None:
    # given an open connection, and then a crowd of connections waiting for their turns
    passes = pass_counter()
    inbox: asyncio.Queue[dict[str, str]] = asyncio.Queue()
    handled: list[tuple[str, int]] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        while True:
            message = await receive()
            handled.append((message["text"], passes[0]))
            if message["text"] == "bye":
                return

    async def ignore(message: Any) -> None:
        pass

    async def connect() -> dict[str, str]:
        return {"type": "websocket.connect", "text": "x" * 100}

    async def arrives(scope: Any, receive: Any, send: Any) -> None:
        await receive()

    opened = asyncio.ensure_future(
        ArrivalsMiddleware(app)({"type": "websocket"}, inbox.get, ignore)
    )
    await asyncio.sleep(0)
    crowd = [
        asyncio.ensure_future(ArrivalsMiddleware(arrives)({"type": "websocket"}, connect, ignore))
        for _ in range(10 * ARRIVALS_PER_PASS)
    ]
    await asyncio.sleep(0)

    # when the open connection receives a ping, and then a message that carries work
    sent_at = passes[0]
    inbox.put_nowait({"type": "websocket.receive", "text": '{"type":"ping"}'})
    inbox.put_nowait({"type": "websocket.receive", "text": "bye"})
    await asyncio.gather(opened, *crowd, return_exceptions=True)

    # then the ping is handled at once, not behind the crowd's turns
    assert handled[0] == ('{"type":"ping"}', handled[0][1])
    assert handled[0][1] - sent_at <= 2
