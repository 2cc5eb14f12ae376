"""The dedicated subscriber connection: how it is opened, written, read, checked for
life and re-opened, and the channels it carries (SUBSCRIBE replies matched in order).

It talks RESP2 on purpose: redis-py 8 defaults to RESP3, where pub/sub frames are push
messages routed through handlers; RESP2 keeps every reply a plain array that one reader
can match in order.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import random
from collections.abc import AsyncGenerator
from typing import Any

from redis import exceptions as redis_exc
from redis.asyncio.connection import AbstractConnection, Connection, parse_url
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

# The backend's logger: these are its connections, whatever module the code is in.
logger = logging.getLogger("subscriptions.backend")


class ConnectionLost(redis_exc.ConnectionError):
    """The subscriber connection is considered dead (e.g. no PONG in time)."""


def connection_options(
    url: str, *, socket_timeout: float, client_name: str | None
) -> dict[str, Any]:
    """How to open a subscriber connection to `url` (parsed now: a bad URL fails at start)."""
    kwargs: dict[str, Any] = dict(parse_url(url))
    for name in ("max_connections", "timeout"):  # a pool's options, not a connection's
        kwargs.pop(name, None)
    kwargs.update(
        # RESP2 whatever the URL says: see the module docstring.
        protocol=2,
        decode_responses=False,
        # We run our own health check: redis-py's would read the PONG itself
        # and race with the reader task.
        health_check_interval=0,
        # Reconnecting is the reader's job, with backoff; no hidden retries.
        retry=Retry(NoBackoff(), 0),
        socket_timeout=socket_timeout,
        socket_connect_timeout=socket_timeout,
        client_name=f"{client_name}:sub" if client_name else None,
    )
    return kwargs


def new_connection(options: dict[str, Any]) -> AbstractConnection:
    """A subscriber connection, not yet connected."""
    kwargs = dict(options)
    connection_class = kwargs.pop("connection_class", Connection)
    conn: AbstractConnection = connection_class(**kwargs)
    return conn


async def send(conn: AbstractConnection, *args: str) -> None:
    """Write one command; a closed connection raises instead of reconnecting."""
    # send_command() silently reconnects a closed connection; never let it do
    # that behind the reader's back (channels would not be re-subscribed).
    if not conn.is_connected:
        raise redis_exc.ConnectionError("subscriber connection is closed")
    await conn.send_command(*args, check_health=False)


async def close_quietly(conn: AbstractConnection) -> None:
    """Close a connection that may well be dead already."""
    try:
        await conn.disconnect(nowait=True)
    except Exception:  # closing a dead socket may fail; irrelevant
        logger.debug("broadcast: error while closing subscriber connection", exc_info=True)


async def replies(
    conn: AbstractConnection, *, health_check_interval: float, socket_timeout: float
) -> AsyncGenerator[Any, None]:
    """Every reply read on `conn`, until it fails (raises).

    After `health_check_interval` without traffic it sends a PING; no answer within
    `socket_timeout` raises :class:`ConnectionLost`. Any traffic proves the connection
    alive, not only the PONG.
    """
    loop = asyncio.get_running_loop()
    last_seen = loop.time()
    ping_sent_at: float | None = None
    while True:
        now = loop.time()
        if ping_sent_at is None:
            timeout = last_seen + health_check_interval - now
        else:
            timeout = ping_sent_at + socket_timeout - now
        reply = await conn.read_response(timeout=max(timeout, 0.001))
        now = loop.time()
        if reply is None:  # read timed out (pub/sub never sends a nil reply)
            if ping_sent_at is not None:
                if now - ping_sent_at >= socket_timeout:
                    raise ConnectionLost(f"no answer to PING within {socket_timeout:g}s")
            elif now - last_seen >= health_check_interval:
                await send(conn, "PING")
                ping_sent_at = now
            continue
        last_seen = now
        ping_sent_at = None
        yield reply


class Backoff:
    """Exponential delays with "equal jitter": spreads reconnecting servers apart while
    keeping a floor, so a restarted Redis is not hit all at once."""

    def __init__(self, minimum: float, maximum: float) -> None:
        if minimum <= 0 or maximum < minimum:
            raise ValueError("need 0 < min_backoff <= max_backoff")
        self.minimum = minimum
        self.maximum = maximum
        self.failures = 0

    def next_delay(self) -> float:
        """The delay before the next attempt; counts one more failure."""
        cap = min(self.maximum, self.minimum * 2 ** min(self.failures, 30))
        self.failures += 1
        return random.uniform(max(self.minimum, cap / 2), cap)


Waiter = asyncio.Future[None] | None


class Confirmations:
    """Who waits for which SUBSCRIBE reply on the current connection.

    Per channel, one entry per SUBSCRIBE sent, in send order; Redis answers each in
    order, so the n-th "subscribe" reply for a channel confirms the n-th SUBSCRIBE.
    None = nobody waits for it.
    """

    def __init__(self) -> None:
        self._pending: dict[str, collections.deque[Waiter]] = {}

    def expect(self, channel: str, waiter: Waiter) -> None:
        """A SUBSCRIBE of `channel` is about to be sent; `waiter` learns of its reply."""
        self._pending.setdefault(channel, collections.deque()).append(waiter)

    def confirm(self, channel: str) -> None:
        """A "subscribe" reply for `channel` came in: the oldest SUBSCRIBE is confirmed."""
        waiters = self._pending.get(channel)
        if waiters:
            waiter = waiters.popleft()
            if waiter is not None and not waiter.done():
                waiter.set_result(None)

    def release_all(self) -> None:
        """The connection is gone: release every waiter (its channel is re-subscribed on
        reconnect) and forget them."""
        for waiters in self._pending.values():
            for waiter in waiters:
                if waiter is not None and not waiter.done():
                    waiter.set_result(None)
        self._pending = {}


class Channels:
    """The channels the application wants, whatever the connection state (what a
    reconnect subscribes again), and the connection they are subscribed on now."""

    def __init__(self) -> None:
        self.wanted: set[str] = set()
        self._pending = Confirmations()  # of SUBSCRIBEs sent on the current connection
        self._conn: AbstractConnection | None = None  # set only while usable for writes
        self._lock: asyncio.Lock | None = None  # created by start(), in the running loop

    def start(self) -> None:
        """Serialise changes from now on (the backend connects)."""
        self._lock = asyncio.Lock()

    async def subscribe(self, channel: str) -> asyncio.Future[None] | None:
        """Want `channel`; on a live connection send SUBSCRIBE and return the future its
        reply completes (None: nothing to wait for, a reconnect subscribes it)."""
        if self._lock is None:  # not connected yet: remembered for the first connect
            self.wanted.add(channel)
            return None
        loop = asyncio.get_running_loop()
        async with self._lock:
            self.wanted.add(channel)
            conn = self._conn
            if conn is None:
                return None
            waiter: asyncio.Future[None] = loop.create_future()
            self._pending.expect(channel, waiter)
            try:
                await send(conn, "SUBSCRIBE", channel)
            except (redis_exc.RedisError, OSError):
                # The reader will see the broken connection too, reconnect and
                # subscribe this channel along with the others.
                if not waiter.done():
                    waiter.set_result(None)
                return None
        return waiter

    async def unsubscribe(self, channel: str) -> None:
        """Stop wanting `channel`; UNSUBSCRIBE on a live connection."""
        if self._lock is None:
            self.wanted.discard(channel)
            return
        async with self._lock:
            self.wanted.discard(channel)
            conn = self._conn
            if conn is None:
                return
            # On failure: not re-subscribed after the reconnect, since it left `wanted`.
            with contextlib.suppress(redis_exc.RedisError, OSError):
                await send(conn, "UNSUBSCRIBE", channel)

    async def attach(self, conn: AbstractConnection) -> asyncio.Future[None]:
        """Subscribe every wanted channel on a new connection, which subscribe() and
        unsubscribe() write to from now on; the future completes once all are confirmed."""
        assert self._lock is not None
        barrier: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        async with self._lock:
            self._pending = Confirmations()
            channels = sorted(self.wanted)
            if channels:
                for channel in channels[:-1]:
                    self._pending.expect(channel, None)
                # Replies come in order: the last channel's confirms them all.
                self._pending.expect(channels[-1], barrier)
                await send(conn, "SUBSCRIBE", *channels)
            else:
                barrier.set_result(None)
            self._conn = conn
        return barrier

    def confirm(self, channel: str) -> None:
        """A "subscribe" reply for `channel` came in."""
        self._pending.confirm(channel)

    def detach(self) -> None:
        """The connection is gone: release subscribe() callers (their channel is
        subscribed again on reconnect)."""
        self._conn = None
        self._pending.release_all()
