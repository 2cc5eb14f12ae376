"""Entry module: the Starlette app and the command line.

python -m dispatch serve | migrate | seed-demo | create-agency | create-user | token
                       | export-schema
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions.protocols.graphql_ws.handlers import BaseGraphQLWSHandler
from tortoise import Tortoise, connections

from models.config import ConfigError, Settings, tortoise_config
from resolvers.clock import Clock, SystemClock
from schema.auth import AuthError, Principal, authenticate
from schema.context import Context

log = logging.getLogger("dispatch")

# A socket that never sends connection_init is closed after this long (4408).
CONNECTION_INIT_TIMEOUT = timedelta(seconds=10)


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
        if self.keep_alive:
            self.keep_alive_task = asyncio.create_task(self.handle_keep_alive())


class DispatchGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI view with our authentication, context and origin rules."""

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

    def encode_json(self, data: object) -> str:
        # orjson: every response and every WebSocket frame goes through here. A str, not
        # bytes: bytes would go out as binary WebSocket frames, which clients refuse.
        return orjson.dumps(data).decode()

    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)

    async def get_context(self, request: Any, response: Any = None) -> Context:
        principal: Principal | None = getattr(getattr(request, "state", None), "principal", None)
        return Context(
            settings=self.settings,
            clock=self.clock,
            principal=principal,
            request_id=getattr(getattr(request, "state", None), "request_id", None)
            or uuid.uuid4().hex[:12],
            request=request,
            response=response,
        )

    async def on_ws_connect(self, context: Context) -> Any:
        params = context.connection_params or {}
        header = (
            params.get("authorization") or params.get("Authorization")
            if isinstance(params, dict)
            else None
        )
        try:
            context.principal = await authenticate(self.settings.secret, header)
        except AuthError as exc:
            raise ConnectionRejectionError(
                {"message": str(exc), "code": "UNAUTHENTICATED"}
            ) from exc
        return None


class AsgiEndpoint:
    """An ASGI callable that Starlette routes call with (scope, receive, send)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)


def unauthorized(message: str) -> JSONResponse:
    """HTTP 401 with a GraphQL-shaped error body."""
    return JSONResponse(
        {"data": None, "errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]},
        status_code=401,
        headers={"WWW-Authenticate": 'Bearer realm="dispatch"'},
    )


def create_app(
    settings: Settings | None = None, *, clock: Clock | None = None, manage_database: bool = True
) -> Starlette:
    """The ASGI application: /graphql (HTTP and WebSocket) and /healthz.

    `manage_database=False` leaves Tortoise to the caller (tests that already opened it).
    """
    from subscriptions.runtime import NoticeRuntime

    settings = settings or Settings.from_env()
    clock = clock or SystemClock()
    graphql = DispatchGraphQL(settings, clock)
    runtime = NoticeRuntime(settings.broadcast_url, buffer_size=settings.notice_buffer)

    async def graphql_http(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await graphql(scope, receive, send)
            return
        request = Request(scope, receive)
        request.state.request_id = request.headers.get("x-request-id") or uuid.uuid4().hex[:12]
        wants_ide = request.method == "GET" and "text/html" in request.headers.get("accept", "")
        if not wants_ide:
            try:
                request.state.principal = await authenticate(
                    settings.secret, request.headers.get("authorization")
                )
            except AuthError as exc:
                await unauthorized(str(exc))(scope, receive, send)
                return
        await graphql(scope, receive, send)

    async def healthz(request: Request) -> Response:
        checks: dict[str, Any] = {}
        ok = True
        try:
            await connections.get("default").execute_query("SELECT 1")
            checks["database"] = {"state": "ok", "dialect": settings.dialect}
        except Exception as exc:  # any failure makes the instance unhealthy
            ok = False
            checks["database"] = {"state": "error", "error": type(exc).__name__}
        broadcast = runtime.health()
        checks["broadcast"] = broadcast
        if broadcast["state"] != "connected":
            ok = False
        return JSONResponse({"ok": ok, **checks}, status_code=200 if ok else 503)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if manage_database:
            await Tortoise.init(
                config=tortoise_config(settings.database_url), _enable_global_fallback=True
            )
        await runtime.start()
        app.state.runtime = runtime
        try:
            yield
        finally:
            await runtime.stop()
            if manage_database:
                await Tortoise.close_connections()

    # A plain function would be taken for a request -> response endpoint: wrap it so
    # Starlette calls it as the ASGI app it is.
    endpoint = AsgiEndpoint(graphql_http)
    app = Starlette(
        routes=[
            Route("/graphql", endpoint, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", endpoint),
            Route("/healthz", healthz),
        ],
        lifespan=lifespan,
    )
    app.state.settings = settings
    return app


def app_factory() -> Starlette:
    """For `uvicorn --factory dispatch:app_factory` (each worker builds its own app)."""
    logging.basicConfig(level=Settings.from_env().log_level.upper())
    return create_app()


def main(argv: list[str] | None = None) -> int:
    """The command line."""
    from resolvers import admin_commands as cmds

    parser = argparse.ArgumentParser(prog="dispatch", description="Dispatch cancellations API")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the server (migrate first)")
    serve.add_argument("--workers", type=int, default=None)
    sub.add_parser("migrate", help="apply the database migrations")
    seed = sub.add_parser("seed-demo", help="load the demo agency (once) and print tokens")
    seed.add_argument("--quiet", action="store_true")
    agency = sub.add_parser("create-agency", help="create an agency")
    agency.add_argument("name")
    agency.add_argument("--time-zone", default="UTC")
    agency.add_argument("--currency", default="EUR")
    user = sub.add_parser("create-user", help="create a user of an agency")
    user.add_argument("--agency", type=int, required=True, help="agency id")
    user.add_argument("--name", required=True)
    user.add_argument("--role", required=True, choices=["ADMIN", "OPERATOR", "DRIVER", "REPORTER"])
    user.add_argument("--driver", type=int, help="driver id (required for DRIVER)")
    token = sub.add_parser("token", help="print a bearer token for a user")
    token.add_argument("user_id", type=int)
    token.add_argument("--days", type=int, default=30)
    export = sub.add_parser("export-schema", help="write the SDL")
    export.add_argument("path", nargs="?", default="schema.graphql")
    args = parser.parse_args(argv)

    if args.command == "export-schema":
        from schema.build import schema

        with open(args.path, "w") as f:
            f.write(str(schema).rstrip() + "\n")
        print(f"wrote {args.path}")
        return 0
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    if args.command == "serve":
        return serve_forever(settings, args.workers or settings.workers)
    return asyncio.run(cmds.run(settings, args))


def serve_forever(settings: Settings, workers: int) -> int:
    """Run uvicorn; several workers need a shared database and Redis."""
    import uvicorn

    if workers > 1 and (
        settings.broadcast_url.startswith("memory") or settings.dialect == "sqlite"
    ):
        print(
            "Several workers need BROADCAST_URL=redis://… and a PostgreSQL DATABASE_URL: "
            "with memory:// each worker would see only its own notices, and SQLite "
            "allows one writing process.",
            file=sys.stderr,
        )
        return 2
    uvicorn.run(
        "dispatch:app_factory",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=workers,
        log_level=settings.log_level,
        # the plain "websockets" implementation is deprecated in uvicorn 0.54
        ws="websockets-sansio",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
