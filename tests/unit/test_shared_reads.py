"""SharedReads: every caller gets all of its range, whatever the others ask meanwhile."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from models.domain import events as ev
from subscriptions.catch_up import WINDOW, SharedReads
from subscriptions.notices import NoticeEvent


def _event(seq: int) -> NoticeEvent:
    return NoticeEvent(1, seq, ev.MISSION_STATUS_CHANGED, datetime(2026, 6, 1, tzinfo=UTC))


async def test_resumers_waiting_their_turn_get_their_whole_range_when_another_replaces_it() -> None:
    reads: list[tuple[int, int]] = []

    async def read_range(agency: int, after: int, upto: int, types: object) -> list[NoticeEvent]:
        reads.append((after, upto))
        await asyncio.sleep(0.001)
        return [_event(s) for s in range(after + 1, upto + 1)]

    async def read_latest(agency: int) -> int:
        return 0

    shared = SharedReads(read_latest, read_range)

    # given a thousand resumers asking for the same range at once (they go on a few dozen
    # per pass of the loop)
    crowd = [asyncio.ensure_future(shared.between(1, 100, 200, None)) for _ in range(1000)]
    # when, meanwhile, a stream asks for a range too far away to be kept with it
    await asyncio.sleep(0.003)
    far = WINDOW * 3
    late = await shared.between(1, far, far + 100, None)

    # then each of the thousand got its hundred events, in order, and so did the late one
    got = await asyncio.gather(*crowd)
    short = [len(g) for g in got if [e.seq for e in g] != list(range(101, 201))]
    assert not short, f"{len(short)} resumers got too few events: {short[:5]}"
    assert [e.seq for e in late] == list(range(far + 1, far + 101))
