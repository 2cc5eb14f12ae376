"""ResilientRedisBackend delivering over the shared Redis (TEST_REDIS_URL, default
redis://127.0.0.1:6379/0): right after subscribing, any text, several channels, after an
unsubscribe, and through broadcaster. Skipped when Redis is unreachable, unless
REQUIRE_SERVICES=1 (then they fail)."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from broadcaster import Event
from redis.asyncio import Redis

from subscriptions.backend import BroadcastUnavailable, ResilientRedisBackend
from subscriptions.broadcast import backend_state, make_broadcast
from subscriptions.redis_publisher import RedisPublisher
from tests.conftest import REDIS_URL
from tests.e2e.redis_helpers import (
    BackendFactory,
    client_ids,
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
async def test_concurrent_publishers_share_the_connection_in_order(
    admin: Redis, make_backend: BackendFactory, channel: str
) -> None:
    # The publisher task and the relay publish at the same time on one connection: every
    # message arrives once, each call's in its own order, and the calls take turns.
    name = f"test-{uuid.uuid4().hex[:12]}"
    backend = await make_backend(client_name=name)
    await backend.subscribe(channel)
    await asyncio.gather(
        *(
            backend.publish_many(channel, [f"{caller}:{i}" for i in range(5)])
            for caller in range(20)
        )
    )
    got = [(await recv(backend)).message for _ in range(100)]
    assert sorted(got) == sorted(f"{c}:{i}" for c in range(20) for i in range(5))
    for caller in range(20):
        mine = [m for m in got if m.startswith(f"{caller}:")]
        assert mine == [f"{caller}:{i}" for i in range(5)]
    names = [c["name"] for c in await admin.client_list() if c["name"].startswith(name)]
    assert sorted(names) == [f"{name}:pub", f"{name}:sub"]  # one PUBLISH connection


@needs_redis
async def test_a_publish_cancelled_with_replies_due_leaves_no_reply_behind(
    admin: Redis, make_backend: BackendFactory, channel: str
) -> None:
    # Cancelled after its commands were written, before their replies were read: the
    # next call must not take those replies for its own (it would return before Redis
    # had its message), so the connection is replaced.
    name = f"test-{uuid.uuid4().hex[:12]}"
    backend = await make_backend(client_name=name)
    await backend.subscribe(channel)
    await backend.publish(channel, "warm")
    assert (await recv(backend)).message == "warm"
    before = (await client_ids(admin, name))[f"{name}:pub"]
    call = asyncio.ensure_future(backend.publish_many(channel, [f"c{i}" for i in range(50)]))
    await asyncio.sleep(0)  # written; its replies not read yet
    call.cancel()
    with pytest.raises(asyncio.CancelledError):
        await call
    await backend.publish(channel, "next")
    received = [(await recv(backend)).message for _ in range(51)]
    assert received == [*(f"c{i}" for i in range(50)), "next"]  # written whole, once
    assert (await client_ids(admin, name))[f"{name}:pub"] != before


@needs_redis
async def test_a_refused_publish_says_what_redis_answered(
    admin: Redis, make_backend: BackendFactory, channel: str
) -> None:
    # A user whom Redis's ACL does not allow PUBLISH: the relay is to retry later, and
    # the backend reports Redis's answer.
    user, password = f"test-nopub-{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    await admin.execute_command(
        "ACL", "SETUSER", user, "on", f">{password}", "~*", "&*", "+@all", "-publish"
    )
    try:
        host_port = REDIS_URL.split("://", 1)[1].split("/", 1)[0].rsplit("@", 1)[-1]
        backend = await make_backend(f"redis://{user}:{password}@{host_port}/0")
        with pytest.raises(BroadcastUnavailable) as caught:
            await asyncio.wait_for(backend.publish(channel, "refused"), 5)
        assert (
            caught.value.error and "permissions to run the 'publish' command" in caught.value.error
        )
        assert backend.last_error == caught.value.error
        # Still usable for what it may do, and refused again, not stuck.
        with pytest.raises(BroadcastUnavailable):
            await asyncio.wait_for(backend.publish(channel, "again"), 5)
    finally:
        await admin.execute_command("ACL", "DELUSER", user)


@needs_redis
async def test_pool_options_in_the_url_are_accepted(
    admin: Redis, make_backend: BackendFactory, channel: str
) -> None:
    # A URL written for redis-py's pools (max_connections, timeout) still connects: each
    # of our connections is a single one, so those options have nothing to set.
    url = REDIS_URL + ("&" if "?" in REDIS_URL else "?") + "max_connections=5&timeout=3"
    backend = await make_backend(url)
    assert backend.state == "connected"
    await backend.subscribe(channel)
    await backend.publish(channel, "pooled url")
    assert (await recv(backend)).message == "pooled url"


@needs_redis
async def test_a_closed_publisher_refuses_and_opens_nothing(admin: Redis, channel: str) -> None:
    name = f"test-{uuid.uuid4().hex[:12]}"
    publisher = RedisPublisher(REDIS_URL, socket_timeout=1.0, client_name=name)
    await publisher.publish(channel, "open")
    assert f"{name}:pub" in await client_ids(admin, name)
    await publisher.close()
    with pytest.raises(BroadcastUnavailable):
        await publisher.publish(channel, "after close")
    assert await client_ids(admin, name) == {}
