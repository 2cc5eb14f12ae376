"""Messages received from Redis on their way to ``next_published()`` or to a listener;
after a reconnect, live ones are held back until the application has refilled its gap
from its database, so the refill comes first."""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Awaitable, Callable

from broadcaster import Event

OnReconnect = Callable[[], Awaitable[None]]
Deliver = Callable[[list[str]], None]

# The backend's logger: this is its delivery, whatever module the code is in.
logger = logging.getLogger("subscriptions.backend")


class Listeners:
    """Channels whose messages go to a function, not to broadcaster's queues.

    Through broadcaster a message takes two tasks' turns before its subscriber has it:
    the backend's queue wakes broadcaster's listener task, whose put wakes the
    subscriber's. A listener is called once per pass of the event loop with every
    message of its channel that arrived in the pass before, in order (a commit's events
    come in one read from Redis, and are handed over together). An exception in a
    listener is logged; the messages after it are still delivered.
    """

    def __init__(self) -> None:
        self._deliver: dict[str, Deliver] = {}
        self._due: list[Event] = []
        self._flush: asyncio.Handle | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def listen(self, channel: str, deliver: Deliver) -> None:
        self._deliver[channel] = deliver

    def unlisten(self, channel: str) -> None:
        self._deliver.pop(channel, None)

    def offer(self, event: Event) -> bool:
        """Whether `event` is a listened channel's: then it is delivered next pass."""
        if event.channel not in self._deliver:
            return False
        self._due.append(event)
        loop = asyncio.get_running_loop()
        if self._flush is None or self._loop is not loop:
            # (a hand-over scheduled on a loop that has ended would never run)
            self._loop, self._flush = loop, loop.call_soon(self._hand_over)
        return True

    def _hand_over(self) -> None:
        self._flush = None
        due, self._due = self._due, []
        for channel, events in itertools.groupby(due, key=lambda e: e.channel):
            deliver = self._deliver.get(channel)
            if deliver is None:
                continue  # no longer listened: dropped, as after an UNSUBSCRIBE
            try:
                deliver([e.message for e in events])
            except Exception:
                logger.exception("broadcast: a listener of %r failed", channel)


class Inbox:
    """The queue ``next_published()`` reads, and the refill run after each reconnect.

    Create it inside the running loop (in ``connect()``): its queue binds to it.
    """

    def __init__(
        self, on_reconnect: OnReconnect | None, timeout: float, listeners: Listeners
    ) -> None:
        self._on_reconnect = on_reconnect
        self._listeners = listeners
        self._timeout = timeout
        self._queue: asyncio.Queue[Event] = asyncio.Queue()
        self._held: list[Event] | None = None  # live events held while on_reconnect runs
        self.refill_task: asyncio.Task[None] | None = None

    def put(self, event: Event) -> None:
        """A message arrived: deliver it, or hold it while a refill runs."""
        if self._held is not None:
            self._held.append(event)
        elif not self._listeners.offer(event):
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
                    if not self._listeners.offer(event):
                        self._queue.put_nowait(event)
