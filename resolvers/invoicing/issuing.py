"""`issueInvoice`: number a draft and make it final.

Issued numbers are gapless per agency: allocated with `UPDATE agency … RETURNING`
inside the issuing transaction, so the row lock orders concurrent issuers and a
rolled-back issue gives its number back.
"""

from __future__ import annotations

from collections import defaultdict

from models.billing import Invoice, InvoiceLine, InvoiceStatus, PendingReviewItem
from models.cancellations import Cancellation
from models.domain import events as ev
from models.domain.errors import DomainError, ErrorCode
from models.orders import Mission
from resolvers.clock import Clock
from resolvers.invoicing.records import LINE_MISSION, locked_invoice
from resolvers.lifecycle import lock_missions
from resolvers.scope import Scope
from resolvers.unit_of_work import UnitOfWork, run_command


def invoice_number(seq: int) -> str:
    """The printed number of the agency's `seq`-th issued invoice."""
    return f"INV-{seq:06d}"


async def issue_invoice(scope: Scope, clock: Clock, *, invoice_id: int) -> Invoice:
    """Number a DRAFT and make it ISSUED; what it bills counts as invoiced from now on."""

    async def work(uow: UnitOfWork) -> None:
        invoice = await locked_invoice(uow, invoice_id, ("invoiceId",))
        if invoice.status != InvoiceStatus.DRAFT:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                f"Invoice {invoice.number} is already issued.",
                field=("invoiceId",),
            )
        now = uow.now
        lines = (
            await InvoiceLine.filter(invoice_id=invoice.id)
            .using_db(uow.conn)
            .values_list("kind", "mission_id", "review_item_id")
        )
        by_kind: dict[str, list[int]] = defaultdict(list)
        for kind, mission_id, item_id in lines:
            if kind == LINE_MISSION and mission_id is not None:
                by_kind["missions"].append(mission_id)
            if item_id is not None:
                by_kind["items"].append(item_id)
        if by_kind["missions"]:
            # Missions are locked in id order before anything else, as every command does:
            # a cancellation of one of them either waits for this or is waited for.
            await lock_missions(uow, by_kind["missions"])
            await (
                Mission.filter(id__in=by_kind["missions"])
                .using_db(uow.conn)
                .update(invoiced_at=now)
            )
        if by_kind["items"]:
            await (
                PendingReviewItem.filter(id__in=by_kind["items"])
                .using_db(uow.conn)
                .update(invoiced_at=now)
            )
            cancellation_ids = (
                await PendingReviewItem.filter(
                    id__in=by_kind["items"], cancellation_id__not_isnull=True
                )
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
        order_ids = {
            m.order_id
            for m in await Mission.filter(id__in=by_kind["missions"] or [0])
            .only("id", "order_id")
            .using_db(uow.conn)
        }
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


async def _next_invoice_seq(uow: UnitOfWork) -> int:
    if uow.dialect == "sqlite":
        sql = "UPDATE agency SET invoice_seq = invoice_seq + 1 WHERE id = ? RETURNING invoice_seq"
    else:
        sql = "UPDATE agency SET invoice_seq = invoice_seq + 1 WHERE id = $1 RETURNING invoice_seq"
    rows = await uow.conn.execute_query_dict(sql, [uow.scope.agency_id])
    return int(rows[0]["invoice_seq"])
