"""Driver visibility (SPEC §12): a driver's app sees only that driver's missions, orders
and notices; every other role sees the whole agency.

`Scope` already confines everyone to their agency; this module narrows it for drivers,
and is the only place that does. A mission is a driver's when the driver was ever
assigned to it (an ended assignment included: the app keeps its history); an order is
theirs when one of its missions is. The one test of "is this caller a driver" is
`Scope.is_driver` (the role); a DRIVER account linked to no driver sees nothing.
"""

from __future__ import annotations

from typing import TypeVar

from tortoise.models import Model
from tortoise.queryset import QuerySet

from models.orders import Mission, Order
from models.people import Driver
from resolvers.scope import Scope
from resolvers.sql import Statement

M = TypeVar("M", bound=Model)

UNLINKED = 0
"""No driver has this id: what a DRIVER account linked to no driver is confined to."""

DRIVER_MISSIONS_SQL = 'EXISTS (SELECT 1 FROM "assignment" v WHERE v."mission_id" = t."id" AND v."driver_id" = {driver})'
"""The same rule as `missions` in SQL, for statements about missions `t` (the planner's)."""


def own_driver_id(scope: Scope) -> int | None:
    """The driver whose missions alone the caller sees; None when it sees the whole agency."""
    if not scope.is_driver:
        return None
    return scope.driver_id if scope.driver_id is not None else UNLINKED


def _confined(scope: Scope, model: type[M], to_driver: str) -> QuerySet[M]:
    """The agency's rows of `model`; for a driver, those whose `to_driver` path reaches
    one of their assignments."""
    qs = scope.query(model)
    driver_id = own_driver_id(scope)
    if driver_id is not None:
        qs = qs.filter(**{to_driver: driver_id}).distinct()
    return qs


def missions(scope: Scope) -> QuerySet[Mission]:
    """The missions the caller may see."""
    return _confined(scope, Mission, "assignments__driver_id")


def orders(scope: Scope) -> QuerySet[Order]:
    """The orders the caller may see."""
    return _confined(scope, Order, "missions__assignments__driver_id")


def missions_sql(scope: Scope, sql: Statement) -> list[str]:
    """`missions` as conditions on missions `t` of a statement (the read path's SQL)."""
    where = [f't."agency_id" = {sql.bind(scope.agency_id)}']
    driver_id = own_driver_id(scope)
    if driver_id is not None:
        where.append(DRIVER_MISSIONS_SQL.format(driver=sql.bind(driver_id)))
    return where


def sees_driver(scope: Scope, driver_id: int) -> bool:
    """Whether the caller may see this driver (and their missions): a driver, only themselves."""
    own = own_driver_id(scope)
    return own is None or own == driver_id


def sees_order_history(scope: Scope) -> bool:
    """Whether the caller reads an order's audit trail: not a driver, whose app reads the
    history of their own missions instead (an order's trail covers other drivers' missions
    and the customer's billing)."""
    return own_driver_id(scope) is None


async def find(scope: Scope, model: type[M], pk: int) -> M | None:
    """Row `pk` of `model` if the caller may see it; None when it is missing, another
    agency's or hidden. A driver reaches missions and orders of theirs, and themselves."""
    qs: QuerySet[M]
    if model is Mission:
        qs = missions(scope)  # type: ignore[assignment]
    elif model is Order:
        qs = orders(scope)  # type: ignore[assignment]
    elif own_driver_id(scope) is None or (model is Driver and sees_driver(scope, pk)):
        qs = scope.query(model)
    else:
        return None
    return await qs.filter(id=pk).first()
