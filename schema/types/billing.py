"""Pending Review items, invoices, their lines and credit notes."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from models import billing as m
from models.billing import InvoiceStatus
from models.cancellations import Cancellation as CancellationRow
from models.cancellations import CancellationPayout
from models.domain.billing import BillingDecision as Decision
from models.orders import Mission as MissionRow
from models.people import Customer as CustomerRow
from models.policies import LateReschedule as LateRescheduleRow
from models.policies import LateReschedulePayout
from resolvers.row_store import Children
from schema.ids import to_global_id
from schema.planning import to_many, to_one
from schema.types.common import Money
from schema.types.decisions import BillingDecision, Payout
from schema.types.node import Edge, Node, PageInfo, counted
from schema.types.people import Customer

if TYPE_CHECKING:
    from schema.types.cancellations import Cancellation
    from schema.types.orders import Mission

MissionRef = Annotated["Mission", strawberry.lazy("schema.types.orders")]
CancellationRef = Annotated["Cancellation", strawberry.lazy("schema.types.cancellations")]


def _mission(row: MissionRow) -> Mission:
    from schema.types.orders import Mission

    return Mission.of(row)


def _cancellation(row: CancellationRow) -> Cancellation:
    from schema.types.cancellations import Cancellation

    return Cancellation.of(row)


PAYOUTS = Children(CancellationPayout, "cancellation_id")
LATE_RESCHEDULE_PAYOUTS = Children(LateReschedulePayout, "late_reschedule_id")
LINES = Children(m.InvoiceLine, "invoice_id")
CREDIT_NOTES = Children(m.CreditNote, "invoice_id")


@strawberry.type(
    description="A mission's start moved inside its policy's notice, billed as a "
    "cancellation of the original time (issue 15)."
)
class LateReschedule:
    row: strawberry.Private[LateRescheduleRow]

    @strawberry.field(description="The start it was moved from (UTC).")
    def from_pickup_at(self) -> datetime:
        return self.row.from_pickup_at

    @strawberry.field(description="The start it was moved to (UTC).")
    def to_pickup_at(self) -> datetime:
        return self.row.to_pickup_at

    @strawberry.field(description="When the move was made (UTC).")
    def rescheduled_at(self) -> datetime:
        return self.row.rescheduled_at

    @strawberry.field(
        description="The decision: tier, notice measured, policy version, charge, payouts "
        "and the sentence to read to the customer."
    )
    def decision(self) -> BillingDecision:
        return BillingDecision.of(Decision.from_dict(self.row.decision))

    payouts = to_many(
        LATE_RESCHEDULE_PAYOUTS,
        "id",
        lambda parent, rows: [
            Payout(driver_id=r.driver_id, amount=Money.of(r.amount, parent.row.currency))
            for r in rows
        ],
        graphql_type=list[Payout],
        description="What each driver is paid for it, as for a cancellation (not paid while "
        "waived).",
        empty=[],
    )

    @strawberry.field(description="Whether billing was waived: nothing is charged or paid.")
    def waived(self) -> bool:
        return self.row.waived

    @strawberry.field(description="When billing was waived.")
    def waived_at(self) -> datetime | None:
        return self.row.waived_at

    @strawberry.field(description="Why billing was waived.")
    def waiver_note(self) -> str | None:
        return self.row.waiver_note


@strawberry.type(
    description="A billable cancellation or a no-show fee waiting to be invoiced (Pending Review)."
)
class PendingReviewItem(Node):
    row: strawberry.Private[m.PendingReviewItem]

    @strawberry.field(
        description="What the item bills: CANCELLATION, NO_SHOW_FEE, or LATE_RESCHEDULE "
        "(a start moved inside the policy's notice, billed as a cancellation of the "
        "original time)."
    )
    def kind(self) -> str:
        if self.row.late_reschedule_id is not None:
            return "LATE_RESCHEDULE"
        return self.row.kind.value

    mission = to_one(
        MissionRow,
        "mission_id",
        lambda row: _mission(row),
        graphql_type=MissionRef,
        description="The mission concerned.",
    )

    customer = to_one(
        CustomerRow,
        "customer_id",
        lambda row: Customer.of(row),
        graphql_type=Customer,
        description="The customer who would be billed.",
    )

    cancellation = to_one(
        CancellationRow,
        "cancellation_id",
        lambda row: _cancellation(row),
        graphql_type=CancellationRef | None,
        description="The cancellation billed (null for a no-show fee).",
        nullable=True,
    )

    late_reschedule = to_one(
        LateRescheduleRow,
        "late_reschedule_id",
        lambda row: LateReschedule(row=row),
        graphql_type=LateReschedule | None,
        description="The late reschedule billed (null unless kind is LATE_RESCHEDULE), "
        "with what its drivers are paid.",
        nullable=True,
    )

    @strawberry.field(description="What the customer would be charged (before any waiver).")
    def charge(self) -> Money:
        return Money.of(self.row.charge, self.row.currency)

    payouts = to_many(
        PAYOUTS,
        "cancellation_id",
        lambda item, rows: [
            Payout(driver_id=r.driver_id, amount=Money.of(r.amount, item.row.currency))
            for r in rows
        ],
        graphql_type=list[Payout],
        description="What each driver would be paid for the cancellation (none for a no-show "
        "fee; a late reschedule's are in lateReschedule.payouts).",
        empty=[],
    )

    @strawberry.field(description="Whether billing was waived: nothing is charged or paid.")
    def waived(self) -> bool:
        return self.row.waived

    @strawberry.field(
        description="The rebooked slot credit the policy offers because the driver's freed "
        "slot was filled by another mission (null: none); once confirmed, charge is net of it."
    )
    def rebooked_credit(self) -> Money | None:
        credit = self.row.rebooked_credit
        return None if credit is None else Money.of(credit, self.row.currency)

    @strawberry.field(description="Whether the operator confirmed the rebooked slot credit.")
    def rebooked_credit_confirmed(self) -> bool:
        return self.row.rebooked_credit_confirmed_at is not None

    @strawberry.field(description="The mission that filled the freed slot, as a global id.")
    def rebooked_mission_id(self) -> strawberry.ID | None:
        pk = self.row.rebooked_mission_id
        return None if pk is None else strawberry.ID(to_global_id("Mission", pk))

    @strawberry.field(description="When the item entered Pending Review (UTC).")
    def created_at(self) -> datetime:
        return self.row.created_at

    @strawberry.field(description="When an issued invoice billed the item, if one did.")
    def invoiced_at(self) -> datetime | None:
        return self.row.invoiced_at

    @classmethod
    def of(cls, row: m.PendingReviewItem) -> PendingReviewItem:
        return cls(id=strawberry.ID(to_global_id("PendingReviewItem", row.id)), row=row)


@strawberry.type(description="A Pending Review item, with its cursor.")
class PendingReviewEdge(Edge[PendingReviewItem]):
    pass


@strawberry.type(description="A page of Pending Review items.")
class PendingReviewConnection:
    edges: list[PendingReviewEdge] = strawberry.field(description="The items of this page.")
    page_info: PageInfo = strawberry.field(description="Cursors and whether more items exist.")
    total: strawberry.Private[int | None] = None

    @strawberry.field(description="How many items the whole list has.")
    def total_count(self) -> int:
        return counted(self.total)


@strawberry.type(description="One billed thing: a completed mission, cancellation or no-show fee.")
class InvoiceLine:
    row: strawberry.Private[m.InvoiceLine]
    currency: strawberry.Private[str]

    @strawberry.field(description="What the line bills, as printed on the invoice.")
    def description(self) -> str:
        return self.row.description

    @strawberry.field(description="The line's amount.")
    def amount(self) -> Money:
        return Money.of(self.row.amount, self.currency)

    mission = to_one(
        MissionRow,
        "mission_id",
        lambda row: _mission(row),
        graphql_type=MissionRef | None,
        description="The mission billed, if the line is about one.",
    )

    @strawberry.field(description="MISSION, CANCELLATION or NO_SHOW_FEE.")
    def kind(self) -> str:
        return self.row.kind


@strawberry.type(description="A credit note recorded by hand against an issued invoice.")
class CreditNote:
    row: strawberry.Private[m.CreditNote]
    currency: strawberry.Private[str]

    @strawberry.field(description="The credit note's global id.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("CreditNote", self.row.id))

    @strawberry.field(description="The amount credited.")
    def amount(self) -> Money:
        return Money.of(self.row.amount, self.currency)

    @strawberry.field(description="Why it was issued.")
    def reason(self) -> str:
        return self.row.reason

    @strawberry.field(description="When it was recorded (UTC).")
    def created_at(self) -> datetime:
        return self.row.created_at


@strawberry.type(description="A customer's invoice: a draft, then issued with a gapless number.")
class Invoice(Node):
    row: strawberry.Private[m.Invoice]

    @strawberry.field(description='The number, e.g. "INV-000042"; null while a draft.')
    def number(self) -> str | None:
        return self.row.number

    @strawberry.field(description="Draft or issued.")
    def status(self) -> InvoiceStatus:
        return self.row.status

    customer = to_one(
        CustomerRow,
        "customer_id",
        lambda row: Customer.of(row),
        graphql_type=Customer,
        description="Who is billed.",
    )

    lines = to_many(
        LINES,
        "id",
        lambda invoice, rows: [InvoiceLine(row=r, currency=invoice.row.currency) for r in rows],
        graphql_type=list[InvoiceLine],
        description="The invoice's lines.",
    )

    @strawberry.field(description="The sum of the lines.")
    def total(self) -> Money:
        return Money.of(self.row.total, self.row.currency)

    credit_notes = to_many(
        CREDIT_NOTES,
        "id",
        lambda invoice, rows: [CreditNote(row=r, currency=invoice.row.currency) for r in rows],
        graphql_type=list[CreditNote],
        description="Credit notes recorded against the invoice.",
    )

    @strawberry.field(description="When the draft was created (UTC).")
    def created_at(self) -> datetime:
        return self.row.created_at

    @strawberry.field(description="When it was issued (UTC), if it was.")
    def issued_at(self) -> datetime | None:
        return self.row.issued_at

    @classmethod
    def of(cls, row: m.Invoice) -> Invoice:
        return cls(id=strawberry.ID(to_global_id("Invoice", row.id)), row=row)
