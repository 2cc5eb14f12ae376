"""A WebSocket subscription's frames, written by the notice hub (subscriptions/direct.py).

The protocol handlers (schema/http/ws_sessions.py, legacy_ws.py) say which operation a
task runs (`OPERATION`): its id and the type of its result frames (`next` in
graphql-transport-ws, `data` in graphql-ws). A subscription resolver then gets a
`SocketSink` for its stream (`socket_sink`): the frame is the one Strawberry would send,
spliced from the shared payload. It is written to the socket at once where the server
offers it (`SEND_NOW`, schema/http/ws_protocol.py), else through the connection's ASGI
`send` like every other frame, driven at once (`drive`): either way it waits only when
the socket's buffer is full. The sink also starts its subscription's execution of a live
event when the hub asks (`run`), in the operation's own context, with the executor the
subscription was built with.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from contextvars import ContextVar, copy_context
from typing import Any

from graphql import ExecutionResult
from starlette.websockets import WebSocket, WebSocketState

from schema.frames import frame_head
from schema.http.ws_protocol import SEND_NOW, WRITE_NOW
from schema.shared_execution import AHEAD, SharedEventExecution, shared_body, sharing_key
from subscriptions.direct import drive
from subscriptions.notices import NoticeEvent, shared_get

_CONNECTED = WebSocketState.CONNECTED  # an enum member looked up costs 0.2 µs on 3.11

OPERATION: ContextVar[tuple[str, str] | None] = ContextVar("ws_operation", default=None)
"""(id, result frame type) of the WebSocket operation the current task runs."""


class SocketSink:
    """Writes one subscription's frames to its WebSocket."""

    __slots__ = (
        "_head",
        "_lead",
        "_on_sent",
        "_operation",
        "_send_now",
        "_task",
        "_websocket",
        "_write_now",
        "key",
    )

    def __init__(
        self,
        key: tuple[Any, ...],
        operation: Any,
        websocket: WebSocket,
        op_id: str,
        kind: str,
        task: asyncio.Task[Any],
        on_sent: Callable[[int], None],
        executor: SharedEventExecution | None = None,
    ) -> None:
        self.key = key
        self._operation = operation
        self._head = frame_head(op_id, kind)
        self._websocket = websocket
        extensions = websocket.scope.get("extensions", {})
        self._send_now = extensions.get(SEND_NOW)
        self._write_now = extensions.get(WRITE_NOW) if self._send_now is not None else None
        self._task = task
        self._on_sent = on_sent
        # Started in the operation task's context (its executor mode, its log fields).
        self._lead = (copy_context(), executor) if executor is not None else None

    @property
    def leads(self) -> bool:
        return self._lead is not None

    def run(self, event: NoticeEvent) -> bool:
        if self._lead is None:
            raise RuntimeError("this subscription's executions are not started by the hub")
        context, executor = self._lead
        return context.run(executor.start_event, event, self.key)

    def alive(self) -> bool:
        task = self._task
        return (
            not task.done()
            and not task.cancelling()  # stopped by the client, or the connection closed
            and self._websocket.application_state is _CONNECTED
        )

    def write(self, body: str) -> Awaitable[None] | None:
        if self._send_now is not None and self._send_now(self._head, body):
            return None  # written to the socket now (schema/http/ws_protocol.py)
        text = self._head + body + "}"
        return drive(self._websocket.send({"type": "websocket.send", "text": text}), self.alive)

    def write_now(self, bodies: list[str]) -> int:
        write_now = self._write_now
        if write_now is None:
            return 0
        taken: int = write_now(self._head, bodies)
        return taken

    def sent(self, n: int = 1) -> None:
        self._on_sent(n)

    def answer(self, event: NoticeEvent) -> str | Awaitable[str | None] | None:
        entry = shared_get(event, self.key)
        if entry is None or entry[0] is not self._operation:
            return None
        future: asyncio.Future[ExecutionResult] = entry[1]
        return shared_body(future) if future.done() else _body_when_done(future)

    def ahead(self, event: NoticeEvent, later: list[NoticeEvent]) -> None:
        event.shared[(AHEAD, self.key)] = later  # read by SharedEventExecution


async def _body_when_done(future: asyncio.Future[ExecutionResult]) -> str | None:
    with contextlib.suppress(Exception):
        await asyncio.shield(future)  # leaving must not cancel the others' execution
    return shared_body(future)


def socket_sink(
    info: Any, on_sent: Callable[[int], None], *, lead: SharedEventExecution | None = None
) -> SocketSink | None:
    """The sink of the subscription `info` resolves, or None when its frames cannot be
    written for it (not over a WebSocket, or nobody signed in). With `lead`, the executor
    Strawberry built for this subscription (`subscribing`), the hub may start its
    executions of live events (`SocketSink.run`)."""
    operation = OPERATION.get()
    websocket = getattr(info.context, "request", None)
    task = asyncio.current_task()
    if operation is None or not isinstance(websocket, WebSocket) or task is None:
        return None
    raw = info._raw_info
    key = sharing_key(raw.operation, raw.variable_values, info.context)
    if key is None:
        return None
    executor = lead
    if executor is not None and (
        executor.operation is not raw.operation
        or executor.context_value is not info.context
        or getattr(executor.variable_values, "coerced", None) is not raw.variable_values
    ):
        executor = None  # not this subscription's: its stream executes its notices
    return SocketSink(
        key, raw.operation, websocket, operation[0], operation[1], task, on_sent, executor
    )
