"""Helpers of the Redis backend tests: clients with bounded waits, and a redis-server
process of a test's own (which it may freeze, stop and restart)."""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from broadcaster import Event
from redis import exceptions as redis_exc
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

from subscriptions.backend import ResilientRedisBackend
from tests.e2e.servers import free_port

needs_redis = pytest.mark.redis


BackendFactory = Callable[..., Awaitable[ResilientRedisBackend]]


def admin_client(url: str) -> Redis:
    # No retries: a check against a dead server must fail at once.
    return Redis.from_url(
        url, protocol=2, socket_connect_timeout=1, socket_timeout=2, retry=Retry(NoBackoff(), 0)
    )


async def recv(backend: Any, within: float = 2.0) -> Event:
    event: Event = await asyncio.wait_for(backend.next_published(), within)
    return event


async def wait_until(predicate: Callable[[], Any], within: float, what: str) -> float:
    """Poll ``predicate``; return the time it took, fail (never hang) after ``within`` s."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    while not predicate():
        if loop.time() - start > within:
            pytest.fail(f"timed out after {within}s waiting for {what}")
        await asyncio.sleep(0.002)
    return loop.time() - start


async def record_states(backend: ResilientRedisBackend, states: list[str]) -> None:
    # The "reconnecting" phase lasts at least min_backoff (50 ms): 1 ms polling sees it.
    while True:
        if not states or states[-1] != backend.state:
            states.append(backend.state)
        await asyncio.sleep(0.001)


async def client_ids(admin: Redis, name: str) -> dict[str, int]:
    return {
        c["name"]: int(c["id"]) for c in await admin.client_list() if c["name"].startswith(name)
    }


class PrivateRedis:
    """A redis-server process of our own, which we may freeze, stop and restart."""

    def __init__(self, binary: str, workdir: Path) -> None:
        self.binary = binary
        self.workdir = workdir
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        self.proc = await asyncio.create_subprocess_exec(
            self.binary,
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            "--dir",
            str(self.workdir),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        client = admin_client(self.url)
        try:
            deadline = time.monotonic() + 5
            while True:
                try:
                    await client.ping()
                    return
                except (redis_exc.ConnectionError, redis_exc.TimeoutError):
                    if time.monotonic() > deadline or self.proc.returncode is not None:
                        raise
                    await asyncio.sleep(0.02)
        finally:
            await client.aclose()

    async def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.returncode is None:
            proc.send_signal(signal.SIGCONT)  # in case it was frozen
            proc.terminate()
            try:
                await asyncio.wait_for(proc.wait(), 5)
            except TimeoutError:
                proc.kill()
                await asyncio.wait_for(proc.wait(), 5)

    def freeze(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGCONT)
