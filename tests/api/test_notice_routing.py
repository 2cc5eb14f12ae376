"""The hub routes an event to the streams that hear of it (the agency's boards, the drivers
it names), and each stream still gets every one of its notices exactly once, in cursor
order, whatever order the broadcast delivers them in and whatever it drops."""

from __future__ import annotations

import asyncio
import random
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from models.domain import events as ev
from resolvers.clock import FixedClock
from subscriptions.hub import NoticeHub, NoticeStream, latest_seq
from subscriptions.notices import NoticeEvent, encode, for_dispatch, for_driver
from subscriptions.subscriber import Skip
from tests.api.live_notices import record, status_changed, unassigned, until
from tests.sqlcount import count_statements

DRIVERS = (101, 102, 103)


def _unassigned(seq: int, driver_id: int, agency_id: int = 1) -> NoticeEvent:
    return NoticeEvent(
        agency_id=agency_id,
        seq=seq,
        type=ev.DRIVER_UNASSIGNED,
        occurred_at=datetime(2026, 6, 1, tzinfo=UTC),
        mission_id=9,
        driver_ids=(driver_id,),
        data={"driverId": driver_id},
    )


def test_an_event_wakes_only_the_streams_that_hear_of_it() -> None:
    # given: a board and two drivers' apps of agency 1
    hub = NoticeHub(broadcast=None, capacity=1000)  # type: ignore[arg-type]
    board = hub.join(1, for_dispatch)
    dana, otto = hub.join(1, for_driver(101)), hub.join(1, for_driver(102))
    # when: 200 events about Otto, then one about Dana
    for seq in range(1, 201):
        hub.fan_out(encode(_unassigned(seq, 102)))
    hub.fan_out(encode(_unassigned(201, 101)))
    # then: Dana's buffer holds her event after one skip over Otto's; the board (which
    # does not show unassignments) was offered nothing; Otto got his 200
    entries = dana.take()
    assert [type(e) for e in entries] == [Skip, NoticeEvent]
    assert (entries[0].first, entries[0].upto) == (1, 200)  # type: ignore[union-attr]
    assert entries[1].seq == 201  # type: ignore[union-attr]
    assert len(board) == 0 and len(otto) == 200
    # and a quiet board settles everything the hub saw without reading the database
    settled = hub.settle(board)
    assert settled is not None and (settled.first, settled.upto) == (1, 201)


def test_interleaved_events_fill_a_buffer_only_with_their_own() -> None:
    # given: Dana's app with room for 3 notices, her events each after one of Otto's
    hub = NoticeHub(broadcast=None, capacity=3)  # type: ignore[arg-type]
    dana = hub.join(1, for_driver(101))
    # when: three of hers, each following one of his
    for seq in range(1, 7):
        hub.fan_out(encode(_unassigned(seq, 102 if seq % 2 else 101)))
    # then: her three fit (each with its skip), and a fourth of hers overflows the buffer
    assert not dana.overflowed and len(dana) == 6
    hub.fan_out(encode(_unassigned(7, 102)))
    hub.fan_out(encode(_unassigned(8, 101)))
    assert dana.overflowed and len(dana) == 0


async def test_the_driver_an_event_names_is_served_before_the_agencys_boards() -> None:
    # given: fifty boards and Dana's app, each waiting for its next notice
    hub = NoticeHub(broadcast=None, capacity=1000)  # type: ignore[arg-type]
    boards = [hub.join(1, for_dispatch) for _ in range(50)]
    dana = hub.join(1, for_driver(101))
    woken: list[str] = []

    async def wait(name: str, subscriber: Any) -> None:
        await subscriber.wait()
        woken.append(name)

    waiting = [asyncio.ensure_future(wait("board", b)) for b in boards]
    waiting.append(asyncio.ensure_future(wait("dana", dana)))
    await asyncio.sleep(0)
    # when: one of her missions is cancelled (an event for the boards and for her)
    hub.fan_out(encode(replace(_unassigned(1, 101), type=ev.MISSION_CANCELLED)))
    await asyncio.gather(*waiting)
    # then: her stream resumes first, not behind fifty boards' frames; all got it
    assert woken[0] == "dana" and len(woken) == 51
    assert all(len(s) == 1 for s in [*boards, dana])


async def _collect(stream: NoticeStream, got: list[int]) -> None:
    async for event in stream:
        got.append(event.seq)


def _joined(hub: NoticeHub, n: int) -> Any:
    return lambda: hub.subscribers == n


def _arrived(got: dict[Any, list[int]], want: dict[Any, list[int]]) -> Any:
    return lambda: all(len(got[k]) >= len(want[k]) for k in want)


