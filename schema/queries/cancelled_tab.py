"""The Cancelled tab: cancellations, filtered and cursor-paginated, newest first."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from resolvers.reporting import CancellationQuery, ReportRangeError, cancellations_page
from schema import permissions as p
from schema.context import Info
from schema.errors_gql import bad_argument
from schema.ids import parse_global_id
from schema.joins import NODES, selected_joins
from schema.selection import selects
from schema.types.cancellations import Cancellation, CancellationConnection
from schema.types.node import PageAfter, PageFirst, connection


@strawberry.input(
    description="Which cancellations the Cancelled tab lists; every filter given must hold."
)
class CancellationFilter:
    cancelled_from: date | None = strawberry.field(
        default=None, description="Cancelled on or after this agency-local date."
    )
    cancelled_to: date | None = strawberry.field(
        default=None, description="Cancelled on or before this agency-local date (the whole day)."
    )
    customer_search: str | None = strawberry.field(
        default=None, description="Part of the customer's name, any case."
    )
    reason_codes: list[str] | None = strawberry.field(
        default=None, description="Only these reason codes (as recorded at cancellation time)."
    )
    billable: bool | None = strawberry.field(
        default=None, description="Only billable (true) or only non-billable (false) ones."
    )
    waived: bool | None = strawberry.field(
        default=None, description="Only waived (true) or only not waived (false) ones."
    )
    driver_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only those where this driver was assigned when it happened."
    )
    include_reverted: bool | None = strawberry.field(
        default=False, description="Also list cancellations that were reverted (un-cancelled)."
    )


def _driver_pk(global_id: strawberry.ID | None) -> int | None:
    if global_id is None:
        return None
    parsed = parse_global_id(global_id)
    # A malformed or foreign id matches nothing, as a driver of another agency would.
    return parsed[1] if parsed and parsed[0] == "Driver" else -1


@strawberry.type
class CancelledTabQuery:
    @strawberry.field(
        description="The Cancelled tab: cancellations newest first (cancelledAt, then id); "
        "reverted ones only when asked.",
        permission_classes=[p.READERS],
    )
    async def cancellations(
        self,
        info: Info,
        filter: Annotated[
            CancellationFilter | None, strawberry.argument(description="Which cancellations.")
        ] = None,
        first: PageFirst = None,
        after: PageAfter = None,
    ) -> CancellationConnection:
        f = filter or CancellationFilter()
        if f.cancelled_from and f.cancelled_to and f.cancelled_to < f.cancelled_from:
            raise bad_argument("cancelledTo must be on or after cancelledFrom.", "filter")
        query = CancellationQuery(
            cancelled_from=f.cancelled_from,
            cancelled_to=f.cancelled_to,
            customer_search=f.customer_search,
            reason_codes=f.reason_codes,
            billable=f.billable,
            waived=f.waived,
            driver_id=_driver_pk(f.driver_id),
            include_reverted=bool(f.include_reverted),
        )
        page = cancellations_page(
            info.context.scope,
            query,
            first,
            after,
            with_total=selects(info, "totalCount"),
            joins=selected_joins(info, NODES, Cancellation),
            store=info.context.rows,
            zone=info.context.time_zone,
        )
        try:
            return await connection(CancellationConnection, page, Cancellation.of)
        except ReportRangeError as exc:
            raise bad_argument(str(exc), "filter") from exc
