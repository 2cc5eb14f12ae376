"""A big agency on PostgreSQL, built as `make bench` builds its own (bench/dataset.py).

An agency whose history is long enough that PostgreSQL's planner reads it the way it
would in production: a plan that scans a whole big table shows up as a `Seq Scan`.
"""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg

from bench import dataset as ds
from models.agency import User

BIG_TABLES = (
    "cancellation",
    "cancellation_payout",
    "mission",
    "assignment",
    "customer_order",
    "event",
    "pending_review_item",
)
"""Tables that grow with an agency's history."""


@dataclass(frozen=True)
class BigAgency:
    """The measured agency's ids."""

    agency_id: int
    operator: User
    reporter: User
    first_customer_id: int
    first_driver_id: int


async def build(database_url: str, *, orders: int, customers: int, noise_orders: int) -> BigAgency:
    """`orders` orders of 3 missions, every third mission cancelled (`orders` cancellations),
    for one agency of `customers` customers, plus a noise agency of `noise_orders` orders:
    in production one agency is a small part of each table, and the planner knows it."""
    conn = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
    try:
        ids = ds._Ids()
        for table in ds.ID_TABLES:
            ids.next[table] = int(await conn.fetchval(f"SELECT coalesce(max(id), 0) FROM {table}"))
        async with conn.transaction():
            main = await ds._agency(conn, ids, "Big Agency", customers)
            await ds._history(conn, ids, main, orders)
            noise = await ds._agency(conn, ids, "Noise Agency", customers)
            await ds._history(conn, ids, noise, noise_orders)
            await ds.finish_sequences(conn, ids)
        await conn.execute("VACUUM ANALYZE")  # what autovacuum does to a table in use
    finally:
        await conn.close()
    return BigAgency(
        agency_id=main["agency"],
        operator=await User.get(id=main["operator"]),
        reporter=await User.get(id=main["reporter"]),
        first_customer_id=main["customer0"] + 1,
        first_driver_id=main["driver0"] + 1,
    )
