"""Invoice rows: the line kinds, one invoice locked, totals, the agency's list."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from models.billing import Invoice, InvoiceLine, ReviewKind
from models.domain.billing import ZERO
from resolvers.paging import Key, keyset_page
from resolvers.scope import Scope, not_found
from resolvers.unit_of_work import UnitOfWork

LINE_MISSION = "MISSION"
LINE_NO_SHOW_FEE = ReviewKind.NO_SHOW_FEE.value


async def locked_invoice(uow: UnitOfWork, invoice_id: int, field: tuple[str, ...]) -> Invoice:
    row = await (
        uow.scope.query(Invoice)
        .filter(id=invoice_id)
        .select_for_update(no_key=True)
        .using_db(uow.conn)
        .first()
    )
    if row is None:
        raise not_found(Invoice, field)
    return row


async def refresh_total(uow: UnitOfWork, invoice_ids: Sequence[int]) -> None:
    for invoice_id in set(invoice_ids):
        amounts = (
            await InvoiceLine.filter(invoice_id=invoice_id)
            .using_db(uow.conn)
            .values_list("amount", flat=True)
        )
        total = sum((Decimal(a) for a in amounts), ZERO)
        await Invoice.filter(id=invoice_id).using_db(uow.conn).update(total=total)


async def list_invoices(scope: Scope, *, first: int | None, after: int | None) -> list[Invoice]:
    """The agency's invoices, newest first; `after` is the id of the last one seen."""
    qs = scope.query(Invoice)
    if after is not None:
        qs = qs.filter(id__lt=after)
    page = await keyset_page(qs, first=first, after=None, keys=[Key("id", descending=True)])
    return page.rows
