"""Pending Review: billable cancellations and no-show fees not yet invoiced."""

from __future__ import annotations

import strawberry

from resolvers.paging import PageError
from resolvers.reporting import pending_review_page
from schema import permissions as p
from schema.context import Info
from schema.errors_gql import bad_argument
from schema.types.billing import PendingReviewConnection, PendingReviewEdge, PendingReviewItem
from schema.types.node import PageAfter, PageFirst, page_info


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
        try:
            page = await pending_review_page(info.context.scope, first, after)
        except PageError as exc:
            raise bad_argument(str(exc), "after" if "after" in str(exc) else "first") from exc
        return PendingReviewConnection(
            edges=[
                PendingReviewEdge(cursor=c, node=PendingReviewItem.of(r))
                for r, c in zip(page.rows, page.cursors, strict=True)
            ],
            page_info=page_info(page),  # type: ignore[arg-type]
            total_count=page.total or 0,
        )
