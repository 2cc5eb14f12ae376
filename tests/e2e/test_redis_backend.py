"""ResilientRedisBackend delivering over the shared Redis (TEST_REDIS_URL, default
redis://127.0.0.1:6379/0): right after subscribing, any text, several channels, after an
unsubscribe, and through broadcaster. Skipped when Redis is unreachable, unless
REQUIRE_SERVICES=1 (then they fail)."""

from __future__ import annotations

import asyncio

import pytest
from broadcaster import Event
from redis.asyncio import Redis

from subscriptions.backend import ResilientRedisBackend
from subscriptions.broadcast import backend_state, make_broadcast
from tests.conftest import REDIS_URL
from tests.e2e.redis_helpers import (
    BackendFactory,
    needs_redis,
    recv,
)


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
            assert await recv(backend) == Event(f"{channel}:{i}", f"m{i}")
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
        event = await recv(backend)
        assert event.channel == channel
        assert isinstance(event.message, str)
        assert event.message == text
    # bytes are accepted (orjson.dumps) and come back as str, as with memory://.
    await backend.publish(channel, '{"a":"é"}'.encode())
    assert (await recv(backend)).message == '{"a":"é"}'
    with pytest.raises(TypeError):
        await backend.publish(channel, {"not": "serialised"})


@needs_redis
async def test_a_batch_is_published_whole_and_in_order(
    admin: Redis, make_backend: BackendFactory, channel: str
) -> None:
    backend = await make_backend()
    await backend.subscribe(channel)
    calls = int((await admin.info("commandstats")).get("cmdstat_publish", {}).get("calls", 0))
    # a commit's events, as the publisher hands them over
    await backend.publish_many(channel, [f"event {i}" for i in range(5)])
    got = [await recv(backend) for _ in range(5)]
    assert got == [Event(channel, f"event {i}") for i in range(5)]
    stats = (await admin.info("commandstats")).get("cmdstat_publish", {})
    assert int(stats.get("calls", 0)) - calls == 5


@needs_redis
async def test_two_channels(admin: Redis, make_backend: BackendFactory, channel: str) -> None:
    backend = await make_backend()
    first, second = f"{channel}:a", f"{channel}:b"
    await asyncio.gather(backend.subscribe(first), backend.subscribe(second))
    assert backend.channels == {first, second}
    await backend.publish(first, "1")
    await backend.publish(second, "2")
    await backend.publish(first, "3")
    got = [await recv(backend) for _ in range(3)]
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
    assert await recv(backend) == Event(kept, "marker")
    with pytest.raises(TimeoutError):
        await recv(backend, within=0.2)
    # And subscribing again works.
    await backend.subscribe(gone)
    await backend.publish(gone, "back")
    assert await recv(backend) == Event(gone, "back")


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


@needs_redis
async def test_pool_options_in_the_url_are_accepted(
    admin: Redis, make_backend: BackendFactory, channel: str
) -> None:
    # A URL written for redis-py's pools (max_connections) still connects: the
    # subscriber connection is a single one, so those options have nothing to set there.
    url = REDIS_URL + ("&" if "?" in REDIS_URL else "?") + "max_connections=5"
    backend = await make_backend(url)
    assert backend.state == "connected"
    await backend.subscribe(channel)
    await backend.publish(channel, "pooled url")
    assert (await recv(backend)).message == "pooled url"
