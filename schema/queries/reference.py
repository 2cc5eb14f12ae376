"""Root queries for reference data, orders and missions."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from models.agency import Agency as AgencyRow
from models.cancellations import CancellationReason as ReasonRow
from models.domain.errors import DomainError
from models.domain.statuses import MissionStatus
from models.orders import Mission as MissionRow
from models.orders import Order as OrderRow
from resolvers import listings, visibility
from schema import permissions as p
from schema.context import Info
from schema.ids import decode_id, parse_global_id
from schema.joins import NODES, selected_joins
from schema.node_lookup import resolve_node
from schema.selection import selects
from schema.types.agency import Viewer
from schema.types.cancellations import CancellationReason
from schema.types.node import Connection, Node, PageAfter, PageFirst, connection
from schema.types.orders import (
    Mission,
    MissionConnection,
    Order,
    OrderConnection,
)
from schema.types.people import Customer, Driver


@strawberry.type(description="A page of customers.")
class CustomerConnection(Connection[Customer]):
    pass


@strawberry.type(description="A page of drivers.")
class DriverConnection(Connection[Driver]):
    pass


@strawberry.input(description="Which missions to list.")
class MissionFilter:
    statuses: list[MissionStatus] | None = strawberry.field(
        default=None, description="Only these statuses."
    )
    driver_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this driver's missions."
    )
    from_: datetime | None = strawberry.field(
        default=None, name="from", description="Starting at or after."
    )
    to: datetime | None = strawberry.field(default=None, description="Starting before.")


def _id(global_id: str, type_name: str) -> int | None:
    try:
        return decode_id(global_id, type_name)
    except DomainError:
        return None


@strawberry.type
class ReferenceQuery:
    @strawberry.field(
        description="The signed-in user and their agency.", permission_classes=[p.ANY_ROLE]
    )
    async def viewer(self, info: Info) -> Viewer:
        user = info.context.principal.user  # type: ignore[union-attr]
        agency = await AgencyRow.get(id=user.agency_id)
        return Viewer(user=user, agency_row=agency)

    @strawberry.field(
        description="Any object by its global id; null when missing or not yours.",
        permission_classes=[p.ANY_ROLE],
    )
    async def node(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A global id.")],
    ) -> Node | None:
        parsed = parse_global_id(id)
        if parsed is None:
            return None
        return await resolve_node(info, *parsed)

    @strawberry.field(
        description="One order; null when missing or another agency's.",
        permission_classes=[p.ANY_ROLE],
    )
    async def order(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The order's global id.")],
    ) -> Order | None:
        pk = _id(id, "Order")
        row = await visibility.find(info.context.scope, OrderRow, pk) if pk else None
        return Order.of(row) if row else None

    @strawberry.field(
        description="One mission; null when missing or another agency's.",
        permission_classes=[p.ANY_ROLE],
    )
    async def mission(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The mission's global id.")],
    ) -> Mission | None:
        pk = _id(id, "Mission")
        row = await visibility.find(info.context.scope, MissionRow, pk) if pk else None
        return Mission.of(row) if row else None

    @strawberry.field(
        description="The agency's orders, newest first.", permission_classes=[p.READERS]
    )
    async def orders(
        self, info: Info, first: PageFirst = None, after: PageAfter = None
    ) -> OrderConnection:
        page = listings.orders_page(
            info.context.scope,
            first,
            after,
            with_total=selects(info, "totalCount"),
            joins=selected_joins(info, NODES, Order),
            store=info.context.rows,
        )
        return await connection(OrderConnection, page, Order.of)

    @strawberry.field(
        description="Missions by start time; a driver sees only their own.",
        permission_classes=[p.ANY_ROLE],
    )
    async def missions(
        self,
        info: Info,
        filter: Annotated[
            MissionFilter | None, strawberry.argument(description="Which missions.")
        ] = None,
        first: PageFirst = None,
        after: PageAfter = None,
    ) -> MissionConnection:
        f = filter or MissionFilter()
        driver_id = None
        if f.driver_id is not None:
            driver_id = _id(f.driver_id, "Driver") or -1
        page = listings.missions_page(
            info.context.scope,
            driver_id=driver_id,
            statuses=f.statuses,
            start=f.from_,
            end=f.to,
            first=first,
            after=after,
            with_total=selects(info, "totalCount"),
            joins=selected_joins(info, NODES, Mission),
            store=info.context.rows,
        )
        return await connection(MissionConnection, page, Mission.of)

    @strawberry.field(description="The agency's customers by name.", permission_classes=[p.READERS])
    async def customers(
        self,
        info: Info,
        search: Annotated[
            str | None, strawberry.argument(description="Part of the name, any case.")
        ] = None,
        first: PageFirst = None,
        after: PageAfter = None,
    ) -> CustomerConnection:
        page = listings.customers_page(
            info.context.scope, search, first, after, with_total=selects(info, "totalCount")
        )
        return await connection(CustomerConnection, page, Customer.of)

    @strawberry.field(description="The agency's drivers by name.", permission_classes=[p.READERS])
    async def drivers(
        self,
        info: Info,
        search: Annotated[
            str | None, strawberry.argument(description="Part of the name, any case.")
        ] = None,
        include_inactive: Annotated[
            bool | None, strawberry.argument(description="Also list inactive drivers.")
        ] = False,
        first: PageFirst = None,
        after: PageAfter = None,
    ) -> DriverConnection:
        scope = info.context.scope
        page = listings.drivers_page(
            scope,
            search,
            bool(include_inactive),
            first,
            after,
            with_total=selects(info, "totalCount"),
        )
        return await connection(DriverConnection, page, Driver.of)

    @strawberry.field(
        description="The agency's cancellation reasons by code.", permission_classes=[p.ANY_ROLE]
    )
    async def cancellation_reasons(
        self,
        info: Info,
        include_inactive: Annotated[
            bool | None, strawberry.argument(description="Also list inactive reasons.")
        ] = False,
    ) -> list[CancellationReason]:
        qs = info.context.scope.query(ReasonRow)
        if not include_inactive:
            qs = qs.filter(active=True)
        return [CancellationReason.of(r) for r in await qs.order_by("code")]
