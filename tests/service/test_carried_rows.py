"""A command sends the rows its events name with them (resolvers/carried_rows.py); every
test in this folder checks each row sent against the row as committed (conftest.py).
These say which rows go, and that what is not one is refused."""

from __future__ import annotations

import asyncio
import datetime
from decimal import Decimal
from typing import Any

import pytest

from models.domain import events as ev
from models.domain.statuses import MissionStatus
from resolvers import carried_rows
from resolvers.cancellation.cancel_mission import cancel_mission
from resolvers.cancellation.cancel_order import cancel_order
from resolvers.rows import reader
from tests.service.cancel_helpers import assign, book, make_world, request


def _rows(event: Any) -> dict[str, Any]:
    return {
        name: carried_rows.build(name, encoded, event.agency_id)
        for name, encoded in getattr(event, carried_rows.ATTRIBUTE, {}).items()
    }


async def test_a_cancellation_sends_its_mission_order_cancellation_and_driver_as_committed(
    db: str, clock: Any, carried_rows_checked: list[Any]
) -> None:
    # given an assigned mission inside the billing window
    world = await make_world(clock)
    order, (mission,) = await book(world)
    await assign(world, mission)
    carried_rows_checked.clear()
    # when it is cancelled
    outcome = await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    (c,) = outcome.cancellations
    # then its events came with the rows they name, as the commit left them
    by_type = {e.type: _rows(e) for e in carried_rows_checked}
    cancelled = by_type[ev.MISSION_CANCELLED]
    assert set(cancelled) == {"Mission", "Order", "Cancellation", "Driver"}
    assert cancelled["Mission"].status == MissionStatus.CANCELLED
    assert cancelled["Order"].id == order.id
    assert cancelled["Cancellation"].id == c.id
    assert cancelled["Cancellation"].charge == Decimal("120.00") == c.charge
    assert cancelled["Driver"].name == world.driver.name
    released = by_type[ev.SLOT_RELEASED]
    assert set(released) == {"Mission", "Order", "Driver"}
    assert released["Mission"].status == MissionStatus.CANCELLED


async def test_a_commit_of_many_events_sends_no_rows(
    db: str, clock: Any, carried_rows_checked: list[Any]
) -> None:
    # given an order of more missions than a commit carries the rows of
    world = await make_world(clock)
    order, _ = await book(world, carried_rows.CARRY_MAX + 1, gap_hours=2.5)
    carried_rows_checked.clear()
    # when it is cancelled whole: an event a mission and one for the order
    await cancel_order(world.scope, clock, order_id=order.id, request=request())
    # then none of its events came with rows (the servers read them, one statement each)
    assert carried_rows_checked == []


def test_column_values_cross_as_the_driver_gave_them() -> None:
    values = [
        None,
        True,
        0,
        -7,
        "Dana",
        "",
        1.5,
        float("inf"),
        Decimal("0.10"),
        Decimal("-120.00"),
        datetime.datetime(2026, 6, 1, 8, 0, 0, 123456, tzinfo=datetime.UTC),
        datetime.date(2026, 6, 1),
        datetime.time(20, 30),
        b"\x00\xff",
    ]
    decoded = [carried_rows._decode_value(v) for v in carried_rows.encode_row(values)]
    assert decoded == values
    assert [type(v) for v in decoded] == [type(v) for v in values]
    assert decoded[10].tzinfo is datetime.UTC


async def test_what_is_not_a_row_of_the_agency_builds_nothing(db: str, clock: Any) -> None:
    world = await make_world(clock)
    _, (mission,) = await book(world)
    r = reader(type(mission))
    (row,) = await _raw(r, mission.id)
    encoded = carried_rows.encode_row(row)
    assert carried_rows.build("Mission", encoded, world.agency.id) is not None
    # another agency's, a model nobody sends, too few columns, an unknown tag, not a list
    assert carried_rows.build("Mission", encoded, world.agency.id + 1) is None
    assert carried_rows.build("Invoice", encoded, world.agency.id) is None
    assert carried_rows.build("Mission", encoded[:-1], world.agency.id) is None
    assert carried_rows.build("Mission", [["?", "x"]] * r.width, world.agency.id) is None
    assert carried_rows.build("Mission", [["d", "x"]] * r.width, world.agency.id) is None
    assert carried_rows.build("Mission", {"id": mission.id}, world.agency.id) is None


async def _raw(r: Any, pk: int) -> Any:
    from resolvers.rows import dialect, execute

    mark = "?" if dialect() == "sqlite" else "$1"
    return await execute(f'SELECT {r.columns} FROM "{r.table}" t WHERE t."id" = {mark}', [pk])


async def test_a_row_the_codec_cannot_send_is_left_to_be_read_and_the_command_goes_through(
    db: str, clock: Any, carried_rows_checked: list[Any], monkeypatch: Any
) -> None:
    world = await make_world(clock)
    _, (mission,) = await book(world)
    carried_rows_checked.clear()

    def unsendable(row: Any) -> list[Any]:
        raise TypeError("a column value of type Point is not carried")

    monkeypatch.setattr(carried_rows, "encode_row", unsendable)
    outcome = await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())
    assert len(outcome.cancellations) == 1
    assert carried_rows_checked == []


async def test_a_row_sent_with_an_event_shows_the_changes_of_the_agencys_earlier_seqs(
    db: str, clock: Any, carried_rows_checked: list[Any]
) -> None:
    if db.startswith("sqlite"):
        pytest.skip("SQLite serialises writers: row locks are a PostgreSQL matter")
    from tortoise.transactions import in_transaction

    from resolvers.assignments import unassign_driver

    world = await make_world(clock)
    _, (mission,) = await book(world)
    await assign(world, mission)
    carried_rows_checked.clear()
    go = asyncio.Event()

    async def unassign() -> Any:
        await go.wait()
        return await unassign_driver(
            world.scope, clock, mission_id=mission.id, driver_id=world.driver.id
        )

    # (started outside the transaction below, so that it runs in one of its own)
    unassigning = asyncio.ensure_future(unassign())
    # given another command of the agency that holds its seq lock and renames the driver
    async with in_transaction() as other:
        await other.execute_query(
            "UPDATE agency SET event_seq = event_seq WHERE id = $1", [world.agency.id]
        )
        await other.execute_query(
            "UPDATE driver SET name = $1 WHERE id = $2", ["Dana Renamed", world.driver.id]
        )
        # when the driver is taken off the mission meanwhile (it reads the driver, then
        # waits for the agency's lock), and the rename commits first
        go.set()
        await asyncio.sleep(0.3)
        assert not unassigning.done()
    await unassigning
    # then the freed slot's notice shows the driver as renamed, the order of seqs kept
    (released,) = [e for e in carried_rows_checked if e.type == ev.SLOT_RELEASED]
    assert _rows(released)["Driver"].name == "Dana Renamed"
