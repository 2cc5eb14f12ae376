"""PUBLISH to Redis through one small pool whose failures say "retry later".

Short timeouts and a single immediate retry: the outbox relay, not this pool, is what
retries a message that could not be published.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from redis import exceptions as redis_exc
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff


class BroadcastUnavailable(redis_exc.ConnectionError):
    """Raised by ``publish()`` when the broker cannot be reached (message not published).

    It subclasses ``redis.exceptions.ConnectionError`` so callers may catch either;
    a timeout is reported with this class too, so one ``except`` covers "retry later".
    ``error`` says what Redis answered, when it was Redis that failed.
    """

    def __init__(self, message: str, error: str | None = None) -> None:
        super().__init__(message)
        self.error = error


class RedisPublisher:
    """The PUBLISH connections of one backend (RESP2, ``<client_name>:pub``)."""

    def __init__(self, url: str, *, socket_timeout: float, client_name: str | None) -> None:
        self._socket_timeout = socket_timeout
        self._client = Redis.from_url(
            url,
            protocol=2,
            # No socket timeout: redis-py then wraps every write and read in
            # asyncio.wait_for, which on Python 3.11 runs it in a task of its own, so
            # the PUBLISH left only once the loop came back from the command that
            # committed (~0.2 ms on the notice path). publish_many bounds the whole
            # round trip instead.
            socket_timeout=None,
            socket_connect_timeout=socket_timeout,
            # One immediate retry covers a pooled connection that died while idle
            # (e.g. after a Redis restart); more would only delay the relay's error.
            retry=Retry(NoBackoff(), 1, supported_errors=(redis_exc.ConnectionError,)),
            client_name=f"{client_name}:pub" if client_name else None,
        )

    async def publish(self, channel: str, message: str | bytes) -> None:
        """PUBLISH, or :class:`BroadcastUnavailable` within ``2 * socket_timeout``."""
        await self.publish_many(channel, [message])

    async def publish_many(self, channel: str, messages: Sequence[str | bytes]) -> None:
        """PUBLISH each message, in order, in one round trip (a pipeline, no transaction);
        :class:`BroadcastUnavailable` when any could not be (some may have been)."""
        try:
            # The one bound on connecting (each attempt's connect has its own),
            # writing and reading the replies: the relay must never wait on a broker
            # that accepts the connection but answers nothing (frozen, or a dead peer).
            async with asyncio.timeout(2 * self._socket_timeout):
                if len(messages) == 1:
                    await self._client.publish(channel, messages[0])
                else:
                    pipe = self._client.pipeline(transaction=False)
                    for message in messages:
                        pipe.publish(channel, message)
                    await pipe.execute()
        except (redis_exc.ConnectionError, redis_exc.TimeoutError, OSError, TimeoutError) as exc:
            error = f"publish: {type(exc).__name__}: {exc}"
            raise BroadcastUnavailable(
                f"Redis unavailable, not published ({error})", error
            ) from exc

    async def close(self) -> None:
        """Close the pool's connections."""
        await self._client.aclose()
