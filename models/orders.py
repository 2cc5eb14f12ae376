"""Orders, their missions, recurring series and driver assignments."""

from __future__ import annotations

import enum

from tortoise import fields
from tortoise.models import Model

from models.domain.statuses import MissionStatus, OrderStatus


class NoShowFeeState(enum.StrEnum):
    """Where a mission stands on the agency's no-show fee."""

    NOT_APPLICABLE = "NOT_APPLICABLE"
    PENDING = "PENDING"
    ADDED = "ADDED"
    WAIVED = "WAIVED"


class Order(Model):
    """One booking by a customer; its status is derived from its missions."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField(
        "models.Agency", related_name="orders", on_delete=fields.RESTRICT
    )
    customer = fields.ForeignKeyField(
        "models.Customer", related_name="orders", on_delete=fields.RESTRICT
    )
    reference = fields.CharField(max_length=100)
    status = fields.CharEnumField(OrderStatus, max_length=16, default=OrderStatus.OPEN)
    cancelled_at = fields.DatetimeField(null=True)
    cancelled_at_order_level = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    agency_id: int
    customer_id: int

    class Meta:
        table = "customer_order"
        unique_together = (("agency_id", "reference"),)
        indexes = (("agency_id", "created_at"), ("customer_id",))


class Series(Model):
    """A recurring booking: an RFC 5545 rule expanded into missions of one order."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField(
        "models.Agency", related_name="series", on_delete=fields.RESTRICT
    )
    order = fields.ForeignKeyField("models.Order", related_name="series", on_delete=fields.RESTRICT)
    rule = fields.CharField(max_length=500)
    created_at = fields.DatetimeField(auto_now_add=True)

    agency_id: int
    order_id: int

    class Meta:
        table = "series"


class Mission(Model):
    """One job of an order, with the cancellation terms in force when it was booked."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField(
        "models.Agency", related_name="missions", on_delete=fields.RESTRICT
    )
    order = fields.ForeignKeyField(
        "models.Order", related_name="missions", on_delete=fields.RESTRICT
    )
    series = fields.ForeignKeyField(
        "models.Series", related_name="missions", null=True, on_delete=fields.RESTRICT
    )
    status = fields.CharEnumField(
        MissionStatus, max_length=24, default=MissionStatus.PENDING_ASSIGNMENT
    )
    pickup_at = fields.DatetimeField()
    estimated_end_at = fields.DatetimeField()
    pickup_location = fields.CharField(max_length=300, null=True)
    dropoff_location = fields.CharField(max_length=300, null=True)
    notes = fields.TextField(null=True)
    arrived_at = fields.DatetimeField(null=True)
    started_at = fields.DatetimeField(null=True)
    completed_at = fields.DatetimeField(null=True)
    no_show_fee = fields.CharEnumField(
        NoShowFeeState, max_length=16, default=NoShowFeeState.NOT_APPLICABLE
    )
    # The agency's fee when the no-show was recorded: what ADD bills, whatever it is later.
    no_show_fee_amount = fields.DecimalField(max_digits=12, decimal_places=2, null=True)
    # Set when an issued invoice bills this mission; cancelling is then ALREADY_INVOICED.
    invoiced_at = fields.DatetimeField(null=True)
    # Policy snapshot taken at booking (SPEC §3): later policy changes do not apply.
    policy_agency_window_minutes = fields.IntField()
    policy_agency_minimum_billing_minutes = fields.IntField()
    policy_customer_window_minutes = fields.IntField(null=True)
    policy_customer_minimum_billing_minutes = fields.IntField(null=True)
    policy_customer_rate_per_hour = fields.DecimalField(max_digits=12, decimal_places=2)
    policy_currency = fields.CharField(max_length=3)
    # The agency's policy version in force at booking (issue 15); null: the old window.
    # A plain column: SQLite cannot add a foreign key to an existing table, and
    # versions are never deleted.
    policy_version_id = fields.IntField(null=True)
    # A grace of this mission's own ("30 min after landing"), over the policy's.
    no_show_grace_minutes = fields.IntField(null=True)
    # The vehicle class booked ("SUV"): a policy may price its cancellations by it.
    vehicle_class = fields.CharField(max_length=64, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    agency_id: int
    order_id: int
    series_id: int | None

    class Meta:
        table = "mission"
        indexes = (
            ("agency_id", "pickup_at"),
            # The missions list filtered by status, in start order (and its count).
            ("agency_id", "status", "pickup_at"),
            ("order_id", "pickup_at"),
            ("series_id", "pickup_at"),
        )


class Assignment(Model):
    """A driver on a mission; an active one (not ended) holds the driver's slot."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField(
        "models.Agency", related_name="assignments", on_delete=fields.RESTRICT
    )
    mission = fields.ForeignKeyField(
        "models.Mission", related_name="assignments", on_delete=fields.RESTRICT
    )
    driver = fields.ForeignKeyField(
        "models.Driver", related_name="assignments", on_delete=fields.RESTRICT
    )
    assigned_at = fields.DatetimeField()
    accepted_at = fields.DatetimeField(null=True)
    ended_at = fields.DatetimeField(null=True)
    # The slot [slot_start, slot_end) copied from the mission so the overlap check is one
    # indexed query on this table.
    slot_start = fields.DatetimeField()
    slot_end = fields.DatetimeField()
    # The driver's terms at assignment (SPEC §3).
    driver_window_minutes = fields.IntField(null=True)
    driver_pay_rate_per_hour = fields.DecimalField(max_digits=12, decimal_places=2)

    agency_id: int
    mission_id: int
    driver_id: int

    class Meta:
        table = "assignment"
        indexes = (("driver_id", "ended_at", "slot_start"), ("mission_id", "ended_at"))
