"""One subscription's bounded buffer, and what the hub knows it has seen of an agency.

The hub offers an event only to the subscribers that hear of it (`NoticeHub.fan_out`
routes by agency and driver). A subscriber still has to know that the seqs it was not
offered were not its own, or it would read every gap from the database: so with each
event it is offered, it also gets a `Skip` over the seqs just before it that the hub
has seen since it joined (`Seen.floor`). A seq the hub has not seen (published late,
or lost with a Redis outage) is never covered by a skip: the stream reads it from the
database, so nothing is lost and nothing arrives twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from subscriptions.direct import COUNTS
from subscriptions.notices import Accept, NoticeEvent

if TYPE_CHECKING:
    from subscriptions.direct import Sink

MAX_HOLES = 1_000
"""Seqs the hub waits for at most, per agency, before it stops vouching for older ones."""


@dataclass
class Skip:
    """Consecutive seqs of the agency that this subscriber does not hear of."""

    first: int
    upto: int


class Claim:
    """An event whose frame the hub writes for a stream: its payload once answered."""

    __slots__ = ("body", "event", "writing")

    def __init__(self, event: NoticeEvent) -> None:
        self.event = event
        self.body: str | None = None
        self.writing = False  # the socket is taking it (a write that had to wait)


class BufferOverflow(Exception):
    """The subscriber did not keep up; `last_seq` is the last position it reached."""

    def __init__(self, last_seq: int) -> None:
        super().__init__(f"buffer overflow after seq {last_seq}")
        self.last_seq = last_seq


class Seen:
    """The seqs of one agency this process's hub has received since it subscribed:
    every seq from `start` to `high`, except the `holes` (not received yet)."""

    __slots__ = ("high", "holes", "start")

    def __init__(self) -> None:
        self.start = 0  # nothing seen yet: `high` < `start`
        self.high = -1
        self.holes: set[int] = set()

    def floor(self, seq: int) -> int:
        """The lowest `a` such that every seq in [a, seq) was seen (`seq` when none)."""
        if seq <= self.start or seq > self.high + 1:
            return seq
        below = [h for h in self.holes if h < seq] if self.holes else ()
        return max(below) + 1 if below else self.start

    def covered_upto(self, seq: int) -> int:
        """The highest `c >= seq` such that every seq in (seq, c] was seen."""
        if seq + 1 < self.start or seq >= self.high:
            return seq
        above = [h for h in self.holes if h > seq] if self.holes else ()
        return min(above) - 1 if above else self.high

    def add(self, seq: int) -> None:
        if self.high < self.start:
            self.start = self.high = seq
        elif seq == self.high + 1:
            self.high = seq
        elif seq > self.high:
            if seq - self.high - 1 + len(self.holes) > MAX_HOLES:
                self.start, self.holes = seq, set()  # too far behind: vouch from here on
            else:
                self.holes.update(range(self.high + 1, seq))
            self.high = seq
        else:
            self.holes.discard(seq)  # a late one (or a duplicate)


class Subscriber:
    """One subscription's bounded buffer of live events (filled by the hub).

    `capacity` bounds the events buffered; the skips between them do not count (runs of
    them merge, so there is at most one before each event, and one after the last): a
    driver whose every event follows others' fills up after `capacity` of its own, not
    after half as many.
    """

    def __init__(self, agency_id: int, accept: Accept, capacity: int, seen: Seen) -> None:
        self.agency_id = agency_id
        self.accept = accept
        self.capacity = capacity
        self.overflowed = False
        self.poked = False
        # Every seq up to here was offered (as an event or a skip) or came before the
        # subscriber joined (the stream reads those from the database).
        self.offered_upto = max(seen.high, 0)
        self._entries: deque[NoticeEvent | Skip] = deque()
        self._events = 0  # how many of the entries are events
        self._wake = asyncio.Event()
        # Written from the hub's fan-out (subscriptions/direct.py): where its frames go,
        # the stream's position while it is parked in `wait` (None otherwise), and the
        # events whose frames the hub writes for it, in order.
        self.sink: Sink | None = None
        self.position: int | None = None
        self._claims: deque[Claim] = deque()
        self._claims_settled: asyncio.Future[None] | None = None
        # A frame the hub wrote is no quiet spell: it puts off the idle check.
        self._quiet_since = 0.0  # the loop's time of the wait's start or last frame written
        self._loop: asyncio.AbstractEventLoop | None = None  # the stream's (of its `wait`)

    def __len__(self) -> int:
        return len(self._entries)

    def offer(self, event: NoticeEvent, floor: int) -> None:
        """Buffer a live event heard by this subscriber, after a skip over the seqs from
        `floor` (all seen by the hub, none of them this subscriber's) up to it."""
        if self.overflowed:
            return
        first = max(floor, self.offered_upto + 1)
        if first < event.seq:
            self._skip(first, event.seq - 1)
        self._append(event)
        self.offered_upto = max(self.offered_upto, event.seq)
        self._wake.set()

    def settle(self, seen: Seen) -> Skip | None:
        """With nothing buffered: a skip over the seqs seen since the last offer."""
        if self._entries or self.overflowed:
            return None
        upto = seen.covered_upto(self.offered_upto)
        if upto <= self.offered_upto:
            return None
        skip = Skip(self.offered_upto + 1, upto)
        self.offered_upto = upto
        return skip

    def _skip(self, first: int, upto: int) -> None:
        tail = self._entries[-1] if self._entries else None
        if isinstance(tail, Skip) and tail.upto + 1 >= first:
            tail.upto = max(tail.upto, upto)  # runs of others' events cost one entry
        else:
            self._append(Skip(first, upto))

    def _append(self, entry: NoticeEvent | Skip) -> None:
        if self.overflowed:
            return
        if isinstance(entry, Skip):
            self._entries.append(entry)  # only after an event, or first: bounded by them
        elif self._events >= self.capacity:
            self.overflowed = True
            self._entries.clear()  # the memory goes now, not when the client leaves
            self._events = 0
        else:
            self._entries.append(entry)
            self._events += 1

    def in_step(self, event: NoticeEvent, floor: int) -> bool:
        """Whether the hub may write this event's frame for the stream: it is parked with
        nothing buffered, and every seq between its position (or its last claim) and the
        event is one the hub saw and did not offer it."""
        position = self.position
        if position is None or self._entries or self.poked or self.overflowed:
            return False
        claims = self._claims
        if claims and (claims[0].writing or len(claims) >= self.capacity):
            # A frame the socket has not taken yet: what follows is buffered as usual,
            # so a client that stops reading ends with SUBSCRIBER_TOO_SLOW.
            return False
        base = claims[-1].event.seq if claims else position
        return base < event.seq and max(floor, self.offered_upto + 1) <= base + 1

    def take_claim(self, event: NoticeEvent) -> None:
        """The hub will write this event's frame (`in_step` said it may), after the frames
        of the events claimed before it."""
        self._claims.append(Claim(event))
        self.offered_upto = max(self.offered_upto, event.seq)

    def answer_claim(self, event: NoticeEvent, body: str) -> None:
        """The payload of a claimed event, its frame written by `write_answered`."""
        for claim in self._claims:
            if claim.event is event:
                claim.body = body
                return

    def write_answered(self) -> None:
        """The frames of the claims answered, in claim order up to the first that is not,
        to the socket now (nothing more for this subscriber this pass)."""
        self._write_claims()
        if self.sink is not None:
            self.sink.flush()

    def release_claim(self, event: NoticeEvent) -> None:
        """A claimed frame cannot be written: the stream delivers that event itself, and
        every event claimed after it, first (the ones before it are still written)."""
        claims = self._claims
        i = next((i for i, c in enumerate(claims) if c.event is event and not c.writing), None)
        if i is None:
            return
        released = [claims.pop() for _ in range(len(claims) - i)][::-1]
        COUNTS.released += len(released)
        if not self.overflowed:
            # Between consecutive claims every seq was vouched for: skips, not reads.
            before = claims[-1].event.seq if claims else self.position
            entries: list[NoticeEvent | Skip] = []
            for claim in released:
                seq = claim.event.seq
                if before is not None and before + 1 < seq:
                    entries.append(Skip(before + 1, seq - 1))
                entries.append(claim.event)
                before = seq
            self._entries.extendleft(reversed(entries))
            self._events += len(released)
            if self._events > self.capacity:  # claims and buffer together: too far behind
                self.overflowed = True
                self._entries.clear()
                self._events = 0
        self._settle_claims()
        self._wake.set()

    def _write_claims(self) -> None:
        # In claim order: the first one's frame, once answered, then the next.
        claims = self._claims
        sink, alive = self.sink, False
        while claims and not claims[0].writing:
            claim = claims[0]
            body = claim.body
            if body is None:
                return  # not answered yet
            # Asked once per call: nothing in this loop ends the operation.
            if sink is None or not (alive or sink.alive()):
                self.release_claim(claim.event)
                return
            alive = True
            try:
                pending = sink.write(body)
            except Exception:  # the socket closed: the stream finds out the usual way
                self.release_claim(claim.event)
                return
            if pending is not None:
                claim.writing = True
                asyncio.ensure_future(pending).add_done_callback(
                    functools.partial(self._written_later, claim)
                )
                return
            self._claim_written(claim)

    def _written_later(self, claim: Claim, done: asyncio.Future[None]) -> None:
        claim.writing = False
        if done.cancelled() or done.exception() is not None:
            self.release_claim(claim.event)
        else:
            self._claim_written(claim)
            self._write_claims()

    def _claim_written(self, claim: Claim) -> None:
        self._claims.popleft()
        COUNTS.written += 1
        if self.position is not None:
            self.position = max(self.position, claim.event.seq)
        if self.sink is not None:
            self.sink.sent()
        loop = self._loop  # looked up per frame, get_running_loop costs a syscall on 3.11
        if loop is None or not loop.is_running():
            loop = self._loop = asyncio.get_running_loop()
        self._quiet_since = loop.time()  # not idle: see `wait`
        if not self._claims:
            self._settle_claims()

    def _settle_claims(self) -> None:
        settled, self._claims_settled = self._claims_settled, None
        if settled is not None and not settled.done():
            settled.set_result(None)

    def park(self, position: int) -> None:
        """The stream waits for live events, having delivered everything up to `position`."""
        self.position = position

    def unpark(self) -> int:
        """The stream goes on: its position (moved on by the frames the hub wrote)."""
        position, self.position = self.position, None
        assert position is not None
        return position

    def poke(self) -> None:
        """Ask the subscription to look in the database (e.g. after a Redis outage)."""
        self.poked = True
        self._wake.set()

    async def wait(self, idle: float | None = None) -> None:
        """Until an entry, a poke or an overflow arrives (or `idle` seconds pass)."""
        if not self._entries and not self.poked and not self.overflowed:
            # Frames the hub writes meanwhile are not a quiet spell: the deadline moves on
            # when it comes (a timer rescheduled per frame cost a tenth of the fan-out).
            loop = self._loop = asyncio.get_running_loop()
            self._quiet_since = loop.time()
            while True:
                deadline = None if idle is None else self._quiet_since + idle
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout_at(deadline):
                        await self._wake.wait()
                if self._wake.is_set() or idle is None:
                    break
                if loop.time() >= self._quiet_since + idle:
                    break  # quiet since the deadline was set: idle
        self._wake.clear()
        while self._claims:
            # The hub is writing frames for this stream: they go out first.
            settled = self._claims_settled = asyncio.get_running_loop().create_future()
            await settled

    def take(self) -> list[NoticeEvent | Skip]:
        """Everything buffered, oldest first."""
        entries = list(self._entries)
        self._entries.clear()
        self._events = 0
        return entries
