"""The Starlette app: /graphql (HTTP and WebSocket) and /healthz, and its lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
from collections.abc import AsyncIterator
from functools import partial
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from tortoise import Tortoise, connections

from models.config import Settings, tortoise_config
from observability import logs, metrics, tracing
from observability.endpoint import keep_state_current, metrics_endpoint
from observability.sql import install as install_statement_counter
from resolvers import carried_rows
from resolvers.clock import Clock, SystemClock
from resolvers.identity_provider import IdentityProvider
from schema.auth import authenticate
from schema.compiled.executor import current_mode, executor_health
from schema.http.arrivals import ArrivalsMiddleware
from schema.http.authentication import AuthenticationMiddleware
from schema.http.body_limit import BodyLimitMiddleware
from schema.http.graphiql import assets_mount
from schema.http.persisted import store_for
from schema.http.view import DispatchGraphQL
from schema.notice_rows import NoticeRows
from schema.trusted_documents import TrustedDocuments
from schema.trusted_documents import install as install_trusted_documents

if TYPE_CHECKING:
    from subscriptions.webhooks.worker import DeliveryWorker

log = logging.getLogger("dispatch")
# At import, before anything else wraps Tortoise's clients (the tests' statement counter).
install_statement_counter()


def create_app(
    settings: Settings | None = None, *, clock: Clock | None = None, manage_database: bool = True
) -> Starlette:
    """The ASGI application: /graphql (HTTP and WebSocket), /healthz and /metrics.

    `manage_database=False` leaves Tortoise to the caller (tests that already opened it).
    """
    from subscriptions.runtime import NoticeRuntime

    settings = settings or Settings.from_env()
    clock = clock or SystemClock()
    trusted = (
        TrustedDocuments.load(settings.trusted_documents) if settings.trusted_documents else None
    )
    install_trusted_documents(trusted)
    documents = store_for(settings.broadcast_url, trusted)
    graphql = DispatchGraphQL(settings, clock, documents)
    runtime = NoticeRuntime(
        settings.broadcast_url,
        buffer_size=settings.notice_buffer,
        direct_frames=settings.notice_direct_frames,
        hub_leads=settings.notice_hub_leads,
    )
    # A notice's rows come with its event (resolvers/carried_rows.py), or are read as it
    # arrives (schema/notice_rows.py).
    carried_rows.CARRYING.enabled = settings.notice_rows
    notice_rows = NoticeRows()
    runtime.hub.prefetch = notice_rows.prefetch
    install_statement_counter()
    scrape = metrics_endpoint(settings.metrics_token, lambda: runtime.health())
    provider = IdentityProvider.of(settings)
    signed_in = [
        Middleware(
            AuthenticationMiddleware, partial(authenticate, settings.secret, provider=provider)
        )
    ]
    webhooks = delivery_worker(settings) if settings.webhooks.in_server else None

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
        checks["executor"] = executor_health()
        if webhooks is not None:
            checks["webhooks"] = webhooks.health()
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
        refresher = asyncio.create_task(keep_state_current(runtime.health))
        if webhooks is not None:
            await webhooks.start()
        log.info("GraphQL executor: %s (GRAPHQL_EXECUTOR)", current_mode().value)
        if manage_database:
            settle_heap()
        try:
            yield
        finally:
            refresher.cancel()
            if webhooks is not None:
                await webhooks.stop()
            await runtime.stop()
            await documents.close()
            metrics.process_exited(os.getpid())
            if manage_database:
                await Tortoise.close_connections()

    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"], middleware=signed_in),
            WebSocketRoute("/graphql", graphql, middleware=signed_in),
            Route("/healthz", healthz),
            Route("/metrics", scrape),
            assets_mount(),
        ],
        middleware=[
            Middleware(ArrivalsMiddleware),
            *traced(),
            Middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes),
        ],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.notice_rows = notice_rows
    return app


def traced() -> list[Middleware]:
    """The HTTP server span of each request, when tracing is on (observability/tracing.py)."""
    if not tracing.ENABLED:
        return []
    from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware

    return [
        Middleware(
            OpenTelemetryMiddleware,
            tracer_provider=tracing.tracer_provider(),
            exclude_spans=["receive", "send"],
            excluded_urls="/healthz,/metrics",
        )
    ]


def delivery_worker(settings: Settings) -> DeliveryWorker:
    """The webhook delivery worker of this process (kicked by its commits)."""
    from schema.webhook_body import make_renderer
    from subscriptions.webhooks.worker import DeliveryWorker

    return DeliveryWorker(settings.webhooks, make_renderer(settings))


def settle_heap() -> None:
    """Keep the cyclic garbage collector off what lives as long as the process.

    A page of 100 rows allocates tens of thousands of objects; each collection the
    allocations set off also walks the schema, the plans and every module (measured: a
    third of a 100-row page's CPU). What exists once the server is up is frozen out of
    the collector's reach, and it runs a little less often.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def app_factory() -> Starlette:
    """For `uvicorn --factory app:app_factory` (each worker builds its own app)."""
    settings = Settings.from_env()
    logs.configure(settings.log_format, settings.log_level, settings.log_requests)
    tracing.configure()
    return create_app(settings)
