"""Putting drivers on missions and taking them off (SPEC §7)."""

from __future__ import annotations

from typing import Any

from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from models.domain.statuses import (
    OPEN_STATUSES,
    MissionStatus,
    check_transition,
    status_after_assignments,
)
from models.orders import Assignment, Mission
from models.people import Driver
from resolvers.cancellation.rebooked_credit import offer_rebooked_credit
from resolvers.clock import Clock
from resolvers.lifecycle import (
    SLOT_FREE_STATUSES,
    active_assignments,
    end_assignments,
    lock_missions,
    record_released_slots,
    refresh_order_statuses,
)
from resolvers.scope import Scope, not_found
from resolvers.unit_of_work import UnitOfWork, run_command

MISSION_FIELD = ("input", "missionId")
DRIVER_FIELD = ("input", "driverId")

# A mission in one of these statuses holds no slot (SPEC §7).


async def lock_mission(uow: UnitOfWork, mission_id: int, field: tuple[str, ...]) -> Mission:
    """One mission of the agency, row-locked until commit; NOT_FOUND otherwise."""
    rows = await lock_missions(uow, [mission_id])
    if not rows:
        raise not_found(Mission, field)
    return rows[0]


async def set_status_from_assignments(
    uow: UnitOfWork, mission: Mission, active: list[Assignment], **data: Any
) -> None:
    """Move the mission to the status its assignments give, through the transition table."""
    accepted = sum(1 for a in active if a.accepted_at is not None)
    new = status_after_assignments(mission.status, len(active), accepted)
    await change_status(uow, mission, new, driver_ids=[a.driver_id for a in active], **data)


async def change_status(
    uow: UnitOfWork,
    mission: Mission,
    new: MissionStatus,
    *,
    driver_ids: list[int],
    **data: Any,
) -> None:
    """Checked status move of one mission with its audit event (no event when unchanged)."""
    old = MissionStatus(mission.status)
    if new == old:
        return
    check_transition(old, new, mission_id=mission.id)
    columns: dict[str, object] = {"status": new, "updated_at": uow.now}
    if new is MissionStatus.IN_PROGRESS:
        columns["started_at"] = uow.now
    if new is MissionStatus.COMPLETED:
        columns["completed_at"] = uow.now
    await Mission.filter(id=mission.id).using_db(uow.conn).update(**columns)
    mission.update_from_dict(columns)
    uow.record(
        ev.MISSION_STATUS_CHANGED,
        order_id=mission.order_id,
        mission_id=mission.id,
        driver_ids=driver_ids,
        fromStatus=old,
        toStatus=new,
        **data,
    )


async def assign_driver(scope: Scope, clock: Clock, *, mission_id: int, driver_id: int) -> Mission:
    """Put a driver on a mission, refusing SLOT_CONFLICT when the driver is busy then.

    The driver row is locked first (SELECT … FOR UPDATE on PostgreSQL): two concurrent
    assignments of one driver serialise, so the second sees the first's slot.
    """

    async def work(uow: UnitOfWork) -> Mission:
        driver = await scope.get(Driver, driver_id, field=DRIVER_FIELD, for_update=True)
        if not driver.active:
            raise DomainError(
                ErrorCode.INVALID,
                f"{driver.name} is inactive and cannot be assigned.",
                field=DRIVER_FIELD,
            )
        mission = await lock_mission(uow, mission_id, MISSION_FIELD)
        if mission.status not in OPEN_STATUSES:
            check_transition(mission.status, MissionStatus.ASSIGNED, mission_id=mission.id)
        active = (await active_assignments(uow, [mission.id]))[mission.id]
        if any(a.driver_id == driver.id for a in active):
            raise DomainError(
                ErrorCode.CONFLICT,
                f"{driver.name} is already assigned to this mission.",
                field=DRIVER_FIELD,
            )
        await _check_slot_free(uow, driver, mission)
        assignment = await Assignment.create(
            agency_id=scope.agency_id,
            mission_id=mission.id,
            driver_id=driver.id,
            assigned_at=uow.now,
            slot_start=mission.pickup_at,
            slot_end=mission.estimated_end_at,
            # The driver's terms now, as SPEC §3 bills them later.
            driver_window_minutes=driver.cancellation_window_minutes,
            driver_pay_rate_per_hour=driver.pay_rate_per_hour,
            using_db=uow.conn,
        )
        uow.record(
            ev.DRIVER_ASSIGNED,
            order_id=mission.order_id,
            mission_id=mission.id,
            driver_ids=[driver.id],
            driverId=driver.id,
            driverName=driver.name,
            start=mission.pickup_at,
            end=mission.estimated_end_at,
        )
        await set_status_from_assignments(uow, mission, [*active, assignment])
        await refresh_order_statuses(uow, [mission.order_id])
        await offer_rebooked_credit(uow, driver.id, mission)
        return mission

    return await run_command(scope, clock, work)


async def _check_slot_free(uow: UnitOfWork, driver: Driver, mission: Mission) -> None:
    """SLOT_CONFLICT naming the mission whose active assignment overlaps this one."""
    clash = (
        await uow.scope.query(Assignment)
        .filter(
            driver_id=driver.id,
            ended_at__isnull=True,
            slot_start__lt=mission.estimated_end_at,
            slot_end__gt=mission.pickup_at,
        )
        .exclude(mission__status__in=SLOT_FREE_STATUSES)
        .order_by("slot_start", "id")
        .using_db(uow.conn)
        .values("mission_id", "slot_start", "slot_end", "mission__order__reference")
    )
    if clash:
        first = clash[0]
        raise DomainError(
            ErrorCode.SLOT_CONFLICT,
            f"{driver.name} is already on a mission of order {first['mission__order__reference']} "
            f"from {first['slot_start']:%Y-%m-%d %H:%M} to {first['slot_end']:%Y-%m-%d %H:%M} UTC.",
            field=DRIVER_FIELD,
            mission_ids=[first["mission_id"]],
        )


async def unassign_driver(
    scope: Scope, clock: Clock, *, mission_id: int, driver_id: int
) -> Mission:
    """Take a driver off a mission that has not started; the driver's slot is released."""

    async def work(uow: UnitOfWork) -> Mission:
        driver = await scope.get(Driver, driver_id, field=DRIVER_FIELD)
        mission = await lock_mission(uow, mission_id, MISSION_FIELD)
        active = (await active_assignments(uow, [mission.id]))[mission.id]
        mine = [a for a in active if a.driver_id == driver.id]
        if mission.status not in OPEN_STATUSES:
            check_transition(
                mission.status, MissionStatus.PENDING_ASSIGNMENT, mission_id=mission.id
            )
        if not mine:
            raise DomainError(
                ErrorCode.NOT_FOUND,
                f"{driver.name} is not assigned to this mission.",
                field=DRIVER_FIELD,
            )
        await release(uow, mission, mine, ev.DRIVER_UNASSIGNED, driverName=driver.name)
        await set_status_from_assignments(uow, mission, [a for a in active if a not in mine])
        await refresh_order_statuses(uow, [mission.order_id])
        return mission

    return await run_command(scope, clock, work)


async def release(
    uow: UnitOfWork, mission: Mission, assignments: list[Assignment], event: str, **data: Any
) -> None:
    """End the assignments with one event per driver, and record the released slots."""
    slots = await end_assignments(uow, assignments)
    for a in assignments:
        uow.record(
            event,
            order_id=mission.order_id,
            mission_id=mission.id,
            driver_ids=[a.driver_id],
            driverId=a.driver_id,
            **data,
        )
    record_released_slots(uow, slots, mission.order_id)
