"""The append-only audit trail, which is also the outbox of live notices."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class Event(Model):
    """One immutable audit entry; the database refuses UPDATE and DELETE (a trigger).

    `seq` is the per-agency cursor: allocated under the agency row's lock, so within an
    agency it increases in commit order and a resume never skips a late commit.
    """

    id = fields.BigIntField(primary_key=True)
    agency = fields.ForeignKeyField(
        "models.Agency", related_name="events", on_delete=fields.RESTRICT
    )
    seq = fields.BigIntField()
    type = fields.CharField(max_length=64)
    occurred_at = fields.DatetimeField()
    actor_user_id = fields.IntField(null=True)
    actor_name = fields.CharField(max_length=200)
    actor_role = fields.CharField(max_length=16)
    order_id = fields.IntField(null=True)
    mission_id = fields.IntField(null=True)
    cancellation_id = fields.IntField(null=True)
    # Drivers whose app must hear of this event (assigned at the time).
    driver_ids = fields.JSONField(default=list)
    data = fields.JSONField(default=dict)

    agency_id: int

    class Meta:
        table = "event"
        unique_together = (("agency_id", "seq"),)
        indexes = (("order_id", "id"), ("mission_id", "id"), ("cancellation_id", "id"))


class RelayMark(Model):
    """How far the outbox relay has published each agency's events (events stay immutable)."""

    agency = fields.OneToOneField(
        "models.Agency", related_name="relay_mark", primary_key=True, on_delete=fields.RESTRICT
    )
    published_seq = fields.BigIntField(default=0)
    updated_at = fields.DatetimeField(auto_now=True)

    agency_id: int

    class Meta:
        table = "relay_mark"
