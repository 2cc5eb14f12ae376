"""A reconnect storm: hundreds of apps resume at once with `after`; their catch-ups share
the process's reads of the events table, and each still gets exactly its notices."""

from __future__ import annotations

import asyncio
import random
from typing import Any

import pytest

from resolvers.clock import FixedClock
from subscriptions.hub import NoticeHub, NoticeStream, latest_seq
from subscriptions.notices import Audience, for_dispatch, for_driver
from tests.api.live_notices import record, status_changed, unassigned, until
from tests.sqlcount import count_statements

DRIVERS = (101, 102, 103)


async def _collect(stream: NoticeStream, got: list[int]) -> None:
    async for event in stream:
        got.append(event.seq)


def _arrived(got: list[list[int]], want: list[list[int]]) -> Any:
    return lambda: all(len(g) >= len(w) for g, w in zip(got, want, strict=True))


@pytest.mark.parametrize("resumers", [30, 300])
async def test_resumers_share_their_catch_up_reads_and_each_gets_its_own_notices(
    db: str, acme: dict[str, Any], clock: FixedClock, resumers: int
) -> None:
    # given: 120 committed events, for the board and for three drivers
    agency_id = acme["agency"].id
    start = await latest_seq(agency_id)
    rng = random.Random(resumers)
    kinds: list[Any] = [rng.choice(("board", *DRIVERS)) for _ in range(120)]
    await record(
        acme["operator"],
        clock,
        [status_changed(3) if k == "board" else unassigned(k) for k in kinds],
    )
    top = start + len(kinds)
    audiences: list[Audience] = [
        for_dispatch if i % 3 == 0 else for_driver(DRIVERS[i % 3]) for i in range(resumers)
    ]
    afters = [rng.randint(top - 100, top - 10) for _ in range(resumers)]
    want = [
        [s for s, k in enumerate(kinds, start + 1) if s > after and a(_probe(k, s, agency_id))]
        for a, after in zip(audiences, afters, strict=True)
    ]
    got: list[list[int]] = [[] for _ in range(resumers)]
    hub = NoticeHub(broadcast=None, capacity=1000)  # type: ignore[arg-type]
    # when: all of them resume at once
    with count_statements() as statements:
        tasks = [
            asyncio.ensure_future(
                _collect(NoticeStream(hub, agency_id, a, after=after, idle_check=60), g)
            )
            for a, after, g in zip(audiences, afters, got, strict=True)
        ]
        await until(_arrived(got, want), "every resumer caught up", 20)
    for task in tasks:
        task.cancel()
    await asyncio.wait(tasks)
    # then: each got exactly its notices in order, and the process read the events table
    # a few times in all (where it stands, and one range per kind of stream), not per resumer
    assert got == want
    assert len(statements) <= 4, statements


def _probe(kind: Any, seq: int, agency_id: int) -> Any:
    from datetime import UTC, datetime

    from models.domain import events as ev
    from subscriptions.notices import NoticeEvent

    board = kind == "board"
    return NoticeEvent(
        agency_id=agency_id,
        seq=seq,
        type=ev.MISSION_STATUS_CHANGED if board else ev.DRIVER_UNASSIGNED,
        occurred_at=datetime(2026, 6, 1, tzinfo=UTC),
        driver_ids=() if board else (kind,),
    )


async def test_what_one_stream_executed_for_a_replayed_notice_serves_others_only_briefly(
    db: str, acme: dict[str, Any], clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from subscriptions import notices

    monkeypatch.setattr(notices, "SHARED_FOR", 0.2)
    # given: two boards resuming from the same cursor get the same replayed event
    agency_id = acme["agency"].id
    top = await latest_seq(agency_id)
    await record(acme["operator"], clock, [status_changed(3)])
    hub = NoticeHub(broadcast=None, capacity=10)  # type: ignore[arg-type]
    one = NoticeStream(hub, agency_id, for_dispatch, after=top, idle_check=60).__aiter__()
    two = NoticeStream(hub, agency_id, for_dispatch, after=top, idle_check=60).__aiter__()
    first, second = await asyncio.gather(anext(one), anext(two))
    assert first is second
    # when: the first board's execution of it is kept on the event
    notices.shared_put(first, "execution", "as of now")
    # then: a board that sends it at once shares it; one that sends it later does not
    assert notices.shared_get(second, "execution") == "as of now"
    await asyncio.sleep(0.25)
    assert notices.shared_get(second, "execution") is None
    await one.aclose()
    await two.aclose()


async def test_resumers_start_from_what_the_hub_heard_without_asking_where_the_agency_stands(
    db: str, acme: dict[str, Any], clock: FixedClock
) -> None:
    from subscriptions.notices import encode

    # given: 60 committed events, the last of which the hub has heard
    agency_id = acme["agency"].id
    start = await latest_seq(agency_id)
    await record(acme["operator"], clock, [status_changed(3)] * 60)
    top = start + 60
    hub = NoticeHub(broadcast=None, capacity=1000)  # type: ignore[arg-type]
    hub.fan_out(encode(_probe("board", top, agency_id)))
    afters = [top - 50 + i % 40 for i in range(200)]
    want = [list(range(after + 1, top + 1)) for after in afters]
    got: list[list[int]] = [[] for _ in afters]

    # when: 200 boards resume at once
    with count_statements() as statements:
        tasks = [
            asyncio.ensure_future(
                _collect(NoticeStream(hub, agency_id, for_dispatch, after=a, idle_check=60), g)
            )
            for a, g in zip(afters, got, strict=True)
        ]
        await until(_arrived(got, want), "every resumer caught up", 20)
    for task in tasks:
        task.cancel()
    await asyncio.wait(tasks)

    # then: each got its notices, and the only read of the events table was their range
    assert got == want
    assert len(statements) == 1 and '"seq">' in statements[0], statements


async def test_a_client_ahead_of_what_the_hub_heard_gets_nothing_twice(
    db: str, acme: dict[str, Any], clock: FixedClock
) -> None:
    from subscriptions.notices import encode

    # given: the hub heard up to `heard`; three more events committed, whose messages are
    # late; a client got the first two of them from another server
    agency_id = acme["agency"].id
    await record(acme["operator"], clock, [status_changed(3)])
    heard = await latest_seq(agency_id)
    hub = NoticeHub(broadcast=None, capacity=1000)  # type: ignore[arg-type]
    hub.fan_out(encode(_probe("board", heard, agency_id)))
    await record(acme["operator"], clock, [status_changed(3)] * 3)
    got: list[int] = []

    # when: it resumes here after the second, and the late messages arrive meanwhile
    task = asyncio.ensure_future(
        _collect(NoticeStream(hub, agency_id, for_dispatch, after=heard + 2, idle_check=60), got)
    )
    await until(lambda: hub.subscribers == 1, "the stream joined")
    for seq in (heard + 1, heard + 2, heard + 3):
        hub.fan_out(encode(_probe("board", seq, agency_id)))
    await until(lambda: len(got) >= 1, "the third")
    await asyncio.sleep(0.1)
    task.cancel()
    await asyncio.wait([task])

    # then: it gets the third only, once
    assert got == [heard + 3]
