"""Customers and drivers."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from models import people as m
from resolvers import listings, visibility
from schema.context import Info
from schema.errors_gql import forbidden
from schema.ids import to_global_id
from schema.planning_pages import ParentPages, paged, pages_of
from schema.selection import selects
from schema.types.common import Money
from schema.types.node import Node, PageAfter, PageFirst, page_connection

if TYPE_CHECKING:
    from schema.types.orders import MissionConnection


async def _drivers_missions(
    info: Info, arguments: dict[str, Any], driver_ids: list[int]
) -> dict[int, Any]:
    return await listings.missions_of_drivers(
        info.context.scope,
        driver_ids,
        start=arguments.get("from_"),
        end=arguments.get("to"),
        first=arguments.get("first"),
        after=arguments.get("after"),
        with_total=selects(info, "totalCount"),
    )


DRIVERS_MISSIONS = ParentPages("missions of drivers", _drivers_missions)


@strawberry.type(description="Who books and pays. Unset terms fall back to the agency's defaults.")
class Customer(Node):
    row: strawberry.Private[m.Customer]

    name: str = strawberry.field(description="The customer's name.")

    @strawberry.field(description="What the customer pays per hour of service.")
    def billing_rate_per_hour(self, info: Info) -> Money:
        return Money.of(self.row.billing_rate_per_hour, info.context.currency)

    cancellation_window_minutes: int | None = strawberry.field(
        description="The customer's cancellation window in minutes; null: agency default."
    )

    minimum_billing_minutes: int | None = strawberry.field(
        description="The customer's minimum billing time in minutes; null: agency default."
    )

    @classmethod
    def of(cls, row: m.Customer) -> Customer:
        return cls(
            id=strawberry.ID(to_global_id("Customer", row.id)),
            row=row,
            name=row.name,
            cancellation_window_minutes=row.cancellation_window_minutes,
            minimum_billing_minutes=row.minimum_billing_minutes,
        )


@strawberry.type(
    description="A person who carries missions out: a driver, an interpreter, a technician."
)
class Driver(Node):
    row: strawberry.Private[m.Driver]

    name: str = strawberry.field(description="The driver's name.")

    @strawberry.field(description="What the driver is paid per hour.")
    def pay_rate_per_hour(self, info: Info) -> Money:
        return Money.of(self.row.pay_rate_per_hour, info.context.currency)

    cancellation_window_minutes: int | None = strawberry.field(
        description="The driver's cancellation window in minutes; null: agency default."
    )

    active: bool = strawberry.field(description="Whether the driver can be assigned.")

    @strawberry.field(
        description="The driver's missions (active assignments), by start time.",
        metadata=pages_of(DRIVERS_MISSIONS, lambda driver: driver.row.id),
    )
    def missions(
        self,
        info: Info,
        from_: Annotated[
            datetime | None,
            strawberry.argument(
                name="from", description="Missions starting at or after this time."
            ),
        ] = None,
        to: Annotated[
            datetime | None, strawberry.argument(description="Missions starting before this time.")
        ] = None,
        first: PageFirst = None,
        after: PageAfter = None,
    ) -> Annotated[MissionConnection, strawberry.lazy("schema.types.orders")]:
        from schema.types.orders import Mission, MissionConnection

        if not visibility.sees_driver(info.context.scope, self.row.id):
            raise forbidden("A driver sees only their own missions.")
        arguments = {"from_": from_, "to": to, "first": first, "after": after}
        return paged(  # type: ignore[no-any-return]
            info,
            DRIVERS_MISSIONS,
            arguments,
            self.row.id,
            lambda page: page_connection(MissionConnection, page, Mission.of),
        )

    @classmethod
    def of(cls, row: m.Driver) -> Driver:
        return cls(
            id=strawberry.ID(to_global_id("Driver", row.id)),
            row=row,
            name=row.name,
            cancellation_window_minutes=row.cancellation_window_minutes,
            active=row.active,
        )
