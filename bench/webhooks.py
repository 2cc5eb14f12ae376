"""Webhook delivery (make bench, section `webhooks`): server A and B's delivery workers
POST to a receiver in this process on 127.0.0.1.

(a) healthy: `healthy` cancellations, each once the previous one was received; commit ->
    the receiver has the request (commit time from the bench's commit-mark trigger, as
    in bench/notices.py).
(b) outage: the receiver is down while `outage` missions are cancelled; once it listens
    again, how long until it has them all, and the rate (the endpoint is one lane: they
    go one at a time, in order). Servers run with WEBHOOK_RETRY_MAX_SECONDS=1 here, so
    the first retry after the receiver is back comes within a second.
The endpoint is written straight into the database (no ADMIN in the dataset) and deleted
at the end, so the sections after this one see no deliveries.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import orjson

from bench.load import ms, percentile, post_json
from bench.notices import commit_times, install_commit_marks
from bench.raw_server import pk_of
from subscriptions.webhooks.signing import new_secret

SERVER_ENV = {
    "WEBHOOK_ALLOWED_NETWORKS": "127.0.0.0/8",
    "WEBHOOK_RETRY_BASE_SECONDS": "0.5",
    "WEBHOOK_RETRY_MAX_SECONDS": "1",
}
"""What run.py adds to the servers' environment."""

CANCEL = (
    "mutation($input: CancelMissionInput!) { cancelMission(input: $input) "
    "{ cancellations { id } errors { code message } } }"
)


class Receiver:
    """A minimal HTTP/1.1 server: 200 to every POST; when each mission's notice arrived."""

    def __init__(self) -> None:
        self.arrived: dict[int, float] = {}
        self.requests = 0
        self.server: asyncio.Server | None = None
        self.port = 0
        self.writers: set[asyncio.StreamWriter] = set()

    async def start(self, port: int = 0) -> None:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", port)
        self.port = self.server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self.server is not None:
            self.server.close()
            for writer in list(self.writers):
                writer.close()
            await self.server.wait_closed()
            self.server = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.writers.add(writer)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                body = await reader.readexactly(length)
                at = time.time()
                self.requests += 1
                mission = orjson.loads(body)["notice"]["mission"]["id"]
                self.arrived.setdefault(pk_of(mission), at)
                writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            self.writers.discard(writer)
            writer.close()

    async def until(self, missions: list[int], within: float) -> bool:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if all(m in self.arrived for m in missions):
                return True
            await asyncio.sleep(0.02)
        return False


async def _missions(bench: Any, n: int) -> list[str]:
    """`n` new missions of one new order (a free hour each, far in the future)."""
    port, tok = bench.a.port, bench.tok_op
    _, doc = await post_json(
        "127.0.0.1",
        port,
        "/graphql",
        {"query": "{ customers(first: 1) { edges { node { id } } } }"},
        tok,
    )
    customer = doc["data"]["customers"]["edges"][0]["node"]["id"]
    base = datetime(2034, 1, 1, tzinfo=UTC) + timedelta(days=uuid.uuid4().int % 3000)
    missions = [
        {
            "pickupAt": (base + timedelta(hours=2 * i)).isoformat(),
            "estimatedEndAt": (base + timedelta(hours=2 * i + 1)).isoformat(),
        }
        for i in range(n)
    ]
    _, doc = await post_json(
        "127.0.0.1",
        port,
        "/graphql",
        {
            "query": "mutation($input: CreateOrderInput!) { createOrder(input: $input) "
            "{ order { missions { id } } errors { message } } }",
            "variables": {
                "input": {
                    "customerId": customer,
                    "reference": f"WH-{uuid.uuid4().hex[:8]}",
                    "missions": missions,
                }
            },
        },
        tok,
    )
    return [m["id"] for m in doc["data"]["createOrder"]["order"]["missions"]]


