"""A Redis pub/sub backend for ``broadcaster`` that survives Redis restarts.

broadcaster 0.3.1 ships a Redis backend that delivers nothing with redis-py 8 and
never reconnects (see /work/shared/LIBRARIES.md). This one owns its connections:

* one dedicated subscriber connection, read by a single background task that
  answers for reconnecting (exponential backoff with jitter), re-subscribing every
  channel and detecting silently dead sockets with its own PING on idle;
* one small pool for PUBLISH, with short timeouts, whose failures surface as
  :class:`BroadcastUnavailable` so that the outbox relay retries later.

It talks RESP2 on the subscriber connection on purpose: redis-py 8 defaults to
RESP3, where pub/sub frames are push messages routed through handlers; RESP2 keeps
every reply a plain array that one reader can match in order.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable
from typing import Any, Literal

from broadcaster import Event
from broadcaster._backends.base import BroadcastBackend
from redis import exceptions as redis_exc
from redis.asyncio import Redis
from redis.asyncio.connection import AbstractConnection, Connection, parse_url
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

__all__ = ["BackendState", "BroadcastUnavailable", "OnReconnect", "ResilientRedisBackend"]

logger = logging.getLogger(__name__)

BackendState = Literal["connected", "reconnecting", "disconnected"]
OnReconnect = Callable[[], Awaitable[None]]


class BroadcastUnavailable(redis_exc.ConnectionError):
    """Raised by ``publish()`` when the broker cannot be reached (message not published).

    It subclasses ``redis.exceptions.ConnectionError`` so callers may catch either;
    a timeout is reported with this class too, so one ``except`` covers "retry later".
    """


class _ConnectionLost(redis_exc.ConnectionError):
    """Internal: the subscriber connection is considered dead (e.g. no PONG in time)."""


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
        if min_backoff <= 0 or max_backoff < min_backoff:
            raise ValueError("need 0 < min_backoff <= max_backoff")
        if health_check_interval <= 0 or socket_timeout <= 0:
            raise ValueError("health_check_interval and socket_timeout must be positive")
        self._url = url
        self._min_backoff = min_backoff
        self._max_backoff = max_backoff
        self._on_reconnect = on_reconnect
        self._health_check_interval = health_check_interval
        self._socket_timeout = socket_timeout
        self._client_name = client_name
        self._on_reconnect_timeout = on_reconnect_timeout
        # Parse now so that a malformed URL fails at startup, not in the background.
        self._conn_kwargs = self._subscriber_kwargs(url)

        self._state: BackendState = "disconnected"
        self.last_error: str | None = None
        self.reconnects: int = 0

        # Channels the application wants, whatever the connection state: this is
        # what gets re-subscribed after a reconnect.
        self._channels: set[str] = set()
        # Per channel, one entry per SUBSCRIBE sent on the current connection, in
        # send order; Redis answers each in order, so the n-th "subscribe" reply
        # for a channel confirms the n-th SUBSCRIBE. None = nobody waits for it.
        self._pending: dict[str, collections.deque[asyncio.Future[None] | None]] = {}
        self._conn: AbstractConnection | None = None  # set only while usable for writes
        self._ever_connected = False
        self._failures = 0
        self._held: list[Event] | None = None  # live events held while on_reconnect runs

        # Loop-bound objects are created in connect(): broadcaster objects must not
        # bind to an event loop at construction time (e.g. at import).
        self._queue: asyncio.Queue[Event] | None = None
        self._lock: asyncio.Lock | None = None
        self._first_attempt: asyncio.Event | None = None
        self._reader: asyncio.Task[None] | None = None
        self._hook_task: asyncio.Task[None] | None = None
        self._publisher: Redis | None = None

    # ------------------------------------------------------------------ status

    @property
    def state(self) -> BackendState:
        """``connected``, ``reconnecting`` or ``disconnected`` (before connect/after disconnect)."""
        return self._state

    @property
    def channels(self) -> frozenset[str]:
        """Channels currently wanted (re-subscribed after every reconnect)."""
        return frozenset(self._channels)

    # --------------------------------------------------------------- lifecycle

    async def connect(self) -> None:
        """Start the background reader and wait for the first connection attempt.

        Never raises because Redis is down: the server must be able to start
        without it. In that case ``state`` is ``"reconnecting"`` on return and the
        reader keeps trying in the background.
        """
        if self._reader is not None:
            return
        self._queue = asyncio.Queue()
        self._lock = asyncio.Lock()
        self._first_attempt = asyncio.Event()
        self._ever_connected = False
        self._failures = 0
        self._held = None
        self._state = "reconnecting"
        self._publisher = Redis.from_url(
            self._url,
            protocol=2,
            socket_timeout=self._socket_timeout,
            socket_connect_timeout=self._socket_timeout,
            # One immediate retry covers a pooled connection that died while idle
            # (e.g. after a Redis restart); more would only delay the relay's error.
            retry=Retry(NoBackoff(), 1, supported_errors=(redis_exc.ConnectionError,)),
            client_name=f"{self._client_name}:pub" if self._client_name else None,
        )
        self._reader = asyncio.create_task(self._run(), name="redis-broadcast-reader")
        await self._first_attempt.wait()

    async def disconnect(self) -> None:
        """Stop the reader, close both connections and release waiting subscribers."""
        reader, self._reader = self._reader, None
        hook, self._hook_task = self._hook_task, None
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
            await publisher.aclose()
        self._state = "disconnected"

    # ------------------------------------------------------------ subscribing

    async def subscribe(self, channel: str) -> None:
        """Subscribe to ``channel``.

        When connected, returns once Redis has confirmed the subscription, so a
        message published afterwards (from any connection) is delivered. When not
        connected, returns at once: the channel is subscribed on reconnect and
        ``on_reconnect`` covers the gap.
        """
        if self._lock is None:  # not connected yet: remembered for the first connect
            self._channels.add(channel)
            return
        loop = asyncio.get_running_loop()
        async with self._lock:
            self._channels.add(channel)
            conn = self._conn
            if conn is None:
                return
            waiter: asyncio.Future[None] = loop.create_future()
            queue = self._pending.setdefault(channel, collections.deque())
            queue.append(waiter)
            try:
                await self._send(conn, "SUBSCRIBE", channel)
            except (redis_exc.RedisError, OSError):
                # The reader will see the broken connection too, reconnect and
                # subscribe this channel along with the others.
                if not waiter.done():
                    waiter.set_result(None)
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
        if self._lock is None:
            self._channels.discard(channel)
            return
        async with self._lock:
            self._channels.discard(channel)
            conn = self._conn
            if conn is None:
                return
            # On failure: not re-subscribed after the reconnect, since it left _channels.
            with contextlib.suppress(redis_exc.RedisError, OSError):
                await self._send(conn, "UNSUBSCRIBE", channel)

    # ---------------------------------------------------------------- publish

    async def publish(self, channel: str, message: Any) -> None:
        """PUBLISH ``message`` (``str`` or UTF-8 ``bytes``) on ``channel``.

        Raises :class:`BroadcastUnavailable` (a ``redis.exceptions.ConnectionError``)
        within about ``2 * socket_timeout`` when Redis cannot be reached: the
        message was not published (or, rarely, its acknowledgement was lost) and
        the caller should retry later.
        """
        if not isinstance(message, str | bytes):
            # Same contract as InProcessBackend: serialise before publishing.
            raise TypeError(f"message must be str or bytes, not {type(message).__name__}")
        publisher = self._publisher
        if publisher is None:
            raise BroadcastUnavailable("broadcast backend is not connected")
        try:
            # Outer bound as a safety net: socket timeouts cover each step, but
            # the relay must never wait on a broker indefinitely.
            async with asyncio.timeout(2 * self._socket_timeout + 1):
                await publisher.publish(channel, message)
        except (redis_exc.ConnectionError, redis_exc.TimeoutError, OSError, TimeoutError) as exc:
            error = f"publish: {type(exc).__name__}: {exc}"
            self.last_error = error
            raise BroadcastUnavailable(f"Redis unavailable, not published ({error})") from exc

    async def next_published(self) -> Event:
        """Return the next message of a subscribed channel; never raises on connection loss."""
        assert self._queue is not None, "connect() first"
        return await self._queue.get()

    # ---------------------------------------------------------------- internals

    def _subscriber_kwargs(self, url: str) -> dict[str, Any]:
        kwargs: dict[str, Any] = dict(parse_url(url))
        kwargs.update(
            # RESP2 whatever the URL says: see the module docstring.
            protocol=2,
            decode_responses=False,
            # We run our own health check: redis-py's would read the PONG itself
            # and race with the reader task.
            health_check_interval=0,
            # Reconnecting is the reader's job, with backoff; no hidden retries.
            retry=Retry(NoBackoff(), 0),
            socket_timeout=self._socket_timeout,
            socket_connect_timeout=self._socket_timeout,
            client_name=f"{self._client_name}:sub" if self._client_name else None,
        )
        return kwargs

    def _new_connection(self) -> AbstractConnection:
        kwargs = dict(self._conn_kwargs)
        connection_class = kwargs.pop("connection_class", Connection)
        conn: AbstractConnection = connection_class(**kwargs)
        return conn

    @staticmethod
    async def _send(conn: AbstractConnection, *args: str) -> None:
        # send_command() silently reconnects a closed connection; never let it do
        # that behind the reader's back (channels would not be re-subscribed).
        if not conn.is_connected:
            raise redis_exc.ConnectionError("subscriber connection is closed")
        await conn.send_command(*args, check_health=False)

    def _backoff(self) -> float:
        # Exponential with "equal jitter": spreads reconnecting servers apart
        # while keeping a floor, so a restarted Redis is not hit all at once.
        cap = min(self._max_backoff, self._min_backoff * 2 ** min(self._failures, 30))
        return random.uniform(max(self._min_backoff, cap / 2), cap)

    async def _run(self) -> None:
        """Reader task: connect, serve until the connection dies, back off, repeat."""
        assert self._first_attempt is not None
        while True:
            conn = self._new_connection()
            try:
                await conn.connect()
                await self._serve(conn)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the reader must survive anything
                self._connection_lost(exc)
            finally:
                self._drop_connection()
                await self._close_quietly(conn)
            self._first_attempt.set()
            delay = self._backoff()
            self._failures += 1
            await asyncio.sleep(delay)

    async def _serve(self, conn: AbstractConnection) -> None:
        """Re-subscribe, then read replies until the connection fails (raises)."""
        assert self._lock is not None
        loop = asyncio.get_running_loop()
        barrier: asyncio.Future[None] = loop.create_future()
        async with self._lock:
            self._pending = {}
            channels = sorted(self._channels)
            if channels:
                for channel in channels[:-1]:
                    self._pending.setdefault(channel, collections.deque()).append(None)
                # Replies come in order: the last channel's confirms them all.
                self._pending.setdefault(channels[-1], collections.deque()).append(barrier)
                await self._send(conn, "SUBSCRIBE", *channels)
            else:
                barrier.set_result(None)
            # From now on subscribe()/unsubscribe() write to this connection.
            self._conn = conn

        last_seen = loop.time()
        ping_sent_at: float | None = None
        confirmed = False
        while True:
            if not confirmed and barrier.done():
                confirmed = True
                self._connected()
            now = loop.time()
            if ping_sent_at is None:
                timeout = last_seen + self._health_check_interval - now
            else:
                timeout = ping_sent_at + self._socket_timeout - now
            reply = await conn.read_response(timeout=max(timeout, 0.001))
            now = loop.time()
            if reply is None:  # read timed out (pub/sub never sends a nil reply)
                if ping_sent_at is not None:
                    if now - ping_sent_at >= self._socket_timeout:
                        raise _ConnectionLost(f"no answer to PING within {self._socket_timeout:g}s")
                elif now - last_seen >= self._health_check_interval:
                    await self._send(conn, "PING")
                    ping_sent_at = now
                continue
            # Any traffic proves the connection alive, not only the PONG.
            last_seen = now
            ping_sent_at = None
            self._handle_reply(reply)

    def _handle_reply(self, reply: Any) -> None:
        if not isinstance(reply, list) or not reply:
            return  # b"PONG" to a PING sent while no channel was subscribed
        kind = reply[0]
        if kind == b"message" and len(reply) == 3:
            channel = reply[1].decode("utf-8", "replace")
            if channel not in self._channels:
                return  # arrived between our UNSUBSCRIBE and its reply
            # "replace": one foreign non-UTF-8 message must not kill the reader.
            event = Event(channel=channel, message=reply[2].decode("utf-8", "replace"))
            if self._held is not None:
                self._held.append(event)
            else:
                assert self._queue is not None
                self._queue.put_nowait(event)
        elif kind == b"subscribe" and len(reply) >= 2:
            waiters = self._pending.get(reply[1].decode("utf-8", "replace"))
            if waiters:
                waiter = waiters.popleft()
                if waiter is not None and not waiter.done():
                    waiter.set_result(None)
        # "unsubscribe" and "pong" replies need no action.

    def _connected(self) -> None:
        """Every channel is subscribed on the new connection."""
        assert self._first_attempt is not None
        self._failures = 0
        self._state = "connected"
        if not self._ever_connected:
            self._ever_connected = True
            self._first_attempt.set()
            logger.info("broadcast: connected to Redis")
            return
        self.reconnects += 1
        logger.warning(
            "broadcast: reconnected to Redis (%d channels re-subscribed, reconnect #%d)",
            len(self._channels),
            self.reconnects,
        )
        if self._on_reconnect is not None:
            if self._held is None:
                self._held = []
            self._hook_task = asyncio.create_task(
                self._run_on_reconnect(self._hook_task), name="redis-broadcast-on-reconnect"
            )

    async def _run_on_reconnect(self, previous: asyncio.Task[None] | None) -> None:
        # Runs beside the reader (not inside it) so that PINGs and SUBSCRIBE
        # confirmations keep flowing while the application refills its gap.
        assert self._on_reconnect is not None
        try:
            if previous is not None and not previous.done():
                await asyncio.wait([previous])  # one refill at a time, in order
            await asyncio.wait_for(self._on_reconnect(), self._on_reconnect_timeout)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("broadcast: on_reconnect callback failed")
        finally:
            if self._hook_task is asyncio.current_task():
                self._hook_task = None
                held, self._held = self._held or [], None
                if self._queue is not None:
                    for event in held:
                        self._queue.put_nowait(event)

    def _connection_lost(self, exc: BaseException) -> None:
        assert self._first_attempt is not None
        was = self._state
        self._state = "reconnecting"
        self.last_error = f"{type(exc).__name__}: {exc}"
        if was == "connected":
            logger.warning("broadcast: lost Redis connection (%s); reconnecting", self.last_error)
        elif self._failures == 0:
            logger.warning("broadcast: cannot reach Redis (%s); retrying", self.last_error)
        if not isinstance(exc, redis_exc.RedisError | OSError):
            logger.error("broadcast: unexpected error in reader", exc_info=exc)

    def _drop_connection(self) -> None:
        self._conn = None
        # Release subscribe() callers: their channel is re-subscribed on reconnect.
        for waiters in self._pending.values():
            for waiter in waiters:
                if waiter is not None and not waiter.done():
                    waiter.set_result(None)
        self._pending = {}

    @staticmethod
    async def _close_quietly(conn: AbstractConnection) -> None:
        try:
            await conn.disconnect(nowait=True)
        except Exception:  # closing a dead socket may fail; irrelevant
            logger.debug("broadcast: error while closing subscriber connection", exc_info=True)
