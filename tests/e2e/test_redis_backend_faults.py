"""ResilientRedisBackend when Redis fails: connections killed mid-stream, Redis unreachable
at start, disconnecting while reconnecting, and a private redis-server frozen, stopped and
restarted.

The shared Redis (TEST_REDIS_URL) is never stopped: "Redis dies" is simulated there by
killing only this test's own connections server-side (CLIENT KILL TYPE ... ID ...), since an
unscoped CLIENT KILL would also cut other suites using the same server. A real stop/restart
(and a frozen server) is exercised on a private redis-server; without the binary the test
skips, and fails under REQUIRE_SERVICES=1.
"""

from __future__ import annotations

import asyncio
import uuid

import pytest
from broadcaster import Broadcast
from redis import exceptions as redis_exc
from redis.asyncio import Redis

from subscriptions.backend import BroadcastUnavailable
from subscriptions.broadcast import backend_state
from tests.e2e.redis_helpers import (
    BackendFactory,
    PrivateRedis,
    admin_client,
    client_ids,
    needs_redis,
    record_states,
    recv,
    wait_until,
)
from tests.e2e.servers import free_port


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
    recorder = asyncio.create_task(record_states(backend, states))

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
        await wait_until(lambda: len(received) >= 10, 3, "messages before the kill")
        ids = await client_ids(admin, name)
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

        await wait_until(lambda: hook_calls, 5, "on_reconnect")
        reconnect_seconds = hook_calls[0] - killed_at
        after_hook = len(received)
        await wait_until(lambda: len(received) >= after_hook + 10, 3, "messages after reconnect")
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
    url = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
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
        await recv(backend, within=0.3)

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
    ids = await client_ids(admin, name)
    await admin.execute_command("CLIENT", "KILL", "TYPE", "pubsub", "ID", ids[f"{name}:sub"])
    await wait_until(lambda: backend.state == "reconnecting", 3, "state reconnecting")
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
    assert (await recv(backend)).message == "one"

    # 1. Unscoped CLIENT KILL is fine on our own server.
    admin = admin_client(private_redis.url)
    try:
        assert await admin.execute_command("CLIENT", "KILL", "TYPE", "pubsub") == 1
        assert await admin.execute_command("CLIENT", "KILL", "TYPE", "normal") >= 1
    finally:
        await admin.aclose()
    await wait_until(lambda: len(hook_calls) == 1, 3, "reconnect after CLIENT KILL")
    await backend.publish(channel, "two")
    assert (await recv(backend)).message == "two"

    # 2. A frozen server (SIGSTOP) keeps the TCP connection open but answers
    #    nothing: only the PING health check can notice.
    private_redis.freeze()
    detected = await wait_until(
        lambda: backend.state == "reconnecting", 6, "health check to notice a frozen server"
    )
    print(f"\nfrozen server detected after {detected:.2f}s (defaults: 1s idle + 2s PONG)")
    assert detected < 4.0
    private_redis.thaw()
    await wait_until(lambda: len(hook_calls) == 2, 6, "reconnect after thaw")
    await backend.publish(channel, "three")
    assert (await recv(backend)).message == "three"

    # 3. A real stop and restart on the same port.
    await private_redis.stop()
    await wait_until(lambda: backend.state == "reconnecting", 3, "state reconnecting")
    started = loop.time()
    with pytest.raises(BroadcastUnavailable):
        await asyncio.wait_for(backend.publish(channel, "lost"), 5)
    assert loop.time() - started < 1.0
    await private_redis.start()
    restarted_at = loop.time()
    await wait_until(lambda: len(hook_calls) == 3, 5, "reconnect after restart")
    print(f"restart -> reconnected in {hook_calls[2] - restarted_at:.3f}s")
    assert backend.state == "connected"
    assert backend.reconnects == 3
    await backend.publish(channel, "four")
    assert (await recv(backend)).message == "four"


async def test_publish_to_a_frozen_redis_fails_within_its_bound(
    private_redis: PrivateRedis, make_backend: BackendFactory, channel: str
) -> None:
    # A frozen server accepts the PUBLISH into its socket buffer and never answers: only
    # the publisher's own bound (2 * socket_timeout) ends the wait, so the relay retries.
    loop = asyncio.get_running_loop()
    await private_redis.start()
    backend = await make_backend(private_redis.url, socket_timeout=0.4, health_check_interval=30)
    await backend.subscribe(channel)
    await backend.publish(channel, "before")
    assert (await recv(backend)).message == "before"

    private_redis.freeze()
    try:
        started = loop.time()
        with pytest.raises(BroadcastUnavailable) as caught:
            await asyncio.wait_for(backend.publish(channel, "frozen"), 5)
        waited = loop.time() - started
        assert waited < 1.2, waited  # 0.8 s, and some slack for a loaded machine
        assert caught.value.error and "TimeoutError" in caught.value.error
    finally:
        private_redis.thaw()
    # The connection that timed out was dropped; the next PUBLISH gets a fresh one. The
    # frozen one may have reached Redis after all (at most once): "rarely" in publish().
    await backend.publish(channel, "after")
    received = [(await recv(backend)).message]
    if received == ["frozen"]:
        received.append((await recv(backend)).message)
    assert received[-1] == "after"
