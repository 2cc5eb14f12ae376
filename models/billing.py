"""Pending Review items, invoices, invoice lines and credit notes."""

from __future__ import annotations

import enum

from tortoise import fields
from tortoise.models import Model


class InvoiceStatus(enum.StrEnum):
    """A draft can still change; an issued invoice is numbered and final."""

    DRAFT = "DRAFT"
    ISSUED = "ISSUED"


class ReviewKind(enum.StrEnum):
    """What a Pending Review item bills."""

    CANCELLATION = "CANCELLATION"
    NO_SHOW_FEE = "NO_SHOW_FEE"


class PendingReviewItem(Model):
    """A billable cancellation or a no-show fee waiting to be invoiced."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField(
        "models.Agency", related_name="review_items", on_delete=fields.RESTRICT
    )
    kind = fields.CharEnumField(ReviewKind, max_length=16)
    mission = fields.ForeignKeyField(
        "models.Mission", related_name="review_items", on_delete=fields.RESTRICT
    )
    customer = fields.ForeignKeyField(
        "models.Customer", related_name="review_items", on_delete=fields.RESTRICT
    )
    cancellation = fields.ForeignKeyField(
        "models.Cancellation", related_name="review_items", null=True, on_delete=fields.RESTRICT
    )
    # The late reschedule it bills (issue 15), as a cancellation of the original time
    # (kind CANCELLATION, no cancellation row); a plain column: SQLite cannot add a
    # foreign key to an existing table.
    late_reschedule_id = fields.IntField(null=True)
    # Rebooked slot credit (issue 15): the mission that filled the driver's freed slot, the
    # credit its policy offers, and when the operator confirmed it (charge then reduced).
    rebooked_mission_id = fields.IntField(null=True)
    rebooked_credit = fields.DecimalField(max_digits=12, decimal_places=2, null=True)
    rebooked_credit_confirmed_at = fields.DatetimeField(null=True)
    charge = fields.DecimalField(max_digits=12, decimal_places=2)
    currency = fields.CharField(max_length=3)
    waived = fields.BooleanField(default=False)
    created_at = fields.DatetimeField()
    # Withdrawn when the cancellation is reverted; invoiced when an issued invoice bills it.
    withdrawn_at = fields.DatetimeField(null=True)
    invoice = fields.ForeignKeyField(
        "models.Invoice", related_name="review_items", null=True, on_delete=fields.RESTRICT
    )
    invoiced_at = fields.DatetimeField(null=True)

    agency_id: int
    mission_id: int
    customer_id: int
    cancellation_id: int | None
    invoice_id: int | None

    class Meta:
        table = "pending_review_item"
        indexes = (
            ("agency_id", "invoiced_at", "withdrawn_at", "id"),
            ("customer_id", "invoiced_at"),
        )


class Invoice(Model):
    """A customer's invoice: a draft, then issued with a gapless per-agency number."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField(
        "models.Agency", related_name="invoices", on_delete=fields.RESTRICT
    )
    customer = fields.ForeignKeyField(
        "models.Customer", related_name="invoices", on_delete=fields.RESTRICT
    )
    number = fields.CharField(max_length=32, null=True)
    status = fields.CharEnumField(InvoiceStatus, max_length=8, default=InvoiceStatus.DRAFT)
    currency = fields.CharField(max_length=3)
    total = fields.DecimalField(max_digits=12, decimal_places=2, default=0)
    created_at = fields.DatetimeField()
    issued_at = fields.DatetimeField(null=True)

    agency_id: int
    customer_id: int

    class Meta:
        table = "invoice"
        unique_together = (("agency_id", "number"),)
        indexes = (("customer_id", "status"),)


class InvoiceLine(Model):
    """One billed thing: a completed mission, a billable cancellation, a no-show fee."""

    id = fields.IntField(primary_key=True)
    invoice = fields.ForeignKeyField(
        "models.Invoice", related_name="lines", on_delete=fields.RESTRICT
    )
    kind = fields.CharField(max_length=16)
    description = fields.CharField(max_length=300)
    amount = fields.DecimalField(max_digits=12, decimal_places=2)
    mission = fields.ForeignKeyField(
        "models.Mission", related_name="invoice_lines", null=True, on_delete=fields.RESTRICT
    )
    review_item = fields.ForeignKeyField(
        "models.PendingReviewItem",
        related_name="invoice_lines",
        null=True,
        on_delete=fields.RESTRICT,
    )

    invoice_id: int
    mission_id: int | None
    review_item_id: int | None

    class Meta:
        table = "invoice_line"
        indexes = (("mission_id",),)


class CreditNote(Model):
    """A credit note recorded by hand against an issued invoice."""

    id = fields.IntField(primary_key=True)
    invoice = fields.ForeignKeyField(
        "models.Invoice", related_name="credit_notes", on_delete=fields.RESTRICT
    )
    amount = fields.DecimalField(max_digits=12, decimal_places=2)
    reason = fields.CharField(max_length=500)
    created_at = fields.DatetimeField()
    created_by = fields.ForeignKeyField(
        "models.User", related_name="credit_notes", on_delete=fields.RESTRICT
    )

    invoice_id: int

    class Meta:
        table = "credit_note"
