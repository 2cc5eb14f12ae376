"""Invoice rows: the kind of a completed mission's line, one invoice locked, the agency's list."""

from __future__ import annotations

from models.billing import Invoice
from resolvers.paging import Key, keyset_page
from resolvers.scope import Scope, not_found
from resolvers.unit_of_work import UnitOfWork

LINE_MISSION = "MISSION"


async def locked_invoice(uow: UnitOfWork, invoice_id: int, field: tuple[str, ...]) -> Invoice:
    """One invoice of the agency, row-locked until commit; NOT_FOUND otherwise."""
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


async def list_invoices(scope: Scope, *, first: int | None, after: int | None) -> list[Invoice]:
    """The agency's invoices, newest first; `after` is the id of the last one seen."""
    qs = scope.query(Invoice)
    if after is not None:
        qs = qs.filter(id__lt=after)
    page = await keyset_page(qs, first=first, after=None, keys=[Key("id", descending=True)])
    return page.rows
