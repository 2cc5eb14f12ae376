"""The driver app's commands, on the signed-in driver's own missions (SPEC §7)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from models.domain.statuses import TRANSITIONS, MissionStatus, check_transition, label
from models.orders import Assignment, Mission
from resolvers import validation as v
from resolvers import visibility
from resolvers.assignments import change_status, release, set_status_from_assignments
from resolvers.clock import Clock
from resolvers.invoicing.drafts import refresh_drafts
from resolvers.lifecycle import active_assignments, lock_missions, refresh_order_statuses
from resolvers.scope import Scope, not_found
from resolvers.unit_of_work import UnitOfWork, run_command

MISSION_FIELD = ("missionId",)
# A phone's clock may run a little ahead of the server's.
ARRIVAL_CLOCK_SKEW = timedelta(minutes=5)
ARRIVAL_STATUSES = (
    MissionStatus.ASSIGNED,
    MissionStatus.ACCEPTED_BY_DRIVER,
    MissionStatus.IN_PROGRESS,
)

# Statuses in which a driver may accept or decline an offer.
OFFERED = (MissionStatus.ASSIGNED, MissionStatus.ACCEPTED_BY_DRIVER)
# Starting and completing happen on missions a driver carries (not from CANCELLED etc.).
DRIVER_FROM = frozenset({MissionStatus.ACCEPTED_BY_DRIVER, MissionStatus.IN_PROGRESS})

Step = Callable[[UnitOfWork, Mission, Assignment, list[Assignment]], Awaitable[None]]


async def _own_mission(uow: UnitOfWork, mission_id: int) -> Mission:
    """The mission, locked, if the signed-in driver was ever on it; NOT_FOUND otherwise."""
    ever = await visibility.missions(uow.scope).filter(id=mission_id).using_db(uow.conn).exists()
    if not ever:
        raise not_found(Mission, MISSION_FIELD)
    rows = await lock_missions(uow, [mission_id])
    if not rows:
        raise not_found(Mission, MISSION_FIELD)
    return rows[0]


async def _run(
    scope: Scope,
    clock: Clock,
    mission_id: int,
    allowed: tuple[MissionStatus, ...],
    verb: str,
    step: Step,
) -> Mission:
    """Lock the driver's mission, check its status is `allowed`, run `step`, refresh the order."""

    async def work(uow: UnitOfWork) -> Mission:
        mission = await _own_mission(uow, mission_id)
        if mission.status not in allowed:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                f"A mission that is {label(mission.status)} cannot be {verb}.",
                mission_ids=[mission.id],
            )
        active = (await active_assignments(uow, [mission.id]))[mission.id]
        mine = next((a for a in active if a.driver_id == scope.driver_id), None)
        if mine is None:
            raise DomainError(
                ErrorCode.NOT_FOUND,
                "You are no longer assigned to this mission.",
                field=MISSION_FIELD,
            )
        await step(uow, mission, mine, active)
        orders = await refresh_order_statuses(uow, [mission.order_id])
        if mission.status == MissionStatus.COMPLETED:  # from now on the customer owes it
            await refresh_drafts(uow, orders[mission.order_id].customer_id, [mission.id])
        return mission

    return await run_command(scope, clock, work)


def _already(message: str, mission: Mission) -> DomainError:
    return DomainError(ErrorCode.INVALID_TRANSITION, message, mission_ids=[mission.id])


async def accept_mission(scope: Scope, clock: Clock, mission_id: int) -> Mission:
    """The driver accepts; once every assigned driver has, the mission is ACCEPTED_BY_DRIVER."""

    async def step(
        uow: UnitOfWork, mission: Mission, mine: Assignment, active: list[Assignment]
    ) -> None:
        if mine.accepted_at is not None:
            raise _already("You already accepted this mission.", mission)
        await Assignment.filter(id=mine.id).using_db(uow.conn).update(accepted_at=uow.now)
        mine.accepted_at = uow.now
        uow.record(
            ev.MISSION_ACCEPTED,
            order_id=mission.order_id,
            mission_id=mission.id,
            driver_ids=[mine.driver_id],
            driverId=mine.driver_id,
        )
        await set_status_from_assignments(uow, mission, active)

    return await _run(scope, clock, mission_id, OFFERED, "accepted", step)


async def decline_mission(scope: Scope, clock: Clock, mission_id: int) -> Mission:
    """The driver turns down a mission not yet accepted; the slot is released."""

    async def step(
        uow: UnitOfWork, mission: Mission, mine: Assignment, active: list[Assignment]
    ) -> None:
        if mine.accepted_at is not None:
            raise _already(
                "You already accepted this mission: ask dispatch to take you off it.", mission
            )
        await release(uow, mission, [mine], ev.MISSION_DECLINED)
        await set_status_from_assignments(uow, mission, [a for a in active if a.id != mine.id])

    return await _run(scope, clock, mission_id, OFFERED, "declined", step)


async def report_arrival(
    scope: Scope, clock: Clock, mission_id: int, at: datetime | None = None
) -> Mission:
    """The driver is at the pickup (evidence for a no-show); the status does not change."""
    if at is not None:
        at = v.aware(at, ("at",), "The arrival time").astimezone(UTC)

    async def step(
        uow: UnitOfWork, mission: Mission, mine: Assignment, active: list[Assignment]
    ) -> None:
        arrived = uow.now if at is None else at
        if arrived > uow.now + ARRIVAL_CLOCK_SKEW:
            raise v.invalid(("at",), "The arrival time cannot be in the future.")
        arrived = min(arrived, uow.now)
        await (
            Mission.filter(id=mission.id)
            .using_db(uow.conn)
            .update(arrived_at=arrived, updated_at=uow.now)
        )
        mission.arrived_at = arrived
        uow.record(
            ev.ARRIVAL_REPORTED,
            order_id=mission.order_id,
            mission_id=mission.id,
            driver_ids=[mine.driver_id],
            driverId=mine.driver_id,
            arrivedAt=arrived,
        )

    return await _run(scope, clock, mission_id, ARRIVAL_STATUSES, "reported arrived at", step)


async def start_mission(scope: Scope, clock: Clock, mission_id: int) -> Mission:
    """ACCEPTED_BY_DRIVER -> IN_PROGRESS."""
    return await _move(scope, clock, mission_id, MissionStatus.IN_PROGRESS, "started")


async def complete_mission(scope: Scope, clock: Clock, mission_id: int) -> Mission:
    """IN_PROGRESS -> COMPLETED."""
    return await _move(scope, clock, mission_id, MissionStatus.COMPLETED, "completed")


async def _move(
    scope: Scope, clock: Clock, mission_id: int, to: MissionStatus, verb: str
) -> Mission:
    # The one table decides: the statuses from which `to` is reachable.
    allowed = tuple(MissionStatus(f) for f, t in TRANSITIONS if t == to and f in DRIVER_FROM)

    async def step(
        uow: UnitOfWork, mission: Mission, mine: Assignment, active: list[Assignment]
    ) -> None:
        check_transition(mission.status, to, mission_id=mission.id)
        await change_status(
            uow, mission, to, driver_ids=[a.driver_id for a in active], driverId=mine.driver_id
        )

    return await _run(scope, clock, mission_id, allowed, verb, step)
