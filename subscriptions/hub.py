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
import contextlib
import logging
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from dataclasses import dataclass

from broadcaster import Broadcast

from models.audit import Event
from subscriptions.notices import CHANNEL, Accept, NoticeEvent, decode, of_row

log = logging.getLogger(__name__)

DEFAULT_CAPACITY = 1000
PAGE = 500


@dataclass
class Skip:
    """Consecutive events of the agency that this subscriber does not hear of."""

    first: int
    upto: int


class BufferOverflow(Exception):
    """The subscriber did not keep up; `last_seq` is the last position it reached."""

    def __init__(self, last_seq: int) -> None:
        super().__init__(f"buffer overflow after seq {last_seq}")
        self.last_seq = last_seq


class Subscriber:
    """One subscription's bounded buffer of live events (filled by the hub)."""

    def __init__(self, agency_id: int, accept: Accept, capacity: int) -> None:
        self.agency_id = agency_id
        self.accept = accept
        self.capacity = capacity
        self.overflowed = False
        self.poked = False
        self._entries: deque[NoticeEvent | Skip] = deque()
        self._wake = asyncio.Event()

    def __len__(self) -> int:
        return len(self._entries)

    def offer(self, event: NoticeEvent) -> None:
        """Buffer a live event; never blocks (a full buffer ends the subscription)."""
        if self.overflowed:
            return
        entry: NoticeEvent | Skip
        if self.accept(event):
            entry = event
        else:
            tail = self._entries[-1] if self._entries else None
            if isinstance(tail, Skip) and tail.upto + 1 == event.seq:
                tail.upto = event.seq  # runs of others' events cost one entry
                return
            entry = Skip(event.seq, event.seq)
        if len(self._entries) >= self.capacity:
            self.overflowed = True
            self._entries.clear()  # the memory goes now, not when the client leaves
        else:
            self._entries.append(entry)
        self._wake.set()

    def poke(self) -> None:
        """Ask the subscription to look in the database (e.g. after a Redis outage)."""
        self.poked = True
        self._wake.set()

    async def wait(self, idle: float | None = None) -> None:
        """Until an entry, a poke or an overflow arrives (or `idle` seconds pass)."""
        if not self._entries and not self.poked and not self.overflowed:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(idle):
                    await self._wake.wait()
        self._wake.clear()

    def take(self) -> list[NoticeEvent | Skip]:
        """Everything buffered, oldest first."""
        entries = list(self._entries)
        self._entries.clear()
        return entries


class NoticeHub:
    """The process's one listener on the broadcast channel."""

    def __init__(
        self, broadcast: Broadcast, *, channel: str = CHANNEL, capacity: int = DEFAULT_CAPACITY
    ) -> None:
        self.broadcast = broadcast
        self.channel = channel
        self.capacity = capacity
        self._by_agency: dict[int, set[Subscriber]] = {}
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
        """Hand one broadcast message to the subscribers of its agency."""
        try:
            event = decode(message)
        except ValueError:
            log.warning("notice hub: ignoring a malformed message %.80r", message)
            return
        self.received += 1
        for watch in self.watchers:
            watch(event)
        for subscriber in list(self._by_agency.get(event.agency_id, ())):
            subscriber.offer(event)

    def join(self, agency_id: int, accept: Accept) -> Subscriber:
        """A new subscriber, receiving live events from now on."""
        subscriber = Subscriber(agency_id, accept, self.capacity)
        self._by_agency.setdefault(agency_id, set()).add(subscriber)
        return subscriber

    def leave(self, subscriber: Subscriber) -> None:
        """Forget a subscriber (its subscription ended)."""
        group = self._by_agency.get(subscriber.agency_id)
        if group is not None:
            group.discard(subscriber)
            if not group:
                del self._by_agency[subscriber.agency_id]

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


async def latest_seq(agency_id: int) -> int:
    """The agency's highest committed event seq (0 when it has none)."""
    row = await Event.filter(agency_id=agency_id).order_by("-seq").only("id", "seq").first()
    return int(row.seq) if row is not None else 0


async def read_events(
    agency_id: int, after: int, upto: int, types: frozenset[str] | None
) -> AsyncIterator[NoticeEvent]:
    """The agency's events with after < seq <= upto, in seq order, page by page."""
    while after < upto:
        qs = Event.filter(agency_id=agency_id, seq__gt=after, seq__lte=upto)
        if types is not None:
            qs = qs.filter(type__in=sorted(types))
        rows = await qs.order_by("seq").limit(PAGE)
        if not rows:
            return
        for row in rows:
            yield of_row(row)
        after = int(rows[-1].seq)
        if len(rows) < PAGE:
            return


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
            top = await latest_seq(self.agency_id)
            self.last = top if self.last is None else min(self.last, top)
            async for event in self._catch_up(top):
                yield event
            while True:
                await subscriber.wait(self.idle_check)
                if subscriber.overflowed:
                    raise BufferOverflow(self.last)
                entries = subscriber.take()
                if subscriber.poked or not entries:
                    # A poke (Redis came back) or a quiet spell: check the database.
                    subscriber.poked = False
                    async for event in self._catch_up(await latest_seq(self.agency_id)):
                        yield event
                for entry in entries:
                    async for event in self._deliver(entry):
                        yield event
        finally:
            self.hub.leave(subscriber)

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
        async for event in read_events(self.agency_id, self.last, upto, self.types):
            if event.seq <= self.last:
                continue
            self.last = event.seq
            if self.accept(event):
                yield event
        self.last = max(self.last, upto)
