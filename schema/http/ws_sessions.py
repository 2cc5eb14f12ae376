"""WebSocket connections as sessions of their user: ended (4403) when the user's access changes.

Once a connection is acknowledged it is registered with the process's `OpenSessions`
under its user; when an access change of that user arrives (`subscriptions/sessions.py`)
its operations are stopped and it is closed with 4403 and the reason. Both protocols:
`TransportWSHandler` here, `LegacyWSHandler` in `legacy_ws.py`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable
from typing import Any

from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)

from resolvers.tokens import access_lost
from schema.context import Context
from schema.direct_frames import OPERATION
from subscriptions.runtime import active_runtime
from subscriptions.turns import ARRIVALS

CLOSE_CODE = 4403


async def register(handler: Any) -> None:
    """Register an acknowledged connection under its user; end it at once if the user's
    access changed since it signed in (the change's event came before the registration)."""
    principal = handler.context.principal
    if principal is None:
        return
    active_runtime(handler.context).sessions.open(principal.user.id, handler)
    reason = await access_lost(principal.user)
    if reason is not None:
        unregister(handler)
        await handler.end(reason)


def unregister(handler: Any) -> None:
    """Forget a connection that ended."""
    principal = handler.context.principal
    if principal is None:
        return
    with contextlib.suppress(RuntimeError):  # the runtime already stopped
        active_runtime(handler.context).sessions.close(principal.user.id, handler)


async def stop_tasks(tasks: Iterable[asyncio.Task[Any] | None]) -> None:
    """Cancel the connection's operations and let them finish before it closes."""
    running = [t for t in tasks if t is not None and not t.done()]
    for task in running:
        task.cancel()
    for task in running:
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await task


def close_reason(reason: str) -> str:
    """A WebSocket close reason is at most 123 bytes."""
    return reason.encode()[:123].decode(errors="ignore")


class TransportWSHandler(BaseGraphQLTransportWSHandler[Context, None]):
    """`graphql-transport-ws`, whose connections end when their user's access changes."""

    async def handle_connection_init(self, message: Any) -> None:
        await super().handle_connection_init(message)
        if self.connection_acknowledged:
            await register(self)

    async def shutdown(self) -> None:
        unregister(self)
        await super().shutdown()

    async def run_operation(self, operation: Any) -> None:
        OPERATION.set((operation.id, "next"))  # the task's own context: this operation's
        await ARRIVALS.take()  # its parsing, validation and start, a few per pass
        await super().run_operation(operation)

    async def end(self, reason: str) -> None:
        """Stop every operation, then close with 4403 and `reason`."""
        operations = list(self.operations.values())
        self.operations.clear()
        await stop_tasks(op.task for op in operations)
        with contextlib.suppress(Exception):  # the client may be gone already
            await self.websocket.close(code=CLOSE_CODE, reason=close_reason(reason))
