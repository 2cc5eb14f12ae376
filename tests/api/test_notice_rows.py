"""A notice's rows, read as its event arrives when notices of its type needed them lately
(schema/notice_rows.py), and only for events someone in this process hears."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

import schema.notice_rows as notice_rows
from models.domain import events as ev
from models.people import Driver
from schema.notice_rows import NoticeRows
from subscriptions.hub import NoticeHub
from subscriptions.notices import NoticeEvent, encode, for_dispatch, for_driver, shared_get
from tests.factories import make_agency, make_driver
from tests.sqlcount import count_statements


def _slot_released(agency_id: int, seq: int, driver_id: int) -> NoticeEvent:
    return NoticeEvent(
        agency_id=agency_id,
        seq=seq,
        type=ev.SLOT_RELEASED,
        occurred_at=datetime(2026, 6, 1, tzinfo=UTC),
        mission_id=100 + seq,
        driver_ids=(driver_id,),
        data={"driverId": driver_id, "start": "2026-06-01T08:00:00+00:00"},
    )


async def _row(event: NoticeEvent, driver_id: int) -> Any:
    future = shared_get(event, (Driver, driver_id))
    assert future is not None, "nothing was read ahead for this event"
    return await asyncio.shield(future)


async def test_the_rows_a_type_of_notice_asked_for_are_read_as_its_next_events_arrive(
    db: str, acme: dict[str, Any]
) -> None:
    agency, dana, otto = acme["agency"], acme["driver"], acme["other_driver"]
    elsewhere = await make_driver(await make_agency("Other Cars"), "Eve Elsewhere")
    rows = NoticeRows()
    # given a freed slot's notice that showed its driver
    rows.asked(_slot_released(agency.id, 1, dana.id), Driver)
    # when three more arrive in one read, one naming another agency's driver
    events = [
        _slot_released(agency.id, 2, dana.id),
        _slot_released(agency.id, 3, otto.id),
        _slot_released(agency.id, 4, elsewhere.id),
    ]
    with count_statements() as statements:
        assert rows.prefetch(events) is True
        found = [
            await _row(e, d) for e, d in zip(events, (dana.id, otto.id, elsewhere.id), strict=True)
        ]
    # then their drivers were read in one statement, the other agency's not at all
    assert [r.name if r else None for r in found] == [dana.name, otto.name, None]
    assert len(statements.matching('FROM "driver"')) == 1


async def test_nothing_is_read_for_a_type_whose_notices_did_not_ask_lately(
    db: str, acme: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    agency, dana = acme["agency"], acme["driver"]
    rows = NoticeRows()
    # a type no notice asked anything for: nothing read
    cancelled = NoticeEvent(agency.id, 5, ev.MISSION_CANCELLED, datetime(2026, 6, 1, tzinfo=UTC))
    assert rows.prefetch([cancelled]) is False
    assert cancelled.shared == {}
    # a type that asked, but longer ago than REMEMBER: nothing read, and forgotten
    rows.asked(_slot_released(agency.id, 1, dana.id), Driver)
    monkeypatch.setattr(notice_rows, "REMEMBER", 0.0)
    await asyncio.sleep(0.01)
    event = _slot_released(agency.id, 2, dana.id)
    with count_statements() as statements:
        assert rows.prefetch([event]) is False
    assert event.shared == {} and statements.matching('FROM "driver"') == []
    monkeypatch.setattr(notice_rows, "REMEMBER", 60.0)
    assert rows.prefetch([_slot_released(agency.id, 3, dana.id)]) is False


async def test_the_hub_reads_ahead_only_for_events_someone_here_hears() -> None:
    asked: list[list[int]] = []

    def prefetch(events: list[NoticeEvent]) -> bool:
        asked.append([e.seq for e in events])
        return False

    hub = NoticeHub(broadcast=None, capacity=100)  # type: ignore[arg-type]
    hub.prefetch = prefetch
    hub.join(1, for_dispatch)
    hub.join(1, for_driver(101))
    assigned = NoticeEvent(1, 1, ev.DRIVER_ASSIGNED, datetime(2026, 6, 1, tzinfo=UTC))
    # a board does not show assignments, and driver 102 has no app open here
    nobody = NoticeEvent(**{**assigned.__dict__, "driver_ids": (102,), "shared": {}})
    dana = NoticeEvent(**{**assigned.__dict__, "seq": 2, "driver_ids": (101,), "shared": {}})
    board = _slot_released(1, 3, 102)
    other_agency = _slot_released(2, 4, 101)

    assert hub._read_ahead(hub._decode([encode(e) for e in (nobody, other_agency)])) is False
    assert asked == []
    hub._read_ahead(hub._decode([encode(e) for e in (nobody, dana, board, other_agency)]))
    assert asked == [[2, 3]]


@pytest.mark.usefixtures("one_executor")
async def test_a_live_notice_finds_its_row_read_before_any_board_executes_it(
    server: Any, acme: dict[str, Any], clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from schema.shared_execution import SharedEventExecution
    from tests.api.live_notices import (
        DISPATCH_QUERY,
        connected,
        live,
        received,
        record,
        slot_released,
    )

    driver_reads_at_execution: list[int] = []
    real = SharedEventExecution.event_executor

    def noting(self: Any, payload: Any) -> Any:
        # an event's execution begins (started by its stream, or by the hub)
        driver_reads_at_execution.append(len(statements.matching('FROM "driver"')))
        return real(self, payload)

    monkeypatch.setattr(SharedEventExecution, "event_executor", noting)
    dana = acme["driver"]
    clients = [await connected(server, acme["operator"]) for _ in range(2)]
    try:
        for i, (_, client) in enumerate(clients):
            await client.subscribe(f"board-{i}", DISPATCH_QUERY)
        await live(server, len(clients))
        with count_statements() as statements:
            # given a freed slot the boards were shown with its driver
            await record(acme["operator"], clock, [slot_released(dana, 1)])
            first = [await received(client, 1) for _, client in clients]
            # when the next one comes
            driver_reads_at_execution.clear()
            await record(acme["operator"], clock, [slot_released(dana, 2)])
            second = [await received(client, 1) for _, client in clients]
        # then both boards show both, with the driver's name
        for got in (first, second):
            names = [m[0]["payload"]["data"]["dispatchNotices"]["driver"]["name"] for m in got]
            assert names == [dana.name] * len(clients)
        # and the second's driver was being read when the first board began executing it,
        # once for both boards
        assert driver_reads_at_execution and driver_reads_at_execution[0] == 2
        assert len(statements.matching('FROM "driver"')) == 2
    finally:
        for cm, _ in clients:
            await cm.__aexit__(None, None, None)


async def test_a_read_ahead_that_fails_leaves_each_notice_to_read_its_own_row(
    db: str, acme: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from types import SimpleNamespace

    from schema.loaders import Loaders
    from schema.notice_rows import shared_row
    from tests.factories import scope_of

    agency, dana = acme["agency"], acme["driver"]
    rows = NoticeRows()
    rows.asked(_slot_released(agency.id, 1, dana.id), Driver)

    async def broken(*args: Any) -> Any:
        raise ConnectionError("the database went away for a moment")

    # given a read ahead that fails (the executions' loaders read through schema.loaders)
    monkeypatch.setattr(notice_rows, "rows_by_ids", broken)
    event = _slot_released(agency.id, 2, dana.id)
    context = SimpleNamespace(loaders=Loaders(scope_of(acme["operator"])))
    with count_statements() as statements:
        assert rows.prefetch([event]) is True
        # when the board's execution waits on it, and another asks once it has failed
        waiting = asyncio.ensure_future(shared_row(context, event, Driver))
        await asyncio.sleep(0.01)
        later = await shared_row(context, event, Driver)
        got = [await waiting, later]
    # then both get the driver, read once through an execution's own loader, no error
    assert [r.name if r else None for r in got] == [dana.name, dana.name]
    assert len(statements.matching('FROM "driver"')) == 1


def test_a_filter_that_fails_while_reading_ahead_costs_only_the_read_ahead() -> None:
    def prefetch(events: list[NoticeEvent]) -> bool:
        raise AssertionError("not reached: the filter failed first")

    def broken(event: NoticeEvent) -> bool:
        raise RuntimeError("a filter with a bug")

    hub = NoticeHub(broadcast=None, capacity=100)  # type: ignore[arg-type]
    hub.prefetch = prefetch
    board = hub.join(1, broken)
    events = hub._decode([encode(_slot_released(1, 1, 101))])
    # nothing read ahead, nothing raised: the hub goes on to hand the events out
    assert hub._read_ahead(events) is False
    assert len(board) == 0


@dataclass
class Cancelled:
    """What boards were told of one mission's cancellation, and the statements the server
    ran while it told them."""

    world: Any
    mission: Any
    got: list[list[dict[str, Any]]]  # each board's two messages: SlotReleased, MissionCancelled
    statements: Any

    def notices(self, board: int) -> list[dict[str, Any]]:
        return [m["payload"]["data"]["dispatchNotices"] for m in self.got[board]]


async def _cancelled_on_boards(server: Any, clock: Any, queries: list[str]) -> Cancelled:
    """A booked, assigned mission cancelled while a board watches with each of `queries`."""
    from resolvers.cancellation.cancel_mission import cancel_mission
    from tests.api.live_notices import connected, live, received
    from tests.service.cancel_helpers import assign, book, make_world, request

    world = await make_world(clock)
    _, (mission,) = await book(world)
    await assign(world, mission)
    clients = [await connected(server, world.operator) for _ in queries]
    try:
        for i, ((_, client), query) in enumerate(zip(clients, queries, strict=True)):
            await client.subscribe(f"board-{i}", query)
        await live(server, len(clients))
        await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
        with count_statements() as statements:
            got = [await received(client, 2) for _, client in clients]
    finally:
        for cm, _ in clients:
            await cm.__aexit__(None, None, None)
    return Cancelled(world, mission, got, statements)


RICH_BOARD = """subscription {
  dispatchNotices {
    __typename
    ... on MissionCancelledNotice {
      reasonLabel
      mission { id status pickupAt estimatedEndAt vehicleClass invoiced }
      cancellation {
        id requestedBy reasonCode waived cancelledAt
        decision { billable billableMinutes charge { amount currency } }
      }
    }
    ... on SlotReleasedNotice { missionId from to driver { name } }
  }
}"""


@pytest.mark.usefixtures("one_executor")
@pytest.mark.parametrize("carrying", [False, True], ids=["rows read", "rows carried"])
async def test_boards_get_the_same_notices_whether_the_rows_come_with_the_event_or_are_read(
    server: Any, clock: Any, monkeypatch: pytest.MonkeyPatch, carrying: bool
) -> None:
    from models.cancellations import Cancellation
    from resolvers import carried_rows
    from tests.factories import gid

    monkeypatch.setattr(carried_rows.CARRYING, "enabled", carrying)
    # given two boards showing a cancellation's mission, its decision and the driver freed,
    # when the mission is cancelled
    told = await _cancelled_on_boards(server, clock, [RICH_BOARD, RICH_BOARD])
    world, mission, statements = told.world, told.mission, told.statements
    # then both boards show the rows as committed, the very same either way
    assert told.got[0] == told.got[1]
    released, cancelled = told.notices(0)
    pk = gid("Mission", mission.id)
    assert released == {
        "__typename": "SlotReleasedNotice",
        "missionId": pk,
        "from": "2026-06-01T20:00:00+00:00",
        "to": "2026-06-01T22:00:00+00:00",
        "driver": {"name": world.driver.name},
    }
    (c,) = await Cancellation.filter(mission_id=mission.id)
    assert cancelled == {
        "__typename": "MissionCancelledNotice",
        "reasonLabel": "Customer request",
        "mission": {
            "id": pk,
            "status": "CANCELLED",
            "pickupAt": "2026-06-01T20:00:00+00:00",
            "estimatedEndAt": "2026-06-01T22:00:00+00:00",
            "vehicleClass": None,
            "invoiced": False,
        },
        "cancellation": {
            "id": gid("Cancellation", c.id),
            "requestedBy": "Front desk",
            "reasonCode": "CUSTOMER_REQUEST",
            "waived": False,
            "cancelledAt": "2026-06-01T08:00:00+00:00",
            "decision": {
                "billable": True,
                "billableMinutes": 120,
                "charge": {"amount": "120.00", "currency": "EUR"},
            },
        },
    }
    # and with the rows carried, no server read a mission, cancellation or driver for them
    reads = [
        s
        for table in ("mission", "cancellation", "driver")
        for s in statements.matching(f'FROM "{table}" t WHERE')
    ]
    assert (reads == []) is carrying, reads


IDS_BOARD = """subscription {
  dispatchNotices {
    __typename
    ... on MissionCancelledNotice {
      mission { id }
      cancellation { __typename ... on Cancellation { id } }
    }
    ... on SlotReleasedNotice { driver { id } }
  }
}"""

STATUS_BOARD = """subscription {
  dispatchNotices {
    ... on MissionCancelledNotice { mission { id status } }
    ... on SlotReleasedNotice { driver { ... on Driver { id name } } }
  }
}"""


@pytest.mark.parametrize("mode", ["compiled", "graphql-core"])
async def test_a_board_that_asks_only_for_ids_reads_no_row_and_gets_the_very_ids(
    server: Any, clock: Any, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    import schema.compiled.executor as executor
    from models.cancellations import Cancellation
    from models.config import ExecutorMode
    from resolvers import carried_rows
    from tests.factories import gid

    # (either executor alone; and no rows sent with the events, which would spare the read
    # whatever the board asks)
    monkeypatch.setattr(executor, "executor_mode", lambda: ExecutorMode(mode))
    monkeypatch.setattr(carried_rows.CARRYING, "enabled", False)
    # given a board that shows ids only (the cancellation's through a fragment), when a
    # mission it watches is cancelled
    told = await _cancelled_on_boards(server, clock, [IDS_BOARD])
    mission = told.mission
    released, cancelled = told.notices(0)
    # then it is told the ids a read would have given
    (c,) = await Cancellation.filter(mission_id=mission.id)
    assert released == {
        "__typename": "SlotReleasedNotice",
        "driver": {"id": gid("Driver", told.world.driver.id)},
    }
    assert cancelled == {
        "__typename": "MissionCancelledNotice",
        "mission": {"id": gid("Mission", mission.id)},
        "cancellation": {"__typename": "Cancellation", "id": gid("Cancellation", c.id)},
    }
    # and no mission, cancellation or driver was read for them
    reads = [
        s
        for table in ("mission", "cancellation", "driver")
        for s in told.statements.matching(f'FROM "{table}" t WHERE')
    ]
    assert reads == []


@pytest.mark.usefixtures("one_executor")
async def test_a_board_that_asks_for_more_than_the_id_still_reads_the_row_as_it_is_now(
    server: Any, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from resolvers import carried_rows
    from tests.factories import gid

    monkeypatch.setattr(carried_rows.CARRYING, "enabled", False)
    # given an ids board and, beside it, one that shows the mission's status and its
    # driver's name through a fragment, when a mission they watch is cancelled
    told = await _cancelled_on_boards(server, clock, [IDS_BOARD, STATUS_BOARD])
    mission_id = gid("Mission", told.mission.id)
    # then the status board shows the mission as it is now, and the driver
    released, cancelled = told.notices(1)
    driver = told.world.driver
    assert released == {"driver": {"id": gid("Driver", driver.id), "name": driver.name}}
    assert cancelled == {"mission": {"id": mission_id, "status": "CANCELLED"}}
    # and the rows it needs were read, each once
    assert len(told.statements.matching('FROM "mission" t WHERE')) == 1
    assert len(told.statements.matching('FROM "driver" t WHERE')) == 1
    # while the ids board got its ids as before
    assert told.notices(0)[1]["mission"] == {"id": mission_id}


def test_the_switch_is_read_from_the_environment_and_the_app_applies_it(db: str) -> None:
    from app import create_app
    from models.config import ConfigError, Settings
    from resolvers import carried_rows

    env = {"DATABASE_URL": db, "DISPATCH_SECRET": "s" * 32, "WEBHOOK_WORKER": "0"}
    assert Settings.from_env(env).notice_rows is False
    with pytest.raises(ConfigError, match="NOTICE_ROWS"):
        Settings.from_env({**env, "NOTICE_ROWS": "maybe"})
    was = carried_rows.CARRYING.enabled
    try:
        create_app(Settings.from_env({**env, "NOTICE_ROWS": "1"}), manage_database=False)
        assert carried_rows.CARRYING.enabled is True
        create_app(Settings.from_env({**env, "NOTICE_ROWS": "0"}), manage_database=False)
        assert carried_rows.CARRYING.enabled is False
    finally:
        carried_rows.CARRYING.enabled = was
