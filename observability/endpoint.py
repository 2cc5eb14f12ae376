"""GET /metrics, and the task that keeps the state gauges current."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from tortoise import connections

from observability import metrics

REFRESH_S = 5.0


def pool_usage() -> tuple[int, int] | None:
    """(size, idle) of this process's PostgreSQL pool; None on SQLite or before it opens."""
    with contextlib.suppress(Exception):
        pool = getattr(connections.get("default"), "_pool", None)
        if pool is not None:
            return int(pool.get_size()), int(pool.get_idle_size())
    return None


def metrics_endpoint(
    token: str | None, health: Callable[[], dict[str, Any]]
) -> Callable[[Request], Any]:
    """The /metrics view; with `token`, a scrape must send `Authorization: Bearer <token>`."""
    expected = f"Bearer {token}".encode() if token else None

    async def scrape(request: Request) -> Response:
        if expected is not None:
            given = request.headers.get("authorization", "").encode("latin-1", "replace")
            if not hmac.compare_digest(given, expected):
                return Response(
                    "metrics need the METRICS_TOKEN bearer token\n",
                    status_code=401,
                    headers={"WWW-Authenticate": 'Bearer realm="metrics"'},
                    media_type="text/plain",
                )
        metrics.refresh_state(health(), pool_usage())
        body, content_type = metrics.exposition()
        return Response(body, media_type=content_type)

    return scrape


async def keep_state_current(health: Callable[[], dict[str, Any]]) -> None:
    """In every worker (a scrape reaches only one): the state gauges every few seconds."""
    while True:
        with contextlib.suppress(Exception):
            metrics.refresh_state(health(), pool_usage())
        await asyncio.sleep(REFRESH_S)
