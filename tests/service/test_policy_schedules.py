"""Tiers by vehicle class and assignment length (issue 15): a mission books its vehicle
class, the edit form changes it, and every path that bills (cancellation, late
reschedule) prices the mission by the policy's schedule that covers it."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from models.agency import Role
from models.audit import Event
from models.cancellations import Cancellation
from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from models.domain.policies import TierSchedule
from models.domain.statuses import MissionStatus
from models.domain.tiers import NoticeUnit, Tier
from models.orders import Mission
from resolvers.cancellation.cancel_mission import cancel_mission
from resolvers.cancellation.inputs import CancelRequestInput
from resolvers.cancellation.update_mission import MissionEdit, update_mission
from resolvers.orders import MissionDraft, create_order
from resolvers.policies import PolicyDetails, save_policy
from tests.factories import make_user, scope_of
from tests.service.cancel_helpers import make_world, request, snapshot

D = Decimal
DAY = 24 * 60
# Sedans pay 100% inside 24 h; SUVs inside 3 days; assignments of 8 h or more inside 7 days.
TIERS = (Tier(DAY, NoticeUnit.CALENDAR, D(100)),)
SCHEDULES = (
    TierSchedule((Tier(3 * DAY, NoticeUnit.CALENDAR, D(100)),), vehicle_class="SUV"),
    TierSchedule((Tier(7 * DAY, NoticeUnit.CALENDAR, D(50)),), min_length_minutes=8 * 60),
)


async def _world(clock):  # type: ignore[no-untyped-def]
    world = await make_world(clock)
    admin = scope_of(await make_user(world.agency, Role.ADMIN, name="Ada Admin"))
    details = PolicyDetails(
        "Fleet", TIERS, is_default=True, late_reschedules_billed=True, schedules=SCHEDULES
    )
    await save_policy(admin, clock, None, details)
    return world


async def _book(world, clock, vehicle_class, hours=2, ahead=timedelta(days=2)):  # type: ignore[no-untyped-def]
    start = clock.now() + ahead
    booking = await create_order(
        world.scope,
        clock,
        customer_id=world.customer.id,
        reference=world.ref(),
        missions=[MissionDraft(start, start + timedelta(hours=hours), vehicle_class=vehicle_class)],
    )
    return booking.missions[0]


async def test_each_mission_is_priced_by_the_schedule_that_covers_it(db, clock):
    # given an SUV, a sedan, and a sedan booked for a 9-hour assignment, all 2 days ahead
    world = await _world(clock)
    suv = await _book(world, clock, " SUV ")
    sedan = await _book(world, clock, "Sedan")
    long = await _book(world, clock, "Sedan", hours=9)

    # when all three are cancelled
    for mission in (suv, sedan, long):
        await cancel_mission(world.scope, clock, mission_id=mission.id, request=request())

    # then the SUV bills 100% under its schedule, the sedan nothing, the long one 50%
    rows = {c.mission_id: c for c in await Cancellation.all()}
    assert (await Mission.get(id=suv.id)).vehicle_class == "SUV"
    assert (rows[suv.id].charge, rows[suv.id].decision["schedule"]) == (D("120.00"), 1)
    assert (rows[sedan.id].billable, rows[sedan.id].decision["schedule"]) == (False, None)
    assert (rows[long.id].charge, rows[long.id].decision["schedule"]) == (D("270.00"), 2)
    assert "for missions of 8 h or more" in rows[long.id].decision["explanation"]


async def test_the_edit_form_changes_the_class_and_a_late_move_bills_the_booked_one(db, clock):
    # given an SUV 2 days ahead
    world = await _world(clock)
    suv = await _book(world, clock, "SUV")
    later = suv.pickup_at + timedelta(days=1)

    # when the edit form moves it and makes it a sedan in one go
    outcome = await update_mission(
        world.scope,
        clock,
        mission_id=suv.id,
        edit=MissionEdit(
            pickup_at=later, estimated_end_at=later + timedelta(hours=2), vehicle_class="Sedan"
        ),
    )

    # then the move is billed as the SUV that was booked for the original time
    late = outcome.late_reschedule
    assert late is not None and late.charge == D("120.00") and late.decision["schedule"] == 1
    moved = await Mission.get(id=suv.id)
    assert (moved.vehicle_class, moved.pickup_at) == ("Sedan", later)
    (event,) = await Event.filter(type=ev.MISSION_UPDATED)
    assert event.data["changes"]["vehicle_class"] == {"from": "SUV", "to": "Sedan"}

    # and a cancellation of the sedan 3 days ahead is free
    await cancel_mission(world.scope, clock, mission_id=suv.id, request=request())
    (cancelled,) = await Cancellation.all()
    assert (cancelled.billable, cancelled.decision["schedule"]) == (False, None)


async def test_a_class_change_is_refused_with_a_cancellation_in_the_same_edit(db, clock):
    # given an SUV 2 days ahead (100% under its schedule)
    world = await _world(clock)
    suv = await _book(world, clock, "SUV")
    before = await snapshot(world.agency.id)

    # when the edit form makes it a sedan and cancels it in one go
    with pytest.raises(DomainError) as refused:
        await update_mission(
            world.scope,
            clock,
            mission_id=suv.id,
            edit=MissionEdit(
                vehicle_class="Sedan",
                status=MissionStatus.CANCELLED,
                cancel=CancelRequestInput("Front desk", "CUSTOMER_REQUEST"),
            ),
        )

    # then it is refused on vehicleClass and nothing changed: not the class, no cancellation
    assert refused.value.code is ErrorCode.INVALID
    assert refused.value.errors[0].field == ("input", "vehicleClass")
    assert await snapshot(world.agency.id) == before
    assert (await Mission.get(id=suv.id)).vehicle_class == "SUV"
