"""The legacy `graphql-ws` protocol, with the close codes of `graphql-transport-ws`."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions.protocols.graphql_ws.handlers import BaseGraphQLWSHandler
from strawberry.subscriptions.protocols.graphql_ws.types import CompleteMessage

from schema.context import Context
from schema.direct_frames import OPERATION
from schema.http.ws_sessions import CLOSE_CODE, close_reason, register, stop_tasks, unregister
from subscriptions.turns import ARRIVALS


class LegacyWSHandler(BaseGraphQLWSHandler[Context, None]):
    """The legacy `graphql-ws` protocol with the close codes of graphql-transport-ws.

    Strawberry's handler closes a refused connection with 1011 and never times out a
    missing `connection_init`; clients of both protocols get 4403 and 4408 here.
    """

    async def handle(self) -> None:
        timer = asyncio.create_task(self._init_timeout())
        try:
            await super().handle()
        finally:
            timer.cancel()
            unregister(self)

    async def end(self, reason: str) -> None:
        """Stop every operation, then close with 4403 and `reason` (the user's access changed)."""
        await stop_tasks([self.keep_alive_task, *self.tasks.values()])
        with contextlib.suppress(Exception):  # the client may be gone already
            await self.websocket.close(code=CLOSE_CODE, reason=close_reason(reason))

    async def handle_async_results(
        self,
        operation_id: str,
        query: str,
        operation_name: str | None,
        variables: dict[str, object] | None,
    ) -> None:
        OPERATION.set((operation_id, "data"))  # the task's own context: this operation's
        try:
            await ARRIVALS.take()  # its parsing, validation and start, a few per pass
        except asyncio.CancelledError:
            # Stopped before its turn: answered as Strawberry answers a stopped operation.
            await self.send_message(CompleteMessage(type="complete", id=operation_id))
            self.tasks.pop(operation_id, None)
            return
        await super().handle_async_results(operation_id, query, operation_name, variables)

    async def _init_timeout(self) -> None:
        await asyncio.sleep(self.view.connection_init_wait_timeout.total_seconds())
        if not self.connection_acknowledged:
            with contextlib.suppress(Exception):
                await self.websocket.close(code=4408, reason="Connection initialisation timeout")

    async def handle_connection_init(self, message: Any) -> None:
        # strawberry's own, except that a refusal closes with 4403 (it uses 1011)
        payload = message.get("payload")
        if payload is not None and not isinstance(payload, dict):
            await self.send_message({"type": "connection_error"})
            await self.websocket.close(code=4400, reason="Invalid connection init payload")
            return
        self.context.connection_params = payload
        try:
            await self.view.on_ws_connect(self.context)
        except ConnectionRejectionError as exc:
            await self.send_message({"type": "connection_error", "payload": exc.payload})
            await self.websocket.close(code=4403, reason="Forbidden")
            return
        await self.send_message({"type": "connection_ack"})
        self.connection_acknowledged = True
        await register(self)
        if self.keep_alive:
            self.keep_alive_task = asyncio.create_task(self.handle_keep_alive())
