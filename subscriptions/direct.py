"""Live notices written to the socket from the hub's fan-out, not through each stream.

Every subscription's generator costs a task switch, Strawberry's and graphql-core's
stream handling and an execution per notice, though subscribers that share an answer
(`schema/shared_execution.py`) get the very same payload. So when an event reaches a
stream that is *in step* (parked with nothing buffered, and every seq between its last
delivery, or its last claim, and this event vouched for by the hub as not its own), the
hub does not wake it: it *claims* the event for it. One subscriber of each sharing group
(the leader) is woken as before and executes the event; when that shared execution
finishes, the frame of every claimed subscriber is written from its result, the payload's
JSON encoded once, in one pass (a subscriber's claims are written in claim order), and
each stream's position moves on as if it had delivered the notice itself.

A claim that cannot be written (an error in the result, a closed socket, an operation
the client stopped, no execution within CLAIM_GRACE, a leader that had the event already
or left) is handed back with the claims after it: the events go to the front of the
stream's buffer and the stream delivers them the usual way. A stream whose `wait`
returns while claims are pending waits for them first, so order is kept; a
write the server cannot finish at once (the socket's buffer is full) goes on in a task
of its own, and the stream waits for it before anything else is sent: one slow socket
never holds up the others, and its notices buffer up to the usual bound
(SUBSCRIBER_TOO_SLOW past it).

Where the sink can start its subscription's execution itself (`Sink.leads`, switch
`NOTICE_HUB_LEADS`), the leader is claimed like the others and the hub starts the
execution during the fan-out (`Claims.run`): no stream is woken at all, the execution
begins in the pass the event arrived in, not after the leader's way through Strawberry's
stream handling, and the leader's frame goes out with the others'.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine, Hashable, Iterable
from typing import TYPE_CHECKING, Any, Protocol

from subscriptions.notices import shared_get

if TYPE_CHECKING:
    from subscriptions.notices import NoticeEvent
    from subscriptions.subscriber import Subscriber

log = logging.getLogger(__name__)

CLAIMS = "direct-claims"
"""Key (with the sharing key) of an event's claims in its `shared` dict."""

CLAIM_GRACE = 2.0
"""Seconds a claimed event waits for its group's execution before the streams take it back."""


class Counts:
    """How the claims of this process ended (tests and /healthz read them)."""

    __slots__ = ("led", "released", "written")

    def __init__(self) -> None:
        self.written = 0  # frames written from another subscription's execution
        self.released = 0  # claims handed back to their streams
        self.led = 0  # executions the hub started itself, waking no stream


COUNTS = Counts()


class Sink(Protocol):
    """Where a subscription's frames go when the hub writes them (schema/direct_frames.py)."""

    @property
    def key(self) -> Hashable:
        """Subscriptions with equal keys get the same payload for the same event."""

    def alive(self) -> bool:
        """Whether the operation still runs (not stopped by the client or the server)."""

    def write(self, body: str) -> Awaitable[None] | None:
        """Send the frame whose payload's JSON is `body`: None once written, or what
        finishes the write; raises when it cannot be sent."""

    def write_now(self, bodies: list[str]) -> int:
        """Write the frames of the leading `bodies` the socket takes without waiting, to
        the socket now (nothing more for this subscription this pass): how many it took.
        Raises when they cannot be sent."""

    def sent(self, n: int = 1) -> None:
        """`n` notices were delivered by the hub (counted as the stream counts its own)."""

    def answer(self, event: NoticeEvent) -> str | Awaitable[str | None] | None:
        """The payload JSON another subscription of the group executed for this event
        (or what gives it once its execution ends; None then if it has errors), or None
        when none has executed it."""

    def ahead(self, event: NoticeEvent, later: list[NoticeEvent]) -> None:
        """This stream executes `event` and then delivers `later` in order: whoever
        executes `event` for the group may start theirs with it."""

    @property
    def leads(self) -> bool:
        """Whether the hub may start this subscription's execution of a live event (`run`)
        instead of waking its stream to execute it."""

    def run(self, event: NoticeEvent) -> bool:
        """Start the group's execution of `event` as this subscription's stream would; its
        answer reaches the event's claims. False when one runs already; raises when it
        cannot be started."""


