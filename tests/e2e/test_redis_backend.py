"""ResilientRedisBackend against a real Redis (TEST_REDIS_URL, default redis://127.0.0.1:6379/0).

Skipped when Redis or the redis-server binary is missing, unless REQUIRE_SERVICES=1 (then
they fail).
The shared Redis is never stopped: "Redis dies" is simulated there by killing only
this test's own connections server-side (CLIENT KILL TYPE ... ID ...), since an
unscoped CLIENT KILL would also cut other suites using the same server. A real
stop/restart (and a frozen server) is exercised on a private redis-server.
"""

from __future__ import annotations

import asyncio
import shutil
import signal
import socket
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from broadcaster import Broadcast, Event
from redis import exceptions as redis_exc
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

from subscriptions.backend import BroadcastUnavailable, ResilientRedisBackend
from subscriptions.broadcast import backend_state, make_broadcast
from subscriptions.memory_backend import InProcessBackend
from tests.conftest import REDIS_URL, service_missing

needs_redis = pytest.mark.redis

BackendFactory = Callable[..., Awaitable[ResilientRedisBackend]]


# ----------------------------------------------------------------- helpers


def _admin_client(url: str) -> Redis:
    # No retries: a check against a dead server must fail at once.
    return Redis.from_url(
        url, protocol=2, socket_connect_timeout=1, socket_timeout=2, retry=Retry(NoBackoff(), 0)
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _recv(backend: Any, within: float = 2.0) -> Event:
    event: Event = await asyncio.wait_for(backend.next_published(), within)
    return event


async def _wait_until(predicate: Callable[[], Any], within: float, what: str) -> float:
    """Poll ``predicate``; return the time it took, fail (never hang) after ``within`` s."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    while not predicate():
        if loop.time() - start > within:
            pytest.fail(f"timed out after {within}s waiting for {what}")
        await asyncio.sleep(0.002)
    return loop.time() - start


async def _record_states(backend: ResilientRedisBackend, states: list[str]) -> None:
    # The "reconnecting" phase lasts at least min_backoff (50 ms): 1 ms polling sees it.
    while True:
        if not states or states[-1] != backend.state:
            states.append(backend.state)
        await asyncio.sleep(0.001)


async def _client_ids(admin: Redis, name: str) -> dict[str, int]:
    return {
        c["name"]: int(c["id"]) for c in await admin.client_list() if c["name"].startswith(name)
    }


# ---------------------------------------------------------------- fixtures


@pytest.fixture
async def admin() -> AsyncIterator[Redis]:
    """Client on the shared Redis; skips (or fails) the test when it is unreachable."""
    client = _admin_client(REDIS_URL)
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


class PrivateRedis:
    """A redis-server process of our own, which we may freeze, stop and restart."""

    def __init__(self, binary: str, workdir: Path) -> None:
        self.binary = binary
        self.workdir = workdir
        self.port = _free_port()
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
        client = _admin_client(self.url)
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


@pytest.fixture
async def private_redis(tmp_path: Path) -> AsyncIterator[PrivateRedis]:
    """A private redis-server (started by the test), always stopped at teardown."""
    binary = shutil.which("redis-server")
    if binary is None:
        service_missing("the redis-server binary", "not on PATH")
    server = PrivateRedis(binary, tmp_path)
    yield server
    await server.stop()


# ------------------------------------------------------------ happy paths


@needs_redis
async def test_publish_right_after_subscribe_arrives(admin: Redis, channel: str) -> None:
    # A fresh backend each time: the race is between the first SUBSCRIBE and the
    # PUBLISH on the other connection.
    for i in range(20):
        backend = ResilientRedisBackend(REDIS_URL)
        try:
            await asyncio.wait_for(backend.connect(), 5)
            assert backend.state == "connected"
            await asyncio.wait_for(backend.subscribe(f"{channel}:{i}"), 2)
            await asyncio.wait_for(backend.publish(f"{channel}:{i}", f"m{i}"), 2)
            assert await _recv(backend) == Event(f"{channel}:{i}", f"m{i}")
        finally:
            await asyncio.wait_for(backend.disconnect(), 5)
        assert backend.state == "disconnected"


@needs_redis
async def test_message_text_round_trips(
    admin: Redis, make_backend: BackendFactory, channel: str
) -> None:
    backend = await make_backend()
    await backend.subscribe(channel)
    big = ("🚑 Déjà vu — 日本語 \x00\r\n\u2028 " * 5000)[:60_000]
    assert len(big.encode()) > 100_000
    texts = ["", "plain", 'héllo wörld ✓ 🚒 \x00 tab\t quote" \\ end', big]
    for text in texts:
        await backend.publish(channel, text)
    for text in texts:
        event = await _recv(backend)
        assert event.channel == channel
        assert isinstance(event.message, str)
        assert event.message == text
    # bytes are accepted (orjson.dumps) and come back as str, as with memory://.
    await backend.publish(channel, '{"a":"é"}'.encode())
    assert (await _recv(backend)).message == '{"a":"é"}'
    with pytest.raises(TypeError):
        await backend.publish(channel, {"not": "serialised"})


@needs_redis
async def test_two_channels(admin: Redis, make_backend: BackendFactory, channel: str) -> None:
    backend = await make_backend()
    first, second = f"{channel}:a", f"{channel}:b"
    await asyncio.gather(backend.subscribe(first), backend.subscribe(second))
    assert backend.channels == {first, second}
    await backend.publish(first, "1")
    await backend.publish(second, "2")
    await backend.publish(first, "3")
    got = [await _recv(backend) for _ in range(3)]
    assert got == [Event(first, "1"), Event(second, "2"), Event(first, "3")]


@needs_redis
async def test_unsubscribe_stops_delivery(
    admin: Redis, make_backend: BackendFactory, channel: str
) -> None:
    backend = await make_backend()
    gone, kept = f"{channel}:gone", f"{channel}:kept"
    await backend.subscribe(gone)
    await backend.subscribe(kept)
    await backend.unsubscribe(gone)
    await backend.unsubscribe(gone)  # twice is harmless
    await backend.publish(gone, "lost")
    await backend.publish(kept, "marker")
    # Same publisher and subscriber connections: had "lost" been delivered, it
    # would come before the marker.
    assert await _recv(backend) == Event(kept, "marker")
    with pytest.raises(TimeoutError):
        await _recv(backend, within=0.2)
    # And subscribing again works.
    await backend.subscribe(gone)
    await backend.publish(gone, "back")
    assert await _recv(backend) == Event(gone, "back")


@needs_redis
async def test_make_broadcast_redis_end_to_end(admin: Redis, channel: str) -> None:
    broadcast = make_broadcast(REDIS_URL)
    assert backend_state(broadcast) == {
        "backend": "redis",
        "state": "disconnected",
        "reconnects": 0,
        "lastError": None,
    }
    async with asyncio.timeout(5), broadcast:
        assert backend_state(broadcast)["state"] == "connected"
        async with broadcast.subscribe(channel) as subscriber:
            await broadcast.publish(channel, "over broadcaster")
            event = await asyncio.wait_for(subscriber.get(), 2)
            assert event == Event(channel, "over broadcaster")
    assert backend_state(broadcast)["state"] == "disconnected"


# ------------------------------------------------------------- failures


@needs_redis
async def test_resumes_after_connections_killed_mid_stream(
    admin: Redis, make_backend: BackendFactory, channel: str
) -> None:
    loop = asyncio.get_running_loop()
    hook_calls: list[float] = []

    async def on_reconnect() -> None:
        hook_calls.append(loop.time())

    name = f"test-{uuid.uuid4().hex[:12]}"
    backend = await make_backend(on_reconnect=on_reconnect, client_name=name)
    await backend.subscribe(channel)
    states: list[str] = []
    recorder = asyncio.create_task(_record_states(backend, states))

    # A steady stream, one message every 5 ms, on the same backend's publisher.
    received: list[int] = []
    publish_errors: list[Exception] = []
    stop = asyncio.Event()

    async def produce() -> None:
        i = 0
        while not stop.is_set():
            try:
                await backend.publish(channel, str(i))
            except BroadcastUnavailable as exc:  # the relay would retry later
                publish_errors.append(exc)
            i += 1
            await asyncio.sleep(0.005)

    async def consume() -> None:
        while True:
            received.append(int((await backend.next_published()).message))

    producer = asyncio.create_task(produce())
    consumer = asyncio.create_task(consume())
    try:
        await _wait_until(lambda: len(received) >= 10, 3, "messages before the kill")
        ids = await _client_ids(admin, name)
        assert set(ids) == {f"{name}:sub", f"{name}:pub"}, ids
        killed_at = loop.time()
        before_kill = len(received)
        assert (
            await admin.execute_command(
                "CLIENT", "KILL", "TYPE", "pubsub", "ID", ids[f"{name}:sub"]
            )
            == 1
        )
        assert (
            await admin.execute_command(
                "CLIENT", "KILL", "TYPE", "normal", "ID", ids[f"{name}:pub"]
            )
            == 1
        )

        await _wait_until(lambda: hook_calls, 5, "on_reconnect")
        reconnect_seconds = hook_calls[0] - killed_at
        after_hook = len(received)
        await _wait_until(lambda: len(received) >= after_hook + 10, 3, "messages after reconnect")
        print(f"\nCLIENT KILL -> re-subscribed + on_reconnect awaited in {reconnect_seconds:.3f}s")
    finally:
        stop.set()
        await asyncio.wait_for(producer, 3)
        consumer.cancel()
        recorder.cancel()
        await asyncio.wait([consumer, recorder])

    assert states[:3] == ["connected", "reconnecting", "connected"], states
    assert backend.state == "connected"
    assert backend.reconnects == 1
    assert len(hook_calls) == 1
    assert backend.last_error  # the lost connection is reported
    assert reconnect_seconds < 1.0
    # In order, no duplicates; only a gap around the kill (on_reconnect refills it).
    assert received == sorted(set(received))
    assert len(received) >= before_kill + 10
    # The pooled PUBLISH connection was killed too; its one retry hides that.
    assert not publish_errors, publish_errors
    assert backend_state(Broadcast(backend=backend))["reconnects"] == 1


async def test_unreachable_redis_at_start_and_publish_fails_promptly(
    make_backend: BackendFactory,
) -> None:
    url = f"redis://127.0.0.1:{_free_port()}/0"  # nothing listens there
    loop = asyncio.get_running_loop()

    started = loop.time()
    backend = await make_backend(url)  # must not raise: the server starts without Redis
    assert loop.time() - started < 1.0
    assert backend.state == "reconnecting"
    assert backend.last_error and "ConnectionError" in backend.last_error

    started = loop.time()
    with pytest.raises(BroadcastUnavailable) as caught:
        await asyncio.wait_for(backend.publish("any", "x"), 5)
    assert loop.time() - started < 1.0
    assert isinstance(caught.value, redis_exc.ConnectionError)

    # Subscribing while disconnected returns at once (the channel is remembered).
    await asyncio.wait_for(backend.subscribe("any"), 1)
    assert backend.channels == {"any"}
    # next_published() neither raises nor returns: it just waits.
    with pytest.raises(TimeoutError):
        await _recv(backend, within=0.3)

    started = loop.time()
    await asyncio.wait_for(backend.disconnect(), 2)
    assert loop.time() - started < 0.5
    assert backend.state == "disconnected"


@needs_redis
async def test_disconnect_while_reconnecting_returns_promptly(
    admin: Redis, make_backend: BackendFactory, channel: str
) -> None:
    name = f"test-{uuid.uuid4().hex[:12]}"
    # Long backoff so that the backend is surely still "reconnecting" below.
    backend = await make_backend(min_backoff=5.0, max_backoff=10.0, client_name=name)
    await backend.subscribe(channel)
    ids = await _client_ids(admin, name)
    await admin.execute_command("CLIENT", "KILL", "TYPE", "pubsub", "ID", ids[f"{name}:sub"])
    await _wait_until(lambda: backend.state == "reconnecting", 3, "state reconnecting")
    loop = asyncio.get_running_loop()
    started = loop.time()
    await asyncio.wait_for(backend.disconnect(), 2)
    assert loop.time() - started < 0.5
    assert backend.state == "disconnected"


async def test_private_redis_frozen_stopped_and_restarted(
    private_redis: PrivateRedis, make_backend: BackendFactory, channel: str
) -> None:
    loop = asyncio.get_running_loop()
    hook_calls: list[float] = []

    async def on_reconnect() -> None:
        hook_calls.append(loop.time())

    await private_redis.start()
    backend = await make_backend(private_redis.url, on_reconnect=on_reconnect)
    await backend.subscribe(channel)
    await backend.publish(channel, "one")
    assert (await _recv(backend)).message == "one"

    # 1. Unscoped CLIENT KILL is fine on our own server.
    admin = _admin_client(private_redis.url)
    try:
        assert await admin.execute_command("CLIENT", "KILL", "TYPE", "pubsub") == 1
        assert await admin.execute_command("CLIENT", "KILL", "TYPE", "normal") >= 1
    finally:
        await admin.aclose()
    await _wait_until(lambda: len(hook_calls) == 1, 3, "reconnect after CLIENT KILL")
    await backend.publish(channel, "two")
    assert (await _recv(backend)).message == "two"

    # 2. A frozen server (SIGSTOP) keeps the TCP connection open but answers
    #    nothing: only the PING health check can notice.
    private_redis.freeze()
    detected = await _wait_until(
        lambda: backend.state == "reconnecting", 6, "health check to notice a frozen server"
    )
    print(f"\nfrozen server detected after {detected:.2f}s (defaults: 1s idle + 2s PONG)")
    assert detected < 4.0
    private_redis.thaw()
    await _wait_until(lambda: len(hook_calls) == 2, 6, "reconnect after thaw")
    await backend.publish(channel, "three")
    assert (await _recv(backend)).message == "three"

    # 3. A real stop and restart on the same port.
    await private_redis.stop()
    await _wait_until(lambda: backend.state == "reconnecting", 3, "state reconnecting")
    started = loop.time()
    with pytest.raises(BroadcastUnavailable):
        await asyncio.wait_for(backend.publish(channel, "lost"), 5)
    assert loop.time() - started < 1.0
    await private_redis.start()
    restarted_at = loop.time()
    await _wait_until(lambda: len(hook_calls) == 3, 5, "reconnect after restart")
    print(f"restart -> reconnected in {hook_calls[2] - restarted_at:.3f}s")
    assert backend.state == "connected"
    assert backend.reconnects == 3
    await backend.publish(channel, "four")
    assert (await _recv(backend)).message == "four"


# ------------------------------------------- memory backend and the factory


async def test_memory_backend_matches_the_redis_surface(channel: str) -> None:
    called: list[bool] = []

    async def on_reconnect() -> None:
        called.append(True)

    broadcast = make_broadcast("memory://", on_reconnect=on_reconnect)
    assert isinstance(broadcast._backend, InProcessBackend)
    assert backend_state(broadcast) == {
        "backend": "memory",
        "state": "disconnected",
        "reconnects": 0,
        "lastError": None,
    }
    async with asyncio.timeout(5), broadcast:
        assert backend_state(broadcast)["state"] == "connected"
        async with broadcast.subscribe(channel) as subscriber:
            await broadcast.publish(channel, "é".encode())
            await broadcast.publish(channel, "text")
            assert await subscriber.get() == Event(channel, "é")
            assert await subscriber.get() == Event(channel, "text")
            with pytest.raises(TypeError):
                await broadcast.publish(channel, {"not": "serialised"})
    assert backend_state(broadcast)["state"] == "disconnected"
    assert not called


@pytest.mark.parametrize(
    "url", ["kafka://localhost:9092", "postgres://db/x", "localhost:6379", "", "redis-stream://h"]
)
def test_make_broadcast_rejects_unknown_schemes(url: str) -> None:
    with pytest.raises(ValueError, match="memory:// or redis://"):
        make_broadcast(url)


def test_make_broadcast_error_hides_password() -> None:
    with pytest.raises(ValueError) as caught:
        make_broadcast("amqp://user:s3cret@host/")
    assert "s3cret" not in str(caught.value)


def test_make_broadcast_picks_redis_for_rediss() -> None:
    broadcast = make_broadcast("rediss://127.0.0.1:6380/0")
    assert isinstance(broadcast._backend, ResilientRedisBackend)
    assert backend_state(broadcast)["backend"] == "redis"
