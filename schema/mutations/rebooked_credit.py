"""`confirmRebookedCredit`: the operator applies a rebooked slot credit (issue 15)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.cancellation.rebooked_credit import ITEM_ID, confirm_rebooked_credit
from schema import permissions as p
from schema.context import Info
from schema.envelope import Payload, mutation, payload
from schema.ids import decode_id
from schema.types.billing import PendingReviewItem


@strawberry.input(description="The Pending Review item whose rebooked slot credit to apply.")
class ConfirmRebookedCreditInput:
    pending_review_item_id: strawberry.ID = strawberry.field(
        description="The item (a billable cancellation) the credit is offered on."
    )


@payload("The result of confirming a rebooked slot credit.")
class RebookedCreditPayload(Payload):
    item: PendingReviewItem | None = strawberry.field(
        default=None, description="The item, now billing its charge less the credit."
    )


@strawberry.type
class RebookedCreditMutation:
    @mutation(
        description="Apply the rebooked slot credit offered on a Pending Review item: the "
        "item (and the customer's draft) then bills the charge less the credit.",
        permission_classes=[p.DISPATCH],
    )
    async def confirm_rebooked_credit(
        self,
        info: Info,
        input: Annotated[
            ConfirmRebookedCreditInput, strawberry.argument(description="Which item.")
        ],
    ) -> RebookedCreditPayload:
        pk = decode_id(input.pending_review_item_id, "PendingReviewItem", ITEM_ID)
        row = await confirm_rebooked_credit(info.context.scope, info.context.clock, item_id=pk)
        return RebookedCreditPayload(item=PendingReviewItem.of(row))
