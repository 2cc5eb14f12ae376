"""Mutation payloads shared by several feature modules."""

from __future__ import annotations

import strawberry

from schema.errors import UserError
from schema.types.orders import Mission, Order


@strawberry.type(description="The result of a mutation on one mission.")
class MissionPayload:
    mission: Mission | None = strawberry.field(
        default=None, description="The mission as it is now; null when refused."
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why the mutation was refused; empty on success."
    )


@strawberry.type(description="The result of booking an order or a series.")
class OrderPayload:
    order: Order | None = strawberry.field(
        default=None, description="The order as it is now; null when refused."
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why the mutation was refused; empty on success."
    )
