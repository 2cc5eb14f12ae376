"""Invoice rows: the kind of a completed mission's line, one invoice locked, the agency's list."""

from __future__ import annotations

from models.billing import Invoice
from resolvers.paging import Key, sql_page
from resolvers.scope import Scope, not_found
from resolvers.sql import Statement
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

    def conditions(sql: Statement) -> list[str]:
        where = [f't."agency_id" = {sql.bind(scope.agency_id)}']
        if after is not None:
            where.append(f't."id" < {sql.bind(after)}')
        return where

    newest = [Key("id", descending=True)]
    page = await sql_page(Invoice, conditions, newest, first=first, after=None, with_total=False)
    return page.rows
