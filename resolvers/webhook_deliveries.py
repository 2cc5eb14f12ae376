"""What was sent to an endpoint (every attempt), and sending one again by hand."""

from __future__ import annotations

from dataclasses import dataclass

from models.domain.errors import DomainError, ErrorCode
from models.webhooks import DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from resolvers.clock import Clock
from resolvers.paging import page_size
from resolvers.scope import Scope
from resolvers.validation import ArgumentError


@dataclass(frozen=True)
class DeliveryPage:
    """Deliveries newest first, their attempts oldest first, and whether more follow."""

    rows: list[WebhookDelivery]
    attempts: dict[int, list[WebhookAttempt]]
    has_next: bool
    total: int


async def endpoint_of(scope: Scope, pk: int, field: tuple[str, ...]) -> WebhookEndpoint:
    row = await scope.query(WebhookEndpoint).filter(id=pk).first()
    if row is None:
        raise DomainError(ErrorCode.NOT_FOUND, "There is no such webhook endpoint.", field=field)
    return row


async def list_endpoints(scope: Scope) -> list[WebhookEndpoint]:
    """The agency's endpoints, oldest first."""
    return await scope.query(WebhookEndpoint).order_by("id")


async def list_deliveries(
    scope: Scope,
    endpoint_id: int,
    *,
    status: DeliveryStatus | None,
    first: int | None,
    after: int | None,
) -> DeliveryPage:
    """A page of an endpoint's deliveries, newest first (`after`: the last id seen)."""
    size = page_size(first)
    await endpoint_of(scope, endpoint_id, ("endpointId",))
    qs = WebhookDelivery.filter(agency_id=scope.agency_id, endpoint_id=endpoint_id)
    if status is not None:
        qs = qs.filter(status=status)
    total = await qs.count()
    if after is not None:
        if after <= 0:
            raise ArgumentError("after is not a cursor of this list.", "after")
        qs = qs.filter(id__lt=after)
    rows = await qs.order_by("-id").limit(size + 1)
    has_next = len(rows) > size
    rows = rows[:size]
    attempts: dict[int, list[WebhookAttempt]] = {r.id: [] for r in rows}
    if rows:
        for attempt in await WebhookAttempt.filter(delivery_id__in=list(attempts)).order_by("id"):
            attempts[attempt.delivery_id].append(attempt)
    return DeliveryPage(rows, attempts, has_next, total)


async def redeliver(scope: Scope, clock: Clock, pk: int) -> WebhookDelivery:
    """Send a delivery again, as soon as its lane lets it (the same message id)."""
    row = await WebhookDelivery.filter(agency_id=scope.agency_id, id=pk).first()
    if row is None:
        raise DomainError(
            ErrorCode.NOT_FOUND, "There is no such webhook delivery.", field=("deliveryId",)
        )
    now = clock.now()
    await WebhookDelivery.filter(id=pk).update(
        status=DeliveryStatus.PENDING,
        next_attempt_at=now,
        first_failed_at=None,
        leased_until=None,
        lease_token=None,
    )
    await row.refresh_from_db()
    return row
