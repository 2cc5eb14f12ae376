"""Reads of the events table shared by every stream of a process.

After a deploy or a network blip a thousand apps resume at once, each with its `after`;
after a Redis outage every open stream looks in the database for what it missed. Each
asks two things: where its agency stands now (`latest`), and the events between its
position and there (`between`). Asked one by one, that is two statements per stream.

Here, the streams that ask in the same turn of the event loop share one statement:
`latest` is read once for all of them (by a read that starts after each one asked, so
it is never older than the question), and `between` is served from a window of the
agency's recent events kept in memory, read once for every range that the askers of a
turn need. Events are immutable once committed and seqs are gapless in commit order,
so a range (after, upto] read with upto at or below a committed seq is complete for
good: the window never has to be read again. The streams served the same event share
it, and with it what one of them executed or loaded for it, for `SHARED_FOR` seconds
(`subscriptions/notices.py`); later ones execute afresh, so a notice's rows are never
older than that.
"""

from __future__ import annotations

import asyncio
import bisect
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from subscriptions.notices import SHARED_FOR, NoticeEvent
from subscriptions.turns import ARRIVALS

Types = frozenset[str] | None
ReadLatest = Callable[[int], Awaitable[int]]
ReadRange = Callable[[int, int, int, Types], Awaitable[list[NoticeEvent]]]

WINDOW = 5_000
"""Events kept per agency and event-type set; the widest range one call may ask for."""
WINDOWS = 64
"""Windows kept (agency and event-type set), least recently used dropped first."""
FRESH = SHARED_FOR
"""An event's kept executions older than this are dropped when it is handed out again
(they would not be used: the memory goes)."""


def _retrieve(future: asyncio.Future[Any]) -> None:
    # Every asker may have left (cancelled): the outcome is then nobody's, and not an error.
    if not future.cancelled():
        future.exception()


class _Window:
    """The events of one agency (and type set) in (lo, hi], all of them, seq order."""

    def __init__(self) -> None:
        self.lo = self.hi = 0
        self.seqs: list[int] = []
        self.events: list[NoticeEvent] = []
        self.shared_since: dict[int, float] = {}
        self.wants: list[tuple[int, int]] = []
        self.filling: asyncio.Future[None] | None = None

    def covers(self, after: int, upto: int) -> bool:
        return self.lo <= after and upto <= self.hi

    def slice(self, after: int, upto: int) -> list[NoticeEvent]:
        i = bisect.bisect_right(self.seqs, after)
        j = bisect.bisect_right(self.seqs, upto)
        found = self.events[i:j]
        now = time.monotonic()
        since = self.shared_since
        for event in found:
            if now - since.get(event.seq, -FRESH) >= FRESH:
                event.shared.clear()  # what was executed for it is too old to share
                since[event.seq] = now
        return found

    def add(self, lo: int, hi: int, events: list[NoticeEvent]) -> None:
        """Take the complete range (lo, hi]; keep what it touches of the old one."""
        if hi < self.lo or lo > self.hi or max(hi, self.hi) - min(lo, self.lo) > WINDOW:
            self.lo, self.hi = lo, hi
            self.events = list(events)
        else:
            by_seq = {e.seq: e for e in self.events}
            by_seq.update((e.seq, e) for e in events)
            self.lo, self.hi = min(lo, self.lo), max(hi, self.hi)
            self.events = [by_seq[s] for s in sorted(by_seq)]
        self.seqs = [e.seq for e in self.events]
        kept = set(self.seqs)
        self.shared_since = {s: t for s, t in self.shared_since.items() if s in kept}


class SharedReads:
    """`latest` and `between`, each one statement per turn of the loop, not per stream."""

    def __init__(self, read_latest: ReadLatest, read_range: ReadRange) -> None:
        self._read_latest = read_latest
        self._read_range = read_range
        self._latest: dict[int, asyncio.Future[int]] = {}
        self._windows: OrderedDict[tuple[int, Types], _Window] = OrderedDict()
        self.statements = 0  # reads sent, for tests and the health page

    async def latest(self, agency_id: int) -> int:
        """The agency's highest committed seq, read after this call began."""
        future = self._latest.get(agency_id)
        if future is None:
            future = self._latest[agency_id] = asyncio.ensure_future(self._latest_of(agency_id))
            future.add_done_callback(_retrieve)
        return await asyncio.shield(future)

    async def _latest_of(self, agency_id: int) -> int:
        try:
            await asyncio.sleep(0)  # the other streams of this turn ask too
        finally:
            # From now on the read may be sent: a later asker needs a read of its own.
            del self._latest[agency_id]
        self.statements += 1
        return await self._read_latest(agency_id)

    async def between(
        self, agency_id: int, after: int, upto: int, types: Types
    ) -> list[NoticeEvent]:
        """The agency's events with after < seq <= upto (of `types`), in seq order."""
        if upto <= after:
            return []
        if upto - after > WINDOW:
            raise ValueError(f"ask for at most {WINDOW} seqs at a time, not {upto - after}")
        window = self._window(agency_id, types)
        while True:
            while not window.covers(after, upto):
                window.wants.append((after, upto))
                if window.filling is None:
                    window.filling = asyncio.ensure_future(self._fill(agency_id, types, window))
                    window.filling.add_done_callback(_retrieve)
                await asyncio.shield(window.filling)
            # What the caller does with them goes a few at a time, with the other arrivals.
            await ARRIVALS.take()
            # While it waited its turn another range may have replaced the window's: the
            # slice is taken only of a window that still holds the whole range.
            if window.covers(after, upto):
                return window.slice(after, upto)

    def _window(self, agency_id: int, types: Types) -> _Window:
        key = (agency_id, types)
        window = self._windows.get(key)
        if window is None:
            window = self._windows[key] = _Window()
            if len(self._windows) > WINDOWS:
                self._windows.popitem(last=False)
        else:
            self._windows.move_to_end(key)
        return window

    async def _fill(self, agency_id: int, types: Types, window: _Window) -> None:
        # One fill at a time: who asks while it reads waits for it, then looks again.
        try:
            await asyncio.sleep(0)  # the other streams of this turn say what they need
            wants, window.wants = window.wants, []
            await self._read_into(agency_id, types, window, wants)
        finally:
            window.filling = None

    async def _read_into(
        self, agency_id: int, types: Types, window: _Window, wants: list[tuple[int, int]]
    ) -> None:
        # One range for as many askers as fit in a window (the rest ask again).
        wants.sort()
        lo = wants[0][0]
        hi = max(u for _, u in wants if u - lo <= WINDOW)
        read_lo, read_hi = lo, hi
        if window.lo <= lo <= window.hi < hi:
            read_lo = window.hi  # only the part past what is kept
        elif lo < window.lo <= hi <= window.hi:
            read_hi = window.lo  # only the part before it
        self.statements += 1
        events = await self._read_range(agency_id, read_lo, read_hi, types)
        window.add(read_lo, read_hi, events)
