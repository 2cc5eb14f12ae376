"""WebSocket connections take turns to start and to act on what they send
(`subscriptions.turns.ARRIVALS`): a thousand clients reconnecting at once are served a
few per pass of the event loop, and the live notices go on between those passes."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from subscriptions.turns import ARRIVALS


class ArrivalsMiddleware:
    """A WebSocket connection waits its turn to start, and again after each message it
    receives, before that message is handled; HTTP requests pass untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "websocket":
            await self.app(scope, receive, send)
            return

        async def in_turn() -> Message:
            message = await receive()
            await ARRIVALS.take()
            return message

        await ARRIVALS.take()
        await self.app(scope, in_turn, send)
