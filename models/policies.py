"""Cancellation policies and their versions (issue 15).

A policy's current terms live in its row; every save also appends a version row,
which missions snapshot at booking (``Mission.policy_version``): a version never
changes, so changing a policy never reprices existing bookings.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class CancellationPolicy(Model):
    """A named policy of the agency; the default one applies to new bookings."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField(
        "models.Agency", related_name="cancellation_policies", on_delete=fields.RESTRICT
    )
    name = fields.CharField(max_length=200)
    # Whether new bookings get this policy (at most one per agency, kept by the resolver
    # under the agency's row lock).
    is_default = fields.BooleanField(default=False)
    # The id of the version in force (a plain column: a foreign key both ways would be a
    # cycle that aerich cannot create); versions are append-only, numbered from 1.
    current_version_id = fields.IntField(null=True)
    version = fields.IntField(default=0)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    agency_id: int

    class Meta:
        table = "cancellation_policy"
        unique_together = (("agency_id", "name"),)


class CancellationPolicyVersion(Model):
    """One saved version of a policy: its tiers, payout tiers, calendar and grace."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField(
        "models.Agency", related_name="cancellation_policy_versions", on_delete=fields.RESTRICT
    )
    policy = fields.ForeignKeyField(
        "models.CancellationPolicy", related_name="versions", on_delete=fields.RESTRICT
    )
    version = fields.IntField()
    # CancellationTerms.to_dict(): the whole version, read back by the domain.
    terms = fields.JSONField()
    created_at = fields.DatetimeField()
    created_by = fields.ForeignKeyField(
        "models.User", related_name="policy_versions", on_delete=fields.RESTRICT
    )

    agency_id: int
    policy_id: int

    class Meta:
        table = "cancellation_policy_version"
        unique_together = (("policy_id", "version"),)


class LateReschedule(Model):
    """A mission's start moved inside its policy's notice: billed as a cancellation of the
    original time (issue 15), through Pending Review."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField(
        "models.Agency", related_name="late_reschedules", on_delete=fields.RESTRICT
    )
    mission = fields.ForeignKeyField(
        "models.Mission", related_name="late_reschedules", on_delete=fields.RESTRICT
    )
    customer = fields.ForeignKeyField(
        "models.Customer", related_name="late_reschedules", on_delete=fields.RESTRICT
    )
    from_pickup_at = fields.DatetimeField()
    from_estimated_end_at = fields.DatetimeField()
    to_pickup_at = fields.DatetimeField()
    to_estimated_end_at = fields.DatetimeField()
    requested_at = fields.DatetimeField()
    rescheduled_at = fields.DatetimeField()
    rescheduled_by = fields.ForeignKeyField(
        "models.User", related_name="late_reschedules", on_delete=fields.RESTRICT
    )
    policy_version_id = fields.IntField()
    tier = fields.IntField(null=True)
    billable = fields.BooleanField()
    charge = fields.DecimalField(max_digits=12, decimal_places=2)
    # What the drivers are paid for it, as for a cancellation (one row each in
    # late_reschedule_payout); nothing once waived.
    payout_total = fields.DecimalField(max_digits=12, decimal_places=2, default=0)
    currency = fields.CharField(max_length=3)
    # BillingDecision.to_dict(): the same shape as a cancellation's.
    decision = fields.JSONField()
    # The rebooked slot credit the operator confirmed: what is billed is the charge less it.
    rebooked_credit = fields.DecimalField(max_digits=12, decimal_places=2, null=True)
    # Waived as a cancellation is, until an issued invoice bills it (plain columns: SQLite
    # cannot add a foreign key to an existing table).
    waived = fields.BooleanField(default=False)
    waived_by_id = fields.IntField(null=True)
    waived_at = fields.DatetimeField(null=True)
    waiver_note = fields.TextField(null=True)

    agency_id: int
    mission_id: int
    customer_id: int
    rescheduled_by_id: int

    class Meta:
        table = "late_reschedule"
        indexes = (("mission_id",), ("agency_id", "rescheduled_at"))


class LateReschedulePayout(Model):
    """What one driver is paid for a billable late reschedule (one row per driver), as
    `cancellation_payout` is for a cancellation."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField(
        "models.Agency", related_name="late_reschedule_payouts", on_delete=fields.RESTRICT
    )
    late_reschedule = fields.ForeignKeyField(
        "models.LateReschedule", related_name="payouts", on_delete=fields.RESTRICT
    )
    driver = fields.ForeignKeyField(
        "models.Driver", related_name="late_reschedule_payouts", on_delete=fields.RESTRICT
    )
    amount = fields.DecimalField(max_digits=12, decimal_places=2)

    agency_id: int
    late_reschedule_id: int
    driver_id: int

    class Meta:
        table = "late_reschedule_payout"
        unique_together = (("late_reschedule_id", "driver_id"),)
        indexes = (("agency_id", "driver_id"),)
