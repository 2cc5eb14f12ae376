"""Live notices: what a dispatch board or a driver's app is told, as it happens."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from models.cancellations import Cancellation as CancellationRow
from models.domain import events as ev
from models.domain.statuses import MissionStatus
from models.orders import Mission as MissionRow
from models.orders import Order as OrderRow
from models.people import Driver as DriverRow
from schema.context import Info
from schema.ids import to_global_id
from schema.notice_rows import driver_of, notice_row, shared_row
from schema.types.people import Driver
from subscriptions.notices import NoticeEvent, mission_ids_of

if TYPE_CHECKING:
    from schema.types.cancellations import Cancellation
    from schema.types.orders import Mission, Order

MissionRef = Annotated["Mission", strawberry.lazy("schema.types.orders")]
OrderRef = Annotated["Order", strawberry.lazy("schema.types.orders")]
CancellationRef = Annotated["Cancellation", strawberry.lazy("schema.types.cancellations")]


async def _mission(info: Info, event: NoticeEvent) -> Mission:
    from schema.types.orders import Mission

    mission_id = event.mission_id
    row = await notice_row(info, event, MissionRow)
    if row is None:
        raise ValueError(f"notice names mission {mission_id}, which is not readable")
    return Mission.of(row)


def _mission_gid(mission_id: int | None) -> strawberry.ID:
    return strawberry.ID(to_global_id("Mission", mission_id or 0))


@strawberry.interface(description="Something a live subscriber is told, in cursor order.")
class Notice:
    event: strawberry.Private[NoticeEvent]

    @strawberry.field(
        description="Opaque position in the agency's stream; resubscribe with `after:` it "
        "to receive every later notice, none twice."
    )
    def cursor(self) -> str:
        return self.event.cursor

    @strawberry.field(description="When the change was committed (UTC).")
    def occurred_at(self) -> datetime:
        return self.event.occurred_at


@strawberry.type(description="A mission was cancelled.")
class MissionCancelledNotice(Notice):
    @strawberry.field(description="The cancelled mission, as it is now.")
    async def mission(self, info: Info) -> MissionRef:
        return await _mission(info, self.event)

    @strawberry.field(description="The record of the cancellation.")
    async def cancellation(self, info: Info) -> CancellationRef:
        from schema.types.cancellations import Cancellation

        row = await notice_row(info, self.event, CancellationRow)
        if row is None:
            raise ValueError(
                f"notice names cancellation {self.event.cancellation_id}, not readable"
            )
        return Cancellation.of(row)

    @strawberry.field(description="The reason's label as at cancellation time.")
    async def reason_label(self, info: Info) -> str:
        label = self.event.data.get("reasonLabel")
        if isinstance(label, str):
            return label
        row = await shared_row(info.context, self.event, CancellationRow)
        return str(getattr(row, "reason_label", "") or "")


@strawberry.type(description="An order was cancelled as a whole.")
class OrderCancelledNotice(Notice):
    @strawberry.field(description="The cancelled order, as it is now.")
    async def order(self, info: Info) -> OrderRef:
        from schema.types.orders import Order

        row = await notice_row(info, self.event, OrderRow)
        if row is None:
            raise ValueError(f"notice names order {self.event.order_id}, which is not readable")
        return Order.of(row)

    @strawberry.field(description="The missions this cancellation cancelled.")
    async def mission_ids(self, info: Info) -> list[strawberry.ID]:
        ids = mission_ids_of(self.event)
        if not ids and self.event.order_id is not None:
            rows = await info.context.loaders.children(MissionRow, "order_id").load(
                self.event.order_id
            )
            ids = [r.id for r in rows if r.status == MissionStatus.CANCELLED]
        return [_mission_gid(i) for i in ids]


@strawberry.type(description="A driver's time slot became free (its mission was cancelled).")
class SlotReleasedNotice(Notice):
    @strawberry.field(description="The driver who is free again.")
    async def driver(self, info: Info) -> Driver:
        row = await notice_row(info, self.event, DriverRow)
        if row is None:
            raise ValueError(f"notice names driver {driver_of(self.event)}, which is not readable")
        return Driver.of(row)

    @strawberry.field(name="from", description="Start of the freed slot (UTC).")
    def from_(self) -> datetime:
        return datetime.fromisoformat(str(self.event.data["start"]))

    @strawberry.field(description="End of the freed slot (UTC).")
    def to(self) -> datetime:
        return datetime.fromisoformat(str(self.event.data["end"]))

    @strawberry.field(description="The mission that held the slot.")
    def mission_id(self) -> strawberry.ID:
        return _mission_gid(self.event.mission_id)


@strawberry.type(description="A cancelled mission was un-cancelled and is open again.")
class MissionReopenedNotice(Notice):
    @strawberry.field(description="The reopened mission, as it is now.")
    async def mission(self, info: Info) -> MissionRef:
        return await _mission(info, self.event)


@strawberry.type(description="A mission moved from one status to another.")
class MissionStatusChangedNotice(Notice):
    @strawberry.field(description="The mission, as it is now.")
    async def mission(self, info: Info) -> MissionRef:
        return await _mission(info, self.event)

    @strawberry.field(description="The status it left.")
    def from_status(self) -> MissionStatus:
        return MissionStatus(self.event.data["fromStatus"])

    @strawberry.field(description="The status it entered.")
    def to_status(self) -> MissionStatus:
        return MissionStatus(self.event.data["toStatus"])


@strawberry.type(description="The driver was assigned to a mission.")
class MissionAssignedNotice(Notice):
    @strawberry.field(description="The mission, as it is now.")
    async def mission(self, info: Info) -> MissionRef:
        return await _mission(info, self.event)


@strawberry.type(description="The driver was taken off a mission.")
class MissionUnassignedNotice(Notice):
    @strawberry.field(
        description="The mission the driver no longer has (it may not be theirs to read)."
    )
    def mission_id(self) -> strawberry.ID:
        return _mission_gid(self.event.mission_id)


@strawberry.type(
    description="A webhook endpoint was disabled: its deliveries failed for the whole retry "
    "period. Enable it again (updateWebhookEndpoint) once the receiver is fixed."
)
class WebhookEndpointDisabledNotice(Notice):
    @strawberry.field(description="The endpoint.")
    def endpoint_id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("WebhookEndpoint", int(self.event.data["endpointId"])))

    @strawberry.field(description="Its URL.")
    def url(self) -> str:
        return str(self.event.data.get("url", ""))

    @strawberry.field(description="Why it was disabled.")
    def reason(self) -> str:
        return str(self.event.data.get("reason", ""))


DispatchNotice = Annotated[
    MissionCancelledNotice
    | OrderCancelledNotice
    | SlotReleasedNotice
    | MissionReopenedNotice
    | MissionStatusChangedNotice
    | WebhookEndpointDisabledNotice,
    strawberry.union("DispatchNotice", description="A notice on the dispatch board."),
]

DriverNotice = Annotated[
    MissionCancelledNotice | MissionAssignedNotice | MissionUnassignedNotice,
    strawberry.union("DriverNotice", description="A notice in a driver's app."),
]

_KINDS: dict[str, type[Notice]] = {
    ev.MISSION_CANCELLED: MissionCancelledNotice,
    ev.ORDER_CANCELLED: OrderCancelledNotice,
    ev.SLOT_RELEASED: SlotReleasedNotice,
    ev.MISSION_REOPENED: MissionReopenedNotice,
    ev.MISSION_STATUS_CHANGED: MissionStatusChangedNotice,
    ev.DRIVER_ASSIGNED: MissionAssignedNotice,
    ev.DRIVER_UNASSIGNED: MissionUnassignedNotice,
    ev.WEBHOOK_ENDPOINT_DISABLED: WebhookEndpointDisabledNotice,
}


def notice_of(event: NoticeEvent) -> Notice:
    """The notice type for a committed event (callers filter the types first)."""
    return _KINDS[event.type](event=event)
