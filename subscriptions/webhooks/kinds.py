"""Which notices an endpoint of each audience may ask for, by notice type name."""

from __future__ import annotations

from models.domain import events as ev
from models.webhooks import WebhookAudience
from subscriptions.notices import DISPATCH_TYPES, DRIVER_TYPES

NOTICE_TYPES: dict[str, str] = {
    ev.MISSION_CANCELLED: "MissionCancelledNotice",
    ev.ORDER_CANCELLED: "OrderCancelledNotice",
    ev.SLOT_RELEASED: "SlotReleasedNotice",
    ev.MISSION_REOPENED: "MissionReopenedNotice",
    ev.MISSION_STATUS_CHANGED: "MissionStatusChangedNotice",
    ev.DRIVER_ASSIGNED: "MissionAssignedNotice",
    ev.DRIVER_UNASSIGNED: "MissionUnassignedNotice",
    ev.WEBHOOK_ENDPOINT_DISABLED: "WebhookEndpointDisabledNotice",
}
"""Event type -> the GraphQL type of its notice (the same names as the subscriptions')."""

EVENT_TYPES: dict[WebhookAudience, frozenset[str]] = {
    WebhookAudience.DISPATCH: DISPATCH_TYPES,
    WebhookAudience.DRIVERS: DRIVER_TYPES,
}


def notice_types(audience: WebhookAudience) -> list[str]:
    """The notice type names an endpoint of `audience` may ask for, sorted."""
    return sorted(NOTICE_TYPES[t] for t in EVENT_TYPES[audience])


def wanted_event_types(audience: WebhookAudience, names: list[str]) -> frozenset[str]:
    """The event types an endpoint receives (no names: every type of its audience)."""
    types = EVENT_TYPES[audience]
    if not names:
        return types
    return frozenset(t for t in types if NOTICE_TYPES[t] in names)
