"""Taking deliveries to send and writing down what came of them.

Only the oldest pending delivery of each (endpoint, lane) is ever claimed, so an
endpoint hears of a driver's notices in their order. A claim is a lease: on PostgreSQL
the rows are locked FOR UPDATE SKIP LOCKED while the lease is written, so two
processes never claim one delivery; a process that dies mid-send leaves a lease that
runs out, and the delivery is sent again (at least once; receivers dedupe by id).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise import connections
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from models.agency import Role
from models.domain import events as ev
from models.webhook_settings import WebhookSettings
from models.webhooks import DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from resolvers.clock import SystemClock
from resolvers.scope import Scope
from resolvers.unit_of_work import UnitOfWork, run_command
from subscriptions.webhooks.client import Outcome
from subscriptions.webhooks.schedule import next_attempt


@dataclass(frozen=True)
class Claim:
    """A delivery this process may send until `lease_token` runs out."""

    delivery: WebhookDelivery
    lease_token: str


async def lane_heads() -> list[int]:
    """The oldest pending delivery of every lane of every enabled endpoint."""
    rows = await connections.get("default").execute_query_dict(
        "SELECT MIN(d.id) AS id FROM webhook_delivery d "
        "JOIN webhook_endpoint e ON e.id = d.endpoint_id "
        "WHERE d.status = 'PENDING' AND e.enabled GROUP BY d.endpoint_id, d.lane"
    )
    return [int(r["id"]) for r in rows]


async def claim(now: datetime, limit: int, lease: timedelta) -> list[Claim]:
    """Up to `limit` lane heads that are due and not in flight, leased to this process."""
    heads = await lane_heads()
    if not heads:
        return []
    token = secrets.token_hex(8)
    async with in_transaction() as conn:
        qs = (
            WebhookDelivery.filter(id__in=heads, status=DeliveryStatus.PENDING)
            .filter(next_attempt_at__lte=now)
            .filter(Q(leased_until__isnull=True) | Q(leased_until__lt=now))
            .using_db(conn)
            .order_by("id")
            .limit(limit)
        )
        if conn.capabilities.dialect != "sqlite":
            qs = qs.select_for_update(skip_locked=True)
        rows = await qs
        if not rows:
            return []
        await (
            WebhookDelivery.filter(id__in=[r.id for r in rows])
            .using_db(conn)
            .update(leased_until=now + lease, lease_token=token)
        )
    return [Claim(row, token) for row in rows]


async def record(
    claim_: Claim, outcome: Outcome, now: datetime, settings: WebhookSettings
) -> datetime | None:
    """Write the attempt and the delivery's new state; the next try's time, if any.

    A delivery failing for the whole retry period gives up (FAILED), and its endpoint
    is disabled with a notice on the agency's dispatch board.
    """
    delivery = claim_.delivery
    next_at: datetime | None = None
    gave_up = False
    changes: dict[str, object] = {
        "attempts": delivery.attempts + 1,
        "last_status_code": outcome.status_code,
        "last_error": outcome.error[:500] if outcome.error else None,
        "leased_until": None,
        "lease_token": None,
    }
    if outcome.ok:
        changes.update(status=DeliveryStatus.DELIVERED, delivered_at=now, first_failed_at=None)
    else:
        first = delivery.first_failed_at or now
        next_at = next_attempt(first, now, settings)
        changes["first_failed_at"] = first
        if next_at is None:
            gave_up = True
            changes["status"] = DeliveryStatus.FAILED
        else:
            changes["next_attempt_at"] = next_at
    if not await WebhookDelivery.filter(id=delivery.id).exists():
        return None  # its endpoint was deleted meanwhile: nothing left to write
    async with in_transaction() as conn:
        await WebhookAttempt.create(
            delivery_id=delivery.id,
            attempted_at=now,
            status_code=outcome.status_code,
            latency_ms=outcome.latency_ms,
            error=changes["last_error"],
            next_retry_at=next_at,
            using_db=conn,
        )
        await (
            WebhookDelivery.filter(id=delivery.id, lease_token=claim_.lease_token)
            .using_db(conn)
            .update(**changes)
        )
    if gave_up:
        await disable_endpoint(delivery, outcome, settings)
    return next_at


async def disable_endpoint(
    delivery: WebhookDelivery, outcome: Outcome, settings: WebhookSettings
) -> None:
    """Switch the endpoint off and tell the agency's board why."""
    reason = (
        f"Deliveries failed for {_duration(settings.retry_for)} "
        f"(last: {outcome.error or 'no answer'}); "
        "fix the receiver, then enable the endpoint again."
    )[:500]
    scope = Scope(
        agency_id=delivery.agency_id, user_id=0, user_name="Webhook delivery", role=Role.ADMIN
    )

    async def work(uow: UnitOfWork) -> None:
        changed = await (
            WebhookEndpoint.filter(id=delivery.endpoint_id, enabled=True)
            .using_db(uow.conn)
            .update(enabled=False, disabled_reason=reason, updated_at=uow.now)
        )
        if changed:
            endpoint = (
                await WebhookEndpoint.filter(id=delivery.endpoint_id).using_db(uow.conn).get()
            )
            uow.record(
                ev.WEBHOOK_ENDPOINT_DISABLED,
                endpointId=endpoint.id,
                url=endpoint.url,
                reason=reason,
                deliveryId=delivery.id,
            )

    await run_command(scope, SystemClock(), work)


def _duration(seconds: float) -> str:
    """24 h, 90 min, 5 s."""
    if seconds >= 3600:
        return f"{seconds / 3600:g} h"
    if seconds >= 60:
        return f"{seconds / 60:g} min"
    return f"{seconds:g} s"
