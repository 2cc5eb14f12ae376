"""Live notices over WebSocket, in-process: uvicorn in the test's loop, memory:// broadcast.

Events are written through `run_command` + `uow.record(...)` and published by the
runtime's outbox listener, exactly as a mutation's would be.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterable
from datetime import timedelta
from typing import Any

import pytest
import uvicorn
from websockets.exceptions import InvalidStatus

import dispatch
from models.agency import Agency, Role, User
from models.config import Settings
from models.domain import events as ev
from resolvers.clock import FixedClock
from resolvers.unit_of_work import UnitOfWork, run_command
from subscriptions import hub as hub_module
from subscriptions.hub import BufferOverflow, NoticeHub, NoticeStream
from subscriptions.memory_backend import InProcessBackend
from subscriptions.notices import NoticeEvent, encode, encode_cursor, for_dispatch
from tests.conftest import TEST_SECRET
from tests.e2e.servers import LEGACY_WS, TRANSPORT_WS, WsClient, free_port
from tests.factories import make_agency, make_driver, make_user, scope_of, token

ALLOWED = "https://board.example.com"
BUFFER = 8

DISPATCH_QUERY = """
subscription($after: String) {
  dispatchNotices(after: $after) {
    __typename
    ... on Notice { cursor occurredAt }
    ... on MissionStatusChangedNotice { fromStatus toStatus }
    ... on SlotReleasedNotice { driver { name } from to missionId }
  }
}"""

DRIVER_QUERY = """
subscription($after: String) {
  driverNotices(after: $after) {
    __typename
    ... on MissionUnassignedNotice { cursor missionId }
  }
}"""

protocols = pytest.mark.parametrize("protocol", [TRANSPORT_WS, LEGACY_WS])


@pytest.fixture
async def server(db: str, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Any]:
    """The real app behind a real uvicorn socket, in the test's event loop.

    `app.state.positioned` counts the streams that have read where their agency stands
    (`latest_seq`): from then on a new commit reaches them (see `live`).
    """
    monkeypatch.setattr(dispatch, "CONNECTION_INIT_TIMEOUT", timedelta(seconds=0.5))
    positioned = [0]
    latest_seq = hub_module.latest_seq

    async def counted_latest_seq(agency_id: int) -> int:
        seq = await latest_seq(agency_id)
        positioned[0] += 1
        return seq

    monkeypatch.setattr(hub_module, "latest_seq", counted_latest_seq)
    settings = Settings.from_env(
        {
            "DATABASE_URL": db,
            "DISPATCH_SECRET": TEST_SECRET,
            "BROADCAST_URL": "memory://",
            "ALLOWED_ORIGINS": ALLOWED,
            "NOTICE_BUFFER": str(BUFFER),
        }
    )
    app = dispatch.create_app(settings, clock=clock, manage_database=False)
    port = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        lifespan="off",
        ws="websockets-sansio",
        log_level="warning",
    )
    uv = uvicorn.Server(config)
    async with app.router.lifespan_context(app):
        task = asyncio.create_task(uv.serve())
        for _ in range(500):  # uvicorn has no "started" event to await
            if uv.started:
                break
            await asyncio.sleep(0.02)
        assert uv.started, "uvicorn did not start"
        app.state.url = f"ws://127.0.0.1:{port}/graphql"
        app.state.positioned = positioned
        try:
            yield app
        finally:
            uv.should_exit = True
            async with asyncio.timeout(10):
                await task


@pytest.fixture
async def acme() -> dict[str, Any]:
    agency = await make_agency()
    driver = await make_driver(agency)
    other_driver = await make_driver(agency, "Otto Other")
    return {
        "agency": agency,
        "operator": await make_user(agency, Role.OPERATOR),
        "reporter": await make_user(agency, Role.REPORTER),
        "driver": driver,
        "driver_user": await make_user(agency, Role.DRIVER, driver=driver),
        "other_driver": other_driver,
        "other_driver_user": await make_user(agency, Role.DRIVER, driver=other_driver),
    }


async def record(
    user: User, clock: FixedClock, items: Iterable[tuple[str, dict[str, Any]]]
) -> None:
    """Commit audit events as `user` (published after commit by the runtime)."""

    async def work(uow: UnitOfWork) -> None:
        for type_, kwargs in items:
            uow.record(type_, **kwargs)

    await run_command(scope_of(user), clock, work)


def status_changed(mission_id: int = 7) -> tuple[str, dict[str, Any]]:
    return ev.MISSION_STATUS_CHANGED, {
        "mission_id": mission_id,
        "fromStatus": "ASSIGNED",
        "toStatus": "IN_PROGRESS",
    }


def unassigned(driver_id: int, mission_id: int = 9) -> tuple[str, dict[str, Any]]:
    return ev.DRIVER_UNASSIGNED, {
        "mission_id": mission_id,
        "driver_ids": [driver_id],
        "driverId": driver_id,
    }


async def until(condition: Callable[[], bool], what: str, within: float = 5) -> None:
    """Poll `condition` until it holds; fail the test after `within` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not condition():
        if loop.time() > deadline:
            pytest.fail(f"timed out after {within}s waiting for {what}")
        await asyncio.sleep(0.005)


async def live(server: Any, subscriptions: int) -> None:
    """Until `subscriptions` streams are registered with the hub and positioned: a notice
    committed from now on reaches each of them (one committed before could be counted as
    already seen by a stream that started without a cursor)."""
    hub = server.state.runtime.hub
    await until(
        lambda: hub.subscribers >= subscriptions and server.state.positioned[0] >= subscriptions,
        f"{subscriptions} live subscriptions (hub has {hub.subscribers})",
    )


