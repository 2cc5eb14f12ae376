"""The publisher moves the relay marks over what it published: the relay then publishes
nothing a second time, and never skips what was not published."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from broadcaster import Broadcast

from models.agency import Agency
from models.audit import Event, RelayMark
from resolvers.clock import FixedClock
from subscriptions.broadcast import make_broadcast
from subscriptions.notices import CHANNEL, decode
from subscriptions.publisher import Publisher
from subscriptions.relay import Relay, ensure_marks
from tests.api.live_notices import record, status_changed, until
from tests.e2e.notice_watchers import until as eventually


async def _mark(agency: Agency) -> int:
    mark = await RelayMark.get(agency_id=agency.id)
    return mark.published_seq


async def _mark_reaches(agency: Agency, seq: int) -> None:
    """Until the agency's mark stands at `seq` (a row: nothing to wait on but time)."""

    async def there() -> bool:
        return await _mark(agency) == seq

    await eventually(there, within=5, what=f"the relay mark at {seq}")


@contextlib.asynccontextmanager
async def _three_committed(
    acme: dict[str, Any], clock: FixedClock
) -> AsyncIterator[tuple[Broadcast, Publisher, list[Event]]]:
    """Seqs 1..3 committed with the marks at 0; a publisher over an in-process broadcast
    that nobody has handed them to yet (no app runs: the test hands them over)."""
    broadcast = make_broadcast("memory://")
    await broadcast.connect()
    await ensure_marks()
    for mission_id in (1, 2, 3):
        await record(acme["operator"], clock, [status_changed(mission_id)])
    rows = await Event.filter(agency_id=acme["agency"].id).order_by("seq")
    publisher = Publisher(broadcast)
    await publisher.start()
    try:
        yield broadcast, publisher, rows
    finally:
        await publisher.stop()
        await broadcast.disconnect()


async def test_published_events_move_the_mark_so_the_relay_publishes_nothing_twice(
    db: str, acme: dict[str, Any], clock: FixedClock
) -> None:
    # given
    agency: Agency = acme["agency"]
    async with (
        _three_committed(acme, clock) as (broadcast, publisher, rows),
        broadcast.subscribe(CHANNEL) as subscriber,
    ):
        # when: two commits' events reach the publisher, as the outbox listener hands them
        await publisher.events_committed(rows[:2])
        await publisher.events_committed(rows[2:])
        heard = []
        async for message in subscriber:
            heard.append(message.message)
            if len(heard) == 3:
                break
        # then: the mark follows, and the relay's next pass publishes nothing again
        await _mark_reaches(agency, 3)
        assert await _mark(agency) == 3
        assert await Relay(broadcast).relay_once() == 0
    assert [decode(message).seq for message in heard] == [1, 2, 3]


async def test_a_gap_in_what_was_published_stops_the_mark_and_the_relay_fills_it(
    db: str, acme: dict[str, Any], clock: FixedClock
) -> None:
    # given: the publisher hears only of seqs 1 and 3 (2 was dropped)
    agency: Agency = acme["agency"]
    async with _three_committed(acme, clock) as (broadcast, publisher, rows):
        # when
        await publisher.events_committed([rows[0], rows[2]])
        await until(lambda: publisher.published == 2, "the publisher to publish")
        # then: the mark stops before the gap, and the relay publishes 2 and 3 from there
        await _mark_reaches(agency, 1)
        assert await _mark(agency) == 1
        assert await Relay(broadcast).relay_once() == 2
        assert await _mark(agency) == 3
