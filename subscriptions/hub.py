"""One broadcast subscription per process, fanned out to bounded per-subscriber buffers.

broadcaster gives every subscriber an unbounded queue and loses the first of two
concurrent first subscribers; so each process subscribes once (`NoticeHub`) and hands
every event of an agency to that agency's `Subscriber`s. A subscriber's buffer holds
at most `capacity` entries: past that it is marked overflowed and its subscription
ends with an error telling the client to resume with `after`.

`NoticeStream` is one subscription's delivery: subscribe first, replay the database
after the client's cursor, then live events, skipping seqs already delivered and
reading any gap from the database. Seqs are gapless per agency and committed in
order, so this delivers every notice exactly once, in cursor order, even when the
broadcast dropped messages.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Hashable
from typing import TypeVar

from broadcaster import Broadcast

from models.audit import Event
from subscriptions.catch_up import WINDOW, SharedReads
from subscriptions.notices import CHANNEL, Accept, Audience, NoticeEvent, decode, of_row
from subscriptions.subscriber import BufferOverflow, Seen, Skip, Subscriber

__all__ = ["BufferOverflow", "NoticeHub", "NoticeStream", "Subscriber"]

K = TypeVar("K", bound=Hashable)

log = logging.getLogger(__name__)

DEFAULT_CAPACITY = 1000


class NoticeHub:
    """The process's one listener on the broadcast channel."""

    def __init__(
        self, broadcast: Broadcast, *, channel: str = CHANNEL, capacity: int = DEFAULT_CAPACITY
    ) -> None:
        self.broadcast = broadcast
        self.channel = channel
        self.capacity = capacity
        self._by_agency: dict[int, set[Subscriber]] = {}  # everyone, for pokes and counts
        # Routing: the agency-wide subscribers (boards), and each driver's.
        self._wide: dict[int, set[Subscriber]] = {}
        self._by_driver: dict[tuple[int, int], set[Subscriber]] = {}
        self._seen: dict[int, Seen] = {}
        # Catch-ups of the streams of this process, one statement per turn of the loop.
        self.reads = SharedReads(_read_latest, _read_range)
        self._task: asyncio.Task[None] | None = None
        self.received = 0
        # Called with every event of every agency (the open sessions watch access changes).
        self.watchers: list[Callable[[NoticeEvent], None]] = []

    async def start(self) -> None:
        """Subscribe to the channel (returns once subscribed, or Redis is down)."""
        ready = asyncio.Event()
        self._task = asyncio.create_task(self._run(ready), name="notice-hub")
        async with asyncio.timeout(15):
            await ready.wait()

    async def stop(self) -> None:
        """Stop listening (the server is shutting down and closes the subscriptions)."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            await asyncio.wait([task])

    async def _run(self, ready: asyncio.Event) -> None:
        while True:
            try:
                async with self.broadcast.subscribe(self.channel) as feed:
                    ready.set()
                    # Whatever was published while we were not subscribed is in the DB.
                    self.poke_all()
                    while True:
                        event = await feed.get()
                        self.fan_out(event.message)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("notice hub: broadcast subscription failed; resubscribing")
                await asyncio.sleep(1)

    def fan_out(self, message: str | bytes) -> None:
        """Hand one broadcast message to the subscribers that hear of it: the agency's
        wide subscribers and the drivers it names, never every stream of the agency."""
        try:
            event = decode(message)
        except ValueError:
            log.warning("notice hub: ignoring a malformed message %.80r", message)
            return
        self.received += 1
        for watch in self.watchers:
            watch(event)
        agency = event.agency_id
        seen = self._seen.get(agency)
        if seen is None:
            seen = self._seen[agency] = Seen()
        floor = seen.floor(event.seq)
        seen.add(event.seq)
        for subscriber in tuple(self._wide.get(agency, ())):
            if subscriber.accept(event):
                subscriber.offer(event, floor)
        for driver_id in event.driver_ids:
            for subscriber in tuple(self._by_driver.get((agency, driver_id), ())):
                if subscriber.accept(event):
                    subscriber.offer(event, floor)

    def join(self, agency_id: int, accept: Accept) -> Subscriber:
        """A new subscriber, receiving live events from now on."""
        seen = self._seen.get(agency_id)
        if seen is None:
            seen = self._seen[agency_id] = Seen()
        subscriber = Subscriber(agency_id, accept, self.capacity, seen)
        self._by_agency.setdefault(agency_id, set()).add(subscriber)
        self._route(subscriber).add(subscriber)
        return subscriber

    def leave(self, subscriber: Subscriber) -> None:
        """Forget a subscriber (its subscription ended)."""
        _discard(self._by_agency, subscriber.agency_id, subscriber)
        key = self._driver_key(subscriber)
        if key is None:
            _discard(self._wide, subscriber.agency_id, subscriber)
        else:
            _discard(self._by_driver, key, subscriber)

    def settle(self, subscriber: Subscriber) -> Skip | None:
        """A skip over what the hub has seen of the agency since the subscriber's last
        offer (none of it the subscriber's), so that a quiet stream need not read it."""
        seen = self._seen.get(subscriber.agency_id)
        return subscriber.settle(seen) if seen is not None else None

    def _route(self, subscriber: Subscriber) -> set[Subscriber]:
        key = self._driver_key(subscriber)
        if key is None:
            return self._wide.setdefault(subscriber.agency_id, set())
        return self._by_driver.setdefault(key, set())

    @staticmethod
    def _driver_key(subscriber: Subscriber) -> tuple[int, int] | None:
        accept = subscriber.accept
        if isinstance(accept, Audience) and accept.driver_id is not None:
            return (subscriber.agency_id, accept.driver_id)
        return None  # a board, or any other filter: offered every event of the agency

    def poke_all(self) -> None:
        """Every subscriber checks the database for what it may have missed."""
        for group in list(self._by_agency.values()):
            for subscriber in list(group):
                subscriber.poke()

    @property
    def subscribers(self) -> int:
        """How many subscriptions are open in this process."""
        return sum(len(group) for group in self._by_agency.values())

    @property
    def buffered(self) -> int:
        """How many live entries wait in subscribers' buffers (bounded by capacity each)."""
        return sum(len(s) for group in self._by_agency.values() for s in group)


def _discard(index: dict[K, set[Subscriber]], key: K, subscriber: Subscriber) -> None:
    group = index.get(key)
    if group is not None:
        group.discard(subscriber)
        if not group:
            del index[key]


async def latest_seq(agency_id: int) -> int:
    """The agency's highest committed event seq (0 when it has none)."""
    row = await Event.filter(agency_id=agency_id).order_by("-seq").only("id", "seq").first()
    return int(row.seq) if row is not None else 0


async def _read_latest(agency_id: int) -> int:
    return await latest_seq(agency_id)  # looked up when called (tests replace it)


async def _read_range(
    agency_id: int, after: int, upto: int, types: frozenset[str] | None
) -> list[NoticeEvent]:
    qs = Event.filter(agency_id=agency_id, seq__gt=after, seq__lte=upto)
    if types is not None:
        qs = qs.filter(type__in=sorted(types))
    return [of_row(row) for row in await qs.order_by("seq")]


class NoticeStream:
    """The notices of one subscription, exactly once and in cursor order."""

    def __init__(
        self,
        hub: NoticeHub,
        agency_id: int,
        accept: Accept,
        *,
        after: int | None,
        types: frozenset[str] | None = None,
        idle_check: float = 30.0,
    ) -> None:
        self.hub = hub
        self.agency_id = agency_id
        self.accept = accept
        self.types = types
        self.idle_check = idle_check
        self.last: int | None = after  # every seq <= last was delivered or is not ours

    async def __aiter__(self) -> AsyncGenerator[NoticeEvent, None]:
        # Subscribe FIRST, then read the database: nothing committed in between is lost.
        subscriber = self.hub.join(self.agency_id, self.accept)
        try:
            top = await self._position()
            self.last = top if self.last is None else min(self.last, top)
            async for event in self._catch_up(top):
                yield event
            while True:
                await subscriber.wait(self.idle_check)
                if subscriber.overflowed:
                    raise BufferOverflow(self.last)
                entries = subscriber.take()
                look = subscriber.poked or not entries
                subscriber.poked = False
                for entry in entries:
                    async for event in self._deliver(entry):
                        yield event
                if look:
                    # A poke (Redis came back) or a quiet spell: check the database for
                    # what the hub has not seen (what it saw is settled without a read).
                    settled = self.hub.settle(subscriber)
                    if settled is not None:
                        async for event in self._deliver(settled):
                            yield event
                    async for event in self._catch_up(await self._position()):
                        yield event
        finally:
            self.hub.leave(subscriber)

    async def _position(self) -> int:
        """Where the agency stands now (read after this call began)."""
        return await self.hub.reads.latest(self.agency_id)

    async def _deliver(self, entry: NoticeEvent | Skip) -> AsyncIterator[NoticeEvent]:
        assert self.last is not None
        first, upto = (
            (entry.first, entry.upto) if isinstance(entry, Skip) else (entry.seq, entry.seq)
        )
        if upto <= self.last:
            return  # already delivered (published twice, or read from the database)
        if first > self.last + 1:
            # A gap: missed or reordered messages. Everything before `first` is
            # committed (seqs are gapless in commit order), so the database has it.
            async for event in self._catch_up(first - 1):
                yield event
        if isinstance(entry, NoticeEvent) and entry.seq > self.last:
            self.last = entry.seq
            yield entry
        self.last = max(self.last, upto)

    async def _catch_up(self, upto: int) -> AsyncIterator[NoticeEvent]:
        assert self.last is not None
        while self.last < upto:
            chunk = min(upto, self.last + WINDOW)
            for event in await self.hub.reads.between(self.agency_id, self.last, chunk, self.types):
                if event.seq <= self.last:
                    continue
                self.last = event.seq
                if self.accept(event):
                    yield event
            self.last = max(self.last, chunk)
