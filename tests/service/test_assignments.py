"""Assigning and unassigning drivers: slots, statuses, snapshots, events, concurrency."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from decimal import Decimal

import pytest

from models.agency import Role
from models.audit import Event
from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from models.domain.statuses import MissionStatus
from models.orders import Assignment, Mission
from resolvers import assignments as uc
from resolvers.orders import MissionDraft, create_order
from resolvers.reference_data import DriverDetails, update_driver
from tests.conftest import NOW
from tests.factories import make_agency, make_customer, make_driver, make_user, scope_of


async def _setup(clock):
    agency = await make_agency()
    operator = await make_user(agency, Role.OPERATOR)
    admin = await make_user(agency, Role.ADMIN)
    customer = await make_customer(agency)
    driver = await make_driver(agency, cancellation_window_minutes=120)
    return agency, scope_of(operator), scope_of(admin), customer, driver


async def _mission(scope, clock, customer, start, *, hours=1, reference=None):
    booking = await create_order(
        scope,
        clock,
        customer_id=customer.id,
        reference=reference or f"R-{start:%d%H%M}",
        missions=[MissionDraft(start, start + timedelta(hours=hours))],
    )
    return booking.missions[0]


async def test_assign_snapshots_driver_terms_and_moves_mission_to_assigned(db, clock):
    # given
    _, scope, admin, customer, driver = await _setup(clock)
    mission = await _mission(scope, clock, customer, NOW + timedelta(days=1))
    # when
    result = await uc.assign_driver(scope, clock, mission_id=mission.id, driver_id=driver.id)
    # a later change of the driver's terms does not touch the assignment
    await update_driver(admin, clock, driver.id, DriverDetails("Dana", Decimal("99.00"), 5))
    # then
    assert result.status == MissionStatus.ASSIGNED
    assignment = await Assignment.get(mission_id=mission.id)
    assert assignment.driver_window_minutes == 120
    assert assignment.driver_pay_rate_per_hour == Decimal("30.00")
    assert (assignment.slot_start, assignment.slot_end) == (
        mission.pickup_at,
        mission.estimated_end_at,
    )
    events = await Event.filter(mission_id=mission.id).order_by("seq")
    assigned = [e for e in events if e.type == ev.DRIVER_ASSIGNED]
    assert assigned[0].driver_ids == [driver.id]
    assert assigned[0].data["driverId"] == driver.id
    status = [e for e in events if e.type == ev.MISSION_STATUS_CHANGED]
    assert status[0].data["fromStatus"] == "PENDING_ASSIGNMENT"
    assert status[0].data["toStatus"] == "ASSIGNED"


async def test_overlapping_assignment_is_slot_conflict_naming_the_mission(db, clock):
    # given
    _, scope, _, customer, driver = await _setup(clock)
    start = NOW + timedelta(days=1)
    first = await _mission(scope, clock, customer, start, reference="A")
    second = await _mission(scope, clock, customer, start + timedelta(minutes=30), reference="B")
    await uc.assign_driver(scope, clock, mission_id=first.id, driver_id=driver.id)
    events_before = await Event.all().count()
    # when
    with pytest.raises(DomainError) as refused:
        await uc.assign_driver(scope, clock, mission_id=second.id, driver_id=driver.id)
    # then
    assert refused.value.code == ErrorCode.SLOT_CONFLICT
    assert refused.value.errors[0].mission_ids == (first.id,)
    assert await Assignment.filter(mission_id=second.id).count() == 0
    assert (await Mission.get(id=second.id)).status == MissionStatus.PENDING_ASSIGNMENT
    assert await Event.all().count() == events_before


async def test_adjacent_slots_do_not_conflict(db, clock):
    # given
    _, scope, _, customer, driver = await _setup(clock)
    start = NOW + timedelta(days=1)
    first = await _mission(scope, clock, customer, start, reference="A")
    second = await _mission(scope, clock, customer, start + timedelta(hours=1), reference="B")
    await uc.assign_driver(scope, clock, mission_id=first.id, driver_id=driver.id)
    # when
    result = await uc.assign_driver(scope, clock, mission_id=second.id, driver_id=driver.id)
    # then
    assert result.status == MissionStatus.ASSIGNED


async def test_unassign_releases_slot_and_reopens_mission(db, clock):
    # given
    _, scope, _, customer, driver = await _setup(clock)
    start = NOW + timedelta(days=1)
    first = await _mission(scope, clock, customer, start, reference="A")
    other = await _mission(scope, clock, customer, start, reference="B")
    await uc.assign_driver(scope, clock, mission_id=first.id, driver_id=driver.id)
    # when
    result = await uc.unassign_driver(scope, clock, mission_id=first.id, driver_id=driver.id)
    # then
    assert result.status == MissionStatus.PENDING_ASSIGNMENT
    assert (await Assignment.get(mission_id=first.id)).ended_at == NOW
    types = [e.type for e in await Event.filter(mission_id=first.id).order_by("seq")]
    assert ev.DRIVER_UNASSIGNED in types
    assert ev.SLOT_RELEASED in types
    released = await Event.get(type=ev.SLOT_RELEASED, mission_id=first.id)
    assert released.driver_ids == [driver.id]
    # the slot is free again
    again = await uc.assign_driver(scope, clock, mission_id=other.id, driver_id=driver.id)
    assert again.status == MissionStatus.ASSIGNED


async def test_unassign_a_driver_not_on_the_mission_is_not_found(db, clock):
    # given
    _, scope, _, customer, driver = await _setup(clock)
    mission = await _mission(scope, clock, customer, NOW + timedelta(days=1))
    events_before = await Event.all().count()
    # when
    with pytest.raises(DomainError) as refused:
        await uc.unassign_driver(scope, clock, mission_id=mission.id, driver_id=driver.id)
    # then
    assert refused.value.code == ErrorCode.NOT_FOUND
    assert refused.value.errors[0].field == ("input", "driverId")
    assert await Event.all().count() == events_before


async def test_second_driver_on_an_accepted_mission_moves_it_back_to_assigned(db, clock):
    # given
    agency, scope, _, customer, driver = await _setup(clock)
    other = await make_driver(agency, "Eli Second")
    mission = await _mission(scope, clock, customer, NOW + timedelta(days=1))
    await uc.assign_driver(scope, clock, mission_id=mission.id, driver_id=driver.id)
    await Assignment.filter(mission_id=mission.id).update(accepted_at=NOW)
    await Mission.filter(id=mission.id).update(status=MissionStatus.ACCEPTED_BY_DRIVER)
    # when
    result = await uc.assign_driver(scope, clock, mission_id=mission.id, driver_id=other.id)
    # then
    assert result.status == MissionStatus.ASSIGNED


async def test_assigning_to_a_started_mission_is_an_invalid_transition(db, clock):
    # given
    _, scope, _, customer, driver = await _setup(clock)
    mission = await _mission(scope, clock, customer, NOW + timedelta(days=1))
    await Mission.filter(id=mission.id).update(status=MissionStatus.IN_PROGRESS)
    # when
    with pytest.raises(DomainError) as refused:
        await uc.assign_driver(scope, clock, mission_id=mission.id, driver_id=driver.id)
    # then
    assert refused.value.code == ErrorCode.INVALID_TRANSITION
    assert await Assignment.filter(mission_id=mission.id).count() == 0


async def test_inactive_driver_cannot_be_assigned(db, clock):
    # given
    agency, scope, _, customer, _ = await _setup(clock)
    idle = await make_driver(agency, "Idle", active=False)
    mission = await _mission(scope, clock, customer, NOW + timedelta(days=1))
    # when
    with pytest.raises(DomainError) as refused:
        await uc.assign_driver(scope, clock, mission_id=mission.id, driver_id=idle.id)
    # then
    assert refused.value.code == ErrorCode.INVALID
    assert await Assignment.filter(mission_id=mission.id).count() == 0


async def test_another_agencys_driver_or_mission_is_not_found(db, clock):
    # given
    _, scope, _, customer, _ = await _setup(clock)
    mission = await _mission(scope, clock, customer, NOW + timedelta(days=1))
    elsewhere = await make_agency("Elsewhere")
    foreign_driver = await make_driver(elsewhere)
    # when / then
    with pytest.raises(DomainError) as refused:
        await uc.assign_driver(scope, clock, mission_id=mission.id, driver_id=foreign_driver.id)
    assert refused.value.code == ErrorCode.NOT_FOUND
    assert refused.value.errors[0].field == ("input", "driverId")
    foreign_scope = scope_of(await make_user(elsewhere, Role.OPERATOR))
    with pytest.raises(DomainError) as refused:
        await uc.assign_driver(
            foreign_scope, clock, mission_id=mission.id, driver_id=foreign_driver.id
        )
    assert refused.value.code == ErrorCode.NOT_FOUND
    assert refused.value.errors[0].field == ("input", "missionId")
    assert await Assignment.all().count() == 0


async def test_concurrent_assigns_of_one_driver_to_overlapping_missions(db, clock, dialect):
    if dialect != "postgres":
        pytest.skip("SQLite serialises writers; the row lock is PostgreSQL's")
    # given
    _, scope, _, customer, driver = await _setup(clock)
    start = NOW + timedelta(days=1)
    first = await _mission(scope, clock, customer, start, reference="A")
    second = await _mission(scope, clock, customer, start + timedelta(minutes=15), reference="B")
    # when: both at once, each in its own transaction on its own connection
    results = await asyncio.gather(
        uc.assign_driver(scope, clock, mission_id=first.id, driver_id=driver.id),
        uc.assign_driver(scope, clock, mission_id=second.id, driver_id=driver.id),
        return_exceptions=True,
    )
    # then
    wins = [r for r in results if isinstance(r, Mission)]
    losses = [r for r in results if isinstance(r, DomainError)]
    assert len(wins) == 1 and len(losses) == 1, results
    assert losses[0].code == ErrorCode.SLOT_CONFLICT
    assert await Assignment.filter(driver_id=driver.id, ended_at__isnull=True).count() == 1
    assert await Event.filter(type=ev.DRIVER_ASSIGNED).count() == 1


async def test_a_completed_mission_holds_no_slot_for_assigning_or_rescheduling(db, clock):
    from datetime import timedelta

    from resolvers.cancellation.update_mission import MissionEdit, update_mission
    from tests.service.cancel_helpers import TOMORROW, assign, book, force_status, make_world

    # given Dana's completed mission A (20:00-22:00) and her mission C later that night
    world = await make_world(clock)
    _, (a,) = await book(world)
    await assign(world, a)
    await force_status(a, MissionStatus.COMPLETED)
    _, (c,) = await book(world, start=TOMORROW + timedelta(hours=5))
    await assign(world, c)

    # when C is moved into A's old slot
    moved = MissionEdit(
        pickup_at=TOMORROW + timedelta(minutes=30),
        estimated_end_at=TOMORROW + timedelta(minutes=50),
    )
    outcome = await update_mission(world.scope, clock, mission_id=c.id, edit=moved)

    # then it is accepted, as assigning her there would be: the two checks share one rule
    assert outcome.mission.pickup_at == TOMORROW + timedelta(minutes=30)
