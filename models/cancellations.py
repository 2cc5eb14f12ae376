"""Cancellation reasons and the record of each mission's cancellation."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from models.domain.billing import PolicySource
from models.domain.cascade import SeriesScope


class CancellationReason(Model):
    """An entry of the agency's reference list of cancellation reasons."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField(
        "models.Agency", related_name="reasons", on_delete=fields.RESTRICT
    )
    code = fields.CharField(max_length=64)
    label = fields.CharField(max_length=200)
    active = fields.BooleanField(default=True)

    agency_id: int

    class Meta:
        table = "cancellation_reason"
        unique_together = (("agency_id", "code"),)


class Cancellation(Model):
    """One mission's cancellation: who, why, when, and the billing decision it got."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField(
        "models.Agency", related_name="cancellations", on_delete=fields.RESTRICT
    )
    mission = fields.ForeignKeyField(
        "models.Mission", related_name="cancellations", on_delete=fields.RESTRICT
    )
    order = fields.ForeignKeyField(
        "models.Order", related_name="cancellations", on_delete=fields.RESTRICT
    )
    customer = fields.ForeignKeyField(
        "models.Customer", related_name="cancellations", on_delete=fields.RESTRICT
    )
    cancelled_at = fields.DatetimeField()
    requested_at = fields.DatetimeField()
    cancelled_by = fields.ForeignKeyField(
        "models.User", related_name="cancellations", on_delete=fields.RESTRICT
    )
    cancelled_by_name = fields.CharField(max_length=200)
    cancelled_by_role = fields.CharField(max_length=16)
    requested_by = fields.CharField(max_length=200)
    reason = fields.ForeignKeyField(
        "models.CancellationReason", related_name="cancellations", on_delete=fields.RESTRICT
    )
    reason_code = fields.CharField(max_length=64)
    reason_label = fields.CharField(max_length=200)
    note = fields.TextField(null=True)
    scope = fields.CharEnumField(SeriesScope, max_length=24, default=SeriesScope.THIS_OCCURRENCE)
    # The billing decision, denormalised so lists and reports filter and sum in SQL.
    billable = fields.BooleanField()
    effective_window_minutes = fields.IntField()
    window_source = fields.CharEnumField(PolicySource, max_length=16)
    scheduled_minutes = fields.IntField()
    billable_minutes = fields.IntField()
    charge = fields.DecimalField(max_digits=12, decimal_places=2)
    payout_total = fields.DecimalField(max_digits=12, decimal_places=2)
    currency = fields.CharField(max_length=3)
    decision = fields.JSONField()
    # Issue 15: the tier that applied (1-based; null: none, free), the notice measured,
    # the policy version (null: the old single window), for reports to group by.
    tier = fields.IntField(null=True)
    notice_minutes = fields.IntField(null=True)
    business_notice_minutes = fields.IntField(null=True)
    # A plain column: SQLite cannot add a foreign key to an existing table, and
    # versions are never deleted.
    policy_version_id = fields.IntField(null=True)
    # The rebooked slot credit the operator confirmed (issue 15): what is billed is the
    # charge less it (null: none confirmed).
    rebooked_credit = fields.DecimalField(max_digits=12, decimal_places=2, null=True)
    waived = fields.BooleanField(default=False)
    waived_by = fields.ForeignKeyField(
        "models.User", related_name="waivers", null=True, on_delete=fields.RESTRICT
    )
    waived_at = fields.DatetimeField(null=True)
    waiver_note = fields.TextField(null=True)
    credit_note_required = fields.BooleanField(default=False)
    reverted_at = fields.DatetimeField(null=True)
    reverted_by = fields.ForeignKeyField(
        "models.User", related_name="reverts", null=True, on_delete=fields.RESTRICT
    )
    invoiced_at = fields.DatetimeField(null=True)

    agency_id: int
    mission_id: int
    order_id: int
    customer_id: int
    reason_id: int
    cancelled_by_id: int
    waived_by_id: int | None
    reverted_by_id: int | None

    class Meta:
        table = "cancellation"
        indexes = (
            ("agency_id", "cancelled_at", "id"),
            ("mission_id", "reverted_at"),
            ("agency_id", "customer_id", "cancelled_at"),
            ("agency_id", "reason_code", "cancelled_at"),
        )


class CancellationPayout(Model):
    """What one driver is paid for a billable cancellation (one row per driver)."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField(
        "models.Agency", related_name="payouts", on_delete=fields.RESTRICT
    )
    cancellation = fields.ForeignKeyField(
        "models.Cancellation", related_name="payouts", on_delete=fields.RESTRICT
    )
    driver = fields.ForeignKeyField(
        "models.Driver", related_name="payouts", on_delete=fields.RESTRICT
    )
    amount = fields.DecimalField(max_digits=12, decimal_places=2)

    agency_id: int
    cancellation_id: int
    driver_id: int

    class Meta:
        table = "cancellation_payout"
        unique_together = (("cancellation_id", "driver_id"),)
        indexes = (("agency_id", "driver_id"),)
