"""The edit form, the generic status update and no-show fees (ADMIN, OPERATOR)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from models.domain.billing import BillingDecision as Decision
from models.domain.statuses import MissionStatus
from resolvers.cancellation.inputs import CancelRequestInput
from resolvers.cancellation.mission_status import update_mission_status
from resolvers.cancellation.no_show_fee import resolve_no_show_fee
from resolvers.cancellation.update_mission import MissionEdit, update_mission
from schema import permissions as p
from schema.context import Info
from schema.enums import NoShowFeeDecision
from schema.envelope import Payload, mutation, payload
from schema.ids import decode_id
from schema.mutations.cancellations import KEY, NOTE, REQUESTED_AT, WAIVE, WAIVER_NOTE
from schema.types.cancellations import Cancellation
from schema.types.common import Money
from schema.types.decisions import BillingDecision
from schema.types.orders import Mission


@strawberry.input(description="The edit form: null leaves a field as it is.")
class UpdateMissionInput:
    mission_id: strawberry.ID = strawberry.field(description="The mission to edit.")
    pickup_at: datetime | None = strawberry.field(default=None, description="New start.")
    estimated_end_at: datetime | None = strawberry.field(default=None, description="New end.")
    pickup_location: str | None = strawberry.field(default=None, description="Where it starts.")
    dropoff_location: str | None = strawberry.field(default=None, description="Where it ends.")
    notes: str | None = strawberry.field(default=None, description="Notes for the driver.")
    vehicle_class: str | None = strawberry.field(
        default=None, description='The vehicle class booked, e.g. "SUV"; blank: none.'
    )
    status: MissionStatus | None = strawberry.field(
        default=None,
        description="A new status through the transition table; CANCELLED cancels the "
        "mission exactly as cancelMission does.",
    )
    requested_by: str | None = strawberry.field(
        default=None, description="Who asked to cancel; required when status is CANCELLED."
    )
    reason_code: str | None = strawberry.field(
        default=None, description="An active reason code; required when status is CANCELLED."
    )
    cancellation_note: str | None = strawberry.field(
        default=None, description=f"When cancelling: {NOTE}"
    )
    requested_at: datetime | None = strawberry.field(
        default=None, description=f"When cancelling: {REQUESTED_AT}"
    )
    waive_billing: bool | None = strawberry.field(
        default=False, description=f"When cancelling: {WAIVE}"
    )
    waiver_note: str | None = strawberry.field(default=None, description=WAIVER_NOTE)
    confirm_in_progress: bool | None = strawberry.field(
        default=False, description="Confirm cancelling a mission that is in progress."
    )
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@payload("The result of updateMission.")
class UpdateMissionPayload(Payload):
    mission: Mission | None = strawberry.field(default=None, description="The mission now.")
    cancellation: Cancellation | None = strawberry.field(
        default=None, description="The cancellation, when the edit cancelled the mission."
    )
    late_reschedule: BillingDecision | None = strawberry.field(
        default=None,
        description="The bill of a start moved inside the policy's notice, when its policy "
        "bills late changes (in Pending Review); null otherwise.",
    )


@strawberry.input(description="Move a mission to another status through the transition table.")
class UpdateMissionStatusInput:
    mission_id: strawberry.ID = strawberry.field(description="The mission.")
    status: MissionStatus = strawberry.field(
        description="The new status (CANCELLED is refused: use cancelMission)."
    )
    note: str | None = strawberry.field(default=None, description=NOTE)
    arrived_at: datetime | None = strawberry.field(
        default=None,
        description="For NO_SHOW: the driver's arrival; default: the one the driver reported, "
        "else now.",
    )
    confirm_in_progress: bool | None = strawberry.field(
        default=False, description="Passed to the transition table (only cancelling needs it)."
    )
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@payload("The result of updateMissionStatus.")
class UpdateMissionStatusPayload(Payload):
    mission: Mission | None = strawberry.field(default=None, description="The mission now.")
    no_show_fee: Money | None = strawberry.field(
        default=None, description="For a no-show: the agency's fee awaiting resolveNoShowFee."
    )


@strawberry.input(description="The operator's decision on a pending no-show fee.")
class ResolveNoShowFeeInput:
    mission_id: strawberry.ID = strawberry.field(description="The no-show mission.")
    decision: NoShowFeeDecision = strawberry.field(description="Add the fee or waive it.")
    note: str | None = strawberry.field(default=None, description="Why (required to waive).")


@payload("The result of resolveNoShowFee.")
class ResolveNoShowFeePayload(Payload):
    mission: Mission | None = strawberry.field(default=None, description="The mission now.")


def _mission_id(gid: strawberry.ID) -> int:
    return decode_id(gid, "Mission", ("input", "missionId"))


@strawberry.type
class MissionEditsMutation:
    @mutation(
        description="Edit a mission; status CANCELLED is a cancellation with the same rules.",
        permission_classes=[p.DISPATCH],
    )
    async def update_mission(
        self,
        info: Info,
        input: Annotated[UpdateMissionInput, strawberry.argument(description="The edits.")],
    ) -> UpdateMissionPayload:
        edit = MissionEdit(
            pickup_at=input.pickup_at,
            estimated_end_at=input.estimated_end_at,
            pickup_location=input.pickup_location,
            dropoff_location=input.dropoff_location,
            notes=input.notes,
            vehicle_class=input.vehicle_class,
            status=input.status,
            cancel=CancelRequestInput(
                requested_by=input.requested_by,
                reason_code=input.reason_code,
                note=input.cancellation_note,
                requested_at=input.requested_at,
                waive_billing=bool(input.waive_billing),
                waiver_note=input.waiver_note,
                note_field=("input", "cancellationNote"),
            ),
            confirm_in_progress=bool(input.confirm_in_progress),
        )
        outcome = await update_mission(
            info.context.scope,
            info.context.clock,
            mission_id=_mission_id(input.mission_id),
            edit=edit,
            idempotency_key=input.idempotency_key,
        )
        return UpdateMissionPayload(
            mission=Mission.of(outcome.mission),
            cancellation=Cancellation.of(outcome.cancellation) if outcome.cancellation else None,
            late_reschedule=None
            if outcome.late_reschedule is None
            else BillingDecision.of(Decision.from_dict(outcome.late_reschedule.decision)),
        )

    @mutation(
        description="Move a mission through the transition table; NO_SHOW from IN_PROGRESS "
        "records the arrival, releases the slot and may leave a fee pending.",
        permission_classes=[p.DISPATCH],
    )
    async def update_mission_status(
        self,
        info: Info,
        input: Annotated[UpdateMissionStatusInput, strawberry.argument(description="The move.")],
    ) -> UpdateMissionStatusPayload:
        outcome = await update_mission_status(
            info.context.scope,
            info.context.clock,
            mission_id=_mission_id(input.mission_id),
            status=input.status,
            note=input.note,
            arrived_at=input.arrived_at,
            confirm_in_progress=bool(input.confirm_in_progress),
            idempotency_key=input.idempotency_key,
        )
        fee = outcome.no_show_fee
        return UpdateMissionStatusPayload(
            mission=Mission.of(outcome.mission),
            no_show_fee=Money.of(fee, outcome.currency) if fee is not None else None,
        )

    @mutation(
        description="Add a pending no-show fee (draft invoice or Pending Review) or waive it.",
        permission_classes=[p.DISPATCH],
    )
    async def resolve_no_show_fee(
        self,
        info: Info,
        input: Annotated[ResolveNoShowFeeInput, strawberry.argument(description="The decision.")],
    ) -> ResolveNoShowFeePayload:
        row = await resolve_no_show_fee(
            info.context.scope,
            info.context.clock,
            mission_id=_mission_id(input.mission_id),
            decision=input.decision.name,
            note=input.note,
        )
        return ResolveNoShowFeePayload(mission=Mission.of(row))
