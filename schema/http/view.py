"""The GraphQL view: Strawberry's ASGI app with our context, JSON codec and WebSocket rules."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import orjson
from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError

from models.config import Settings
from resolvers.clock import Clock
from schema.context import Context
from schema.error_policy import MASKED_MESSAGE, log
from schema.http.body_limit import BodyTooLarge
from schema.http.frames import FRAMES
from schema.http.legacy_ws import LegacyWSHandler
from schema.http.replies import SIGN_IN, refusal, request_id, unauthorized
from schema.http.ws_sessions import TransportWSHandler

# A socket that never sends connection_init is closed after this long (4408).
CONNECTION_INIT_TIMEOUT = timedelta(seconds=10)


class DispatchGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI view with our context and origin rules.

    The caller was authenticated by `AuthenticationMiddleware`, which left a `Principal`
    (or None) in the scope. Nothing runs for a caller without one: an HTTP request is
    answered 401 unless it is the GraphiQL page (which runs nothing), and a WebSocket
    is refused at `connection_init`.
    """

    def __init__(self, settings: Settings, clock: Clock, **kwargs: Any) -> None:
        from schema.build import schema

        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.embedded else None,
            allowed_origins=list(settings.allowed_origins),
            keep_alive=True,
            keep_alive_interval=15,
            connection_init_wait_timeout=CONNECTION_INIT_TIMEOUT,
            **kwargs,
        )
        self.settings = settings
        self.clock = clock

    graphql_ws_handler_class = LegacyWSHandler
    graphql_transport_ws_handler_class = TransportWSHandler

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive)
        if scope.get("principal") is None and not self.serves_graphiql(request):
            response: Response = unauthorized(scope, SIGN_IN)
        else:
            try:
                response = await self.run(request)
            except HTTPException as exc:
                # Strawberry's refusals (not JSON, not an object, no query, wrong content
                # type, batching) come as plain text: give them the GraphQL error shape.
                response = refusal(scope, exc.status_code, exc.reason)
            except BodyTooLarge:
                raise  # answered by the body limit middleware
            except Exception:  # a bug outside GraphQL's own error handling
                log.exception("unexpected failure in request %s", request_id(scope))
                response = refusal(scope, 500, MASKED_MESSAGE)
        await response(scope, receive, send)

    def serves_graphiql(self, request: Request) -> bool:
        """Whether Strawberry answers this request with the GraphiQL page (no operation).

        Strawberry's own rule, so that the one request allowed without a token is exactly
        the one that cannot run anything.
        """
        adapter = self.request_adapter_class(request)
        return self.graphql_ide is not None and self.should_render_graphql_ide(adapter)

    def encode_json(self, data: object) -> str:
        # orjson: every response and every WebSocket frame goes through here. A str, not
        # bytes: bytes would go out as binary WebSocket frames, which clients refuse.
        if type(data) is dict and len(data) == 3:  # a frame of a shared notice, once
            frame = FRAMES.encode(data)
            if frame is not None:
                return frame
        return orjson.dumps(data).decode()

    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)

    def parse_json(self, data: str | bytes) -> Any:
        # A body (or a `variables`/`extensions` parameter) must be an object, or a list
        # (refused as a batch); Strawberry reads `null`, `"x"`, `1` as one and fails.
        value = super().parse_json(data)
        if not isinstance(value, dict | list):
            raise HTTPException(400, 'A GraphQL request is a JSON object: {"query": "…"}.')
        return value

    async def get_context(self, request: Any, response: Any = None) -> Context:
        scope = request.scope
        return Context(
            settings=self.settings,
            clock=self.clock,
            principal=scope.get("principal"),
            request_id=request_id(scope),
            request=request,
            response=response,
        )

    async def on_ws_connect(self, context: Context) -> Any:
        scope = context.request.scope
        context.principal = scope.get("principal")
        if context.principal is None:
            message = scope.get("auth_error") or SIGN_IN
            raise ConnectionRejectionError({"message": message, "code": "UNAUTHENTICATED"})
        return None
