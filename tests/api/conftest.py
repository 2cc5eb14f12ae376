"""Fixtures of the API tests."""

from __future__ import annotations

import pytest

from models.agency import Role
from resolvers.cancellation.cancel_mission import cancel_mission
from resolvers.clock import FixedClock
from tests.api.input_checks import EdgeWorld
from tests.factories import gid, make_user
from tests.service.cancel_helpers import NEXT_WEEK, assign, book, make_world, request


@pytest.fixture
async def edge_world(db: str, clock: FixedClock) -> EdgeWorld:
    world = await make_world(clock)
    order, (mission,) = await book(world)
    await assign(world, mission)
    _, (cancelled,) = await book(world, start=NEXT_WEEK)
    await cancel_mission(world.scope, clock, mission_id=cancelled.id, request=request())
    return EdgeWorld(
        agency_id=world.agency.id,
        operator=await make_user(world.agency, Role.OPERATOR),
        mission=gid("Mission", mission.id),
        order=gid("Order", order.id),
        customer=gid("Customer", world.customer.id),
        driver=gid("Driver", world.driver.id),
    )
