"""The GraphQL view: Strawberry's ASGI app with our context, JSON codec and WebSocket rules."""

from __future__ import annotations

from datetime import timedelta
from time import perf_counter
from typing import Any

import orjson
from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData, process_result
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult

from models.config import Settings
from observability import logs, tracing
from observability.metrics import observe_operation
from observability.operations import outcome_of
from observability.sql import start_counting
from resolvers.clock import Clock
from schema.context import Context
from schema.error_policy import MASKED_MESSAGE, log
from schema.frames import FRAMES
from schema.http import graphiql
from schema.http.body_limit import BodyTooLarge
from schema.http.legacy_ws import LegacyWSHandler
from schema.http.media import (
    GRAPHQL_RESPONSE_JSON,
    is_request_error,
    status_of_request_error,
    wants_graphql_response,
)
from schema.http.persisted import (
    DocumentStore,
    MemoryStore,
    PersistedQueryError,
    raw_of,
    resolve,
)
from schema.http.replies import SIGN_IN, refusal, request_id, unauthorized
from schema.http.ws_sessions import TransportWSHandler

# A socket that never sends connection_init is closed after this long (4408).
CONNECTION_INIT_TIMEOUT = timedelta(seconds=10)
# Scope key: the status of a request error answered in application/graphql-response+json.
REQUEST_ERROR_STATUS = "graphql_request_error_status"
PERSISTED_KEYS = ("extensions", "documentId", "doc_id")
MUTATION_OVER_GET = "A mutation cannot run over GET: send it as a POST."


class DispatchGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI view with our context and origin rules.

    The caller was authenticated by `AuthenticationMiddleware`, which left a `Principal`
    (or None) in the scope. Nothing runs for a caller without one: an HTTP request is
    answered 401 unless it is the GraphiQL page (which runs nothing), and a WebSocket
    is refused at `connection_init`.
    """

    def __init__(
        self,
        settings: Settings,
        clock: Clock,
        documents: DocumentStore | None = None,
        **kwargs: Any,
    ) -> None:
        from schema.build import schema

        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.graphiql else None,
            allowed_origins=list(settings.allowed_origins),
            keep_alive=True,
            keep_alive_interval=15,
            connection_init_wait_timeout=CONNECTION_INIT_TIMEOUT,
            **kwargs,
        )
        self.settings = settings
        self.clock = clock
        self.documents = documents or MemoryStore()

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
                if wants_graphql_response(scope):
                    response = graphql_response_json(scope, response)
            except HTTPException as exc:
                # Strawberry's refusals (not JSON, not an object, no query, wrong content
                # type, batching) come as plain text: give them the GraphQL error shape.
                headers = {"Allow": "POST"} if exc.status_code == 405 else None
                response = refusal(scope, exc.status_code, exc.reason, headers=headers)
            except PersistedQueryError as exc:
                response = refusal(scope, exc.status, exc.message, code=exc.code)
            except BodyTooLarge:
                raise  # answered by the body limit middleware
            except Exception:  # a bug outside GraphQL's own error handling
                log.exception("unexpected failure in request %s", request_id(scope))
                response = refusal(scope, 500, MASKED_MESSAGE)
        response.headers["X-Request-ID"] = request_id(scope)
        await response(scope, receive, send)

    def serves_graphiql(self, request: Request) -> bool:
        """Whether Strawberry answers this request with the GraphiQL page (no operation).

        Strawberry's own rule, so that the one request allowed without a token is exactly
        the one that cannot run anything.
        """
        adapter = self.request_adapter_class(request)
        return self.graphql_ide is not None and self.should_render_graphql_ide(adapter)

    async def parse_http_body(self, request: Any) -> Any:
        data = await super().parse_http_body(request)
        # A hash instead of the text (or with it, to register it): persisted operations.
        if isinstance(data, GraphQLRequestData) and (data.query is None or data.extensions):
            raw = None
            if data.query is None:
                params = dict(request.query_params) if request.method == "GET" else None
                raw = raw_of(None if params is not None else await request.get_body(), params)
            await resolve(self.documents, data, raw)
        return data

    async def execute_single(  # type: ignore[override]
        self, **kwargs: Any
    ) -> ExecutionResult:
        # strawberry calls it with keywords only
        if tracing.ENABLED:
            with tracing.operation_span() as span:
                result = await self._execute_observed(kwargs)
                seen = kwargs["context"].operation
                outcome, _ = outcome_of(result.data, result.errors, seen.type)
                tracing.finish_operation(span, seen.name, seen.type, outcome)
                return result
        return await self._execute_observed(kwargs)

    async def _execute_observed(self, kwargs: dict[str, Any]) -> ExecutionResult:
        statements = start_counting()
        started = perf_counter()
        try:
            result = await super().execute_single(**kwargs)
        except HTTPException as exc:
            # The spec's answer to a mutation over GET: 405, POST allowed.
            if isinstance(exc.__cause__, InvalidOperationTypeError):
                raise HTTPException(405, MUTATION_OVER_GET) from exc
            raise
        context = kwargs["context"]
        seen = context.operation
        seconds = perf_counter() - started
        outcome, codes = outcome_of(result.data, result.errors, seen.type)
        observe_operation(seen.name, seen.type, outcome, seconds, statements[0])
        if logs.ACCESS_LOG:
            logs.request_line(
                context.request_id,
                context.principal,
                seen.name,
                seen.type,
                outcome,
                codes,
                seconds,
                statements[0],
            )
        return result

    async def process_result(self, request: Any, result: ExecutionResult) -> GraphQLHTTPResponse:
        body = process_result(result)
        scope = request.scope
        if wants_graphql_response(scope) and is_request_error(result):
            # application/graphql-response+json: no operation ran, so no `data` entry
            del body["data"]
            scope[REQUEST_ERROR_STATUS] = status_of_request_error(result)
        return body

    async def render_graphql_ide(self, request: Any) -> Response:
        return graphiql.page()  # our page, its assets served here (no CDN)

    def should_render_graphql_ide(self, request: Any) -> bool:
        # A GET naming a persisted document has no `query` either: it runs, it is no IDE.
        params = request.query_params
        return super().should_render_graphql_ide(request) and not any(
            key in params for key in PERSISTED_KEYS
        )

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


def graphql_response_json(scope: Scope, response: Response) -> Response:
    """A GraphQL result in application/graphql-response+json, with its status code (the
    GraphiQL page and other media are left as they are)."""
    if response.media_type == "application/json":
        response.headers["content-type"] = f"{GRAPHQL_RESPONSE_JSON}; charset=utf-8"
        status = scope.get(REQUEST_ERROR_STATUS)
        if status is not None:
            response.status_code = status
    return response
