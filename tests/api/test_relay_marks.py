"""The publisher moves the relay marks over what it published: the relay then publishes
nothing a second time, and never skips what was not published."""

from __future__ import annotations

import asyncio
from typing import Any

from models.agency import Agency
from models.audit import Event, RelayMark
from resolvers.clock import FixedClock
from subscriptions.broadcast import make_broadcast
from subscriptions.notices import CHANNEL, decode
from subscriptions.publisher import Publisher
from subscriptions.relay import Relay, ensure_marks
from tests.api.live_notices import record, status_changed, until


async def _mark(agency: Agency) -> int:
    mark = await RelayMark.get(agency_id=agency.id)
    return mark.published_seq


async def _mark_reaches(agency: Agency, seq: int, within: float = 5) -> int:
    """Poll the agency's mark until it stands at `seq` (or `within` seconds pass)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    mark = await _mark(agency)
    while mark != seq and loop.time() < deadline:
        await asyncio.sleep(0.01)  # the mark is a row: nothing to wait on but time
        mark = await _mark(agency)
    return mark


async def test_published_events_move_the_mark_so_the_relay_publishes_nothing_twice(
    db: str, acme: dict[str, Any], clock: FixedClock
) -> None:
    # given: seqs 1..3 committed, marks at 0, a publisher over an in-process broadcast
    broadcast = make_broadcast("memory://")
    await broadcast.connect()
    agency: Agency = acme["agency"]
    await ensure_marks()
    for mission_id in (1, 2, 3):
        await record(acme["operator"], clock, [status_changed(mission_id)])
    rows = await Event.filter(agency_id=agency.id).order_by("seq")
    publisher = Publisher(broadcast)
    await publisher.start()
    try:
        async with broadcast.subscribe(CHANNEL) as subscriber:
            # when: two commits' events reach the publisher, as the outbox listener hands them
            await publisher.events_committed(rows[:2])
            await publisher.events_committed(rows[2:])
            heard = [(await anext(aiter(subscriber))).message for _ in range(3)]
            # then: the mark follows, and the relay's next pass publishes nothing again
            assert await _mark_reaches(agency, 3) == 3
            assert await Relay(broadcast).relay_once() == 0
    finally:
        await publisher.stop()
        await broadcast.disconnect()
    assert [decode(message).seq for message in heard] == [1, 2, 3]


async def test_a_gap_in_what_was_published_stops_the_mark_and_the_relay_fills_it(
    db: str, acme: dict[str, Any], clock: FixedClock
) -> None:
    # given: seqs 1..3 committed, the publisher hears only of 1 and 3 (2 dropped)
    broadcast = make_broadcast("memory://")
    await broadcast.connect()
    agency: Agency = acme["agency"]
    await ensure_marks()
    for mission_id in (1, 2, 3):
        await record(acme["operator"], clock, [status_changed(mission_id)])
    rows = await Event.filter(agency_id=agency.id).order_by("seq")
    publisher = Publisher(broadcast)
    await publisher.start()
    try:
        # when
        await publisher.events_committed([rows[0], rows[2]])
        await until(lambda: publisher.published == 2, "the publisher to publish")
    finally:
        await publisher.stop()
    # then: the mark stops before the gap, and the relay publishes 2 and 3 from there
    assert await _mark(agency) == 1
    relay = Relay(broadcast)
    assert await relay.relay_once() == 2
    assert await _mark(agency) == 3
    await broadcast.disconnect()
