"""A bound on how many waiting tasks go on in one pass of the event loop."""

from __future__ import annotations

import asyncio
import weakref
from collections import deque
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Turns:
    """At most `per_pass` callers go on in one pass of the event loop; the others wait,
    in order, for the next passes.

    A read that a thousand resumers wait for wakes them all in one pass, and each then
    writes its catch-up's frames without waiting: one pass of a second or more, and
    whatever else the process serves (a live notice's next step, a Redis message) waits
    for its end. Let through a few dozen per pass, the storm's work is the same, spread
    over passes short enough for the live notices' steps to come between them. A caller
    under the bound goes on without waiting at all.
    """

    def __init__(self, per_pass: int) -> None:
        self.per_pass = per_pass
        # Each loop its own passes: a process-wide instance outlives the tests' loops,
        # and a loop's callers are only ever let through by a pass of that loop.
        self._loops: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Passes] = (
            weakref.WeakKeyDictionary()
        )

    async def take(self) -> None:
        loop = asyncio.get_running_loop()
        passes = self._loops.get(loop)
        if passes is None:
            for ended in [other for other in self._loops if other.is_closed()]:
                del self._loops[ended]  # what it left waiting or scheduled holds it
            passes = self._loops[loop] = _Passes(self.per_pass)
        if passes.granted < self.per_pass and not passes.waiting:
            passes.granted += 1
            passes.schedule(loop)
            return
        future = loop.create_future()
        passes.waiting.append(future)
        passes.schedule(loop)
        await future  # a caller cancelled meanwhile is passed over


class _Passes:
    """One loop's turns: how many went on in this pass, and who waits for the next."""

    __slots__ = ("granted", "next_pass", "per_pass", "waiting")

    def __init__(self, per_pass: int) -> None:
        self.per_pass = per_pass
        self.granted = 0
        self.waiting: deque[asyncio.Future[None]] = deque()
        self.next_pass: asyncio.Handle | None = None

    def schedule(self, loop: asyncio.AbstractEventLoop) -> None:
        if self.next_pass is None:
            self.next_pass = loop.call_soon(self.run)

    def run(self) -> None:
        self.next_pass = None
        self.granted = 0
        while self.waiting and self.granted < self.per_pass:
            future = self.waiting.popleft()
            if not future.done():
                future.set_result(None)
                self.granted += 1
        if self.waiting or self.granted:
            self.schedule(asyncio.get_running_loop())


ARRIVALS_PER_PASS = 16
"""Steps of arriving subscriptions that go on in one pass of the loop (`ARRIVALS`)."""

ARRIVALS = Turns(ARRIVALS_PER_PASS)
"""The work of subscriptions arriving, for the whole process: a WebSocket connection's
start and each message it sends (its `connection_init`, checked against its token and
the database; its `subscribe`, parsed and validated), an operation's start, and a
catch-up's slices and the frames it writes from another's execution. After a deploy or
a network blip a thousand clients come back at once; each of these steps is short, but a
thousand of them ready together make one pass of the loop last a few hundred
milliseconds, and a live notice takes several passes from Redis to its frames (the
socket read, the hub, the execution, the write). Bounded per pass, the storm's work is
the same, spread over passes of a few milliseconds, and the live notices go on between
them. What a live notice does never takes a turn."""


class AtPassEnd(Generic[T]):
    """Items gathered during one pass of the event loop, handed to `run` at its end in one
    callback (a thousand frames written in one pass: one flush callback, one metric
    increment, not a thousand). Items left by another loop (tests start one per test)
    are handed over as soon as a new loop adds one. One loop runs at a time (the
    server's, or a test's): items added while one runs are taken to be added on it."""

    __slots__ = ("loop", "pending", "run")

    def __init__(self, run: Callable[[list[T]], None]) -> None:
        self.run = run
        self.pending: list[T] = []
        self.loop: asyncio.AbstractEventLoop | None = None

    def add(self, item: T) -> None:
        pending, loop = self.pending, self.loop
        if pending and loop is not None and loop.is_running():
            # This pass's callback is scheduled on the loop that runs: called per frame,
            # this skips get_running_loop (a getpid() syscall each on Python 3.11).
            pending.append(item)
            return
        loop = asyncio.get_running_loop()
        if loop is not self.loop:
            self._end()
            self.loop = loop
        if not self.pending:
            loop.call_soon(self._end)
        self.pending.append(item)

    def _end(self) -> None:
        pending, self.pending = self.pending, []
        if pending:
            self.run(pending)
