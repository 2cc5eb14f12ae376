"""Live notices over WebSocket: who hears what, resuming with a cursor, a subscriber that
falls behind, and the watch command."""

from __future__ import annotations

import asyncio
from typing import Any

from models.agency import Role
from models.domain import events as ev
from resolvers.clock import FixedClock
from subscriptions.notices import encode_cursor
from tests.api.live_notices import (
    BUFFER,
    DISPATCH_QUERY,
    DRIVER_QUERY,
    connected,
    live,
    protocols,
    record,
    status_changed,
    unassigned,
    until,
)
from tests.factories import make_agency, make_user, token


@protocols
async def test_dispatch_notices_arrive_live_for_the_own_agency_only(
    server: Any, acme: dict[str, Any], clock: FixedClock, protocol: str
) -> None:
    # given
    other = await make_agency("Other Agency")
    other_operator = await make_user(other, Role.OPERATOR)
    driver = acme["driver"]
    cm, client = await connected(server, acme["operator"], protocol)
    try:
        await client.subscribe("1", DISPATCH_QUERY)
        await live(server, 1)
        # when
        await record(other_operator, clock, [status_changed()])
        await record(acme["operator"], clock, [unassigned(driver.id)])  # not a dispatch notice
        await record(
            acme["operator"],
            clock,
            [
                status_changed(),
                (
                    ev.SLOT_RELEASED,
                    {
                        "mission_id": 7,
                        "driver_ids": [driver.id],
                        "driverId": driver.id,
                        "start": "2026-06-02T09:00:00+00:00",
                        "end": "2026-06-02T10:00:00+00:00",
                    },
                ),
            ],
        )
        # then
        first = (await client.next_data())["data"]["dispatchNotices"]
        second = (await client.next_data())["data"]["dispatchNotices"]
        assert first["__typename"] == "MissionStatusChangedNotice"
        assert (first["fromStatus"], first["toStatus"]) == ("ASSIGNED", "IN_PROGRESS")
        assert first["cursor"] == encode_cursor(acme["agency"].id, 2)
        assert second["__typename"] == "SlotReleasedNotice"
        assert second["driver"] == {"name": driver.name}
        assert second["from"].startswith("2026-06-02T09:00:00")
        assert second["cursor"] == encode_cursor(acme["agency"].id, 3)
        await client.nothing_for(0.3)
    finally:
        await cm.__aexit__(None, None, None)


async def test_a_driver_hears_only_of_their_own_missions(
    server: Any, acme: dict[str, Any], clock: FixedClock
) -> None:
    # given
    cm, client = await connected(server, acme["driver_user"])
    try:
        await client.subscribe("1", DRIVER_QUERY)
        await live(server, 1)
        # when
        await record(
            acme["operator"],
            clock,
            [
                unassigned(acme["other_driver"].id, 1),
                status_changed(),
                unassigned(acme["driver"].id, 2),
            ],
        )
        # then
        notice = (await client.next_data())["data"]["driverNotices"]
        assert notice["__typename"] == "MissionUnassignedNotice"
        assert notice["cursor"] == encode_cursor(acme["agency"].id, 3)
        await client.nothing_for(0.3)
    finally:
        await cm.__aexit__(None, None, None)


@protocols
async def test_resume_replays_what_was_missed_then_goes_live(
    server: Any, acme: dict[str, Any], clock: FixedClock, protocol: str
) -> None:
    # given: five notices, the client saw the first two
    for mission_id in range(1, 6):
        await record(acme["operator"], clock, [status_changed(mission_id)])
    agency_id = acme["agency"].id
    cm, client = await connected(server, acme["operator"], protocol)
    try:
        # when
        await client.subscribe("1", DISPATCH_QUERY, {"after": encode_cursor(agency_id, 2)})
        replayed = [
            (await client.next_data())["data"]["dispatchNotices"]["cursor"] for _ in range(3)
        ]
        await record(acme["operator"], clock, [status_changed(6)])
        live = (await client.next_data())["data"]["dispatchNotices"]["cursor"]
        # then
        assert replayed == [encode_cursor(agency_id, s) for s in (3, 4, 5)]
        assert live == encode_cursor(agency_id, 6)
        await client.nothing_for(0.3)
    finally:
        await cm.__aexit__(None, None, None)


async def test_a_foreign_cursor_is_refused(server: Any, acme: dict[str, Any]) -> None:
    cm, client = await connected(server, acme["operator"])
    try:
        await client.subscribe(
            "1", DISPATCH_QUERY, {"after": encode_cursor(acme["agency"].id + 1, 1)}
        )
        payload = await client.next_data()
        assert payload["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    finally:
        await cm.__aexit__(None, None, None)


async def test_a_subscriber_that_falls_behind_is_ended_with_a_resume_cursor(
    server: Any, acme: dict[str, Any], clock: FixedClock
) -> None:
    # given: a buffer of BUFFER notices, and a burst of 60 in one commit
    runtime = server.state.runtime
    cm, client = await connected(server, acme["operator"])
    try:
        await client.subscribe("1", DISPATCH_QUERY)
        await live(server, 1)
        received = runtime.hub.received
        # when
        await record(acme["operator"], clock, [status_changed(i) for i in range(60)])
        await until(lambda: runtime.hub.received >= received + 60, "the 60 notices fanned out")
        assert runtime.hub.buffered <= BUFFER
        seen: list[str] = []
        while True:
            message = await client.recv()
            if message["type"] != "next":
                break
            if message["payload"].get("errors"):
                error = message["payload"]["errors"][0]
                break
            seen.append(message["payload"]["data"]["dispatchNotices"]["cursor"])
        # then: an error that says how to resume; nothing stays buffered
        assert error["extensions"]["code"] == "SUBSCRIBER_TOO_SLOW"
        resume = error["extensions"]["after"]
        assert f'after: "{resume}"' in error["message"]
        assert (await client.recv())["type"] == "complete"
        assert runtime.hub.buffered == 0
        assert runtime.hub.subscribers == 0
        # and resuming with that cursor delivers the rest, none twice
        await client.subscribe("2", DISPATCH_QUERY, {"after": resume})
        rest = [
            (await client.next_data())["data"]["dispatchNotices"]["cursor"]
            for _ in range(60 - len(seen))
        ]
        assert seen + rest == [encode_cursor(acme["agency"].id, s) for s in range(1, 61)]
    finally:
        await cm.__aexit__(None, None, None)


async def test_the_watch_command_prints_one_json_line_per_notice(
    server: Any, acme: dict[str, Any], clock: FixedClock
) -> None:
    # given
    import json
    import sys

    from tests.e2e.servers import ROOT

    watcher = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "subscriptions.watch",
        "--url",
        server.state.url,
        "--token",
        token(acme["operator"]),
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await live(server, 1)
        # when
        driver = acme["driver"]
        slot = {
            "driverId": driver.id,
            "start": "2026-06-02T09:00:00+00:00",
            "end": "2026-06-02T10:00:00+00:00",
        }
        await record(acme["operator"], clock, [(ev.SLOT_RELEASED, {"mission_id": 7, **slot})])
        assert watcher.stdout is not None
        line = await asyncio.wait_for(watcher.stdout.readline(), 10)
        # then
        notice = json.loads(line)
        assert notice["__typename"] == "SlotReleasedNotice"
        assert notice["driver"]["name"] == driver.name
        assert notice["cursor"] == encode_cursor(acme["agency"].id, 1)
    finally:
        watcher.terminate()
        await asyncio.wait_for(watcher.wait(), 10)
