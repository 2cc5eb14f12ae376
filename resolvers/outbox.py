"""Hand-off from committed transactions to the live-notice publisher.

The use cases know nothing of broadcaster: after a commit they pass the events they
wrote to whatever listener the running process installed (subscriptions/ does). A
failed hand-off loses nothing: the events table is the outbox and the relay
publishes what was not published.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence

from models.audit import Event

log = logging.getLogger(__name__)

Listener = Callable[[Sequence[Event]], Awaitable[None]]
_listeners: list[Listener] = []


def add_listener(listener: Listener) -> None:
    """Call `listener` with the events of every commit in this process."""
    _listeners.append(listener)


def remove_listener(listener: Listener) -> None:
    """Stop calling `listener`."""
    if listener in _listeners:
        _listeners.remove(listener)


async def events_committed(events: Sequence[Event]) -> None:
    """Tell the listeners; never raise (the relay catches up on anything missed)."""
    if not events:
        return
    for listener in list(_listeners):
        try:
            await listener(events)
        except Exception:
            log.exception(
                "publishing %d committed events failed; the relay will retry", len(events)
            )
    # Every listener has the events: the publisher's turn now, before the command goes
    # on, so its PUBLISH is written at once, not once the command's task next waits
    # (building and sending the response took ~0.7 ms meanwhile).
    await asyncio.sleep(0)