async def connected(server: Any, user: User, protocol: str = TRANSPORT_WS) -> Any:
    client_cm = WsClient.connect(server.state.url, protocol)
    client = await client_cm.__aenter__()
    ack = await client.init(token(user))
    assert ack["type"] == "connection_ack", ack
    return client_cm, client


# ----------------------------------------------------------------- connection


@protocols
async def test_a_bad_token_is_closed_with_4403(server: Any, protocol: str) -> None:
    # given / when
    async with WsClient.connect(server.state.url, protocol) as client:
        await client.send({"type": "connection_init", "payload": {"authorization": "Bearer nope"}})
        # then
        assert await client.closed_code() == 4403


@protocols
async def test_no_connection_init_is_closed_with_4408(server: Any, protocol: str) -> None:
    # given / when: the client says nothing
    async with WsClient.connect(server.state.url, protocol) as client:
        # then
        assert await client.closed_code(within=5) == 4408


async def test_a_cross_origin_handshake_is_refused(server: Any) -> None:
    # when / then
    with pytest.raises(InvalidStatus) as refused:
        async with WsClient.connect(server.state.url, origin="https://evil.example.org"):
            pass
    assert refused.value.response.status_code == 403


async def test_an_allowed_origin_may_connect(server: Any, acme: dict[str, Any]) -> None:
    async with WsClient.connect(server.state.url, origin=ALLOWED) as client:
        assert (await client.init(token(acme["operator"])))["type"] == "connection_ack"


@pytest.mark.parametrize(
    ("who", "query"),
    [("reporter", DISPATCH_QUERY), ("operator", DRIVER_QUERY)],
    ids=["reporter-dispatchNotices", "operator-driverNotices"],
)
async def test_a_role_not_allowed_gets_forbidden(
    server: Any, acme: dict[str, Any], who: str, query: str
) -> None:
    cm, client = await connected(server, acme[who])
    try:
        # when
        await client.subscribe("1", query)
        message = await client.recv()
        # then
        assert message["type"] == "error", message
        assert message["payload"][0]["extensions"]["code"] == "FORBIDDEN"
    finally:
        await cm.__aexit__(None, None, None)


# ----------------------------------------------------------------- delivery


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


# ----------------------------------------------------------------- the stream


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


async def test_many_subscribers_of_one_live_event_cost_one_read_of_its_rows(
    server: Any, acme: dict[str, Any], clock: FixedClock
) -> None:
    from tests.sqlcount import count_statements

    # given five dispatch boards subscribed to the same agency
    driver = acme["driver"]
    clients = [await connected(server, acme["operator"]) for _ in range(5)]
    try:
        for i, (_, client) in enumerate(clients):
            await client.subscribe(str(i), DISPATCH_QUERY)
        await live(server, 5)
        slot = {
            "mission_id": 7,
            "driver_ids": [driver.id],
            "driverId": driver.id,
            "start": "2026-06-02T09:00:00+00:00",
            "end": "2026-06-02T10:00:00+00:00",
        }

        # when one slot is released
        with count_statements() as statements:
            await record(acme["operator"], clock, [(ev.SLOT_RELEASED, slot)])
            notices = [(await c.next_data())["data"]["dispatchNotices"] for _, c in clients]

        # then every board hears of it, and the driver's row was read once for all five
        assert [n["driver"] for n in notices] == [{"name": driver.name}] * 5
        assert len(statements.matching('FROM "driver"')) == 1
    finally:
        for cm, _ in clients:
            await cm.__aexit__(None, None, None)


async def test_identical_subscriptions_share_one_execution_of_each_live_event(
    server: Any, acme: dict[str, Any], clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

    # given four boards with the same subscription, and one with a different document
    executions: list[str] = []
    original = StrawberryGraphQLCoreExecutionContext.execute_operation

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        executions.append(self.operation.operation.value)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(StrawberryGraphQLCoreExecutionContext, "execute_operation", counted)
    other_query = DISPATCH_QUERY.replace("__typename", "__typename ... on Notice { cursor }", 1)
    clients = [await connected(server, acme["operator"]) for _ in range(5)]
    try:
        for i, (_, client) in enumerate(clients):
            await client.subscribe(str(i), other_query if i == 4 else DISPATCH_QUERY)
        await live(server, 5)
        executions.clear()

        # when one live event arrives
        await record(acme["operator"], clock, [status_changed()])
        notices = [(await c.next_data())["data"]["dispatchNotices"] for _, c in clients]

        # then all five are told, with two executions: one per distinct document
        assert {n["toStatus"] for n in notices} == {"IN_PROGRESS"}
        assert executions.count("subscription") == 2
    finally:
        for cm, _ in clients:
            await cm.__aexit__(None, None, None)


async def test_a_failing_notice_stream_is_masked_and_logged(
    server: Any, acme: dict[str, Any], monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    import json
    import logging

    from subscriptions import hub

    # given a database failure while the stream looks up where the agency stands
    async def broken(agency_id: int) -> int:
        raise RuntimeError('connection lost while running SELECT seq FROM "event"')

    monkeypatch.setattr(hub, "latest_seq", broken)
    cm, client = await connected(server, acme["operator"])
    try:
        # when a board subscribes
        with caplog.at_level(logging.ERROR, logger="dispatch.errors"):
            await client.subscribe("1", DISPATCH_QUERY)
            message = await client.recv()

        # then the client is told to resubscribe, without the database's words
        text = json.dumps(message)
        assert "Internal error" in text and "SELECT" not in text
        assert any("notice stream failed" in r.getMessage() for r in caplog.records)
    finally:
        await cm.__aexit__(None, None, None)
