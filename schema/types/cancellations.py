"""Cancellation reasons, cancellations, billing decisions and the preview banner."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from models import cancellations as m
from models.domain.billing import BillingDecision as Decision
from models.domain.billing import PolicySource
from models.domain.cascade import PreviewAction, SeriesScope
from models.orders import Mission as MissionRow
from models.orders import Order as OrderRow
from models.people import Customer as CustomerRow
from models.people import Driver as DriverRow
from schema.context import Info
from schema.ids import to_global_id
from schema.types.common import Actor, Money
from schema.types.events import EventConnection, history
from schema.types.node import Connection, Node
from schema.types.people import Customer, Driver

if TYPE_CHECKING:
    from schema.types.orders import Mission, Order

MissionRef = Annotated["Mission", strawberry.lazy("schema.types.orders")]
OrderRef = Annotated["Order", strawberry.lazy("schema.types.orders")]


@strawberry.type(description="An entry of the agency's reference list of cancellation reasons.")
class CancellationReason(Node):
    row: strawberry.Private[m.CancellationReason]

    @strawberry.field(description="Stable code, e.g. CUSTOMER_REQUEST.")
    def code(self) -> str:
        return self.row.code

    @strawberry.field(description="What dispatchers see.")
    def label(self) -> str:
        return self.row.label

    @strawberry.field(
        description="Inactive reasons stay on old cancellations but cannot be chosen."
    )
    def active(self) -> bool:
        return self.row.active

    @classmethod
    def of(cls, row: m.CancellationReason) -> CancellationReason:
        return cls(id=strawberry.ID(to_global_id("CancellationReason", row.id)), row=row)


@strawberry.type(description="What one driver is paid for a billable cancellation.")
class Payout:
    driver_id: strawberry.Private[int]
    amount: Money = strawberry.field(description="The amount paid to the driver.")

    @strawberry.field(description="The driver paid.")
    async def driver(self, info: Info) -> Driver:
        row = await info.context.loaders.row(DriverRow).load(self.driver_id)
        assert row is not None
        return Driver.of(row)


@strawberry.type(
    description="Whether a cancellation is billable under the policies in force, and for how much."
)
class BillingDecision:
    billable: bool = strawberry.field(
        description="Inside the effective window (or after the start)."
    )
    effective_window_minutes: int = strawberry.field(
        description="The largest window of the parties."
    )
    window_source: PolicySource = strawberry.field(description="Whose window won.")
    scheduled_minutes: int = strawberry.field(
        description="Scheduled length, rounded up to the minute."
    )
    billable_minutes: int = strawberry.field(
        description="max(scheduled, minimum billing); 0 when not billable."
    )
    charge: Money = strawberry.field(
        description="What the customer is charged (zero when not billable)."
    )
    payouts: list[Payout] = strawberry.field(description="What each assigned driver is paid.")
    judged_at: datetime = strawberry.field(
        description="The moment judged: when the customer asked."
    )

    @classmethod
    def of(cls, d: Decision) -> BillingDecision:
        return cls(
            billable=d.billable,
            effective_window_minutes=d.effective_window_minutes,
            window_source=d.window_source,
            scheduled_minutes=d.scheduled_minutes,
            billable_minutes=d.billable_minutes,
            charge=Money.of(d.charge, d.currency),
            payouts=[
                Payout(driver_id=p.driver_id, amount=Money.of(p.amount, d.currency))
                for p in d.payouts
            ],
            judged_at=d.judged_at,
        )


@strawberry.type(description="The record of one mission's cancellation.")
class Cancellation(Node):
    row: strawberry.Private[m.Cancellation]

    @strawberry.field(description="The cancelled mission.")
    async def mission(self, info: Info) -> MissionRef:
        from schema.types.orders import Mission

        row = await info.context.loaders.row(MissionRow).load(self.row.mission_id)
        assert row is not None
        return Mission.of(row)

    @strawberry.field(description="The mission's order.")
    async def order(self, info: Info) -> OrderRef:
        from schema.types.orders import Order

        row = await info.context.loaders.row(OrderRow).load(self.row.order_id)
        assert row is not None
        return Order.of(row)

    @strawberry.field(description="The order's customer.")
    async def customer(self, info: Info) -> Customer:
        row = await info.context.loaders.row(CustomerRow).load(self.row.customer_id)
        assert row is not None
        return Customer.of(row)

    @strawberry.field(description="When the cancellation was recorded (UTC).")
    def cancelled_at(self) -> datetime:
        return self.row.cancelled_at

    @strawberry.field(description="When the customer asked (the moment the policy judged).")
    def requested_at(self) -> datetime:
        return self.row.requested_at

    @strawberry.field(description="The operator who recorded it.")
    def cancelled_by(self) -> Actor:
        r = self.row
        return Actor.of(r.cancelled_by_id, r.cancelled_by_name, r.cancelled_by_role)

    @strawberry.field(description="Who on the customer's side asked.")
    def requested_by(self) -> str:
        return self.row.requested_by

    @strawberry.field(description="The reason, as the reference list has it now.")
    async def reason(self, info: Info) -> CancellationReason:
        row = await info.context.loaders.row(m.CancellationReason).load(self.row.reason_id)
        assert row is not None
        return CancellationReason.of(row)

    @strawberry.field(description="The reason code as it was at cancellation time.")
    def reason_code(self) -> str:
        return self.row.reason_code

    @strawberry.field(description="The reason label as it was at cancellation time.")
    def reason_label(self) -> str:
        return self.row.reason_label

    @strawberry.field(description="The operator's free-text note.")
    def note(self) -> str | None:
        return self.row.note

    @strawberry.field(description="Which occurrences of a series the request covered.")
    def scope(self) -> SeriesScope:
        return self.row.scope

    @strawberry.field(description="The billing decision the cancellation got.")
    def decision(self) -> BillingDecision:
        return BillingDecision.of(Decision.from_dict(self.row.decision))

    @strawberry.field(description="Whether billing was waived.")
    def waived(self) -> bool:
        return self.row.waived

    @strawberry.field(description="Who waived billing.")
    async def waived_by(self, info: Info) -> Actor | None:
        return await _actor(info, self.row.waived_by_id)

    @strawberry.field(description="When billing was waived.")
    def waived_at(self) -> datetime | None:
        return self.row.waived_at

    @strawberry.field(description="Why billing was waived.")
    def waiver_note(self) -> str | None:
        return self.row.waiver_note

    @strawberry.field(
        description="The mission was on an issued invoice: issue a credit note by hand."
    )
    def credit_note_required(self) -> bool:
        return self.row.credit_note_required

    @strawberry.field(description="When the cancellation was reverted (un-cancelled).")
    def reverted_at(self) -> datetime | None:
        return self.row.reverted_at

    @strawberry.field(description="Who reverted the cancellation.")
    async def reverted_by(self, info: Info) -> Actor | None:
        return await _actor(info, self.row.reverted_by_id)

    @strawberry.field(description="Every event about this cancellation, oldest first.")
    async def history(
        self,
        info: Info,
        first: Annotated[
            int | None, strawberry.argument(description="Page size (max 200).")
        ] = None,
        after: Annotated[
            str | None, strawberry.argument(description="Cursor to continue after.")
        ] = None,
    ) -> EventConnection:
        return await history(info, first, after, cancellation_id=self.row.id)

    @classmethod
    def of(cls, row: m.Cancellation) -> Cancellation:
        return cls(id=strawberry.ID(to_global_id("Cancellation", row.id)), row=row)


async def _actor(info: Info, user_id: int | None) -> Actor | None:
    from models.agency import User

    if user_id is None:
        return None
    user = await info.context.loaders.row(User).load(user_id)
    return Actor.of(user.id, user.name, user.role.value) if user else None


@strawberry.type(description="What a cancellation would do to one mission.")
class MissionPreview:
    mission_row: strawberry.Private[MissionRow]
    action: PreviewAction = strawberry.field(
        description="Cancel, needs confirmation, or unchanged."
    )
    reason: str | None = strawberry.field(
        description="Why unchanged, or why confirmation is needed."
    )
    decision: BillingDecision | None = strawberry.field(
        description="The billing decision, when it would be cancelled."
    )

    @strawberry.field(description="The mission.")
    def mission(self) -> MissionRef:
        from schema.types.orders import Mission

        return Mission.of(self.mission_row)


@strawberry.type(description="The billing banner and cascade plan of a cancellation made now.")
class CancellationPreview:
    missions: list[MissionPreview] = strawberry.field(
        description="Every mission concerned, by start time."
    )
    credit_note_required: bool = strawberry.field(
        description="Some mission is on an issued invoice and would be cancelled."
    )


@strawberry.type(description="A page of cancellations.")
class CancellationConnection(Connection[Cancellation]):
    pass
