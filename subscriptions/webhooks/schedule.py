"""When a failed delivery is tried again: exponential backoff with jitter, for a period.

The wait after a failure is as long as the delivery has been failing (at least
`retry_base`, at most `retry_max`), times a jitter of 0.75 to 1.25: waits double
(base, base, 2 base, 4 base…) without a counter to keep, and receivers that come back
are not hit by every sender at once. Defaults: 30 s doubling to hourly tries, for 24 h.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from models.webhook_settings import WebhookSettings


def retry_delay(
    failing_for: float, settings: WebhookSettings, rng: random.Random | None = None
) -> float:
    """Seconds to wait after a failure, the delivery failing for `failing_for` seconds."""
    base = min(settings.retry_max, max(settings.retry_base, failing_for))
    return base * (rng or random).uniform(0.75, 1.25)


def next_attempt(
    first_failed_at: datetime,
    now: datetime,
    settings: WebhookSettings,
    rng: random.Random | None = None,
) -> datetime | None:
    """When to try again, or None: it has failed for the whole retry period (give up)."""
    failing_for = (now - first_failed_at).total_seconds()
    if failing_for >= settings.retry_for:
        return None
    at = now + timedelta(seconds=retry_delay(failing_for, settings, rng))
    # The last try lands at the end of the period, not up to a whole wait past it.
    return min(at, first_failed_at + timedelta(seconds=settings.retry_for))


def schedule(settings: WebhookSettings) -> list[float]:
    """The waits (without jitter) a delivery that always fails goes through, in seconds."""
    waits: list[float] = []
    elapsed = 0.0
    while elapsed < settings.retry_for:
        wait = min(settings.retry_max, max(settings.retry_base, elapsed))
        wait = min(wait, settings.retry_for - elapsed)
        waits.append(wait)
        elapsed += wait
    return waits
