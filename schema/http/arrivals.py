"""WebSocket connections take turns to start and to act on what they send
(`subscriptions.turns.ARRIVALS`): a thousand clients reconnecting at once are served a
few per pass of the event loop, and the live notices go on between those passes."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from subscriptions.turns import ARRIVALS

SMALL = 64
"""A message shorter than this goes on without a turn: a ping, a pong, a `complete` or a
`stop` costs next to nothing, and must not wait behind a storm (a pong late enough ends
the connection)."""


class ArrivalsMiddleware:
    """A WebSocket connection waits its turn to start, and again after each message it
    receives that carries work (a `connection_init` with its token, a `subscribe` with its
    query), before that message is handled; HTTP requests pass untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "websocket":
            await self.app(scope, receive, send)
            return

        async def in_turn() -> Message:
            message = await receive()
            frame = message.get("text") or message.get("bytes")
            if frame is None or len(frame) >= SMALL:
                await ARRIVALS.take()
            return message

        await ARRIVALS.take()
        await self.app(scope, in_turn, send)
