"""Fixtures of the e2e tests: the notice tests' cluster of servers, Redis clients and
backends, and a private redis-server."""

from __future__ import annotations

import asyncio
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from redis import exceptions as redis_exc
from redis.asyncio import Redis

from subscriptions.backend import ResilientRedisBackend
from tests.conftest import REDIS_URL, TEST_SECRET, service_missing
from tests.e2e.cluster import Cluster, pg_url, run_sql, seed
from tests.e2e.redis_helpers import BackendFactory, PrivateRedis, admin_client
from tests.e2e.servers import (
    ROOT,
    Process,
    free_port,
    migrate,
    server_env,
    start_redis,
    start_server,
    wait_healthy,
)


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


@pytest.fixture(scope="package")
def cluster(request: pytest.FixtureRequest) -> Iterator[Cluster]:
    """The notice tests' servers A, B, C, their database and private Redis (see
    tests/e2e/cluster.py), started once for the package; logs kept if a test failed."""
    try:
        asyncio.run(run_sql("SELECT 1"))
    except (OSError, asyncpg.PostgresError) as exc:
        service_missing("PostgreSQL", exc)
    name = f"e2e_{uuid.uuid4().hex[:10]}"
    log_dir = ROOT / "var" / "e2e-logs" / name  # kept for a post-mortem
    log_dir.mkdir(parents=True)
    failed_before = request.session.testsfailed
    asyncio.run(run_sql(f'CREATE DATABASE "{name}"'))
    processes: list[Process] = []
    cluster: Cluster | None = None
    try:
        redis_port = free_port()
        try:
            redis = start_redis(redis_port, log_dir)
        except (FileNotFoundError, TimeoutError) as exc:
            service_missing("redis-server", exc)
        processes.append(redis)
        env = server_env(pg_url(name), f"redis://127.0.0.1:{redis_port}/0", TEST_SECRET)
        migrate(env, log_dir)
        ids, tokens = asyncio.run(seed(pg_url(name)))
        servers = [
            start_server("a", env, log_dir),
            start_server("b", env, log_dir),
            start_server("c", {**env, "NOTICE_BUFFER": "10"}, log_dir),
        ]
        processes.extend(servers)

        async def healthy() -> None:
            await asyncio.gather(*(wait_healthy(s) for s in servers))

        asyncio.run(healthy())
        a, b, c = servers
        cluster = Cluster(pg_url(name), redis_port, redis, a, b, c, log_dir, ids, tokens)
        yield cluster
    finally:
        for process in reversed(processes):
            process.stop()
        if cluster is not None:
            cluster.redis.stop()  # a test may have replaced it (Redis restarted)
        asyncio.run(run_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if request.session.testsfailed == failed_before:
            shutil.rmtree(log_dir, ignore_errors=True)
