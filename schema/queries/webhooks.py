"""Webhook endpoints and what was sent to them (ADMIN)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from models.domain.errors import DomainError
from models.webhooks import DeliveryStatus
from resolvers import webhook_deliveries as wd
from resolvers.paging import PageError
from resolvers.validation import ArgumentError
from schema import permissions as p
from schema.context import Info
from schema.errors_gql import bad_argument
from schema.ids import decode_id, to_global_id
from schema.types.node import PageAfter, PageFirst, PageInfo
from schema.types.webhooks import (
    WebhookDelivery,
    WebhookDeliveryConnection,
    WebhookDeliveryEdge,
    WebhookEndpoint,
)


@strawberry.input(description="Which deliveries to list.")
class WebhookDeliveryFilter:
    status: DeliveryStatus | None = strawberry.field(
        default=None, description="Only those with this status."
    )


@strawberry.type
class WebhooksQuery:
    @strawberry.field(
        description="The agency's webhook endpoints, oldest first.", permission_classes=[p.ADMIN]
    )
    async def webhook_endpoints(self, info: Info) -> list[WebhookEndpoint]:
        return [WebhookEndpoint.of(r) for r in await wd.list_endpoints(info.context.scope)]

    @strawberry.field(
        description="An endpoint's deliveries, newest first, each with every attempt "
        "(status code, latency, error, next retry).",
        permission_classes=[p.ADMIN],
    )
    async def webhook_deliveries(
        self,
        info: Info,
        endpoint_id: Annotated[
            strawberry.ID, strawberry.argument(description="The endpoint's global id.")
        ],
        filter: Annotated[
            WebhookDeliveryFilter | None, strawberry.argument(description="Which deliveries.")
        ] = None,
        first: PageFirst = None,
        after: PageAfter = None,
    ) -> WebhookDeliveryConnection:
        try:
            pk = decode_id(endpoint_id, "WebhookEndpoint")
            after_pk = decode_id(after, "WebhookDelivery") if after else None
        except DomainError:
            raise bad_argument(
                "endpointId or after is not an id of this list.",
                "after" if after else "endpointId",
            ) from None
        try:
            page = await wd.list_deliveries(
                info.context.scope,
                pk,
                status=filter.status if filter else None,
                first=first,
                after=after_pk,
            )
        except DomainError as exc:
            raise bad_argument(exc.errors[0].message, "endpointId") from None
        except (PageError, ArgumentError) as exc:
            raise bad_argument(str(exc), exc.argument) from None
        cursors = [to_global_id("WebhookDelivery", r.id) for r in page.rows]
        return WebhookDeliveryConnection(
            edges=[
                WebhookDeliveryEdge(cursor=c, node=WebhookDelivery.of(r, page.attempts[r.id]))
                for r, c in zip(page.rows, cursors, strict=True)
            ],
            page_info=PageInfo(
                has_next_page=page.has_next,
                has_previous_page=after is not None,
                start_cursor=cursors[0] if cursors else None,
                end_cursor=cursors[-1] if cursors else None,
            ),
            total_count=page.total,
        )
