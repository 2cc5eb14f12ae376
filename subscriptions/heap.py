"""The young generations collected once a burst of subscriptions is over, not in a notice.

A subscription keeps a few hundred objects for as long as it is open (its tasks,
coroutines, async generators, their cells and contexts). Opened by the thousand (a
deploy, a network blip, a reconnect storm), they sit in the collector's young
generations until collections promote them: each collection of those generations then
walks about 100,000 of them, 35-80 ms with the loop stopped, and it comes whenever the
allocation count says so, often in the middle of a notice's fan-out. Once no subscription
has opened for `quiet` seconds after a burst of at least `burst`, this collects the young
generations at once: the same work the collector would do (nothing is frozen or put off),
at the end of the burst rather than inside the next notices.
"""

from __future__ import annotations

import asyncio
import gc


class BurstSettler:
    """Counts subscriptions opened; collects the young generations after a burst."""

    def __init__(self, *, burst: int = 50, quiet: float = 0.3) -> None:
        self.burst = burst
        self.quiet = quiet
        self.opened = 0  # in the current burst
        self.collections = 0  # made by this settler (tests)
        self._last = 0.0
        self._timer: asyncio.TimerHandle | None = None

    def opened_one(self) -> None:
        """A subscription opened (in the running loop)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # opened by hand, outside a loop (tests)
            return
        now = loop.time()
        if self._timer is None and now - self._last > self.quiet:
            self.opened = 0  # the last one came a quiet spell ago: a new burst, if any
        self.opened += 1
        self._last = now
        if self._timer is None and self.opened >= self.burst:
            self._timer = loop.call_later(self.quiet, self._check)

    def _check(self) -> None:
        # One timer for the whole burst: it looks again while subscriptions keep opening.
        loop = asyncio.get_running_loop()
        wait = self._last + self.quiet - loop.time()
        if wait > 0:
            self._timer = loop.call_later(wait, self._check)
            return
        self._timer = None
        self.opened = 0
        self.collections += 1
        gc.collect(1)

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
