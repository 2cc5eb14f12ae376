"""Audit event types (past tense) and the event dataclass the domain hands to use cases.

The values are the ``Event.type`` strings stored in the append-only audit trail and
seen by clients, e.g. ``"MissionCancelled"``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ORDER_CREATED = "OrderCreated"
MISSION_CREATED = "MissionCreated"
SERIES_CREATED = "SeriesCreated"
DRIVER_ASSIGNED = "DriverAssigned"
DRIVER_UNASSIGNED = "DriverUnassigned"
MISSION_ACCEPTED = "MissionAccepted"
MISSION_DECLINED = "MissionDeclined"
ARRIVAL_REPORTED = "ArrivalReported"
MISSION_STATUS_CHANGED = "MissionStatusChanged"
MISSION_UPDATED = "MissionUpdated"
MISSION_CANCELLED = "MissionCancelled"
ORDER_CANCELLED = "OrderCancelled"
SLOT_RELEASED = "SlotReleased"
MISSION_REOPENED = "MissionReopened"
ORDER_STATUS_CHANGED = "OrderStatusChanged"
CANCELLATION_WAIVER_CHANGED = "CancellationWaiverChanged"
NO_SHOW_FEE_RESOLVED = "NoShowFeeResolved"
INVOICE_CREATED = "InvoiceCreated"
INVOICE_ISSUED = "InvoiceIssued"
CREDIT_NOTE_CREATED = "CreditNoteCreated"
AGENCY_SETTINGS_UPDATED = "AgencySettingsUpdated"
CUSTOMER_CREATED = "CustomerCreated"
CUSTOMER_UPDATED = "CustomerUpdated"
DRIVER_CREATED = "DriverCreated"
DRIVER_UPDATED = "DriverUpdated"
REASON_CREATED = "ReasonCreated"
REASON_UPDATED = "ReasonUpdated"
USER_CREATED = "UserCreated"
USER_UPDATED = "UserUpdated"
USER_DEACTIVATED = "UserDeactivated"
USER_REACTIVATED = "UserReactivated"
USER_TOKENS_REVOKED = "UserTokensRevoked"
TOKEN_ISSUED = "TokenIssued"
WEBHOOK_ENDPOINT_CREATED = "WebhookEndpointCreated"
WEBHOOK_ENDPOINT_UPDATED = "WebhookEndpointUpdated"
WEBHOOK_ENDPOINT_DELETED = "WebhookEndpointDeleted"
WEBHOOK_SECRET_ROTATED = "WebhookSecretRotated"
# Also a dispatch-board notice: its deliveries failed for the whole retry period.
WEBHOOK_ENDPOINT_DISABLED = "WebhookEndpointDisabled"

ALL_EVENT_TYPES: frozenset[str] = frozenset(
    {
        ORDER_CREATED,
        MISSION_CREATED,
        SERIES_CREATED,
        DRIVER_ASSIGNED,
        DRIVER_UNASSIGNED,
        MISSION_ACCEPTED,
        MISSION_DECLINED,
        ARRIVAL_REPORTED,
        MISSION_STATUS_CHANGED,
        MISSION_UPDATED,
        MISSION_CANCELLED,
        ORDER_CANCELLED,
        SLOT_RELEASED,
        MISSION_REOPENED,
        ORDER_STATUS_CHANGED,
        CANCELLATION_WAIVER_CHANGED,
        NO_SHOW_FEE_RESOLVED,
        INVOICE_CREATED,
        INVOICE_ISSUED,
        CREDIT_NOTE_CREATED,
        AGENCY_SETTINGS_UPDATED,
        CUSTOMER_CREATED,
        CUSTOMER_UPDATED,
        DRIVER_CREATED,
        DRIVER_UPDATED,
        REASON_CREATED,
        REASON_UPDATED,
        USER_CREATED,
        USER_UPDATED,
        USER_DEACTIVATED,
        USER_REACTIVATED,
        USER_TOKENS_REVOKED,
        TOKEN_ISSUED,
        WEBHOOK_ENDPOINT_CREATED,
        WEBHOOK_ENDPOINT_UPDATED,
        WEBHOOK_ENDPOINT_DELETED,
        WEBHOOK_SECRET_ROTATED,
        WEBHOOK_ENDPOINT_DISABLED,
    }
)
"""Every event type above; a use case may assert it only writes known types."""


@dataclass(frozen=True)
class DomainEvent:
    """Something that happened, to be written to the audit trail by the use case.

    ``data`` must be JSON-safe (strings, numbers, booleans, lists, dicts, None):
    Decimals as strings, datetimes as ISO-8601 strings.
    """

    type: str
    order_id: int | None
    mission_id: int | None
    data: dict[str, Any] = field(default_factory=dict)
