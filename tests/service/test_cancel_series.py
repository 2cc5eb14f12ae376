"""cancelMission on a recurring series, with each scope (SPEC §4.1)."""

from __future__ import annotations

import pytest

from models.domain.cascade import SeriesScope
from models.domain.statuses import MissionStatus
from models.orders import Mission
from resolvers.cancellation.cancel_mission import cancel_mission
from tests.service.cancel_helpers import book_series, force_status, make_world, request

S = MissionStatus


async def _series(world, clock):
    # five weekly occurrences: 0 completed, 1 in progress, 2 the target, 3 invoiced, 4 pending
    order, missions = await book_series(world)
    await force_status(missions[0], S.COMPLETED)
    await force_status(missions[1], S.IN_PROGRESS)
    await Mission.filter(id=missions[3].id).update(invoiced_at=clock.now())
    return order, missions


@pytest.mark.parametrize(
    ("scope", "cancelled", "unchanged"),
    [
        (SeriesScope.THIS_OCCURRENCE, {2}, set()),
        (SeriesScope.THIS_AND_FOLLOWING, {2, 4}, {3}),
        (SeriesScope.WHOLE_SERIES, {2, 4}, {0, 1, 3}),
    ],
    ids=["this", "following", "whole"],
)
async def test_series_scope(db, clock, scope, cancelled, unchanged):
    world = await make_world(clock)
    _, missions = await _series(world, clock)

    outcome = await cancel_mission(
        world.scope, clock, mission_id=missions[2].id, request=request(), series_scope=scope
    )

    index = {m.id: i for i, m in enumerate(missions)}
    assert {index[c.mission_id] for c in outcome.cancellations} == cancelled
    assert {index[u.mission.id] for u in outcome.unchanged} == unchanged
    reasons = {index[u.mission.id]: u.reason for u in outcome.unchanged}
    if 3 in reasons:
        assert reasons[3] == "on an issued invoice"
    if 1 in reasons:
        assert reasons[1] == "in progress"
    statuses = [(await Mission.get(id=m.id)).status for m in missions]
    for i, status in enumerate(statuses):
        if i in cancelled:
            assert status == S.CANCELLED
        else:
            assert status != S.CANCELLED
    assert all(c.scope == scope for c in outcome.cancellations)


async def test_each_occurrence_judged_against_its_own_start(db, clock):
    # the first occurrence is 12 h ahead (billable), the next ones weeks ahead (not billable)
    world = await make_world(clock)
    _, missions = await book_series(world, "FREQ=WEEKLY;COUNT=3")

    outcome = await cancel_mission(
        world.scope,
        clock,
        mission_id=missions[0].id,
        request=request(),
        series_scope=SeriesScope.WHOLE_SERIES,
    )

    assert [c.billable for c in outcome.cancellations] == [True, False, False]