class Claims:
    """The subscribers of one sharing group whose frames of one event the hub writes, and
    the payload they share once the group's execution answers it (each member keeps the
    claims it is to write, in order: subscriptions/subscriber.py)."""

    __slots__ = ("body", "event", "leader", "members", "place", "timer", "together")

    def __init__(self, event: NoticeEvent, leader: Sink | None = None) -> None:
        self.event = event
        self.leader = leader  # whose execution the hub starts (`run`), if any
        self.members: list[Subscriber] = []
        self.body: str | None = None
        self.timer: asyncio.TimerHandle | None = None
        self.together: Together | None = None
        self.place = 0  # its event's place among those of its Together

    def watch(self) -> None:
        """Take the claims back if no execution answers them in time."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # fanned out by hand, outside a loop (tests)
            return
        self.timer = loop.call_later(CLAIM_GRACE, self.release)

    def run(self) -> None:
        """Start the group's execution through the leader's sink (once); if it cannot
        start, every member delivers the event itself."""
        leader, self.leader = self.leader, None
        if leader is None:
            return
        try:
            started = leader.run(self.event)
        except Exception:
            log.exception("notices: starting seq %s's execution failed", self.event.seq)
            self.release()
        else:
            COUNTS.led += started

    def release(self) -> None:
        """Every member delivers the event itself."""
        self._stop_timer()
        if self.together is not None:
            self.together.write_held()  # the frames held before this event go first
        for subscriber in self.members:
            subscriber.release_claim(self.event)
        self.members = []

    def deliver(self, body: str) -> None:
        """Every member's frame of the shared payload `body` is written, in one pass (a
        member's waits for the frames it was claimed for before this one); held a moment
        while the group's execution of a later event of the same fan-out runs."""
        self._stop_timer()
        if self.together is not None:
            self.together.take(self, body)
        else:
            self.write(body)

    def write(self, body: str) -> None:
        write_frames([(self, body)])

    @property
    def open(self) -> bool:
        """Neither written nor released yet."""
        return bool(self.members)

    def _stop_timer(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None


TOGETHER_WAIT = 0.05
"""Seconds at most that an event's frames wait for those of a later one to go with them."""

TOGETHER_MAX = 8
"""Events of one fan-out linked at most (a commit's few; a longer burst is not held)."""


class Together:
    """The claims of one sharing group for the events of one fan-out, in event order.

    A commit's events (a SlotReleased, then its MissionCancelled) reach the hub in one
    read and their executions start together (the stream that executes the first names
    the next, `Sink.ahead`). Written as each execution ends, a thousand frames of the
    first event go out in one pass and the second's execution finishes behind that pass's
    thousand socket writes, then writes a thousand more. Held until the later executions
    that are running end (at most TOGETHER_WAIT), both frames of a connection leave in
    one write, connection after connection. Only executions already started are waited
    for, so a claim is never held for one that would start only after its frame is
    written.
    """

    __slots__ = ("claims", "held", "key", "timer")

    def __init__(self, key: Hashable, claims: list[Claims]) -> None:
        self.key = key
        self.claims = claims
        self.held: list[tuple[Claims, str]] = []
        self.timer: asyncio.TimerHandle | None = None
        for place, c in enumerate(claims):
            c.together, c.place = self, place

    def take(self, claims: Claims, body: str) -> None:
        """`claims`' frames: held while a later event's execution runs, else written
        now, after the frames held before them."""
        later = self.claims[claims.place + 1 :]
        if any(c.open and self._answering(c) for c in later):
            self.held.append((claims, body))
            if self.timer is None:
                self.timer = asyncio.get_running_loop().call_later(TOGETHER_WAIT, self.write_held)
            return
        self.write_held((claims, body))

    def write_held(self, last: tuple[Claims, str] | None = None) -> None:
        """The frames held go now (the bound passed, or a later event was released),
        with `last`'s after them: member by member, each member's frames of these events
        in one write to its socket, before the next member's."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        held, self.held = self.held, []
        if last is not None:
            held.append(last)
        write_frames(held)

    def _answering(self, claims: Claims) -> bool:
        # An execution of the later event has started: it runs, or it has just ended and
        # its answer reaches these claims in this same turn of the loop (the callbacks of
        # executions that end together run one after the other: with the rows at hand,
        # the first's would otherwise write a pass of its own just before the second's).
        return shared_get(claims.event, self.key) is not None


def write_frames(answered: list[tuple[Claims, str]]) -> None:
    """The members' frames of these claims, answered with these payloads, member by member:
    each member's frames in claim order and in one write to its socket, before the next
    member's are made, so the first boards' clients read theirs while the last boards'
    are still being written. A member that fails takes its events back; the others' go."""
    for claims, body in answered:
        claims.body = body
    if len(answered) == 1:
        members: Iterable[Subscriber] = answered[0][0].members  # each member once
    else:
        members = dict.fromkeys(m for claims, _ in answered for m in claims.members)
    for claims, _ in answered:
        claims.members = []
    for subscriber in members:
        try:
            subscriber.write_answered()
        except Exception:  # its stream delivers the events itself; the others' go
            log.exception("notices: writing claimed frames failed")
            for claims, _ in answered:
                subscriber.release_claim(claims.event)


def abandon(event: NoticeEvent, key: Hashable) -> None:
    """Nobody will execute `event` for the claims of group `key` (its leader had it
    already, or left): their streams deliver it themselves, now rather than in
    CLAIM_GRACE."""
    claims = event.shared.pop((CLAIMS, key), None)
    if claims is not None:
        claims.release()


class Ended(ConnectionError):
    """The operation ended while its frame waited for the socket: it was not sent."""


def drive(
    coro: Coroutine[Any, Any, None], alive: Callable[[], bool] | None = None
) -> Awaitable[None] | None:
    """Run an ASGI `send` now: None when it finished without waiting (the socket took
    the frame), else a task that finishes it, unless `alive` says the operation ended
    meanwhile (then the send is dropped before it resumes and the task raises `Ended`:
    no frame after the operation's `complete`). Raises what the send raised."""
    try:
        waiting_on = coro.send(None)
    except StopIteration:
        return None
    return asyncio.ensure_future(_finish(coro, waiting_on, alive))


async def _finish(
    coro: Coroutine[Any, Any, None], waiting_on: Any, alive: Callable[[], bool] | None
) -> None:
    # What asyncio's Task does for a coroutine: wait for the future it yielded, resume it.
    try:
        while True:
            if waiting_on is None:
                await asyncio.sleep(0)
            else:
                waiting_on._asyncio_future_blocking = False
                await asyncio.wait([waiting_on])
            if alive is not None and not alive():
                coro.close()
                raise Ended("the operation ended before the socket took its frame")
            waiting_on = coro.send(None)
    except StopIteration:
        return
    except asyncio.CancelledError:
        coro.close()
        raise
