"""The outbox relay: publish committed events that nobody published yet.

Each agency has a `RelayMark` (how far its events were published; the events table
itself stays append-only). Every `interval` seconds, and at once after a Redis
reconnect, the relay of each server process publishes the events past the marks.
On PostgreSQL a mark row is taken with FOR UPDATE SKIP LOCKED, so one process at a
time relays an agency and the others move on. Publishing an event twice is
harmless: subscribers drop seqs they already delivered.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime
from typing import Any

from broadcaster import Broadcast
from tortoise import connections
from tortoise.transactions import in_transaction

from models.audit import Event, RelayMark
from subscriptions.backend import BroadcastUnavailable
from subscriptions.broadcast import backend_state
from subscriptions.notices import CHANNEL, encode, of_row

log = logging.getLogger(__name__)


class Relay:
    """Background task of one server process."""

    def __init__(
        self,
        broadcast: Broadcast,
        *,
        channel: str = CHANNEL,
        interval: float = 1.0,
        batch: int = 1000,
    ) -> None:
        self.broadcast = broadcast
        self.channel = channel
        self.interval = interval
        self.batch = batch
        self.lag: int | None = None  # events committed but not yet marked published
        self.last_run_at: datetime | None = None
        self.published = 0
        self._kick = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def kick(self) -> None:
        """Run a pass now (e.g. Redis is back)."""
        self._kick.set()

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="outbox-relay")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            await asyncio.wait([task])

    def health(self) -> dict[str, Any]:
        """Relay lag for /healthz."""
        return {
            "lag": self.lag,
            "lastRunAt": self.last_run_at.isoformat() if self.last_run_at else None,
        }

    async def _run(self) -> None:
        while True:
            try:
                await self.relay_once()
            except asyncio.CancelledError:
                raise
            except BroadcastUnavailable as exc:
                log.info("relay: broadcast unavailable (%s); retrying", exc)
            except Exception:
                log.exception("relay: pass failed; retrying")
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.interval):
                    await self._kick.wait()
            self._kick.clear()

    async def relay_once(self) -> int:
        """One pass over every agency; returns how many events it published."""
        await ensure_marks()
        behind = await agencies_behind()
        self.lag = sum(lag for _, lag in behind)
        self.last_run_at = datetime.now(UTC)
        if backend_state(self.broadcast)["state"] != "connected":
            return 0
        count = 0
        for agency_id, _ in behind:
            count += await self.relay_agency(agency_id)
        self.published += count
        return count

    async def relay_agency(self, agency_id: int) -> int:
        """Publish the agency's events past its mark (up to `batch`) and move the mark."""
        async with in_transaction() as conn:
            qs = RelayMark.filter(agency_id=agency_id).using_db(conn)
            if conn.capabilities.dialect != "sqlite":
                qs = qs.select_for_update(skip_locked=True)
            mark = await qs.first()
            if mark is None:
                return 0  # another process is relaying this agency right now
            rows = (
                await Event.filter(agency_id=agency_id, seq__gt=mark.published_seq)
                .using_db(conn)
                .order_by("seq")
                .limit(self.batch)
            )
            for row in rows:
                await self.broadcast.publish(self.channel, encode(of_row(row)))
            if rows:
                await (
                    RelayMark.filter(agency_id=agency_id, published_seq__lt=rows[-1].seq)
                    .using_db(conn)
                    .update(published_seq=rows[-1].seq, updated_at=datetime.now(UTC))
                )
            return len(rows)


async def ensure_marks() -> None:
    """Create the mark of every agency that has none (at 0: everything is to publish)."""
    conn = connections.get("default")
    now = datetime.now(UTC)
    sqlite = conn.capabilities.dialect == "sqlite"
    p = "?" if sqlite else "$1"
    await conn.execute_query(
        "INSERT INTO relay_mark (agency_id, published_seq, updated_at) "
        f"SELECT a.id, 0, {p} FROM agency a "
        "WHERE NOT EXISTS (SELECT 1 FROM relay_mark m WHERE m.agency_id = a.id) "
        "ON CONFLICT DO NOTHING",
        [now.isoformat(" ") if sqlite else now],
    )


async def agencies_behind() -> list[tuple[int, int]]:
    """(agency id, events not yet published) for every agency past its mark."""
    rows = await connections.get("default").execute_query_dict(
        "SELECT m.agency_id AS agency_id, a.event_seq - m.published_seq AS lag "
        "FROM relay_mark m JOIN agency a ON a.id = m.agency_id "
        "WHERE a.event_seq > m.published_seq ORDER BY m.agency_id"
    )
    return [(int(r["agency_id"]), int(r["lag"])) for r in rows]
