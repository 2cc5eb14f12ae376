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
from collections import deque
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from subscriptions.direct import COUNTS, Claims
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

    # Slots: the hub reads a handful of these per subscriber per event, for a thousand.
    __slots__ = (
        "_claims",
        "_claims_settled",
        "_entries",
        "_events",
        "_loop",
        "_quiet_since",
        "_wake",
        "_writing",
        "accept",
        "agency_id",
        "capacity",
        "offered_upto",
        "overflowed",
        "poked",
        "position",
        "sink",
    )

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
        # events whose frames the hub writes for it, in order: each its sharing group's
        # claims, the payload shared by every member once answered.
        self.sink: Sink | None = None
        self.position: int | None = None
        self._claims: deque[Claims] = deque()
        self._writing = False  # the socket is taking the first claim's frame (it had to wait)
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

    def write_answered(self) -> None:
        """The frames of the claims answered, in claim order up to the first that is not,
        to the socket now (nothing more for this subscriber this pass)."""
        claims = self._claims
        if self._writing or not claims or claims[0].body is None:
            return
        sink = self.sink
        if sink is None or not sink.alive():
            self.release_claim(claims[0].event)
            return
        bodies = [claims[0].body]
        if len(claims) > 1:
            for claim in islice(claims, 1, None):
                if claim.body is None:
                    break
                bodies.append(claim.body)
        try:
            now = sink.write_now(bodies)
        except Exception:  # the socket closed: the stream finds out the usual way
            self.release_claim(claims[0].event)
            return
        if now:
            self._claims_written(now)
        if now < len(bodies):
            self._write_claims()  # the socket's buffer is full: they go as it drains

    def release_claim(self, event: NoticeEvent) -> None:
        """A claimed frame cannot be written: the stream delivers that event itself, and
        every event claimed after it, first (the ones before it are still written)."""
        claims = self._claims
        i = next((i for i, c in enumerate(claims) if c.event is event), None)
        if i is None or (i == 0 and self._writing):
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
        # In claim order, one by one, through the sink's `write`, which may wait: the
        # first one's frame, once answered, then the next.
        claims = self._claims
        sink, alive = self.sink, False
        while claims and not self._writing:
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
                self._writing = True
                asyncio.ensure_future(pending).add_done_callback(self._written_later)
                return
            self._claims_written(1)

    def _written_later(self, done: asyncio.Future[None]) -> None:
        self._writing = False
        if done.cancelled() or done.exception() is not None:
            if self._claims:
                self.release_claim(self._claims[0].event)
        else:
            self._claims_written(1)
            self._write_claims()

    def _claims_written(self, n: int) -> None:
        """The first `n` claims' frames were written."""
        claims = self._claims
        last = claims.popleft()
        for _ in range(n - 1):
            last = claims.popleft()
        COUNTS.written += n
        seq = last.event.seq
        if self.position is not None and self.position < seq:
            self.position = seq
        if self.sink is not None:
            self.sink.sent(n)
        loop = self._loop  # looked up per frame, get_running_loop costs a syscall on 3.11
        if loop is None or not loop.is_running():
            loop = self._loop = asyncio.get_running_loop()
        self._quiet_since = loop.time()  # not idle: see `wait`
        if not claims and self._claims_settled is not None:
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


def hand_out(
    subscribers: Iterable[Subscriber],
    event: NoticeEvent,
    floor: int,
    groups: dict[Hashable, Claims | None],
    direct: bool,
) -> None:
    """Give `event` to each of `subscribers` (all of whom hear of it), after a skip from
    `floor` (`Seen.floor`).

    One that is *in step* with a sink (`direct`) is not woken: it is parked with nothing
    buffered, its socket is not holding a frame back, and every seq between its position
    (or its last claim) and the event was seen by the hub and not offered to it. The
    first of each sharing group (`groups`, by sink key: None while it alone leads) is
    offered the event and executes it; the event is claimed for the others, who get
    their frames written from that execution (subscriptions/direct.py). When the first's
    sink `leads`, it is claimed too, the group's `Claims` naming it the leader: the hub
    starts the execution through its sink and wakes nobody. Any other is offered the
    event as usual. One loop over a thousand boards, not three calls each.
    """
    seq = event.seq
    for subscriber in subscribers:
        sink = subscriber.sink
        position = subscriber.position
        if (
            direct
            and sink is not None
            and position is not None
            and not subscriber._entries
            and not subscriber.poked
            and not subscriber.overflowed
        ):
            claims = subscriber._claims
            if not claims:
                base = position
            elif subscriber._writing or len(claims) >= subscriber.capacity:
                # A frame the socket has not taken yet: what follows is buffered as usual,
                # so a client that stops reading ends with SUBSCRIBER_TOO_SLOW.
                base = seq
            else:
                base = claims[-1].event.seq
            if base < seq and floor <= base + 1 and subscriber.offered_upto <= base:
                key = sink.key
                group = groups.get(key)
                if group is None and key in groups:
                    group = groups[key] = Claims(event)
                elif group is None and sink.leads and sink.alive():
                    group = groups[key] = Claims(event, sink)  # the hub starts it: claimed too
                if group is not None:
                    # After the frames of the events claimed before; one whose operation
                    # has just ended takes the event back when its frame is to be written.
                    claims.append(group)
                    subscriber.offered_upto = seq
                    group.members.append(subscriber)
                    continue
                if sink.alive():
                    groups[key] = None  # this one leads: it executes the event
        subscriber.offer(event, floor)
