"""The driver app's mutations: on the signed-in driver's own missions only (DRIVER)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated

import strawberry

from models.orders import Mission as MissionRow
from resolvers import driver_app as uc
from schema import permissions as p
from schema.context import Info
from schema.envelope import mutation
from schema.ids import decode_id
from schema.payloads import MissionPayload
from schema.types.orders import Mission

MissionIdArg = Annotated[
    strawberry.ID, strawberry.argument(description="One of your missions (its global id).")
]


async def _run(mission_id: str, command: Callable[[int], Awaitable[MissionRow]]) -> MissionPayload:
    row = await command(decode_id(mission_id, "Mission", ("missionId",)))
    return MissionPayload(mission=Mission.of(row))


@strawberry.type
class DriverAppMutation:
    @mutation(description="Accept a mission you are assigned to.", permission_classes=[p.DRIVER])
    async def accept_mission(self, info: Info, mission_id: MissionIdArg) -> MissionPayload:
        ctx = info.context
        return await _run(mission_id, lambda pk: uc.accept_mission(ctx.scope, ctx.clock, pk))

    @mutation(
        description="Decline a mission you have not accepted; dispatch sees the slot freed.",
        permission_classes=[p.DRIVER],
    )
    async def decline_mission(self, info: Info, mission_id: MissionIdArg) -> MissionPayload:
        ctx = info.context
        return await _run(mission_id, lambda pk: uc.decline_mission(ctx.scope, ctx.clock, pk))

    @mutation(
        description="Report that you arrived at the pickup (kept as evidence for a no-show).",
        permission_classes=[p.DRIVER],
    )
    async def report_arrival(
        self,
        info: Info,
        mission_id: MissionIdArg,
        at: Annotated[
            datetime | None, strawberry.argument(description="When you arrived; default: now.")
        ] = None,
    ) -> MissionPayload:
        ctx = info.context
        return await _run(mission_id, lambda pk: uc.report_arrival(ctx.scope, ctx.clock, pk, at))

    @mutation(description="Start a mission you accepted.", permission_classes=[p.DRIVER])
    async def start_mission(self, info: Info, mission_id: MissionIdArg) -> MissionPayload:
        ctx = info.context
        return await _run(mission_id, lambda pk: uc.start_mission(ctx.scope, ctx.clock, pk))

    @mutation(description="Complete a mission in progress.", permission_classes=[p.DRIVER])
    async def complete_mission(self, info: Info, mission_id: MissionIdArg) -> MissionPayload:
        ctx = info.context
        return await _run(mission_id, lambda pk: uc.complete_mission(ctx.scope, ctx.clock, pk))
