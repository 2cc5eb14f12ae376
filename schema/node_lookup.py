"""`node(id:)`: one lookup per type, each through the caller's scope."""

from __future__ import annotations

from typing import Any

from models import billing, cancellations, orders, people
from models.audit import Event as EventRow
from schema.context import Info


async def resolve_node(info: Info, type_name: str, pk: int) -> Any:
    """The object of a global id, or None when missing, another agency's, or hidden."""
    from schema.queries.reference import visible_mission, visible_order
    from schema.types.cancellations import Cancellation, CancellationReason
    from schema.types.events import Event
    from schema.types.orders import Mission, Order, Series
    from schema.types.people import Customer, Driver

    scope = info.context.scope
    if type_name == "Mission":
        mission = await visible_mission(info, pk)
        return Mission.of(mission) if mission else None
    if type_name == "Order":
        order = await visible_order(info, pk)
        return Order.of(order) if order else None
    if scope.driver_id is not None:
        # A driver's app reaches other objects only through its own missions.
        if type_name == "Driver" and pk == scope.driver_id:
            return Driver.of(await people.Driver.get(id=pk))
        return None
    simple: dict[str, tuple[Any, Any]] = {
        "Customer": (people.Customer, Customer),
        "Driver": (people.Driver, Driver),
        "Series": (orders.Series, Series),
        "Cancellation": (cancellations.Cancellation, Cancellation),
        "CancellationReason": (cancellations.CancellationReason, CancellationReason),
        "Event": (EventRow, Event),
    }
    try:
        from schema.types.billing import Invoice, PendingReviewItem

        simple["Invoice"] = (billing.Invoice, Invoice)
        simple["PendingReviewItem"] = (billing.PendingReviewItem, PendingReviewItem)
    except ImportError:
        pass
    if type_name not in simple:
        return None
    model, gql_type = simple[type_name]
    row = await scope.query(model).filter(id=pk).first()
    return gql_type.of(row) if row else None
