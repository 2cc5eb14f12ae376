"""Webhook endpoints (ADMIN): create, change, disable, delete, rotate the secret, redeliver."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import strawberry

from models.webhooks import WebhookAudience
from resolvers import webhook_deliveries as wd
from resolvers import webhook_endpoints as we
from schema import permissions as p
from schema.context import Info
from schema.envelope import Payload, mutation, payload
from schema.ids import decode_id, to_global_id
from schema.types.webhooks import WebhookDelivery, WebhookEndpoint

EndpointId = Annotated[
    strawberry.ID, strawberry.argument(description="The global id of the webhook endpoint.")
]


@strawberry.input(description="A new webhook endpoint.")
class CreateWebhookEndpointInput:
    url: str = strawberry.field(
        description="https:// URL (http:// only to a loopback host); its host must resolve "
        "to public addresses."
    )
    audience: WebhookAudience = strawberry.field(
        default=WebhookAudience.DISPATCH, description="Whose notices it receives."
    )
    events: list[str] = strawberry.field(
        default_factory=list,
        description="Notice type names it wants (e.g. MissionCancelledNotice); empty: all "
        "of its audience.",
    )
    secret: str | None = strawberry.field(
        default=None,
        description="A signing secret of your own (whsec_ and 24 to 64 bytes in base64); "
        "leave out to have one generated.",
    )


@strawberry.input(description="Changes to a webhook endpoint; a null field stays as it is.")
class UpdateWebhookEndpointInput:
    url: str | None = strawberry.field(default=None, description="A new URL.")
    events: list[str] | None = strawberry.field(
        default=None, description="The notice type names it wants; empty: all."
    )
    enabled: bool | None = strawberry.field(
        default=None,
        description="false stops sending; true sends again, the deliveries held meanwhile first.",
    )


@payload("A webhook endpoint, with its signing secret: shown here once, never again.")
class WebhookSecretPayload(Payload):
    endpoint: WebhookEndpoint | None = strawberry.field(
        default=None, description="The endpoint; null when refused."
    )
    secret: str | None = strawberry.field(
        default=None, description="The signing secret (whsec_…): keep it, it is not shown again."
    )


@payload("The result of changing a webhook endpoint.")
class WebhookEndpointPayload(Payload):
    endpoint: WebhookEndpoint | None = strawberry.field(
        default=None, description="The endpoint; null when refused."
    )


@payload("The result of deleting a webhook endpoint.")
class DeleteWebhookEndpointPayload(Payload):
    deleted_id: strawberry.ID | None = strawberry.field(
        default=None, description="The id of the deleted endpoint; null when refused."
    )


@payload("The result of asking for a delivery to be sent again.")
class RedeliverPayload(Payload):
    delivery: WebhookDelivery | None = strawberry.field(
        default=None, description="The delivery, pending again; null when refused."
    )


@strawberry.type
class WebhooksMutation:
    @mutation(
        description="Add a webhook endpoint, sent the notices committed from now on.",
        permission_classes=[p.ADMIN],
    )
    async def create_webhook_endpoint(
        self,
        info: Info,
        input: Annotated[
            CreateWebhookEndpointInput, strawberry.argument(description="The new endpoint.")
        ],
    ) -> WebhookSecretPayload:
        row = await we.create_endpoint(
            info.context.scope,
            info.context.clock,
            info.context.settings.webhooks.allowed_networks,
            url=input.url,
            audience=input.audience,
            types=input.events,
            secret=input.secret,
        )
        return WebhookSecretPayload(endpoint=WebhookEndpoint.of(row), secret=row.secret)

    @mutation(description="Change a webhook endpoint.", permission_classes=[p.ADMIN])
    async def update_webhook_endpoint(
        self,
        info: Info,
        id: EndpointId,
        input: Annotated[
            UpdateWebhookEndpointInput, strawberry.argument(description="What to change.")
        ],
    ) -> WebhookEndpointPayload:
        pk = decode_id(id, "WebhookEndpoint", ("id",))
        changes = we.EndpointChanges(
            url=input.url, notice_types=input.events, enabled=input.enabled
        )
        row = await we.update_endpoint(
            info.context.scope,
            info.context.clock,
            info.context.settings.webhooks.allowed_networks,
            pk,
            changes,
        )
        return WebhookEndpointPayload(endpoint=WebhookEndpoint.of(row))

    @mutation(
        description="Stop sending to a webhook endpoint; its notices are held until it is "
        "enabled again.",
        permission_classes=[p.ADMIN],
    )
    async def disable_webhook_endpoint(self, info: Info, id: EndpointId) -> WebhookEndpointPayload:
        pk = decode_id(id, "WebhookEndpoint", ("id",))
        row = await we.update_endpoint(
            info.context.scope, info.context.clock, (), pk, we.EndpointChanges(enabled=False)
        )
        return WebhookEndpointPayload(endpoint=WebhookEndpoint.of(row))

    @mutation(
        description="Delete a webhook endpoint with its deliveries.", permission_classes=[p.ADMIN]
    )
    async def delete_webhook_endpoint(
        self, info: Info, id: EndpointId
    ) -> DeleteWebhookEndpointPayload:
        pk = decode_id(id, "WebhookEndpoint", ("id",))
        await we.delete_endpoint(info.context.scope, info.context.clock, pk)
        return DeleteWebhookEndpointPayload(
            deleted_id=strawberry.ID(to_global_id("WebhookEndpoint", pk))
        )

    @mutation(
        description="A new signing secret, shown once; the old one keeps signing (a second "
        "signature) for the overlap, so receivers can switch without losing a notice.",
        permission_classes=[p.ADMIN],
    )
    async def rotate_webhook_secret(
        self,
        info: Info,
        id: EndpointId,
        overlap_minutes: Annotated[
            int,
            strawberry.argument(description="How long the old secret still signs (0 to 10080)."),
        ] = 1440,
    ) -> WebhookSecretPayload:
        pk = decode_id(id, "WebhookEndpoint", ("id",))
        row = await we.rotate_secret(
            info.context.scope, info.context.clock, pk, timedelta(minutes=overlap_minutes)
        )
        return WebhookSecretPayload(endpoint=WebhookEndpoint.of(row), secret=row.secret)

    @mutation(
        description="Send a delivery again (the same message id), after the earlier "
        "notices of its endpoint and driver.",
        permission_classes=[p.ADMIN],
    )
    async def redeliver(
        self,
        info: Info,
        delivery_id: Annotated[
            strawberry.ID, strawberry.argument(description="The global id of the delivery.")
        ],
    ) -> RedeliverPayload:
        pk = decode_id(delivery_id, "WebhookDelivery", ("deliveryId",))
        row = await wd.redeliver(info.context.scope, info.context.clock, pk)
        return RedeliverPayload(delivery=WebhookDelivery.of(row, []))
