"""The driver app over HTTP: own missions only, each step through the transition table."""

from __future__ import annotations

from datetime import timedelta

from models.agency import Role
from models.audit import Event
from models.domain import events as ev
from models.orders import Assignment, Mission
from resolvers.assignments import assign_driver
from resolvers.orders import MissionDraft, create_order
from tests.conftest import NOW
from tests.factories import gid, gql, make_agency, make_customer, make_driver, make_user, scope_of

STEP = """
mutation($id: ID!) {
  %s(missionId: $id) { mission { id status arrivedAt assignments { acceptedAt } } errors { code field } }
}
"""
ARRIVAL = """
mutation($id: ID!, $at: DateTime) {
  reportArrival(missionId: $id, at: $at) { mission { status arrivedAt } errors { code field } }
}
"""


async def _setup(clock, *, start=None):
    agency = await make_agency()
    operator = scope_of(await make_user(agency, Role.OPERATOR))
    driver = await make_driver(agency)
    user = await make_user(agency, Role.DRIVER, driver=driver)
    customer = await make_customer(agency)
    start = start or NOW + timedelta(hours=1)
    booking = await create_order(
        operator,
        clock,
        customer_id=customer.id,
        reference="R-1",
        missions=[MissionDraft(start, start + timedelta(hours=1))],
    )
    mission = booking.missions[0]
    await assign_driver(operator, clock, mission_id=mission.id, driver_id=driver.id)
    return agency, operator, driver, user, mission


async def _step(client, user, name, mission_id):
    body = await gql(client, STEP % name, {"id": gid("Mission", mission_id)}, user=user)
    return body["data"][name]


async def test_accept_arrive_start_complete(db, client, clock):
    # given
    _, _, _, user, mission = await _setup(clock)
    # when / then
    accepted = await _step(client, user, "acceptMission", mission.id)
    assert accepted["errors"] == []
    assert accepted["mission"]["status"] == "ACCEPTED_BY_DRIVER"
    assert accepted["mission"]["assignments"][0]["acceptedAt"] is not None
    arrived = await gql(client, ARRIVAL, {"id": gid("Mission", mission.id)}, user=user)
    assert arrived["data"]["reportArrival"]["mission"]["arrivedAt"].startswith("2026-06-01T08:00")
    started = await _step(client, user, "startMission", mission.id)
    assert started["mission"]["status"] == "IN_PROGRESS"
    completed = await _step(client, user, "completeMission", mission.id)
    assert completed["mission"]["status"] == "COMPLETED"
    changes = [
        (e.data["fromStatus"], e.data["toStatus"])
        for e in await Event.filter(mission_id=mission.id, type=ev.MISSION_STATUS_CHANGED).order_by(
            "seq"
        )
    ]
    assert changes == [
        ("PENDING_ASSIGNMENT", "ASSIGNED"),
        ("ASSIGNED", "ACCEPTED_BY_DRIVER"),
        ("ACCEPTED_BY_DRIVER", "IN_PROGRESS"),
        ("IN_PROGRESS", "COMPLETED"),
    ]
    assert await Event.filter(mission_id=mission.id, type=ev.ARRIVAL_REPORTED).count() == 1


async def test_start_before_accepting_is_an_invalid_transition(db, client, clock):
    # given
    _, _, _, user, mission = await _setup(clock)
    events_before = await Event.all().count()
    # when
    payload = await _step(client, user, "startMission", mission.id)
    # then
    assert payload["mission"] is None
    assert payload["errors"][0]["code"] == "INVALID_TRANSITION"
    assert (await Mission.get(id=mission.id)).status == "ASSIGNED"
    assert await Event.all().count() == events_before


async def test_decline_releases_the_slot_and_reopens_the_mission(db, client, clock):
    # given
    _, _, driver, user, mission = await _setup(clock)
    # when
    payload = await _step(client, user, "declineMission", mission.id)
    # then
    assert payload["errors"] == []
    assert payload["mission"]["status"] == "PENDING_ASSIGNMENT"
    assert (await Assignment.get(mission_id=mission.id)).ended_at == NOW
    declined = await Event.get(mission_id=mission.id, type=ev.MISSION_DECLINED)
    assert declined.driver_ids == [driver.id]
    assert await Event.filter(mission_id=mission.id, type=ev.SLOT_RELEASED).count() == 1


async def test_another_drivers_mission_is_not_found(db, client, clock):
    # given
    agency, _, _, _, mission = await _setup(clock)
    other = await make_driver(agency, "Other Driver")
    other_user = await make_user(agency, Role.DRIVER, driver=other)
    events_before = await Event.all().count()
    # when
    for name in (
        "acceptMission",
        "declineMission",
        "startMission",
        "completeMission",
        "reportArrival",
    ):
        payload = await _step(client, other_user, name, mission.id)
        # then
        assert payload["mission"] is None, name
        assert payload["errors"] == [{"code": "NOT_FOUND", "field": ["missionId"]}], name
    assert (await Mission.get(id=mission.id)).status == "ASSIGNED"
    assert await Event.all().count() == events_before


async def test_a_driver_taken_off_a_mission_can_no_longer_accept_it(db, client, clock):
    # given
    _, operator, driver, user, mission = await _setup(clock)
    from resolvers.assignments import unassign_driver

    await unassign_driver(operator, clock, mission_id=mission.id, driver_id=driver.id)
    # when
    payload = await _step(client, user, "acceptMission", mission.id)
    # then
    assert payload["errors"][0]["code"] == "INVALID_TRANSITION"
    assert (await Mission.get(id=mission.id)).status == "PENDING_ASSIGNMENT"


async def test_arrival_in_the_future_is_invalid(db, client, clock):
    # given
    _, _, _, user, mission = await _setup(clock)
    await _step(client, user, "acceptMission", mission.id)
    # when
    body = await gql(
        client, ARRIVAL, {"id": gid("Mission", mission.id), "at": "2026-06-01T09:00:00Z"}, user=user
    )
    # then
    payload = body["data"]["reportArrival"]
    assert payload["errors"] == [{"code": "INVALID", "field": ["at"]}]
    assert (await Mission.get(id=mission.id)).arrived_at is None
