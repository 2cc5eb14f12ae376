"""`node(id:)`: one lookup per type, each through what the caller may see."""

from __future__ import annotations

from typing import Any

from models import billing, cancellations, orders, people
from models.audit import Event as EventRow
from resolvers import visibility
from schema.context import Info
from schema.types.billing import Invoice, PendingReviewItem
from schema.types.cancellations import Cancellation, CancellationReason
from schema.types.events import Event
from schema.types.orders import Mission, Order, Series
from schema.types.people import Customer, Driver

NODE_TYPES: dict[str, tuple[Any, Any]] = {
    "Mission": (orders.Mission, Mission),
    "Order": (orders.Order, Order),
    "Series": (orders.Series, Series),
    "Customer": (people.Customer, Customer),
    "Driver": (people.Driver, Driver),
    "Cancellation": (cancellations.Cancellation, Cancellation),
    "CancellationReason": (cancellations.CancellationReason, CancellationReason),
    "Event": (EventRow, Event),
    "Invoice": (billing.Invoice, Invoice),
    "PendingReviewItem": (billing.PendingReviewItem, PendingReviewItem),
}
"""Global id type name -> (model, GraphQL type)."""


async def resolve_node(info: Info, type_name: str, pk: int) -> Any:
    """The object of a global id, or None when missing, another agency's, or hidden."""
    if type_name not in NODE_TYPES:
        return None
    model, gql_type = NODE_TYPES[type_name]
    row = await visibility.find(info.context.scope, model, pk)
    return gql_type.of(row) if row else None
