"""One broadcast subscription per process, fanned out to bounded per-subscriber buffers.

broadcaster gives every subscriber an unbounded queue and loses the first of two
concurrent first subscribers, and its listener task and the subscriber's queue cost a
message two tasks' turns; so each process subscribes once (`NoticeHub`), is handed the
messages straight from the backend's reader (`subscriptions.broadcast.listening`), and routes
every event of an agency to the `Subscriber`s that hear of it (subscriptions/subscriber.py).
A subscriber's buffer holds at most `capacity` events (and a skip before each): past that
it is marked overflowed
and its subscription ends with an error telling the client to resume with `after`.
`NoticeStream` (subscriptions/stream.py) is one subscription's delivery.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Hashable, Iterable
from typing import Any

from broadcaster import Broadcast

from models.audit import Event
from subscriptions.broadcast import backend_state, listening
from subscriptions.catch_up import SharedReads
from subscriptions.direct import CLAIMS, TOGETHER_MAX, Claims, Together, abandon
from subscriptions.heap import BurstSettler
from subscriptions.notices import CHANNEL, Accept, Audience, NoticeEvent, decode, of_row
from subscriptions.subscriber import BufferOverflow, Seen, Skip, Subscriber, hand_out

__all__ = ["BufferOverflow", "NoticeHub", "NoticeStream", "Subscriber"]

HOLE_GRACE = 0.2
"""Seconds a missing seq may be late before the streams read it from the database."""

log = logging.getLogger(__name__)

DEFAULT_CAPACITY = 1000


class NoticeHub:
    """The process's one listener on the broadcast channel."""

    def __init__(
        self,
        broadcast: Broadcast,
        *,
        channel: str = CHANNEL,
        capacity: int = DEFAULT_CAPACITY,
        direct: bool = True,
        leads: bool = True,
    ) -> None:
        self.broadcast = broadcast
        self.channel = channel
        self.capacity = capacity
        self.direct = direct
        # With `direct`: the hub starts a group's execution of a live event itself (the
        # subscription's sink `leads`), waking no stream (subscriptions/direct.py).
        self.leads = direct and leads
        self._by_agency: dict[int, set[Subscriber]] = {}  # everyone, for pokes and counts
        # Routing: the agency-wide subscribers (boards) by filter, asked once per event
        # for all who share it, and each driver's.
        self._wide: dict[int, dict[Accept, set[Subscriber]]] = {}
        self._by_driver: dict[tuple[int, int], set[Subscriber]] = {}
        self._seen: dict[int, Seen] = {}
        # Catch-ups of the streams of this process, one statement per turn of the loop.
        self.reads = SharedReads(_read_latest, _read_range)
        self._task: asyncio.Task[None] | None = None
        self.received = 0
        # Called with every event of every agency (the open sessions watch access changes).
        self.watchers: list[Callable[[NoticeEvent], None]] = []
        # Called with the events of a read that some subscriber hears, before they are
        # handed out: starts reading what their notices will need (schema/notice_rows.py)
        # and says whether it did.
        self.prefetch: Callable[[list[NoticeEvent]], bool] | None = None
        # After a burst of subscriptions, their objects are collected once (heap.py).
        self.settler = BurstSettler()

    async def start(self) -> None:
        """Subscribe to the channel (returns once subscribed, or Redis is down)."""
        ready = asyncio.Event()
        self._task = asyncio.create_task(self._run(ready), name="notice-hub")
        async with asyncio.timeout(15):
            await ready.wait()

    async def stop(self) -> None:
        """Stop listening (the server is shutting down and closes the subscriptions)."""
        self.settler.stop()
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            await asyncio.wait([task])

    async def _run(self, ready: asyncio.Event) -> None:
        while True:
            try:
                async with listening(self.broadcast, self.channel, self._arrived):
                    ready.set()
                    # Whatever was published while we were not subscribed is in the DB.
                    self.poke_all()
                    await asyncio.Future()  # until the server stops
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("notice hub: broadcast subscription failed; resubscribing")
                await asyncio.sleep(1)

    def _arrived(self, messages: list[str]) -> None:
        """The broadcast messages of one pass of the backend's reader (a commit's events
        come in one read from Redis), handed out together at most BATCH at a time."""
        later = False
        for i in range(0, len(messages), BATCH):
            events = self._decode(messages[i : i + BATCH])
            if self._read_ahead(events) or later:
                # Their reads go out first, and the database answers while the events
                # are handed out, not after the executions ask; what follows waits too.
                asyncio.get_running_loop().call_soon(self._hand_out, events)
                later = True
            else:
                self._hand_out(events)

    def _hand_out(self, events: list[NoticeEvent]) -> None:
        try:
            self._fan_out_all(events)
        except Exception:  # a bug: every stream looks in the database for what it missed
            log.exception("notice hub: fanning out %d events failed", len(events))
            self.poke_all()

    def fan_out(self, *messages: str | bytes) -> None:
        """Hand broadcast messages, in order, to the subscribers that hear of them: the
        agency's wide subscribers and the drivers each names, never every stream of the
        agency. The frames the hub claims for one sharing group from these messages (a
        commit's SlotReleased and MissionCancelled, say) are written in one pass when
        their executions run together (`Together`, subscriptions/direct.py)."""
        self._fan_out_all(self._decode(messages))

    def _fan_out_all(self, events: list[NoticeEvent]) -> None:
        batches: dict[Hashable, list[Claims]] = {}
        for event in events:
            try:
                claimed = self._fan_out(event)
            except Exception:  # the streams find the event in the database (a hole, or idle)
                log.exception("notice hub: fanning out seq %s failed", event.seq)
                continue
            for key, claims in claimed.items():
                batches.setdefault(key, []).append(claims)
        for key, in_order in batches.items():
            if 1 < len(in_order) <= TOGETHER_MAX:
                Together(key, in_order)

    @staticmethod
    def _decode(messages: Iterable[str | bytes]) -> list[NoticeEvent]:
        events = []
        for message in messages:
            try:
                events.append(decode(message))
            except ValueError:
                log.warning("notice hub: ignoring a malformed message %.80r", message)
        return events

    def _read_ahead(self, events: list[NoticeEvent]) -> bool:
        """Whether reads were started for those of `events` a subscriber here hears."""
        if self.prefetch is None:
            return False
        try:
            heard = [event for event in events if self._heard(event)]
            return bool(heard) and self.prefetch(heard)
        except Exception:  # the executions read the rows themselves
            log.exception("notice hub: reading ahead for %d events failed", len(events))
            return False

    def _heard(self, event: NoticeEvent) -> bool:
        agency = event.agency_id
        for driver_id in event.driver_ids:
            if any(s.accept(event) for s in self._by_driver.get((agency, driver_id), ())):
                return True
        return any(accept(event) for accept in self._wide.get(agency, ()))

    def _fan_out(self, event: NoticeEvent) -> dict[Hashable, Claims]:
        self.received += 1
        for watch in self.watchers:
            watch(event)
        agency = event.agency_id
        seen = self._seen.get(agency)
        if seen is None:
            seen = self._seen[agency] = Seen()
        floor = seen.floor(event.seq)
        expected = seen.high + 1
        seen.add(event.seq)
        if event.seq > expected and seen.high >= expected > 0:
            self._watch_hole(agency, expected, event.seq - 1)
        # The drivers it names first: the loop then serves their few streams before the
        # agency's boards (dozens), instead of after every board's frame is written.
        groups: dict[Hashable, Claims | None] = {}
        claimed: dict[Hashable, Claims] = {}
        try:
            for driver_id in event.driver_ids:
                drivers = self._by_driver.get((agency, driver_id))
                if drivers:
                    heard = [s for s in drivers if s.accept(event)]
                    hand_out(heard, event, floor, groups, self.direct)
            for accept, wide in tuple(self._wide.get(agency, {}).items()):
                if accept(event):
                    hand_out(tuple(wide), event, floor, groups, self.direct)
        finally:
            # Also when handing out failed part way: the claims made so far are executed,
            # or taken back after CLAIM_GRACE, never left waiting.
            for key, claims in groups.items():
                if claims is not None and claims.members:
                    event.shared[(CLAIMS, key)] = claims
                    claims.watch()
                    claimed[key] = claims
                    claims.run()  # a group the hub leads: its execution starts now
        return claimed

    def _watch_hole(self, agency_id: int, first: int, upto: int) -> None:
        # Seqs first..upto did not come (yet): lost, or late. A stream they concern would
        # otherwise learn of them only at its next own event or idle check; if they have
        # not come within HOLE_GRACE, every stream of the agency looks in the database.
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # fanned out by hand, outside a loop (tests)
            return
        loop.call_later(HOLE_GRACE, self._check_hole, agency_id, first, upto)

    def _check_hole(self, agency_id: int, first: int, upto: int) -> None:
        seen = self._seen.get(agency_id)
        if seen is None:
            return
        missing = first < seen.start or any(s in seen.holes for s in range(first, upto + 1))
        if missing:
            for subscriber in tuple(self._by_agency.get(agency_id, ())):
                subscriber.poke()

    def join(self, agency_id: int, accept: Accept) -> Subscriber:
        """A new subscriber, receiving live events from now on."""
        seen = self._seen.get(agency_id)
        if seen is None:
            seen = self._seen[agency_id] = Seen()
        subscriber = Subscriber(agency_id, accept, self.capacity, seen)
        self._by_agency.setdefault(agency_id, set()).add(subscriber)
        self._route(subscriber).add(subscriber)
        self.settler.opened_one()
        return subscriber

    def leave(self, subscriber: Subscriber, taken: Iterable[NoticeEvent | Skip] = ()) -> None:
        """Forget a subscriber (its subscription ended); the claims it was to answer by
        executing the events it had buffered, or `taken` and not delivered, are handed
        back at once."""
        if subscriber.sink is not None:
            for event in (*taken, *subscriber.take()):
                if isinstance(event, NoticeEvent):
                    abandon(event, subscriber.sink.key)
        _discard(self._by_agency, subscriber.agency_id, subscriber)
        key = self._driver_key(subscriber)
        if key is None:
            wide = self._wide.get(subscriber.agency_id)
            if wide is not None:
                _discard(wide, subscriber.accept, subscriber)
                if not wide:
                    del self._wide[subscriber.agency_id]
        else:
            _discard(self._by_driver, key, subscriber)

    def heard(self, agency_id: int) -> int | None:
        """The highest seq of the agency the hub has received, while the broadcast is
        connected (else None: ask the database). Seqs commit in order, so every seq up
        to it is committed; a stream that joined before asking is offered every later
        one, or finds it in the database when the hub notices a hole or falls quiet."""
        seen = self._seen.get(agency_id)
        if seen is None or seen.high < seen.start or not self._connected():
            return None
        return seen.high

    def _connected(self) -> bool:
        if self.broadcast is None:
            return True  # fanned out by hand (tests)
        return bool(backend_state(self.broadcast)["state"] == "connected")

    def settle(self, subscriber: Subscriber) -> Skip | None:
        """A skip over what the hub has seen of the agency since the subscriber's last
        offer (none of it the subscriber's), so that a quiet stream need not read it."""
        seen = self._seen.get(subscriber.agency_id)
        return subscriber.settle(seen) if seen is not None else None

    def _route(self, subscriber: Subscriber) -> set[Subscriber]:
        key = self._driver_key(subscriber)
        if key is None:
            wide = self._wide.setdefault(subscriber.agency_id, {})
            return wide.setdefault(subscriber.accept, set())
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
        """How many live entries (events and skips) wait in subscribers' buffers (at most
        twice the capacity each, plus one)."""
        return sum(len(s) for group in self._by_agency.values() for s in group)


def _discard(index: dict[Any, set[Subscriber]], key: Any, subscriber: Subscriber) -> None:
    group = index.get(key)
    if group is not None:
        group.discard(subscriber)
        if not group:
            del index[key]


BATCH = 256
"""At most this many broadcast messages are fanned out together."""


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


from subscriptions.stream import NoticeStream  # noqa: E402  (it needs the hub's names)
