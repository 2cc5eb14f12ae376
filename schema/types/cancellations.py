"""Cancellation reasons, cancellations, billing decisions and the preview banner."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from models import cancellations as m
from models.agency import User as UserRow
from models.domain.billing import BillingDecision as Decision
from models.domain.billing import with_measured_notice
from models.domain.cascade import PreviewAction, SeriesScope
from models.orders import Mission as MissionRow
from models.orders import Order as OrderRow
from models.people import Customer as CustomerRow
from schema.context import Info
from schema.ids import to_global_id
from schema.planning import to_one
from schema.types.common import Actor
from schema.types.decisions import BillingDecision
from schema.types.events import EventConnection, history, history_metadata
from schema.types.node import Connection, Node, PageAfter, PageFirst
from schema.types.people import Customer

if TYPE_CHECKING:
    from schema.types.orders import Mission, Order

MissionRef = Annotated["Mission", strawberry.lazy("schema.types.orders")]
OrderRef = Annotated["Order", strawberry.lazy("schema.types.orders")]


@strawberry.type(description="An entry of the agency's reference list of cancellation reasons.")
class CancellationReason(Node):
    row: strawberry.Private[m.CancellationReason]

    code: str = strawberry.field(description="Stable code, e.g. CUSTOMER_REQUEST.")

    label: str = strawberry.field(description="What dispatchers see.")

    active: bool = strawberry.field(
        description="Inactive reasons stay on old cancellations but cannot be chosen."
    )

    @classmethod
    def of(cls, row: m.CancellationReason) -> CancellationReason:
        return cls(
            id=strawberry.ID(to_global_id("CancellationReason", row.id)),
            row=row,
            code=row.code,
            label=row.label,
            active=row.active,
        )


@strawberry.type(description="The record of one mission's cancellation.")
class Cancellation(Node):
    row: strawberry.Private[m.Cancellation]

    mission = to_one(
        MissionRow,
        "mission_id",
        lambda row: _orders().Mission.of(row),
        graphql_type=MissionRef,
        description="The cancelled mission.",
    )

    order = to_one(
        OrderRow,
        "order_id",
        lambda row: _orders().Order.of(row),
        graphql_type=OrderRef,
        description="The mission's order.",
    )

    customer = to_one(
        CustomerRow,
        "customer_id",
        lambda row: Customer.of(row),
        graphql_type=Customer,
        description="The order's customer.",
    )

    cancelled_at: datetime = strawberry.field(
        description="When the cancellation was recorded (UTC)."
    )

    requested_at: datetime = strawberry.field(
        description="When the customer asked (the moment the policy judged)."
    )

    @strawberry.field(description="The operator who recorded it.")
    def cancelled_by(self) -> Actor:
        r = self.row
        return Actor.of(r.cancelled_by_id, r.cancelled_by_name, r.cancelled_by_role)

    requested_by: str = strawberry.field(description="Who on the customer's side asked.")

    reason = to_one(
        m.CancellationReason,
        "reason_id",
        lambda row: CancellationReason.of(row),
        graphql_type=CancellationReason,
        description="The reason, as the reference list has it now.",
    )

    reason_code: str = strawberry.field(
        description="The reason code as it was at cancellation time."
    )

    reason_label: str = strawberry.field(
        description="The reason label as it was at cancellation time."
    )

    note: str | None = strawberry.field(description="The operator's free-text note.")

    scope: SeriesScope = strawberry.field(
        description="Which occurrences of a series the request covered."
    )

    @strawberry.field(description="The billing decision the cancellation got.")
    def decision(self) -> BillingDecision:
        row = self.row
        stored = Decision.from_dict(row.decision)
        return BillingDecision.of(
            with_measured_notice(stored, row.notice_minutes, row.business_notice_minutes)
        )

    waived: bool = strawberry.field(description="Whether billing was waived.")

    waived_by = to_one(
        UserRow,
        "waived_by_id",
        lambda user: _actor(user),
        graphql_type=Actor | None,
        description="Who waived billing.",
        nullable=True,
    )

    waived_at: datetime | None = strawberry.field(description="When billing was waived.")

    waiver_note: str | None = strawberry.field(description="Why billing was waived.")

    credit_note_required: bool = strawberry.field(
        description="The mission was on an issued invoice: issue a credit note by hand."
    )

    reverted_at: datetime | None = strawberry.field(
        description="When the cancellation was reverted (un-cancelled)."
    )

    reverted_by = to_one(
        UserRow,
        "reverted_by_id",
        lambda user: _actor(user),
        graphql_type=Actor | None,
        description="Who reverted the cancellation.",
        nullable=True,
    )

    @strawberry.field(
        description="Every event about this cancellation, oldest first.",
        metadata=history_metadata("cancellation_id"),
    )
    def history(
        self,
        info: Info,
        first: PageFirst = None,
        after: PageAfter = None,
    ) -> EventConnection:
        return history(info, first, after, "cancellation_id", self.row.id)  # type: ignore[no-any-return]

    @classmethod
    def of(cls, row: m.Cancellation) -> Cancellation:
        return cls(
            id=strawberry.ID(to_global_id("Cancellation", row.id)),
            row=row,
            cancelled_at=row.cancelled_at,
            requested_at=row.requested_at,
            requested_by=row.requested_by,
            reason_code=row.reason_code,
            reason_label=row.reason_label,
            note=row.note,
            scope=row.scope,
            waived=row.waived,
            waived_at=row.waived_at,
            waiver_note=row.waiver_note,
            credit_note_required=row.credit_note_required,
            reverted_at=row.reverted_at,
        )


def _actor(user: UserRow) -> Actor:
    return Actor.of(user.id, user.name, user.role.value)


def _orders() -> Any:
    import schema.types.orders

    return schema.types.orders


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
