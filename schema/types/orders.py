"""Orders, missions, series and assignments."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from models import orders as m
from models.cancellations import Cancellation as CancellationRow
from models.domain.statuses import MissionStatus, OrderStatus
from models.orders import NoShowFeeState
from models.people import Customer as CustomerRow
from models.people import Driver as DriverRow
from resolvers import visibility
from resolvers.paging import Page
from schema.context import Info
from schema.ids import to_global_id
from schema.types.events import Event, EventConnection, history
from schema.types.node import Connection, Node, PageAfter, PageFirst, connection
from schema.types.people import Customer, Driver

if TYPE_CHECKING:
    from schema.types.cancellations import Cancellation


@strawberry.type(description="One booking by a customer; its status follows its missions.")
class Order(Node):
    row: strawberry.Private[m.Order]

    reference: str = strawberry.field(description="The agency's reference for the booking.")

    status: OrderStatus = strawberry.field(
        description="Derived from the missions after every change."
    )

    @strawberry.field(description="Who booked and pays.")
    async def customer(self, info: Info) -> Customer:
        row = await info.context.loaders.get(CustomerRow, self.row.customer_id)
        return Customer.of(row)

    @strawberry.field(description="The order's missions, by start time.")
    async def missions(self, info: Info) -> list[Mission]:
        rows = await info.context.loaders.children(
            m.Mission, "order_id", order_by=("pickup_at", "id")
        ).load(self.row.id)
        return [Mission.of(r) for r in await visibility.own_missions(info.context.scope, rows)]

    cancelled_at: datetime | None = strawberry.field(
        description="When the order was cancelled at order level, if it was."
    )

    @strawberry.field(
        description="The order's audit trail, oldest first (empty for a driver: see Mission.history)."
    )
    async def history(
        self,
        info: Info,
        first: PageFirst = None,
        after: PageAfter = None,
    ) -> EventConnection:
        if not visibility.sees_order_history(info.context.scope):
            return await connection(EventConnection, Page.empty(), Event.of)
        return await history(info, first, after, order_id=self.row.id)

    @classmethod
    def of(cls, row: m.Order) -> Order:
        return cls(
            id=strawberry.ID(to_global_id("Order", row.id)),
            row=row,
            reference=row.reference,
            status=row.status,
            cancelled_at=row.cancelled_at,
        )


@strawberry.type(description="A recurring booking: an RFC 5545 rule expanded into missions.")
class Series(Node):
    row: strawberry.Private[m.Series]

    rule: str = strawberry.field(description='The RFC 5545 rule, e.g. "FREQ=WEEKLY;COUNT=10".')

    @strawberry.field(description="The occurrences, by start time.")
    async def missions(self, info: Info) -> list[Mission]:
        rows = await info.context.loaders.children(
            m.Mission, "series_id", order_by=("pickup_at", "id")
        ).load(self.row.id)
        return [Mission.of(r) for r in await visibility.own_missions(info.context.scope, rows)]

    @classmethod
    def of(cls, row: m.Series) -> Series:
        return cls(id=strawberry.ID(to_global_id("Series", row.id)), row=row, rule=row.rule)


@strawberry.type(description="A driver on a mission.")
class Assignment:
    row: strawberry.Private[m.Assignment]

    @strawberry.field(description="The driver.")
    async def driver(self, info: Info) -> Driver:
        row = await info.context.loaders.get(DriverRow, self.row.driver_id)
        return Driver.of(row)

    @strawberry.field(description="When the driver was assigned.")
    def assigned_at(self) -> datetime:
        return self.row.assigned_at

    @strawberry.field(description="When the driver accepted, if they did.")
    def accepted_at(self) -> datetime | None:
        return self.row.accepted_at

    @strawberry.field(description="When the assignment ended (unassigned, declined, cancelled).")
    def ended_at(self) -> datetime | None:
        return self.row.ended_at


@strawberry.type(description="One job of an order: a ride, an interpreting assignment, a visit.")
class Mission(Node):
    row: strawberry.Private[m.Mission]

    @strawberry.field(description="The order the mission belongs to.")
    async def order(self, info: Info) -> Order:
        row = await info.context.loaders.row(m.Order).load(self.row.order_id)
        assert row is not None
        return Order.of(row)

    @strawberry.field(description="The recurring series, when the mission is an occurrence of one.")
    async def series(self, info: Info) -> Series | None:
        if self.row.series_id is None:
            return None
        row = await info.context.loaders.row(m.Series).load(self.row.series_id)
        return Series.of(row) if row else None

    status: MissionStatus = strawberry.field(
        description="Where the mission stands in its lifecycle."
    )

    pickup_at: datetime = strawberry.field(description="Scheduled start (UTC).")

    estimated_end_at: datetime = strawberry.field(description="Scheduled end (UTC).")

    pickup_location: str | None = strawberry.field(description="Where the mission starts.")

    dropoff_location: str | None = strawberry.field(description="Where the mission ends.")

    notes: str | None = strawberry.field(description="Free-text notes for the driver.")

    @strawberry.field(description="Drivers on the mission; ended assignments only when asked.")
    async def assignments(
        self,
        info: Info,
        include_ended: Annotated[
            bool | None, strawberry.argument(description="Also list ended assignments.")
        ] = False,
    ) -> list[Assignment]:
        rows = await info.context.loaders.children(
            m.Assignment, "mission_id", order_by=("assigned_at", "id")
        ).load(self.row.id)
        return [Assignment(row=r) for r in rows if include_ended or r.ended_at is None]

    arrived_at: datetime | None = strawberry.field(
        description="When the driver reported arrival (or the operator recorded it)."
    )

    @strawberry.field(description="The current (not reverted) cancellation, if cancelled.")
    async def cancellation(
        self, info: Info
    ) -> Annotated[Cancellation, strawberry.lazy("schema.types.cancellations")] | None:
        from schema.types.cancellations import Cancellation

        rows = await info.context.loaders.children(
            CancellationRow, "mission_id", order_by=("-id",), reverted_at__isnull=True
        ).load(self.row.id)
        return Cancellation.of(rows[0]) if rows else None

    no_show_fee: NoShowFeeState = strawberry.field(
        description="Where the mission stands on the no-show fee."
    )

    @strawberry.field(description="Whether an issued invoice bills the mission.")
    def invoiced(self) -> bool:
        return self.row.invoiced_at is not None

    @strawberry.field(description="The mission's audit trail, oldest first.")
    async def history(
        self,
        info: Info,
        first: PageFirst = None,
        after: PageAfter = None,
    ) -> EventConnection:
        return await history(info, first, after, mission_id=self.row.id)

    @classmethod
    def of(cls, row: m.Mission) -> Mission:
        return cls(
            id=strawberry.ID(to_global_id("Mission", row.id)),
            row=row,
            status=row.status,
            pickup_at=row.pickup_at,
            estimated_end_at=row.estimated_end_at,
            pickup_location=row.pickup_location,
            dropoff_location=row.dropoff_location,
            notes=row.notes,
            arrived_at=row.arrived_at,
            no_show_fee=row.no_show_fee,
        )


@strawberry.type(description="A page of missions.")
class MissionConnection(Connection[Mission]):
    pass


@strawberry.type(description="A page of orders.")
class OrderConnection(Connection[Order]):
    pass
