"""Invoices as far as cancellations need them (ADMIN, OPERATOR).

Contract change: api.graphql has these return a bare nullable `Invoice`; they return
`InvoicePayload { invoice errors }` like every other mutation, so refusals are data.
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers import invoicing as uc
from schema import permissions as p
from schema.context import Info
from schema.envelope import Payload, mutation, payload
from schema.ids import decode_id
from schema.scalars import Decimal
from schema.types.billing import Invoice


@payload("The result of an invoice mutation.")
class InvoicePayload(Payload):
    invoice: Invoice | None = strawberry.field(
        default=None, description="The invoice as it is now; null when refused."
    )


@strawberry.type
class InvoicesMutation:
    @mutation(
        description="A DRAFT invoice for a customer from its completed missions not yet billed "
        "and its Pending Review items (not waived).",
        permission_classes=[p.DISPATCH],
    )
    async def create_invoice(
        self,
        info: Info,
        customer_id: Annotated[strawberry.ID, strawberry.argument(description="The customer.")],
    ) -> InvoicePayload:
        row = await uc.create_invoice(
            info.context.scope,
            info.context.clock,
            customer_id=decode_id(customer_id, "Customer", ("customerId",)),
        )
        return InvoicePayload(invoice=Invoice.of(row))

    @mutation(
        description="Number a draft (gapless per agency) and issue it; what it bills counts "
        "as invoiced from then on.",
        permission_classes=[p.DISPATCH],
    )
    async def issue_invoice(
        self,
        info: Info,
        invoice_id: Annotated[strawberry.ID, strawberry.argument(description="The draft.")],
    ) -> InvoicePayload:
        row = await uc.issue_invoice(
            info.context.scope,
            info.context.clock,
            invoice_id=decode_id(invoice_id, "Invoice", ("invoiceId",)),
        )
        return InvoicePayload(invoice=Invoice.of(row))

    @mutation(
        description="Record a credit note by hand against an issued invoice.",
        permission_classes=[p.DISPATCH],
    )
    async def create_credit_note(
        self,
        info: Info,
        invoice_id: Annotated[strawberry.ID, strawberry.argument(description="The invoice.")],
        amount: Annotated[Decimal, strawberry.argument(description="The amount credited.")],  # type: ignore[valid-type]
        reason: Annotated[str, strawberry.argument(description="Why it is credited.")],
    ) -> InvoicePayload:
        row = await uc.create_credit_note(
            info.context.scope,
            info.context.clock,
            invoice_id=decode_id(invoice_id, "Invoice", ("invoiceId",)),
            amount=amount,  # type: ignore[arg-type]
            reason=reason,
        )
        return InvoicePayload(invoice=Invoice.of(row))
