"""`createCreditNote`: a credit note recorded by hand against an issued invoice."""

from __future__ import annotations

from decimal import Decimal

from models.billing import CreditNote, Invoice, InvoiceStatus
from models.domain import events as ev
from models.domain.billing import ZERO
from models.domain.errors import DomainError, ErrorCode
from resolvers import validation as v
from resolvers.clock import Clock
from resolvers.invoicing.records import locked_invoice
from resolvers.scope import Scope
from resolvers.unit_of_work import UnitOfWork, run_command


async def create_credit_note(
    scope: Scope, clock: Clock, *, invoice_id: int, amount: Decimal, reason: str | None
) -> Invoice:
    """Record a credit note by hand against an ISSUED invoice (at most its open balance)."""

    async def work(uow: UnitOfWork) -> None:
        invoice = await locked_invoice(uow, invoice_id, ("invoiceId",))
        value = v.money(amount, ("amount",), "The credit note amount", allow_zero=False)
        text = v.require_text(reason, ("reason",), "The reason for the credit note", 500)
        if invoice.status != InvoiceStatus.ISSUED:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                "A credit note can only be recorded against an issued invoice.",
                field=("invoiceId",),
            )
        credited = (
            await CreditNote.filter(invoice_id=invoice.id)
            .using_db(uow.conn)
            .values_list("amount", flat=True)
        )
        if sum((Decimal(c) for c in credited), ZERO) + value > invoice.total:
            raise DomainError(
                ErrorCode.INVALID,
                "Credit notes cannot exceed the invoice total.",
                field=("amount",),
            )
        note = await CreditNote.create(
            invoice_id=invoice.id,
            amount=value,
            reason=text,
            created_at=uow.now,
            created_by_id=scope.user_id,
            using_db=uow.conn,
        )
        uow.record(
            ev.CREDIT_NOTE_CREATED,
            invoiceId=invoice.id,
            creditNoteId=note.id,
            amount=value,
            reason=text,
        )

    await run_command(scope, clock, work)
    return await scope.get(Invoice, invoice_id)
