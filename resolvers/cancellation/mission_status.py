"""`updateMissionStatus`: the generic status update through the transition table (SPEC §2, §6).

Moves driven by assignments (assign, unassign, accept) have their own mutations and
are refused here with a pointer to them; a cancellation goes through `cancelMission`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from models.agency import Agency
from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from models.domain.policies import check_no_show_grace
from models.domain.statuses import MissionStatus, check_transition
from models.orders import Mission, NoShowFeeState
from resolvers import validation as v
from resolvers.cancellation.inputs import NOTE, get_row
from resolvers.cancellation.uncancel import reopen
from resolvers.clock import Clock
from resolvers.invoicing.drafts import refresh_drafts
from resolvers.lifecycle import (
    active_assignments,
    end_assignments,
    lock_missions,
    record_released_slots,
    refresh_order_statuses,
)
from resolvers.policies import grace_minutes
from resolvers.scope import Scope
from resolvers.unit_of_work import UnitOfWork, run_idempotent

MISSION_ID = ("input", "missionId")
STATUS = ("input", "status")
ARRIVED_AT = ("input", "arrivedAt")
_S = MissionStatus

_ELSEWHERE = {
    _S.ASSIGNED: "Assign a driver with assignDriver to make a mission assigned.",
    _S.ACCEPTED_BY_DRIVER: "A mission is accepted when its drivers accept it in their app.",
}


@dataclass(frozen=True)
class StatusOutcome:
    """The mission after the move and, for a no-show, the fee awaiting a decision."""

    mission: Mission
    no_show_fee: Decimal | None
    currency: str


async def change_status(
    uow: UnitOfWork,
    mission: Mission,
    to_status: MissionStatus,
    *,
    note: str | None,
    arrived_at: datetime | None = None,
    confirm_in_progress: bool = False,
) -> Decimal | None:
    """Move a locked mission (not to CANCELLED); returns the pending no-show fee, if any."""
    from_status = MissionStatus(mission.status)
    check_transition(
        from_status,
        to_status,
        confirm_in_progress=confirm_in_progress,
        invoiced=mission.invoiced_at is not None,
        mission_id=mission.id,
    )
    if from_status is _S.CANCELLED:
        await reopen(uow, mission, note)
        return None
    if to_status in _ELSEWHERE:
        raise DomainError(ErrorCode.INVALID, _ELSEWHERE[to_status], field=STATUS)
    if to_status is _S.PENDING_ASSIGNMENT:
        raise DomainError(
            ErrorCode.INVALID,
            "Unassign the mission's drivers with unassignDriver to reopen it.",
            field=STATUS,
        )
    now = uow.now
    changes: dict[str, Any] = {"status": to_status, "updated_at": now}
    data: dict[str, Any] = {}
    fee: Decimal | None = None
    assignments = (await active_assignments(uow, [mission.id])).get(mission.id, [])
    if to_status is _S.IN_PROGRESS:
        changes["started_at"] = now
    elif to_status is _S.COMPLETED:
        changes["completed_at"] = now
    elif to_status is _S.NO_SHOW:
        reported = arrived_at or mission.arrived_at
        check_no_show_grace(
            pickup_at=mission.pickup_at,
            arrived_at=reported,
            grace_minutes=await grace_minutes(uow, mission),
            now=now,
        )
        arrival = reported or now
        changes["arrived_at"] = arrival
        data["arrivedAt"] = arrival
        agency = await Agency.filter(id=uow.scope.agency_id).using_db(uow.conn).first()
        if agency is not None and agency.no_show_fee:
            fee = agency.no_show_fee
            changes["no_show_fee"] = NoShowFeeState.PENDING
            changes["no_show_fee_amount"] = fee
            data["noShowFee"] = fee
    await Mission.filter(id=mission.id).using_db(uow.conn).update(**changes)
    for name, value in changes.items():
        setattr(mission, name, value)
    uow.record(
        ev.MISSION_STATUS_CHANGED,
        order_id=mission.order_id,
        mission_id=mission.id,
        driver_ids=[a.driver_id for a in assignments],
        fromStatus=from_status,
        toStatus=to_status,
        note=note,
        **data,
    )
    if to_status is _S.NO_SHOW:
        # A no-show holds no slot: the driver can be assigned elsewhere at once.
        record_released_slots(uow, await end_assignments(uow, assignments), mission.order_id)
    orders = await refresh_order_statuses(uow, [mission.order_id])
    if to_status is _S.COMPLETED:  # from now on the customer owes it
        await refresh_drafts(uow, orders[mission.order_id].customer_id, [mission.id])
    return fee


async def update_mission_status(
    scope: Scope,
    clock: Clock,
    *,
    mission_id: int,
    status: MissionStatus,
    note: str | None = None,
    arrived_at: datetime | None = None,
    confirm_in_progress: bool = False,
    idempotency_key: str | None = None,
) -> StatusOutcome:
    """Move a mission through the table; NO_SHOW from IN_PROGRESS records the arrival."""
    status = MissionStatus(status)

    async def work(uow: UnitOfWork) -> dict[str, Any]:
        if status is _S.CANCELLED:
            raise DomainError(
                ErrorCode.INVALID,
                "Cancel a mission with cancelMission: it needs who asked and a reason.",
                field=STATUS,
            )
        text = v.optional_text(note, NOTE, "The note")
        arrival = None
        if arrived_at is not None:
            arrival = v.aware(arrived_at, ARRIVED_AT, "The arrival time")
            if arrival > uow.now:
                raise v.invalid(ARRIVED_AT, "The arrival time cannot be in the future.")
        await get_row(uow, Mission, mission_id, MISSION_ID)
        (mission,) = await lock_missions(uow, [mission_id])
        fee = await change_status(
            uow,
            mission,
            status,
            note=text,
            arrived_at=arrival,
            confirm_in_progress=confirm_in_progress,
        )
        return {"missionId": mission.id, "noShowFee": str(fee) if fee is not None else None}

    result = await run_idempotent(
        scope,
        clock,
        key=idempotency_key,
        operation="updateMissionStatus",
        request={
            "missionId": mission_id,
            "status": status,
            "note": note,
            "arrivedAt": arrived_at,
            "confirmInProgress": confirm_in_progress,
        },
        work=work,
    )
    mission = await scope.get(Mission, result["missionId"])
    fee = result["noShowFee"]
    return StatusOutcome(mission, Decimal(fee) if fee else None, mission.policy_currency)
