"""The PostgreSQL client the service connects through: Tortoise's asyncpg client, with
a pool that does not reset a connection's session each time it is given back.

asyncpg's pool runs `Connection.reset()` on every release: a round trip of
`SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL;` after each
statement Tortoise sends outside a transaction, which on a read-only page is as many
round trips as the page's own statements. The service never changes a pooled
connection's session (no `SET`, `LISTEN`, session advisory lock or held cursor: the
migration lock has a connection of its own, `migrations/apply.py`), so there is nothing
to reset. asyncpg still rolls back a transaction left open and drops listeners before
the connection goes back (`Connection._reset`); only the session reset is skipped.

Tortoise picks a client by the connection's `engine` (`models.config` names this module
for every asyncpg URL); `client_class` is what it looks up.
"""

from __future__ import annotations

from typing import Any

import asyncpg
from tortoise.backends.asyncpg.client import AsyncpgDBClient


async def _nothing_to_reset(connection: asyncpg.Connection) -> None:
    """The pool's `reset` hook: the session was never changed, so it stays as it is."""


class PooledClient(AsyncpgDBClient):
    """`AsyncpgDBClient` whose pool keeps each connection's (unchanged) session."""

    async def create_pool(self, **kwargs: Any) -> asyncpg.Pool:
        return await asyncpg.create_pool(None, reset=_nothing_to_reset, **kwargs)


client_class = PooledClient
