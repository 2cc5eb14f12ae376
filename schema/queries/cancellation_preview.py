"""`cancellationPreview`: the billing banner before confirming a cancellation."""

from __future__ import annotations

from typing import Annotated

import strawberry

from models.domain.cascade import SeriesScope
from models.domain.errors import DomainError, ErrorCode
from resolvers.cancellation.preview import preview_cancellation
from schema import permissions as p
from schema.context import Info
from schema.errors_gql import bad_argument, not_found
from schema.ids import decode_id
from schema.types.cancellations import BillingDecision, CancellationPreview, MissionPreview


@strawberry.type
class CancellationPreviewQuery:
    @strawberry.field(
        description="What cancelling a mission (with its series scope) or a whole order now "
        "would do, per mission, with each billing decision. Changes nothing.",
        permission_classes=[p.READERS],
    )
    async def cancellation_preview(
        self,
        info: Info,
        mission_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="A mission to preview.")
        ] = None,
        order_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="An order to preview.")
        ] = None,
        scope: Annotated[
            SeriesScope | None, strawberry.argument(description="Which occurrences of a series.")
        ] = SeriesScope.THIS_OCCURRENCE,
    ) -> CancellationPreview:
        if (mission_id is None) == (order_id is None):
            raise bad_argument("Give exactly one of missionId and orderId.", "missionId")
        try:
            preview = await preview_cancellation(
                info.context.scope,
                info.context.clock,
                mission_id=decode_id(mission_id, "Mission") if mission_id else None,
                order_id=decode_id(order_id, "Order") if order_id else None,
                series_scope=scope or SeriesScope.THIS_OCCURRENCE,
            )
        except DomainError as exc:
            if exc.code is ErrorCode.NOT_FOUND:
                raise not_found(exc.errors[0].message) from exc
            raise bad_argument(exc.errors[0].message, "missionId") from exc
        return CancellationPreview(
            missions=[
                MissionPreview(
                    mission_row=line.mission,
                    action=line.action,
                    reason=line.reason,
                    decision=BillingDecision.of(line.decision) if line.decision else None,
                )
                for line in preview.lines
            ],
            credit_note_required=preview.credit_note_required,
        )
