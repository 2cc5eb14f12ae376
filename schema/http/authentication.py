"""Who is calling: one ASGI middleware for HTTP requests and WebSocket connections.

In the manner of Starlette's `AuthenticationMiddleware`: it authenticates the
connection and puts the result in the scope (`scope["principal"]`, a `Principal` or
None) for the app behind it; a request whose credentials are refused is answered here.

- HTTP: the `Authorization: Bearer <token>` header; a refused token is HTTP 401, and a
  request without the header goes on anonymous (the view lets it see GraphiQL only).
- WebSocket: browsers cannot set headers on a WebSocket, so the token travels in the
  `connection_init` message's payload (`{"authorization": "Bearer <token>"}`), in both
  protocols. The middleware reads each `connection_init` as it passes and records the
  outcome (`scope["auth_error"]` says why there is no principal); the GraphQL view
  refuses the connection in the protocol's terms (4403).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from resolvers.tokens import AuthError, Principal
from schema.http.replies import request_id, unauthorized

Authenticate = Callable[[str | None], Awaitable[Principal]]


class AuthenticationMiddleware:
    """Put the caller's `Principal` (or None) into the scope of every connection."""

    def __init__(self, app: ASGIApp, authenticate: Authenticate) -> None:
        self.app = app
        self.authenticate = authenticate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        elif scope["type"] == "websocket":
            scope["principal"] = None
            await self.app(scope, self._watching_init(scope, receive), send)
        else:
            await self.app(scope, receive, send)

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        request_id(scope)
        scope["principal"] = None
        header = dict(scope.get("headers") or ()).get(b"authorization")
        if header is not None:
            try:
                scope["principal"] = await self.authenticate(header.decode("latin-1"))
            except AuthError as exc:
                await unauthorized(scope, str(exc))(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _watching_init(self, scope: Scope, receive: Receive) -> Receive:
        async def receive_and_authenticate() -> Message:
            message = await receive()
            if message["type"] == "websocket.receive":
                init = _connection_init(message.get("text"))
                if init is not None:
                    await self._authenticate_init(scope, init)
            return message

        return receive_and_authenticate

    async def _authenticate_init(self, scope: Scope, payload: object) -> None:
        params = payload if isinstance(payload, dict) else {}
        header = params.get("authorization") or params.get("Authorization")
        try:
            scope["principal"] = await self.authenticate(
                header if isinstance(header, str) else None
            )
            scope.pop("auth_error", None)
        except AuthError as exc:
            scope["principal"] = None
            scope["auth_error"] = str(exc)


def _connection_init(text: str | None) -> Any:
    """The payload of a `connection_init` frame (None when the frame is something else)."""
    if not text or "connection_init" not in text:
        return None
    try:
        message = orjson.loads(text)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(message, dict) or message.get("type") != "connection_init":
        return None
    return message.get("payload") or {}
