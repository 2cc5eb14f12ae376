"""Webhook endpoints of an agency, the deliveries owed to them, and every attempt made."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class WebhookAudience(StrEnum):
    """Whose notices an endpoint receives: the dispatch board's, or every driver's."""

    DISPATCH = "DISPATCH"
    DRIVERS = "DRIVERS"


class DeliveryStatus(StrEnum):
    """Where a delivery stands."""

    PENDING = "PENDING"
    DELIVERED = "DELIVERED"
    FAILED = "FAILED"


class WebhookEndpoint(Model):
    """An HTTPS URL of the agency's that is sent its notices, signed with `secret`.

    `scanned_seq` is how far the agency's events were turned into deliveries: events are
    read past it and it moves in the same transaction as the deliveries are written.
    """

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField(
        "models.Agency", related_name="webhook_endpoints", on_delete=fields.RESTRICT
    )
    url = fields.CharField(max_length=2000)
    audience = fields.CharEnumField(WebhookAudience, max_length=16)
    # Notice type names (`MissionCancelledNotice`…); empty: every type of the audience.
    notice_types = fields.JSONField(default=list)
    secret = fields.CharField(max_length=100)
    previous_secret = fields.CharField(max_length=100, null=True)
    previous_secret_until = fields.DatetimeField(null=True)
    enabled = fields.BooleanField(default=True)
    disabled_reason = fields.CharField(max_length=500, null=True)
    scanned_seq = fields.BigIntField(default=0)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    agency_id: int

    class Meta:
        table = "webhook_endpoint"
        indexes = (("agency_id", "id"),)


class WebhookDelivery(Model):
    """One notice owed to one endpoint (for a driver audience: one per driver named).

    Deliveries of one endpoint and `lane` (the driver, or 0) go out in `id` order: only
    the oldest pending one of a lane is ever sent. A lease (`leased_until`) marks one in
    flight; a process that died mid-send leaves a lease that runs out, and it is sent again.
    """

    id = fields.BigIntField(primary_key=True)
    endpoint = fields.ForeignKeyField(
        "models.WebhookEndpoint", related_name="deliveries", on_delete=fields.CASCADE
    )
    agency_id = fields.IntField()
    event_seq = fields.BigIntField()
    event_type = fields.CharField(max_length=64)
    notice_type = fields.CharField(max_length=64)
    driver_id = fields.IntField(null=True)
    lane = fields.IntField(default=0)
    status = fields.CharEnumField(DeliveryStatus, max_length=16, default=DeliveryStatus.PENDING)
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField()
    leased_until = fields.DatetimeField(null=True)
    lease_token = fields.CharField(max_length=32, null=True)
    first_failed_at = fields.DatetimeField(null=True)
    last_status_code = fields.IntField(null=True)
    last_error = fields.CharField(max_length=500, null=True)
    created_at = fields.DatetimeField()
    delivered_at = fields.DatetimeField(null=True)

    endpoint_id: int

    class Meta:
        table = "webhook_delivery"
        unique_together = (("endpoint_id", "event_seq", "lane"),)
        indexes = (("status", "endpoint_id", "lane", "id"),)


class WebhookAttempt(Model):
    """One HTTP request made for a delivery, and what came of it."""

    id = fields.BigIntField(primary_key=True)
    delivery = fields.ForeignKeyField(
        "models.WebhookDelivery", related_name="attempt_rows", on_delete=fields.CASCADE
    )
    attempted_at = fields.DatetimeField()
    status_code = fields.IntField(null=True)
    latency_ms = fields.IntField()
    error = fields.CharField(max_length=500, null=True)
    next_retry_at = fields.DatetimeField(null=True)

    delivery_id: int

    class Meta:
        table = "webhook_attempt"
        indexes = (("delivery_id", "id"),)
