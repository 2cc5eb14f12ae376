"""`setLateRescheduleWaiver`: waive or bill a late reschedule in Pending Review (issue 15)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.cancellation.late_reschedule import ITEM_ID, set_late_reschedule_waiver
from schema import permissions as p
from schema.context import Info
from schema.envelope import Payload, mutation, payload
from schema.ids import decode_id
from schema.types.billing import PendingReviewItem


@strawberry.input(description="Which late reschedule to waive or bill, and why.")
class SetLateRescheduleWaiverInput:
    pending_review_item_id: strawberry.ID = strawberry.field(
        description="The Pending Review item that bills the late reschedule (kind LATE_RESCHEDULE)."
    )
    waived: bool = strawberry.field(description="True: bill nothing; false: bill it.")
    note: str | None = strawberry.field(default=None, description="Why.")


@payload("The result of setLateRescheduleWaiver.")
class LateRescheduleWaiverPayload(Payload):
    item: PendingReviewItem | None = strawberry.field(
        default=None, description="The item after the change."
    )


@strawberry.type
class LateRescheduleMutation:
    @mutation(
        description="Waive or bill a late reschedule (billed as a cancellation of the "
        "original time) until its invoice is issued; the customer's draft follows.",
        permission_classes=[p.DISPATCH],
    )
    async def set_late_reschedule_waiver(
        self,
        info: Info,
        input: Annotated[
            SetLateRescheduleWaiverInput, strawberry.argument(description="Which and how.")
        ],
    ) -> LateRescheduleWaiverPayload:
        pk = decode_id(input.pending_review_item_id, "PendingReviewItem", ITEM_ID)
        row = await set_late_reschedule_waiver(
            info.context.scope,
            info.context.clock,
            item_id=pk,
            waived=input.waived,
            note=input.note,
        )
        return LateRescheduleWaiverPayload(item=PendingReviewItem.of(row))
