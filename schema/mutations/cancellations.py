"""Cancelling missions and orders, un-cancelling, and waivers (ADMIN, OPERATOR)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from models.domain.cascade import SeriesScope
from models.domain.errors import DomainError, ErrorCode
from resolvers.cancellation.cancel_mission import CancelOutcome, cancel_mission
from resolvers.cancellation.cancel_order import cancel_order
from resolvers.cancellation.inputs import CancelRequestInput
from resolvers.cancellation.uncancel import uncancel_mission
from resolvers.cancellation.waiver import set_cancellation_waiver
from schema import permissions as p
from schema.context import Info
from schema.envelope import Payload, mutation, payload
from schema.ids import decode_id
from schema.types.cancellations import Cancellation, MissionPreview
from schema.types.orders import Mission, Order

REQUESTED_BY = "Who on the customer's side asked (non-blank, at most 200 characters)."
REASON_CODE = "An active reason code of the agency's reference list."
NOTE = "A free-text note."
REQUESTED_AT = "When the customer asked (not in the future, at most 7 days back); default: now."
WAIVE = "Waive billing of a billable cancellation: nothing is charged or paid."
WAIVER_NOTE = "Why billing is waived."
KEY = "A retry with the same key and input returns the first result and changes nothing more."


@strawberry.input(description="Cancel one mission, or occurrences of its series.")
class CancelMissionInput:
    mission_id: strawberry.ID = strawberry.field(description="The mission to cancel.")
    requested_by: str = strawberry.field(description=REQUESTED_BY)
    reason_code: str = strawberry.field(description=REASON_CODE)
    note: str | None = strawberry.field(default=None, description=NOTE)
    requested_at: datetime | None = strawberry.field(default=None, description=REQUESTED_AT)
    waive_billing: bool | None = strawberry.field(default=False, description=WAIVE)
    waiver_note: str | None = strawberry.field(default=None, description=WAIVER_NOTE)
    scope: SeriesScope | None = strawberry.field(
        default=SeriesScope.THIS_OCCURRENCE, description="Which occurrences of a series."
    )
    confirm_in_progress: bool | None = strawberry.field(
        default=False, description="Confirm cancelling a mission that is in progress."
    )
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input(description="Whether to cancel an in-progress mission or keep it running.")
class InProgressDecision:
    mission_id: strawberry.ID = strawberry.field(description="An in-progress mission.")
    cancel: bool = strawberry.field(description="True: cancel it; false: keep it running.")


@strawberry.input(description="Cancel a whole order, all or nothing.")
class CancelOrderInput:
    order_id: strawberry.ID = strawberry.field(description="The order to cancel.")
    requested_by: str = strawberry.field(description=REQUESTED_BY)
    reason_code: str = strawberry.field(description=REASON_CODE)
    note: str | None = strawberry.field(default=None, description=NOTE)
    requested_at: datetime | None = strawberry.field(default=None, description=REQUESTED_AT)
    waive_billing: bool | None = strawberry.field(default=False, description=WAIVE)
    waiver_note: str | None = strawberry.field(default=None, description=WAIVER_NOTE)
    in_progress_decisions: list[InProgressDecision] | None = strawberry.field(
        default=None, description="A decision for every mission in progress."
    )
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@payload("The result of cancelMission.")
class CancelMissionPayload(Payload):
    cancellations: list[Cancellation] = strawberry.field(
        default_factory=list, description="One per cancelled mission (several for a series)."
    )
    unchanged: list[MissionPreview] = strawberry.field(
        default_factory=list, description="Occurrences left as they were, with why."
    )
    order: Order | None = strawberry.field(default=None, description="The order after the change.")
    credit_note_required: bool = strawberry.field(
        default=False, description="An invoiced mission was cancelled: issue a credit note."
    )


@payload("The result of cancelOrder.")
class CancelOrderPayload(CancelMissionPayload):
    pass


@payload("The result of uncancelMission.")
class UncancelMissionPayload(Payload):
    mission: Mission | None = strawberry.field(default=None, description="The reopened mission.")


@strawberry.input(description="Reopen a cancelled mission.")
class UncancelMissionInput:
    mission_id: strawberry.ID = strawberry.field(description="The cancelled mission.")
    note: str | None = strawberry.field(default=None, description=NOTE)
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input(description="Switch the waiver of a billable cancellation.")
class SetCancellationWaiverInput:
    cancellation_id: strawberry.ID = strawberry.field(description="The cancellation.")
    waived: bool = strawberry.field(description="True: bill nothing; false: bill it.")
    note: str | None = strawberry.field(default=None, description="Why.")


@payload("The result of setCancellationWaiver.")
class SetCancellationWaiverPayload(Payload):
    cancellation: Cancellation | None = strawberry.field(
        default=None, description="The cancellation after the change."
    )


def request_of(data: CancelMissionInput | CancelOrderInput) -> CancelRequestInput:
    """The shared cancellation fields of an input."""
    return CancelRequestInput(
        requested_by=data.requested_by,
        reason_code=data.reason_code,
        note=data.note,
        requested_at=data.requested_at,
        waive_billing=bool(data.waive_billing),
        waiver_note=data.waiver_note,
    )


def payload_fields(outcome: CancelOutcome) -> dict[str, object]:
    """The payload of a cancellation outcome."""
    return {
        "cancellations": [Cancellation.of(c) for c in outcome.cancellations],
        "unchanged": [
            MissionPreview(mission_row=u.mission, action=u.action, reason=u.reason, decision=None)
            for u in outcome.unchanged
        ],
        "order": Order.of(outcome.order) if outcome.order else None,
        "credit_note_required": outcome.credit_note_required,
    }


@strawberry.type
class CancellationMutation:
    @mutation(
        description="Cancel a mission (or occurrences of its series) in one transaction.",
        permission_classes=[p.DISPATCH],
    )
    async def cancel_mission(
        self,
        info: Info,
        input: Annotated[CancelMissionInput, strawberry.argument(description="What to cancel.")],
    ) -> CancelMissionPayload:
        outcome = await cancel_mission(
            info.context.scope,
            info.context.clock,
            mission_id=decode_id(input.mission_id, "Mission", ("input", "missionId")),
            request=request_of(input),
            series_scope=input.scope or SeriesScope.THIS_OCCURRENCE,
            confirm_in_progress=bool(input.confirm_in_progress),
            idempotency_key=input.idempotency_key,
        )
        return CancelMissionPayload(**payload_fields(outcome))  # type: ignore[arg-type]

    @mutation(
        description="Cancel a whole order by the cascade table, all or nothing.",
        permission_classes=[p.DISPATCH],
    )
    async def cancel_order(
        self,
        info: Info,
        input: Annotated[CancelOrderInput, strawberry.argument(description="What to cancel.")],
    ) -> CancelOrderPayload:
        decisions: dict[int, bool] = {}
        for i, d in enumerate(input.in_progress_decisions or []):
            field = ("input", "inProgressDecisions", str(i), "missionId")
            pk = decode_id(d.mission_id, "Mission", field)
            if pk in decisions:
                raise DomainError(
                    ErrorCode.INVALID,
                    "Give one decision per mission in progress.",
                    field=field,
                    mission_ids=[pk],
                )
            decisions[pk] = d.cancel
        outcome = await cancel_order(
            info.context.scope,
            info.context.clock,
            order_id=decode_id(input.order_id, "Order", ("input", "orderId")),
            request=request_of(input),
            in_progress_decisions=decisions,
            idempotency_key=input.idempotency_key,
        )
        return CancelOrderPayload(**payload_fields(outcome))  # type: ignore[arg-type]

    @mutation(
        description="Reopen a cancelled mission before its end; it has no driver again.",
        permission_classes=[p.DISPATCH],
    )
    async def uncancel_mission(
        self,
        info: Info,
        input: Annotated[UncancelMissionInput, strawberry.argument(description="Which mission.")],
    ) -> UncancelMissionPayload:
        row = await uncancel_mission(
            info.context.scope,
            info.context.clock,
            mission_id=decode_id(input.mission_id, "Mission", ("input", "missionId")),
            note=input.note,
            idempotency_key=input.idempotency_key,
        )
        return UncancelMissionPayload(mission=Mission.of(row))

    @mutation(
        description="Waive or bill a billable cancellation until its invoice is issued.",
        permission_classes=[p.DISPATCH],
    )
    async def set_cancellation_waiver(
        self,
        info: Info,
        input: Annotated[
            SetCancellationWaiverInput, strawberry.argument(description="Which and how.")
        ],
    ) -> SetCancellationWaiverPayload:
        row = await set_cancellation_waiver(
            info.context.scope,
            info.context.clock,
            cancellation_id=decode_id(
                input.cancellation_id, "Cancellation", ("input", "cancellationId")
            ),
            waived=input.waived,
            note=input.note,
        )
        return SetCancellationWaiverPayload(cancellation=Cancellation.of(row))
