"""A Redis pub/sub backend for ``broadcaster`` that survives Redis restarts.

broadcaster 0.3.1 ships a Redis backend that delivers nothing with redis-py 8 and
never reconnects (see /work/shared/LIBRARIES.md). This one owns its connections:

* one dedicated subscriber connection, read by a single background task that
  answers for reconnecting (exponential backoff with jitter), re-subscribing every
  channel and detecting silently dead sockets with its own PING on idle;
* one small pool for PUBLISH, with short timeouts, whose failures surface as
  :class:`BroadcastUnavailable` so that the outbox relay retries later
  (``subscriptions/redis_publisher.py``).

The subscriber connection's wire (RESP2, health check, backoff, SUBSCRIBE replies) is in
``subscriptions/redis_subscriber.py``, the delivery of what it receives (held back during a
refill after a reconnect) in ``subscriptions/redis_inbox.py``; this module holds the
connection state and the reader task.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from typing import Any, Literal

from broadcaster import Event
from broadcaster._backends.base import BroadcastBackend
from redis import exceptions as redis_exc
from redis.asyncio.connection import AbstractConnection

from subscriptions import redis_subscriber as wire
from subscriptions.redis_inbox import Deliver, Inbox, Listeners, OnReconnect
from subscriptions.redis_publisher import BroadcastUnavailable, RedisPublisher

__all__ = ["BackendState", "BroadcastUnavailable", "OnReconnect", "ResilientRedisBackend"]

logger = logging.getLogger(__name__)

BackendState = Literal["connected", "reconnecting", "disconnected"]


class ResilientRedisBackend(BroadcastBackend):
    """Redis pub/sub backend that reconnects, re-subscribes and reports its health.

    Args:
        url: ``redis://``, ``rediss://`` or ``unix://`` URL (redis-py syntax).
        min_backoff: first delay before reconnecting, in seconds.
        max_backoff: upper bound of the exponential backoff, in seconds.
        on_reconnect: awaited after every successful *re*-connect (never after the
            first connect), once every channel is subscribed again, so the
            application can refill the gap from its database. Live messages
            received while it runs are held back and delivered after it returns,
            so the refill comes first.
        health_check_interval: idle time after which the subscriber sends a PING.
        socket_timeout: timeout for connecting, for PUBLISH and for the PONG answer.
        client_name: optional ``CLIENT SETNAME`` prefix (``<name>:sub``/``<name>:pub``)
            that makes the connections recognisable in ``CLIENT LIST``.
        on_reconnect_timeout: bound on one ``on_reconnect`` call, so a stuck refill
            cannot hold live messages back forever.

    A silently dead connection is detected after at most about
    ``health_check_interval + socket_timeout`` seconds (3 s by default).
    """

    def __init__(
        self,
        url: str,
        *,
        min_backoff: float = 0.05,
        max_backoff: float = 2.0,
        on_reconnect: OnReconnect | None = None,
        health_check_interval: float = 1.0,
        socket_timeout: float = 2.0,
        client_name: str | None = None,
        on_reconnect_timeout: float = 30.0,
    ) -> None:
        self._backoff = wire.Backoff(min_backoff, max_backoff)
        if health_check_interval <= 0 or socket_timeout <= 0:
            raise ValueError("health_check_interval and socket_timeout must be positive")
        self._url = url
        self._on_reconnect = on_reconnect
        self._health_check_interval = health_check_interval
        self._socket_timeout = socket_timeout
        self._client_name = client_name
        self._on_reconnect_timeout = on_reconnect_timeout
        # Parse now so that a malformed URL fails at startup, not in the background.
        self._conn_kwargs = wire.connection_options(
            url, socket_timeout=socket_timeout, client_name=client_name
        )

        self._state: BackendState = "disconnected"
        self.last_error: str | None = None
        self.reconnects: int = 0

        self._channels = wire.Channels()
        self._listeners = Listeners()
        self._ever_connected = False

        # Loop-bound objects are created in connect(): broadcaster objects must not
        # bind to an event loop at construction time (e.g. at import).
        self._inbox: Inbox | None = None
        self._first_attempt: asyncio.Event | None = None
        self._reader: asyncio.Task[None] | None = None
        self._publisher: RedisPublisher | None = None

    # ------------------------------------------------------------------ status

    @property
    def state(self) -> BackendState:
        """``connected``, ``reconnecting`` or ``disconnected`` (before connect/after disconnect)."""
        return self._state

    @property
    def channels(self) -> frozenset[str]:
        """Channels currently wanted (re-subscribed after every reconnect)."""
        return frozenset(self._channels.wanted)

    # --------------------------------------------------------------- lifecycle

    async def connect(self) -> None:
        """Start the background reader and wait for the first connection attempt.

        Never raises because Redis is down: the server must be able to start
        without it. In that case ``state`` is ``"reconnecting"`` on return and the
        reader keeps trying in the background.
        """
        if self._reader is not None:
            return
        self._inbox = Inbox(self._on_reconnect, self._on_reconnect_timeout, self._listeners)
        self._channels.start()
        self._first_attempt = asyncio.Event()
        self._ever_connected = False
        self._backoff.failures = 0
        self._state = "reconnecting"
        self._publisher = RedisPublisher(
            self._url, socket_timeout=self._socket_timeout, client_name=self._client_name
        )
        self._reader = asyncio.create_task(self._run(), name="redis-broadcast-reader")
        await self._first_attempt.wait()

    async def disconnect(self) -> None:
        """Stop the reader, close both connections and release waiting subscribers."""
        reader, self._reader = self._reader, None
        hook = self._inbox.detach_refill() if self._inbox is not None else None
        tasks = [t for t in (reader, hook) if t is not None]
        for task in tasks:
            task.cancel()
        if tasks:
            # asyncio.wait does not re-raise the tasks' CancelledError, so a
            # cancellation of disconnect() itself still propagates.
            await asyncio.wait(tasks)
        self._drop_connection()
        publisher, self._publisher = self._publisher, None
        if publisher is not None:
            await publisher.close()
        self._state = "disconnected"

    # ------------------------------------------------------------ subscribing

    async def subscribe(self, channel: str) -> None:
        """Subscribe to ``channel``.

        When connected, returns once Redis has confirmed the subscription, so a
        message published afterwards (from any connection) is delivered. When not
        connected, returns at once: the channel is subscribed on reconnect and
        ``on_reconnect`` covers the gap.
        """
        waiter = await self._channels.subscribe(channel)
        if waiter is None:
            return
        try:
            # The bound only matters if the connection dies silently: the reader's
            # health check then releases the waiter within about the same time.
            await asyncio.wait_for(
                asyncio.shield(waiter),
                self._health_check_interval + 2 * self._socket_timeout,
            )
        except TimeoutError:
            logger.warning("SUBSCRIBE %r not confirmed in time", channel)

    async def unsubscribe(self, channel: str) -> None:
        """Stop receiving ``channel`` (messages already on the way are dropped)."""
        await self._channels.unsubscribe(channel)

    def listen(self, channel: str, deliver: Deliver) -> None:
        """Hand ``channel``'s messages to ``deliver`` (a list each pass of the loop, in
        order; held back like the others while ``on_reconnect`` runs), not to
        ``next_published()``; ``subscribe`` it as well. A channel listened to must not
        also be subscribed through broadcaster (it keeps no count of who subscribed)."""
        self._listeners.listen(channel, deliver)

    def unlisten(self, channel: str) -> None:
        """Back to ``next_published()`` for ``channel``."""
        self._listeners.unlisten(channel)

    # ---------------------------------------------------------------- publish

    async def publish(self, channel: str, message: Any) -> None:
        """PUBLISH ``message`` (``str`` or UTF-8 ``bytes``) on ``channel``.

        Raises :class:`BroadcastUnavailable` (a ``redis.exceptions.ConnectionError``)
        within about ``2 * socket_timeout`` when Redis cannot be reached: the
        message was not published (or, rarely, its acknowledgement was lost) and
        the caller should retry later.
        """
        await self.publish_many(channel, [message])

    async def publish_many(self, channel: str, messages: Sequence[str | bytes]) -> None:
        """PUBLISH every message on ``channel``, in order, in one round trip; raises as
        :meth:`publish` does (then some of them may have been published)."""
        for message in messages:
            if not isinstance(message, str | bytes):
                # Same contract as InProcessBackend: serialise before publishing.
                raise TypeError(f"message must be str or bytes, not {type(message).__name__}")
        publisher = self._publisher
        if publisher is None:
            raise BroadcastUnavailable("broadcast backend is not connected")
        try:
            await publisher.publish_many(channel, messages)
        except BroadcastUnavailable as exc:
            self.last_error = exc.error
            raise

    async def next_published(self) -> Event:
        """Return the next message of a subscribed channel; never raises on connection loss."""
        assert self._inbox is not None, "connect() first"
        return await self._inbox.get()

    # ---------------------------------------------------------------- internals

    async def _run(self) -> None:
        """Reader task: connect, serve until the connection dies, back off, repeat."""
        assert self._first_attempt is not None
        while True:
            conn = wire.new_connection(self._conn_kwargs)
            try:
                await conn.connect()
                await self._serve(conn)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the reader must survive anything
                self._connection_lost(exc)
            finally:
                self._drop_connection()
                await wire.close_quietly(conn)
            self._first_attempt.set()
            await asyncio.sleep(self._backoff.next_delay())

    async def _serve(self, conn: AbstractConnection) -> None:
        """Re-subscribe, then read replies until the connection fails (raises)."""
        barrier = await self._channels.attach(conn)
        confirmed = barrier.done()
        if confirmed:
            self._connected()
        read = wire.replies(
            conn,
            health_check_interval=self._health_check_interval,
            socket_timeout=self._socket_timeout,
        )
        async with contextlib.aclosing(read) as replies:
            async for reply in replies:
                self._handle_reply(reply)
                if not confirmed and barrier.done():
                    confirmed = True
                    self._connected()

    def _handle_reply(self, reply: Any) -> None:
        if not isinstance(reply, list) or not reply:
            return  # b"PONG" to a PING sent while no channel was subscribed
        kind = reply[0]
        if kind == b"message" and len(reply) == 3:
            channel = reply[1].decode("utf-8", "replace")
            if channel not in self._channels.wanted:
                return  # arrived between our UNSUBSCRIBE and its reply
            # "replace": one foreign non-UTF-8 message must not kill the reader.
            assert self._inbox is not None
            self._inbox.put(Event(channel=channel, message=reply[2].decode("utf-8", "replace")))
        elif kind == b"subscribe" and len(reply) >= 2:
            self._channels.confirm(reply[1].decode("utf-8", "replace"))
        # "unsubscribe" and "pong" replies need no action.

    def _connected(self) -> None:
        """Every channel is subscribed on the new connection."""
        assert self._first_attempt is not None
        self._backoff.failures = 0
        self._state = "connected"
        if not self._ever_connected:
            self._ever_connected = True
            self._first_attempt.set()
            logger.info("broadcast: connected to Redis")
            return
        self.reconnects += 1
        logger.warning(
            "broadcast: reconnected to Redis (%d channels re-subscribed, reconnect #%d)",
            len(self._channels.wanted),
            self.reconnects,
        )
        assert self._inbox is not None
        self._inbox.refill()

    def _connection_lost(self, exc: BaseException) -> None:
        assert self._first_attempt is not None
        was = self._state
        self._state = "reconnecting"
        self.last_error = f"{type(exc).__name__}: {exc}"
        if was == "connected":
            logger.warning("broadcast: lost Redis connection (%s); reconnecting", self.last_error)
        elif self._backoff.failures == 0:
            logger.warning("broadcast: cannot reach Redis (%s); retrying", self.last_error)
        if not isinstance(exc, redis_exc.RedisError | OSError):
            logger.error("broadcast: unexpected error in reader", exc_info=exc)

    def _drop_connection(self) -> None:
        self._channels.detach()
