"""A count of the running event loop's passes, for tests of what goes on in one pass."""

from __future__ import annotations

import asyncio


def pass_counter() -> list[int]:
    """A one-item list whose item the running loop increments at every pass from now on
    (until the loop ends)."""
    passes = [0]
    loop = asyncio.get_running_loop()

    def tick() -> None:
        passes[0] += 1
        loop.call_soon(tick)

    loop.call_soon(tick)
    return passes
