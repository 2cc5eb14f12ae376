"""PUBLISH to Redis on one connection of our own, whose failures say "retry later".

A live notice's path starts here, in the process that committed it. redis-py's pipeline
(a pool, a retry wrapper, command packing, observability hooks) cost ~0.25 ms of Python
before the first byte left, on an idle machine; more under load, and on every notice. So
the PUBLISH commands are packed here (RESP2 arrays of bulk strings) and written at once on
one redis-py `Connection` (which still opens the socket: TLS, unix sockets, AUTH, SELECT
and CLIENT SETNAME as the URL says), and their replies read in order. Callers take turns
on it. A call that fails or is interrupted while replies are due drops the connection,
so no reply is ever read by the wrong call; the next call opens a new one.

Short timeouts and a single immediate retry (for a connection that died while idle, such
as after a Redis restart): the outbox relay, not this publisher, is what retries a
message that could not be published.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from typing import Any

from redis import exceptions as redis_exc
from redis.asyncio.connection import AbstractConnection, Connection, parse_url

logger = logging.getLogger("subscriptions.backend")


class BroadcastUnavailable(redis_exc.ConnectionError):
    """Raised by ``publish()`` when the broker cannot be reached (message not published).

    It subclasses ``redis.exceptions.ConnectionError`` so callers may catch either;
    a timeout is reported with this class too, so one ``except`` covers "retry later".
    ``error`` says what Redis answered, when it was Redis that failed.
    """

    def __init__(self, message: str, error: str | None = None) -> None:
        super().__init__(message)
        self.error = error


_LOST = (redis_exc.ConnectionError, OSError)
"""What a connection that died while idle raises on its next command (retried once)."""

POOL_ONLY = ("max_connections", "timeout")
"""URL options of redis-py's connection pools, which a single connection does not take."""


class RedisPublisher:
    """The PUBLISH connection of one backend (RESP2, ``<client_name>:pub``)."""

    def __init__(self, url: str, *, socket_timeout: float, client_name: str | None) -> None:
        self._socket_timeout = socket_timeout
        options: dict[str, Any] = dict(parse_url(url))  # a bad URL fails at start
        for name in POOL_ONLY:
            options.pop(name, None)
        connection_class = options.pop("connection_class", Connection)
        options.update(
            protocol=2,  # every reply a plain one, read in order
            # No socket timeout: redis-py then wraps each write and read in
            # asyncio.wait_for, a task of its own on Python 3.11, so the PUBLISH would
            # leave a pass of the event loop late. publish_many bounds the whole call.
            socket_timeout=None,
            socket_connect_timeout=socket_timeout,
            health_check_interval=0,
            client_name=f"{client_name}:pub" if client_name else None,
        )
        self._connection: AbstractConnection = connection_class(**options)
        self._turn = asyncio.Lock()
        self._closed = False

    async def publish(self, channel: str, message: str | bytes) -> None:
        """PUBLISH, or :class:`BroadcastUnavailable` within ``2 * socket_timeout``."""
        await self.publish_many(channel, [message])

    async def publish_many(self, channel: str, messages: Sequence[str | bytes]) -> None:
        """PUBLISH each message, in order, in one write and one round trip (no
        transaction); :class:`BroadcastUnavailable` when any could not be (some may
        have been)."""
        if not messages:
            return
        packed = pack_publish(channel, messages)
        try:
            # The one bound on waiting for the turn, connecting, writing and reading the
            # replies: the relay must never wait on a broker that accepts the
            # connection but answers nothing (frozen, or a dead peer).
            async with asyncio.timeout(2 * self._socket_timeout), self._turn:
                await self._send(packed, len(messages))
        except (
            # lost, timed out, refused (NOPERM, say) or garbled: published later, by the relay
            redis_exc.RedisError,
            OSError,
            TimeoutError,
        ) as exc:
            error = f"publish: {type(exc).__name__}: {exc}"
            raise BroadcastUnavailable(
                f"Redis unavailable, not published ({error})", error
            ) from exc

    async def _send(self, packed: bytes, replies: int) -> None:
        conn = self._connection
        # Opened earlier: it may have died since, unnoticed. If it died during the call
        # instead, after Redis ran some of the commands, those are published twice: the
        # streams skip what they delivered already, as they do for the relay's.
        retry = conn.is_connected
        while True:
            try:
                if not conn.is_connected:
                    if self._closed:  # closed while this call waited: no new connection
                        raise redis_exc.ConnectionError("the publisher is closed")
                    await conn.connect()
                await conn.send_packed_command(packed, check_health=False)
                for _ in range(replies):
                    # An error reply (say, NOPERM) is raised here as a ResponseError.
                    await conn.read_response()
                return
            except _LOST:
                await self._drop()
                if not retry:
                    raise
                retry = False  # once, on a new connection
            except BaseException:
                # Cancelled or timed out with replies due, or answered with an error:
                # the next call must not read this call's replies.
                await self._drop()
                raise

    async def _drop(self) -> None:
        with contextlib.suppress(Exception):
            await self._connection.disconnect(nowait=True)

    async def close(self) -> None:
        """Close the connection; a call still under way fails, and no later call opens
        another."""
        self._closed = True
        try:
            await self._connection.disconnect()
        except Exception:  # closing a dead socket may fail; irrelevant
            logger.debug("broadcast: error while closing the publish connection", exc_info=True)


def pack_publish(channel: str, messages: Sequence[str | bytes]) -> bytes:
    """The RESP2 commands ``PUBLISH channel message``, one per message, as one buffer."""
    name = channel.encode()
    head = b"*3\r\n$7\r\nPUBLISH\r\n$%d\r\n%s\r\n" % (len(name), name)
    parts = []
    for message in messages:
        body = message.encode() if isinstance(message, str) else message
        parts.append(b"%s$%d\r\n%s\r\n" % (head, len(body), body))
    return b"".join(parts)
