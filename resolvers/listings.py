"""The lists clients page through: orders, missions, customers and drivers.

Each is one keyset page in one statement, with its total when asked (raises `PageError`
on a bad `first`/`after`).
The Cancelled tab and Pending Review are in `resolvers/reporting.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from models.agency import User
from models.domain.statuses import MissionStatus
from models.orders import Mission, Order
from models.people import Customer, Driver
from resolvers import validation as v
from resolvers import visibility
from resolvers.joins import Join
from resolvers.paging import Conditions, Key, Page, sql_page
from resolvers.parent_pages import pages_by_parent
from resolvers.scope import Scope
from resolvers.sql import Statement

BY_NAME = [Key("name"), Key("id")]
BY_START = [Key("pickup_at"), Key("id")]
NEWEST_ID = [Key("id", descending=True)]


async def orders_page(
    scope: Scope,
    first: int | None,
    after: str | None,
    *,
    with_total: bool = True,
    joins: Sequence[Join] = (),
    store: Any = None,
) -> Page[Order]:
    """The agency's orders, newest first."""

    def conditions(sql: Statement) -> list[str]:
        return [f't."agency_id" = {sql.bind(scope.agency_id)}']

    return await sql_page(
        Order,
        conditions,
        NEWEST_ID,
        first=first,
        after=after,
        with_total=with_total,
        joins=joins,
        store=store,
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
    with_total: bool = True,
    joins: Sequence[Join] = (),
    store: Any = None,
) -> Page[Mission]:
    """Missions the caller may see, by start time: of `driver_id` (actively assigned), in
    `statuses`, starting in `[start, end)`, as far as each is given."""

    def conditions(sql: Statement) -> list[str]:
        where = visibility.missions_sql(scope, sql)
        if driver_id is not None:
            where.append(
                'EXISTS (SELECT 1 FROM "assignment" a WHERE a."mission_id" = t."id" '
                f'AND a."driver_id" = {sql.bind(driver_id)} AND a."ended_at" IS NULL)'
            )
        if statuses:
            where.append(sql.one_of('t."status"', [s.value for s in statuses], "text"))
        if start is not None:
            where.append(f't."pickup_at" >= {sql.bind(start)}')
        if end is not None:
            where.append(f't."pickup_at" < {sql.bind(end)}')
        return where

    return await sql_page(
        Mission,
        conditions,
        BY_START,
        first=first,
        after=after,
        with_total=with_total,
        joins=joins,
        store=store,
    )


async def missions_of_drivers(
    scope: Scope,
    driver_ids: Sequence[int],
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    first: int | None = None,
    after: str | None = None,
    with_total: bool = False,
) -> dict[int, Page[Mission]]:
    """Each driver's page of `missions_page(driver_id=…)`, for many drivers at once."""

    def source(sql: Statement, drivers: Sequence[int]) -> tuple[str, str, list[str]]:
        where = visibility.missions_sql(scope, sql)
        where.append(sql.one_of('a."driver_id"', drivers))
        if start is not None:
            where.append(f't."pickup_at" >= {sql.bind(start)}')
        if end is not None:
            where.append(f't."pickup_at" < {sql.bind(end)}')
        joined = (
            '"mission" t JOIN "assignment" a ON a."mission_id" = t."id" AND a."ended_at" IS NULL'
        )
        return joined, 'a."driver_id"', where

    return await pages_by_parent(
        Mission,
        source,
        driver_ids,
        BY_START,
        first=first,
        after=after,
        with_total=with_total,
    )


def _by_name(agency_id: int, text: str | None, active_only: bool = False) -> Conditions:
    def conditions(sql: Statement) -> list[str]:
        where = [f't."agency_id" = {sql.bind(agency_id)}']
        if text:
            where.append(sql.contains('t."name"', text))
        if active_only:
            where.append(f't."active" = {sql.bind(True)}')
        return where

    return conditions


async def customers_page(
    scope: Scope,
    search: str | None,
    first: int | None,
    after: str | None,
    *,
    with_total: bool = True,
) -> Page[Customer]:
    """The agency's customers by name; `search`: part of the name, any case (at most
    SEARCH_MAX characters, else an ArgumentError on `search`)."""
    conditions = _by_name(scope.agency_id, v.search_text(search, "search"))
    return await sql_page(
        Customer, conditions, BY_NAME, first=first, after=after, with_total=with_total
    )


async def drivers_page(
    scope: Scope,
    search: str | None,
    include_inactive: bool,
    first: int | None,
    after: str | None,
    *,
    with_total: bool = True,
) -> Page[Driver]:
    """The agency's drivers by name (active ones unless asked); `search` as for customers."""
    conditions = _by_name(scope.agency_id, v.search_text(search, "search"), not include_inactive)
    return await sql_page(
        Driver, conditions, BY_NAME, first=first, after=after, with_total=with_total
    )


async def users_page(
    scope: Scope,
    *,
    search: str | None,
    roles: Sequence[str] | None,
    active: bool | None,
    first: int | None,
    after: str | None,
    with_total: bool = True,
) -> Page[User]:
    """The agency's users by name: of `roles`, active or not, `search` as for customers."""
    text = v.search_text(search, "filter", "A search")

    def conditions(sql: Statement) -> list[str]:
        where = _by_name(scope.agency_id, text)(sql)
        if roles:
            where.append(sql.one_of('t."role"', list(roles), "text"))
        if active is not None:
            where.append(f't."active" = {sql.bind(active)}')
        return where

    return await sql_page(
        User, conditions, BY_NAME, first=first, after=after, with_total=with_total
    )
