"""Webhook endpoints, their deliveries and every attempt, as ADMIN sees them."""

from __future__ import annotations

from datetime import datetime

import strawberry

from models.webhooks import DeliveryStatus, WebhookAudience
from models.webhooks import WebhookAttempt as AttemptRow
from models.webhooks import WebhookDelivery as DeliveryRow
from models.webhooks import WebhookEndpoint as EndpointRow
from schema.ids import to_global_id
from schema.types.node import Node, PageInfo
from subscriptions.notices import encode_cursor


@strawberry.type(description="An HTTPS URL of the agency's that is sent its notices, signed.")
class WebhookEndpoint(Node):
    url: str = strawberry.field(description="Where notices are POSTed.")
    audience: WebhookAudience = strawberry.field(description="Whose notices it receives.")
    events: list[str] = strawberry.field(
        description="The notice types it receives (type names, e.g. MissionCancelledNotice); "
        "empty: every notice of its audience."
    )
    enabled: bool = strawberry.field(description="Whether notices are sent to it.")
    disabled_reason: str | None = strawberry.field(description="Why it was switched off.")
    previous_secret_valid_until: datetime | None = strawberry.field(
        description="Until when the secret before the last rotation still signs (a second "
        "signature in webhook-signature)."
    )
    created_at: datetime = strawberry.field(description="When it was created (UTC).")
    updated_at: datetime = strawberry.field(description="When it was last changed (UTC).")

    @classmethod
    def of(cls, row: EndpointRow) -> WebhookEndpoint:
        return cls(
            id=strawberry.ID(to_global_id("WebhookEndpoint", row.id)),
            url=row.url,
            audience=row.audience,
            events=list(row.notice_types or []),
            enabled=row.enabled,
            disabled_reason=row.disabled_reason,
            previous_secret_valid_until=row.previous_secret_until if row.previous_secret else None,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


@strawberry.type(description="One HTTP request made for a delivery, and its outcome.")
class WebhookAttempt:
    attempted_at: datetime = strawberry.field(description="When it was sent (UTC).")
    status_code: int | None = strawberry.field(
        description="The receiver's HTTP status; null when there was no answer."
    )
    latency_ms: int = strawberry.field(description="How long it took, in milliseconds.")
    error: str | None = strawberry.field(
        description="What went wrong (timeout, refused connection, HTTP 500…); null on 2xx."
    )
    next_retry_at: datetime | None = strawberry.field(
        description="When it is tried again after this attempt; null when it is not."
    )

    @classmethod
    def of(cls, row: AttemptRow) -> WebhookAttempt:
        return cls(
            attempted_at=row.attempted_at,
            status_code=row.status_code,
            latency_ms=row.latency_ms,
            error=row.error,
            next_retry_at=row.next_retry_at,
        )


@strawberry.type(description="One notice owed to one endpoint, with every attempt made.")
class WebhookDelivery(Node):
    message_id: str = strawberry.field(
        description="The webhook-id header and body id: the same on every attempt, to dedupe by."
    )
    notice_type: str = strawberry.field(description="The notice's type name.")
    cursor: str = strawberry.field(description="The notice's cursor (as its subscription's).")
    driver_id: strawberry.ID | None = strawberry.field(
        description="The driver it is about (an endpoint of the DRIVERS audience)."
    )
    status: DeliveryStatus = strawberry.field(description="Where it stands.")
    attempt_count: int = strawberry.field(description="How many requests were made.")
    next_attempt_at: datetime | None = strawberry.field(
        description="When it is tried next, while pending."
    )
    created_at: datetime = strawberry.field(description="When the notice became owed (UTC).")
    delivered_at: datetime | None = strawberry.field(description="When the receiver took it.")
    attempts: list[WebhookAttempt] = strawberry.field(description="Every attempt, oldest first.")

    @classmethod
    def of(cls, row: DeliveryRow, attempts: list[AttemptRow]) -> WebhookDelivery:
        return cls(
            id=strawberry.ID(to_global_id("WebhookDelivery", row.id)),
            message_id=f"msg_{row.id}",
            notice_type=row.notice_type,
            cursor=encode_cursor(row.agency_id, row.event_seq),
            driver_id=strawberry.ID(to_global_id("Driver", row.driver_id))
            if row.driver_id
            else None,
            status=row.status,
            attempt_count=row.attempts,
            next_attempt_at=row.next_attempt_at if row.status == DeliveryStatus.PENDING else None,
            created_at=row.created_at,
            delivered_at=row.delivered_at,
            attempts=[WebhookAttempt.of(a) for a in attempts],
        )


@strawberry.type(description="An endpoint's deliveries, newest first, with their cursors.")
class WebhookDeliveryEdge:
    cursor: str = strawberry.field(description="Pass as `after` to continue after this item.")
    node: WebhookDelivery = strawberry.field(description="The delivery.")


@strawberry.type(description="A page of an endpoint's deliveries.")
class WebhookDeliveryConnection:
    edges: list[WebhookDeliveryEdge] = strawberry.field(description="The items of this page.")
    page_info: PageInfo = strawberry.field(description="Cursors and whether more items exist.")
    total_count: int = strawberry.field(description="How many deliveries match the filter.")
