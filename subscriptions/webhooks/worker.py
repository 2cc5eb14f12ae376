"""The delivery worker: run in each server process, or alone (`python -m dispatch deliver`).

A pass turns newly committed events into deliveries (enqueue.py), claims the lane heads
that are due (claims.py) up to `concurrency` in flight, and sends each in a task of its
own that writes its outcome (one per lane, so order holds; a receiver that takes its
10 s to time out holds up only its own lane). It passes again at once while there was
work, after `interval`, when a commit in this process kicks it, or when a send ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson

from models.audit import Event
from models.webhook_settings import WebhookSettings
from models.webhooks import WebhookDelivery, WebhookEndpoint
from resolvers import outbox
from subscriptions.notices import NoticeEvent, of_row
from subscriptions.webhooks.claims import Claim, claim, record
from subscriptions.webhooks.client import Outcome, WebhookClient
from subscriptions.webhooks.enqueue import enqueue_all
from subscriptions.webhooks.signing import sign

log = logging.getLogger(__name__)

Render = Callable[[NoticeEvent, WebhookDelivery], Awaitable[dict[str, Any]]]
"""The body of a delivery (without its id): the notice as the subscription gives it."""


def message_id(delivery: WebhookDelivery) -> str:
    """The id a receiver dedupes by: the same on every attempt and redelivery."""
    return f"msg_{delivery.id}"


class DeliveryWorker:
    """Background task of one process."""

    def __init__(self, settings: WebhookSettings, render: Render, *, interval: float = 0.5) -> None:
        self.settings = settings
        self.render = render
        self.interval = interval
        self.client = WebhookClient(settings)
        # Longer than a request can take (connect, then a read per direction), twice over.
        self.lease = timedelta(
            seconds=2 * (settings.connect_timeout + 2 * settings.read_timeout) + 5
        )
        self.sent = 0
        self.failed = 0
        self.last_run_at: datetime | None = None
        self._kick = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._sending: set[asyncio.Task[None]] = set()

    def kick(self) -> None:
        """Pass now (something was committed)."""
        self._kick.set()

    async def events_committed(self, events: Any) -> None:
        """An outbox listener: a commit in this process kicks the worker."""
        self.kick()

    async def start(self) -> None:
        outbox.add_listener(self.events_committed)
        self._task = asyncio.create_task(self._run(), name="webhook-delivery")

    async def stop(self) -> None:
        outbox.remove_listener(self.events_committed)
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            await asyncio.wait([task])
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(5):
                await self.drain()
        for sending in list(self._sending):
            # Its lease runs out and another pass sends it again: at least once.
            sending.cancel()
        if self._sending:
            await asyncio.wait(self._sending)
        await self.client.close()

    async def drain(self) -> None:
        """Wait for the sends in flight to end (each writes its outcome)."""
        while self._sending:
            await asyncio.wait(set(self._sending))

    def health(self) -> dict[str, Any]:
        return {
            "sent": self.sent,
            "failed": self.failed,
            "lastRunAt": self.last_run_at.isoformat() if self.last_run_at else None,
        }

    async def _run(self) -> None:
        while True:
            busy = 0
            try:
                busy = await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("webhook delivery: pass failed; retrying")
            if busy:
                continue
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.interval):
                    await self._kick.wait()
            self._kick.clear()

    async def run_once(self) -> int:
        """One pass; how many deliveries were owed or attempted."""
        now = datetime.now(UTC)
        self.last_run_at = now
        owed = await enqueue_all(now)
        room = self.settings.concurrency - len(self._sending)
        claims = await claim(now, room, self.lease) if room > 0 else []
        for claim_ in claims:
            task = asyncio.create_task(self._deliver(claim_), name=f"webhook-{claim_.delivery.id}")
            self._sending.add(task)
            task.add_done_callback(self._sent)
        return owed + len(claims)

    def _sent(self, task: asyncio.Task[None]) -> None:
        self._sending.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("webhook delivery: a send failed", exc_info=task.exception())
        self.kick()  # the next of its lane may go now

    async def _deliver(self, claim_: Claim) -> None:
        delivery = claim_.delivery
        outcome = await self._attempt(delivery)
        if outcome.ok:
            self.sent += 1
        else:
            self.failed += 1
            # A receiver's failure is the receiver's: one line, no traceback.
            log.info(
                "webhook delivery %s to endpoint %s failed: %s",
                delivery.id,
                delivery.endpoint_id,
                outcome.error,
            )
        await record(claim_, outcome, datetime.now(UTC), self.settings)

    async def _attempt(self, delivery: WebhookDelivery) -> Outcome:
        endpoint = await WebhookEndpoint.filter(id=delivery.endpoint_id).first()
        event = await Event.filter(agency_id=delivery.agency_id, seq=delivery.event_seq).first()
        if endpoint is None or event is None:
            return Outcome(None, "the endpoint or the event is gone", 0)
        try:
            body = {"id": message_id(delivery), **await self.render(of_row(event), delivery)}
        except Exception as exc:
            log.exception("webhook delivery %s: the notice could not be rendered", delivery.id)
            return Outcome(None, f"the notice could not be rendered ({type(exc).__name__})", 0)
        raw = orjson.dumps(body)
        now = datetime.now(UTC)
        keys = [endpoint.secret]
        if endpoint.previous_secret and (endpoint.previous_secret_until or now) > now:
            keys.append(endpoint.previous_secret)
        headers = sign(keys, message_id(delivery), int(time.time()), raw)
        # Its latency is the request's alone (a local receiver may answer within 1 ms: 0).
        return await self.client.post(endpoint.url, headers, raw)
