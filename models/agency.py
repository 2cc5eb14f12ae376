"""The tenant and the people who sign in to it."""

from __future__ import annotations

import enum

from tortoise import fields
from tortoise.models import Model


class Role(enum.StrEnum):
    """What a signed-in user may do (SPEC §12)."""

    ADMIN = "ADMIN"
    OPERATOR = "OPERATOR"
    DRIVER = "DRIVER"
    REPORTER = "REPORTER"


class InvoicedCancellation(enum.StrEnum):
    """What cancelling a mission on an issued invoice does."""

    BLOCK = "BLOCK"
    ALLOW_WITH_CREDIT_NOTE = "ALLOW_WITH_CREDIT_NOTE"


class Agency(Model):
    """A tenant: its defaults apply where a customer or driver sets nothing."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    time_zone = fields.CharField(max_length=64, default="UTC")
    currency = fields.CharField(max_length=3, default="EUR")
    default_cancellation_window_minutes = fields.IntField(default=1440)
    default_minimum_billing_minutes = fields.IntField(default=60)
    invoiced_cancellation = fields.CharEnumField(
        InvoicedCancellation, max_length=32, default=InvoicedCancellation.BLOCK
    )
    no_show_fee = fields.DecimalField(max_digits=12, decimal_places=2, null=True)
    # Per-agency counters: incremented by UPDATE … RETURNING so the row lock orders
    # concurrent writers (event cursors in commit order, invoice numbers without gaps).
    event_seq = fields.BigIntField(default=0)
    invoice_seq = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "agency"


class User(Model):
    """Someone who signs in: an admin, operator, reporter, or a driver's app."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = fields.ForeignKeyField(
        "models.Agency", related_name="users", on_delete=fields.RESTRICT
    )
    name = fields.CharField(max_length=200)
    role = fields.CharEnumField(Role, max_length=16)
    active = fields.BooleanField(default=True)
    driver = fields.ForeignKeyField(
        "models.Driver", related_name="users", null=True, on_delete=fields.RESTRICT
    )
    # Who the user is at the agency's identity provider: the value of its tokens'
    # AUTH_USER_CLAIM (`sub` or email). Null: the user signs in with our tokens only.
    external_id = fields.CharField(max_length=200, null=True, unique=True)
    # Our tokens carry the version they were issued at; revoking tokens increments it,
    # so every earlier token is refused without a list of revoked tokens.
    token_version = fields.IntField(default=0)
    # The identity provider's tokens issued (`iat`) at or before this are refused.
    tokens_revoked_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    agency_id: int
    driver_id: int | None

    class Meta:
        table = "app_user"
