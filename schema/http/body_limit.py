"""Request bodies over the limit are refused with 413 before they are read whole.

A declared `Content-Length` over the limit is answered at once, without reading the
body. A body sent without one (chunked) is counted as it streams in, and refused as
soon as it passes the limit. Either way at most `max_bytes` (plus one chunk) is ever
held in memory, so a 10 MB body can neither stall the event loop nor grow the process.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from schema.http.replies import refusal


class BodyTooLarge(Exception):
    """Raised from `receive` once the body passes the limit; answered with 413."""


def size_text(size: int) -> str:
    """`256 KB` for a whole number of kilobytes, else the bytes."""
    return f"{size // 1024} KB" if size % 1024 == 0 else f"{size} bytes"


class BodyLimitMiddleware:
    """Refuse HTTP request bodies larger than `max_bytes` with 413 PAYLOAD_TOO_LARGE."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except BodyTooLarge:
            if started:  # cannot happen before the body is read; never answer twice
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        message = f"The request body is over the limit of {size_text(self.max_bytes)}."
        # Close the connection: the rest of the body is not read, so it cannot be reused.
        response = refusal(scope, 413, message, headers={"Connection": "close"})
        await response(scope, receive, send)
