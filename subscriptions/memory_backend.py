"""In-process broadcast backend (``memory://``) with the same surface as the Redis one.

broadcaster's own ``MemoryBackend`` passes message objects through untouched while
Redis hands back ``str``; this backend accepts the same ``str``/``bytes`` and always
yields ``str``, so code that works in the embedded mode works against Redis too.
It also exposes ``state``/``last_error``/``reconnects`` so /healthz and the
application treat both backends alike.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from broadcaster import Event
from broadcaster._backends.base import BroadcastBackend

from subscriptions.backend import BackendState, BroadcastUnavailable, OnReconnect
from subscriptions.redis_inbox import Deliver, Listeners

__all__ = ["InProcessBackend"]


class InProcessBackend(BroadcastBackend):
    """Single-process backend: what one process publishes, only that process receives.

    ``on_reconnect`` is accepted for symmetry with ``ResilientRedisBackend`` and
    never called (there is no connection to lose).
    """

    def __init__(self, url: str = "memory://", *, on_reconnect: OnReconnect | None = None) -> None:
        self._url = url
        self._on_reconnect = on_reconnect
        self._subscribed: set[str] = set()
        self._listeners = Listeners()
        self._state: BackendState = "disconnected"
        self.last_error: str | None = None
        self.reconnects: int = 0
        # Created in connect(): asyncio objects must belong to the serving loop.
        self._published: asyncio.Queue[Event] | None = None

    @property
    def state(self) -> BackendState:
        """``connected`` between connect() and disconnect(), else ``disconnected``."""
        return self._state

    @property
    def channels(self) -> frozenset[str]:
        """Channels currently subscribed."""
        return frozenset(self._subscribed)

    async def connect(self) -> None:
        """Create the in-process queue; never fails."""
        if self._published is None:
            self._published = asyncio.Queue()
        self._state = "connected"

    async def disconnect(self) -> None:
        """Mark the backend disconnected (pending messages are dropped)."""
        self._published = None
        self._state = "disconnected"

    async def subscribe(self, channel: str) -> None:
        """Start delivering ``channel``; effective immediately."""
        self._subscribed.add(channel)

    async def unsubscribe(self, channel: str) -> None:
        """Stop delivering ``channel`` (unknown channels are ignored, unlike MemoryBackend)."""
        self._subscribed.discard(channel)

    def listen(self, channel: str, deliver: Deliver) -> None:
        """Hand ``channel``'s messages to ``deliver`` (a list each pass of the loop, in
        order), not to ``next_published()``, while it is subscribed."""
        self._listeners.listen(channel, deliver)

    def unlisten(self, channel: str) -> None:
        """Back to ``next_published()`` for ``channel``."""
        self._listeners.unlisten(channel)

    async def publish(self, channel: str, message: Any) -> None:
        """Queue ``message`` (``str`` or UTF-8 ``bytes``) for local subscribers of ``channel``."""
        if isinstance(message, bytes):
            message = message.decode("utf-8")
        elif not isinstance(message, str):
            # Same contract as the Redis backend, where only strings survive the trip.
            raise TypeError(f"message must be str or bytes, not {type(message).__name__}")
        if self._published is None:
            raise BroadcastUnavailable("broadcast backend is not connected")
        event = Event(channel=channel, message=message)
        if channel not in self._subscribed or not self._listeners.offer(event):
            self._published.put_nowait(event)

    async def publish_many(self, channel: str, messages: Sequence[str | bytes]) -> None:
        """Queue every message, in order."""
        for message in messages:
            await self.publish(channel, message)

    async def next_published(self) -> Event:
        """Return the next message for a channel that is subscribed when it is read."""
        assert self._published is not None, "connect() first"
        queue = self._published
        while True:
            event = await queue.get()
            if event.channel in self._subscribed:
                return event
