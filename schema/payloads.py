"""Mutation payloads shared by several feature modules."""

from __future__ import annotations

import strawberry

from schema.envelope import Payload, payload
from schema.types.orders import Mission, Order


@payload("The result of a mutation on one mission.")
class MissionPayload(Payload):
    mission: Mission | None = strawberry.field(
        default=None, description="The mission as it is now; null when refused."
    )


@payload("The result of booking an order or a series.")
class OrderPayload(Payload):
    order: Order | None = strawberry.field(
        default=None, description="The order as it is now; null when refused."
    )
