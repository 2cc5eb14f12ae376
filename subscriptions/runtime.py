"""The live-notice machinery of one server process: broadcast, hub, publisher, relay."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from typing import Any

from broadcaster import Broadcast

from resolvers import outbox
from subscriptions.broadcast import backend_state, make_broadcast
from subscriptions.direct import COUNTS
from subscriptions.hub import DEFAULT_CAPACITY, NoticeHub
from subscriptions.notices import of_row
from subscriptions.publisher import Publisher
from subscriptions.relay import Relay
from subscriptions.sessions import OpenSessions

log = logging.getLogger(__name__)

_active: NoticeRuntime | None = None


class NoticeRuntime:
    """Started and stopped by the app's lifespan; one per server process."""

    def __init__(
        self,
        broadcast_url: str,
        *,
        buffer_size: int = DEFAULT_CAPACITY,
        relay_interval: float = 1.0,
        idle_check: float = 30.0,
        direct_frames: bool = True,
        hub_leads: bool = True,
    ) -> None:
        self.broadcast_url = broadcast_url
        self.idle_check = idle_check
        self.broadcast: Broadcast = make_broadcast(broadcast_url, on_reconnect=self._on_reconnect)
        self.hub = NoticeHub(
            self.broadcast, capacity=buffer_size, direct=direct_frames, leads=hub_leads
        )
        self.sessions = OpenSessions()
        self.hub.watchers.append(self.sessions.access_changed)
        self.publisher = Publisher(self.broadcast)
        self.relay = Relay(self.broadcast, interval=relay_interval)
        self._watch: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Connect (never fails because Redis is down), listen, publish, relay."""
        global _active
        await self.broadcast.connect()
        await self.hub.start()
        await self.publisher.start()
        await self.relay.start()
        outbox.add_listener(self.publisher.events_committed)
        outbox.add_listener(self._access_changes)
        self._watch = asyncio.create_task(self._watch_state(), name="notice-broadcast-watch")
        _active = self

    async def stop(self) -> None:
        global _active
        if _active is self:
            _active = None
        outbox.remove_listener(self.publisher.events_committed)
        outbox.remove_listener(self._access_changes)
        if self._watch is not None:
            self._watch.cancel()
            await asyncio.wait([self._watch])
        await self.relay.stop()
        await self.publisher.stop()
        await self.hub.stop()
        await self.broadcast.disconnect()

    async def _access_changes(self, events: Sequence[Any]) -> None:
        # This process's sockets end at once, even while the broadcast is down; other
        # processes hear of it through the broadcast (a second call finds none left).
        for row in events:
            self.sessions.access_changed(of_row(row))

    def health(self) -> dict[str, Any]:
        """The broadcaster's state for /healthz, with relay lag and open subscriptions."""
        state = backend_state(self.broadcast)
        state["relay"] = self.relay.health()
        state["subscribers"] = self.hub.subscribers
        state["buffered"] = self.hub.buffered
        state["framesWrittenByHub"] = COUNTS.written
        state["executionsStartedByHub"] = COUNTS.led
        return state

    async def _on_reconnect(self) -> None:
        # Messages published while we were away are lost for this process: every
        # subscriber reads its gap from the database, and the relay publishes what
        # could not be published meanwhile.
        log.info("broadcast reconnected: %d subscribers catch up", self.hub.subscribers)
        self.hub.poke_all()
        self.relay.kick()

    async def _watch_state(self) -> None:
        # on_reconnect is not called on the first connect: when Redis was down at
        # startup, treat its arrival the same way.
        previous = backend_state(self.broadcast)["state"]
        while True:
            await asyncio.sleep(0.5)
            with contextlib.suppress(Exception):
                state = backend_state(self.broadcast)["state"]
                if state == "connected" and previous != "connected":
                    await self._on_reconnect()
                previous = state


def active_runtime(context: Any = None) -> NoticeRuntime:
    """The runtime serving `context`'s connection (or this process's)."""
    try:
        app = context.request.app
    except (AttributeError, KeyError):
        app = None
    runtime = getattr(getattr(app, "state", None), "runtime", None)
    if isinstance(runtime, NoticeRuntime):
        return runtime
    if _active is None:
        raise RuntimeError("live notices are not running in this process")
    return _active
