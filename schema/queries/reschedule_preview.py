"""`reschedulePreview`: what moving a mission's start would bill, before the edit form saves."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from models.domain.errors import DomainError, ErrorCode
from resolvers.cancellation.late_reschedule import preview_reschedule
from schema import permissions as p
from schema.context import Info
from schema.errors_gql import bad_argument, not_found
from schema.ids import decode_id
from schema.types.decisions import BillingDecision


@strawberry.type(description="What moving a mission's start would bill (the edit form's banner).")
class ReschedulePreview:
    billed: bool = strawberry.field(
        description="Whether the move would be billed: its policy bills late changes and "
        "the notice falls inside a tier that bills something."
    )
    decision: BillingDecision | None = strawberry.field(
        description="The decision a cancellation of the original time would get now; null "
        "when the mission's policy does not bill changes."
    )


@strawberry.type
class ReschedulePreviewQuery:
    @strawberry.field(
        description="What moving the mission's start to pickupAt now would bill, when its "
        "policy bills late changes (the decision updateMission applies). Changes nothing.",
        permission_classes=[p.READERS],
    )
    async def reschedule_preview(
        self,
        info: Info,
        mission_id: Annotated[strawberry.ID, strawberry.argument(description="The mission.")],
        pickup_at: Annotated[
            datetime, strawberry.argument(description="The new start, with a time zone offset.")
        ],
    ) -> ReschedulePreview:
        try:
            decision = await preview_reschedule(
                info.context.scope,
                info.context.clock,
                mission_id=decode_id(mission_id, "Mission"),
                pickup_at=pickup_at,
            )
        except DomainError as exc:
            if exc.code is ErrorCode.NOT_FOUND:
                raise not_found(exc.errors[0].message) from exc
            raise bad_argument(exc.errors[0].message, "pickupAt") from exc
        return ReschedulePreview(
            billed=decision is not None and decision.billable,
            decision=None if decision is None else BillingDecision.of(decision),
        )
