"""The agency's invoices."""

from __future__ import annotations

from typing import Annotated

import strawberry

from models.domain.errors import DomainError
from resolvers.invoicing import list_invoices
from resolvers.paging import PageError
from schema import permissions as p
from schema.context import Info
from schema.errors_gql import bad_argument
from schema.ids import decode_id
from schema.types.billing import Invoice
from schema.types.node import PageFirst


@strawberry.type
class InvoicesQuery:
    @strawberry.field(
        description="The agency's invoices, newest first.", permission_classes=[p.READERS]
    )
    async def invoices(
        self,
        info: Info,
        first: PageFirst = None,
        after: Annotated[
            str | None,
            strawberry.argument(description="The id of the last invoice seen: continue after it."),
        ] = None,
    ) -> list[Invoice]:
        try:
            after_id = decode_id(after, "Invoice") if after else None
            rows = await list_invoices(info.context.scope, first=first, after=after_id)
        except DomainError as exc:
            raise bad_argument("after is not an invoice id.", "after") from exc
        except PageError as exc:
            raise bad_argument(str(exc), exc.argument) from exc
        return [Invoice.of(r) for r in rows]