async def _cancel(bench: Any, mission: str, port: int) -> None:
    variables = {
        "input": {
            "missionId": mission,
            "requestedBy": "Bench",
            "reasonCode": bench.dataset.reason_code,
        }
    }
    status, doc = await post_json(
        "127.0.0.1", port, "/graphql", {"query": CANCEL, "variables": variables}, bench.tok_op
    )
    errors = (doc or {}).get("errors") or ((doc or {}).get("data") or {}).get(
        "cancelMission", {}
    ).get("errors")
    if status != 200 or errors:
        raise RuntimeError(f"cancelMission: HTTP {status} {str(errors)[:200]}")


async def _endpoint(dsn: str, agency_id: int, url: str) -> int:
    conn = await asyncpg.connect(dsn)
    try:
        return int(
            await conn.fetchval(
                """INSERT INTO webhook_endpoint (agency_id, url, audience, notice_types, secret, enabled,
                       scanned_seq, created_at, updated_at)
                   SELECT id, $2, 'DISPATCH', '["MissionCancelledNotice"]', $3, true, event_seq, now(), now()
                   FROM agency WHERE id = $1 RETURNING id""",
                agency_id,
                url,
                new_secret(),
            )
        )
    finally:
        await conn.close()


async def _drop(dsn: str, endpoint_id: int) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute("DELETE FROM webhook_endpoint WHERE id = $1", endpoint_id)
    finally:
        await conn.close()


async def section(bench: Any, healthy: int = 50, outage: int = 200) -> dict[str, Any]:
    dsn = bench.dataset.dsn
    await install_commit_marks(dsn)
    receiver = Receiver()
    await receiver.start()
    endpoint = await _endpoint(
        dsn, bench.dataset.agency_id, f"http://127.0.0.1:{receiver.port}/hook"
    )
    out: dict[str, Any] = {"status": "ok", "endpoint": "DISPATCH, MissionCancelledNotice, one lane"}
    try:
        gids = await _missions(bench, healthy + outage)
        first, second = gids[:healthy], gids[healthy:]
        # One at a time, each once the previous one arrived: latency, not a backlog.
        for i, mission in enumerate(first):
            await _cancel(bench, mission, bench.a.port if i % 2 else bench.b.port)
            await receiver.until([pk_of(mission)], 10)
        pks = [pk_of(m) for m in first]
        complete = await receiver.until(pks, 10)
        commits = await commit_times(dsn, pks)
        lat = [
            receiver.arrived[m] - commits[m] for m in pks if m in receiver.arrived and m in commits
        ]
        out["healthy"] = {
            "notices": healthy,
            "received": sum(m in receiver.arrived for m in pks),
            "complete": complete,
            "p50_ms": ms(percentile(lat, 50)),
            "p99_ms": ms(percentile(lat, 99)),
            "max_ms": ms(max(lat) if lat else None),
        }
        port = receiver.port
        await receiver.stop()
        gate = asyncio.Semaphore(4)

        async def one(i: int, mission: str) -> None:
            async with gate:
                await _cancel(bench, mission, bench.a.port if i % 2 else bench.b.port)

        await asyncio.gather(*(one(i, m) for i, m in enumerate(second)))
        await asyncio.sleep(2)
        await receiver.start(port)
        back = time.time()
        pks = [pk_of(m) for m in second]
        complete = await receiver.until(pks, 120)
        got = [receiver.arrived[m] for m in pks if m in receiver.arrived]
        last = max(got) if got else None
        commits = await commit_times(dsn, pks)
        arrival = sorted(pks, key=lambda m: receiver.arrived.get(m, float("inf")))
        out["outage"] = {
            "notices": outage,
            "received": len(got),
            "complete": complete,
            "in_commit_order": arrival == sorted(pks, key=lambda m: commits.get(m, 0.0)),
            "first_after_back_ms": ms(min(got) - back) if got else None,
            "all_after_back_ms": ms(last - back) if last else None,
            "rate_per_s": round(len(got) / (last - min(got)), 1)
            if got and last and last > min(got)
            else None,
        }
        print(f"  webhooks: healthy {out['healthy']}", flush=True)
        print(f"  webhooks: after an outage {out['outage']}", flush=True)
    finally:
        await _drop(dsn, endpoint)
        await receiver.stop()
    return out
