"""Results of state-changing mutations kept by idempotency key (SPEC §4.4)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class IdempotencyRecord(Model):
    """The first result of a mutation sent with a key; a retry returns it again."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField(
        "models.Agency", related_name="idempotency_records", on_delete=fields.RESTRICT
    )
    key = fields.CharField(max_length=200)
    operation = fields.CharField(max_length=64)
    request_hash = fields.CharField(max_length=64)
    result = fields.JSONField()
    created_at = fields.DatetimeField()

    agency_id: int

    class Meta:
        table = "idempotency_record"
        unique_together = (("agency_id", "key"),)
