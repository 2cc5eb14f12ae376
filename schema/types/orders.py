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
from resolvers.row_store import Children
from resolvers.sql import SortKey
from schema.context import Info
from schema.ids import to_global_id
from schema.planning import children_of, many, to_many, to_one
from schema.types.events import Event, EventConnection, history, history_metadata
from schema.types.node import Connection, Node, PageAfter, PageFirst, page_connection
from schema.types.people import Customer, Driver

if TYPE_CHECKING:
    from schema.types.cancellations import Cancellation

BY_START = (SortKey('t."pickup_at"'), SortKey('t."id"'))
ORDER_MISSIONS = Children(
    m.Mission, "order_id", BY_START, driver_visibility=visibility.DRIVER_MISSIONS_SQL
)
SERIES_MISSIONS = Children(
    m.Mission, "series_id", BY_START, driver_visibility=visibility.DRIVER_MISSIONS_SQL
)
MISSION_ASSIGNMENTS = Children(
    m.Assignment, "mission_id", (SortKey('t."assigned_at"'), SortKey('t."id"'))
)
CURRENT_CANCELLATION = Children(
    CancellationRow, "mission_id", (SortKey('t."id"', descending=True),), 't."reverted_at" IS NULL'
)


def _missions(rows: list[m.Mission]) -> list[Mission]:
    return [Mission.of(r) for r in rows]


def _cancellation(row: CancellationRow) -> Cancellation:
    from schema.types.cancellations import Cancellation

    return Cancellation.of(row)


@strawberry.type(description="One booking by a customer; its status follows its missions.")
class Order(Node):
    row: strawberry.Private[m.Order]

    reference: str = strawberry.field(description="The agency's reference for the booking.")

    status: OrderStatus = strawberry.field(
        description="Derived from the missions after every change."
    )

    customer = to_one(
        CustomerRow,
        "customer_id",
        lambda row: Customer.of(row),
        graphql_type=Customer,
        description="Who booked and pays.",
    )

    missions = to_many(
        ORDER_MISSIONS,
        "id",
        lambda _, rows: _missions(rows),
        graphql_type=list[Annotated["Mission", strawberry.lazy("schema.types.orders")]],
        description="The order's missions, by start time.",
    )

    cancelled_at: datetime | None = strawberry.field(
        description="When the order was cancelled at order level, if it was."
    )

    @strawberry.field(
        description="The order's audit trail, oldest first (empty for a driver: see Mission.history).",
        metadata=history_metadata("order_id"),
    )
    def history(
        self,
        info: Info,
        first: PageFirst = None,
        after: PageAfter = None,
    ) -> EventConnection:
        if not visibility.sees_order_history(info.context.scope):
            return page_connection(EventConnection, Page.empty(), Event.of)
        return history(info, first, after, "order_id", self.row.id)  # type: ignore[no-any-return]

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

    missions = to_many(
        SERIES_MISSIONS,
        "id",
        lambda _, rows: _missions(rows),
        graphql_type=list[Annotated["Mission", strawberry.lazy("schema.types.orders")]],
        description="The occurrences, by start time.",
    )

    @classmethod
    def of(cls, row: m.Series) -> Series:
        return cls(id=strawberry.ID(to_global_id("Series", row.id)), row=row, rule=row.rule)


@strawberry.type(description="A driver on a mission.")
class Assignment:
    row: strawberry.Private[m.Assignment]

    driver = to_one(
        DriverRow,
        "driver_id",
        lambda row: Driver.of(row),
        graphql_type=Driver,
        description="The driver.",
    )

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

    order = to_one(
        m.Order,
        "order_id",
        lambda row: Order.of(row),
        graphql_type=Order,
        description="The order the mission belongs to.",
    )

    series = to_one(
        m.Series,
        "series_id",
        lambda row: Series.of(row),
        graphql_type=Series | None,
        description="The recurring series, when the mission is an occurrence of one.",
        nullable=True,
    )

    status: MissionStatus = strawberry.field(
        description="Where the mission stands in its lifecycle."
    )

    pickup_at: datetime = strawberry.field(description="Scheduled start (UTC).")

    estimated_end_at: datetime = strawberry.field(description="Scheduled end (UTC).")

    pickup_location: str | None = strawberry.field(description="Where the mission starts.")

    dropoff_location: str | None = strawberry.field(description="Where the mission ends.")

    notes: str | None = strawberry.field(description="Free-text notes for the driver.")

    @strawberry.field(
        description="Drivers on the mission; ended assignments only when asked.",
        metadata=children_of(MISSION_ASSIGNMENTS, lambda mission: mission.row.id),
    )
    def assignments(
        self,
        info: Info,
        include_ended: Annotated[
            bool | None, strawberry.argument(description="Also list ended assignments.")
        ] = False,
    ) -> list[Assignment]:
        return many(
            info,
            MISSION_ASSIGNMENTS,
            self.row.id,
            lambda rows: [Assignment(row=r) for r in rows if include_ended or r.ended_at is None],
        )

    arrived_at: datetime | None = strawberry.field(
        description="When the driver reported arrival (or the operator recorded it)."
    )

    cancellation = to_many(
        CURRENT_CANCELLATION,
        "id",
        lambda _, rows: _cancellation(rows[0]) if rows else None,
        graphql_type=Annotated["Cancellation", strawberry.lazy("schema.types.cancellations")]
        | None,
        description="The current (not reverted) cancellation, if cancelled.",
    )

    no_show_fee: NoShowFeeState = strawberry.field(
        description="Where the mission stands on the no-show fee."
    )

    @strawberry.field(
        description="How long the driver waits after pickup or arrival before a no-show, "
        "this mission's own; null: its cancellation policy's."
    )
    def no_show_grace_minutes(self) -> int | None:
        return self.row.no_show_grace_minutes

    @strawberry.field(
        description="The vehicle class booked; a cancellation policy may price it apart."
    )
    def vehicle_class(self) -> str | None:
        return self.row.vehicle_class

    @strawberry.field(description="Whether an issued invoice bills the mission.")
    def invoiced(self) -> bool:
        return self.row.invoiced_at is not None

    @strawberry.field(
        description="The mission's audit trail, oldest first.",
        metadata=history_metadata("mission_id"),
    )
    def history(
        self,
        info: Info,
        first: PageFirst = None,
        after: PageAfter = None,
    ) -> EventConnection:
        return history(info, first, after, "mission_id", self.row.id)  # type: ignore[no-any-return]

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
