"""Committed events become deliveries: one per endpoint that wants the notice.

Each endpoint keeps `scanned_seq`, how far the agency's events were looked at; the
deliveries and the move of the mark are one transaction, so a notice is owed once
(the unique key (endpoint, seq, lane) says so again). Cursors are gapless and follow
commit order, so no event can commit later below the mark. On PostgreSQL the endpoint
row is taken with FOR UPDATE SKIP LOCKED: one process scans an endpoint at a time.
"""

from __future__ import annotations

from datetime import datetime

from tortoise import connections
from tortoise.transactions import in_transaction

from models.audit import Event
from models.webhooks import WebhookAudience, WebhookDelivery, WebhookEndpoint
from subscriptions.webhooks.kinds import NOTICE_TYPES, wanted_event_types


async def endpoints_behind() -> list[int]:
    """Enabled endpoints whose agency has events past their mark."""
    rows = await connections.get("default").execute_query_dict(
        "SELECT e.id AS id FROM webhook_endpoint e JOIN agency a ON a.id = e.agency_id "
        "WHERE e.enabled AND e.scanned_seq < a.event_seq ORDER BY e.id"
    )
    return [int(r["id"]) for r in rows]


async def enqueue_endpoint(endpoint_id: int, now: datetime, batch: int = 1000) -> int:
    """Deliveries for up to `batch` events past the endpoint's mark; how many were owed."""
    async with in_transaction() as conn:
        qs = WebhookEndpoint.filter(id=endpoint_id, enabled=True).using_db(conn)
        if conn.capabilities.dialect != "sqlite":
            qs = qs.select_for_update(skip_locked=True)
        endpoint = await qs.first()
        if endpoint is None:
            return 0  # gone, disabled, or another process is at it
        events = (
            await Event.filter(agency_id=endpoint.agency_id, seq__gt=endpoint.scanned_seq)
            .using_db(conn)
            .order_by("seq")
            .limit(batch)
        )
        if not events:
            return 0
        wanted = wanted_event_types(endpoint.audience, list(endpoint.notice_types or []))
        owed = [
            WebhookDelivery(
                endpoint_id=endpoint.id,
                agency_id=endpoint.agency_id,
                event_seq=event.seq,
                event_type=event.type,
                notice_type=NOTICE_TYPES[event.type],
                driver_id=driver_id,
                lane=driver_id or 0,
                next_attempt_at=now,
                created_at=now,
            )
            for event in events
            if event.type in wanted
            for driver_id in _drivers(endpoint.audience, event)
        ]
        if owed:
            await WebhookDelivery.bulk_create(owed, using_db=conn)
        await (
            WebhookEndpoint.filter(id=endpoint.id).using_db(conn).update(scanned_seq=events[-1].seq)
        )
        return len(owed)


def _drivers(audience: WebhookAudience, event: Event) -> list[int | None]:
    # A driver audience gets one delivery per driver the event names, each naming
    # its driver; the dispatch board's gets one.
    if audience is WebhookAudience.DRIVERS:
        return [int(d) for d in (event.driver_ids or [])]
    return [None]


async def enqueue_all(now: datetime) -> int:
    """One pass over every endpoint behind."""
    total = 0
    for endpoint_id in await endpoints_behind():
        total += await enqueue_endpoint(endpoint_id, now)
    return total
