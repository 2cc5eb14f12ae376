"""make_broadcast: the in-process backend has the Redis backend's surface, and the URL
picks the backend (unknown schemes refused, without showing a password)."""

from __future__ import annotations

import asyncio

import pytest
from broadcaster import Event

from subscriptions.backend import ResilientRedisBackend
from subscriptions.broadcast import backend_state, make_broadcast
from subscriptions.memory_backend import InProcessBackend


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
