"""Customers who book and pay, drivers who carry missions out."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class Customer(Model):
    """Who books and pays; unset terms fall back to the agency's defaults."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField(
        "models.Agency", related_name="customers", on_delete=fields.RESTRICT
    )
    name = fields.CharField(max_length=200)
    billing_rate_per_hour = fields.DecimalField(max_digits=12, decimal_places=2)
    cancellation_window_minutes = fields.IntField(null=True)
    minimum_billing_minutes = fields.IntField(null=True)
    # The customer's own cancellation policy (issue 15; a plain column, see Mission);
    # null: the agency's default policy, else the old window.
    cancellation_policy_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    agency_id: int

    class Meta:
        table = "customer"
        # A search for part of the name also has a pg_trgm index on PostgreSQL
        # (migrations/make_migration.py, EXTRAS), which the models cannot declare.
        indexes = (("agency_id", "name"),)


class Driver(Model):
    """A person who carries missions out: a driver, an interpreter, a technician."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField(
        "models.Agency", related_name="drivers", on_delete=fields.RESTRICT
    )
    name = fields.CharField(max_length=200)
    pay_rate_per_hour = fields.DecimalField(max_digits=12, decimal_places=2)
    cancellation_window_minutes = fields.IntField(null=True)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    agency_id: int

    class Meta:
        table = "driver"
        indexes = (("agency_id", "name"),)
