"""Choose the broadcast backend from ``BROADCAST_URL`` and report its health."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Sequence
from typing import Any
from urllib.parse import urlsplit

from broadcaster import Broadcast

from subscriptions.backend import OnReconnect, ResilientRedisBackend
from subscriptions.memory_backend import InProcessBackend
from subscriptions.redis_inbox import Deliver

__all__ = ["backend_state", "listening", "make_broadcast"]


def make_broadcast(url: str, *, on_reconnect: OnReconnect | None = None) -> Broadcast:
    """Build a ``broadcaster.Broadcast`` for ``url``.

    ``memory://`` gives the in-process backend (one server process);
    ``redis://``/``rediss://`` the reconnecting Redis backend. ``on_reconnect`` is
    awaited after each Redis reconnect (never for ``memory://``). Nothing connects
    here: call ``await broadcast.connect()`` in the application lifespan.
    """
    scheme = urlsplit(url).scheme.lower()
    if scheme == "memory":
        return Broadcast(backend=InProcessBackend(url, on_reconnect=on_reconnect))
    if scheme in ("redis", "rediss"):
        return Broadcast(backend=ResilientRedisBackend(url, on_reconnect=on_reconnect))
    # Never fall back to broadcaster's own backends: its Redis one is broken with
    # redis-py 8, and a typo must not silently become a different transport.
    shown = f"{scheme}://" if scheme else "(no scheme)"
    raise ValueError(
        f"unsupported broadcast URL scheme {shown} in {_redact(url)!r}: "
        "use memory:// or redis://host:port/db (rediss:// for TLS)"
    )


async def publish_all(broadcast: Broadcast, channel: str, messages: Sequence[str]) -> None:
    """Publish `messages` on `channel` in order, in one round trip to Redis (broadcaster
    publishes one message at a time, each waiting for its reply)."""
    await _ours(broadcast).publish_many(channel, messages)


@contextlib.asynccontextmanager
async def listening(broadcast: Broadcast, channel: str, deliver: Deliver) -> AsyncIterator[None]:
    """`channel` subscribed, its messages handed to `deliver` straight from the backend's
    reader (a list each pass of the event loop, in order), not through broadcaster's
    listener task and a subscriber's queue: a task's turn fewer, twice, per message.
    Returns once subscribed (or at once while Redis is down: subscribed on reconnect).
    The channel must not also be subscribed through `broadcast.subscribe`: broadcaster
    would see no message of it, and its leaving would unsubscribe it for both."""
    backend = _ours(broadcast)
    backend.listen(channel, deliver)
    try:
        await backend.subscribe(channel)
        yield
    finally:
        backend.unlisten(channel)
        await backend.unsubscribe(channel)


def _ours(broadcast: Broadcast) -> ResilientRedisBackend | InProcessBackend:
    backend = broadcast._backend  # broadcaster has no public accessor for its backend
    if not isinstance(backend, ResilientRedisBackend | InProcessBackend):
        raise TypeError(f"not a backend made by make_broadcast: {type(backend).__name__}")
    return backend


def backend_state(broadcast: Broadcast) -> dict[str, Any]:
    """Health of ``broadcast``'s backend for /healthz.

    Returns ``{"backend": "redis"|"memory", "state": "connected"|"reconnecting"|
    "disconnected", "reconnects": int, "lastError": str | None}``.
    """
    backend = _ours(broadcast)
    kind = "redis" if isinstance(backend, ResilientRedisBackend) else "memory"
    return {
        "backend": kind,
        "state": backend.state,
        "reconnects": backend.reconnects,
        "lastError": backend.last_error,
    }


def _redact(url: str) -> str:
    """Hide a password in an error message."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()
