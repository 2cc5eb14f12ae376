"""Pending Review: billable cancellations and no-show fees not yet invoiced."""

from __future__ import annotations

import strawberry

from resolvers.reporting import pending_review_page
from schema import permissions as p
from schema.context import Info
from schema.joins import NODES, selected_joins
from schema.selection import selects
from schema.types.billing import PendingReviewConnection, PendingReviewEdge, PendingReviewItem
from schema.types.node import PageAfter, PageFirst, connection


@strawberry.type
class PendingReviewQuery:
    @strawberry.field(
        description="Billable cancellations and no-show fees not yet invoiced, oldest first. "
        "Waived items stay listed (waived: true) while the waiver can still be switched; "
        "items of reverted cancellations are withdrawn and not listed.",
        permission_classes=[p.READERS],
    )
    async def pending_review(
        self, info: Info, first: PageFirst = None, after: PageAfter = None
    ) -> PendingReviewConnection:
        page = pending_review_page(
            info.context.scope,
            first,
            after,
            with_total=selects(info, "totalCount"),
            joins=selected_joins(info, NODES, PendingReviewItem),
            store=info.context.rows,
        )
        return await connection(
            PendingReviewConnection, page, PendingReviewItem.of, edge=PendingReviewEdge
        )
