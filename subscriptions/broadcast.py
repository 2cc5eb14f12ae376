"""Choose the broadcast backend from ``BROADCAST_URL`` and report its health."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from broadcaster import Broadcast

from subscriptions.backend import OnReconnect, ResilientRedisBackend
from subscriptions.memory_backend import InProcessBackend

__all__ = ["backend_state", "make_broadcast"]


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
    backend = broadcast._backend
    if not isinstance(backend, ResilientRedisBackend | InProcessBackend):
        raise TypeError(f"not a backend made by make_broadcast: {type(backend).__name__}")
    await backend.publish_many(channel, messages)


def backend_state(broadcast: Broadcast) -> dict[str, Any]:
    """Health of ``broadcast``'s backend for /healthz.

    Returns ``{"backend": "redis"|"memory", "state": "connected"|"reconnecting"|
    "disconnected", "reconnects": int, "lastError": str | None}``.
    """
    # broadcaster has no public accessor for its backend.
    backend = broadcast._backend
    if isinstance(backend, ResilientRedisBackend):
        kind = "redis"
    elif isinstance(backend, InProcessBackend):
        kind = "memory"
    else:
        raise TypeError(f"not a backend made by make_broadcast: {type(backend).__name__}")
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
