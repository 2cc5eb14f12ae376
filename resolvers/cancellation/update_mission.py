"""`updateMission`: the edit form (SPEC §4.3).

Schedule, places and notes are edited here; `status: CANCELLED` is a cancellation
through the very same code path as `cancelMission`, any other status goes through
the transition table like `updateMissionStatus`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from models.cancellations import Cancellation
from models.domain import events as ev
from models.domain.billing import BillingDecision, validate_requested_at
from models.domain.errors import DomainError, ErrorCode
from models.domain.policies import VEHICLE_CLASS_MAX
from models.domain.statuses import OPEN_STATUSES, MissionStatus
from models.orders import Assignment, Mission
from models.people import Driver
from models.policies import LateReschedule
from resolvers import validation as v
from resolvers.cancellation.cancel_mission import cancel_in
from resolvers.cancellation.inputs import CancelRequestInput, get_row
from resolvers.cancellation.late_reschedule import bill_late_reschedule
from resolvers.cancellation.mission_status import change_status
from resolvers.clock import Clock
from resolvers.lifecycle import SLOT_FREE_STATUSES, lock_missions
from resolvers.scope import Scope
from resolvers.unit_of_work import UnitOfWork, run_idempotent

MISSION_ID = ("input", "missionId")


@dataclass(frozen=True)
class MissionEdit:
    """The edit form's fields; None leaves a field as it is."""

    pickup_at: datetime | None = None
    estimated_end_at: datetime | None = None
    pickup_location: str | None = None
    dropoff_location: str | None = None
    notes: str | None = None
    vehicle_class: str | None = None
    status: MissionStatus | None = None
    cancel: CancelRequestInput = field(default_factory=lambda: CancelRequestInput(None, None))
    confirm_in_progress: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The request as the idempotency record hashes it (without a vehicle class when
        none is given, as before there was one: a retry's key keeps its hash)."""
        extra = {} if self.vehicle_class is None else {"vehicleClass": self.vehicle_class}
        return {
            **extra,
            "pickupAt": self.pickup_at,
            "estimatedEndAt": self.estimated_end_at,
            "pickupLocation": self.pickup_location,
            "dropoffLocation": self.dropoff_location,
            "notes": self.notes,
            "status": self.status,
            "confirmInProgress": self.confirm_in_progress,
            **self.cancel.as_dict(),
        }


@dataclass(frozen=True)
class EditOutcome:
    """The mission after the edit, and its cancellation when the edit cancelled it."""

    mission: Mission
    cancellation: Cancellation | None
    # The move's bill when the policy bills late changes and the move was inside a tier.
    late_reschedule: LateReschedule | None = None


def _same(a: datetime | None, b: datetime) -> bool:
    return a is None or a.astimezone(UTC) == b.astimezone(UTC)


async def _edit_fields(uow: UnitOfWork, mission: Mission, edit: MissionEdit) -> int | None:
    """Apply the schedule, places and notes; a schedule change needs a booked mission.

    Returns the late reschedule billed, if any (issue 15).
    """
    billed: int | None = None
    changes: dict[str, Any] = {}
    start = (
        v.aware(edit.pickup_at, ("input", "pickupAt"), "The pickup time")
        if edit.pickup_at
        else None
    )
    end = (
        v.aware(edit.estimated_end_at, ("input", "estimatedEndAt"), "The estimated end")
        if edit.estimated_end_at
        else None
    )
    late: tuple[BillingDecision, LateReschedule | None] | None = None
    late_data: dict[str, Any] = {}
    if edit.status is MissionStatus.CANCELLED and edit.vehicle_class is not None:
        # The cancellation is priced by the class booked, never by one changed with it.
        raise DomainError(
            ErrorCode.INVALID,
            "A mission being cancelled keeps its vehicle class: change it in another edit.",
            field=("input", "vehicleClass"),
        )
    reschedule = not (_same(start, mission.pickup_at) and _same(end, mission.estimated_end_at))
    if reschedule:
        if mission.status not in OPEN_STATUSES or edit.status is MissionStatus.CANCELLED:
            raise DomainError(
                ErrorCode.INVALID,
                "Only a booked mission that is not being cancelled can be rescheduled.",
                field=(
                    "input",
                    "pickupAt" if not _same(start, mission.pickup_at) else "estimatedEndAt",
                ),
            )
        new_start = (start or mission.pickup_at).astimezone(UTC)
        new_end = (end or mission.estimated_end_at).astimezone(UTC)
        if new_end <= new_start:
            raise v.invalid(
                ("input", "estimatedEndAt"), "The estimated end must be after the pickup time."
            )
        await _check_drivers_free(uow, mission, new_start, new_end)
        judged_at = validate_requested_at(edit.cancel.requested_at, uow.now)
        late = await bill_late_reschedule(uow, mission, new_start, new_end, judged_at)
        if late is not None:
            late_decision, late_row = late
            billed = late_row.id if late_row is not None else None
            late_data = late_decision.to_dict()
        changes.update(pickup_at=new_start, estimated_end_at=new_end)
        await (
            Assignment.filter(mission_id=mission.id, ended_at__isnull=True)
            .using_db(uow.conn)
            .update(slot_start=new_start, slot_end=new_end)
        )
    for name, label, limit in (
        ("pickup_location", "The pickup location", 300),
        ("dropoff_location", "The drop-off location", 300),
        ("notes", "The notes", 2000),
        ("vehicle_class", "The vehicle class", VEHICLE_CLASS_MAX),
    ):
        value = getattr(edit, name)
        if value is None:
            continue
        camel = "".join(p if i == 0 else p.title() for i, p in enumerate(name.split("_")))
        text = v.optional_text(value, ("input", camel), label, limit)
        if text != getattr(mission, name):
            changes[name] = text
    if not changes:
        return billed
    before = {k: getattr(mission, k) for k in changes}
    extra: dict[str, Any] = {"lateReschedule": late_data} if late is not None else {}
    await Mission.filter(id=mission.id).using_db(uow.conn).update(**changes, updated_at=uow.now)
    for name, value in changes.items():
        setattr(mission, name, value)
    uow.record(
        ev.MISSION_UPDATED,
        order_id=mission.order_id,
        mission_id=mission.id,
        changes={k: {"from": before[k], "to": changes[k]} for k in changes},
        **extra,
    )
    return billed


async def _lock_assigned_drivers(uow: UnitOfWork, mission_id: int) -> None:
    """Lock the mission's drivers before the mission, as assignDriver does (driver, then
    mission): a reschedule and an assignment of one of them to the new slot serialise."""
    driver_ids = (
        await Assignment.filter(mission_id=mission_id, ended_at__isnull=True)
        .using_db(uow.conn)
        .values_list("driver_id", flat=True)
    )
    if driver_ids:
        await (
            uow.scope.query(Driver)
            .filter(id__in=list(driver_ids))
            .select_for_update(no_key=True)
            .order_by("id")
            .using_db(uow.conn)
        )


async def _check_drivers_free(
    uow: UnitOfWork, mission: Mission, start: datetime, end: datetime
) -> None:
    """SLOT_CONFLICT when an assigned driver is busy elsewhere in the new slot."""
    drivers = (
        await Assignment.filter(mission_id=mission.id, ended_at__isnull=True)
        .using_db(uow.conn)
        .values_list("driver_id", flat=True)
    )
    if not drivers:
        return
    clash = await (
        uow.scope.query(Assignment)
        .filter(
            driver_id__in=list(drivers),
            ended_at__isnull=True,
            slot_start__lt=end,
            slot_end__gt=start,
        )
        .exclude(mission_id=mission.id)
        .exclude(mission__status__in=SLOT_FREE_STATUSES)
        .using_db(uow.conn)
        .first()
    )
    if clash is not None:
        raise DomainError(
            ErrorCode.SLOT_CONFLICT,
            "An assigned driver already has a mission in the new time slot.",
            field=("input", "pickupAt"),
            mission_ids=[clash.mission_id],
        )


async def update_mission(
    scope: Scope,
    clock: Clock,
    *,
    mission_id: int,
    edit: MissionEdit,
    idempotency_key: str | None = None,
) -> EditOutcome:
    """Edit a mission; with `status` CANCELLED, cancel it exactly as cancelMission does."""

    async def work(uow: UnitOfWork) -> dict[str, Any]:
        await get_row(uow, Mission, mission_id, MISSION_ID)
        if edit.pickup_at is not None or edit.estimated_end_at is not None:
            await _lock_assigned_drivers(uow, mission_id)
        (mission,) = await lock_missions(uow, [mission_id])
        late_id = await _edit_fields(uow, mission, edit)
        cancellation_id = None
        if edit.status is MissionStatus.CANCELLED:
            done = await cancel_in(
                uow,
                mission_id=mission.id,
                request=edit.cancel,
                confirm_in_progress=edit.confirm_in_progress,
            )
            cancellation_id = done.result["cancellationIds"][0]
        elif edit.status is not None and edit.status != mission.status:
            await change_status(
                uow, mission, edit.status, note=None, confirm_in_progress=edit.confirm_in_progress
            )
        return {
            "missionId": mission.id,
            "cancellationId": cancellation_id,
            "lateRescheduleId": late_id,
        }

    result = await run_idempotent(
        scope,
        clock,
        key=idempotency_key,
        operation="updateMission",
        request={"missionId": mission_id, **edit.as_dict()},
        work=work,
    )
    mission = await scope.get(Mission, result["missionId"])
    cancellation = None
    if result["cancellationId"] is not None:
        cancellation = await scope.get(Cancellation, result["cancellationId"])
    late = None
    if result.get("lateRescheduleId") is not None:
        late = await scope.get(LateReschedule, result["lateRescheduleId"])
    return EditOutcome(mission, cancellation, late)
