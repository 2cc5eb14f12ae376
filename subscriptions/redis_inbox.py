"""Messages received from Redis on their way to ``next_published()``; after a reconnect,
live ones are held back until the application has refilled its gap from its database,
so the refill comes first."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from broadcaster import Event

OnReconnect = Callable[[], Awaitable[None]]

# The backend's logger: this is its delivery, whatever module the code is in.
logger = logging.getLogger("subscriptions.backend")


class Inbox:
    """The queue ``next_published()`` reads, and the refill run after each reconnect.

    Create it inside the running loop (in ``connect()``): its queue binds to it.
    """

    def __init__(self, on_reconnect: OnReconnect | None, timeout: float) -> None:
        self._on_reconnect = on_reconnect
        self._timeout = timeout
        self._queue: asyncio.Queue[Event] = asyncio.Queue()
        self._held: list[Event] | None = None  # live events held while on_reconnect runs
        self.refill_task: asyncio.Task[None] | None = None

    def put(self, event: Event) -> None:
        """A message arrived: deliver it, or hold it while a refill runs."""
        if self._held is not None:
            self._held.append(event)
        else:
            self._queue.put_nowait(event)

    async def get(self) -> Event:
        """The next message delivered."""
        return await self._queue.get()

    def refill(self) -> None:
        """Every channel is subscribed again after a reconnect: run ``on_reconnect``
        (if any), holding live messages back until it returns or times out."""
        if self._on_reconnect is None:
            return
        if self._held is None:
            self._held = []
        self.refill_task = asyncio.create_task(
            self._run_refill(self.refill_task), name="redis-broadcast-on-reconnect"
        )

    def detach_refill(self) -> asyncio.Task[None] | None:
        """The running refill, forgotten: cancelling it then delivers nothing held."""
        task, self.refill_task = self.refill_task, None
        return task

    async def _run_refill(self, previous: asyncio.Task[None] | None) -> None:
        # Runs beside the reader (not inside it) so that PINGs and SUBSCRIBE
        # confirmations keep flowing while the application refills its gap.
        assert self._on_reconnect is not None
        try:
            if previous is not None and not previous.done():
                await asyncio.wait([previous])  # one refill at a time, in order
            await asyncio.wait_for(self._on_reconnect(), self._timeout)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("broadcast: on_reconnect callback failed")
        finally:
            if self.refill_task is asyncio.current_task():
                self.refill_task = None
                held, self._held = self._held or [], None
                for event in held:
                    self._queue.put_nowait(event)
