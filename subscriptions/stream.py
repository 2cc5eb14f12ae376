"""One subscription's delivery (`NoticeStream`): subscribe first, replay the database
after the client's cursor, then live events, skipping seqs already delivered and reading
any gap from the database. Seqs are gapless per agency and committed in order, so this
delivers every notice exactly once, in cursor order, even when the broadcast dropped
messages. The hub (`subscriptions/hub.py`) routes the live events to it."""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator, Iterable
from itertools import islice
from typing import TYPE_CHECKING

from subscriptions.catch_up import WINDOW
from subscriptions.direct import COUNTS, abandon
from subscriptions.notices import Accept, NoticeEvent
from subscriptions.subscriber import BufferOverflow, Skip
from subscriptions.turns import ARRIVALS

AHEAD = 64
"""Events of a catch-up or a burst whose executions start together (one batch of loads)."""

if TYPE_CHECKING:
    from subscriptions.direct import Sink
    from subscriptions.hub import NoticeHub


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
        sink: Sink | None = None,
    ) -> None:
        self.hub = hub
        self.agency_id = agency_id
        self.accept = accept
        self.types = types
        self.idle_check = idle_check
        self.sink = sink  # the hub may write its live frames (subscriptions/direct.py)
        self.last: int | None = after  # every seq <= last was delivered or is not ours

    async def __aiter__(self) -> AsyncGenerator[NoticeEvent, None]:
        # Subscribe FIRST, then read the database: nothing committed in between is lost.
        subscriber = self.hub.join(self.agency_id, self.accept)
        subscriber.sink = self.sink
        entries: deque[NoticeEvent | Skip] = deque()
        try:
            top = await self._position(starting=True)
            self.last = top if self.last is None else min(self.last, top)
            async for event in self._catch_up(top):
                yield event
            while True:
                subscriber.park(self.last)
                await subscriber.wait(self.idle_check)
                self.last = subscriber.unpark()  # past the frames the hub wrote meanwhile
                if subscriber.overflowed:
                    raise BufferOverflow(self.last)
                entries = deque(subscriber.take())
                look = subscriber.poked or not entries
                subscriber.poked = False
                while entries:
                    async for event in self._deliver(entries.popleft(), entries):
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
            self.hub.leave(subscriber, entries)  # with what was taken and not delivered

    async def _position(self, *, starting: bool = False) -> int:
        """Where the agency stands now (read after this call began); for a stream that
        starts, what the hub has heard will do (every seq up to it is committed, and the
        hub offers what comes after): a thousand resumers need no read to start."""
        if starting:
            heard = self.hub.heard(self.agency_id)
            if heard is not None and (self.last is None or heard >= self.last):
                return heard
        return await self.hub.reads.latest(self.agency_id)

    async def _deliver(
        self, entry: NoticeEvent | Skip, later: Iterable[NoticeEvent | Skip] = ()
    ) -> AsyncIterator[NoticeEvent]:
        assert self.last is not None
        first, upto = (
            (entry.first, entry.upto) if isinstance(entry, Skip) else (entry.seq, entry.seq)
        )
        if upto <= self.last:
            # Already delivered (published twice, or read from the database): if this
            # stream was to execute it for others, they deliver it themselves now.
            if isinstance(entry, NoticeEvent) and self.sink is not None:
                abandon(entry, self.sink.key)
            return
        if first > self.last + 1:
            # A gap: missed or reordered messages. Everything before `first` is
            # committed (seqs are gapless in commit order), so the database has it.
            async for event in self._catch_up(first - 1):
                yield event
        if isinstance(entry, NoticeEvent) and entry.seq > self.last:
            self.last = entry.seq
            if not await self._written(entry):
                self._ahead(entry, later)  # a burst: the others' executions start too
                yield entry
        self.last = max(self.last, upto)

    async def _catch_up(self, upto: int) -> AsyncIterator[NoticeEvent]:
        assert self.last is not None
        while self.last < upto:
            chunk = min(upto, self.last + WINDOW)
            events = await self.hub.reads.between(self.agency_id, self.last, chunk, self.types)
            for i, event in enumerate(events):
                if event.seq <= self.last:
                    continue
                self.last = event.seq
                if self.accept(event) and not await self._written(event, catching_up=True):
                    self._ahead(event, islice(events, i + 1, None))
                    yield event
            self.last = max(self.last, chunk)

    def _ahead(self, event: NoticeEvent, upcoming: Iterable[NoticeEvent | Skip]) -> None:
        """Before this stream executes `event`, name the next events it will deliver
        (of a catch-up, or of a burst of live ones), up to AHEAD of them, so that their
        executions start with it (schema/shared_execution.py)."""
        if self.sink is None:
            return
        later = []
        for entry in upcoming:
            if isinstance(entry, NoticeEvent) and entry.seq > event.seq and self.accept(entry):
                later.append(entry)
                if len(later) == AHEAD:
                    break
        if later:
            self.sink.ahead(event, later)

    async def _written(self, event: NoticeEvent, *, catching_up: bool = False) -> bool:
        """Whether the event's frame was written from the answer another stream of the
        same sharing group executed (subscriptions/direct.py): a catch-up read by a
        thousand resumers, or a burst of live events, costs one execution each and a
        frame per stream, not a thousand executions' worth of stream handling."""
        sink = self.sink
        if sink is None:
            return False
        answer = sink.answer(event)
        if answer is None:
            return False  # nobody has executed it: this stream does
        if isinstance(answer, str):
            body: str | None = answer
        else:
            body = await answer
            if catching_up:
                # The answer wakes every resumer that waited for it at once: they write
                # their frames a few per pass, the live notices' steps between them.
                await ARRIVALS.take()
        if body is None:
            return False  # the answer has errors: delivered as it would be alone
        try:
            pending = sink.write(body)
            if pending is not None:
                await pending
        except Exception:  # the socket closed: the stream finds out the usual way
            return False
        COUNTS.written += 1
        sink.sent()
        return True
