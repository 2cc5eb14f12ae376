"""Publish committed events right after their commit, without slowing the command.

The outbox listener only queues (a command never waits on Redis); a background task
publishes and then moves the agency's relay mark forward when what it published
continues the mark, so the relay does not publish it a second time. Anything
dropped here (queue full, Redis down) is published later by the relay.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from broadcaster import Broadcast

from models.audit import RelayMark
from observability import tracing
from subscriptions.broadcast import backend_state, publish_all
from subscriptions.notices import CHANNEL, NoticeEvent, encode, of_row

log = logging.getLogger(__name__)


class Publisher:
    """Queue of committed events waiting to be broadcast by this process."""

    def __init__(
        self, broadcast: Broadcast, *, channel: str = CHANNEL, capacity: int = 10_000
    ) -> None:
        self.broadcast = broadcast
        self.channel = channel
        self._queue: asyncio.Queue[NoticeEvent] = asyncio.Queue(maxsize=capacity)
        self._task: asyncio.Task[None] | None = None
        self.published = 0
        self.dropped = 0
        self._causes: list[Any] = []  # the spans of the commits queued (tracing on)

    async def events_committed(self, events: Sequence[Any]) -> None:
        """The outbox listener: queue the events of one commit (never blocks)."""
        if tracing.ENABLED and (cause := tracing.current_context()) is not None:
            self._causes.append(cause)
        for row in events:
            try:
                self._queue.put_nowait(of_row(row))
            except asyncio.QueueFull:
                self.dropped += 1  # the relay publishes it from the events table

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="notice-publisher")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            await asyncio.wait([task])

    async def _run(self) -> None:
        while True:
            batch = [await self._queue.get()]
            while not self._queue.empty():
                batch.append(self._queue.get_nowait())
            try:
                if tracing.ENABLED:
                    causes, self._causes = self._causes[-32:], []
                    with tracing.publish_span(len(batch), causes):
                        await self.publish(batch)
                else:
                    await self.publish(batch)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning(
                    "publishing %d events failed; the relay will", len(batch), exc_info=True
                )

    async def publish(self, batch: list[NoticeEvent]) -> None:
        """Broadcast `batch`, then advance the relay marks it continues."""
        if backend_state(self.broadcast)["state"] != "connected":
            self.dropped += len(batch)  # fail fast while Redis is away: the relay catches up
            return
        # One round trip for the batch: a cancellation's MissionCancelled no longer waits
        # for the replies to the SlotReleased events committed before it.
        await publish_all(self.broadcast, self.channel, [encode(event) for event in batch])
        self.published += len(batch)
        published: dict[int, list[int]] = {}
        for event in batch:
            published.setdefault(event.agency_id, []).append(event.seq)
        for agency_id, seqs in published.items():
            for first, last in _runs(sorted(seqs)):
                await advance_mark(agency_id, first - 1, last)


def _runs(seqs: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs of sorted seqs: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    runs: list[tuple[int, int]] = []
    for seq in seqs:
        if runs and seq <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], max(seq, runs[-1][1]))
        else:
            runs.append((seq, seq))
    return runs


async def advance_mark(agency_id: int, since: int, upto: int) -> None:
    """Move the agency's mark to `upto` if it stands between `since` and `upto`.

    Only a contiguous continuation moves it: the mark must never pass an event that
    nobody published. A missing mark row is left to the relay to create.
    """
    await RelayMark.filter(
        agency_id=agency_id, published_seq__gte=since, published_seq__lt=upto
    ).update(published_seq=upto, updated_at=datetime.now(UTC))
