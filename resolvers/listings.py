"""The lists clients page through: orders, missions, customers and drivers.

Each is one keyset page with its total (raises `PageError` on a bad `first`/`after`).
The Cancelled tab and Pending Review are in `resolvers/reporting.py`.
"""

from __future__ import annotations

from datetime import datetime

from models.domain.statuses import MissionStatus
from models.orders import Mission, Order
from models.people import Customer, Driver
from resolvers import validation as v
from resolvers import visibility
from resolvers.paging import Key, Page, keyset_page
from resolvers.scope import Scope

BY_NAME = [Key("name"), Key("id")]


async def orders_page(scope: Scope, first: int | None, after: str | None) -> Page[Order]:
    """The agency's orders, newest first."""
    return await keyset_page(
        scope.query(Order),
        first=first,
        after=after,
        keys=[Key("id", descending=True)],
        with_total=True,
    )


async def missions_page(
    scope: Scope,
    *,
    driver_id: int | None = None,
    statuses: list[MissionStatus] | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    first: int | None = None,
    after: str | None = None,
) -> Page[Mission]:
    """Missions the caller may see, by start time: of `driver_id` (actively assigned), in
    `statuses`, starting in `[start, end)`, as far as each is given."""
    qs = visibility.missions(scope)
    if driver_id is not None:
        qs = qs.filter(assignments__driver_id=driver_id, assignments__ended_at__isnull=True)
    if statuses:
        qs = qs.filter(status__in=statuses)
    if start is not None:
        qs = qs.filter(pickup_at__gte=start)
    if end is not None:
        qs = qs.filter(pickup_at__lt=end)
    return await keyset_page(
        qs, first=first, after=after, keys=[Key("pickup_at"), Key("id")], with_total=True
    )


async def customers_page(
    scope: Scope, search: str | None, first: int | None, after: str | None
) -> Page[Customer]:
    """The agency's customers by name; `search`: part of the name, any case (at most
    SEARCH_MAX characters, else an ArgumentError on `search`)."""
    qs = scope.query(Customer)
    text = v.search_text(search, "search")
    if text:
        qs = qs.filter(name__icontains=text)
    return await keyset_page(qs, first=first, after=after, keys=BY_NAME, with_total=True)


async def drivers_page(
    scope: Scope,
    search: str | None,
    include_inactive: bool,
    first: int | None,
    after: str | None,
) -> Page[Driver]:
    """The agency's drivers by name (active ones unless asked); `search` as for customers."""
    qs = scope.query(Driver)
    text = v.search_text(search, "search")
    if text:
        qs = qs.filter(name__icontains=text)
    if not include_inactive:
        qs = qs.filter(active=True)
    return await keyset_page(qs, first=first, after=after, keys=BY_NAME, with_total=True)
