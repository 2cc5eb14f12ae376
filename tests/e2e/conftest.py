"""Fixtures of the e2e tests: Redis clients and backends, and a private redis-server."""

from __future__ import annotations

import asyncio
import shutil
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from redis import exceptions as redis_exc
from redis.asyncio import Redis

from subscriptions.backend import ResilientRedisBackend
from tests.conftest import REDIS_URL, service_missing
from tests.e2e.redis_helpers import BackendFactory, PrivateRedis, admin_client


@pytest.fixture
async def admin() -> AsyncIterator[Redis]:
    """Client on the shared Redis; skips (or fails) the test when it is unreachable."""
    client = admin_client(REDIS_URL)
    try:
        await client.ping()
    except (redis_exc.RedisError, OSError) as exc:
        await client.aclose()
        service_missing(f"Redis at {REDIS_URL}", exc)
    yield client
    await client.aclose()


@pytest.fixture
async def make_backend() -> AsyncIterator[BackendFactory]:
    """Factory of connected backends, all disconnected (with a bound) at teardown."""
    made: list[ResilientRedisBackend] = []

    async def factory(url: str = REDIS_URL, **kwargs: Any) -> ResilientRedisBackend:
        backend = ResilientRedisBackend(url, **kwargs)
        made.append(backend)
        await asyncio.wait_for(backend.connect(), 5)
        return backend

    yield factory
    for backend in made:
        await asyncio.wait_for(backend.disconnect(), 5)


@pytest.fixture
def channel() -> str:
    return f"test:broadcast:{uuid.uuid4().hex}"


@pytest.fixture
async def private_redis(tmp_path: Path) -> AsyncIterator[PrivateRedis]:
    """A private redis-server (started by the test), always stopped at teardown."""
    binary = shutil.which("redis-server")
    if binary is None:
        service_missing("the redis-server binary", "not on PATH")
    server = PrivateRedis(binary, tmp_path)
    yield server
    await server.stop()
