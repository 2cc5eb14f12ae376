"""Assigning drivers to missions and taking them off (ADMIN, OPERATOR)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers import assignments as uc
from schema import permissions as p
from schema.context import Info
from schema.envelope import mutation
from schema.ids import decode_id
from schema.payloads import MissionPayload
from schema.types.orders import Mission


@strawberry.input(description="A driver and a mission.")
class AssignDriverInput:
    mission_id: strawberry.ID = strawberry.field(description="The mission.")
    driver_id: strawberry.ID = strawberry.field(description="The driver.")


def _ids(data: AssignDriverInput) -> dict[str, int]:
    return {
        "mission_id": decode_id(data.mission_id, "Mission", ("input", "missionId")),
        "driver_id": decode_id(data.driver_id, "Driver", ("input", "driverId")),
    }


@strawberry.type
class DispatchingMutation:
    @mutation(
        description="Put a driver on a mission; SLOT_CONFLICT when the driver is busy then.",
        permission_classes=[p.DISPATCH],
    )
    async def assign_driver(
        self,
        info: Info,
        input: Annotated[
            AssignDriverInput, strawberry.argument(description="Who and which mission.")
        ],
    ) -> MissionPayload:
        row = await uc.assign_driver(info.context.scope, info.context.clock, **_ids(input))
        return MissionPayload(mission=Mission.of(row))

    @mutation(
        description="Take a driver off a mission not yet started; the driver's slot is released.",
        permission_classes=[p.DISPATCH],
    )
    async def unassign_driver(
        self,
        info: Info,
        input: Annotated[
            AssignDriverInput, strawberry.argument(description="Who and which mission.")
        ],
    ) -> MissionPayload:
        row = await uc.unassign_driver(info.context.scope, info.context.clock, **_ids(input))
        return MissionPayload(mission=Mission.of(row))
