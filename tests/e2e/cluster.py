"""The e2e notice tests' cluster: three `python -m dispatch serve` processes sharing one
scratch PostgreSQL database and one private redis-server (server C with NOTICE_BUFFER=10
for the slow-subscriber test), and what the tests do with it: book, cancel, read the
committed events.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from tortoise import Tortoise

from models.agency import Role
from models.config import tortoise_config
from subscriptions.notices import encode_cursor
from tests.conftest import PG_DSN
from tests.e2e.servers import (
    Process,
    Server,
)
from tests.factories import make_agency, make_customer, make_driver, make_user, token

DISPATCH = """subscription($after: String) { dispatchNotices(after: $after) {
  __typename
  ... on Notice { cursor occurredAt }
  ... on MissionCancelledNotice { mission { id status } cancellation { id } reasonLabel }
  ... on SlotReleasedNotice { driver { id } from to missionId }
  ... on OrderCancelledNotice { missionIds }
} }"""


DRIVER = """subscription($after: String) { driverNotices(after: $after) {
  __typename
  ... on Notice { cursor }
  ... on MissionCancelledNotice { mission { id } reasonLabel }
} }"""


@dataclass
class Cluster:
    db_url: str
    redis_port: int
    redis: Process
    a: Server
    b: Server
    c: Server
    log_dir: Path
    ids: dict[str, int]
    tokens: dict[str, str]
    slot: int = 0
    timings: list[float] = field(default_factory=list)

    def next_start(self) -> datetime:
        """A fresh, non-overlapping hour for each mission created."""
        self.slot += 1
        return datetime(2031, 1, 1, tzinfo=UTC) + timedelta(hours=2 * self.slot)


def pg_url(name: str) -> str:
    return f"{PG_DSN.rsplit('/', 1)[0]}/{name}"


async def run_sql(sql: str) -> None:
    conn = await asyncpg.connect(PG_DSN, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def seed(url: str) -> tuple[dict[str, int], dict[str, str]]:
    from tortoise.backends.base.executor import EXECUTOR_CACHE

    # Tortoise caches INSERT SQL per model whatever the dialect: forget a SQLite test's.
    EXECUTOR_CACHE.clear()
    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    try:
        acme = await make_agency("Acme")
        other = await make_agency("Other")
        d1 = await make_driver(acme, "Dana")
        d2 = await make_driver(acme, "Eli")
        users = {
            "op1": await make_user(acme, Role.OPERATOR),
            "op2": await make_user(other, Role.OPERATOR),
            "drv1": await make_user(acme, Role.DRIVER, driver=d1),
            "drv2": await make_user(acme, Role.DRIVER, driver=d2),
            "admin": await make_user(acme, Role.ADMIN),
        }
        ids = {
            "acme": acme.id,
            "other": other.id,
            "d1": d1.id,
            "d2": d2.id,
            "c1": (await make_customer(acme)).id,
            "c2": (await make_customer(other)).id,
        }
        return ids, {name: token(user) for name, user in users.items()}
    finally:
        await Tortoise.close_connections()


async def api(server: Server, tok: str, query: str, **variables: Any) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=15) as client:
        response = await client.post(
            f"{server.http}/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {tok}"},
        )
    body: dict[str, Any] = response.json()
    assert response.status_code == 200 and not body.get("errors"), body
    data: dict[str, Any] = body["data"]
    for payload in data.values():
        assert not (isinstance(payload, dict) and payload.get("errors")), data
    return data


async def create_order(
    cl: Cluster, server: Server, n: int, *, agency: str = "acme", driver: str | None = None
) -> tuple[str, list[str]]:
    """An order of `n` missions (assigned to `driver` if given): (order id, mission ids)."""
    from tests.factories import gid

    tok = cl.tokens["op1" if agency == "acme" else "op2"]
    customer = gid("Customer", cl.ids["c1" if agency == "acme" else "c2"])
    missions = []
    for _ in range(n):
        start = cl.next_start()
        missions.append(
            {
                "pickupAt": start.isoformat(),
                "estimatedEndAt": (start + timedelta(hours=1)).isoformat(),
            }
        )
    data = await api(
        server,
        tok,
        "mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id missions { id } } errors { message } } }",
        input={"customerId": customer, "reference": uuid.uuid4().hex[:10], "missions": missions},
    )
    order = data["createOrder"]["order"]
    mission_ids = [m["id"] for m in order["missions"]]
    if driver is not None:
        for mission_id in mission_ids:
            await api(
                server,
                tok,
                "mutation($input: AssignDriverInput!) { assignDriver(input: $input) { errors { message } } }",
                input={"missionId": mission_id, "driverId": gid("Driver", cl.ids[driver])},
            )
    return order["id"], mission_ids


async def single_missions(
    cl: Cluster, server: Server, n: int, *, agency: str = "acme", driver: str | None = None
) -> list[str]:
    """`n` missions, each in an order of its own: their cancellations share no order row
    and may all commit at once, so notices from both servers interleave freely.
    (Concurrent cancellations of one order's missions also all succeed, serialised by
    the order's lock: tests/service/test_cancel_concurrency.py.)"""
    from tests.factories import gid

    gate = asyncio.Semaphore(8)

    async def one() -> str:
        async with gate:
            return (await create_order(cl, server, 1, agency=agency))[1][0]

    missions = list(await asyncio.gather(*(one() for _ in range(n))))
    if driver is not None:
        for mission_id in missions:  # one driver: sequential, as a dispatcher would
            await api(
                server,
                cl.tokens["op1"],
                "mutation($input: AssignDriverInput!) { assignDriver(input: $input) { errors { message } } }",
                input={"missionId": mission_id, "driverId": gid("Driver", cl.ids[driver])},
            )
    return missions


CANCEL = """mutation($input: CancelMissionInput!) {
  cancelMission(input: $input) { cancellations { id } errors { code message } } }"""


async def cancel(server: Server, tok: str, mission_id: str) -> None:
    await api(
        server,
        tok,
        CANCEL,
        input={"missionId": mission_id, "requestedBy": "Customer", "reasonCode": "WEATHER"},
    )


async def committed(cl: Cluster, agency: str, after_seq: int, types: frozenset[str]) -> list[str]:
    """Cursors of the agency's committed events of `types` after `after_seq`, in order."""
    conn = await asyncpg.connect(cl.db_url, timeout=5)
    try:
        rows = await conn.fetch(
            "SELECT seq FROM event WHERE agency_id = $1 AND seq > $2 AND type = ANY($3) ORDER BY seq",
            cl.ids[agency],
            after_seq,
            sorted(types),
        )
    finally:
        await conn.close()
    return [encode_cursor(cl.ids[agency], r["seq"]) for r in rows]


async def top_seq(cl: Cluster, agency: str) -> int:
    conn = await asyncpg.connect(cl.db_url, timeout=5)
    try:
        value = await conn.fetchval(
            "SELECT COALESCE(MAX(seq), 0) FROM event WHERE agency_id = $1", cl.ids[agency]
        )
    finally:
        await conn.close()
    return int(value)


def seq(cursor: str) -> int:
    from subscriptions.notices import decode_cursor

    parsed = decode_cursor(cursor)
    assert parsed is not None
    return parsed[1]