async def test_every_stream_gets_its_own_notices_once_in_order_whatever_the_broadcast_does(
    db: str, acme: dict[str, Any], clock: FixedClock
) -> None:
    rng = random.Random(20261201)
    agency_id = acme["agency"].id
    seq = await latest_seq(agency_id)
    for trial in range(12):
        # given: a board and three drivers' apps, live from the current position
        hub = NoticeHub(broadcast=None, capacity=1000)  # type: ignore[arg-type]
        audiences = {"board": for_dispatch, **{d: for_driver(d) for d in DRIVERS}}
        streams = {
            k: NoticeStream(hub, agency_id, a, after=None, idle_check=0.05)
            for k, a in audiences.items()
        }
        kinds = [rng.choice(("board", *DRIVERS)) for _ in range(30)]
        want = {k: [seq + 1 + i for i, kind in enumerate(kinds) if kind == k] for k in audiences}
        got: dict[Any, list[int]] = {k: [] for k in audiences}
        tasks = [asyncio.ensure_future(_collect(streams[k], got[k])) for k in audiences]
        await until(_joined(hub, len(audiences)), "every stream joined")
        await asyncio.sleep(0.05)  # every stream has read its starting position
        # when: 30 events commit; the broadcast delivers them shuffled, some twice, some
        # never (the database has them)
        for kind in kinds:
            item = status_changed(3) if kind == "board" else unassigned(int(kind))
            await record(acme["operator"], clock, [item])
        published = [
            NoticeEvent(
                agency_id=agency_id,
                seq=seq + 1 + i,
                type=ev.MISSION_STATUS_CHANGED if kind == "board" else ev.DRIVER_UNASSIGNED,
                occurred_at=datetime(2026, 6, 1, tzinfo=UTC),
                mission_id=3 if kind == "board" else 9,
                driver_ids=() if kind == "board" else (int(kind),),
                data={"fromStatus": "ASSIGNED", "toStatus": "IN_PROGRESS"},
            )
            for i, kind in enumerate(kinds)
            if rng.random() > 0.2
        ]
        published += rng.sample(published, k=len(published) // 5)
        rng.shuffle(published)
        for event in published:
            hub.fan_out(encode(event))
            if rng.random() < 0.3:
                await asyncio.sleep(0)
        # then: each stream gets exactly its notices, in cursor order, and nothing more
        arrived = _arrived(got, want)
        await until(arrived, "every notice", 10)
        await asyncio.sleep(0.2)  # a few idle checks: nothing else arrives
        for task in tasks:
            task.cancel()
        await asyncio.wait(tasks)
        for k in audiences:
            assert got[k] == want[k], (trial, k, kinds)
        assert hub.subscribers == 0
        seq += len(kinds)


async def test_a_drivers_stream_reads_nothing_for_events_the_hub_saw_in_order(
    db: str, acme: dict[str, Any], clock: FixedClock
) -> None:
    # given: Dana's app is live
    hub = NoticeHub(broadcast=None, capacity=1000)  # type: ignore[arg-type]
    agency_id = acme["agency"].id
    stream = NoticeStream(hub, agency_id, for_driver(101), after=None, idle_check=60)
    events = stream.__aiter__()
    first = asyncio.ensure_future(anext(events))
    await until(lambda: hub.subscribers == 1, "the stream joined")
    await asyncio.sleep(0.05)
    # when: 100 events about Otto and then one about Dana commit and arrive in order
    top = await latest_seq(agency_id)
    await record(acme["operator"], clock, [unassigned(102)] * 100 + [unassigned(101)])
    with count_statements() as statements:
        for seq in range(top + 1, top + 101):
            hub.fan_out(encode(_unassigned(seq, 102, agency_id)))
        hub.fan_out(encode(_unassigned(top + 101, 101, agency_id)))
        async with asyncio.timeout(5):
            notice = await first
    # then: her notice arrives without a read of the 100 she does not hear of
    assert notice.seq == top + 101 and notice.driver_ids == (101,)
    assert statements == []
    await events.aclose()


async def test_a_lost_message_reaches_its_driver_soon_even_when_nothing_else_does(
    db: str, acme: dict[str, Any], clock: FixedClock
) -> None:
    # given: Dana's app is live and checks the database on its own only once a minute
    hub = NoticeHub(broadcast=None, capacity=1000)  # type: ignore[arg-type]
    agency_id = acme["agency"].id
    stream = NoticeStream(hub, agency_id, for_driver(101), after=None, idle_check=60)
    events = stream.__aiter__()
    first = asyncio.ensure_future(anext(events))
    await until(lambda: hub.subscribers == 1, "the stream joined")
    await asyncio.sleep(0.05)
    top = await latest_seq(agency_id)
    await record(acme["operator"], clock, [unassigned(102), unassigned(101), unassigned(102)])
    # when: the broadcast delivers Otto's two events but loses Dana's, between them
    hub.fan_out(encode(_unassigned(top + 1, 102, agency_id)))
    hub.fan_out(encode(_unassigned(top + 3, 102, agency_id)))
    # then: her notice arrives within a second, read from the database
    async with asyncio.timeout(2):
        notice = await first
    assert notice.seq == top + 2 and notice.driver_ids == (101,)
    await events.aclose()


async def test_a_fan_out_that_fails_sends_every_stream_to_the_database() -> None:
    # given: Dana's app, and a hub whose fan-out of the next batch breaks (a bug)
    hub = NoticeHub(broadcast=None, capacity=1000)  # type: ignore[arg-type]
    dana = hub.join(1, for_driver(101))
    broken = [True]
    fan_out_all = hub._fan_out_all

    def breaks_once(events: list[NoticeEvent]) -> None:
        if broken.pop() if broken else False:
            raise RuntimeError("a bug in the fan-out")
        fan_out_all(events)

    hub._fan_out_all = breaks_once  # type: ignore[method-assign]
    # when: the broadcast hands it a batch, then another
    hub._arrived([encode(_unassigned(1, 101))])
    assert dana.poked  # then: she looks in the database for the one lost
    dana.poked = False
    hub._arrived([encode(_unassigned(2, 101))])
    # and the next batch is handed out as usual
    assert [e.seq for e in dana.take() if isinstance(e, NoticeEvent)] == [2]
    assert not dana.poked
