"""`issueInvoice`: number a draft and make it final.

Issued numbers are gapless per agency: allocated with `UPDATE agency … RETURNING`
inside the issuing transaction, so the row lock orders concurrent issuers and a
rolled-back issue gives its number back.
"""

from __future__ import annotations

from models.billing import Invoice, InvoiceLine, InvoiceStatus, PendingReviewItem
from models.cancellations import Cancellation
from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from models.orders import Mission
from resolvers.clock import Clock
from resolvers.invoicing.drafts import refresh_drafts
from resolvers.invoicing.owed import lock_customer_billing
from resolvers.invoicing.records import LINE_MISSION, locked_invoice
from resolvers.scope import Scope, not_found
from resolvers.unit_of_work import UnitOfWork, run_command


def invoice_number(seq: int) -> str:
    """The printed number of the agency's `seq`-th issued invoice."""
    return f"INV-{seq:06d}"


async def issue_invoice(scope: Scope, clock: Clock, *, invoice_id: int) -> Invoice:
    """Number a DRAFT and make it ISSUED; what it bills counts as invoiced from now on.

    What it bills is settled first, under the locks of every mission concerned: exactly
    what the customer owes at this moment (see `owed`). INVALID when that is nothing (no
    number is taken); CONFLICT when a mission's billing changed while the locks were taken.
    """

    async def work(uow: UnitOfWork) -> None:
        field = ("invoiceId",)
        seen = await uow.scope.query(Invoice).filter(id=invoice_id).using_db(uow.conn).first()
        if seen is None:
            raise not_found(Invoice, field)
        _check_draft(seen)
        # Missions first, as every command that changes what they bill locks them.
        locked = await lock_customer_billing(uow, seen.customer_id)
        await refresh_drafts(uow, seen.customer_id, locked)
        invoice = await locked_invoice(uow, invoice_id, field)
        _check_draft(invoice)  # another issueInvoice may have been first
        lines = (
            await InvoiceLine.filter(invoice_id=invoice.id)
            .using_db(uow.conn)
            .values_list("kind", "mission_id", "review_item_id")
        )
        if any(m is not None and m not in locked for _, m, _ in lines):
            raise DomainError(
                ErrorCode.CONFLICT,
                "What this invoice bills changed while it was being issued; reload and try again.",
                field=field,
            )
        if not lines:
            raise DomainError(
                ErrorCode.INVALID,
                "This draft has nothing to bill (what it billed was waived, withdrawn or "
                "cancelled); it is not issued and takes no number.",
                field=field,
            )
        now = uow.now
        missions = [m for kind, m, _ in lines if kind == LINE_MISSION and m is not None]
        items = [i for _, _, i in lines if i is not None]
        if missions:
            await Mission.filter(id__in=missions).using_db(uow.conn).update(invoiced_at=now)
        if items:
            await PendingReviewItem.filter(id__in=items).using_db(uow.conn).update(invoiced_at=now)
            cancellation_ids = (
                await PendingReviewItem.filter(id__in=items, cancellation_id__not_isnull=True)
                .using_db(uow.conn)
                .values_list("cancellation_id", flat=True)
            )
            if cancellation_ids:
                await (
                    Cancellation.filter(id__in=list(cancellation_ids))
                    .using_db(uow.conn)
                    .update(invoiced_at=now)
                )
        # The number last: the agency row is the last lock taken, like the event cursor.
        number = invoice_number(await _next_invoice_seq(uow))
        await (
            Invoice.filter(id=invoice.id)
            .using_db(uow.conn)
            .update(number=number, status=InvoiceStatus.ISSUED, issued_at=now)
        )
        billed = {m for _, m, _ in lines if m is not None}
        order_ids: set[int] = set(
            await Mission.filter(id__in=list(billed) or [0])  # type: ignore[arg-type]
            .using_db(uow.conn)
            .values_list("order_id", flat=True)
        )
        # One event per order billed, so each order's history shows it (else one, unlinked).
        targets: list[int | None] = [*sorted(order_ids)] or [None]
        for order_id in targets:
            uow.record(
                ev.INVOICE_ISSUED,
                order_id=order_id,
                invoiceId=invoice.id,
                number=number,
                total=invoice.total,
            )

    await run_command(scope, clock, work)
    return await scope.get(Invoice, invoice_id)


def _check_draft(invoice: Invoice) -> None:
    if invoice.status != InvoiceStatus.DRAFT:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            f"Invoice {invoice.number} is already issued.",
            field=("invoiceId",),
        )


async def _next_invoice_seq(uow: UnitOfWork) -> int:
    if uow.dialect == "sqlite":
        sql = "UPDATE agency SET invoice_seq = invoice_seq + 1 WHERE id = ? RETURNING invoice_seq"
    else:
        sql = "UPDATE agency SET invoice_seq = invoice_seq + 1 WHERE id = $1 RETURNING invoice_seq"
    rows = await uow.conn.execute_query_dict(sql, [uow.scope.agency_id])
    return int(rows[0]["invoice_seq"])
