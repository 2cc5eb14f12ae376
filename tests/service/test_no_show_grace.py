"""No-show grace (issue 15): a no-show is recorded only once the driver has waited the
grace after the pickup time or the reported arrival, whichever is later; before that it
is refused with the time it becomes allowed, and nothing changes."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from models.agency import Role
from models.domain.errors import DomainError, ErrorCode
from models.domain.statuses import MissionStatus
from models.domain.tiers import NoticeUnit, Tier
from resolvers.cancellation.mission_status import update_mission_status
from resolvers.orders import MissionDraft, create_order
from resolvers.policies import PolicyDetails, save_policy
from tests.factories import make_user, scope_of
from tests.service.cancel_helpers import assign, force_status, make_world, snapshot

S = MissionStatus
TIERS = (Tier(1440, NoticeUnit.CALENDAR, Decimal(100)),)


async def _running(world, clock, *, grace=None, policy_grace=15):  # type: ignore[no-untyped-def]
    admin = scope_of(await make_user(world.agency, Role.ADMIN, name="Ada Admin"))
    await save_policy(
        admin,
        clock,
        None,
        PolicyDetails("Standard", TIERS, no_show_grace_minutes=policy_grace, is_default=True),
    )
    # pickup 10 minutes ago, so the job is running
    start = clock.now() - timedelta(minutes=10)
    booking = await create_order(
        world.scope,
        clock,
        customer_id=world.customer.id,
        reference=world.ref(),
        missions=[MissionDraft(start, start + timedelta(hours=1), no_show_grace_minutes=grace)],
    )
    (mission,) = booking.missions
    await assign(world, mission)
    await force_status(mission, S.IN_PROGRESS)
    return mission


async def test_too_early_is_refused_with_when_it_is_allowed(db, clock):
    # given a 15-minute grace, pickup 10 minutes ago, no arrival reported
    world = await make_world(clock)
    mission = await _running(world, clock)
    before = await snapshot(world.agency.id)

    # when
    with pytest.raises(DomainError) as refused:
        await update_mission_status(world.scope, clock, mission_id=mission.id, status=S.NO_SHOW)

    # then: allowed 15 minutes after pickup, i.e. in 5 minutes
    assert refused.value.code is ErrorCode.INVALID_TRANSITION
    allowed = (mission.pickup_at + timedelta(minutes=15)).isoformat(timespec="seconds")
    assert allowed in refused.value.errors[0].message
    assert await snapshot(world.agency.id) == before


async def test_after_the_grace_it_is_recorded(db, clock):
    world = await make_world(clock)
    mission = await _running(world, clock)
    clock.advance(minutes=5)

    outcome = await update_mission_status(
        world.scope, clock, mission_id=mission.id, status=S.NO_SHOW
    )

    assert outcome.mission.status == S.NO_SHOW


async def test_a_late_arrival_moves_the_grace(db, clock):
    # given the driver arrived 2 minutes ago, after the pickup time: grace runs from then
    world = await make_world(clock)
    mission = await _running(world, clock)
    clock.advance(minutes=10)
    arrived = clock.now() - timedelta(minutes=2)

    with pytest.raises(DomainError) as refused:
        await update_mission_status(
            world.scope, clock, mission_id=mission.id, status=S.NO_SHOW, arrived_at=arrived
        )

    assert refused.value.code is ErrorCode.INVALID_TRANSITION
    assert (arrived + timedelta(minutes=15)).isoformat(timespec="seconds") in (
        refused.value.errors[0].message
    )


async def test_the_missions_own_grace_wins(db, clock):
    # given "30 min after landing" on this mission, over the policy's 15
    world = await make_world(clock)
    mission = await _running(world, clock, grace=30)
    clock.advance(minutes=10)  # 20 minutes after pickup

    with pytest.raises(DomainError) as refused:
        await update_mission_status(world.scope, clock, mission_id=mission.id, status=S.NO_SHOW)

    assert refused.value.code is ErrorCode.INVALID_TRANSITION
    clock.advance(minutes=10)
    outcome = await update_mission_status(
        world.scope, clock, mission_id=mission.id, status=S.NO_SHOW
    )
    assert outcome.mission.status == S.NO_SHOW
