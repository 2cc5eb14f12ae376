"""NoticeStream and the hub without a socket: gaps filled and duplicates dropped from the
database, bounded buffers, other agencies' events."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from models.agency import Agency
from models.domain import events as ev
from resolvers.clock import FixedClock
from subscriptions.hub import BufferOverflow, NoticeHub, NoticeStream
from subscriptions.memory_backend import InProcessBackend
from subscriptions.notices import NoticeEvent, encode, for_dispatch
from tests.api.live_notices import (
    record,
    status_changed,
    until,
)


def _event(seq: int, agency_id: int = 1) -> NoticeEvent:
    from datetime import UTC, datetime

    return NoticeEvent(
        agency_id=agency_id,
        seq=seq,
        type=ev.MISSION_STATUS_CHANGED,
        occurred_at=datetime(2026, 6, 1, tzinfo=UTC),
        mission_id=1,
        data={"fromStatus": "ASSIGNED", "toStatus": "IN_PROGRESS"},
    )


async def test_the_stream_fills_gaps_and_drops_duplicates_from_the_database(
    db: str, acme: dict[str, Any], clock: FixedClock
) -> None:
    # given: seqs 1..6 committed; the hub will see 1, 4 (twice), 3 and 6 only
    for mission_id in range(1, 7):
        await record(acme["operator"], clock, [status_changed(mission_id)])
    agency: Agency = acme["agency"]
    hub = NoticeHub(broadcast=None, capacity=100)  # type: ignore[arg-type]
    stream = NoticeStream(hub, agency.id, for_dispatch, after=0)
    events = stream.__aiter__()
    got = [(await anext(events)).seq for _ in range(6)]  # the replay from the database
    # when: live duplicates and a gap arrive after the replay
    await record(acme["operator"], clock, [status_changed(7), status_changed(8)])
    for seq in (6, 8, 8, 7):
        hub.fan_out(encode(_event(seq, agency.id)))
    got += [(await anext(events)).seq for _ in range(2)]
    # then
    assert got == [1, 2, 3, 4, 5, 6, 7, 8]
    await events.aclose()
    assert hub.subscribers == 0


async def test_a_full_buffer_frees_its_memory_and_ends_the_stream(
    db: str, acme: dict[str, Any]
) -> None:
    # given
    hub = NoticeHub(broadcast=None, capacity=5)  # type: ignore[arg-type]
    stream = NoticeStream(hub, acme["agency"].id, for_dispatch, after=None)
    events = stream.__aiter__()
    waiting = asyncio.ensure_future(anext(events))
    await until(lambda: hub.subscribers == 1, "the stream joined the hub")
    # when: ten live events while the consumer is busy with none of them
    for seq in range(1, 11):
        hub.fan_out(encode(_event(seq, acme["agency"].id)))
        assert hub.buffered <= 5
    # then
    with pytest.raises(BufferOverflow):
        async with asyncio.timeout(5):
            await waiting
    assert hub.buffered == 0 and hub.subscribers == 0


def test_other_agencies_buffer_nothing() -> None:
    hub = NoticeHub(broadcast=InProcessBackend(), capacity=5)  # type: ignore[arg-type]
    subscriber = hub.join(1, for_dispatch)
    for seq in range(1, 50):
        hub.fan_out(encode(_event(seq, agency_id=2)))
    assert len(subscriber) == 0
